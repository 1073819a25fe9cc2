/** Token exchange maths (§2c): tokenAmount × exchangeRate, less the withdrawal fee or plus the purchase fee, half-up to 2 places. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exchangeAmount, minimumTokens, type ExchangeTerms } from '../../src/domain/exchange.js';
import { Decimal } from '../../src/domain/money.js';

const terms = (exchangeRate: string, withdrawalFeePercent = '1', purchaseFeePercent = '0'): ExchangeTerms => ({
  exchangeRate: new Decimal(exchangeRate),
  withdrawalFeePercent: new Decimal(withdrawalFeePercent),
  purchaseFeePercent: new Decimal(purchaseFeePercent),
});
const amount = (action: 'CREDIT' | 'DEBIT', tokens: string, t: ExchangeTerms) => exchangeAmount(action, new Decimal(tokens), t).toString();

describe('exchangeAmount', () => {
  it('withdraws 400 tokens at 0.75 with a 1 % fee for 297 (the public example)', () => {
    expect(amount('CREDIT', '400', terms('0.75'))).toBe('297');
  });

  it('adds the purchase fee to a DEBIT and ignores the withdrawal fee', () => {
    expect(amount('DEBIT', '400', terms('0.75', '1', '0'))).toBe('300');
    expect(amount('DEBIT', '400', terms('0.75', '1', '2.5'))).toBe('307.5');
  });

  it('ignores the purchase fee on a CREDIT', () => {
    expect(amount('CREDIT', '100', terms('1', '0', '50'))).toBe('100');
  });

  it('rounds half-up to the minor unit', () => {
    expect(amount('DEBIT', '1', terms('0.005', '0', '0'))).toBe('0.01'); // 0.005 → 0.01
    expect(amount('DEBIT', '1', terms('0.0049', '0', '0'))).toBe('0'); // 0.0049 → 0.00
    expect(amount('CREDIT', '1', terms('1.125', '0'))).toBe('1.13'); // exactly half → up
    expect(amount('CREDIT', '3', terms('0.335', '1'))).toBe('0.99'); // 1.005 × 0.99 = 0.99495 → 0.99
  });

  it('keeps exact decimals for awkward rates (the signature vector: 2500 tokens at 0.00203250655485)', () => {
    // 2500 × 0.00203250655485 = 5.081266387125, less 1 % = 5.03045372325375 → 5.03
    expect(amount('CREDIT', '2500', terms('0.00203250655485'))).toBe('5.03');
  });
});

describe('minimumTokens', () => {
  it('at 0.00203250655485 a purchase needs 2.47 tokens (2 cost $0.0041 → $0.00: the tokens for nothing of issue 17)', () => {
    const t = terms('0.00203250655485', '1', '0');
    expect(amount('DEBIT', '2', t)).toBe('0');
    expect(minimumTokens('DEBIT', t)!.toString()).toBe('2.47');
    expect(amount('DEBIT', '2.47', t)).toBe('0.01');
    expect(amount('DEBIT', '2.46', t)).toBe('0');
  });

  it('is 0.01 when a hundredth of a token is already worth a cent, and null when a 100 % fee makes every withdrawal worth nothing', () => {
    expect(minimumTokens('CREDIT', terms('1'))!.toString()).toBe('0.01');
    expect(minimumTokens('CREDIT', terms('1', '100'))).toBeNull();
    expect(minimumTokens('DEBIT', terms('1', '100'))!.toString()).toBe('0.01');
  });

  it('is the first step that moves money, for any rate and fee (checked by walking the steps one by one)', () => {
    const rate = fc.integer({ min: 1, max: 10 ** 9 }).map((n) => new Decimal(n).div(10 ** 8));
    const fee = fc.integer({ min: 0, max: 9999 }).map((n) => new Decimal(n).div(100));
    fc.assert(
      fc.property(rate, fee, fc.constantFrom('CREDIT' as const, 'DEBIT' as const), (exchangeRate, feePercent, action) => {
        const t = { exchangeRate, withdrawalFeePercent: feePercent, purchaseFeePercent: feePercent };
        const least = minimumTokens(action, t)!;
        const worth = (tokens: Decimal) => exchangeAmount(action, tokens, t);
        expect(worth(least).gt(0)).toBe(true);
        const below = least.minus('0.01');
        if (below.gt(0)) expect(worth(below).isZero()).toBe(true);
      }),
      { seed: 17, numRuns: 500 },
    );
  });
});
