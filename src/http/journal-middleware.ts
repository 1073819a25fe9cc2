/** Writes every call that may change state into the journal: direction, status, headers and both bodies, in sandbox and real time. */
import type { Context, MiddlewareHandler } from 'hono';
import type { Warning } from '../domain/warnings.js';
import type { JournalDirection, JournalServer, JournalStore } from '../store/journal-store.js';
import type { SandboxEnv } from './env.js';
import { requestHeaders, requestTarget } from './node-adapter.js';

const utf8 = new TextDecoder();

// Under load many calls share a millisecond: its ISO text is made once (per clock: sandbox and real time).
function isoCache() {
  let lastMs = -1;
  let lastIso = '';
  return (ms: number): string => {
    if (ms !== lastMs) {
      lastMs = ms;
      lastIso = new Date(ms).toISOString();
    }
    return lastIso;
  };
}
const realIso = isoCache();
/** Wall-clock time as the journal's `realAt`. */
export const realNowIso = () => realIso(Date.now());

/** What the fake Trueplay journals: the operator's API, the player's loyalty page, and control calls that change state. */
export function trueplayJournalDirection(path: string, method: string): JournalDirection | null {
  if (path.startsWith('/api/')) return 'operator->trueplay';
  if (path.startsWith('/loyalty/')) return 'player->trueplay';
  return controlDirection(path, method);
}

/** What the fake wallet journals: its control calls that change state (Trueplay's calls to it are journaled by the caller). */
export const walletJournalDirection = controlDirection;

/** A control call changes state unless it only reads (GET, HEAD): reads would flood the journal with the dashboard's polling. */
function controlDirection(path: string, method: string): JournalDirection | null {
  return path.startsWith('/sandbox/') && method !== 'GET' && method !== 'HEAD' ? 'control' : null;
}
const MAX_STORED_BODY = 16 * 1024;
const NO_WARNINGS: readonly Warning[] = Object.freeze([]);

function clip(text: string): string {
  return text.length > MAX_STORED_BODY ? `${text.slice(0, MAX_STORED_BODY)}…[${text.length - MAX_STORED_BODY} more characters]` : text;
}

function queryOf(url: string): string | null {
  const at = url.indexOf('?');
  return at === -1 || at === url.length - 1 ? null : url.slice(at + 1);
}

/**
 * A control call's headers without the control token it carried: the journal is read by the dashboard, saved as
 * scenarios and kept in the database file, and the token is sent, never recorded.
 */
function withoutControlToken(headers: Record<string, string>): Record<string, string> {
  if (headers.authorization === undefined) return headers;
  return { ...headers, authorization: '[not journaled]' };
}

/** Adds warnings to the call's journal entry; a call without any (nearly all) never allocates a list. */
export function addWarnings(c: Context<SandboxEnv>, warnings: readonly Warning[]): void {
  if (warnings.length === 0) return;
  const kept = c.get('warnings');
  if (kept) kept.push(...warnings);
  else c.set('warnings', [...warnings]);
}

export interface JournalOptions {
  server: JournalServer;
  /** The direction of a call, or null for one that is not journaled. */
  directionOf: (path: string, method: string) => JournalDirection | null;
  /** The sandbox clock. */
  now: () => number;
}

export function recordInJournal(journal: JournalStore, { server, directionOf, now }: JournalOptions): MiddlewareHandler<SandboxEnv> {
  const sandboxIso = isoCache();
  return async function journalCall(c, next) {
    const direction = directionOf(c.req.path, c.req.method);
    if (direction === null) return next();
    // Sandbox time when the call arrived: a clock move is journaled at the time it moved from.
    const at = sandboxIso(now());
    const started = performance.now();
    await next();
    const raw = c.get('rawBody');
    // A contract route hands on the JSON text it answered; only other answers have their headers read.
    const answered = c.get('responseText');
    const contentType = answered === undefined ? (c.res.headers.get('content-type') ?? '') : 'application/json';
    const responseText = contentType.includes('json') ? (answered ?? (await c.res.clone().text())) : undefined;
    const responseBody = responseText !== undefined ? clip(responseText) : contentType ? `[${contentType.split(';')[0]}]` : null;
    journal.record({
      at,
      realAt: realNowIso(),
      direction,
      server,
      method: c.req.method,
      // The path and its query string apart (filters match the path); the user a call was about is kept apart too.
      path: c.req.path,
      query: queryOf(requestTarget(c)),
      status: c.res.status,
      requestHeaders: direction === 'control' ? withoutControlToken(requestHeaders(c)) : requestHeaders(c),
      requestBody: raw && raw.byteLength > 0 ? clip(c.get('bodyText') ?? utf8.decode(raw)) : null,
      responseBody,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      operatorId: c.get('operator')?.operatorId ?? null,
      operatorUserId: c.get('operatorUserId') ?? null,
      // Warnings are about accepted calls: a refused one has its error instead.
      warnings: c.res.status < 400 ? (c.get('warnings') ?? NO_WARNINGS) : NO_WARNINGS,
    });
  };
}
