/** Play to Earn's arithmetic against an independent Decimal computation of amount × percent ÷ 100 ÷ rate, half-up. */
import { Decimal as D } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMOUNT_PLACES, Decimal, exactUnits } from '../../src/domain/money.js';
import { earningRate, playToEarnReclaimUnits, playToEarnUnits } from '../../src/domain/play-to-earn.js';

const Exact = D.clone({ precision: 60, rounding: D.ROUND_HALF_UP });
const oracle = (amount: string, percent: string, rate: string) =>
  new Exact(amount).times(percent).dividedBy(100).dividedBy(rate).toDecimalPlaces(2).times(100).toNumber();

describe('Play to Earn arithmetic', () => {
  it('matches the oracle for any amount, percent and exchange rate', () => {
    const amount = fc.integer({ min: 0, max: 100_000_000_000 }).map((units) => units / 100);
    const percent = fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100);
    const rate = fc.constantFrom('1', '0.75', '0.5', '3', '0.00203250655485', '1250');
    fc.assert(
      fc.property(amount, percent, rate, (a, p, r) => {
        const units = playToEarnUnits('BET', exactUnits(a, AMOUNT_PLACES, 'a'), earningRate(new Decimal(p), new Decimal(r)));
        expect(units).toBe(oracle(String(a), String(p), r));
      }),
      { seed: 19, numRuns: 2000 },
    );
  });

  it('rounds half-up and earns only on BET', () => {
    const rate = earningRate(new Decimal('0.1'), new Decimal(1));
    expect(playToEarnUnits('BET', exactUnits(5, AMOUNT_PLACES, 'a'), rate)).toBe(1); // 0.005 → 0.01
    expect(playToEarnUnits('BET', exactUnits(4.99, AMOUNT_PLACES, 'a'), rate)).toBe(0); // 0.00499 → 0
    for (const type of ['WIN', 'ROLLBACK', 'BONUS_BET', 'BONUS_WIN'] as const) {
      expect(playToEarnUnits(type, exactUnits(1000, AMOUNT_PLACES, 'a'), rate)).toBe(0);
    }
    expect(playToEarnUnits('BET', exactUnits(1000, AMOUNT_PLACES, 'a'), earningRate(new Decimal(0), new Decimal(1)))).toBe(0);
  });

  it('takes back at most what is left', () => {
    expect(playToEarnReclaimUnits(100, 250)).toBe(100);
    expect(playToEarnReclaimUnits(100, 40)).toBe(40);
    expect(playToEarnReclaimUnits(100, 0)).toBe(0);
  });
});
