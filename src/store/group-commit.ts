/**
 * Group commit: every change made during one turn of the event loop runs in its own savepoint of one shared
 * IMMEDIATE transaction, committed once on the next turn. A failed change rolls back its savepoint only.
 * Callers answer their client only after `durable()` resolves, so nothing acknowledged is ever lost to a crash;
 * what is saved is one commit (the dominant cost of an ingest call) per request.
 */
import type { SqliteDatabase } from './database.js';

export interface GroupCommit {
  /** Runs `work` atomically inside the current group, opening one if none is. */
  run<T>(work: () => T): T;
  /**
   * Runs `work` inside the current group without a savepoint of its own, which costs an ingest call as much as its
   * insert. Only for work that makes every check before its first write: an error `isRefusal` accepts must come
   * from before any write and leaves the group as it was; any other error abandons the whole group, rolled back
   * at the commit, and every caller waiting on it is told, so no half-made change is ever committed.
   */
  runChecked<T>(work: () => T, isRefusal: (error: unknown) => boolean): T;
  /** Resolves once everything run so far is committed (at once when nothing is pending). */
  durable(): Promise<void>;
  /** Commits now (before closing the database). */
  flush(): void;
  /** Calls `listener` whenever a failed commit rolls a whole group back (caches of what it wrote must go). */
  onRollback(listener: () => void): void;
}

const groups = new WeakMap<SqliteDatabase, GroupCommit>();

/** The one group commit of a database connection, shared by both sides' stores. */
export function groupCommitOf(db: SqliteDatabase): GroupCommit {
  let group = groups.get(db);
  if (!group) groups.set(db, (group = createGroupCommit(db)));
  return group;
}

function createGroupCommit(db: SqliteDatabase): GroupCommit {
  // Inside an open transaction better-sqlite3 runs this as a SAVEPOINT: all or nothing for one change.
  const savepoint = db.transaction((work: () => unknown) => work());
  // Prepared once: exec() would parse the statement again on every turn.
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commitStatement = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  let open = false;
  let abandonedBy: unknown;
  // One promise per group, made when the first caller waits: every answer of the group waits on the same commit.
  let commit: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | undefined;
  const rollbackListeners: (() => void)[] = [];

  function flush(): void {
    if (!open) return;
    open = false;
    const settled = commit;
    commit = undefined;
    try {
      if (abandonedBy !== undefined) throw abandonedBy;
      commitStatement.run();
    } catch (error) {
      abandonedBy = undefined;
      if (db.inTransaction) rollback.run();
      for (const listener of rollbackListeners) listener();
      settled?.reject(error);
      return;
    }
    settled?.resolve();
  }

  function join(): void {
    // A transaction opened by someone else (a migration, a nested call) is joined, not committed here.
    if (!open && !db.inTransaction) {
      begin.run();
      open = true;
      setImmediate(flush);
    }
  }

  return {
    run<T>(work: () => T): T {
      join();
      return savepoint(work) as T;
    },
    runChecked<T>(work: () => T, isRefusal: (error: unknown) => boolean): T {
      join();
      try {
        return work();
      } catch (error) {
        if (open && !isRefusal(error) && abandonedBy === undefined) abandonedBy = error;
        throw error;
      }
    },
    durable(): Promise<void> {
      if (!open) return Promise.resolve();
      if (!commit) {
        let resolve!: () => void;
        let reject!: (error: unknown) => void;
        const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
        commit = { promise, resolve, reject };
      }
      return commit.promise;
    },
    flush,
    onRollback(listener: () => void): void {
      rollbackListeners.push(listener);
    },
  };
}
