/**
 * Turns captured bodies into pact bodies with matchers: values a provider assigns (ids, times, links) match by
 * type, format or pattern with a fixed example, so the pact is the same on every run and another implementation
 * with other ids passes; values that follow from the request and the provider state (balances, codes, flags)
 * stay exact, because they are what the contract checks.
 */
import { MatchersV3 as M } from '@pact-foundation/pact';
import { isObject } from './capture.js';

/** Our timestamps: ISO 8601 UTC with milliseconds, e.g. 2025-01-06T12:00:00.000Z. */
export const TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSX";
export const EXAMPLE_TIMESTAMP = '2025-01-06T12:00:00.000Z';
const TIMESTAMP_KEYS = new Set(['createdAt', 'addedAt', 'expiresAt', 'startsAt', 'endsAt', 'periodStart', 'periodEnd', 'at']);

/** Base64 of an HMAC-SHA512: 64 bytes → 88 characters. */
export const SIGNATURE_PATTERN = '^[A-Za-z0-9+/]{86}==$';

/** The response body a provider must send, with matchers where the scenario's exact value is incidental. */
export function responseMatchers(body: unknown, key?: string): unknown {
  // Lists of records (items, awards) may hold other records; lists of ids are what the call must answer.
  if (Array.isArray(body)) return isObject(body[0]) ? M.eachLike(responseMatchers(body[0], key)) : body;
  if (isObject(body)) {
    const entries = Object.entries(body)
      // Error details are the provider's own explanation; only code (exact) and message (a string) are contract.
      .filter(([k]) => !(key === 'error' && k === 'details'))
      .map(([k, v]) => [k, key === 'error' && k === 'message' ? M.string(String(v)) : responseMatchers(v, k)]);
    return Object.fromEntries(entries);
  }
  if (key === undefined) return body;
  if (TIMESTAMP_KEYS.has(key) && typeof body === 'string') return M.datetime(TIMESTAMP_FORMAT, EXAMPLE_TIMESTAMP);
  if (key === 'trueplayUserId' && typeof body === 'string') return M.string('00000000-0000-4000-8000-000000000001');
  if (key === 'url' && typeof body === 'string') return M.regex('^https?://[^/]+/loyalty/[^/?#]+$', 'http://127.0.0.1:4010/loyalty/SESSION');
  if ((key === 'id' || key === 'campaignId' || key === 'participantCount') && typeof body === 'number') return M.integer(body);
  if (key === 'name' && typeof body === 'string') return M.string(body);
  return body;
}

/** The request body a consumer sends: ids and amounts may differ from call to call, the shape may not. */
export function requestMatchers(body: unknown, key?: string): unknown {
  if (Array.isArray(body)) return body.map((item) => requestMatchers(item, key));
  if (isObject(body)) return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, requestMatchers(v, k)]));
  if (key === undefined) return body;
  if ((key === 'id' || key === 'transactionId' || key === 'referenceTransactionId') && typeof body === 'string') return M.string(body);
  if ((key === 'amount' || key === 'tokenAmount' || key === 'exchangeRate') && typeof body === 'number') {
    return Number.isInteger(body) ? M.number(body) : M.decimal(body);
  }
  return body;
}
