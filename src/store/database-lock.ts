/**
 * One running sandbox per database file. Two sandboxes on one file would rewrite each other's demo operator (its
 * callbacks follow the wallet's port) and interleave their clocks and journals, so `start` takes this lock before
 * it touches the file. The lock is a file next to the database, `<db>.lock`, holding the owner's pid and URLs so a
 * refused start can say which instance holds it. It is created by link(2), which is atomic and never leaves a
 * half-written lock; a lock whose pid is no longer alive (kill -9, a power cut) is taken over.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface LockHolder {
  pid: number;
  startedAt: string;
  trueplayUrl?: string;
  walletUrl?: string;
  /** Tells this lock from a later one by the same pid (a reused pid, a second start in one process after a close). */
  token: string;
}

export interface DatabaseLock {
  readonly file: string;
  /** Writes the URLs into the lock, for the message a second start gets. */
  announce(urls: { trueplayUrl: string; walletUrl: string }): void;
  release(): void;
}

/** A second start on a database whose lock is held by a live process. */
export class DatabaseInUseError extends Error {
  constructor(
    readonly database: string,
    readonly holder: LockHolder,
  ) {
    const where =
      holder.trueplayUrl && holder.walletUrl
        ? `the sandbox at ${holder.trueplayUrl} (fake operator wallet ${holder.walletUrl})`
        : 'a sandbox that is still starting';
    super(
      `${database} is in use by ${where}, pid ${holder.pid}, running since ${holder.startedAt}. ` +
        'Stop that one first, or start another on its own database: --db another.db, or --db :memory: to keep nothing. ' +
        `(If no such process is running, delete ${lockFileOf(database)}.)`,
    );
    this.name = 'DatabaseInUseError';
  }
}

export function lockFileOf(database: string): string {
  return `${resolve(database)}.lock`;
}

/** Locks still held when the process exits (an uncaught error, process.exit) are given back on the way out. */
const heldLocks = new Set<() => void>();
process.once('exit', () => {
  for (const release of [...heldLocks]) release();
});

/** Takes the lock of `database` for this process, or throws DatabaseInUseError naming its holder. */
export function lockDatabase(database: string): DatabaseLock {
  const file = lockFileOf(database);
  mkdirSync(dirname(file), { recursive: true });
  let holder: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const staged = `${file}.${process.pid}.${holder.token}`;
  const stage = (content: LockHolder) => writeFileSync(staged, `${JSON.stringify(content)}\n`, { mode: 0o644 });

  for (let attempt = 0; ; attempt++) {
    stage(holder);
    try {
      linkSync(staged, file);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(staged);
    }
    const current = readHolder(file);
    if (current && isAlive(current.pid)) throw new DatabaseInUseError(database, current);
    if (attempt >= 3) throw new Error(`could not take the lock ${file}: it keeps changing`);
    takeOverStale(file, current);
  }

  let released = false;
  heldLocks.add(release);
  function release(): void {
    if (released) return;
    released = true;
    heldLocks.delete(release);
    // Only our own lock: after a takeover by someone else, theirs stays.
    if (readHolder(file)?.token === holder.token) unlinkSync(file);
  }
  return {
    file,
    announce(urls) {
      holder = { ...holder, ...urls };
      stage(holder);
      renameSync(staged, file);
    },
    release,
  };
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.token === 'string' ? (parsed as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a lock left by a dead process. It is moved aside first and checked again, so that of two starts taking
 * over the same stale lock, neither deletes a fresh lock the other has just made.
 */
function takeOverStale(file: string, stale: LockHolder | undefined): void {
  const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  if (moved?.token !== stale?.token) {
    // Not the stale lock we judged: put it back (link fails if yet another start took the place meanwhile).
    try {
      linkSync(aside, file);
    } catch {
      /* the place is taken: the next attempt reads its holder */
    }
  }
  unlinkSync(aside);
}
