import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

interface JournalItem {
  direction: string;
  path: string;
  status: number | null;
  requestBody: { transactionId: string; type: string; referenceTransactionId: string | null; amount: number; gameType: string };
}

describe('fake wallet playing as the casino', () => {
  let sandbox: TestSandbox;
  const accepted = async (operatorUserId: string) => {
    const journal = await sandbox.control('GET', `/sandbox/journal?limit=1000`);
    return (journal.body.items as JournalItem[]).filter(
      (e) => e.direction === 'operator->trueplay' && e.path === '/api/v1/accept' && (e.requestBody as unknown as { operatorUserId: string }).operatorUserId === operatorUserId,
    );
  };

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('debits the stake, sends the BET and a WIN that references it, and credits the win', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'bet-1', balance: 1000, currency: 'USD' });
    const result = await sandbox.wallet('POST', '/sandbox/bets', { operatorUserId: 'bet-1', amount: 10, win: 4 });
    expect(result.status).toBe(200);
    expect(result.body.balance).toBe(994);
    expect(result.body.bet).toMatchObject({ status: 200, response: { status: 'OK', duplicate: false } });
    expect(result.body.win).toMatchObject({ status: 200, response: { status: 'OK', duplicate: false } });
    expect(result.body.bet.transactionId).toMatch(/^bet-/);
    expect(result.body.win.transactionId).toBe(`${result.body.bet.transactionId}-win`);

    const sent = await accepted('bet-1');
    expect(sent.map((e) => [e.requestBody.type, e.requestBody.amount, e.requestBody.referenceTransactionId, e.status])).toEqual([
      ['BET', 10, null, 200],
      ['WIN', 4, result.body.bet.transactionId, 200],
    ]);
    // Trueplay created the user on the first game transaction.
    const user = await sandbox.api('GET', '/api/v1/users/bet-1/balance');
    expect(user.status).toBe(200);
    expect(user.body.trueplayUserId).toBe(result.body.bet.response.trueplayUserId);
    expect((await sandbox.wallet('GET', '/sandbox/players/bet-1')).body.balance).toBe(994);
  });

  it('settles a lost sportsbook bet with a WIN of 0 under the given transaction id', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'sb-1', balance: 100, currency: 'USD' });
    const result = await sandbox.wallet('POST', '/sandbox/bets', {
      operatorUserId: 'sb-1', amount: 25, gameType: 'Sportsbook', gameProvider: 'betradar', gameCode: 'football', gameName: 'Football', transactionId: 'sb-bet-1', win: 0,
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ bet: { transactionId: 'sb-bet-1', status: 200 }, win: { transactionId: 'sb-bet-1-win', status: 200 }, balance: 75 });
    const sent = await accepted('sb-1');
    expect(sent.map((e) => [e.requestBody.type, e.requestBody.gameType, e.requestBody.amount, e.requestBody.referenceTransactionId])).toEqual([
      ['BET', 'Sportsbook', 25, null],
      ['WIN', 'Sportsbook', 0, 'sb-bet-1'],
    ]);
  });

  it('sends no WIN when none is asked for', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'bet-2', balance: 20.5, currency: 'USD' });
    const result = await sandbox.wallet('POST', '/sandbox/bets', { operatorUserId: 'bet-2', amount: 0.25 });
    expect(result.body).toMatchObject({ win: null, balance: 20.25 });
    expect((await accepted('bet-2')).map((e) => e.requestBody.type)).toEqual(['BET']);
  });

  it('refuses a stake beyond the balance with INSUFFICIENT_FUNDS and sends nothing', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'bet-3', balance: 5, currency: 'USD' });
    const result = await sandbox.wallet('POST', '/sandbox/bets', { operatorUserId: 'bet-3', amount: 5.01, win: 100 });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('INSUFFICIENT_FUNDS');
    expect((await sandbox.wallet('GET', '/sandbox/players/bet-3')).body.balance).toBe(5);
    expect(await accepted('bet-3')).toEqual([]);
  });

  it('refuses an unknown player (404) and a currency the player does not hold (400)', async () => {
    expect((await sandbox.wallet('POST', '/sandbox/bets', { operatorUserId: 'nobody', amount: 1 })).status).toBe(404);
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'bet-4', balance: 5, currency: 'EUR' });
    const wrong = await sandbox.wallet('POST', '/sandbox/bets', { operatorUserId: 'bet-4', amount: 1, currency: 'USD' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('CURRENCY_MISMATCH');
  });

  it('keeps the stake debited when Trueplay refuses the BET, and then sends no WIN', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'bet-5', balance: 50, currency: 'USD' });
    const first = await sandbox.wallet('POST', '/sandbox/bets', { operatorUserId: 'bet-5', amount: 10, transactionId: 'dup-1' });
    expect(first.body.bet.status).toBe(200);
    // The same transactionId with another body: Trueplay answers 409, the casino's money has moved anyway.
    const second = await sandbox.wallet('POST', '/sandbox/bets', { operatorUserId: 'bet-5', amount: 20, transactionId: 'dup-1', win: 30 });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ bet: { status: 409, response: { error: { code: 'DUPLICATE_TRANSACTION' } } }, win: null, balance: 20 });
  });
});
