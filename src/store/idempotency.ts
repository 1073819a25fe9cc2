/**
 * Idempotency as stored: each idempotent request (a game transaction, a deposit, a wallet Token Exchange) is kept
 * under its scope and key (its table and id) with the body as sent, beside the answer where one is replayed.
 * The body is a `body` column of JSON text; rows from before it (game transactions before migration 4, deposits
 * and wallet exchanges before migration 9) have only `body_hash`, a fingerprint. Whether a body is the same is
 * decided by the one rule in src/domain/idempotency.ts.
 */
import type { StoredBody } from '../domain/idempotency.js';

/** What a row's `body` and `body_hash` columns say about the body its key was first used with. */
export function storedBodyOf(row: { body: string | null; body_hash: string }): StoredBody {
  return row.body === null ? { fingerprint: row.body_hash } : { json: row.body };
}

/** What new rows keep in `body_hash`: nothing, the body itself is in `body`. */
export const NO_FINGERPRINT = '';
