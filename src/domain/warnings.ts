/**
 * Warnings: calls the sandbox accepts that will likely misbehave with the real Trueplay or a real wallet. This is
 * the one list: each warning's code and the reason it is worth a developer's attention. Warnings never change an
 * answer; they are kept on the call's journal entry (`warnings: [{code, message}]`).
 */
import { decimalOf } from './money.js';

export const WARNINGS = {
  CURRENCY_MISMATCH: {
    reason: "Trueplay sums amounts in the operator's currency without converting them: cashback and deposit awards of a call in another currency come out wrong.",
  },
  AMOUNT_PRECISION: {
    reason: "Money moves in the currency's minor unit: a wallet or Trueplay rounds the extra decimals away, and the sums stop matching.",
  },
  ROLLBACK_AMOUNT_MISMATCH: {
    reason: 'A ROLLBACK cancels the whole transaction it names: another amount is usually a partial refund sent as a rollback, or the wrong reference.',
  },
  WIN_AFTER_ROLLBACK: {
    reason: 'The BET it refers to was rolled back and never counts, but the WIN still counts as a win and lowers the player\'s cashback.',
  },
  SECOND_SPORTSBOOK_LOSS: {
    reason: 'A sportsbook BET is lost once: a second WIN of 0 for it is a loss re-sent under a new transactionId, which no idempotency check can recognise.',
  },
  DOCUMENTED_FIELD_MISSING: {
    reason: "Trueplay's docs mark the field as required: accepted here because the operator's validation is lenient, Trueplay would refuse the call.",
  },
  SPORTSBOOK_WIN_REFERENCE: {
    reason: "The integration guide requires a Sportsbook WIN above 0 to reference its BET: accepted here because the operator's validation is lenient; Trueplay counts it as a plain win.",
  },
} as const satisfies Record<string, { reason: string }>;

export type WarningCode = keyof typeof WARNINGS;

export interface Warning {
  code: WarningCode;
  message: string;
}

export const warning = (code: WarningCode, message: string): Warning => ({ code, message });

// ISO 4217 minor units as the runtime knows them (JPY 0, KWD 3, USD 2); codes it does not know (USDT, BTC…) have
// no minor unit the sandbox could hold a call to, so they get no precision warning.
let knownCurrencies: Set<string> | undefined;
const minorUnits = new Map<string, number | null>();

export function minorUnitOf(currency: string): number | null {
  let places = minorUnits.get(currency);
  if (places !== undefined) return places;
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  places = knownCurrencies.has(currency)
    ? new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? null
    : null;
  minorUnits.set(currency, places);
  return places;
}

/** Decimal places of an amount in the text the store keeps (plain digits nearly always; exponent forms via Decimal). */
function placesOf(amountText: string): number {
  if (amountText.includes('e')) return decimalOf(amountText).decimalPlaces();
  const dot = amountText.indexOf('.');
  return dot < 0 ? 0 : amountText.length - dot - 1;
}

/** The warnings any money call earns from its own body: its currency against the operator's, its decimals against the currency's. */
export function moneyWarnings(
  call: { currency: string; amountText: string },
  operatorCurrency: string,
  into: Warning[] = [],
): Warning[] {
  if (call.currency !== operatorCurrency) {
    into.push(warning('CURRENCY_MISMATCH', `currency ${call.currency} is not the operator's currency ${operatorCurrency}`));
  }
  const places = minorUnitOf(call.currency);
  if (places !== null && placesOf(call.amountText) > places) {
    into.push(warning('AMOUNT_PRECISION', `amount ${call.amountText} has more decimals than ${call.currency}'s minor unit (${places})`));
  }
  return into;
}
