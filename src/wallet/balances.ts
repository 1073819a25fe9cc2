/**
 * The wallet's money rules, pure: balances in integer 1e-8 units (bigint, exact), a debit never below zero and
 * a credit never above the largest amount the contract can carry (Money's maximum, 1 000 000 000).
 */
import { AMOUNT_PLACES, Decimal, fromAmountUnits, toAmountUnits, toWireNumber, exactUnits } from '../domain/money.js';

export const MAX_BALANCE = new Decimal(1_000_000_000);
export const MAX_BALANCE_UNITS = toAmountUnits(MAX_BALANCE);

export type BalanceChange =
  | { ok: true; balanceUnits: bigint }
  | { ok: false; code: 'INSUFFICIENT_FUNDS' | 'BALANCE_LIMIT_EXCEEDED'; message: string };

/** A money amount from the wire, in units; more than 8 decimal places is bad input, as the contract says. `field` names it in the body. */
export function moneyUnits(value: number, field: string): bigint {
  return exactUnits(value, AMOUNT_PLACES, field).units;
}

/** Units back to a JSON number for the wire. */
export const moneyOf = (units: bigint): number => toWireNumber(fromAmountUnits(units));

export function debit(balanceUnits: bigint, amountUnits: bigint): BalanceChange {
  if (amountUnits > balanceUnits) {
    return {
      ok: false,
      code: 'INSUFFICIENT_FUNDS',
      message: `the balance ${fromAmountUnits(balanceUnits)} does not cover ${fromAmountUnits(amountUnits)}`,
    };
  }
  return { ok: true, balanceUnits: balanceUnits - amountUnits };
}

export function credit(balanceUnits: bigint, amountUnits: bigint): BalanceChange {
  const after = balanceUnits + amountUnits;
  if (after > MAX_BALANCE_UNITS) {
    return {
      ok: false,
      code: 'BALANCE_LIMIT_EXCEEDED',
      message: `crediting ${fromAmountUnits(amountUnits)} would take the balance over ${MAX_BALANCE}, the most the wallet holds`,
    };
  }
  return { ok: true, balanceUnits: after };
}
