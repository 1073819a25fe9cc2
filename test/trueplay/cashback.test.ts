/** Cashback (§2c) through the wire: the worked day, weekly periods, paid once, late sportsbook settlement, exchange rate. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshSandbox } from '../support/sandbox.js';
import { DAY, HOUR, aMonday, iso, startTrueplay, type Harness } from './support/harness.js';

describe('cashback', () => {
  let tp: Harness;
  const monday = aMonday();

  beforeAll(async () => {
    tp = await startTrueplay({ playToEarnPercent: 0 }); // about cashback, not Play to Earn
  });
  afterAll(() => tp.close());
  beforeEach(async () => {
    await freshSandbox(tp, { now: monday });
  });

  /** The brief's day: slot BET 100 / WIN 30, sportsbook BET 50 lost, an open sportsbook BET 40, a BONUS_BET, a rolled-back BET. */
  async function playWorkedDay(user: string, apiKey?: string) {
    await tp.play(user, `${user}-slot-bet`, 'BET', 100, {}, apiKey);
    await tp.play(user, `${user}-slot-win`, 'WIN', 30, { referenceTransactionId: `${user}-slot-bet` }, apiKey);
    await tp.play(user, `${user}-sb-bet`, 'BET', 50, { gameType: 'Sportsbook' }, apiKey);
    await tp.play(user, `${user}-sb-loss`, 'WIN', 0, { gameType: 'Sportsbook', referenceTransactionId: `${user}-sb-bet` }, apiKey);
    await tp.play(user, `${user}-sb-open`, 'BET', 40, { gameType: 'Sportsbook' }, apiKey);
    await tp.play(user, `${user}-bonus`, 'BONUS_BET', 25, {}, apiKey);
    await tp.play(user, `${user}-bonus-win`, 'BONUS_WIN', 5, {}, apiKey);
    await tp.play(user, `${user}-undone`, 'BET', 60, {}, apiKey);
    await tp.play(user, `${user}-undo`, 'ROLLBACK', 60, { referenceTransactionId: `${user}-undone` }, apiKey);
  }

  it('pays 12 tokens for the worked day at 10 % once the day closes (GGR 100 − 30 + 50 − 0 = 120)', async () => {
    const campaign = await tp.campaign({ type: 'CASHBACK', percent: 10 });
    await tp.setClock(monday + 10 * HOUR);
    await playWorkedDay('alice');
    expect(await tp.tokens('alice')).toBe(0);

    const moved = await tp.advance('P1D');
    expect(moved).toMatchObject({ now: iso(monday + 34 * HOUR), frozen: true });
    expect(moved.settled).toEqual([{ campaignId: campaign.id, periodStart: iso(monday), periodEnd: iso(monday + DAY), awards: 1, tokenAmount: 12 }]);
    expect(await tp.tokens('alice')).toBe(12);
  });

  it('pays each period once: moving on pays nothing more for a closed day', async () => {
    await tp.campaign({ type: 'CASHBACK', percent: 10 });
    await tp.setClock(monday + 10 * HOUR);
    await playWorkedDay('bob');
    await tp.advance('P1D');
    const again = await tp.advance('P1D');
    expect(again.settled).toEqual([expect.objectContaining({ periodStart: iso(monday + DAY), awards: 0, tokenAmount: 0 })]);
    const standStill = await tp.advance('PT0S');
    expect(standStill.settled).toEqual([]);
    expect(await tp.tokens('bob')).toBe(12);
  });

  it('counts a sportsbook BET in the day of the WIN that settles it', async () => {
    await tp.campaign({ type: 'CASHBACK', percent: 10 });
    await tp.setClock(monday + 20 * HOUR);
    await tp.play('carol', 'c-sb', 'BET', 80, { gameType: 'Sportsbook' });
    const firstDay = await tp.setClock(monday + DAY + 9 * HOUR);
    expect(firstDay.settled).toEqual([expect.objectContaining({ periodStart: iso(monday), awards: 0 })]);
    expect(await tp.tokens('carol')).toBe(0);

    await tp.play('carol', 'c-sb-win', 'WIN', 30, { gameType: 'Sportsbook', referenceTransactionId: 'c-sb' });
    const secondDay = await tp.advance('P1D');
    expect(secondDay.settled).toEqual([expect.objectContaining({ periodStart: iso(monday + DAY), awards: 1, tokenAmount: 5 })]);
    expect(await tp.tokens('carol')).toBe(5); // (80 − 30) × 10 %
  });

  it('converts with the operator exchange rate: at 0.5 currency units per token the 12 become 24', async () => {
    const euro = await tp.operator({ currency: 'EUR', exchangeRate: 0.5, playToEarnPercent: 0 });
    await tp.campaign({ operatorId: euro.operatorId, type: 'CASHBACK', percent: 10 });
    await tp.setClock(monday + 10 * HOUR);
    await playWorkedDay('dave', euro.apiKey);
    await tp.advance('P1D');
    expect(await tp.tokens('dave', euro.apiKey)).toBe(24);
  });

  it('WEEKLY pays for the ISO week from Monday, only once the week is over', async () => {
    const wednesday = monday + 2 * DAY;
    await tp.setClock(wednesday);
    const campaign = await tp.campaign({ type: 'CASHBACK', percent: 10, period: 'WEEKLY' });
    await tp.play('erin', 'e1', 'BET', 100);
    await tp.setClock(monday + 6 * DAY + 12 * HOUR); // Sunday
    await tp.play('erin', 'e2', 'BET', 100);
    expect((await tp.setClock(monday + 7 * DAY - 1)).settled).toEqual([]);
    expect(await tp.tokens('erin')).toBe(0);

    const nextMonday = await tp.setClock(monday + 7 * DAY);
    expect(nextMonday.settled).toEqual([
      { campaignId: campaign.id, periodStart: iso(monday), periodEnd: iso(monday + 7 * DAY), awards: 1, tokenAmount: 20 },
    ]);
    expect(await tp.tokens('erin')).toBe(20);
  });

  it('counts nothing played before the campaign starts, and nothing for a user who won', async () => {
    await tp.setClock(monday + 8 * HOUR);
    await tp.play('fred', 'f-early', 'BET', 1000);
    await tp.setClock(monday + 9 * HOUR);
    await tp.campaign({ type: 'CASHBACK', percent: 10 });
    await tp.play('fred', 'f-bet', 'BET', 10);
    await tp.play('gina', 'g-bet', 'BET', 10);
    await tp.play('gina', 'g-win', 'WIN', 50);
    await tp.advance('P1D');
    expect(await tp.tokens('fred')).toBe(1);
    expect(await tp.tokens('gina')).toBe(0);
  });

  it('does not count play after the campaign ended, though its last day is still paid', async () => {
    await tp.setClock(monday + 8 * HOUR);
    const campaign = await tp.campaign({ type: 'CASHBACK', percent: 10, endsAt: iso(monday + 12 * HOUR) });
    await tp.play('hana', 'h-in', 'BET', 100);
    await tp.setClock(monday + 13 * HOUR);
    await tp.play('hana', 'h-after', 'BET', 1000);
    const closed = await tp.advance('P1D');
    expect(closed.settled).toEqual([expect.objectContaining({ campaignId: campaign.id, periodStart: iso(monday), awards: 1, tokenAmount: 10 })]);
    expect(await tp.tokens('hana')).toBe(10);
  });

  describe('status changes', () => {
    const move = (id: number, status: string) => tp.control('PATCH', `/sandbox/campaigns/${id}`, { status });

    it('pays nothing for days that closed while the campaign was a DRAFT', async () => {
      const campaign = await tp.campaign({ type: 'CASHBACK', percent: 10, status: 'DRAFT' });
      await tp.setClock(monday + 10 * HOUR);
      await tp.play('ivan', 'i-mon', 'BET', 100);
      await tp.setClock(monday + DAY + 12 * HOUR);
      expect((await move(campaign.id, 'ACTIVE')).status).toBe(200);
      await tp.advance('PT1H');
      await tp.play('ivan', 'i-tue', 'BET', 50);
      const settled = await tp.setClock(monday + 2 * DAY);
      expect(settled.settled).toEqual([expect.objectContaining({ periodStart: iso(monday + DAY), awards: 1, tokenAmount: 5 })]);
      expect(await tp.tokens('ivan')).toBe(5);
    });

    it('pays the days closed while ACTIVE when deactivated, nothing for the days it was off, and goes on once reactivated', async () => {
      const campaign = await tp.campaign({ type: 'CASHBACK', percent: 10 });
      await tp.setClock(monday + 10 * HOUR);
      await tp.play('judy', 'j-mon', 'BET', 100);
      await tp.setClock(monday + DAY + 12 * HOUR);
      await move(campaign.id, 'DEACTIVATED');
      expect(await tp.tokens('judy')).toBe(10);
      await tp.play('judy', 'j-tue', 'BET', 100);
      await tp.setClock(monday + 2 * DAY + 12 * HOUR);
      await move(campaign.id, 'ACTIVE');
      await tp.play('judy', 'j-wed', 'BET', 30);
      await tp.setClock(monday + 3 * DAY);
      expect(await tp.tokens('judy')).toBe(13); // Monday 10 + Wednesday 3; Tuesday was off
    });

    it('stops paying once EXPIRED by hand', async () => {
      const campaign = await tp.campaign({ type: 'CASHBACK', percent: 10 });
      await tp.setClock(monday + 10 * HOUR);
      await tp.play('karl', 'k-mon', 'BET', 100);
      await tp.setClock(monday + DAY + 12 * HOUR);
      await move(campaign.id, 'EXPIRED');
      await tp.play('karl', 'k-tue', 'BET', 100);
      await tp.setClock(monday + 5 * DAY);
      expect(await tp.tokens('karl')).toBe(10);
    });
  });

  it('settles GGR beyond 64-bit 1e-8 units exactly (100 bets of the maximum amount)', async () => {
    await tp.campaign({ type: 'CASHBACK', percent: 10 });
    for (let i = 0; i < 100; i += 1) await tp.play('whale', `w${i}`, 'BET', 1_000_000_000);
    await tp.advance('P1D');
    expect(await tp.tokens('whale')).toBe(10_000_000_000);
  });
});
