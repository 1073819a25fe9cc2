/** Hold to Earn (reference §2f): stakes from the loyalty page, their limit, and their return with the reward once the clock passes the end. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorShape, aMonday, HOUR, startTrueplay, type Harness } from './support/harness.js';

describe('Hold to Earn', () => {
  let tp: Harness;
  const monday = aMonday();
  beforeAll(async () => {
    tp = await startTrueplay({ playToEarnPercent: 0 });
    await tp.setClock(monday);
    await tp.campaign({ type: 'REGISTRATION', tokens: 6000 });
  });
  afterAll(() => tp.close());

  async function page(operatorUserId: string) {
    const link = await tp.api('GET', `/api/v1/loyalty-page?operatorUserId=${operatorUserId}`);
    return new URL(link.body.url).pathname;
  }

  it('defaults to 0.05 / 0.2 / 0.75 % and 5,000 tokens staked at once', async () => {
    const demo = (await tp.control('GET', '/sandbox/operators')).body.items[0];
    expect(demo.holdToEarn).toEqual({ periods: { PT8H: 0.05, P1D: 0.2, P3D: 0.75 }, maxStakePerUser: 5000 });
  });

  it('stakes for each period, pays reward = stake × percent half-up, once, when each period ends', async () => {
    const path = await page('holder');
    const staked = [];
    for (const [tokenAmount, period] of [[1000, 'PT8H'], [333.33, 'P1D'], [3000, 'P3D']] as const) {
      const answer = await tp.control('POST', `${path}/stake`, { tokenAmount, period });
      expect(answer.status, answer.text).toBe(200);
      staked.push(answer.body.stake);
    }
    // 1000 × 0.05 % = 0.5; 333.33 × 0.2 % = 0.66666 → 0.67; 3000 × 0.75 % = 22.5.
    expect(staked.map((s) => [s.reward, s.endsAt])).toEqual([
      [0.5, new Date(monday + 8 * HOUR).toISOString()],
      [0.67, new Date(monday + 24 * HOUR).toISOString()],
      [22.5, new Date(monday + 72 * HOUR).toISOString()],
    ]);
    expect(await tp.tokens('holder')).toBe(1666.67);
    await tp.advance('PT8H');
    expect(await tp.tokens('holder')).toBe(2667.17);
    await tp.advance('PT8H'); // nothing more is due
    expect(await tp.tokens('holder')).toBe(2667.17);
    await tp.advance('P3D'); // both others at once
    expect(await tp.tokens('holder')).toBe(6023.67);
    const state = await tp.control('GET', `${await page('holder')}/state`);
    expect(state.body.stakes).toEqual([]);
  });

  it('refuses more than the balance, past the limit, and bad input, changing nothing', async () => {
    const path = await page('careful');
    await tp.control('GET', `${path}/state`);
    expect((await tp.control('POST', `${path}/stake`, { tokenAmount: 4000, period: 'P1D' })).status).toBe(200);
    const before = tp.snapshot();
    const cases: [unknown, string][] = [
      [{ tokenAmount: 2001, period: 'P1D' }, 'INSUFFICIENT_TOKENS'],
      [{ tokenAmount: 1000.01, period: 'PT8H' }, 'STAKE_LIMIT_EXCEEDED'],
      [{ tokenAmount: 10, period: 'P2D' }, 'VALIDATION_ERROR'],
      [{ tokenAmount: 10.001, period: 'P1D' }, 'VALIDATION_ERROR'],
      [{ tokenAmount: 10 }, 'VALIDATION_ERROR'],
    ];
    for (const [body, code] of cases) {
      const answer = await tp.control('POST', `${path}/stake`, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expectErrorShape(answer, JSON.stringify(body));
      expect(answer.body.error.code).toBe(code);
    }
    expect(tp.snapshot()).toBe(before);
    // Exactly up to the limit is allowed.
    expect((await tp.control('POST', `${path}/stake`, { tokenAmount: 1000, period: 'PT8H' })).status).toBe(200);
  });
});
