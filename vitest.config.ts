import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every JSON response of both servers is checked against openapi/ while tests run.
    env: { TRUEPLAY_SANDBOX_STRICT_RESPONSES: '1', PACT_DO_NOT_TRACK: 'true' },
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
