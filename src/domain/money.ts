/** Exact decimal money and token maths: every amount inside the sandbox is a Decimal, never a binary float. */
import { Decimal as DecimalJs } from 'decimal.js';
import { refusal } from './errors.js';

/** A Decimal flavour with enough precision for rates like 0.00203250655485 and half-up rounding. */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

/** Fiat amounts are kept to 8 places on input (crypto-friendly) and paid out in 2 (the currency's minor unit). */
export const AMOUNT_PLACES = 8;
export const MINOR_UNIT_PLACES = 2;
/** Token amounts carry at most 2 decimals. */
export const TOKEN_PLACES = 2;

/** Scale used to store amounts as SQLite integers so sums can run in SQL exactly. */
export const AMOUNT_SCALE = new Decimal(10).pow(AMOUNT_PLACES);
export const TOKEN_SCALE = new Decimal(10).pow(TOKEN_PLACES);

/** Turns a JSON number into a Decimal through its shortest round-trip text, which is what the sender wrote. */
export function decimalOf(value: number | string | Decimal): Decimal {
  return new Decimal(value instanceof Decimal ? value : String(value));
}

export function hasAtMostPlaces(value: Decimal, places: number): boolean {
  return value.decimalPlaces() <= places;
}

/** A number from a request as the store keeps it: its exact text and its integer units (of 10^-places). */
export interface StoredAmount {
  text: string;
  units: bigint;
}

const PLAIN_NUMBER = /^(\d+)(?:\.(\d+))?$/;

/**
 * The exact value of a number from a request, refused as bad input when it carries more decimal places than
 * allowed: AMOUNT_PLACES for money, TOKEN_PLACES for tokens. `field` names it in the request body, dotted when
 * nested (`amount`, `params.balance`). A number written as plain digits (nearly every one) is scaled by string
 * arithmetic, without Decimal maths (see src/store/unit-of-work.ts); other forms go through Decimal, to the same
 * text, units and errors.
 */
export function exactUnits(value: number, places: number, field: string): StoredAmount {
  const text = String(value);
  const plain = PLAIN_NUMBER.exec(text);
  if (plain && (plain[2]?.length ?? 0) <= places) return { text, units: BigInt(plain[1]! + (plain[2] ?? '').padEnd(places, '0')) };
  const exact = decimalOf(text);
  if (!hasAtMostPlaces(exact, places)) {
    throw refusal('VALIDATION_ERROR', `${field.split('.').pop()} has more than ${places} decimal places`, [
      { field, message: `at most ${places} decimal places` },
    ]);
  }
  return { text: exact.toString(), units: BigInt(exact.mul(new Decimal(10).pow(places)).toFixed(0)) };
}

/** exactUnits as a Decimal. */
export function exactValue(value: number, places: number, field: string): Decimal {
  return new Decimal(exactUnits(value, places, field).text);
}

/** Rounds half-up to the currency's minor unit, as Trueplay pays out. */
export function roundMinorUnit(value: Decimal): Decimal {
  return value.toDecimalPlaces(MINOR_UNIT_PLACES, Decimal.ROUND_HALF_UP);
}

export function roundTokens(value: Decimal): Decimal {
  return value.toDecimalPlaces(TOKEN_PLACES, Decimal.ROUND_HALF_UP);
}

/** A Decimal back to a JSON number for the wire. Exact for every value the sandbox produces (≤ 15 significant digits). */
export function toWireNumber(value: Decimal): number {
  return Number(value.toString());
}

export function toAmountUnits(value: Decimal): bigint {
  return BigInt(value.mul(AMOUNT_SCALE).toFixed(0));
}

export function fromAmountUnits(units: bigint | number): Decimal {
  return new Decimal(units.toString()).div(AMOUNT_SCALE);
}

/**
 * The most tokens one balance or award holds, 9,999,999,999,999.99: fifteen significant digits, the most a JSON
 * number (an IEEE double) carries exactly with two decimals. Beyond it the last cents were rounded away on the
 * wire (a 987,654,321.12 deposit at rate 0.00001 with a 100 % campaign), so it is refused instead.
 */
export const MAX_TOKEN_UNITS = 999_999_999_999_999;
export const MAX_TOKENS = fromTokenUnits(MAX_TOKEN_UNITS);

export function tokenLimitExceeded(what: string) {
  return refusal('TOKEN_LIMIT_EXCEEDED', `${what} would exceed ${MAX_TOKENS.toFixed(2)} tokens, the most a balance holds exactly; nothing moved`);
}

/** Tokens as integer hundredths; more than MAX_TOKENS is TOKEN_LIMIT_EXCEEDED (never an inexact number). */
export function toTokenUnits(value: Decimal): number {
  const units = roundTokens(value).mul(TOKEN_SCALE);
  if (units.gt(MAX_TOKEN_UNITS)) throw tokenLimitExceeded(`${roundTokens(value).toFixed(2)} tokens`);
  return Number(units.toFixed(0));
}

/** Whether a balance of `balanceUnits` can take `addedUnits` more and stay exact. */
export function fitsTokenLimit(balanceUnits: number, addedUnits: number): boolean {
  return balanceUnits + addedUnits <= MAX_TOKEN_UNITS;
}

export function fromTokenUnits(units: number | bigint): Decimal {
  return new Decimal(units.toString()).div(TOKEN_SCALE);
}

export const ZERO = new Decimal(0);
