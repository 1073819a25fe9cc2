/** Step kinds for every call of reference §2a, sent as the operator sends them (with its X-API-KEY). */
import { z } from 'zod';
import { SAMPLE_GAME, gameFieldsOf } from '../../domain/sample-game.js';
import { stepKind, type StepKind, type StepRuntime } from './types.js';
import {
  bool, campaignId, campaignStatus, currency, int, num, operatorUserId, segment, oneOf, orExpression, text, transactionId, transactionType, withQuery,
} from './values.js';

const gameFields = {
  gameProvider: text(`defaults to ${SAMPLE_GAME.gameProvider}`).optional(),
  gameCode: text(`defaults to ${SAMPLE_GAME.gameCode}`).optional(),
  gameName: text(`defaults to ${SAMPLE_GAME.gameName}`).optional(),
  gameType: text('Slot, Sportsbook, …; defaults to Slot').optional(),
  currency: currency.optional(),
};

const gameTransaction = z
  .looseObject({
    operatorUserId,
    transactionId: transactionId.optional(),
    referenceTransactionId: z.union([z.string(), z.null()]).optional(),
    type: oneOf(transactionType),
    ...gameFields,
    amount: num(),
  })
  .describe('the Send Game Transaction body; game fields default to the sample game (gameType Slot), referenceTransactionId to null, currency to the operator\'s, transactionId is generated when absent; any other field is sent as is');

type GameTransaction = z.infer<typeof gameTransaction>;

function acceptCall(body: GameTransaction, runtime: StepRuntime) {
  return {
    side: 'trueplay' as const,
    method: 'POST',
    path: '/api/v1/accept',
    apiKey: true,
    // Every documented field is sent: game fields the file leaves out come from the sample game, an absent reference is null.
    body: {
      ...body,
      transactionId: body.transactionId ?? runtime.generatedId('tx'),
      referenceTransactionId: body.referenceTransactionId ?? null,
      ...gameFieldsOf(body),
      currency: body.currency ?? runtime.operator.currency,
    },
  };
}

const describeTx = (t: GameTransaction) =>
  `${t.type} ${t.amount} ${t.gameType ?? 'Slot'} for ${t.operatorUserId}${t.transactionId ? ` (${t.transactionId}` + (t.referenceTransactionId ? ` → ${t.referenceTransactionId})` : ')') : ''}`;

/** A shortcut for one transaction type: the same body without `type`. */
function typed(type: z.infer<typeof transactionType>, summary: string, needsReference: boolean) {
  const params = z
    .strictObject({
      operatorUserId,
      transactionId: transactionId.optional(),
      referenceTransactionId: needsReference ? text('the transaction this one refers to') : z.union([z.string(), z.null()]).optional(),
      ...gameFields,
      amount: num(),
    })
    .describe(summary);
  return stepKind({
    summary,
    params,
    describe: (p) => describeTx({ ...p, type }),
    call: (p, runtime) => acceptCall({ ...p, type }, runtime),
  });
}

export const operatorApiSteps: Record<string, StepKind> = {
  accept: stepKind({
    summary: 'Send Game Transaction (POST /api/v1/accept) with any type',
    params: gameTransaction,
    describe: describeTx,
    call: acceptCall,
  }),
  bet: typed('BET', 'Send Game Transaction of type BET', false),
  win: typed('WIN', 'Send Game Transaction of type WIN (a sportsbook WIN references its BET; 0 = lost)', false),
  rollback: typed('ROLLBACK', 'Send Game Transaction of type ROLLBACK of an earlier transaction', true),
  bonusBet: typed('BONUS_BET', 'Send Game Transaction of type BONUS_BET (never counts for cashback)', false),
  bonusWin: typed('BONUS_WIN', 'Send Game Transaction of type BONUS_WIN (never counts for cashback)', false),

  loyaltyPage: stepKind({
    summary: 'Get Loyalty Page (GET /api/v1/loyalty-page): asks for the link, creates nobody',
    params: z.strictObject({ operatorUserId, lang: text('EN (default), ENG, DE, …').optional() }),
    describe: (p) => `loyalty page link for ${p.operatorUserId}${p.lang ? ` (${p.lang})` : ''}`,
    call: (p) => ({ side: 'trueplay', method: 'GET', path: withQuery('/api/v1/loyalty-page', p), apiKey: true }),
  }),

  balance: stepKind({
    summary: 'Get User Balance (GET /api/v1/users/{operatorUserId}/balance): the token balance',
    params: z.strictObject({ operatorUserId }),
    describe: (p) => `token balance of ${p.operatorUserId}`,
    call: (p) => ({ side: 'trueplay', method: 'GET', path: `/api/v1/users/${segment(p.operatorUserId)}/balance`, apiKey: true }),
  }),

  createUser: stepKind({
    summary: 'Create User Account (POST /api/v1/users)',
    params: z.looseObject({ operatorUserId, kyc: bool().optional(), currency: currency.optional(), country: text().optional() }),
    describe: (p) => `create user ${p.operatorUserId}${p.kyc === true ? ' with KYC' : ''}`,
    call: (p) => ({ side: 'trueplay', method: 'POST', path: '/api/v1/users', apiKey: true, body: p }),
  }),

  updateUser: stepKind({
    summary: 'Update User Account (PATCH /api/v1/users/{operatorUserId})',
    params: z.looseObject({ operatorUserId, kyc: bool() }),
    describe: (p) => `set KYC of ${p.operatorUserId} to ${p.kyc}`,
    call: ({ operatorUserId: id, ...body }) => ({ side: 'trueplay', method: 'PATCH', path: `/api/v1/users/${segment(id)}`, apiKey: true, body }),
  }),

  kyc: stepKind({
    summary: 'Update User Account with {"kyc": true}: the player passed KYC',
    params: z.strictObject({ operatorUserId }),
    describe: (p) => `${p.operatorUserId} passes KYC`,
    call: (p) => ({ side: 'trueplay', method: 'PATCH', path: `/api/v1/users/${segment(p.operatorUserId)}`, apiKey: true, body: { kyc: true } }),
  }),

  deposit: stepKind({
    summary: 'Send User Deposit (POST /api/v1/deposits)',
    params: z.looseObject({ operatorUserId, transactionId: transactionId.optional(), amount: num(), currency: currency.optional() }),
    describe: (p) => `deposit ${p.amount} for ${p.operatorUserId}`,
    call: (p, runtime) => ({
      side: 'trueplay',
      method: 'POST',
      path: '/api/v1/deposits',
      apiKey: true,
      body: { ...p, transactionId: p.transactionId ?? runtime.generatedId('dep'), currency: p.currency ?? runtime.operator.currency },
    }),
  }),

  campaigns: stepKind({
    summary: 'Get marketing campaigns (GET /api/v1/campaigns), ACTIVE unless status says otherwise',
    params: z.strictObject({ status: oneOf(campaignStatus).optional() }),
    describe: (p) => `list ${p.status ?? 'ACTIVE'} campaigns`,
    call: (p) => ({ side: 'trueplay', method: 'GET', path: withQuery('/api/v1/campaigns', p), apiKey: true }),
  }),

  participants: stepKind({
    summary: 'Get marketing campaign participants (GET /api/v1/campaigns/{id}/participants)',
    params: z.strictObject({ campaignId, limit: int().optional(), offset: int().optional() }),
    describe: (p) => `participants of campaign ${p.campaignId}`,
    call: ({ campaignId: id, ...query }) => ({
      side: 'trueplay', method: 'GET', path: withQuery(`/api/v1/campaigns/${segment(id)}/participants`, query), apiKey: true,
    }),
  }),

  assign: stepKind({
    summary: 'Assign users to a campaign (POST /api/v1/campaigns/{id}/participants)',
    params: z.strictObject({ campaignId, operatorUserIds: orExpression(z.array(z.string()), 'a list of operatorUserIds') }),
    describe: (p) => `assign ${Array.isArray(p.operatorUserIds) ? p.operatorUserIds.join(', ') : p.operatorUserIds} to campaign ${p.campaignId}`,
    call: (p) => ({
      side: 'trueplay', method: 'POST', path: `/api/v1/campaigns/${segment(p.campaignId)}/participants`, apiKey: true,
      body: { operatorUserIds: p.operatorUserIds },
    }),
  }),

  removeParticipant: stepKind({
    summary: 'Delete a user from a campaign (DELETE /api/v1/campaigns/{id}/participants/{operatorUserId})',
    params: z.strictObject({ campaignId, operatorUserId }),
    describe: (p) => `remove ${p.operatorUserId} from campaign ${p.campaignId}`,
    call: (p) => ({
      side: 'trueplay', method: 'DELETE', path: `/api/v1/campaigns/${segment(p.campaignId)}/participants/${segment(p.operatorUserId)}`, apiKey: true,
    }),
  }),
};
