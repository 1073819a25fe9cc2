import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { pollUntil } from '../support/poll.js';
import { exchangeBody, signedCall } from './support.js';

describe('fake wallet control API', () => {
  let sandbox: TestSandbox;
  const signed = (path: string, body: unknown) => signedCall(sandbox.walletUrl, path, body, { secretKey: sandbox.secretKey });

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('creates, overwrites and reads a player', async () => {
    const created = await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'c-1', balance: 1000, currency: 'USD' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ operatorUserId: 'c-1', balance: 1000, currency: 'USD' });
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'c-1', balance: 12.34567891, currency: 'EUR' });
    expect((await sandbox.wallet('GET', '/sandbox/players/c-1')).body).toEqual({ operatorUserId: 'c-1', balance: 12.34567891, currency: 'EUR' });
    const missing = await sandbox.wallet('GET', '/sandbox/players/nobody');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('USER_NOT_FOUND');
  });

  it('refuses bad players with 400 and changes nothing', async () => {
    for (const bad of [
      { operatorUserId: 'c-2', balance: -1, currency: 'USD' },
      { operatorUserId: 'c-2', balance: 1.123456789, currency: 'USD' },
      { operatorUserId: 'c-2', balance: 1, currency: 'usd' },
      { operatorUserId: 'c-2', balance: '1', currency: 'USD' },
    ]) {
      const refused = await sandbox.wallet('POST', '/sandbox/players', bad);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_ERROR');
    }
    expect((await sandbox.wallet('GET', '/sandbox/players/c-2')).status).toBe(404);
  });

  it('injects, lists and clears faults; a spoiled call moves nothing', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'c-3', balance: 10, currency: 'USD' });
    const fault = await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', status: 503, times: 2 });
    expect(fault.status).toBe(201);
    expect(fault.body).toMatchObject({ path: '/trueplay/token-exchange', status: 503, delayMs: 0, remaining: 2 });

    const body = exchangeBody('c-3', 'CREDIT', 5);
    const spoiled = await signed('/trueplay/token-exchange', body);
    expect(spoiled.status).toBe(503);
    expect(spoiled.body.error.code).toBe('INJECTED_FAULT');
    expect((await sandbox.wallet('GET', '/sandbox/players/c-3')).body.balance).toBe(10);
    expect((await sandbox.wallet('GET', '/sandbox/faults')).body.items).toEqual([{ ...fault.body, remaining: 1 }]);

    expect((await sandbox.wallet('DELETE', '/sandbox/faults')).status).toBe(204);
    expect((await sandbox.wallet('GET', '/sandbox/faults')).body.items).toEqual([]);
    const handled = await signed('/trueplay/token-exchange', body);
    expect(handled.status).toBe(200);
    expect(handled.body.balance).toBe(15);
  });

  it('a delayed call does not hold up other calls', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'c-4', balance: 1, currency: 'USD' });
    await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/balance', delayMs: 60_000 });
    let slowSettled = false;
    const slow = signed('/trueplay/balance', { operatorId: 1, operatorUserId: 'c-4' }).finally(() => (slowSettled = true));
    // Once the fault is taken the slow call is waiting; the next ones are answered meanwhile.
    await pollUntil('the slow call to take its fault', async () => (await sandbox.wallet('GET', '/sandbox/faults')).body.items.length === 0, 10_000);
    const fast = await signed('/trueplay/balance', { operatorId: 1, operatorUserId: 'c-4' });
    expect(fast.status).toBe(200);
    expect(slowSettled).toBe(false);
    void slow.catch(() => undefined); // dropped when the sandbox closes
  });

  it('refuses faults it cannot apply', async () => {
    for (const bad of [
      { path: '/trueplay/token-exchange' },
      { path: '/trueplay/token-exchange', status: 102 },
      { path: 'trueplay/balance', status: 500 },
      { path: '/sandbox/faults', status: 500 },
      { path: '/trueplay/balance', status: 500, times: 0 },
    ]) {
      const refused = await sandbox.wallet('POST', '/sandbox/faults', bad);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('resets players, remembered exchanges and faults', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'c-5', balance: 10, currency: 'USD' });
    const body = exchangeBody('c-5', 'DEBIT', 10);
    expect((await signed('/trueplay/token-exchange', body)).status).toBe(200);
    await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/balance', status: 500 });

    expect((await sandbox.wallet('POST', '/sandbox/reset')).status).toBe(204);
    expect((await sandbox.wallet('GET', '/sandbox/players/c-5')).status).toBe(404);
    expect((await sandbox.wallet('GET', '/sandbox/faults')).body.items).toEqual([]);
    // The exchange id is forgotten too: after the player is back, the same id moves money again.
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'c-5', balance: 10, currency: 'USD' });
    expect((await signed('/trueplay/token-exchange', body)).body.balance).toBe(0);
  });
});
