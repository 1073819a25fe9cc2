/**
 * The floor for settlement: the one SQL aggregate a settlement cannot do without (each user's stakes minus wins over
 * the period's counted, not rolled-back transactions), on the same file, in a fresh process as the server is.
 * Prints the milliseconds it took and how many users had play.
 */
import Database from 'better-sqlite3';

const [file, from, to] = process.argv.slice(2);
const db = new Database(file!, { readonly: true });
const aggregate = db.prepare(`SELECT user_id, SUM(CASE WHEN type = 'BET' THEN amount_units ELSE -amount_units END) AS ggr
  FROM game_transactions WHERE operator_id = 1 AND counted_at >= ? AND counted_at < ? AND rolled_back = 0
  GROUP BY user_id`);
const started = performance.now();
const rows = aggregate.all(Number(from), Number(to));
const ms = performance.now() - started;
db.close();
console.log(JSON.stringify({ ms, users: rows.length }));
