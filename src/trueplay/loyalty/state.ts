/** What the loyalty page shows: balance, the live campaigns the user is in, and the history of awards and exchanges. */
import { isLive } from '../../domain/campaigns.js';
import { fromTokenUnits, toWireNumber } from '../../domain/money.js';
import { toIso } from '../../domain/time.js';
import type { OperatorRecord, TrueplayStore, UserRecord } from '../../store/trueplay-store.js';
import { campaignToWire, holdToEarnToWire, stakeToWire, tokenBalanceOf, type Schemas } from '../wire.js';

const HISTORY_LIMIT = 100;

export function loyaltyState(store: TrueplayStore, operator: OperatorRecord, user: UserRecord, lang: string, now: number): Schemas['LoyaltyState'] {
  return {
    operatorUserId: user.operatorUserId,
    trueplayUserId: user.trueplayUserId,
    tokenBalance: tokenBalanceOf(user),
    lang: lang as Schemas['LoyaltyState']['lang'],
    campaigns: store
      .campaignsOfUser(operator.operatorId, user.id)
      .filter((c) => isLive(c, now))
      .map((c) => campaignToWire(c, now)),
    stakes: store.activeStakes(user.id).map(stakeToWire),
    holdToEarn: holdToEarnToWire(operator.holdToEarn),
    history: store.history(user.id, HISTORY_LIMIT).map((row) => ({
      at: toIso(row.at),
      kind: row.kind,
      campaignId: row.campaignId,
      campaignType: row.campaignType as Schemas['HistoryEntry']['campaignType'],
      exchangeId: row.exchangeId,
      action: row.action as Schemas['HistoryEntry']['action'],
      status: row.status === 'COMPLETED' ? 'OK' : row.status,
      tokenAmount: toWireNumber(fromTokenUnits(row.tokenUnits)),
      amount: row.amount === null ? null : Number(row.amount),
      currency: row.currency,
    })),
  };
}
