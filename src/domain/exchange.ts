/**
 * Token exchange maths: amount = tokenAmount × exchangeRate, less the withdrawal fee for a CREDIT (tokens
 * withdrawn to the casino balance) or plus the purchase fee for a DEBIT (tokens bought), rounded half-up to
 * the currency's minor unit. Withdrawing 400 tokens at 0.75 with a 1 % fee pays 297.
 */
import { Decimal, roundMinorUnit } from './money.js';

export type ExchangeAction = 'CREDIT' | 'DEBIT';

export interface ExchangeTerms {
  exchangeRate: Decimal;
  withdrawalFeePercent: Decimal;
  purchaseFeePercent: Decimal;
}

export function exchangeAmount(action: ExchangeAction, tokenAmount: Decimal, terms: ExchangeTerms): Decimal {
  const gross = tokenAmount.mul(terms.exchangeRate);
  const fee = action === 'CREDIT' ? terms.withdrawalFeePercent.neg() : terms.purchaseFeePercent;
  return roundMinorUnit(gross.mul(new Decimal(100).plus(fee)).div(100));
}
