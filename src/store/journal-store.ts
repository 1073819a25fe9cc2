/** The journal: every call that crossed the sandbox, in both directions, with status and bodies. */
import type { Warning } from '../domain/warnings.js';
import type { SqliteDatabase } from './database.js';
import { groupCommitOf } from './group-commit.js';

export type JournalDirection = 'operator->trueplay' | 'trueplay->operator';

export interface JournalEntry {
  id: number;
  at: string;
  direction: JournalDirection;
  method: string;
  path: string;
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

/** Bodies are stored as text; JSON ones are parsed back for readers, anything else stays a string. */
function parseBody(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createJournalStore(db: SqliteDatabase) {
  // Positional: named parameters cost a third more, and every call that crosses the sandbox is journaled.
  const insert = db.prepare(`INSERT INTO journal (at, direction, method, path, status, request_headers, request_body,
    response_body, duration_ms, operator_id, operator_user_id, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
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
  const group = groupCommitOf(db);

  return {
    /**
     * Writes an entry as part of the group commit of this turn (see group-commit.ts): it costs a call no commit of
     * its own, and is committed with the changes it reports, before their answer goes out.
     */
    record(entry: NewJournalEntry): void {
      // A call still finishing after the sandbox closed (a webhook in flight) has nowhere to go.
      if (!db.open) return;
      // One statement: nothing half-done to undo, so no savepoint; should it fail, the group is abandoned.
      const id = group.runChecked(
        () => Number(insert.run(entry.at, entry.direction, entry.method, entry.path, entry.status, JSON.stringify(entry.requestHeaders),
          entry.requestBody, entry.responseBody, entry.durationMs, entry.operatorId, entry.operatorUserId,
          entry.warnings === undefined || entry.warnings.length === 0 ? null : JSON.stringify(entry.warnings)).lastInsertRowid),
        () => false,
      );
      if (listeners.size === 0) return;
      const stored: JournalEntry = {
        ...entry,
        id,
        requestBody: parseBody(entry.requestBody),
        responseBody: parseBody(entry.responseBody),
        warnings: entry.warnings ?? [],
      };
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
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        direction: r.direction,
        method: r.method,
        path: r.path,
        status: r.status,
        requestHeaders: JSON.parse(r.request_headers),
        requestBody: parseBody(r.request_body),
        responseBody: parseBody(r.response_body),
        durationMs: r.duration_ms,
        operatorId: r.operator_id,
        operatorUserId: r.operator_user_id,
        warnings: r.warnings === null ? [] : JSON.parse(r.warnings),
      }));
    },
    /** Live feed for the dashboard; returns the unsubscribe function. */
    subscribe(listener: (entry: JournalEntry) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type JournalStore = ReturnType<typeof createJournalStore>;
