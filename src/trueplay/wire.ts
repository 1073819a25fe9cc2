/** Records of the store turned into the contract's shapes (openapi/trueplay.yaml), in one place. */
import type { components } from '../openapi/generated/trueplay.js';
import { statusAt } from '../domain/campaigns.js';
import { fromTokenUnits, toWireNumber } from '../domain/money.js';
import { toIso } from '../domain/time.js';
import type { CampaignRecord, OperatorRecord, StakeRecord, UserRecord } from '../store/trueplay-store.js';
import type { HoldToEarnTerms } from '../domain/hold-to-earn.js';

export type Schemas = components['schemas'];

export const tokenBalanceOf = (user: UserRecord): number => toWireNumber(fromTokenUnits(user.tokenUnits));

export function userToWire(user: UserRecord): Schemas['User'] {
  return {
    operatorUserId: user.operatorUserId,
    trueplayUserId: user.trueplayUserId,
    kyc: user.kyc,
    currency: user.currency,
    country: user.country,
    tokenBalance: tokenBalanceOf(user),
    createdAt: toIso(user.createdAt),
  };
}

export function campaignToWire(campaign: CampaignRecord, now: number): Schemas['Campaign'] {
  return {
    id: campaign.id,
    operatorId: campaign.operatorId,
    name: campaign.name,
    type: campaign.type,
    status: statusAt(campaign, now),
    tokens: campaign.tokens === null ? null : toWireNumber(campaign.tokens),
    percent: campaign.percent === null ? null : toWireNumber(campaign.percent),
    period: campaign.period,
    startsAt: toIso(campaign.startsAt),
    endsAt: campaign.endsAt === null ? null : toIso(campaign.endsAt),
    maxUsers: campaign.maxUsers,
    participantCount: campaign.participantCount,
    createdAt: toIso(campaign.createdAt),
  };
}

export function holdToEarnToWire(terms: HoldToEarnTerms): Schemas['HoldToEarn'] {
  const { PT8H, P1D, P3D } = terms.periods;
  return { periods: { PT8H: toWireNumber(PT8H), P1D: toWireNumber(P1D), P3D: toWireNumber(P3D) }, maxStakePerUser: toWireNumber(terms.maxStakePerUser) };
}

export function stakeToWire(stake: StakeRecord): Schemas['Stake'] {
  return {
    id: stake.id,
    tokenAmount: toWireNumber(fromTokenUnits(stake.tokenUnits)),
    period: stake.period,
    percent: toWireNumber(stake.percent),
    reward: toWireNumber(fromTokenUnits(stake.rewardUnits)),
    stakedAt: toIso(stake.stakedAt),
    endsAt: toIso(stake.endsAt),
  };
}

export function operatorToWire(operator: OperatorRecord): Schemas['Operator'] {
  return {
    operatorId: operator.operatorId,
    name: operator.name,
    apiKey: operator.apiKey,
    secretKey: operator.secretKey,
    callbackBaseUrl: operator.callbackBaseUrl,
    balancePath: operator.balancePath,
    tokenExchangePath: operator.tokenExchangePath,
    playerEventPath: operator.playerEventPath,
    playerEventsEnabled: operator.playerEventsEnabled,
    currency: operator.currency,
    exchangeRate: toWireNumber(operator.exchangeRate),
    withdrawalFeePercent: toWireNumber(operator.withdrawalFeePercent),
    purchaseFeePercent: toWireNumber(operator.purchaseFeePercent),
    playToEarnPercent: toWireNumber(operator.playToEarnPercent),
    holdToEarn: holdToEarnToWire(operator.holdToEarn),
    validation: operator.validation,
    enabled: operator.enabled,
    createdAt: toIso(operator.createdAt),
  };
}
