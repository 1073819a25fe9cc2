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

describe('an exchange worth nothing (issue 17: 2 tokens at 0.00203250655485 cost $0.0041 → $0.00, bought again and again)', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    await sandbox.control('PATCH', '/sandbox/operators/1', { exchangeRate: 0.00203250655485 });
    await withRegistrationTokens(sandbox, 10);
  });
  afterAll(() => sandbox.close());

  it('is 400 AMOUNT_TOO_SMALL naming the least, moves nothing and calls nobody; the least goes through', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'tiny-1', balance: 5, currency: 'USD' });
    const link = await sandbox.api('GET', '/api/v1/loyalty-page?operatorUserId=tiny-1');
    const path = new URL(link.body.url).pathname;
    const journalSize = async () => (await sandbox.control('GET', '/sandbox/journal?direction=trueplay->operator&limit=1000')).body.items.length;

    // Refused before the visit: the user is not even created.
    const first = await sandbox.control('POST', `${path}/purchase`, { tokenAmount: 2 });
    expect([first.status, first.body.error.code]).toEqual([400, 'AMOUNT_TOO_SMALL']);
    expect(first.body.error.message).toContain('at least 2.47 tokens');
    expect((await sandbox.api('GET', '/api/v1/users/tiny-1/balance')).status).toBe(404);

    const page = await sandbox.control('GET', path);
    expect(page.text).toContain('At least 2.47 tokens');
    expect(page.text).toContain('At least 2.49 tokens');
    const calls = await journalSize();
    for (const [action, tokenAmount] of [['purchase', 2], ['purchase', 0.01], ['purchase', 2.46], ['withdraw', 2.48], ['withdraw', 1]] as const) {
      const refused = await sandbox.control('POST', `${path}/${action}`, { tokenAmount });
      expect([refused.status, refused.body.error.code]).toEqual([400, 'AMOUNT_TOO_SMALL']);
    }
    expect(await journalSize()).toBe(calls);
    expect((await sandbox.api('GET', '/api/v1/users/tiny-1/balance')).body.tokenBalance).toBe(10);
    expect((await sandbox.wallet('GET', '/sandbox/players/tiny-1')).body.balance).toBe(5);

    const bought = await sandbox.control('POST', `${path}/purchase`, { tokenAmount: 2.47 });
    expect([bought.status, bought.body.exchange.amount, bought.body.tokenBalance]).toEqual([200, 0.01, 12.47]);
    const withdrawn = await sandbox.control('POST', `${path}/withdraw`, { tokenAmount: 2.49 });
    expect([withdrawn.status, withdrawn.body.exchange.amount, withdrawn.body.tokenBalance]).toEqual([200, 0.01, 9.98]);
    expect((await sandbox.wallet('GET', '/sandbox/players/tiny-1')).body.balance).toBe(5);
  });

  it('a 100 % withdrawal fee refuses every withdrawal and says none is possible', async () => {
    await sandbox.control('PATCH', '/sandbox/operators/1', { exchangeRate: 1, withdrawalFeePercent: 100 });
    const link = await sandbox.api('GET', '/api/v1/loyalty-page?operatorUserId=tiny-1');
    const refused = await sandbox.control('POST', `${new URL(link.body.url).pathname}/withdraw`, { tokenAmount: 5 });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'AMOUNT_TOO_SMALL']);
    expect(refused.body.error.message).toContain('no amount of tokens can be withdrawn');
  });
});
