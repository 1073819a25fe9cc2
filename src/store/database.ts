/** Opens the sandbox's SQLite file (WAL, foreign keys) and brings its schema up to the latest migration. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from './migrations.js';

export type SqliteDatabase = Database.Database;

export function openDatabase(file: string): SqliteDatabase {
  try {
    return openAndMigrate(file);
  } catch (error) {
    // Name the file: "file is not a database" alone does not say which one.
    throw new Error(`cannot open the SQLite database ${file}: ${(error as Error).message}`, { cause: error });
  }
}

function openAndMigrate(file: string): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // OFF in WAL mode survives a crash of the process (kill -9: the OS still writes what it was handed); only an
  // OS crash or power loss may lose the last commits, which a local sandbox can afford. It halves commit cost.
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
