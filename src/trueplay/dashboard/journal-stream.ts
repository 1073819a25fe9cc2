/**
 * GET /sandbox/journal/stream: the journal as server-sent events. Stored entries after `afterId` (or the
 * Last-Event-ID of a reconnecting EventSource) first, then each new entry as it is recorded.
 */
import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { JournalEntry, JournalFilter, JournalStore } from '../../store/journal-store.js';

const REPLAY_LIMIT = 1000;
const KEEP_ALIVE_MS = 15_000;

export type StreamFilter = Omit<JournalFilter, 'limit' | 'afterId'>;

function matches(entry: JournalEntry, filter: StreamFilter): boolean {
  return (filter.direction === undefined || entry.direction === filter.direction)
    && (filter.path === undefined || entry.path.startsWith(filter.path))
    && (filter.status === undefined || entry.status === filter.status)
    && (filter.operatorUserId === undefined || entry.operatorUserId === filter.operatorUserId);
}

/** A usable Last-Event-ID (an entry id), or undefined. */
export function lastEventIdOf(c: Context): number | undefined {
  const header = c.req.header('last-event-id');
  return header && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
}

export function streamJournal(c: Context, journal: JournalStore, filter: StreamFilter, afterId: number | undefined): Response {
  return streamSSE(c, async (stream) => {
    const queue: JournalEntry[] = [];
    let wake: (() => void) | undefined;
    // Subscribe and read the backlog in the same tick: nothing can be recorded in between, so no gap and no duplicate.
    const unsubscribe = journal.subscribe((entry) => {
      if (!matches(entry, filter)) return;
      queue.push(entry);
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      wake?.();
    });
    if (afterId !== undefined) queue.push(...journal.list({ ...filter, limit: REPLAY_LIMIT, afterId }));
    try {
      await stream.write(': connected\n\n');
      while (!stream.aborted) {
        while (queue.length > 0 && !stream.aborted) await send(stream, queue.shift()!);
        if (stream.aborted) break;
        const woken = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), KEEP_ALIVE_MS);
          wake = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        wake = undefined;
        if (!woken && !stream.aborted) await stream.write(': keep-alive\n\n');
      }
    } finally {
      unsubscribe();
    }
  });
}

function send(stream: SSEStreamingApi, entry: JournalEntry): Promise<void> {
  return stream.writeSSE({ id: String(entry.id), event: 'entry', data: JSON.stringify(entry) });
}
