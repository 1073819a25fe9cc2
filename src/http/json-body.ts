/**
 * A JSON request body from its raw bytes (read by node-adapter.ts): UTF-8, JSON, and a bound on nesting, each
 * refusal a 400 MALFORMED_JSON.
 */
import { refusal } from '../domain/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A JSON request body: its text as sent (UTF-8 decoded) and its value. */
export interface JsonBody {
  text: string;
  value: unknown;
}

export function parseJson(raw: Uint8Array): JsonBody {
  if (raw.byteLength === 0) throw refusal('MALFORMED_JSON', 'the request body is empty; a JSON object is expected');
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw refusal('MALFORMED_JSON', 'the request body is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw refusal('MALFORMED_JSON', `the request body is not valid JSON: ${(error as Error).message}`);
  }
  if (mayNestDeeperThan(raw, MAX_JSON_DEPTH) && nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    throw refusal('MALFORMED_JSON', `the request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return { text, value };
}

/**
 * No body of either contract nests more than a few levels, but extra fields are accepted and ignored, so without
 * a bound a 64 KB body of brackets reached recursive code (the idempotency fingerprint) and overflowed the stack.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Nesting deeper than `limit` takes more than `limit` opening brackets. Counting bytes (brackets inside strings
 * too, which only errs towards walking) spares the walk for nearly every body, the ingest path's among them.
 */
function mayNestDeeperThan(raw: Uint8Array, limit: number): boolean {
  if (raw.length <= limit) return false;
  let opening = 0;
  for (const bracket of OPENING_BRACKETS) {
    // indexOf is native: a few calls for a flat body instead of a JavaScript loop over every byte.
    for (let at = raw.indexOf(bracket); at !== -1; at = raw.indexOf(bracket, at + 1)) {
      if (++opening > limit) return true;
    }
  }
  return false;
}

/** `{` and `[` in UTF-8. */
const OPENING_BRACKETS = [0x7b, 0x5b] as const;

/** Whether a JSON value parsed from `text` may nest deeper than MAX_JSON_DEPTH (the journal keeps such bodies as text). */
export function nestsTooDeep(text: string, value: unknown): boolean {
  let opening = 0;
  for (const bracket of ['{', '[']) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
      if (++opening > MAX_JSON_DEPTH) return nestsDeeperThan(value, MAX_JSON_DEPTH);
    }
  }
  return false;
}

/** Iterative, so that measuring a hostile body cannot itself overflow the stack. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
