import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every JSON response of both servers is checked against openapi/ while tests run.
    env: { TRUEPLAY_SANDBOX_STRICT_RESPONSES: '1', PACT_DO_NOT_TRACK: 'true' },
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Most of the suite waits on child processes, Chromium and sockets, so vitest's default of one worker per core
    // but one leaves cores idle: on two cores, one worker took 530 s and three took 346 s.
    maxWorkers: availableParallelism() + 1,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
