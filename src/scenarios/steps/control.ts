/** Step kinds on the fake Trueplay's control API (§2d): campaigns, the sandbox clock, the journal. */
import { z } from 'zod';
import { JOURNAL_DIRECTIONS } from '../../store/journal-store.js';
import { stepKind, type StepKind } from './types.js';
import { campaignId, campaignStatus, campaignType, int, isoTime, num, oneOf, text, withQuery } from './values.js';

/** A campaign as a scenario states it; the operator defaults to the acting one. */
export const campaignFields = {
  name: text('defaults to the campaign\'s key or type').optional(),
  type: oneOf(campaignType),
  status: oneOf(campaignStatus).describe('defaults to ACTIVE').optional(),
  tokens: num('fixed award (REGISTRATION, KYC, DEPOSIT, CUSTOM)').optional(),
  percent: num('DEPOSIT: percent of the deposit; CASHBACK: percent of GGR; TOKEN_PURCHASE: percent of the tokens bought').optional(),
  period: oneOf(z.enum(['DAILY', 'WEEKLY'])).describe('CASHBACK only; DAILY by default').optional(),
  startsAt: isoTime.optional(),
  endsAt: isoTime.optional(),
  maxUsers: int().optional(),
};

export const controlSteps: Record<string, StepKind> = {
  campaign: stepKind({
    summary: 'Create a campaign for the acting operator (POST /sandbox/campaigns)',
    params: z.strictObject(campaignFields),
    describe: (p) => `create ${p.status ?? 'ACTIVE'} ${p.type} campaign${p.name ? ` "${p.name}"` : ''}`,
    call: (p, runtime) => ({
      side: 'trueplay', method: 'POST', path: '/sandbox/campaigns',
      body: { operatorId: runtime.operator.operatorId, name: p.name ?? `${p.type} campaign`, ...p },
    }),
  }),

  campaignStatus: stepKind({
    summary: "Move a campaign to another status (PATCH /sandbox/campaigns/{id})",
    params: z.strictObject({ campaignId, status: oneOf(campaignStatus) }),
    describe: (p) => `campaign ${p.campaignId} → ${p.status}`,
    call: (p) => ({ side: 'trueplay', method: 'PATCH', path: `/sandbox/campaigns/${p.campaignId}`, body: { status: p.status } }),
  }),

  customAward: stepKind({
    summary: "Pay a CUSTOM campaign's tokens to named users, once each (POST /sandbox/campaigns/{id}/awards)",
    params: z.strictObject({ campaignId, operatorUserIds: z.array(text()).min(1) }),
    describe: (p) => `custom award of campaign ${p.campaignId} to ${p.operatorUserIds.join(', ')}`,
    call: (p) => ({ side: 'trueplay', method: 'POST', path: `/sandbox/campaigns/${p.campaignId}/awards`, body: { operatorUserIds: p.operatorUserIds } }),
  }),

  clock: stepKind({
    summary: 'Set or advance the sandbox clock (POST /sandbox/clock); moving past a period end settles its cashback',
    params: z.union([
      z.strictObject({ now: isoTime }),
      z.strictObject({ advance: text('an ISO 8601 duration: PT1H, P1D, P1W, P1DT12H') }),
      z.strictObject({ realTime: z.literal(true) }),
    ]),
    describe: (p) => ('now' in p ? `clock → ${p.now}` : 'advance' in p ? `clock + ${p.advance}` : 'clock → real time'),
    call: (p) => ({ side: 'trueplay', method: 'POST', path: '/sandbox/clock', body: p }),
  }),

  journal: stepKind({
    summary: 'Read the call journal (GET /sandbox/journal), e.g. to state what it holds',
    params: z.strictObject({
      limit: int().optional(),
      direction: z.enum(JOURNAL_DIRECTIONS).optional(),
      path: text().optional(),
      status: int().optional(),
      operatorUserId: text().optional(),
    }),
    describe: () => 'read the journal',
    call: (p) => ({ side: 'trueplay', method: 'GET', path: withQuery('/sandbox/journal', p) }),
  }),
};
