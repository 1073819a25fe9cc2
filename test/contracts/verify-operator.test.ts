/** `verify operator`: the fake wallet and a stranger's §2b service pass; one with a rule switched off fails, naming the interaction. */
import { afterEach, describe, expect, it } from 'vitest';
import { formatVerification } from '../../src/contracts/report.js';
import { verifyOperator } from '../../src/contracts/verify-operator.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { startStrangerOperator, type RunningStranger } from './support/stranger-operator.js';

const REPLAY = 'Token Exchange: the same exchange sent again returns the first answer and moves no money';
const BAD_SIGNATURE = 'Token Exchange: a request with a wrong X-REQUEST-SIGNATURE';

describe('verify operator', () => {
  let sandbox: TestSandbox | undefined;
  let stranger: RunningStranger | undefined;
  afterEach(async () => {
    await sandbox?.close();
    await stranger?.close();
    sandbox = stranger = undefined;
  });

  it('passes the fake wallet, re-signing every call with its own secret', async () => {
    // Not the demo secret the pact's example signatures were made with: only a re-signed call can pass.
    sandbox = await startTestSandbox({ secretKey: 'the-wallets-own-secret' });
    const result = await verifyOperator({ baseUrl: sandbox.walletUrl, secretKey: 'the-wallets-own-secret' });
    expect(result.failures).toEqual([]);
    expect(result.stateErrors).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.interactions.map((i) => i.description)).toContain(REPLAY);
    expect(result.interactions.length).toBe(7);
  });

  it('passes a stranger\'s service written from §2b, with its own state URL and operatorId', async () => {
    stranger = await startStrangerOperator({ secretKey: 'stranger-secret', operatorId: 77 });
    const result = await verifyOperator({ baseUrl: stranger.url, stateUrl: stranger.stateUrl, secretKey: 'stranger-secret', operatorId: 77 });
    expect(result.failures).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('fails a service that skips idempotency, naming the replay interaction and the balance it got wrong', async () => {
    stranger = await startStrangerOperator({ secretKey: 'stranger-secret', operatorId: 1, broken: 'idempotency' });
    const result = await verifyOperator({ baseUrl: stranger.url, stateUrl: stranger.stateUrl, secretKey: 'stranger-secret' });
    expect(result.passed).toBe(false);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]!.interaction).toContain(REPLAY);
    expect(result.failures[0]!.problems.join('\n')).toMatch(/\$\.balance.*109\.4.*79\\\.7/);
    const report = formatVerification('operator', result);
    expect(report).toContain(`✗ ${REPLAY}`);
    expect(report).toContain('FAILED: 6 interactions passed, 1 failed');
  });

  it('fails a service that does not check signatures, naming the bad-signature interaction', async () => {
    stranger = await startStrangerOperator({ secretKey: 'stranger-secret', operatorId: 1, broken: 'signature' });
    const result = await verifyOperator({ baseUrl: stranger.url, stateUrl: stranger.stateUrl, secretKey: 'stranger-secret' });
    expect(result.passed).toBe(false);
    expect(result.failures.map((f) => f.interaction)).toEqual([expect.stringContaining(BAD_SIGNATURE)]);
    expect(result.failures[0]!.problems.join('\n')).toContain('Expected status code 200 to be a Client error');
  });

  it('reports a state-setup URL that is not there', async () => {
    sandbox = await startTestSandbox();
    const result = await verifyOperator({ baseUrl: sandbox.walletUrl, secretKey: sandbox.secretKey, stateUrl: `${sandbox.walletUrl}/no/such/states` });
    expect(result.passed).toBe(false);
    expect(result.stateErrors[0]).toMatch(/setup of state "a player exists" .* failed: 404/);
  });
});
