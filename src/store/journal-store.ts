/** The journal: every call that crossed the sandbox, in both directions, with status and bodies. */
import type { SqliteDatabase } from './database.js';

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
}

export type NewJournalEntry = Omit<JournalEntry, 'id' | 'requestBody' | 'responseBody'> & {
  requestBody: string | null;
  responseBody: string | null;
};

export interface JournalFilter {
  limit: number;
  afterId?: number;
  direction?: JournalDirection;
  path?: string;
  status?: number;
  operatorUserId?: string;
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
    response_body, duration_ms, operator_id, operator_user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // The path filter is a literal prefix: LIKE would read _ and % in it as wildcards.
  const matching = `id > @afterId
      AND (@direction IS NULL OR direction = @direction)
      AND (@path IS NULL OR substr(path, 1, length(@path)) = @path)
      AND (@status IS NULL OR status = @status)
      AND (@operatorUserId IS NULL OR operator_user_id = @operatorUserId)`;
  // Without afterId a reader wants the newest entries; with it, the next ones after what it has seen.
  const newest = db.prepare(`SELECT * FROM (SELECT * FROM journal WHERE ${matching} ORDER BY id DESC LIMIT @limit) ORDER BY id`);
  const next = db.prepare(`SELECT * FROM journal WHERE ${matching} ORDER BY id LIMIT @limit`);
  const listeners = new Set<(entry: JournalEntry) => void>();
  let pending: NewJournalEntry[] = [];

  const writeAll = db.transaction((entries: NewJournalEntry[]) =>
    entries.map((e) => Number(insert.run(e.at, e.direction, e.method, e.path, e.status, JSON.stringify(e.requestHeaders),
      e.requestBody, e.responseBody, e.durationMs, e.operatorId, e.operatorUserId).lastInsertRowid)),
  );

  function flush(): void {
    if (pending.length === 0 || !db.open) return;
    const entries = pending;
    pending = [];
    const ids = writeAll(entries);
    if (listeners.size === 0) return;
    entries.forEach((entry, i) => {
      const stored: JournalEntry = { ...entry, id: ids[i]!, requestBody: parseBody(entry.requestBody), responseBody: parseBody(entry.responseBody) };
      for (const listener of listeners) listener(stored);
    });
  }

  return {
    /**
     * Queues an entry; queued entries are written together in one transaction on the next turn of the event
     * loop, so journaling costs a request no commit of its own. Readers flush first and always see everything.
     */
    record(entry: NewJournalEntry): void {
      pending.push(entry);
      if (pending.length === 1) setImmediate(flush);
    },
    flush,
    /** The newest `limit` entries that match, oldest first. */
    list(filter: JournalFilter): JournalEntry[] {
      flush();
      const rows = (filter.afterId === undefined ? newest : next).all({
        limit: filter.limit,
        afterId: filter.afterId ?? 0,
        direction: filter.direction ?? null,
        path: filter.path ?? null,
        status: filter.status ?? null,
        operatorUserId: filter.operatorUserId ?? null,
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
