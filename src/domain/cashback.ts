/**
 * The cashback rule: a CASHBACK campaign pays percent × max(0, GGR) of a closed period, in tokens.
 * GGR = settled real-money stakes − real-money wins. BONUS_* never count, a rolled-back transaction never
 * counts, and a sportsbook BET counts only once a WIN referencing it arrives (a WIN of 0 settles it as lost),
 * in the period of that WIN.
 */
import { Decimal, ZERO, roundTokens } from './money.js';
import type { Period } from './time.js';

export type GameTransactionType = 'BET' | 'WIN' | 'ROLLBACK' | 'BONUS_BET' | 'BONUS_WIN';

export interface GameTransactionFacts {
  transactionId: string;
  type: GameTransactionType;
  gameType: string;
  referenceTransactionId: string | null;
  amount: Decimal;
  receivedAt: number;
}

export function isSportsbook(gameType: string): boolean {
  return gameType.trim().toLowerCase() === 'sportsbook';
}

/** Whether a transaction enters GGR as a stake, as a win, or not at all. */
export function ggrRole(type: GameTransactionType): 'stake' | 'win' | null {
  if (type === 'BET') return 'stake';
  if (type === 'WIN') return 'win';
  return null;
}

/**
 * What the arrival of one transaction changes, given the transaction it references (if any):
 * when the new transaction itself starts counting, and whether it settles or rolls back its reference.
 */
export interface ArrivalEffect {
  countedAt: number | null;
  settlesReference: boolean;
  rollsBackReference: boolean;
}

export function arrivalEffect(
  tx: Pick<GameTransactionFacts, 'type' | 'gameType' | 'receivedAt'>,
  reference: { type: GameTransactionType; gameType: string; countedAt: number | null } | null,
): ArrivalEffect {
  const role = ggrRole(tx.type);
  const waitsForSettlement = tx.type === 'BET' && isSportsbook(tx.gameType);
  return {
    countedAt: role === null || waitsForSettlement ? null : tx.receivedAt,
    settlesReference:
      tx.type === 'WIN' && reference !== null && reference.type === 'BET' && reference.countedAt === null,
    rollsBackReference: tx.type === 'ROLLBACK' && reference !== null,
  };
}

/**
 * GGR of a period from the full set of transactions, in any order of arrival.
 * This is the reference definition; the store computes the same sums in SQL from the effects above.
 */
export function ggrOf(transactions: readonly GameTransactionFacts[], period: Period): Decimal {
  const byId = new Map(transactions.map((tx) => [tx.transactionId, tx]));
  const rolledBack = new Set(
    transactions.filter((tx) => tx.type === 'ROLLBACK' && tx.referenceTransactionId).map((tx) => tx.referenceTransactionId!),
  );
  const settledAt = new Map<string, number>();
  for (const tx of transactions) {
    if (tx.type !== 'WIN' || !tx.referenceTransactionId) continue;
    const bet = byId.get(tx.referenceTransactionId);
    if (!bet || bet.type !== 'BET') continue;
    const previous = settledAt.get(bet.transactionId);
    if (previous === undefined || tx.receivedAt < previous) settledAt.set(bet.transactionId, tx.receivedAt);
  }
  let ggr = ZERO;
  for (const tx of transactions) {
    const role = ggrRole(tx.type);
    if (role === null || rolledBack.has(tx.transactionId)) continue;
    const countedAt = tx.type === 'BET' && isSportsbook(tx.gameType) ? settledAt.get(tx.transactionId) : tx.receivedAt;
    if (countedAt === undefined || countedAt < period.start || countedAt >= period.end) continue;
    ggr = role === 'stake' ? ggr.plus(tx.amount) : ggr.minus(tx.amount);
  }
  return ggr;
}

/** Tokens paid for one user's period: percent/100 × max(0, GGR) ÷ exchangeRate, rounded half-up to 2 places. */
export function cashbackTokens(ggr: Decimal, percent: Decimal, exchangeRate: Decimal): Decimal {
  if (ggr.lte(0)) return ZERO;
  return roundTokens(ggr.mul(percent).div(100).div(exchangeRate));
}
