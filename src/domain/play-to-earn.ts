/**
 * Play to Earn (reference §2f): every accepted real-money BET earns `amount × percent ÷ 100 ÷ exchangeRate` tokens,
 * half-up to 2 decimals; BONUS_BET earns nothing. A ROLLBACK of the BET takes back what it earned, never more than
 * the user still holds.
 */
import type { GameTransactionType } from './cashback.js';
import { Decimal, toTokenUnits, type StoredAmount } from './money.js';

/** The tokens (in 1e-2 units) a transaction earns as it is accepted; 0 for everything but a BET, or when off. */
export function playToEarnUnits(type: GameTransactionType, amount: StoredAmount, percent: Decimal, exchangeRate: Decimal): number {
  if (type !== 'BET' || percent.isZero() || amount.units === 0n) return 0;
  return toTokenUnits(new Decimal(amount.text).mul(percent).div(exchangeRate.mul(100)));
}

/** What a ROLLBACK takes back of the tokens its BET earned: all of them, or what is left of the balance. */
export function playToEarnReclaimUnits(earnedUnits: number, balanceUnits: number): number {
  return Math.max(0, Math.min(earnedUnits, balanceUnits));
}
