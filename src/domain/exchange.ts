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

/** The smallest token step: tokens carry 2 decimals. */
const TOKEN_STEP = new Decimal('0.01');

/**
 * The fewest tokens (a multiple of 0.01) whose exchange moves at least one minor unit of money: fewer would be
 * tokens bought for nothing, or withdrawn for nothing, which AMOUNT_TOO_SMALL refuses. Null when no amount
 * of tokens is worth anything (a 100 % withdrawal fee).
 */
export function minimumTokens(action: ExchangeAction, terms: ExchangeTerms): Decimal | null {
  const fee = action === 'CREDIT' ? terms.withdrawalFeePercent.neg() : terms.purchaseFeePercent;
  const perToken = terms.exchangeRate.mul(new Decimal(100).plus(fee)).div(100);
  if (perToken.lte(0)) return null;
  // Half-up to 2 places reaches 0.01 from 0.005 on.
  let tokens = new Decimal('0.005').div(perToken).div(TOKEN_STEP).ceil().mul(TOKEN_STEP);
  if (tokens.lt(TOKEN_STEP)) tokens = TOKEN_STEP;
  while (exchangeAmount(action, tokens, terms).isZero()) tokens = tokens.plus(TOKEN_STEP);
  return tokens;
}
