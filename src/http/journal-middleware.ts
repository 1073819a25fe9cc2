/** Writes every call to the chosen paths into the journal: direction, status, headers and both bodies. */
import type { Context, MiddlewareHandler } from 'hono';
import type { Warning } from '../domain/warnings.js';
import type { JournalDirection, JournalStore } from '../store/journal-store.js';
import type { SandboxEnv } from './env.js';
import { requestHeaders } from './request-headers.js';

const utf8 = new TextDecoder();

// Under load many calls share a millisecond: its ISO text is made once.
let lastMs = -1;
let lastIso = '';
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}
const MAX_STORED_BODY = 16 * 1024;
const NO_WARNINGS: readonly Warning[] = Object.freeze([]);

function clip(text: string): string {
  return text.length > MAX_STORED_BODY ? `${text.slice(0, MAX_STORED_BODY)}…[${text.length - MAX_STORED_BODY} more characters]` : text;
}

/** Adds warnings to the call's journal entry; a call without any (nearly all) never allocates a list. */
export function addWarnings(c: Context<SandboxEnv>, warnings: readonly Warning[]): void {
  if (warnings.length === 0) return;
  const kept = c.get('warnings');
  if (kept) kept.push(...warnings);
  else c.set('warnings', [...warnings]);
}

export function recordInJournal(
  journal: JournalStore,
  direction: JournalDirection,
  shouldRecord: (path: string) => boolean,
): MiddlewareHandler<SandboxEnv> {
  return async function journalCall(c, next) {
    if (!shouldRecord(c.req.path)) return next();
    const started = performance.now();
    await next();
    const raw = c.get('rawBody');
    // A contract route hands on the JSON text it answered; only other answers have their headers read.
    const answered = c.get('responseText');
    const contentType = answered === undefined ? (c.res.headers.get('content-type') ?? '') : 'application/json';
    const responseText = contentType.includes('json') ? (answered ?? (await c.res.clone().text())) : undefined;
    const responseBody = responseText !== undefined ? clip(responseText) : contentType ? `[${contentType.split(';')[0]}]` : null;
    journal.record({
      at: isoNow(),
      direction,
      method: c.req.method,
      // The contract's JournalEntry.path has no query string; the user a call was about is kept apart.
      path: c.req.path,
      status: c.res.status,
      requestHeaders: requestHeaders(c),
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
