/**
 * The fake operator wallet's persistence: players and their casino balances (integer 1e-8 units, read as
 * bigint so no sum is ever a float), the Token Exchanges it has answered (for idempotency), and the player
 * events it received.
 */
import type { RefusalCode } from '../domain/errors.js';
import type { SqliteDatabase } from './database.js';
import type { StoredBody } from '../domain/idempotency.js';
import { storedBodyOf, NO_FINGERPRINT } from './idempotency.js';
import { unitOfWorkOf } from './unit-of-work.js';

export interface WalletPlayerRecord {
  operatorUserId: string;
  /** The casino balance in 1e-8 units of the currency. */
  balanceUnits: bigint;
  currency: string;
  updatedAt: number;
}

/** What the wallet decided about a Token Exchange: done, with the response it gave, or refused with a code. */
export type ExchangeDecision<Response = Record<string, unknown>> =
  | { kind: 'done'; response: Response }
  | { kind: 'refused'; code: RefusalCode; message: string };

/** A Token Exchange the wallet has decided: its body and the decision, replayed for retries. */
export interface AnsweredExchange {
  id: string;
  /** The body it was first sent with (src/store/idempotency.ts); written as `bodyJson`. */
  body: StoredBody;
  decision: ExchangeDecision;
  createdAt: number;
  /** Whose exchange it was (absent on rows from before migration 5). */
  operatorUserId?: string;
}

export interface ReceivedEventRecord {
  id: number;
  requestId: string;
  body: string;
  receivedAt: number;
}

type Row = Record<string, unknown>;

export function createWalletStore(db: SqliteDatabase) {
  const unit = unitOfWorkOf(db);
  const s = {
    player: db.prepare('SELECT * FROM wallet_players WHERE operator_user_id = ?').safeIntegers(true),
    upsertPlayer: db.prepare(`INSERT INTO wallet_players (operator_user_id, balance_units, currency, updated_at)
      VALUES (@operatorUserId, @balanceUnits, @currency, @updatedAt)
      ON CONFLICT (operator_user_id) DO UPDATE SET balance_units = excluded.balance_units, currency = excluded.currency,
        updated_at = excluded.updated_at`),
    setBalance: db.prepare('UPDATE wallet_players SET balance_units = ?, updated_at = ? WHERE operator_user_id = ?'),
    exchange: db.prepare('SELECT * FROM wallet_exchanges WHERE id = ?'),
    insertExchange: db.prepare(`INSERT INTO wallet_exchanges (id, body_hash, body, status, response, created_at, operator_user_id)
      VALUES (@id, '${NO_FINGERPRINT}', @bodyJson, @status, @response, @createdAt, @operatorUserId)`),
    deletePlayer: db.prepare('DELETE FROM wallet_players WHERE operator_user_id = ?'),
    lastExchangeRow: db.prepare('SELECT COALESCE(MAX(rowid), 0) AS mark FROM wallet_exchanges'),
    forgetExchanges: db.prepare('DELETE FROM wallet_exchanges WHERE rowid > ? AND operator_user_id = ?'),
    eventByRequestId: db.prepare('SELECT 1 FROM wallet_player_events WHERE request_id = ?'),
    insertEvent: db.prepare('INSERT INTO wallet_player_events (request_id, body, received_at) VALUES (?, ?, ?)'),
    events: db.prepare('SELECT * FROM (SELECT * FROM wallet_player_events ORDER BY id DESC LIMIT ?) ORDER BY id'),
  };

  return {
    /**
     * The unit of work (src/store/unit-of-work.ts): `work` runs atomically under the write lock, taken up front,
     * so check-then-change cannot interleave.
     */
    run: <T>(work: () => T): T => unit.run(work),
    /** Resolves once every change made so far is committed. */
    durable: () => unit.durable(),

    player(operatorUserId: string): WalletPlayerRecord | undefined {
      const row = s.player.get(operatorUserId) as Row | undefined;
      if (!row) return undefined;
      return {
        operatorUserId: row.operator_user_id as string,
        balanceUnits: row.balance_units as bigint,
        currency: row.currency as string,
        updatedAt: Number(row.updated_at as bigint),
      };
    },
    upsertPlayer(player: WalletPlayerRecord): void {
      s.upsertPlayer.run(player);
    },
    setBalance(operatorUserId: string, balanceUnits: bigint, now: number): void {
      s.setBalance.run(balanceUnits, now, operatorUserId);
    },

    answeredExchange(id: string): AnsweredExchange | undefined {
      const row = s.exchange.get(id) as Row | undefined;
      if (!row) return undefined;
      return {
        id: row.id as string,
        body: storedBodyOf(row as { body: string | null; body_hash: string }),
        decision: decisionOf(row.status as number, row.response as string),
        createdAt: row.created_at as number,
      };
    },
    rememberExchange({ decision, ...exchange }: Omit<AnsweredExchange, 'body'> & { bodyJson: string }): void {
      s.insertExchange.run({ operatorUserId: null, ...exchange, ...rowOf(decision) });
    },
    deletePlayer(operatorUserId: string): void {
      s.deletePlayer.run(operatorUserId);
    },
    /** A mark to forget the exchanges answered after it (see forgetExchangesSince). */
    lastExchangeMark(): number {
      return (s.lastExchangeRow.get() as { mark: number }).mark;
    },
    /** Forgets the exchanges of one player answered after `mark`. */
    forgetExchangesSince(mark: number, operatorUserId: string): void {
      s.forgetExchanges.run(mark, operatorUserId);
    },

    /** Records a player event once per requestId; answers false when it was already recorded. */
    recordEvent(requestId: string, body: string, receivedAt: number): boolean {
      if (s.eventByRequestId.get(requestId)) return false;
      s.insertEvent.run(requestId, body, receivedAt);
      return true;
    },
    /** The newest `limit` events, oldest first. */
    events(limit: number): ReceivedEventRecord[] {
      return (s.events.all(limit) as Row[]).map((row) => ({
        id: row.id as number,
        requestId: row.request_id as string,
        body: row.body as string,
        receivedAt: row.received_at as number,
      }));
    },

    wipe(): void {
      db.exec('DELETE FROM wallet_players; DELETE FROM wallet_exchanges; DELETE FROM wallet_player_events;');
    },
  };
}

export type WalletStore = ReturnType<typeof createWalletStore>;

/**
 * The rows keep a decision as they always have, the status and body first answered: 200 and the response when
 * done, 400 and {"error": {code, message}} when refused. What a replay answers now follows from the decision.
 */
function rowOf(decision: ExchangeDecision): { status: number; response: string } {
  if (decision.kind === 'done') return { status: 200, response: JSON.stringify(decision.response) };
  return { status: 400, response: JSON.stringify({ error: { code: decision.code, message: decision.message } }) };
}

function decisionOf(status: number, response: string): ExchangeDecision {
  const body = JSON.parse(response) as Record<string, unknown> & { error?: { code: RefusalCode; message: string } };
  if (status < 300) return { kind: 'done', response: body };
  return { kind: 'refused', code: body.error!.code, message: body.error!.message };
}
