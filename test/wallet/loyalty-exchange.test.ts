import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

/** The loyalty page actions of a user, through the fake Trueplay to the fake wallet and back. */
function loyaltyOf(sandbox: TestSandbox) {
  return async (operatorUserId: string) => {
    const link = await sandbox.api('GET', `/api/v1/loyalty-page?operatorUserId=${operatorUserId}`);
    expect(link.status).toBe(200);
    const path = new URL(link.body.url).pathname;
    return {
      withdraw: (tokenAmount: number) => sandbox.control('POST', `${path}/withdraw`, { tokenAmount }),
      purchase: (tokenAmount: number) => sandbox.control('POST', `${path}/purchase`, { tokenAmount }),
      tokens: async () => (await sandbox.api('GET', `/api/v1/users/${operatorUserId}/balance`)).body.tokenBalance as number,
      casino: async () => (await sandbox.wallet('GET', `/sandbox/players/${operatorUserId}`)).body.balance as number,
    };
  };
}

/** Every Token Exchange attempt Trueplay sent for a user, oldest first. */
async function exchangeAttempts(sandbox: TestSandbox, operatorUserId: string) {
  const journal = await sandbox.control('GET', `/sandbox/journal?limit=1000`);
  return (journal.body.items as { direction: string; path: string; status: number | null; requestBody: { id: string; operatorUserId: string } }[])
    .filter((e) => e.direction === 'trueplay->operator' && e.path === '/trueplay/token-exchange' && e.requestBody.operatorUserId === operatorUserId);
}

async function withRegistrationTokens(sandbox: TestSandbox, tokens: number) {
  const campaign = await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Welcome', type: 'REGISTRATION', tokens });
  expect(campaign.status).toBe(201);
}

describe('fake wallet behind the loyalty page', () => {
  let sandbox: TestSandbox;
  let loyalty: ReturnType<typeof loyaltyOf>;
  const player = (operatorUserId: string, balance = 0) => sandbox.wallet('POST', '/sandbox/players', { operatorUserId, balance, currency: 'USD' });

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    loyalty = loyaltyOf(sandbox);
    // Before any user exists, so each new user is welcomed with 400 tokens.
    await withRegistrationTokens(sandbox, 400);
  });
  afterAll(() => sandbox.close());

  it('withdrawing 400 tokens at rate 1 pays 396 (1 % fee) into the casino balance', async () => {
    await player('w-1');
    const user = await loyalty('w-1');
    const result = await user.withdraw(400);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ status: 'OK', exchange: { action: 'CREDIT', amount: 396, tokenAmount: 400, exchangeRate: 1, currency: 'USD' }, tokenBalance: 0 });
    expect(await user.casino()).toBe(396);
    expect(await user.tokens()).toBe(0);
  });

  it('purchasing tokens debits the casino and adds the tokens', async () => {
    await player('p-1', 100);
    const user = await loyalty('p-1');
    const result = await user.purchase(50);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ status: 'OK', exchange: { action: 'DEBIT', amount: 50, tokenAmount: 50 }, tokenBalance: 450 });
    expect(await user.casino()).toBe(50);
    expect(await user.tokens()).toBe(450);
  });

  it('a purchase the casino cannot cover is refused and moves nothing', async () => {
    await player('p-2', 10);
    const user = await loyalty('p-2');
    const result = await user.purchase(11);
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('INSUFFICIENT_FUNDS');
    expect(await user.casino()).toBe(10);
    expect(await user.tokens()).toBe(400);
  });

  it('a 500 injected once is retried with the same id and pays once', async () => {
    await player('f-1');
    const user = await loyalty('f-1');
    await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', status: 500, times: 1 });
    const result = await user.withdraw(100);
    expect(result.status).toBe(200);
    expect(await user.casino()).toBe(99);
    expect(await user.tokens()).toBe(300);
    const attempts = await exchangeAttempts(sandbox, 'f-1');
    expect(attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(new Set(attempts.map((a) => a.requestBody.id)).size).toBe(1);
    expect((await sandbox.wallet('GET', '/sandbox/faults')).body.items).toEqual([]);
  });

  it('a 4xx from the wallet restores the tokens and moves no money', async () => {
    await player('f-2', 5);
    const user = await loyalty('f-2');
    await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', status: 422 });
    const result = await user.withdraw(100);
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('EXCHANGE_FAILED');
    expect(await user.tokens()).toBe(400);
    expect(await user.casino()).toBe(5);
    expect((await exchangeAttempts(sandbox, 'f-2')).map((a) => a.status)).toEqual([422]);
  });

  it('a withdrawal for a player the wallet does not know is refused (404) and the tokens come back', async () => {
    const user = await loyalty('ghost-1');
    const result = await user.withdraw(10);
    expect(result.status).toBe(400);
    expect(await user.tokens()).toBe(400);
  });
});

describe('fake wallet slower than Trueplay\'s deadline', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ exchangeTimeoutMs: 300 });
    await withRegistrationTokens(sandbox, 400);
  });
  afterAll(() => sandbox.close());

  it('a call delayed past the deadline is retried with the same id and pays once', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'slow-1', balance: 0, currency: 'USD' });
    const user = await loyaltyOf(sandbox)('slow-1');
    await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', delayMs: 1000, times: 1 });
    const result = await user.withdraw(400);
    expect(result.status).toBe(200);
    expect(await user.casino()).toBe(396);
    expect(await user.tokens()).toBe(0);
    const attempts = await exchangeAttempts(sandbox, 'slow-1');
    expect(attempts.map((a) => a.status)).toEqual([null, 200]);
    expect(new Set(attempts.map((a) => a.requestBody.id)).size).toBe(1);
  });
});
