/**
 * The journal: every call that changed (or may have changed) the sandbox's state, with status and bodies, in
 * sandbox time (`at`) and real time (`realAt`): the operator's calls, the player's loyalty page, Trueplay's calls
 * to the operator, and the control APIs of both servers (`control`). The recorder replays a session from it alone.
 */
import type { Warning } from '../domain/warnings.js';
import { nestsTooDeep } from '../http/json-body.js';
import type { SqliteDatabase } from './database.js';
import { unitOfWorkOf } from './unit-of-work.js';
import { copyTables, putBackTables, type TableCopy } from './table-copies.js';

/**
 * Set on the calls the fake wallet makes to Trueplay by itself (a bet it plays as the casino): the recorder replays
 * the bet, not them.
 */
export const WALLET_ORIGIN_HEADER = 'x-sandbox-origin';

export const JOURNAL_DIRECTIONS = ['operator->trueplay', 'player->trueplay', 'trueplay->operator', 'control'] as const;
export type JournalDirection = (typeof JOURNAL_DIRECTIONS)[number];
/** The sandbox server that journaled the entry (a `control` call on the wallet's control API says `wallet`). */
export type JournalServer = 'trueplay' | 'wallet';

export interface JournalEntry {
  id: number;
  /** Sandbox time (the sandbox clock when the call arrived). */
  at: string;
  /** Real (wall-clock) time. */
  realAt: string;
  direction: JournalDirection;
  server: JournalServer;
  method: string;
  path: string;
  /** The query string as sent (without `?`); null when there was none. */
  query: string | null;
  status: number | null;
  requestHeaders: Record<string, string>;
  requestBody: unknown;
  responseBody: unknown;
  durationMs: number;
  operatorId: number | null;
  operatorUserId: string | null;
  /** What looked wrong about an accepted call; empty for nearly all. */
  warnings: readonly Warning[];
}

export type NewJournalEntry = Omit<JournalEntry, 'id' | 'requestBody' | 'responseBody' | 'warnings'> & {
  requestBody: string | null;
  responseBody: string | null;
  /** Only calls the sandbox accepted carry any. */
  warnings?: readonly Warning[];
};

export interface JournalFilter {
  limit: number;
  afterId?: number;
  direction?: JournalDirection;
  path?: string;
  status?: number;
  operatorUserId?: string;
  /** Only entries with at least one warning. */
  withWarnings?: boolean;
}

/**
 * Bodies are stored as text; JSON ones are parsed back for readers, anything else stays a string. So does JSON that
 * nests deeper than any contract body may (a refused hostile body): every reader (the JSON answer, the dashboard,
 * the recorder) would otherwise walk it recursively, and the text replays it exactly.
 */
function parseBody(text: string | null): unknown {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  return nestsTooDeep(text, value) ? text : value;
}

/** An entry as every reader gets it, from the table or as it is written: one shape, so a follower sees what list() reads. */
function entryOf(id: number, entry: NewJournalEntry): JournalEntry {
  return {
    id,
    at: entry.at,
    realAt: entry.realAt,
    direction: entry.direction,
    server: entry.server,
    method: entry.method,
    path: entry.path,
    query: entry.query ?? null,
    status: entry.status ?? null,
    requestHeaders: entry.requestHeaders,
    requestBody: parseBody(entry.requestBody),
    responseBody: parseBody(entry.responseBody),
    durationMs: entry.durationMs,
    operatorId: entry.operatorId ?? null,
    operatorUserId: entry.operatorUserId ?? null,
    warnings: entry.warnings ?? [],
  };
}

export function createJournalStore(db: SqliteDatabase) {
  // Positional, as the ingest statements (see unit-of-work.ts): every call that crosses the sandbox is journaled.
  const insert = db.prepare(`INSERT INTO journal (at, real_at, direction, server, method, path, query, status, request_headers, request_body,
    response_body, duration_ms, operator_id, operator_user_id, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // The path filter is a literal prefix: LIKE would read _ and % in it as wildcards.
  const matching = `id > @afterId
      AND (@direction IS NULL OR direction = @direction)
      AND (@path IS NULL OR substr(path, 1, length(@path)) = @path)
      AND (@status IS NULL OR status = @status)
      AND (@operatorUserId IS NULL OR operator_user_id = @operatorUserId)
      AND (@withWarnings = 0 OR warnings IS NOT NULL)`;
  // Without afterId a reader wants the newest entries; with it, the next ones after what it has seen.
  const newest = db.prepare(`SELECT * FROM (SELECT * FROM journal WHERE ${matching} ORDER BY id DESC LIMIT @limit) ORDER BY id`);
  const next = db.prepare(`SELECT * FROM journal WHERE ${matching} ORDER BY id LIMIT @limit`);
  const listeners = new Set<(entry: JournalEntry) => void>();
  const unit = unitOfWorkOf(db);
  // Bumped by whatever may remove entries already announced to listeners: a wipe, a restore, a rollback.
  let generation = 0;
  unit.onRollback(() => (generation += 1));
  const lastId = db.prepare('SELECT coalesce(max(id), 0) AS id FROM journal').pluck();

  return {
    /**
     * Writes an entry in the unit of work (unit-of-work.ts): committed with the changes it reports, before their
     * answer goes out.
     */
    record(entry: NewJournalEntry): void {
      // A call still finishing after the sandbox closed (a webhook in flight) has nowhere to go.
      if (!db.open) return;
      // One statement: nothing half-done to undo, so no savepoint; should it fail, the group is abandoned.
      const id = unit.runChecked(
        () => Number(insert.run(entry.at, entry.realAt, entry.direction, entry.server, entry.method, entry.path, entry.query, entry.status, JSON.stringify(entry.requestHeaders),
          entry.requestBody, entry.responseBody, entry.durationMs, entry.operatorId, entry.operatorUserId,
          entry.warnings === undefined || entry.warnings.length === 0 ? null : JSON.stringify(entry.warnings)).lastInsertRowid),
        () => false,
      );
      if (listeners.size === 0) return;
      const stored = entryOf(id, entry);
      for (const listener of listeners) listener(stored);
    },
    /** The newest `limit` entries that match, oldest first. */
    list(filter: JournalFilter): JournalEntry[] {
      const rows = (filter.afterId === undefined ? newest : next).all({
        limit: filter.limit,
        afterId: filter.afterId ?? 0,
        direction: filter.direction ?? null,
        path: filter.path ?? null,
        status: filter.status ?? null,
        operatorUserId: filter.operatorUserId ?? null,
        withWarnings: filter.withWarnings ? 1 : 0,
      }) as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
      return rows.map((r) => entryOf(r.id, {
        at: r.at,
        realAt: r.real_at ?? r.at,
        direction: r.direction,
        server: r.server,
        method: r.method,
        path: r.path,
        query: r.query,
        status: r.status,
        requestHeaders: JSON.parse(r.request_headers),
        requestBody: r.request_body,
        responseBody: r.response_body,
        durationMs: r.duration_ms,
        operatorId: r.operator_id,
        operatorUserId: r.operator_user_id,
        warnings: r.warnings === null ? undefined : JSON.parse(r.warnings),
      }));
    },
    /** Every entry gone: part of a reset to start (the Trueplay store empties the rest). */
    wipe(): void {
      db.exec('DELETE FROM journal');
      generation += 1;
    },
    /** Every entry, exactly, for restore(). */
    checkpoint: (): JournalCheckpoint => copyTables(db, ['journal']),
    /** The journal back to a checkpoint: its entries, and nothing since. Run it inside a store transaction. */
    restore(checkpoint: JournalCheckpoint): void {
      this.wipe();
      putBackTables(db, checkpoint);
    },
    /**
     * A reader of what each step journaled, after every step (the in-process scenario runner): `next(afterId, limit)`
     * answers as list({ afterId, limit }) does, from the entries announced since it began, without reading the table
     * (a read transaction after each write was most of a scenario step's own cost). After a wipe, a restore or a
     * rollback it reads the table once and starts again from there.
     */
    follow(): { next(afterId: number, limit: number): JournalEntry[]; close(): void } {
      let announced: JournalEntry[] = [];
      let since = -1;
      let seenGeneration = -1;
      const close = this.subscribe((entry) => announced.push(entry));
      return {
        next: (afterId, limit) => {
          if (seenGeneration !== generation || afterId < since) {
            // Announced entries may be gone, or the reader asks for more than was announced: the table says.
            announced = [];
            seenGeneration = generation;
            since = lastId.get() as number;
            return this.list({ afterId, limit });
          }
          announced = announced.filter((entry) => entry.id > afterId);
          return announced.slice(0, limit);
        },
        close,
      };
    },
    /** Live feed for the dashboard; returns the unsubscribe function. */
    subscribe(listener: (entry: JournalEntry) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type JournalStore = ReturnType<typeof createJournalStore>;

export type JournalCheckpoint = TableCopy;
