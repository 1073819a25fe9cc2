/**
 * "The same body" for idempotency means the same JSON value: key order and whitespace do not matter,
 * so a client that re-serialises its retry is still recognised as retrying.
 */
import { hash } from 'node:crypto';

/** Loops rather than map/join: no closure per value (see src/store/unit-of-work.ts). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i]!;
    out += `${i > 0 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`;
  }
  return `${out}}`;
}

/** The fingerprint rows of older versions kept instead of the body. */
export function bodyFingerprint(value: unknown): string {
  // The one-shot hash: the same digest as createHash, without a Hash object.
  return hash('sha256', canonicalJson(value), 'base64url');
}

/** How the body a key was first used with is known: as JSON text, or (rows of older versions) by its fingerprint. */
export type StoredBody = { json: string } | { fingerprint: string };

/**
 * The one rule of every idempotent endpoint: a call under a used key whose body is the same JSON value is a retry
 * (answered as the first was); any other body under that key is a conflict.
 */
export function sameBody(stored: StoredBody, value: unknown): boolean {
  if ('json' in stored) return canonicalJson(JSON.parse(stored.json)) === canonicalJson(value);
  return stored.fingerprint === bodyFingerprint(value);
}
