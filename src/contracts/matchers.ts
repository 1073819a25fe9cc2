/**
 * Turns captured bodies into pact bodies with matchers: values a provider assigns (ids, times, links) match by
 * type, format or pattern with a fixed example, so the pact is the same on every run and another implementation
 * with other ids passes; numbers that follow from the request and the provider state (balances, amounts) match
 * by value; an error matches by its shape, never by its code; a refusal's status by its class (any 4xx) unless the
 * interaction pins it exactly.
 */
import { MatchersV3 as M } from '@pact-foundation/pact';
import { decimalOf } from '../domain/money.js';
import { escapeRegExp, isObject } from './capture.js';

/** Our timestamps: ISO 8601 UTC with milliseconds, e.g. 2025-01-06T12:00:00.000Z. */
export const TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSX";
export const EXAMPLE_TIMESTAMP = '2025-01-06T12:00:00.000Z';
/** A player event's `createdAt`, as documented: "yyyy-MM-dd HH:mm:ss". */
export const EVENT_TIME_FORMAT = 'yyyy-MM-dd HH:mm:ss';
const TIMESTAMP_KEYS = new Set(['createdAt', 'addedAt', 'expiresAt', 'startsAt', 'endsAt', 'periodStart', 'periodEnd', 'at']);
// participantCount: the campaign list's states do not say who joined, so only its type is the contract.
const ASSIGNED_NUMBER_KEYS = new Set(['id', 'campaignId', 'participantCount']);

/** Base64 of an HMAC-SHA512: 64 bytes → 88 characters. */
export const SIGNATURE_PATTERN = '^[A-Za-z0-9+/]{86}==$';

/**
 * A number equal by value to `value`: 100, 100.0 and 100.00 pass, 100.01 and "100" do not. JSON has one number
 * type, but Pact's equality tells 100 (integer) from 100.0 (decimal), and no Pact matcher compares by value.
 * So this is Pact's `number` matcher AND a regex over the number as Pact's core prints it ("100", "100.0"):
 * the regex allows any run of trailing zeros. What else it lets through: a number written so that it reads back
 * as the same binary double (1e2, or 99.99999999999999999), which any JSON parser also takes for 100.
 */
export function sameNumber(value: number): unknown {
  const [whole, fraction = ''] = decimalOf(value).toFixed().split('.');
  const digits = fraction.replace(/0+$/, '');
  const regex = `^${escapeRegExp(whole!)}${digits ? `\\.${digits}0*` : '(\\.0+)?'}$`;
  return { 'pact:matcher:type': [{ 'pact:matcher:type': 'number' }, { 'pact:matcher:type': 'regex', regex }], value };
}

/** `{"error":{"code","message"}}` by type: codes are ours (reference §2), no consumer acts on one. */
export function errorMatchers(error: Record<string, unknown>): unknown {
  return { error: { code: M.string(String(error.code)), message: M.string(String(error.message)) } };
}

/**
 * Any status of a class, with `example` as the status the pact shows: Pact V4's status matching rule
 * (`"matchingRules": {"status": {"$": {"matchers": [{"match": "statusCode", "status": "clientError"}]}}}`).
 * pact-js types `willRespondWith`'s status as a number, but hands it to Pact's core as JSON
 * (pactffi_response_status_v2), which takes a matcher there as well as a number; hence the cast, and nothing
 * written into the file by hand.
 */
function statusClass(status: 'success' | 'clientError', example: number, range: [number, number]): number {
  if (example < range[0] || example > range[1]) throw new Error(`${example} is not a ${range[0] / 100}xx`);
  return { 'pact:matcher:type': 'statusCode', status, value: example } as unknown as number;
}

/** Any 4xx. */
export const clientError = (example: number): number => statusClass('clientError', example, [400, 499]);

/** Any 2xx. */
export const success = (example: number): number => statusClass('success', example, [200, 299]);

/** The response body a provider must send, with matchers where the scenario's exact value is incidental. */
export function responseMatchers(body: unknown, key?: string): unknown {
  // Lists of records (items, awards) may hold other records; lists of ids are what the call must answer.
  if (Array.isArray(body)) return isObject(body[0]) ? M.eachLike(responseMatchers(body[0], key)) : body;
  if (isObject(body)) {
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, responseMatchers(v, k)]));
  }
  if (key === undefined) return body;
  if (TIMESTAMP_KEYS.has(key) && typeof body === 'string') return M.datetime(TIMESTAMP_FORMAT, EXAMPLE_TIMESTAMP);
  if (key === 'trueplayUserId' && typeof body === 'string') return M.string('00000000-0000-4000-8000-000000000001');
  if (key === 'url' && typeof body === 'string') return M.regex('^https?://[^/]+/loyalty/[^/?#]+$', 'http://127.0.0.1:4010/loyalty/SESSION');
  if (ASSIGNED_NUMBER_KEYS.has(key) && typeof body === 'number') return M.integer(body);
  if (key === 'name' && typeof body === 'string') return M.string(body);
  if (typeof body === 'number') return sameNumber(body);
  return body;
}

/** The request body a consumer sends: ids and amounts may differ from call to call, the shape may not. */
export function requestMatchers(body: unknown, key?: string): unknown {
  if (Array.isArray(body)) return body.map((item) => requestMatchers(item, key));
  if (isObject(body)) return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, requestMatchers(v, k)]));
  if (key === undefined) return body;
  if ((key === 'id' || key === 'requestId' || key === 'transactionId' || key === 'referenceTransactionId') && typeof body === 'string') return M.string(body);
  // A player event's time, in the format its documentation gives (reference §1).
  if (key === 'createdAt' && typeof body === 'string') return M.datetime(EVENT_TIME_FORMAT, body);
  if (['amount', 'tokenAmount', 'exchangeRate', 'reward', 'balance'].includes(key) && typeof body === 'number') {
    return Number.isInteger(body) ? M.number(body) : M.decimal(body);
  }
  return body;
}

/**
 * A path with a provider-assigned id, e.g. `/api/v1/campaigns/${campaignId}/participants`: the example comes
 * from the state's values, and the path must still be this path with only the id's segment free (digits).
 */
export function pathFromState(expression: string, example: string): unknown {
  const regex = `^${expression.split(/\$\{[^}]+\}/).map(escapeRegExp).join('\\d+')}$`;
  return { 'pact:matcher:type': 'regex', regex, 'pact:generator:type': 'ProviderState', expression, value: example };
}
