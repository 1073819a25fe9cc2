/** The fake Trueplay's persistence: prepared statements over the sandbox database, one method per question or change. */
import type { SqliteDatabase } from './database.js';
import type { StoredBody } from '../domain/idempotency.js';
import { NO_FINGERPRINT, storedBodyOf } from './idempotency.js';
import { unitOfWorkOf } from './unit-of-work.js';
import { copyTables, putBackTables, type TableCopy } from './table-copies.js';
import type { Campaign, CampaignStatus, CampaignType } from '../domain/campaigns.js';
import { earningRate, type EarningRate } from '../domain/play-to-earn.js';
import type { GameTransactionType } from '../domain/cashback.js';
import type { ExchangeAction } from '../domain/exchange.js';
import { AMOUNT_SCALE, Decimal, fitsTokenLimit, fromAmountUnits, fromTokenUnits, tokenLimitExceeded, type StoredAmount } from '../domain/money.js';
import { Refusal } from '../domain/errors.js';
import type { CashbackPeriod } from '../domain/time.js';
import type { HoldToEarnTerms, StakePeriod } from '../domain/hold-to-earn.js';

export interface StakeRecord {
  id: string;
  operatorId: number;
  userId: number;
  period: StakePeriod;
  percent: Decimal;
  tokenUnits: number;
  rewardUnits: number;
  stakedAt: number;
  endsAt: number;
  returnedAt: number | null;
}

const holdToEarnOf = (json: string): HoldToEarnTerms => {
  const raw = JSON.parse(json) as { periods: Record<StakePeriod, string>; maxStakePerUser: string };
  return {
    periods: { PT8H: new Decimal(raw.periods.PT8H), P1D: new Decimal(raw.periods.P1D), P3D: new Decimal(raw.periods.P3D) },
    maxStakePerUser: new Decimal(raw.maxStakePerUser),
  };
};
const holdToEarnJson = (terms: HoldToEarnTerms) => JSON.stringify({
  periods: { PT8H: terms.periods.PT8H.toString(), P1D: terms.periods.P1D.toString(), P3D: terms.periods.P3D.toString() },
  maxStakePerUser: terms.maxStakePerUser.toString(),
});

const toStake = (r: Record<string, any>): StakeRecord => ({ // eslint-disable-line @typescript-eslint/no-explicit-any
  id: r.id,
  operatorId: r.operator_id,
  userId: r.user_id,
  period: r.period,
  percent: new Decimal(r.percent),
  tokenUnits: r.token_units,
  rewardUnits: r.reward_units,
  stakedAt: r.staked_at,
  endsAt: r.ends_at,
  returnedAt: r.returned_at,
});
import type { ValidationMode } from '../domain/validation.js';

export interface OperatorRecord {
  operatorId: number;
  name: string;
  apiKey: string;
  secretKey: string;
  callbackBaseUrl: string | null;
  balancePath: string;
  tokenExchangePath: string;
  playerEventPath: string;
  playerEventsEnabled: boolean;
  currency: string;
  exchangeRate: Decimal;
  withdrawalFeePercent: Decimal;
  purchaseFeePercent: Decimal;
  /** Play to Earn: the percent of each real-money BET paid in tokens (0 = off). */
  playToEarnPercent: Decimal;
  /**
   * playToEarnPercent ÷ exchangeRate as the exact fraction every BET is multiplied by, worked out once per row
   * read: operator records are cached (see unit-of-work.ts), so the ingest never recomputes it.
   */
  playToEarnRate: EarningRate;
  holdToEarn: HoldToEarnTerms;
  /** How strictly the operator's calls are judged: Trueplay's documented rules refused, or only warned about. */
  validation: ValidationMode;
  enabled: boolean;
  createdAt: number;
}

export interface UserRecord {
  id: number;
  operatorId: number;
  operatorUserId: string;
  trueplayUserId: string;
  kyc: boolean;
  currency: string | null;
  country: string | null;
  tokenUnits: number;
  createdAt: number;
}

/** Who a user is, without the parts that change (tokens, KYC): what the ingest path needs, and safe to cache. */
export interface UserIdentity {
  id: number;
  trueplayUserId: string;
}

export interface StoredGameTransaction {
  id: number;
  transactionId: string;
  userId: number;
  type: GameTransactionType;
  gameType: string;
  /** The amount as stored (exact text), for comparing a ROLLBACK with what it rolls back. */
  amount: string;
  /** The body the first call was made with (src/store/idempotency.ts). */
  body: StoredBody;
  countedAt: number | null;
  rolledBack: boolean;
  /** Play to Earn tokens this transaction moved: + earned by a BET, − taken back by a ROLLBACK. */
  tokenUnits: number;
}

export interface CampaignRecord extends Campaign {
  participantCount: number;
}

export interface TokenExchangeRecord {
  id: string;
  operatorId: number;
  userId: number;
  action: ExchangeAction;
  tokenUnits: number;
  amount: string;
  currency: string;
  exchangeRate: string;
  status: 'PENDING' | 'COMPLETED' | 'FAILED';
  body: string;
  attempts: number;
  lastError: string | null;
  /** FAILED only: the operator's error code, or HTTP_<status> when its answer named none. */
  refusalCode: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface PlayerEventRecord {
  requestId: string;
  operatorId: number;
  userId: number;
  body: string;
  status: 'PENDING' | 'DELIVERED' | 'REFUSED';
  attempts: number;
  lastError: string | null;
  createdAt: number;
}

export interface HistoryRow {
  at: number;
  kind: 'AWARD' | 'EXCHANGE' | 'PLAY_TO_EARN' | 'PLAY_TO_EARN_ROLLBACK' | 'STAKE' | 'HOLD_TO_EARN';
  campaignId: number | null;
  campaignType: string | null;
  exchangeId: string | null;
  action: string | null;
  status: string | null;
  tokenUnits: number;
  amount: string | null;
  currency: string | null;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Row = Record<string, any>;

const toOperator = (r: Row): OperatorRecord => ({
  operatorId: r.id,
  name: r.name,
  apiKey: r.api_key,
  secretKey: r.secret_key,
  callbackBaseUrl: r.callback_base_url,
  balancePath: r.balance_path,
  tokenExchangePath: r.token_exchange_path,
  playerEventPath: r.player_event_path,
  playerEventsEnabled: r.player_events_enabled === 1,
  currency: r.currency,
  exchangeRate: new Decimal(r.exchange_rate),
  withdrawalFeePercent: new Decimal(r.withdrawal_fee_percent),
  purchaseFeePercent: new Decimal(r.purchase_fee_percent),
  playToEarnPercent: new Decimal(r.play_to_earn_percent),
  playToEarnRate: earningRate(new Decimal(r.play_to_earn_percent), new Decimal(r.exchange_rate)),
  holdToEarn: holdToEarnOf(r.hold_to_earn),
  validation: r.validation as ValidationMode,
  enabled: r.enabled === 1,
  createdAt: r.created_at,
});

const toUser = (r: Row): UserRecord => ({
  id: r.id,
  operatorId: r.operator_id,
  operatorUserId: r.operator_user_id,
  trueplayUserId: r.trueplay_user_id,
  kyc: r.kyc === 1,
  currency: r.currency,
  country: r.country,
  tokenUnits: r.token_units,
  createdAt: r.created_at,
});

const toCampaign = (r: Row): CampaignRecord => ({
  id: r.id,
  operatorId: r.operator_id,
  name: r.name,
  type: r.type as CampaignType,
  status: r.status as CampaignStatus,
  tokens: r.tokens === null ? null : new Decimal(r.tokens),
  percent: r.percent === null ? null : new Decimal(r.percent),
  period: r.period as CashbackPeriod | null,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  maxUsers: r.max_users,
  settledThrough: r.settled_through,
  createdAt: r.created_at,
  participantCount: r.participant_count ?? 0,
});

const toExchange = (r: Row): TokenExchangeRecord => ({
  id: r.id,
  operatorId: r.operator_id,
  userId: r.user_id,
  action: r.action,
  tokenUnits: r.token_units,
  amount: r.amount,
  currency: r.currency,
  exchangeRate: r.exchange_rate,
  status: r.status,
  body: r.body,
  attempts: r.attempts,
  lastError: r.last_error,
  refusalCode: r.refusal_code,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toPlayerEvent = (r: Row): PlayerEventRecord => ({
  requestId: r.request_id,
  operatorId: r.operator_id,
  userId: r.user_id,
  body: r.body,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at,
});

const MAX_CACHED_IDENTITIES = 100_000;
const AMOUNT_SCALE_UNITS = BigInt(AMOUNT_SCALE.toFixed(0));
const AMOUNT_SCALE_SQL = AMOUNT_SCALE.toFixed(0);
const CAMPAIGN_COLUMNS = `c.*, (SELECT COUNT(*) FROM campaign_participants p WHERE p.campaign_id = c.id) AS participant_count`;

export type NewOperator = Omit<OperatorRecord, 'operatorId' | 'enabled' | 'playToEarnRate'> & { operatorId?: number };
export type NewCampaign = Omit<Campaign, 'id' | 'settledThrough'>;

export function createTrueplayStore(db: SqliteDatabase) {
  const s = {
    insertOperator: db.prepare(`INSERT INTO operators (id, name, api_key, secret_key, callback_base_url, balance_path,
      token_exchange_path, player_event_path, player_events_enabled, currency, exchange_rate, withdrawal_fee_percent,
      purchase_fee_percent, validation, play_to_earn_percent, hold_to_earn, created_at) VALUES (@operatorId, @name, @apiKey,
      @secretKey, @callbackBaseUrl, @balancePath, @tokenExchangePath, @playerEventPath, @playerEventsEnabled, @currency,
      @exchangeRate, @withdrawalFeePercent, @purchaseFeePercent, @validation, @playToEarnPercent, @holdToEarn, @createdAt)`),
    operatorById: db.prepare('SELECT * FROM operators WHERE id = ?'),
    operatorByKey: db.prepare('SELECT * FROM operators WHERE api_key = ?'),
    operators: db.prepare('SELECT * FROM operators ORDER BY id'),
    updateOperator: db.prepare(`UPDATE operators SET name = @name, api_key = @apiKey, secret_key = @secretKey,
      callback_base_url = @callbackBaseUrl, balance_path = @balancePath, token_exchange_path = @tokenExchangePath,
      player_event_path = @playerEventPath, player_events_enabled = @playerEventsEnabled, currency = @currency,
      exchange_rate = @exchangeRate, withdrawal_fee_percent = @withdrawalFeePercent,
      purchase_fee_percent = @purchaseFeePercent, validation = @validation, play_to_earn_percent = @playToEarnPercent,
      hold_to_earn = @holdToEarn, enabled = @enabled WHERE id = @operatorId`),
    setOperatorAccess: db.prepare(`UPDATE operators SET api_key = ?, secret_key = ?, callback_base_url = ?,
      player_events_enabled = COALESCE(?, player_events_enabled) WHERE id = ?`),
    userByOperatorUserId: db.prepare('SELECT * FROM users WHERE operator_id = ? AND operator_user_id = ?'),
    userById: db.prepare('SELECT * FROM users WHERE id = ?'),
    usersOfOperator: db.prepare('SELECT * FROM users WHERE operator_id = ? ORDER BY id'),
    insertUser: db.prepare(`INSERT INTO users (operator_id, operator_user_id, trueplay_user_id, kyc, currency, country, created_at)
      VALUES (@operatorId, @operatorUserId, @trueplayUserId, @kyc, @currency, @country, @createdAt)`),
    setKyc: db.prepare('UPDATE users SET kyc = 1 WHERE id = ?'),
    addTokens: db.prepare('UPDATE users SET token_units = token_units + ? WHERE id = ?'),
    takeTokens: db.prepare('UPDATE users SET token_units = token_units - ? WHERE id = ? AND token_units >= ?'),
    tokenUnitsOf: db.prepare('SELECT token_units FROM users WHERE id = ?').pluck(),
    gameTransaction: db.prepare('SELECT * FROM game_transactions WHERE operator_id = ? AND transaction_id = ?'),
    userIdentity: db.prepare('SELECT id, trueplay_user_id FROM users WHERE operator_id = ? AND operator_user_id = ?').raw(),
    // Positional (see unit-of-work.ts). A taken id inserts nothing.
    insertGameTransaction: db.prepare(`INSERT INTO game_transactions (operator_id, transaction_id, user_id, type, game_type,
      reference_transaction_id, currency, amount, amount_units, body_hash, body, received_at, counted_at, token_units)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '${NO_FINGERPRINT}', ?, ?, ?, ?) ON CONFLICT (operator_id, transaction_id) DO NOTHING`),
    settleBet: db.prepare('UPDATE game_transactions SET counted_at = ? WHERE id = ? AND counted_at IS NULL'),
    rollBack: db.prepare('UPDATE game_transactions SET rolled_back = 1 WHERE id = ?'),
    lossesReporting: db.prepare(`SELECT COUNT(*) FROM game_transactions WHERE operator_id = ? AND reference_transaction_id = ?
      AND type = 'WIN' AND amount_units = 0`).pluck(),
    deposit: db.prepare('SELECT * FROM deposits WHERE operator_id = ? AND transaction_id = ?'),
    insertDeposit: db.prepare(`INSERT INTO deposits (operator_id, transaction_id, user_id, amount, currency, body_hash, body, response, received_at)
      VALUES (@operatorId, @transactionId, @userId, @amount, @currency, '${NO_FINGERPRINT}', @bodyJson, @response, @receivedAt)`),
    insertCampaign: db.prepare(`INSERT INTO campaigns (operator_id, name, type, status, tokens, percent, period, starts_at,
      ends_at, max_users, created_at) VALUES (@operatorId, @name, @type, @status, @tokens, @percent, @period, @startsAt,
      @endsAt, @maxUsers, @createdAt)`),
    campaignById: db.prepare(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = ?`),
    campaignsOfOperator: db.prepare(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.operator_id = ? ORDER BY c.id`),
    allCampaigns: db.prepare(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c ORDER BY c.id`),
    campaignsMarkedActive: db.prepare(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.operator_id = ? AND c.type = ?
      AND c.status = 'ACTIVE' ORDER BY c.id`),
    cashbackCampaigns: db.prepare(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.type = 'CASHBACK'
      AND c.status <> 'DELETED' ORDER BY c.id`),
    setCampaignStatus: db.prepare('UPDATE campaigns SET status = ? WHERE id = ?'),
    expireEndedCampaigns: db.prepare(`UPDATE campaigns SET status = 'EXPIRED' WHERE status = 'ACTIVE' AND ends_at IS NOT NULL AND ends_at <= ?`),
    setSettledThrough: db.prepare('UPDATE campaigns SET settled_through = ? WHERE id = ?'),
    isParticipant: db.prepare('SELECT 1 FROM campaign_participants WHERE campaign_id = ? AND user_id = ?'),
    addParticipant: db.prepare('INSERT OR IGNORE INTO campaign_participants (campaign_id, user_id, added_at) VALUES (?, ?, ?)'),
    removeParticipant: db.prepare('DELETE FROM campaign_participants WHERE campaign_id = ? AND user_id = ?'),
    // In the order they were added: rowid grows with each insert, where added_at ties within one call on a frozen clock.
    participants: db.prepare(`SELECT u.operator_user_id, u.trueplay_user_id, p.added_at FROM campaign_participants p
      JOIN users u ON u.id = p.user_id WHERE p.campaign_id = ? ORDER BY p.rowid LIMIT ? OFFSET ?`),
    campaignsOfUser: db.prepare(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.operator_id = ? AND (c.type IN ('REGISTRATION', 'KYC', 'CASHBACK')
      OR EXISTS (SELECT 1 FROM campaign_participants p WHERE p.campaign_id = c.id AND p.user_id = ?)) ORDER BY c.id`),
    insertAward: db.prepare(`INSERT OR IGNORE INTO awards (operator_id, user_id, campaign_id, campaign_type, source, token_units, created_at)
      VALUES (@operatorId, @userId, @campaignId, @campaignType, @source, @tokenUnits, @createdAt)`),
    // GGR per user of one operator for a period: settled stakes minus wins, rolled-back rows excluded (see domain/cashback.ts).
    // Summed as whole units and 1e-8 remainders apart: one SUM of amount_units overflows SQLite's 64-bit integer
    // after ~92 bets at the contract's maximum amount, and SUM raises an error rather than losing precision.
    periodGgr: db.prepare(`SELECT user_id,
        SUM(CASE WHEN type = 'BET' THEN amount_units / ${AMOUNT_SCALE_SQL} ELSE -(amount_units / ${AMOUNT_SCALE_SQL}) END) AS ggr_whole,
        SUM(CASE WHEN type = 'BET' THEN amount_units % ${AMOUNT_SCALE_SQL} ELSE -(amount_units % ${AMOUNT_SCALE_SQL}) END) AS ggr_fraction
      FROM game_transactions
      WHERE operator_id = ? AND counted_at >= ? AND counted_at < ? AND rolled_back = 0
      GROUP BY user_id`).safeIntegers(true),
    // The first instant in [from, to) at which play that still counts was counted: settlement visits only such periods.
    firstCountedAt: db.prepare(`SELECT MIN(counted_at) FROM game_transactions
      WHERE operator_id = ? AND counted_at >= ? AND counted_at < ? AND rolled_back = 0`).pluck(),
    insertExchange: db.prepare(`INSERT INTO token_exchanges (id, operator_id, user_id, action, token_units, amount, currency,
      exchange_rate, status, body, created_at, updated_at) VALUES (@id, @operatorId, @userId, @action, @tokenUnits, @amount,
      @currency, @exchangeRate, @status, @body, @createdAt, @updatedAt)`),
    exchangeById: db.prepare('SELECT * FROM token_exchanges WHERE id = ?'),
    pendingExchanges: db.prepare(`SELECT * FROM token_exchanges WHERE status = 'PENDING' ORDER BY created_at`),
    finishExchange: db.prepare(`UPDATE token_exchanges SET status = ?, attempts = ?, last_error = ?, refusal_code = ?, updated_at = ?
      WHERE id = ? AND status = 'PENDING'`),
    touchExchange: db.prepare('UPDATE token_exchanges SET attempts = ?, last_error = ?, updated_at = ? WHERE id = ?'),
    insertStake: db.prepare(`INSERT INTO stakes (id, operator_id, user_id, period, percent, token_units, reward_units, staked_at, ends_at)
      VALUES (@id, @operatorId, @userId, @period, @percent, @tokenUnits, @rewardUnits, @stakedAt, @endsAt)`),
    activeStakes: db.prepare('SELECT * FROM stakes WHERE user_id = ? AND returned_at IS NULL ORDER BY ends_at, rowid'),
    dueStakes: db.prepare('SELECT * FROM stakes WHERE returned_at IS NULL AND ends_at <= ? ORDER BY ends_at, rowid'),
    returnStake: db.prepare('UPDATE stakes SET returned_at = ? WHERE id = ? AND returned_at IS NULL'),
    insertPlayerEvent: db.prepare(`INSERT INTO player_events (request_id, operator_id, user_id, body, status, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'PENDING', ?, ?)`),
    pendingPlayerEvents: db.prepare(`SELECT * FROM player_events WHERE status = 'PENDING' AND attempts >= ? AND attempts <= ?
      ORDER BY created_at, rowid`),
    finishPlayerEvent: db.prepare(`UPDATE player_events SET status = ?, attempts = ?, last_error = ?, updated_at = ?
      WHERE request_id = ? AND status = 'PENDING'`),
    touchPlayerEvent: db.prepare('UPDATE player_events SET attempts = ?, last_error = ?, updated_at = ? WHERE request_id = ?'),
    // The newest @limit entries, newest first as LoyaltyState.history says; rowid orders the entries of one instant.
    history: db.prepare(`SELECT * FROM (
        SELECT a.created_at AS at, 'AWARD' AS kind, a.campaign_id, a.campaign_type, NULL AS exchange_id, NULL AS action,
          NULL AS status, a.token_units, NULL AS amount, NULL AS currency, a.rowid AS seq FROM awards a WHERE a.user_id = @userId
        UNION ALL
        SELECT e.created_at, 'EXCHANGE', NULL, NULL, e.id, e.action, e.status, e.token_units, e.amount, e.currency, e.rowid
          FROM token_exchanges e WHERE e.user_id = @userId
        UNION ALL
        SELECT g.received_at, CASE WHEN g.token_units > 0 THEN 'PLAY_TO_EARN' ELSE 'PLAY_TO_EARN_ROLLBACK' END, NULL, NULL,
          NULL, NULL, NULL, ABS(g.token_units), NULL, NULL, g.rowid
          FROM game_transactions g WHERE g.user_id = @userId AND g.token_units <> 0
        UNION ALL
        SELECT k.staked_at, 'STAKE', NULL, NULL, NULL, NULL, NULL, k.token_units, NULL, NULL, k.rowid FROM stakes k WHERE k.user_id = @userId
        UNION ALL
        SELECT k.returned_at, 'HOLD_TO_EARN', NULL, NULL, NULL, NULL, NULL, k.token_units + k.reward_units, NULL, NULL, k.rowid
          FROM stakes k WHERE k.user_id = @userId AND k.returned_at IS NOT NULL
      ) ORDER BY at DESC, kind DESC, seq DESC LIMIT @limit`),
    // The clock's floor (clock.ts): the newest instant any stored game data is dated at. A game transaction is
    // dated by counted_at once counted (never before its received_at: it counts when it arrives, or when its win
    // settles it, and the clock never stands before stored data) and by received_at until then: two index seeks
    // (migration 12) instead of a scan of every row.
    latestEventAt: db.prepare(`SELECT MAX(at) FROM (
        SELECT MAX((SELECT MAX(g.counted_at) FROM game_transactions g WHERE g.operator_id = o.id AND g.counted_at IS NOT NULL)) AS at
          FROM operators o
        UNION ALL SELECT MAX(received_at) FROM game_transactions WHERE counted_at IS NULL
        UNION ALL SELECT MAX(received_at) FROM deposits
        UNION ALL SELECT MAX(created_at) FROM awards
        UNION ALL SELECT MAX(MAX(created_at), MAX(updated_at)) FROM token_exchanges
        UNION ALL SELECT MAX(settled_through) FROM campaigns
        UNION ALL SELECT MAX(MAX(staked_at), COALESCE(MAX(returned_at), 0)) FROM stakes)`).pluck(),
    setting: db.prepare('SELECT value FROM sandbox_settings WHERE key = ?'),
    putSetting: db.prepare('INSERT INTO sandbox_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  };

  // Every authenticated call looks its operator up by key; operators change rarely, so they are cached.
  const operatorsByKey = new Map<string, OperatorRecord | undefined>();
  const forgetOperators = () => operatorsByKey.clear();
  // Every game transaction names its user; a user's id and trueplayUserId never change, so they are cached.
  // By operator, then operatorUserId: the body's own string is the key, with no key built per call.
  const identities = new Map<number, Map<string, UserIdentity>>();
  // A rollback may undo a row a cache saw inserted, so any rollback (a run's or a group's) empties both.
  const forgetCachedRows = () => {
    identities.clear();
    forgetOperators();
  };
  const unit = unitOfWorkOf(db);
  unit.onRollback(forgetCachedRows);
  // Player events queued since the last commit: their sender is told once they are committed.
  let eventsQueued = false;
  const eventsCommitted = new Set<() => void>();
  unit.onCommit(() => {
    if (!eventsQueued) return;
    eventsQueued = false;
    for (const listener of eventsCommitted) listener();
  });

  return {
    /** The unit of work (src/store/unit-of-work.ts): `work` runs atomically, committed before its answer goes out. */
    run: <T>(work: () => T): T => unit.run(work),
    /**
     * The ingest fast path: run() without a savepoint, for a game transaction of a known player, which makes
     * every check before its first write, so a refusal (Refusal) leaves nothing behind; see
     * UnitOfWork.runChecked. Measured with the savepoint instead: accept/hono 0.64 against 0.69 in the same setup.
     */
    runCheckedIngest: <T>(work: () => T): T => unit.runChecked(work, (error) => error instanceof Refusal),
    /** Resolves once every change made so far is committed. */
    durable: () => unit.durable(),
    /** Calls `listener` after each commit that queued player events; returns the unsubscribe. */
    onPlayerEventsCommitted(listener: () => void): () => void {
      eventsCommitted.add(listener);
      return () => void eventsCommitted.delete(listener);
    },

    insertOperator(operator: NewOperator): number {
      forgetOperators();
      const info = s.insertOperator.run({
        ...operator,
        operatorId: operator.operatorId ?? null,
        playerEventsEnabled: operator.playerEventsEnabled ? 1 : 0,
        exchangeRate: operator.exchangeRate.toString(),
        playToEarnPercent: operator.playToEarnPercent.toString(),
        holdToEarn: holdToEarnJson(operator.holdToEarn),
        withdrawalFeePercent: operator.withdrawalFeePercent.toString(),
        purchaseFeePercent: operator.purchaseFeePercent.toString(),
      });
      return Number(info.lastInsertRowid);
    },
    operatorById: (operatorId: number) => mapRow(s.operatorById.get(operatorId), toOperator),
    operatorByApiKey(apiKey: string): OperatorRecord | undefined {
      if (!operatorsByKey.has(apiKey)) {
        // Unknown keys are not cached: a flood of wrong keys must not grow memory.
        const operator = mapRow(s.operatorByKey.get(apiKey), toOperator);
        if (!operator) return undefined;
        operatorsByKey.set(apiKey, operator);
      }
      return operatorsByKey.get(apiKey);
    },
    operators: () => (s.operators.all() as Row[]).map(toOperator),
    /** Writes an operator's settings back whole (the service merges a partial change into the record first). */
    updateOperator(operator: OperatorRecord): void {
      forgetOperators();
      s.updateOperator.run({
        ...operator,
        playerEventsEnabled: operator.playerEventsEnabled ? 1 : 0,
        enabled: operator.enabled ? 1 : 0,
        exchangeRate: operator.exchangeRate.toString(),
        withdrawalFeePercent: operator.withdrawalFeePercent.toString(),
        purchaseFeePercent: operator.purchaseFeePercent.toString(),
        playToEarnPercent: operator.playToEarnPercent.toString(),
        holdToEarn: holdToEarnJson(operator.holdToEarn),
      });
    },
    /** Points an operator at this run's keys and wallet; playerEventsEnabled changes only when given. */
    setOperatorAccess(
      operatorId: number,
      access: { apiKey: string; secretKey: string; callbackBaseUrl: string | null; playerEventsEnabled?: boolean },
    ): void {
      forgetOperators();
      const playerEvents = access.playerEventsEnabled === undefined ? null : access.playerEventsEnabled ? 1 : 0;
      s.setOperatorAccess.run(access.apiKey, access.secretKey, access.callbackBaseUrl, playerEvents, operatorId);
    },

    user: (operatorId: number, operatorUserId: string) =>
      mapRow(s.userByOperatorUserId.get(operatorId, operatorUserId), toUser),
    userById: (id: number) => mapRow(s.userById.get(id), toUser),
    userIdentity(operatorId: number, operatorUserId: string): UserIdentity | undefined {
      let ofOperator = identities.get(operatorId);
      let identity = ofOperator?.get(operatorUserId);
      if (identity) return identity;
      const row = s.userIdentity.get(operatorId, operatorUserId) as [number, string] | undefined;
      if (!row) return undefined;
      identity = { id: row[0], trueplayUserId: row[1] };
      // Bounded: an operator inventing a new player per call must not grow memory without end.
      if (ofOperator && ofOperator.size >= MAX_CACHED_IDENTITIES) ofOperator.clear();
      if (!ofOperator) identities.set(operatorId, (ofOperator = new Map()));
      ofOperator.set(operatorUserId, identity);
      return identity;
    },
    usersOfOperator: (operatorId: number) => (s.usersOfOperator.all(operatorId) as Row[]).map(toUser),
    insertUser(user: Omit<UserRecord, 'id' | 'tokenUnits'>): UserRecord {
      const info = s.insertUser.run({ ...user, kyc: user.kyc ? 1 : 0 });
      return toUser(s.userById.get(info.lastInsertRowid) as Row);
    },
    setKyc: (userId: number) => void s.setKyc.run(userId),
    addTokens: (userId: number, tokenUnits: number) => void s.addTokens.run(tokenUnits, userId),
    /** Takes tokens only if the user holds them; false when the balance is short. */
    takeTokens: (userId: number, tokenUnits: number) => s.takeTokens.run(tokenUnits, userId, tokenUnits).changes === 1,
    tokenUnitsOf: (userId: number) => s.tokenUnitsOf.get(userId) as number,

    gameTransaction(operatorId: number, transactionId: string): StoredGameTransaction | undefined {
      const r = s.gameTransaction.get(operatorId, transactionId) as Row | undefined;
      if (!r) return undefined;
      return {
        id: r.id,
        transactionId: r.transaction_id,
        userId: r.user_id,
        type: r.type,
        gameType: r.game_type,
        amount: r.amount,
        body: storedBodyOf(r as { body: string | null; body_hash: string }),
        countedAt: r.counted_at,
        rolledBack: r.rolled_back === 1,
        tokenUnits: r.token_units,
      };
    },
    insertGameTransaction(tx: {
      operatorId: number;
      transactionId: string;
      userId: number;
      type: GameTransactionType;
      gameType: string;
      referenceTransactionId: string | null;
      currency: string;
      amount: StoredAmount;
      /** The request body as JSON text, for recognising a retry. */
      bodyJson: string;
      receivedAt: number;
      countedAt: number | null;
      /** Play to Earn tokens it moves (see StoredGameTransaction.tokenUnits); the caller moves them. */
      tokenUnits: number;
    }): boolean {
      const info = s.insertGameTransaction.run(tx.operatorId, tx.transactionId, tx.userId, tx.type, tx.gameType,
        tx.referenceTransactionId, tx.currency, tx.amount.text, tx.amount.units, tx.bodyJson, tx.receivedAt, tx.countedAt,
        tx.tokenUnits);
      return info.changes === 1;
    },
    settleBet: (id: number, countedAt: number) => void s.settleBet.run(countedAt, id),
    rollBack: (id: number) => void s.rollBack.run(id),
    /** How many WINs of 0 (losses) refer to this transaction: one BET is lost once. Rare path: no index. */
    lossesReporting: (operatorId: number, transactionId: string) => s.lossesReporting.get(operatorId, transactionId) as number,

    deposit(operatorId: number, transactionId: string): { body: StoredBody; response: unknown } | undefined {
      const r = s.deposit.get(operatorId, transactionId) as Row | undefined;
      return r && { body: storedBodyOf(r as { body: string | null; body_hash: string }), response: JSON.parse(r.response) };
    },
    insertDeposit(deposit: {
      operatorId: number;
      transactionId: string;
      userId: number;
      amount: Decimal;
      currency: string;
      /** The request body as JSON text, for recognising a retry. */
      bodyJson: string;
      response: unknown;
      receivedAt: number;
    }): void {
      s.insertDeposit.run({ ...deposit, amount: deposit.amount.toString(), response: JSON.stringify(deposit.response) });
    },

    insertCampaign(campaign: NewCampaign): CampaignRecord {
      const info = s.insertCampaign.run({
        ...campaign,
        tokens: campaign.tokens?.toString() ?? null,
        percent: campaign.percent?.toString() ?? null,
      });
      return toCampaign(s.campaignById.get(info.lastInsertRowid) as Row);
    },
    campaign: (id: number) => mapRow(s.campaignById.get(id), toCampaign),
    campaignsOfOperator: (operatorId: number) => (s.campaignsOfOperator.all(operatorId) as Row[]).map(toCampaign),
    allCampaigns: () => (s.allCampaigns.all() as Row[]).map(toCampaign),
    /** Status ACTIVE only: whether one is live at an instant (its dates) is isLive's (domain/campaigns.ts). */
    campaignsMarkedActive: (operatorId: number, type: CampaignType) =>
      (s.campaignsMarkedActive.all(operatorId, type) as Row[]).map(toCampaign),
    cashbackCampaigns: () => (s.cashbackCampaigns.all() as Row[]).map(toCampaign),
    campaignsOfUser: (operatorId: number, userId: number) =>
      (s.campaignsOfUser.all(operatorId, userId) as Row[]).map(toCampaign),
    setCampaignStatus: (id: number, status: CampaignStatus) => void s.setCampaignStatus.run(status, id),
    expireEndedCampaigns: (now: number) => s.expireEndedCampaigns.run(now).changes,
    setSettledThrough: (id: number, instant: number) => void s.setSettledThrough.run(instant, id),
    isParticipant: (campaignId: number, userId: number) => s.isParticipant.get(campaignId, userId) !== undefined,
    addParticipant: (campaignId: number, userId: number, now: number) =>
      s.addParticipant.run(campaignId, userId, now).changes === 1,
    removeParticipant: (campaignId: number, userId: number) => s.removeParticipant.run(campaignId, userId).changes === 1,
    participants(campaignId: number, limit: number, offset: number) {
      return (s.participants.all(campaignId, limit, offset) as Row[]).map((r) => ({
        operatorUserId: r.operator_user_id as string,
        trueplayUserId: r.trueplay_user_id as string,
        addedAt: r.added_at as number,
      }));
    },

    /**
     * Records an award once (unique per campaign, user and source) and credits its tokens; false if already paid.
     * An award past the token limit is refused (TOKEN_LIMIT_EXCEEDED) before anything is written.
     */
    award(award: {
      operatorId: number;
      userId: number;
      campaignId: number;
      campaignType: CampaignType;
      source: string;
      tokenUnits: number;
      createdAt: number;
    }): boolean {
      const balance = mapRow(s.userById.get(award.userId), toUser)?.tokenUnits ?? 0;
      if (!fitsTokenLimit(balance, award.tokenUnits)) throw tokenLimitExceeded(`this award on a balance of ${fromTokenUnits(balance).toFixed(2)}`);
      if (s.insertAward.run(award).changes === 0) return false;
      s.addTokens.run(award.tokenUnits, award.userId);
      return true;
    },

    /** Users whose GGR in [from, to) is positive, with that GGR. */
    periodGgr(operatorId: number, from: number, to: number): { userId: number; ggr: Decimal }[] {
      return (s.periodGgr.all(operatorId, from, to) as Row[])
        .map((r) => ({
          userId: Number(r.user_id),
          ggr: fromAmountUnits((r.ggr_whole as bigint) * AMOUNT_SCALE_UNITS + (r.ggr_fraction as bigint)),
        }))
        .filter((row) => row.ggr.gt(0));
    },

    /** The first instant in [from, to) at which play that still counts was counted, if any. */
    firstCountedAt: (operatorId: number, from: number, to: number) =>
      (s.firstCountedAt.get(operatorId, from, to) as number | null) ?? undefined,

    insertExchange: (exchange: Omit<TokenExchangeRecord, 'attempts' | 'lastError' | 'refusalCode'>) => void s.insertExchange.run(exchange),
    exchange: (id: string) => mapRow(s.exchangeById.get(id), toExchange),
    pendingExchanges: () => (s.pendingExchanges.all() as Row[]).map(toExchange),
    /** Moves a PENDING exchange to its outcome; false if another attempt already did. */
    /** Settles a PENDING exchange; a FAILED one keeps why (`refusal`: its code and the sentence for a person). */
    finishExchange: (id: string, status: 'COMPLETED' | 'FAILED', attempts: number, refusal: { code: string; message: string } | null, now: number) =>
      s.finishExchange.run(status, attempts, refusal?.message ?? null, refusal?.code ?? null, now, id).changes === 1,
    touchExchange: (id: string, attempts: number, lastError: string | null, now: number) =>
      void s.touchExchange.run(attempts, lastError, now, id),

    insertStake: (stake: Omit<StakeRecord, 'returnedAt'>) => void s.insertStake.run({ ...stake, percent: stake.percent.toString() }),
    /** The user's stakes not returned yet, the first to end first. */
    activeStakes: (userId: number) => (s.activeStakes.all(userId) as Row[]).map(toStake),
    /** Stakes whose period ended by `now` and that have not come back yet. */
    dueStakes: (now: number) => (s.dueStakes.all(now) as Row[]).map(toStake),
    /** Marks a stake returned; false when it already was. */
    returnStake: (id: string, now: number) => s.returnStake.run(now, id).changes === 1,

    /** Queues a player event for delivery; written in the transaction of the movement it announces. */
    insertPlayerEvent(event: { requestId: string; operatorId: number; userId: number; body: string; createdAt: number }): void {
      s.insertPlayerEvent.run(event.requestId, event.operatorId, event.userId, event.body, event.createdAt, event.createdAt);
      eventsQueued = true;
    },
    /** PENDING events, oldest first: `fresh` ones never tried, or every one still waiting for an answer. */
    pendingPlayerEvents: (which: 'fresh' | 'all') =>
      (s.pendingPlayerEvents.all(0, which === 'fresh' ? 0 : Number.MAX_SAFE_INTEGER) as Row[]).map(toPlayerEvent),
    finishPlayerEvent: (requestId: string, status: 'DELIVERED' | 'REFUSED', attempts: number, lastError: string | null, now: number) =>
      s.finishPlayerEvent.run(status, attempts, lastError, now, requestId).changes === 1,
    touchPlayerEvent: (requestId: string, attempts: number, lastError: string | null, now: number) =>
      void s.touchPlayerEvent.run(attempts, lastError, now, requestId),

    history(userId: number, limit: number): HistoryRow[] {
      return (s.history.all({ userId, limit }) as Row[]).map((r) => ({
        at: r.at,
        kind: r.kind,
        campaignId: r.campaign_id,
        campaignType: r.campaign_type,
        exchangeId: r.exchange_id,
        action: r.action,
        status: r.status,
        tokenUnits: r.token_units,
        amount: r.amount,
        currency: r.currency,
      }));
    },

    /** The newest instant stored game data is dated at (transactions, deposits, awards, exchanges, settled periods); null when none. */
    latestEventAt: (): number | null => (s.latestEventAt.get() as number | null) ?? null,
    setting: (key: string) => (s.setting.get(key) as Row | undefined)?.value as string | undefined,
    putSetting: (key: string, value: string) => void s.putSetting.run(key, value),

    /** Back to an empty Trueplay: every table of this side emptied (the journal and the wallet's tables are their stores'). */
    wipe(): void {
      forgetCachedRows();
      db.exec(TRUEPLAY_TABLES.map((table) => `DELETE FROM ${table};`).join('\n'));
    },
    /** Every row of this side, exactly, for restore(). */
    checkpoint: (): TrueplayCheckpoint => copyTables(db, TRUEPLAY_TABLES),
    /** This side back to a checkpoint: every row it had, and nothing else. Run it inside run(). */
    restore(checkpoint: TrueplayCheckpoint): void {
      this.wipe();
      putBackTables(db, checkpoint);
    },
  };
}

export type TrueplayStore = ReturnType<typeof createTrueplayStore>;

/** This side's tables, each before the tables it references: the order to delete in. */
const TRUEPLAY_TABLES = ['player_events', 'stakes', 'awards', 'campaign_participants', 'token_exchanges', 'deposits', 'game_transactions', 'campaigns', 'users', 'sandbox_settings', 'operators'] as const;

export type TrueplayCheckpoint = TableCopy;

function mapRow<T>(row: unknown, map: (r: Row) => T): T | undefined {
  return row === undefined ? undefined : map(row as Row);
}

