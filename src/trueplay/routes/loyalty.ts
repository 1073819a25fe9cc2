/** The loyalty page and its actions (reference §2e): the player's side of the fake Trueplay, made for an iframe. */
import type { Hono, MiddlewareHandler } from 'hono';
import type { operations } from '../../openapi/generated/trueplay.js';
import { refusal } from '../../domain/errors.js';
import { contractRouter } from '../../http/contract-routes.js';
import type { SandboxEnv } from '../../http/env.js';
import type { TrueplayContext } from '../context.js';
import { linkProblemResponse, loyaltyPageResponse } from '../loyalty/page.js';
import { loyaltyState } from '../loyalty/state.js';
import { linkLanguage, sessionOfLink } from '../loyalty/session.js';
import { openLoyaltySession, visitLoyaltySession } from '../loyalty/visit.js';
import { exchangeTokens, requireExchange, requireTokenAmount, type ExchangeDeps } from '../services/token-exchange.js';
import { stakeTokens } from '../services/stakes.js';

export function registerLoyaltyPage(app: Hono<SandboxEnv>, ctx: TrueplayContext, exchangeDeps: ExchangeDeps): void {
  const operation = contractRouter<operations>(app, 'trueplay');

  // Every call on a link the sandbox issued concerns its player, refused ones too: the journal names them.
  const namePlayer: MiddlewareHandler<SandboxEnv> = async (c, next) => {
    const session = sessionOfLink(ctx.sessionSecret, c.req.param('session') ?? '');
    if (session) {
      c.set('operatorUserId', session.operatorUserId);
      const operator = ctx.store.operatorById(session.operatorId);
      if (operator) c.set('operator', operator);
    }
    await next();
  };
  app.use('/loyalty/:session', namePlayer);
  app.use('/loyalty/:session/*', namePlayer);

  // A player's browser opening a link that cannot open reads a page in the link's language, not our JSON; the
  // status stays, and a caller that does not ask for HTML (curl, the casino's back end) still gets the JSON error.
  app.use('/loyalty/:session', async (c, next) => {
    await next();
    const status = c.res.status;
    if (c.req.method !== 'GET' || status < 400 || status >= 500 || !prefersHtml(c.req.header('accept'))) return;
    const problem = status === 401 ? 'expired' : status === 403 ? 'closed' : 'invalid';
    c.res = undefined; // the JSON answer's headers must not carry over to the page
    c.res = linkProblemResponse(status, problem, linkLanguage(c.req.param('session') ?? ''), ctx.options.frameAncestors);
  });

  operation('openLoyaltyPage', ({ params, c }) => {
    const { session, operator, user } = visitLoyaltySession(ctx, params.session);
    c.set('operator', operator);
    const state = loyaltyState(ctx.store, operator, user, session.lang, ctx.clock.now());
    // Made for an iframe: who may embed it is configurable (CSP frame-ancestors), and nothing forbids framing outright.
    return loyaltyPageResponse({ state, operator, basePath: `/loyalty/${params.session}` }, ctx.options.frameAncestors);
  });

  operation('getLoyaltyState', ({ params, c }) => {
    const { session, operator, user } = visitLoyaltySession(ctx, params.session);
    c.set('operator', operator);
    return { status: 200, body: loyaltyState(ctx.store, operator, user, session.lang, ctx.clock.now()) };
  });

  operation('stakeTokens', ({ params, body, c }) => {
    // Bad input changes nothing: refuse it before the visit, which may create the user.
    requireTokenAmount(body.tokenAmount);
    const { operator, user } = visitLoyaltySession(ctx, params.session);
    c.set('operator', operator);
    c.set('operatorUserId', user.operatorUserId);
    const result = stakeTokens(ctx.store, operator, user, body, ctx.clock.now());
    return { status: 200, body: result };
  });

  for (const [operationId, action] of [['purchaseTokens', 'DEBIT'], ['withdrawTokens', 'CREDIT']] as const) {
    operation(operationId, async ({ params, body, c }) => {
      // Bad input changes nothing: refuse it before the visit, which may create the user.
      requireTokenAmount(body.tokenAmount);
      requireExchange(action, body.tokenAmount, openLoyaltySession(ctx, params.session).operator);
      const { operator, user } = visitLoyaltySession(ctx, params.session);
      c.set('operator', operator);
      c.set('operatorUserId', user.operatorUserId);
      const outcome = await exchangeTokens(exchangeDeps, operator, user, action, body.tokenAmount);
      if (outcome.kind === 'refused') throw refusal(outcome.code, outcome.message);
      // Pending: accepted, and the tokens stay reserved until the operator's answer is known.
      return { status: outcome.kind === 'done' ? 200 : 202, body: outcome.result };
    });
  }
}

/** A browser navigating asks for text/html; fetch, curl and HTTP clients do not. */
const prefersHtml = (accept: string | undefined) => accept !== undefined && accept.includes('text/html');
