/** Token Exchange and balance bodies as Trueplay sends them, in the reference vector's key order. */
import { Decimal, roundTokens } from '../domain/money.js';

export type ExchangeAction = 'CREDIT' | 'DEBIT';

export interface TokenExchangeBody {
  id: string;
  action: ExchangeAction;
  amount: number;
  currency: string;
  exchangeRate: number;
  tokenAmount: number;
  operatorId: number;
  operatorUserId: string;
  [extra: string]: unknown;
}

/** Trueplay's default withdrawal fee on a CREDIT (1 %); purchases (DEBIT) carry none. */
const WITHDRAWAL_FEE = new Decimal('0.01');

/**
 * A Token Exchange of `amount` (a decimal string, so it reaches the wire exactly as written) at rate 1.
 * tokenAmount is derived the way Trueplay would have (amount before the fee); the operator is not expected to recompute it.
 */
export function tokenExchangeBody(input: {
  id: string;
  action: ExchangeAction;
  amount: string;
  operatorId: number;
  operatorUserId: string;
  currency?: string;
}): TokenExchangeBody {
  const amount = new Decimal(input.amount);
  const tokens = input.action === 'CREDIT' ? roundTokens(amount.div(new Decimal(1).minus(WITHDRAWAL_FEE))) : amount;
  return {
    id: input.id,
    action: input.action,
    amount: Number(input.amount),
    currency: input.currency ?? 'USD',
    exchangeRate: 1,
    tokenAmount: Number(tokens.toString()),
    operatorId: input.operatorId,
    operatorUserId: input.operatorUserId,
  };
}

export function balanceBody(operatorId: number, operatorUserId: string) {
  return { operatorId, operatorUserId };
}

/** The same keys sorted by name: equal as JSON, different as bytes. */
export function sortedKeys<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}
