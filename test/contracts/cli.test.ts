/** The commands as a CI job runs them: a readable report and the exit code. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/run-in-process.js';
import { writeOperatorsOwnPact } from './support/operator-own-pact.js';
import { startStrangerOperator, type RunningStranger } from './support/stranger-operator.js';

const run = runInProcess;

describe('trueplay-sandbox verify operator', () => {
  let stranger: RunningStranger | undefined;
  afterEach(async () => {
    await stranger?.close();
    stranger = undefined;
  });

  it('exits 0 with a report when the service keeps the contract', async () => {
    stranger = await startStrangerOperator({ secretKey: 's3cret', operatorId: 1 });
    const { exitCode, output } = await run(['verify', 'operator', '--base-url', stranger.url, '--secret', 's3cret', '--state-url', stranger.stateUrl]);
    expect(output).toContain('PASSED: 7 interactions passed, 0 failed');
    expect(exitCode).toBe(0);
  });

  it('exits 1 naming the interaction when the service breaks idempotency', async () => {
    stranger = await startStrangerOperator({ secretKey: 's3cret', operatorId: 1, broken: 'idempotency' });
    const { exitCode, output } = await run(['verify', 'operator', '--base-url', stranger.url, '--secret', 's3cret', '--state-url', stranger.stateUrl]);
    expect(output).toMatch(/FAILED Given a player exists And a token exchange was processed - Token Exchange: the same exchange sent again/);
    expect(exitCode).toBe(1);
  });

  it('exits 1 with a hint when the secret is not the service\'s', async () => {
    stranger = await startStrangerOperator({ secretKey: 's3cret', operatorId: 1 });
    const { exitCode, output } = await run(['verify', 'operator', '--base-url', stranger.url, '--secret', 'another', '--state-url', stranger.stateUrl]);
    expect(output).toContain('hint: the service answered 401 to');
    expect(exitCode).toBe(1);
  });

  it('refuses --publish without a broker', async () => {
    const { exitCode, output } = await run(['verify', 'operator', '--base-url', 'http://127.0.0.1:9', '--secret', 's', '--publish']);
    expect(output).toContain('--publish needs --broker-url');
    expect(exitCode).toBe(1);
  });
});

describe('trueplay-sandbox verify trueplay --pact <an operator\'s own pact>', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('exits 0 on a pact written with pact-js\'s PactV4, its own descriptions and state params', async () => {
    dir = mkdtempSync(join(tmpdir(), 'operator-pact-'));
    const pact = await writeOperatorsOwnPact(dir);
    const { exitCode, output } = await run(['verify', 'trueplay', '--pact', pact]);
    expect(output).toContain('✓ acme lists who takes part in its reload campaign');
    expect(output).toContain('PASSED: 4 interactions passed, 0 failed');
    expect(exitCode).toBe(0);
  }, 60_000);

  it('exits 1 when a state cannot be set up, naming the state, the URL and the answer, though its interaction passed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'operator-pact-'));
    const pact = await writeOperatorsOwnPact(dir, { unknownState: 'the storefront is open' });
    const { exitCode, output } = await run(['verify', 'trueplay', '--pact', pact]);
    expect(output).toMatch(/setup of state "the storefront is open" \{"storefront":"main"\} at http:\/\/127\.0\.0\.1:\d+\/sandbox\/provider-states failed: 400 .*UNKNOWN_PROVIDER_STATE/);
    expect(output).toMatch(/^FAILED: .*1 provider state\(s\) not set up$/m);
    expect(exitCode).toBe(1);
  }, 60_000);
});
