/**
 * Whole tables copied out and put back exactly (integers as bigint): what a provider-state verification undoes
 * with. Each store copies its own tables.
 */
import type { SqliteDatabase } from './database.js';

type Row = Record<string, unknown>;

/** The rows of each table, in the order given. */
export type TableCopy = { table: string; rows: Row[] }[];

export function copyTables(db: SqliteDatabase, tables: readonly string[]): TableCopy {
  return tables.map((table) => ({ table, rows: db.prepare(`SELECT * FROM ${table}`).safeIntegers(true).all() as Row[] }));
}

/**
 * Puts a copy back into tables emptied first. The copy was taken in deletion order (each table before those it
 * references), so it goes back in reverse: referenced tables first.
 */
export function putBackTables(db: SqliteDatabase, copy: TableCopy): void {
  for (const { table, rows } of [...copy].reverse()) {
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0]!);
    const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    for (const row of rows) insert.run(...columns.map((column) => row[column]));
  }
}
