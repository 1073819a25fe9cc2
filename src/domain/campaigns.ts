/** Marketing campaigns: statuses, when a campaign is live, how participants are added, and which campaigns pay an award. */
import { refusal } from './errors.js';
import { Decimal, ZERO, roundTokens } from './money.js';
import { periodContaining, type CashbackPeriod, type Period } from './time.js';

export type CampaignType = 'REGISTRATION' | 'KYC' | 'DEPOSIT' | 'CASHBACK' | 'TOKEN_PURCHASE' | 'CUSTOM';
export type CampaignStatus = 'DRAFT' | 'ACTIVE' | 'DEACTIVATED' | 'EXPIRED' | 'DELETED';

export interface Campaign {
  id: number;
  operatorId: number;
  name: string;
  type: CampaignType;
  status: CampaignStatus;
  tokens: Decimal | null;
  percent: Decimal | null;
  period: CashbackPeriod | null;
  startsAt: number;
  endsAt: number | null;
  maxUsers: number | null;
  /** End of the last cashback period already paid (CASHBACK only). */
  settledThrough: number | null;
  createdAt: number;
}

/** ACTIVE and inside its dates: the only state in which a campaign pays or takes participants. */
export function isLive(campaign: Campaign, now: number): boolean {
  return (
    campaign.status === 'ACTIVE' && campaign.startsAt <= now && (campaign.endsAt === null || now < campaign.endsAt)
  );
}

/** The status a reader should see at `now`: an ACTIVE campaign past its end date has EXPIRED. */
export function statusAt(campaign: Campaign, now: number): CampaignStatus {
  if (campaign.status === 'ACTIVE' && campaign.endsAt !== null && now >= campaign.endsAt) return 'EXPIRED';
  return campaign.status;
}

/** DELETED is final; everything else may be moved by the operator's admin panel (the control API). */
export function assertStatusChange(from: CampaignStatus, to: CampaignStatus): void {
  if (from === 'DELETED' && to !== 'DELETED') {
    throw refusal('INVALID_STATUS_TRANSITION', `a DELETED campaign cannot become ${to}`);
  }
}

export interface Assignment {
  added: string[];
  alreadyPresent: string[];
  refused: string[];
  /** True when this assignment filled the campaign up to maxUsers: it becomes EXPIRED. */
  expires: boolean;
}

/**
 * Adds users in order until maxUsers is reached. Reaching the maximum expires the campaign and refuses the rest.
 * Only a live campaign takes participants.
 */
export function planAssignment(
  campaign: Campaign,
  participantCount: number,
  requested: readonly string[],
  isPresent: (operatorUserId: string) => boolean,
  now: number,
): Assignment {
  if (!isLive(campaign, now)) {
    throw refusal('CAMPAIGN_NOT_ACTIVE', `campaign ${campaign.id} is ${statusAt(campaign, now)}, not ACTIVE`);
  }
  const result: Assignment = { added: [], alreadyPresent: [], refused: [], expires: false };
  const seen = new Set<string>();
  let count = participantCount;
  for (const operatorUserId of requested) {
    if (seen.has(operatorUserId)) continue;
    seen.add(operatorUserId);
    if (isPresent(operatorUserId)) result.alreadyPresent.push(operatorUserId);
    else if (!hasRoom(campaign, count)) result.refused.push(operatorUserId);
    else {
      result.added.push(operatorUserId);
      count += 1;
    }
  }
  result.expires = isFull(campaign, count);
  return result;
}

/** Whether one more participant is allowed, for awards that enrol the user (registration, KYC). */
export function hasRoom(campaign: Campaign, participantCount: number): boolean {
  return !isFull(campaign, participantCount);
}

/** The maxUsers rule: a campaign with this many participants is full, and filling it expires it. */
export function isFull(campaign: Campaign, participantCount: number): boolean {
  return campaign.maxUsers !== null && participantCount >= campaign.maxUsers;
}

/** What each campaign type needs to pay: fixed tokens, a percent, or either (DEPOSIT). */
export function rewardNeeds(type: CampaignType): 'tokens' | 'percent' | 'tokens or percent' {
  if (type === 'CASHBACK' || type === 'TOKEN_PURCHASE') return 'percent';
  return type === 'DEPOSIT' ? 'tokens or percent' : 'tokens';
}

/** Tokens of a purchase bonus: percent of the tokens bought, half-up to 2 decimals. */
export function purchaseBonus(campaign: Campaign, boughtTokens: Decimal): Decimal {
  return roundTokens(boughtTokens.mul(campaign.percent ?? ZERO).div(100));
}

/** Tokens of a fixed award (REGISTRATION, KYC, CUSTOM, or a DEPOSIT campaign with `tokens`). */
export function fixedAward(campaign: Campaign): Decimal {
  return roundTokens(campaign.tokens ?? ZERO);
}

/** Tokens for a deposit: the campaign's fixed tokens, or percent of the deposit converted at the token rate. */
export function depositAward(campaign: Campaign, depositAmount: Decimal, exchangeRate: Decimal): Decimal {
  if (campaign.tokens !== null) return fixedAward(campaign);
  if (campaign.percent === null) return ZERO;
  return roundTokens(depositAmount.mul(campaign.percent).div(100).div(exchangeRate));
}

/**
 * Whether a cashback campaign pays the periods that close now: while ACTIVE, and after expiring by its end date
 * (it still owes the periods that began before that date). EXPIRED without an end date was stopped by hand or by
 * maxUsers, and DRAFT or DEACTIVATED is off: their closing periods are passed over, not owed for later.
 */
export function paysCashback(campaign: Campaign): boolean {
  return campaign.status === 'ACTIVE' || (campaign.status === 'EXPIRED' && campaign.endsAt !== null);
}

/**
 * The cashback periods of a campaign that closed by `now` and are not settled yet, oldest first, whatever its
 * status (whether they pay is paysCashback's question). The first period is the one containing the campaign's
 * start; none starts at or after its end date. A DELETED campaign has none.
 */
export function duePeriods(campaign: Campaign, now: number): Period[] {
  const span = dueSpan(campaign, now);
  if (!span) return [];
  const periods: Period[] = [];
  for (let period = periodContaining(span.start, span.kind); period.start < span.end; period = periodContaining(period.end, span.kind)) {
    periods.push(period);
  }
  return periods;
}

/**
 * Where duePeriods start and end, without listing them: periods are fixed and aligned (UTC days, ISO weeks), so
 * the span is computed, and settling a clock moved centuries ahead costs no more than settling one day.
 */
export function dueSpan(campaign: Campaign, now: number): { start: number; end: number; kind: CashbackPeriod } | null {
  if (campaign.type !== 'CASHBACK' || campaign.status === 'DELETED') return null;
  const kind = campaign.period ?? 'DAILY';
  const start = periodContaining(campaign.settledThrough ?? campaign.startsAt, kind).start;
  // The last due period ends at the last period boundary at or before now, and starts before the campaign's end.
  let end = periodContaining(now, kind).start;
  if (campaign.endsAt !== null) end = Math.min(end, periodContaining(campaign.endsAt - 1, kind).end);
  return end > start ? { start, end, kind } : null;
}
