/** The fake Trueplay's Pact provider-state endpoint: sets up the states operator→trueplay pacts are written against. */
import type { Hono } from 'hono';
import { loadContract } from '../contract/documents.js';
import type { operations } from '../contract/generated/trueplay.js';
import { validateRequest } from '../contract/validator.js';
import { refusal } from '../domain/errors.js';
import { contractRouter } from '../http/contract-routes.js';
import type { SandboxEnv } from '../http/env.js';
import type { OperatorRecord, TrueplayCheckpoint } from '../store/trueplay-store.js';
import type { TrueplayContext } from '../trueplay/context.js';
import { assignParticipants, createCampaign, updateCampaignStatus } from '../trueplay/services/campaigns.js';
import { acceptDeposit } from '../trueplay/services/deposits.js';
import { acceptGameTransaction } from '../trueplay/services/game-transactions.js';
import { DEMO_OPERATOR } from '../trueplay/services/operators.js';
import { ensureUser } from '../trueplay/services/users.js';
import type { Schemas } from '../trueplay/wire.js';

type Params = Record<string, unknown>;
type StateSetup = (params: Params, operator: OperatorRecord, ctx: TrueplayContext) => Record<string, unknown>;

/** State params are checked against the request body of the call they stand for, so a bad pact gets a clear 400. */
function bodyOf<Id extends keyof operations & string>(operationId: Id, params: unknown): unknown {
  const contract = loadContract('trueplay');
  validateRequest(contract, contract.operations.get(operationId)!, { params: {}, query: {}, body: params });
  return params;
}

function operatorUserIdOf(params: Params): string {
  const id = params.operatorUserId;
  if (typeof id !== 'string' || id.length === 0) {
    throw refusal('VALIDATION_ERROR', 'this provider state needs params.operatorUserId (a string)', [{ path: '/body/params/operatorUserId', message: 'required' }]);
  }
  return id;
}

/** The states documented on POST /sandbox/provider-states in openapi/trueplay.yaml, all on the demo operator. */
export const TRUEPLAY_PROVIDER_STATES: Record<string, StateSetup> = {
  'no user exists': (params) => {
    operatorUserIdOf(params);
    return {};
  },
  'a user exists': (params, operator, { store, clock }) => {
    const request = bodyOf('createUser', params) as Schemas['CreateUserRequest'];
    const { user } = store.transaction(() =>
      ensureUser(store, operator, request.operatorUserId, clock.now(), {
        kyc: request.kyc ?? false,
        currency: request.currency ?? null,
        country: request.country ?? null,
      }),
    );
    return { operatorUserId: user.operatorUserId, trueplayUserId: user.trueplayUserId };
  },
  'a game transaction was accepted': (params, operator, { store, clock }) => {
    const tx = bodyOf('sendGameTransaction', params) as Schemas['GameTransaction'];
    return { trueplayUserId: acceptGameTransaction(store, operator, tx, clock.now()).accepted.trueplayUserId };
  },
  'a deposit was accepted': (params, operator, { store, clock }) => {
    const deposit = bodyOf('sendDeposit', params) as Schemas['DepositRequest'];
    store.transaction(() => ensureUser(store, operator, deposit.operatorUserId, clock.now(), { currency: deposit.currency }));
    acceptDeposit(store, operator, deposit, clock.now());
    return {};
  },
  'a campaign exists': (params, operator, { store, clock }) => {
    const { participants = [], status, ...rest } = params as Params & { participants?: unknown; status?: Schemas['CampaignStatus'] };
    if (!Array.isArray(participants) || participants.some((p) => typeof p !== 'string')) {
      throw refusal('VALIDATION_ERROR', 'params.participants must be a list of operatorUserIds', [{ path: '/body/params/participants', message: 'must be an array of strings' }]);
    }
    const request = bodyOf('createCampaign', { name: `${String(rest.type)} campaign`, ...rest, operatorId: operator.operatorId }) as Schemas['CreateCampaignRequest'];
    const campaign = createCampaign(store, request, clock.now());
    if (participants.length > 0) {
      store.transaction(() => {
        for (const id of participants as string[]) ensureUser(store, operator, id, clock.now());
      });
      assignParticipants(store, operator, campaign.id, participants as string[], clock.now());
    }
    if (status && status !== campaign.status) updateCampaignStatus(store, campaign.id, status, clock.now());
    return { campaignId: campaign.id };
  },
  'no campaign exists': () => ({}),
};

/**
 * A verification may run against the fake Trueplay a tour or a scenario is using, so states never wipe its data.
 * The first set-up of a verification keeps a checkpoint of every row and gives the interactions a sandbox with
 * the demo operator alone, as the states are written for; the teardown puts every row back as it was, so what
 * the verification made (states, interactions, their journal entries) is gone and the rest is as before.
 * Don't use the sandbox meanwhile: what is done between a set-up and its teardown is undone with it.
 */
export function registerProviderStates(app: Hono<SandboxEnv>, ctx: TrueplayContext): void {
  const operation = contractRouter<operations>(app, 'trueplay');
  let before: TrueplayCheckpoint | undefined;

  const tearDown = () => {
    const checkpoint = before;
    before = undefined;
    if (!checkpoint) return;
    ctx.store.transaction(() => ctx.store.restore(checkpoint));
    ctx.clock.reload();
  };

  operation('setProviderState', ({ body }) => {
    // Pact's standard empty state (an interaction without one): nothing to set up or tear down.
    if (!body.state) return { status: 200, body: {} };
    if (body.action === 'teardown') {
      tearDown();
      return { status: 200, body: {} };
    }
    // Own keys only: a state named __proto__ or toString must be unknown, not Object.prototype's.
    const setup = Object.hasOwn(TRUEPLAY_PROVIDER_STATES, body.state) ? TRUEPLAY_PROVIDER_STATES[body.state] : undefined;
    if (!setup) {
      throw refusal('UNKNOWN_PROVIDER_STATE', `the fake Trueplay has no provider state "${body.state}"`, [
        { path: '/body/state', message: `one of: ${Object.keys(TRUEPLAY_PROVIDER_STATES).join('; ')}` },
      ]);
    }
    const opened = !before;
    if (opened) {
      before = ctx.store.checkpoint();
      ctx.resetData();
    }
    try {
      const operator = ctx.store.operatorById(DEMO_OPERATOR.operatorId)!;
      return { status: 200, body: setup(body.params ?? {}, operator, ctx) };
    } catch (error) {
      // A verifier may skip the teardown of a state it could not set up: the sandbox comes back at once.
      if (opened) tearDown();
      throw error;
    }
  });
}
