/**
 * Play to Earn (reference §2f): every accepted real-money BET earns `amount × percent ÷ 100 ÷ exchangeRate` tokens,
 * half-up to 2 decimals; BONUS_BET earns nothing. A ROLLBACK of the BET takes back what it earned, never more than
 * the user still holds.
 */
import type { GameTransactionType } from './cashback.js';
import { AMOUNT_SCALE, TOKEN_SCALE, type Decimal, type StoredAmount } from './money.js';

/**
 * An operator's earning as one exact fraction: token units (1e-2) per amount unit (1e-8) = num / den. Worked out
 * once per operator, so that a BET takes two BigInt multiplications, not Decimal maths.
 */
export interface EarningRate {
  num: bigint;
  den: bigint;
}

const bigintOf = (value: Decimal) => BigInt(value.toFixed(0));

export function earningRate(percent: Decimal, exchangeRate: Decimal): EarningRate {
  // tokenUnits = amountUnits ÷ AMOUNT_SCALE × percent ÷ 100 ÷ rate × TOKEN_SCALE
  const [pn, pd] = percent.toFraction();
  const [rn, rd] = exchangeRate.toFraction();
  return {
    num: bigintOf(pn!) * bigintOf(rd!) * bigintOf(TOKEN_SCALE),
    den: bigintOf(pd!) * bigintOf(rn!) * bigintOf(AMOUNT_SCALE) * 100n,
  };
}

/** The token units a transaction earns as it is accepted; 0 for everything but a BET, or when the rate is 0. */
export function playToEarnUnits(type: GameTransactionType, amount: StoredAmount, rate: EarningRate): number {
  if (type !== 'BET' || rate.num === 0n) return 0;
  const product = amount.units * rate.num;
  // Half-up on a non-negative value: floor((2·n + d) / 2d).
  return Number((2n * product + rate.den) / (2n * rate.den));
}

/** What a ROLLBACK takes back of the tokens its BET earned: all of them, or what is left of the balance. */
export function playToEarnReclaimUnits(earnedUnits: number, balanceUnits: number): number {
  return Math.max(0, Math.min(earnedUnits, balanceUnits));
}
