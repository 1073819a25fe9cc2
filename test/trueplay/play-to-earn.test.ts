/**
 * Play to Earn (reference §2f): each accepted real-money BET earns amount × percent ÷ 100 ÷ exchangeRate tokens,
 * half-up to 2 decimals; its ROLLBACK takes them back, never below zero. The expected tokens come from an oracle
 * written here in integer arithmetic on the decimal text, not from the sandbox's Decimal code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrueplay, type Harness, type Operator } from './support/harness.js';

/** Scaled integer of a decimal text: "12.345" at scale 3 → 12345n. */
const scaled = (text: string, scale: number) => {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole! + fraction.padEnd(scale, '0').slice(0, scale));
};
/** The oracle: tokens in hundredths, half-up, from amount, percent and rate given as decimal text. */
function expectedHundredths(amount: string, percent: string, rate: string): bigint {
  const S = 12;
  // tokens × 100 = amount × percent ÷ 100 ÷ rate × 100 = amount × percent ÷ rate
  const numerator = scaled(amount, S) * scaled(percent, S);
  const denominator = scaled(rate, S) * 10n ** BigInt(S);
  return (2n * numerator + denominator) / (2n * denominator);
}
const tokensOf = (hundredths: bigint) => Number(hundredths) / 100;

describe('Play to Earn', () => {
  let tp: Harness;
  let casino: Operator;

  beforeAll(async () => {
    tp = await startTrueplay();
    casino = await tp.operator({ name: 'Earning', exchangeRate: 0.75, playToEarnPercent: 0.3 });
  });
  afterAll(() => tp.close());

  it.each([
    ['100', 0.4],
    ['3.33', 0.01], // 0.01332 → 0.01
    ['6.25', 0.03], // 0.025 → 0.03, half-up
    ['0.01', 0],
    ['123456.78', 493.83],
  ])('a BET of %s earns what the oracle says (%s tokens at 0.3 %% and rate 0.75)', async (amount, tokens) => {
    const player = `p-${amount}`;
    const answer = await tp.play(player, `bet-${amount}`, 'BET', Number(amount), {}, casino.apiKey);
    // The BET's answer is as it always was.
    expect(Object.keys(answer).sort()).toEqual(['duplicate', 'status', 'transactionId', 'trueplayUserId']);
    expect(tokensOf(expectedHundredths(amount, '0.3', '0.75'))).toBe(tokens);
    expect(await tp.tokens(player, casino.apiKey)).toBe(tokens);
  });

  it('earns on a Sportsbook BET when it is accepted, not on BONUS_BET, WIN or a retried BET', async () => {
    await tp.play('sam', 's1', 'BET', 75, { gameType: 'Sportsbook' }, casino.apiKey);
    expect(await tp.tokens('sam', casino.apiKey)).toBe(0.3);
    await tp.play('sam', 's1', 'BET', 75, { gameType: 'Sportsbook' }, casino.apiKey);
    await tp.play('sam', 's2', 'WIN', 500, { gameType: 'Sportsbook', referenceTransactionId: 's1' }, casino.apiKey);
    await tp.play('sam', 's3', 'BONUS_BET', 750, {}, casino.apiKey);
    expect(await tp.tokens('sam', casino.apiKey)).toBe(0.3);
  });

  it('takes the earning back on ROLLBACK, once, and never below zero', async () => {
    await tp.play('rob', 'r1', 'BET', 250, {}, casino.apiKey); // 1 token
    await tp.play('rob', 'r2', 'BET', 125, {}, casino.apiKey); // 0.5
    await tp.play('rob', 'r3', 'ROLLBACK', 250, { referenceTransactionId: 'r1' }, casino.apiKey);
    await tp.play('rob', 'r3', 'ROLLBACK', 250, { referenceTransactionId: 'r1' }, casino.apiKey); // retried
    await tp.play('rob', 'r4', 'ROLLBACK', 250, { referenceTransactionId: 'r1' }, casino.apiKey); // a second rollback of it
    expect(await tp.tokens('rob', casino.apiKey)).toBe(0.5);

    const link = await tp.api('GET', '/api/v1/loyalty-page?operatorUserId=rob', undefined, { apiKey: casino.apiKey });
    const state = await tp.control('GET', `${new URL(link.body.url).pathname}/state`);
    expect(state.body.history.map((h: { kind: string; tokenAmount: number }) => `${h.kind} ${h.tokenAmount}`)).toEqual([
      'PLAY_TO_EARN_ROLLBACK 1', 'PLAY_TO_EARN 0.5', 'PLAY_TO_EARN 1',
    ]);
  });

  it('takes back only what is left when the earning was spent meanwhile', async () => {
    // The demo operator (0.1 %, rate 1) has the fake wallet behind it, so the player can withdraw.
    await tp.wallet('POST', '/sandbox/players', { operatorUserId: 'spender', balance: 0, currency: 'USD' });
    await tp.play('spender', 'sp1', 'BET', 1000); // 1 token
    const link = await tp.api('GET', '/api/v1/loyalty-page?operatorUserId=spender');
    const page = new URL(link.body.url).pathname;
    expect((await tp.control('POST', `${page}/withdraw`, { tokenAmount: 0.6 })).status).toBe(200);
    await tp.play('spender', 'sp2', 'ROLLBACK', 1000, { referenceTransactionId: 'sp1' });
    expect(await tp.tokens('spender')).toBe(0);
    const state = await tp.control('GET', `${page}/state`);
    expect(state.body.history.map((h: { kind: string; tokenAmount: number }) => `${h.kind} ${h.tokenAmount}`)).toEqual([
      'PLAY_TO_EARN_ROLLBACK 0.4', 'EXCHANGE 0.6', 'PLAY_TO_EARN 1',
    ]);
  });

  it('earns nothing for an operator that turned it off', async () => {
    const off = await tp.operator({ name: 'No earning', playToEarnPercent: 0 });
    await tp.play('zed', 'z1', 'BET', 1_000_000, {}, off.apiKey);
    expect(await tp.tokens('zed', off.apiKey)).toBe(0);
  });

  it('refuses a percent outside 0..100 and changes nothing', async () => {
    for (const playToEarnPercent of [-0.1, 101, '1']) {
      const response = await tp.control('POST', '/sandbox/operators', { name: 'Bad', playToEarnPercent });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
    }
  });
});

describe('Play to Earn and Hold to Earn settings by PATCH', () => {
  it('changes them alone, keeping the rest, and the next BET earns at the new percent', async () => {
    const tp = await startTrueplay();
    try {
      const patched = await tp.control('PATCH', '/sandbox/operators/1', { playToEarnPercent: 2, holdToEarn: { periods: { PT8H: 1, P1D: 2, P3D: 3 }, maxStakePerUser: 10 } });
      expect(patched.status, patched.text).toBe(200);
      expect(patched.body).toMatchObject({ playToEarnPercent: 2, holdToEarn: { periods: { PT8H: 1, P1D: 2, P3D: 3 }, maxStakePerUser: 10 }, exchangeRate: 1 });
      await tp.play('patched', 'pa1', 'BET', 10);
      expect(await tp.tokens('patched')).toBe(0.2);
    } finally {
      await tp.close();
    }
  });
});
