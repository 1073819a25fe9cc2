/** Campaigns as the operator sees them (its own only) and as the control API manages them. */
import { assertStatusChange, fixedAward, planAssignment, rewardNeeds, statusAt, type CampaignStatus } from '../../domain/campaigns.js';
import { awardTransactionType } from '../../domain/player-events.js';
import { announceMovement } from '../outbound/player-events.js';
import { refusal } from '../../domain/errors.js';
import { TOKEN_PLACES, decimalOf, exactValue, fromTokenUnits, toTokenUnits, toWireNumber } from '../../domain/money.js';
import { parseTimestamp } from '../../domain/time.js';
import type { CampaignRecord, OperatorRecord, TrueplayStore } from '../../store/trueplay-store.js';
import { campaignToWire, type Schemas } from '../wire.js';
import { settleClosedPeriods } from './cashback-settlement.js';

/** The campaign, or 404: another operator's campaign does not exist for this one. */
export function requireCampaign(store: TrueplayStore, operatorId: number | undefined, campaignId: number): CampaignRecord {
  const campaign = store.campaign(campaignId);
  if (!campaign || (operatorId !== undefined && campaign.operatorId !== operatorId)) {
    throw refusal('CAMPAIGN_NOT_FOUND', `no campaign ${campaignId}`);
  }
  return campaign;
}

export function listCampaigns(store: TrueplayStore, operatorId: number | undefined, status: CampaignStatus | undefined, now: number) {
  const campaigns = operatorId === undefined ? store.allCampaigns() : store.campaignsOfOperator(operatorId);
  return campaigns.map((c) => campaignToWire(c, now)).filter((c) => status === undefined || c.status === status);
}

export function listParticipants(store: TrueplayStore, operator: OperatorRecord, campaignId: number, limit: number, offset: number) {
  const campaign = requireCampaign(store, operator.operatorId, campaignId);
  const items = store.participants(campaign.id, limit, offset).map((p) => ({ ...p, addedAt: new Date(p.addedAt).toISOString() }));
  return { items, total: campaign.participantCount, limit, offset };
}

export function assignParticipants(
  store: TrueplayStore,
  operator: OperatorRecord,
  campaignId: number,
  operatorUserIds: string[],
  now: number,
): Schemas['AssignResult'] {
  return store.run(() => {
    const campaign = requireCampaign(store, operator.operatorId, campaignId);
    const { plan } = enrol(store, campaign, operatorUserIds, now, 'added');
    return { added: plan.added, alreadyPresent: plan.alreadyPresent, refused: plan.refused };
  });
}

/**
 * Adds the named users to the campaign as far as maxUsers lets (filling it expires it). Every user must exist: one
 * 404 detail per unknown id, at its first place in the request, as the contract promises, and nothing changes.
 */
function enrol(store: TrueplayStore, campaign: CampaignRecord, operatorUserIds: string[], now: number, what: string) {
  const users = new Map(operatorUserIds.map((id) => [id, store.user(campaign.operatorId, id)]));
  const unknown = [...users].filter(([, user]) => !user).map(([id]) => id);
  if (unknown.length > 0) {
    throw refusal('USER_NOT_FOUND', `unknown users: ${unknown.join(', ')}; nothing was ${what}`,
      unknown.map((id) => ({ path: `/body/operatorUserIds/${operatorUserIds.indexOf(id)}`, message: `no user "${id}"` })));
  }
  const userIdOf = (id: string) => users.get(id)!.id;
  const plan = planAssignment(campaign, campaign.participantCount, operatorUserIds, (id) => store.isParticipant(campaign.id, userIdOf(id)), now);
  for (const id of plan.added) store.addParticipant(campaign.id, userIdOf(id), now);
  if (plan.expires) store.setCampaignStatus(campaign.id, 'EXPIRED');
  return { plan, userIdOf };
}

export function awardCustomCampaign(store: TrueplayStore, campaignId: number, operatorUserIds: string[], now: number): Schemas['CustomAwardResult'] {
  return store.run(() => {
    const campaign = requireCampaign(store, undefined, campaignId);
    if (campaign.type !== 'CUSTOM') throw refusal('CAMPAIGN_TYPE_MISMATCH', `campaign ${campaignId} is ${campaign.type}, not CUSTOM`);
    const operator = store.operatorById(campaign.operatorId)!;
    const { plan, userIdOf } = enrol(store, campaign, operatorUserIds, now, 'awarded');
    const tokenUnits = toTokenUnits(fixedAward(campaign));
    const result: Schemas['CustomAwardResult'] = { awarded: [], alreadyAwarded: [], refused: plan.refused, tokenAmount: toWireNumber(fromTokenUnits(tokenUnits)) };
    for (const id of operatorUserIds.filter((id, i) => operatorUserIds.indexOf(id) === i && !plan.refused.includes(id))) {
      const userId = userIdOf(id);
      const paid = tokenUnits > 0 && store.award({
        operatorId: operator.operatorId, userId, campaignId: campaign.id, campaignType: 'CUSTOM', source: 'custom', tokenUnits, createdAt: now,
      });
      if (!paid) {
        result.alreadyAwarded.push(id);
        continue;
      }
      announceMovement(store, operator, userId, { type: 'BALANCE_CHANGE', transactionType: awardTransactionType('CUSTOM', null), tokenUnits }, now);
      result.awarded.push(id);
    }
    return result;
  });
}

export function removeParticipant(store: TrueplayStore, operator: OperatorRecord, campaignId: number, operatorUserId: string) {
  store.run(() => {
    const campaign = requireCampaign(store, operator.operatorId, campaignId);
    const user = store.user(operator.operatorId, operatorUserId);
    if (!user || !store.removeParticipant(campaign.id, user.id)) {
      throw refusal('USER_NOT_FOUND', `user "${operatorUserId}" is not a participant of campaign ${campaignId}`);
    }
  });
}

export function createCampaign(store: TrueplayStore, request: Schemas['CreateCampaignRequest'], now: number) {
  if (!store.operatorById(request.operatorId)) throw refusal('OPERATOR_NOT_FOUND', `no operator ${request.operatorId}`);
  const startsAt = request.startsAt ? parseTimestamp(request.startsAt, 'startsAt') : now;
  const endsAt = request.endsAt ? parseTimestamp(request.endsAt, 'endsAt') : null;
  if (endsAt !== null && endsAt <= startsAt) {
    throw refusal('VALIDATION_ERROR', 'endsAt must be after startsAt', [{ field: 'endsAt', message: 'must be after startsAt' }]);
  }
  const tokens = request.tokens === undefined ? null : exactValue(request.tokens, TOKEN_PLACES, 'tokens');
  const needs = rewardNeeds(request.type);
  const percent = request.percent === undefined ? null : decimalOf(request.percent);
  const has = needs === 'percent' ? percent !== null : needs === 'tokens' ? tokens !== null : tokens !== null || percent !== null;
  if (!has) {
    throw refusal('VALIDATION_ERROR', `a ${request.type} campaign needs ${needs}`, [{ path: '/body', message: `${needs} is required for ${request.type}` }]);
  }
  const campaign = store.insertCampaign({
    operatorId: request.operatorId,
    name: request.name,
    type: request.type,
    status: request.status ?? 'ACTIVE',
    tokens,
    percent,
    period: request.type === 'CASHBACK' ? (request.period ?? 'DAILY') : null,
    startsAt,
    endsAt,
    maxUsers: request.maxUsers ?? null,
    createdAt: now,
  });
  return campaignToWire(campaign, now);
}

export function updateCampaignStatus(
  store: TrueplayStore,
  campaignId: number,
  status: CampaignStatus,
  now: number,
) {
  // A refused change changes nothing, so refuse before anything else.
  const campaign = requireCampaign(store, undefined, campaignId);
  assertStatusChange(statusAt(campaign, now), status);
  // Cashback periods closed so far are settled under the status they closed under, not the new one.
  settleClosedPeriods(store, now);
  return store.run(() => {
    store.setCampaignStatus(campaign.id, status);
    return campaignToWire(store.campaign(campaign.id)!, now);
  });
}

