/** The cashback rule of §2c in the pure domain: GGR of a period, and the tokens it pays. */
import { describe, expect, it } from 'vitest';
import { cashbackTokens, ggrOf, type GameTransactionFacts, type GameTransactionType } from '../../src/domain/cashback.js';
import { Decimal } from '../../src/domain/money.js';
import { periodContaining } from '../../src/domain/time.js';

const MONDAY = Date.UTC(2030, 0, 7); // 2030-01-07 is a Monday
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function tx(
  transactionId: string,
  type: GameTransactionType,
  amount: number,
  receivedAt: number,
  extra: Partial<GameTransactionFacts> = {},
): GameTransactionFacts {
  return { transactionId, type, gameType: 'Slot', referenceTransactionId: null, amount: new Decimal(amount), receivedAt, ...extra };
}

/** The worked day of the brief: slot 100/30, sportsbook 50 lost, an open sportsbook bet, a bonus bet, a rolled-back bet. */
const workedDay = (at: number) => [
  tx('slot-bet', 'BET', 100, at),
  tx('slot-win', 'WIN', 30, at + 1),
  tx('sb-bet', 'BET', 50, at + 2, { gameType: 'Sportsbook' }),
  tx('sb-loss', 'WIN', 0, at + 3, { gameType: 'Sportsbook', referenceTransactionId: 'sb-bet' }),
  tx('sb-open', 'BET', 40, at + 4, { gameType: 'Sportsbook' }),
  tx('bonus', 'BONUS_BET', 25, at + 5),
  tx('bonus-win', 'BONUS_WIN', 5, at + 6),
  tx('undone', 'BET', 60, at + 7),
  tx('undo', 'ROLLBACK', 60, at + 8, { referenceTransactionId: 'undone' }),
];

describe('ggrOf', () => {
  const day = periodContaining(MONDAY + 10 * HOUR, 'DAILY');

  it('counts settled real-money stakes minus wins: 100 − 30 + 50 − 0 = 120', () => {
    expect(ggrOf(workedDay(MONDAY + 10 * HOUR), day).toString()).toBe('120');
  });

  it('pays 12 tokens at 10 % and exchange rate 1, and 24 at rate 0.5', () => {
    const ggr = ggrOf(workedDay(MONDAY + 10 * HOUR), day);
    expect(cashbackTokens(ggr, new Decimal(10), new Decimal(1)).toString()).toBe('12');
    expect(cashbackTokens(ggr, new Decimal(10), new Decimal('0.5')).toString()).toBe('24');
  });

  it('ignores BONUS_BET and BONUS_WIN entirely', () => {
    const period = periodContaining(MONDAY, 'DAILY');
    expect(ggrOf([tx('b', 'BONUS_BET', 500, MONDAY), tx('w', 'BONUS_WIN', 1, MONDAY)], period).toString()).toBe('0');
  });

  it('never counts a rolled-back transaction, whatever the order of arrival', () => {
    const period = periodContaining(MONDAY, 'DAILY');
    const rollbackFirst = [tx('undo', 'ROLLBACK', 60, MONDAY, { referenceTransactionId: 'undone' }), tx('undone', 'BET', 60, MONDAY + 1)];
    expect(ggrOf(rollbackFirst, period).toString()).toBe('0');
    const rolledBackWin = [tx('bet', 'BET', 10, MONDAY), tx('win', 'WIN', 8, MONDAY + 1), tx('undo', 'ROLLBACK', 8, MONDAY + 2, { referenceTransactionId: 'win' })];
    expect(ggrOf(rolledBackWin, period).toString()).toBe('10');
  });

  it('counts a sportsbook BET in the period of the first WIN that references it', () => {
    const facts = [
      tx('sb-bet', 'BET', 50, MONDAY + 20 * HOUR, { gameType: 'sportsbook' }), // case-insensitive
      tx('sb-win', 'WIN', 20, MONDAY + DAY + 9 * HOUR, { gameType: 'Sportsbook', referenceTransactionId: 'sb-bet' }),
      tx('sb-win-2', 'WIN', 0, MONDAY + 2 * DAY + 9 * HOUR, { gameType: 'Sportsbook', referenceTransactionId: 'sb-bet' }),
    ];
    expect(ggrOf(facts, periodContaining(MONDAY, 'DAILY')).toString()).toBe('0');
    expect(ggrOf(facts, periodContaining(MONDAY + DAY, 'DAILY')).toString()).toBe('30');
    // A later WIN of the same BET is its own win but does not count the stake again.
    expect(ggrOf(facts, periodContaining(MONDAY + 2 * DAY, 'DAILY')).toString()).toBe('0');
  });

  it('leaves an unsettled sportsbook BET out of every period', () => {
    const facts = [tx('open', 'BET', 40, MONDAY, { gameType: 'Sportsbook' })];
    expect(ggrOf(facts, periodContaining(MONDAY, 'WEEKLY')).toString()).toBe('0');
  });

  it('keeps exact decimals (0.1 + 0.2 stakes are 0.3, not a binary float)', () => {
    const facts = [tx('a', 'BET', 0.1, MONDAY), tx('b', 'BET', 0.2, MONDAY)];
    expect(ggrOf(facts, periodContaining(MONDAY, 'DAILY')).toString()).toBe('0.3');
  });

  it('counts only transactions inside [start, end) of the period', () => {
    const period = periodContaining(MONDAY, 'DAILY');
    const facts = [tx('before', 'BET', 1, MONDAY - 1), tx('first', 'BET', 2, MONDAY), tx('last', 'BET', 4, MONDAY + DAY - 1), tx('after', 'BET', 8, MONDAY + DAY)];
    expect(ggrOf(facts, period).toString()).toBe('6');
  });
});

describe('cashbackTokens', () => {
  it('pays nothing for zero or negative GGR', () => {
    expect(cashbackTokens(new Decimal(0), new Decimal(10), new Decimal(1)).toString()).toBe('0');
    expect(cashbackTokens(new Decimal(-50), new Decimal(10), new Decimal(1)).toString()).toBe('0');
  });

  it('rounds half-up to 2 decimals', () => {
    // 0.125 × 10 % = 0.0125 → 0.01; 0.25 × 10 % = 0.025 → 0.03
    expect(cashbackTokens(new Decimal('0.125'), new Decimal(10), new Decimal(1)).toString()).toBe('0.01');
    expect(cashbackTokens(new Decimal('0.25'), new Decimal(10), new Decimal(1)).toString()).toBe('0.03');
  });
});

describe('periodContaining', () => {
  it('DAILY is the UTC day', () => {
    expect(periodContaining(MONDAY + 23 * HOUR, 'DAILY')).toEqual({ start: MONDAY, end: MONDAY + DAY });
  });

  it('WEEKLY is the ISO week from Monday 00:00 UTC, for every day of it', () => {
    for (let d = 0; d < 7; d += 1) {
      expect(periodContaining(MONDAY + d * DAY + 12 * HOUR, 'WEEKLY')).toEqual({ start: MONDAY, end: MONDAY + 7 * DAY });
    }
    expect(periodContaining(MONDAY - 1, 'WEEKLY')).toEqual({ start: MONDAY - 7 * DAY, end: MONDAY });
  });
});
