/**
 * A checksum of everything a call may change, read from the sandbox's SQLite file through a second, read-only
 * connection: users, balances, transactions, awards, campaigns, exchanges, wallet players, and how many calls
 * the journal recorded as accepted. A rejected request must leave it exactly as it was.
 */
import Database from 'better-sqlite3';

const PARTS: Record<string, string> = {
  operators: `SELECT COUNT(*) || ':' || COALESCE(group_concat(id || '/' || api_key || '/' || enabled || '/' || COALESCE(callback_base_url, ''), ','), '') FROM operators`,
  users: `SELECT COUNT(*) || ':' || COALESCE(SUM(token_units), 0) || ':' || COALESCE(SUM(kyc), 0) FROM users`,
  gameTransactions: `SELECT COUNT(*) || ':' || COALESCE(SUM(rolled_back), 0) || ':' || COUNT(counted_at) FROM game_transactions`,
  deposits: 'SELECT COUNT(*) FROM deposits',
  campaigns: `SELECT COUNT(*) || ':' || COALESCE(group_concat(status || '/' || COALESCE(settled_through, ''), ','), '') FROM campaigns`,
  participants: 'SELECT COUNT(*) FROM campaign_participants',
  awards: 'SELECT COUNT(*) || \':\' || COALESCE(SUM(token_units), 0) FROM awards',
  exchanges: `SELECT COUNT(*) || ':' || COALESCE(group_concat(status, ','), '') FROM token_exchanges`,
  settings: `SELECT COALESCE(group_concat(key || '=' || value, ','), '') FROM sandbox_settings WHERE key <> 'loyalty.sessionSecret'`,
  acceptedCalls: 'SELECT COUNT(*) FROM journal WHERE status BETWEEN 200 AND 299',
  walletPlayers: `SELECT COUNT(*) || ':' || COALESCE(SUM(balance_units), 0) FROM wallet_players`,
  walletExchanges: 'SELECT COUNT(*) FROM wallet_exchanges',
  walletEvents: 'SELECT COUNT(*) FROM wallet_player_events',
};

export function openStateChecksum(dbFile: string) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const statement = db.prepare(`SELECT ${Object.entries(PARTS).map(([name, sql]) => `(${sql}) AS ${name}`).join(', ')}`);
  return {
    /** The state as one comparable record (one field per part, so a failure says what moved). */
    read: () => statement.get() as Record<string, string | number>,
    close: () => db.close(),
  };
}
