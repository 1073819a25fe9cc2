/**
 * The one unit of work of a database connection, shared by both sides' stores: `run(work)` makes `work` atomic,
 * and everything that makes the sandbox fast lives here, behind it.
 *
 * What the speed machinery buys (the ingest ratio, `npm run bench -- --only=ingest`, against bare Hono in the same
 * run; the numbers are in the commit messages of issues 7 and 18):
 * - Group commit: every `run` of one turn of the event loop is a savepoint of one shared IMMEDIATE transaction,
 *   committed once on the next turn. A commit is the dominant cost of an ingest call; one per turn instead of one
 *   per request is most of the ratio. Answers wait for `durable()`, so nothing acknowledged is lost to a crash.
 * - `runChecked`: work that makes every check before its first write skips its savepoint (SAVEPOINT and RELEASE
 *   cost an ingest call about as much as its insert). Used by one-statement writes (the journal) and by
 *   `TrueplayStore.acceptKnownPlayerCall` (ingest), nowhere else.
 * - Caches of rows (operators by key, user identities; `trueplay-store.ts`) answer the lookups every call makes;
 *   any rollback, of one run or of a whole group, tells `onRollback` listeners so no cache outlives its rows.
 * - `onCommit`: what waits for a commit (player events) learns of it here, instead of every caller asking.
 * Smaller measures elsewhere, each worth a few percent of an ingest call when it was made: positional statement
 * parameters (named ones cost a third more per statement), game-transaction bodies kept as text instead of a
 * fingerprint (fingerprinting was a tenth of a call), canonical JSON without closures (they were a fifth of it),
 * Play to Earn as a BigInt fraction per operator, buffered log lines (a syscall per line cost more than the
 * commit), no request-log middleware below info (~2 µs a call), and synchronous handlers not awaited.
 */
import type { SqliteDatabase } from './database.js';

export interface UnitOfWork {
  /** Runs `work` atomically inside the current group, opening one if none is; a failure undoes `work` only. */
  run<T>(work: () => T): T;
  /**
   * `run` without a savepoint, for work that makes every check before its first write: an error `isRefusal`
   * accepts must come from before any write and leaves the group as it was; any other error abandons the whole
   * group, rolled back at the commit, and every caller waiting on it is told, so no half-made change is committed.
   */
  runChecked<T>(work: () => T, isRefusal: (error: unknown) => boolean): T;
  /** Resolves once everything run so far is committed (at once when nothing is pending). */
  durable(): Promise<void>;
  /** Commits now (before closing the database). */
  flush(): void;
  /** Calls `listener` whenever a rollback (of one run, or of a whole group) may have undone rows it saw written. */
  onRollback(listener: () => void): void;
  /** Calls `listener` after each commit of a group, before its waiters hear of it; returns the unsubscribe. */
  onCommit(listener: () => void): () => void;
}

const units = new WeakMap<SqliteDatabase, UnitOfWork>();

/** The one unit of work of a database connection, shared by both sides' stores. */
export function unitOfWorkOf(db: SqliteDatabase): UnitOfWork {
  let unit = units.get(db);
  if (!unit) units.set(db, (unit = createUnitOfWork(db)));
  return unit;
}

function createUnitOfWork(db: SqliteDatabase): UnitOfWork {
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
  const commitListeners = new Set<() => void>();
  const rolledBack = () => {
    for (const listener of rollbackListeners) listener();
  };

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
      rolledBack();
      settled?.reject(error);
      return;
    }
    for (const listener of commitListeners) listener();
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
      try {
        return savepoint(work) as T;
      } catch (error) {
        rolledBack();
        throw error;
      }
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
    onCommit(listener: () => void): () => void {
      commitListeners.add(listener);
      return () => void commitListeners.delete(listener);
    },
  };
}
