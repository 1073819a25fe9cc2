/**
 * "The same body" for idempotency means the same JSON value: key order and whitespace do not matter,
 * so a client that re-serialises its retry is still recognised as retrying.
 */
import { hash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function bodyFingerprint(value: unknown): string {
  // The one-shot hash: no Hash object per call on the ingest path; the same digest as createHash.
  return hash('sha256', canonicalJson(value), 'base64url');
}
