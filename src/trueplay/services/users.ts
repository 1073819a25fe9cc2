/** Users: created on first sight (first bet, first loyalty page visit, Create User) with their registration award; KYC once. */
import { randomUUID } from 'node:crypto';
import { fixedAward, hasRoom, isFull, isLive, type CampaignType } from '../../domain/campaigns.js';
import { refusal } from '../../domain/errors.js';
import { toTokenUnits } from '../../domain/money.js';
import type { OperatorRecord, TrueplayStore, UserRecord } from '../../store/trueplay-store.js';
import { awardTransactionType } from '../../domain/player-events.js';
import { announceMovement } from '../outbound/player-events.js';

export interface NewUserAttributes {
  kyc?: boolean;
  currency?: string | null;
  country?: string | null;
}

/** The user, or 404 USER_NOT_FOUND: an operator only ever sees its own users. */
export function requireUser(store: TrueplayStore, operator: OperatorRecord, operatorUserId: string): UserRecord {
  const user = store.user(operator.operatorId, operatorUserId);
  if (!user) throw refusal('USER_NOT_FOUND', `no user "${operatorUserId}" for operator ${operator.operatorId}`);
  return user;
}

/**
 * Finds or creates the user. Creation pays the registration award of each live REGISTRATION campaign
 * (and the KYC award when created with kyc: true). Call inside a store transaction.
 */
export function ensureUser(
  store: TrueplayStore,
  operator: OperatorRecord,
  operatorUserId: string,
  now: number,
  attributes: NewUserAttributes = {},
): { user: UserRecord; created: boolean } {
  const existing = store.user(operator.operatorId, operatorUserId);
  if (existing) return { user: existing, created: false };
  const user = store.insertUser({
    operatorId: operator.operatorId,
    operatorUserId,
    trueplayUserId: randomUUID(),
    kyc: attributes.kyc ?? false,
    currency: attributes.currency ?? null,
    country: attributes.country ?? null,
    createdAt: now,
  });
  payEnrolmentAwards(store, operator, user, 'REGISTRATION', now);
  if (user.kyc) payEnrolmentAwards(store, operator, user, 'KYC', now);
  return { user: store.userById(user.id)!, created: true };
}

/** ensureUser as a unit of work of its own (Create User, a loyalty page visit). */
export function registerUser(...args: Parameters<typeof ensureUser>): ReturnType<typeof ensureUser> {
  const [store] = args;
  return store.run(() => ensureUser(...args));
}

/** KYC moves from false to true only; true→true changes nothing, true→false is refused. */
export function updateKyc(store: TrueplayStore, operator: OperatorRecord, operatorUserId: string, kyc: boolean, now: number) {
  return store.run(() => {
    const user = requireUser(store, operator, operatorUserId);
    if (user.kyc && !kyc) throw refusal('KYC_IRREVERSIBLE', 'KYC cannot move from true back to false');
    if (!user.kyc && kyc) {
      store.setKyc(user.id);
      payEnrolmentAwards(store, operator, { ...user, kyc: true }, 'KYC', now);
    }
    return store.userById(user.id)!;
  });
}

/**
 * Registration and KYC awards: once per user from each live campaign of that type with room left.
 * The award enrols the user, and filling the last place expires the campaign.
 */
function payEnrolmentAwards(
  store: TrueplayStore,
  operator: OperatorRecord,
  user: UserRecord,
  type: Extract<CampaignType, 'REGISTRATION' | 'KYC'>,
  now: number,
): void {
  for (const campaign of store.campaignsMarkedActive(operator.operatorId, type)) {
    if (!isLive(campaign, now) || !hasRoom(campaign, campaign.participantCount)) continue;
    const tokenUnits = toTokenUnits(fixedAward(campaign));
    if (tokenUnits <= 0) continue;
    const paid = store.award({
      operatorId: operator.operatorId,
      userId: user.id,
      campaignId: campaign.id,
      campaignType: type,
      source: 'user',
      tokenUnits,
      createdAt: now,
    });
    if (!paid) continue;
    announceMovement(store, operator, user.id, { type: 'BALANCE_CHANGE', transactionType: awardTransactionType(type, null), tokenUnits }, now);
    store.addParticipant(campaign.id, user.id, now);
    if (isFull(campaign, campaign.participantCount + 1)) store.setCampaignStatus(campaign.id, 'EXPIRED');
  }
}
