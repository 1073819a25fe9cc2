/** The Trueplay API an operator calls (reference §2a): thin adapters from the contract to the services. */
import type { Hono } from 'hono';
import type { operations } from '../../openapi/generated/trueplay.js';
import { refusal } from '../../domain/errors.js';
import { MAX_INSTANT, toIso } from '../../domain/time.js';
import { contractRouter } from '../../http/contract-routes.js';
import { addWarnings } from '../../http/journal-middleware.js';
import type { SandboxEnv } from '../../http/env.js';
import { encodeSession, normaliseLanguage } from '../loyalty/session.js';
import type { TrueplayContext } from '../context.js';
import { assignParticipants, listCampaigns, listParticipants, removeParticipant } from '../services/campaigns.js';
import { acceptDeposit } from '../services/deposits.js';
import { acceptGameTransaction } from '../services/game-transactions.js';
import { registerUser, requireUser, updateKyc } from '../services/users.js';
import { tokenBalanceOf, userToWire } from '../wire.js';

export function registerOperatorApi(app: Hono<SandboxEnv>, ctx: TrueplayContext): void {
  const operation = contractRouter<operations>(app, 'trueplay');
  const { store, clock } = ctx;

  operation('sendGameTransaction', ({ body, bodyText, c }) => {
    const { accepted, warnings } = acceptGameTransaction(store, c.get('operator'), body, clock.now(), bodyText);
    addWarnings(c, warnings);
    return { status: 200, body: accepted };
  });

  operation('getLoyaltyPage', ({ query, c }) => {
    const lang = normaliseLanguage(query.lang);
    if (!lang) {
      throw refusal('VALIDATION_ERROR', `"${query.lang}" is not a loyalty page language`, [
        { path: '/query/lang', message: 'one of EN (or ENG), CS, DE, ES, FR, HU, ID, JA, LT, LV, PL, PT, BN, RU, SK, TR' },
      ]);
    }
    // Near the end of the representable time a link expires with it, not in a year no ISO 8601 string can hold.
    const expiresAt = Math.min(clock.now() + ctx.options.loyaltySessionTtlMs, MAX_INSTANT);
    const session = encodeSession(ctx.sessionSecret, {
      operatorId: c.get('operator').operatorId,
      operatorUserId: query.operatorUserId,
      lang,
      expiresAt,
    });
    return { status: 200, body: { url: `${ctx.publicUrl(c)}/loyalty/${session}`, expiresAt: toIso(expiresAt) } };
  });

  operation('getUserBalance', ({ params, c }) => {
    const user = requireUser(store, c.get('operator'), params.operatorUserId);
    return {
      status: 200,
      body: { operatorUserId: user.operatorUserId, trueplayUserId: user.trueplayUserId, tokenBalance: tokenBalanceOf(user) },
    };
  });

  operation('createUser', ({ body, c }) => {
    const { user, created } = registerUser(store, c.get('operator'), body.operatorUserId, clock.now(), {
      kyc: body.kyc ?? false,
      currency: body.currency ?? null,
      country: body.country ?? null,
    });
    return { status: created ? 201 : 200, body: userToWire(user) };
  });

  operation('updateUser', ({ params, body, c }) => {
    const user = updateKyc(store, c.get('operator'), params.operatorUserId, body.kyc, clock.now());
    return { status: 200, body: userToWire(user) };
  });

  operation('sendDeposit', ({ body, c }) => {
    const { warnings, ...result } = acceptDeposit(store, c.get('operator'), body, clock.now());
    addWarnings(c, warnings);
    return { status: 200, body: result };
  });

  operation('listCampaigns', ({ query, c }) => ({
    status: 200,
    body: { items: listCampaigns(store, c.get('operator').operatorId, query.status ?? 'ACTIVE', clock.now()) },
  }));

  operation('listCampaignParticipants', ({ params, query, c }) => ({
    status: 200,
    body: listParticipants(store, c.get('operator'), params.campaignId, query.limit ?? 50, query.offset ?? 0),
  }));

  operation('assignCampaignParticipants', ({ params, body, c }) => ({
    status: 200,
    body: assignParticipants(store, c.get('operator'), params.campaignId, body.operatorUserIds, clock.now()),
  }));

  operation('removeCampaignParticipant', ({ params, c }) => {
    removeParticipant(store, c.get('operator'), params.campaignId, params.operatorUserId);
    return { status: 204 };
  });
}
