/** The sandbox control API (reference §2d): the fake Trueplay's admin panel for scenarios, tests and people; injected faults too. */
import type { Hono } from 'hono';
import type { operations } from '../../openapi/generated/trueplay.js';
import { contractRouter } from '../../http/contract-routes.js';
import type { SandboxEnv } from '../../http/env.js';
import { parseTimestamp, toIso } from '../../domain/time.js';
import type { TrueplayContext } from '../context.js';
import { settleClosedPeriods } from '../services/cashback-settlement.js';
import { returnDueStakes } from '../services/stakes.js';
import { awardCustomCampaign, createCampaign, listCampaigns, updateCampaignStatus } from '../services/campaigns.js';
import { listRules } from '../../openapi/rules.js';
import { addOperator, updateOperator } from '../services/operators.js';
import { operatorToWire } from '../wire.js';

export function registerControlApi(app: Hono<SandboxEnv>, ctx: TrueplayContext): void {
  const operation = contractRouter<operations>(app, 'trueplay');
  const { store, clock, journal } = ctx;

  operation('addOperator', ({ body }) => {
    const request = { callbackBaseUrl: ctx.defaultCallbackBaseUrl ?? undefined, ...body };
    return { status: 201, body: operatorToWire(addOperator(store, request, clock.now())) };
  });

  operation('listOperators', () => ({ status: 200, body: { items: store.operators().map(operatorToWire) } }));

  operation('updateOperator', ({ params, body }) => ({
    status: 200,
    body: operatorToWire(updateOperator(store, params.operatorId, body)),
  }));

  operation('listRules', () => ({ status: 200, body: { items: listRules() } }));

  operation('createCampaign', ({ body }) => ({ status: 201, body: createCampaign(store, body, clock.now()) }));

  operation('listSandboxCampaigns', ({ query }) => ({
    status: 200,
    body: { items: listCampaigns(store, query.operatorId, undefined, clock.now()) },
  }));

  operation('awardCustomCampaign', ({ params, body }) => {
    const result = awardCustomCampaign(store, params.campaignId, body.operatorUserIds, clock.now());
    return { status: 200, body: result };
  });

  operation('updateCampaign', ({ params, body }) => {
    const campaign = updateCampaignStatus(store, params.campaignId, body.status, clock.now());
    return { status: 200, body: campaign };
  });

  operation('getClock', () => ({ status: 200, body: { now: toIso(clock.now()), frozen: clock.isFrozen() } }));

  operation('setClock', ({ body }) => {
    if ('now' in body) clock.set(parseTimestamp(body.now, 'now'));
    else if ('advance' in body) clock.advance(body.advance);
    else clock.followRealTime();
    const settled = settleClosedPeriods(store, clock.now());
    returnDueStakes(store, clock.now());
    return { status: 200, body: { now: toIso(clock.now()), frozen: clock.isFrozen(), settled } };
  });

  operation('injectTrueplayFault', ({ body }) => ({ status: 201, body: ctx.faults.add(body) }));
  operation('listTrueplayFaults', () => ({ status: 200, body: { items: ctx.faults.list() } }));
  operation('clearTrueplayFaults', () => {
    ctx.faults.clear();
    return { status: 204 };
  });

  operation('reset', () => {
    ctx.resetToStart();
    return { status: 204 };
  });

  operation('getJournal', ({ query }) => ({
    status: 200,
    body: {
      items: journal.list({
        limit: query.limit ?? 100,
        afterId: query.afterId,
        direction: query.direction,
        path: query.path,
        status: query.status,
        operatorUserId: query.operatorUserId,
        withWarnings: query.warnings,
      }),
    },
  }));
}
