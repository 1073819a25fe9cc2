/** `verify trueplay`: the fake Trueplay passes the operator → Trueplay pact, through its own provider-state endpoint. */
import { afterEach, describe, expect, it } from 'vitest';
import { verifyTrueplay } from '../../src/contracts/verify-trueplay.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

describe('verify trueplay', () => {
  let sandbox: TestSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('passes the fake Trueplay started in-process, every interaction of operator-trueplay.json', async () => {
    const result = await verifyTrueplay();
    expect(result.failures).toEqual([]);
    expect(result.stateErrors).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.interactions.length).toBeGreaterThanOrEqual(29);
  });

  it('passes a running fake Trueplay given by its URL', async () => {
    sandbox = await startTestSandbox();
    const result = await verifyTrueplay({ baseUrl: sandbox.trueplayUrl });
    expect(result.failures).toEqual([]);
    expect(result.passed).toBe(true);
  });
});

describe('the fake Trueplay\'s provider-state endpoint', () => {
  let sandbox: TestSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('sets up a campaign with participants and answers its id; teardown resets', async () => {
    sandbox = await startTestSandbox();
    const setup = await sandbox.control('POST', '/sandbox/provider-states', {
      state: 'a campaign exists', params: { type: 'DEPOSIT', tokens: 20, participants: ['player-1'] }, action: 'setup',
    });
    expect(setup.status).toBe(200);
    expect(setup.body).toEqual({ campaignId: expect.any(Number) });
    const page = await sandbox.api('GET', `/api/v1/campaigns/${setup.body.campaignId}/participants`);
    expect(page.body).toMatchObject({ items: [{ operatorUserId: 'player-1' }], total: 1 });

    const teardown = await sandbox.control('POST', '/sandbox/provider-states', { state: 'a campaign exists', params: {}, action: 'teardown' });
    expect(teardown.status).toBe(200);
    expect((await sandbox.api('GET', '/api/v1/campaigns')).body).toEqual({ items: [] });
  });

  it('refuses an unknown state and bad params with a 400 that says why', async () => {
    sandbox = await startTestSandbox();
    const unknown = await sandbox.control('POST', '/sandbox/provider-states', { state: 'the moon is full', params: {} });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('UNKNOWN_PROVIDER_STATE');
    const bad = await sandbox.control('POST', '/sandbox/provider-states', { state: 'a game transaction was accepted', params: { operatorUserId: 'p' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
  });
});
