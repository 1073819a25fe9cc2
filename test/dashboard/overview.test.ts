import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const bet = (operatorUserId: string, transactionId: string) => ({
  operatorUserId, transactionId, type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 10,
});

describe('GET /sandbox/overview (the dashboard\'s data)', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ playToEarnPercent: 0 }); // about what the dashboard shows, with balances from awards only
  });
  afterAll(() => sandbox.close());

  it('lists operators, users with token and casino balances, campaigns with participants, and the clock', async () => {
    const second = await sandbox.control('POST', '/sandbox/operators', { name: 'Euro casino', apiKey: 'euro-key', currency: 'EUR' });
    expect(second.status).toBe(201);
    const welcome = await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Welcome', type: 'REGISTRATION', tokens: 100 });
    expect(welcome.status).toBe(201);
    expect((await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'alice', balance: 250.5, currency: 'USD' })).status).toBe(201);
    expect((await sandbox.api('POST', '/api/v1/accept', bet('alice', 't1'))).status).toBe(200);
    expect((await sandbox.api('POST', '/api/v1/accept', bet('bob', 't2'))).status).toBe(200);
    expect((await sandbox.api('POST', '/api/v1/accept', bet('carol', 't3'), { apiKey: 'euro-key' })).status).toBe(200);

    const overview = await sandbox.control('GET', '/sandbox/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.operators.map((o: { name: string }) => o.name)).toEqual(['Demo Casino', 'Euro casino']);
    expect(overview.body.users).toEqual([
      expect.objectContaining({ operatorId: 1, operatorUserId: 'alice', tokenBalance: 100, casinoBalance: 250.5, casinoCurrency: 'USD' }),
      // Known to Trueplay, not to the wallet.
      expect.objectContaining({ operatorId: 1, operatorUserId: 'bob', tokenBalance: 100, casinoBalance: null, casinoCurrency: null }),
      // The wallet serves the demo operator only.
      expect.objectContaining({ operatorId: second.body.operatorId, operatorUserId: 'carol', casinoBalance: null }),
    ]);
    expect(overview.body.usersTruncated).toBe(false);
    expect(overview.body.campaigns).toEqual([
      { campaign: expect.objectContaining({ id: welcome.body.id, participantCount: 2 }), participants: ['alice', 'bob'] },
    ]);
    expect(overview.body.clock).toEqual({ now: expect.any(String), frozen: false });
  });
});
