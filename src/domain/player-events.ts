/**
 * Player events (Trueplay's optional webhook, docs: marketing/onboarding/event-types): one event per movement of a
 * user's tokens. PLAY_TO_EARN and HOLD_TO_EARN carry the documented `data`; every other movement is a BALANCE_CHANGE
 * naming its transaction type. The rest of BALANCE_CHANGE's shape is not public: `{transactionType, amount, balance}`
 * is decided (reference §2f), as is the sign of `amount` (positive when tokens came in, negative when they went out,
 * so that `balance` before the event + `amount` = `balance`).
 */
import type { CampaignType } from './campaigns.js';
import { fromTokenUnits, toWireNumber } from './money.js';
import type { CashbackPeriod } from './time.js';

export type PlayerEventType = 'PLAY_TO_EARN' | 'HOLD_TO_EARN' | 'BALANCE_CHANGE';

/** The transaction types the sandbox produces, all among the documented ones. */
export type BalanceChangeType =
  | 'PROMO_REGISTRATION'
  | 'PROMO_KYC'
  | 'PROMO_DEPOSIT'
  | 'PROMO_TOKEN_PURCHASE'
  | 'PROMO_CUSTOM'
  | 'DAILY_CASHBACK'
  | 'WEEKLY_CASHBACK'
  | 'DEPOSIT'
  | 'WITHDRAW'
  | 'STAKE'
  | 'UNSTAKE';

/** What moved, in token units (1e-2), signed: + came in, − went out. */
export type TokenMovement =
  | { type: 'PLAY_TO_EARN'; tokenUnits: number }
  | { type: 'HOLD_TO_EARN'; stakeUnits: number; rewardUnits: number }
  | { type: 'BALANCE_CHANGE'; transactionType: BalanceChangeType; tokenUnits: number };

export interface PlayerEvent {
  requestId: string;
  operatorUserId: string;
  createdAt: string;
  type: PlayerEventType;
  data: Record<string, string | number>;
}

/** Documented format "yyyy-MM-dd HH:mm:ss", UTC, of an instant in sandbox time. */
export const eventTimestamp = (instant: number) => new Date(instant).toISOString().slice(0, 19).replace('T', ' ');

/** A campaign award's transaction type: cashback has its own two; every other campaign is a promotion (PROMO_*). */
export function awardTransactionType(campaignType: CampaignType, period: CashbackPeriod | null): BalanceChangeType {
  if (campaignType === 'CASHBACK') return period === 'WEEKLY' ? 'WEEKLY_CASHBACK' : 'DAILY_CASHBACK';
  return `PROMO_${campaignType}`;
}

const tokens = (units: number) => toWireNumber(fromTokenUnits(units));

/** The event announcing one movement, given the user's token balance after it. */
export function playerEventOf(
  movement: TokenMovement,
  who: { requestId: string; operatorUserId: string; at: number; balanceUnits: number },
): PlayerEvent {
  const head = { requestId: who.requestId, operatorUserId: who.operatorUserId, createdAt: eventTimestamp(who.at) };
  const balance = tokens(who.balanceUnits);
  switch (movement.type) {
    case 'PLAY_TO_EARN':
      return { ...head, type: 'PLAY_TO_EARN', data: { amount: tokens(movement.tokenUnits), balance } };
    case 'HOLD_TO_EARN':
      return { ...head, type: 'HOLD_TO_EARN', data: { amount: tokens(movement.stakeUnits), reward: tokens(movement.rewardUnits), balance } };
    case 'BALANCE_CHANGE':
      return { ...head, type: 'BALANCE_CHANGE', data: { transactionType: movement.transactionType, amount: tokens(movement.tokenUnits), balance } };
  }
}
