import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './support/sandbox.js';

describe('fake Trueplay smoke', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('creates the user on the first bet and answers its balance', async () => {
    const bet = await sandbox.api('POST', '/api/v1/accept', {
      operatorUserId: 'p1', transactionId: 't1', type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 10,
    });
    expect(bet.status).toBe(200);
    expect(bet.body).toMatchObject({ status: 'OK', transactionId: 't1', duplicate: false });
    const balance = await sandbox.api('GET', '/api/v1/users/p1/balance');
    // The BET's Play to Earn: 0.1 % of 10.
    expect(balance.body).toEqual({ operatorUserId: 'p1', trueplayUserId: bet.body.trueplayUserId, tokenBalance: 0.01 });
  });
});
