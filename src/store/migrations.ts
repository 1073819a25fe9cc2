/**
 * Explicit, numbered schema migrations. Never edit a migration that has shipped: add the next number.
 * Amounts are stored twice: exact text for the wire, and an integer in 1e-8 units (tokens: 1e-2) so that
 * sums run in SQL exactly.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'trueplay core: operators, users, game transactions, deposits, campaigns, awards',
    sql: `
      CREATE TABLE operators (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        api_key TEXT NOT NULL UNIQUE,
        secret_key TEXT NOT NULL,
        callback_base_url TEXT,
        balance_path TEXT NOT NULL,
        token_exchange_path TEXT NOT NULL,
        player_event_path TEXT NOT NULL,
        player_events_enabled INTEGER NOT NULL,
        currency TEXT NOT NULL,
        exchange_rate TEXT NOT NULL,
        withdrawal_fee_percent TEXT NOT NULL,
        purchase_fee_percent TEXT NOT NULL,
        -- A disabled operator's key is recognised but refused (403), as Trueplay does for a suspended integration.
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        operator_id INTEGER NOT NULL REFERENCES operators(id),
        operator_user_id TEXT NOT NULL,
        trueplay_user_id TEXT NOT NULL UNIQUE,
        kyc INTEGER NOT NULL DEFAULT 0,
        currency TEXT,
        country TEXT,
        token_units INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        UNIQUE (operator_id, operator_user_id)
      );
      CREATE TABLE game_transactions (
        id INTEGER PRIMARY KEY,
        operator_id INTEGER NOT NULL,
        transaction_id TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        type TEXT NOT NULL,
        game_type TEXT NOT NULL,
        reference_transaction_id TEXT,
        currency TEXT NOT NULL,
        amount TEXT NOT NULL,
        amount_units INTEGER NOT NULL,
        body_hash TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        counted_at INTEGER,
        rolled_back INTEGER NOT NULL DEFAULT 0,
        UNIQUE (operator_id, transaction_id)
      );
      -- Cashback settlement scans one operator's counted transactions in a period.
      CREATE INDEX game_transactions_counted ON game_transactions (operator_id, counted_at) WHERE counted_at IS NOT NULL;
      CREATE TABLE deposits (
        id INTEGER PRIMARY KEY,
        operator_id INTEGER NOT NULL,
        transaction_id TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        amount TEXT NOT NULL,
        currency TEXT NOT NULL,
        body_hash TEXT NOT NULL,
        response TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        UNIQUE (operator_id, transaction_id)
      );
      CREATE TABLE campaigns (
        id INTEGER PRIMARY KEY,
        operator_id INTEGER NOT NULL REFERENCES operators(id),
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        tokens TEXT,
        percent TEXT,
        period TEXT,
        starts_at INTEGER NOT NULL,
        ends_at INTEGER,
        max_users INTEGER,
        settled_through INTEGER,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE campaign_participants (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        added_at INTEGER NOT NULL,
        PRIMARY KEY (campaign_id, user_id)
      );
      CREATE TABLE awards (
        id INTEGER PRIMARY KEY,
        operator_id INTEGER NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        campaign_type TEXT NOT NULL,
        -- What the award is for: 'user' (registration, KYC), a deposit's transactionId, or a cashback period start.
        source TEXT NOT NULL,
        token_units INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (campaign_id, user_id, source)
      );
      CREATE INDEX awards_user ON awards (user_id);
    `,
  },
  {
    version: 2,
    name: 'token exchanges, journal, sandbox settings',
    sql: `
      CREATE TABLE token_exchanges (
        id TEXT PRIMARY KEY,
        operator_id INTEGER NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        action TEXT NOT NULL,
        token_units INTEGER NOT NULL,
        amount TEXT NOT NULL,
        currency TEXT NOT NULL,
        exchange_rate TEXT NOT NULL,
        status TEXT NOT NULL,
        body TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX token_exchanges_user ON token_exchanges (user_id);
      CREATE TABLE journal (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        direction TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        -- NULL when no answer came (timeout, connection refused).
        status INTEGER,
        request_headers TEXT NOT NULL,
        request_body TEXT,
        response_body TEXT,
        duration_ms REAL NOT NULL,
        operator_id INTEGER,
        operator_user_id TEXT
      );
      CREATE TABLE sandbox_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'fake operator wallet: players, processed token exchanges, player events',
    sql: `
      CREATE TABLE wallet_players (
        operator_user_id TEXT PRIMARY KEY,
        balance_units INTEGER NOT NULL CHECK (balance_units >= 0),
        currency TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE wallet_exchanges (
        id TEXT PRIMARY KEY,
        body_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        response TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE wallet_player_events (
        id INTEGER PRIMARY KEY,
        request_id TEXT NOT NULL,
        body TEXT NOT NULL,
        received_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'game transactions keep their body instead of its fingerprint',
    // Fingerprinting (canonical JSON + SHA-256) was a tenth of an ingest call; the body is written as it is and
    // compared as a JSON value only when its transactionId comes again. Older rows keep body_hash and no body.
    sql: `
      ALTER TABLE game_transactions ADD COLUMN body TEXT;
    `,
  },
  {
    version: 5,
    name: 'the fake wallet knows whose each answered exchange was',
    // A provider-state teardown removes the exchanges a verification made for its players, and only those.
    sql: `
      ALTER TABLE wallet_exchanges ADD COLUMN operator_user_id TEXT;
    `,
  },
  {
    version: 6,
    name: 'per-operator validation, warnings on journal entries',
    // Operators created before this keep the default, documented strictness; older journal entries carry none.
    sql: `
      ALTER TABLE operators ADD COLUMN validation TEXT NOT NULL DEFAULT 'documented';
      ALTER TABLE journal ADD COLUMN warnings TEXT;
    `,
  },
  {
    version: 7,
    name: 'journal entries in sandbox time, with real time, the query string and the server that journaled them',
    // `at` becomes the sandbox clock's time; `real_at` keeps the wall clock (older rows: their `at`, which was it).
    sql: `
      ALTER TABLE journal ADD COLUMN real_at TEXT;
      UPDATE journal SET real_at = at;
      ALTER TABLE journal ADD COLUMN server TEXT NOT NULL DEFAULT 'trueplay';
      ALTER TABLE journal ADD COLUMN query TEXT;
      CREATE INDEX journal_user ON journal (operator_user_id) WHERE operator_user_id IS NOT NULL;
    `,
  },
  {
    version: 8,
    name: 'earning products: player events outbox, Play to Earn, Hold to Earn',
    sql: `
      -- Each movement of a user's tokens is announced once, with a requestId kept across retries: the event is
      -- written with the movement, in its transaction, and delivered from here (PENDING until the operator answers).
      CREATE TABLE player_events (
        request_id TEXT PRIMARY KEY,
        operator_id INTEGER NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        body TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX player_events_pending ON player_events (created_at) WHERE status = 'PENDING';
      -- Play to Earn: the tokens a BET earned (+) or its ROLLBACK took back (−), 0 for everything else.
      ALTER TABLE game_transactions ADD COLUMN token_units INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX game_transactions_earning ON game_transactions (user_id) WHERE token_units <> 0;
      ALTER TABLE operators ADD COLUMN play_to_earn_percent TEXT NOT NULL DEFAULT '0.1';
      -- Hold to Earn terms as JSON {periods: {PT8H, P1D, P3D: percent}, maxStakePerUser}.
      ALTER TABLE operators ADD COLUMN hold_to_earn TEXT NOT NULL
        DEFAULT '{"periods":{"PT8H":"0.05","P1D":"0.2","P3D":"0.75"},"maxStakePerUser":"5000"}';
      -- A stake holds its tokens until ends_at; then they come back with the reward, once (returned_at set).
      CREATE TABLE stakes (
        id TEXT PRIMARY KEY,
        operator_id INTEGER NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        period TEXT NOT NULL,
        percent TEXT NOT NULL,
        token_units INTEGER NOT NULL,
        reward_units INTEGER NOT NULL,
        staked_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        returned_at INTEGER
      );
      CREATE INDEX stakes_user ON stakes (user_id);
      CREATE INDEX stakes_due ON stakes (ends_at) WHERE returned_at IS NULL;
    `,
  },
  {
    version: 9,
    name: 'deposits and wallet exchanges keep their body, as game transactions do',
    // One idempotency rule (src/store/idempotency.ts): the body as sent, compared as a JSON value. Existing rows
    // keep their body_hash and no body, and are still compared by that fingerprint, so their retries are recognised.
    sql: `
      ALTER TABLE deposits ADD COLUMN body TEXT;
      ALTER TABLE wallet_exchanges ADD COLUMN body TEXT;
    `,
  },
  {
    version: 10,
    name: 'a refused token exchange keeps the code it was refused with',
    // The loyalty page answers a refusal by its code (INSUFFICIENT_FUNDS or EXCHANGE_FAILED): kept as data, not
    // read back out of last_error, which is the sentence for a person. Older rows get the code last_error starts with.
    sql: `
      ALTER TABLE token_exchanges ADD COLUMN refusal_code TEXT;
      UPDATE token_exchanges SET refusal_code = substr(last_error, 1, instr(last_error, ':') - 1)
        WHERE status = 'FAILED' AND instr(last_error, ':') > 1;
    `,
  },
  {
    version: 11,
    name: 'the journal loses its index on operator_user_id',
    // No query used it: the journal's filter `(@operatorUserId IS NULL OR operator_user_id = …)` is answered by a
    // scan of ids from newest, never from this index (EXPLAIN QUERY PLAN), yet every journaled call inserted into it
    // at a random place in the tree: about two thirds of a journal insert's cost.
    sql: `
      DROP INDEX IF EXISTS journal_user;
    `,
  },
  {
    version: 12,
    name: 'game transactions not counted yet are indexed by when they arrived',
    // The clock's floor (latestEventAt) read MAX(received_at) by scanning every game transaction: 150 ms of a clock
    // move on a million rows. A counted row is dated by counted_at, already indexed; only the few rows without it
    // (a sportsbook bet awaiting its win, a rollback) need this index, so a bet or a win pays nothing for it.
    sql: `
      CREATE INDEX game_transactions_uncounted ON game_transactions (received_at) WHERE counted_at IS NULL;
    `,
  },
];

