/** The sandbox at a glance (GET /sandbox/overview, the dashboard's data): clock, operators, users with balances, campaigns. */
import { toWireNumber } from '../../domain/money.js';
import { toIso } from '../../domain/time.js';
import type { TrueplayStore } from '../../store/trueplay-store.js';
import type { SandboxClock } from '../clock.js';
import { campaignToWire, operatorToWire, tokenBalanceOf, type Schemas } from '../wire.js';
import type { CasinoBalanceOf } from './casino-balances.js';

export const OVERVIEW_MAX_USERS = 1000;
export const OVERVIEW_MAX_PARTICIPANTS = 100;

export function buildOverview(store: TrueplayStore, clock: SandboxClock, casinoBalanceOf: CasinoBalanceOf): Schemas['Overview'] {
  const now = clock.now();
  const operators = store.operators();
  const users: Schemas['OverviewUser'][] = [];
  let usersTruncated = false;
  for (const operator of operators) {
    for (const user of store.usersOfOperator(operator.operatorId)) {
      if (users.length === OVERVIEW_MAX_USERS) {
        usersTruncated = true;
        break;
      }
      const casino = casinoBalanceOf(operator.operatorId, user.operatorUserId);
      users.push({
        operatorId: operator.operatorId,
        operatorUserId: user.operatorUserId,
        trueplayUserId: user.trueplayUserId,
        kyc: user.kyc,
        tokenBalance: tokenBalanceOf(user),
        casinoBalance: casino ? toWireNumber(casino.balance) : null,
        casinoCurrency: casino?.currency ?? null,
        createdAt: toIso(user.createdAt),
      });
    }
  }
  const campaigns = store.allCampaigns().map((campaign) => ({
    campaign: campaignToWire(campaign, now),
    participants: store.participants(campaign.id, OVERVIEW_MAX_PARTICIPANTS, 0).map((p) => p.operatorUserId),
  }));
  return {
    clock: { now: toIso(now), frozen: clock.isFrozen() },
    operators: operators.map(operatorToWire),
    users,
    usersTruncated,
    campaigns,
  };
}
