/** Token exchange maths (§2c): tokenAmount × exchangeRate, less the withdrawal fee or plus the purchase fee, half-up to 2 places. */
import { describe, expect, it } from 'vitest';
import { exchangeAmount, type ExchangeTerms } from '../../src/domain/exchange.js';
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
