/** The fake Trueplay's Pact provider-state endpoint: sets up the states operator→trueplay pacts are written against. */
import type { Hono } from 'hono';
import type { operations } from '../../openapi/generated/trueplay.js';
import { DEMO_OPERATOR } from '../../demo-operator.js';
import { refusal } from '../../domain/errors.js';
import { contractRouter } from '../../http/contract-routes.js';
import type { SandboxEnv } from '../../http/env.js';
import { changeProviderState, operatorUserIdOf, stateParamsAsBodyOf, type StateParams } from '../../http/provider-states.js';
import type { JournalCheckpoint } from '../../store/journal-store.js';
import type { OperatorRecord, TrueplayCheckpoint } from '../../store/trueplay-store.js';
import type { TrueplayContext } from '../context.js';
import { assignParticipants, createCampaign, updateCampaignStatus } from '../services/campaigns.js';
import { acceptDeposit } from '../services/deposits.js';
import { acceptGameTransaction } from '../services/game-transactions.js';
import { ensureUser } from '../services/users.js';
import type { Schemas } from '../wire.js';

type StateSetup = (params: StateParams, operator: OperatorRecord, ctx: TrueplayContext) => Record<string, unknown>;

const bodyOf = stateParamsAsBodyOf<operations>('trueplay');

/** The states documented on POST /sandbox/provider-states in openapi/trueplay.yaml, all on the demo operator. */
export const TRUEPLAY_PROVIDER_STATES: Record<string, StateSetup> = {
  'no user exists': (params) => {
    operatorUserIdOf(params);
    return {};
  },
  'a user exists': (params, operator, { store, clock }) => {
    const request = bodyOf('createUser', params) as Schemas['CreateUserRequest'];
    const { user } = store.run(() =>
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
    store.run(() => ensureUser(store, operator, deposit.operatorUserId, clock.now(), { currency: deposit.currency }));
    acceptDeposit(store, operator, deposit, clock.now());
    return {};
  },
  'a campaign exists': (params, operator, { store, clock }) => {
    const { participants = [], status, ...rest } = params as StateParams & { participants?: unknown; status?: Schemas['CampaignStatus'] };
    if (!Array.isArray(participants) || participants.some((p) => typeof p !== 'string')) {
      throw refusal('VALIDATION_ERROR', 'params.participants must be a list of operatorUserIds', [{ path: '/body/params/participants', message: 'must be an array of strings' }]);
    }
    const request = bodyOf('createCampaign', { name: `${String(rest.type)} campaign`, ...rest, operatorId: operator.operatorId }) as Schemas['CreateCampaignRequest'];
    const campaign = createCampaign(store, request, clock.now());
    if (participants.length > 0) {
      store.run(() => {
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
  let before: { trueplay: TrueplayCheckpoint; journal: JournalCheckpoint } | undefined;

  const tearDown = () => {
    const checkpoint = before;
    before = undefined;
    if (!checkpoint) return;
    ctx.store.run(() => {
      ctx.store.restore(checkpoint.trueplay);
      ctx.journal.restore(checkpoint.journal);
    });
    ctx.clock.reload();
  };

  operation('setProviderState', ({ body }) =>
    changeProviderState(body, {
      server: 'the fake Trueplay',
      states: TRUEPLAY_PROVIDER_STATES,
      isOpen: () => before !== undefined,
      open() {
        before = { trueplay: ctx.store.checkpoint(), journal: ctx.journal.checkpoint() };
        ctx.resetData();
      },
      setUp: (setup, params) => setup(params, ctx.store.operatorById(DEMO_OPERATOR.operatorId)!, ctx),
      tearDown,
    }),
  );
}
