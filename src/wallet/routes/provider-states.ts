/**
 * The fake wallet's Pact provider-state endpoint: the three operator-side states `verify operator` sets up.
 * A verification may run against the wallet a tour or a scenario is using, so states never wipe anything: the
 * first set-up opens a verification scope that remembers each player a state touches as it was, and the
 * teardown puts those players back and forgets the exchanges answered for them since; nobody else's data moves.
 */
import type { Hono } from 'hono';
import { loadContract } from '../../contract/documents.js';
import type { operations } from '../../contract/generated/operator.js';
import { validateRequest } from '../../contract/validator.js';
import { refusal } from '../../domain/errors.js';
import { contractRouter } from '../../http/contract-routes.js';
import type { SandboxEnv } from '../../http/env.js';
import type { WalletPlayerRecord } from '../../store/wallet-store.js';
import type { WalletContext } from '../context.js';
import { moneyUnits } from '../ledger.js';
import type { Schemas } from '../players.js';
import { answerTokenExchange } from '../services/token-exchange.js';

type Params = Record<string, unknown>;

/** What one verification changed: the players it touched (as they were before) and where its exchanges start. */
interface VerificationScope {
  exchangeMark: number;
  playersBefore: Map<string, WalletPlayerRecord | undefined>;
}

/** Params are checked against the body of the call the state stands for, so a bad pact gets a clear 400. */
function bodyOf(operationId: keyof operations & string, params: Params): unknown {
  const contract = loadContract('operator');
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

type StateSetup = (params: Params, ctx: WalletContext, touch: (operatorUserId: string) => void) => void;

const WALLET_PROVIDER_STATES: Record<string, StateSetup> = {
  'a player exists': (params, { store, now }, touch) => {
    const player = bodyOf('upsertPlayer', params) as Schemas['Player'];
    const balanceUnits = moneyUnits(player.balance, 'params.balance');
    touch(player.operatorUserId);
    store.transaction(() => store.upsertPlayer({ operatorUserId: player.operatorUserId, balanceUnits, currency: player.currency, updatedAt: now() }));
  },
  'no player exists': (params, { store }, touch) => {
    const operatorUserId = operatorUserIdOf(params);
    touch(operatorUserId);
    store.transaction(() => store.deletePlayer(operatorUserId));
  },
  'a token exchange was processed': (params, ctx, touch) => {
    const exchange = bodyOf('tokenExchange', params) as Schemas['TokenExchangeRequest'];
    touch(exchange.operatorUserId);
    const outcome = answerTokenExchange(ctx, exchange);
    if (outcome.kind === 'refused') throw refusal(outcome.code, `the exchange of this state was refused: ${outcome.message}`);
  },
};

export function registerWalletProviderStates(app: Hono<SandboxEnv>, ctx: WalletContext): void {
  const operation = contractRouter<operations>(app, 'operator');
  let scope: VerificationScope | undefined;

  const touch = (operatorUserId: string) => {
    scope ??= { exchangeMark: ctx.store.lastExchangeMark(), playersBefore: new Map() };
    if (!scope.playersBefore.has(operatorUserId)) scope.playersBefore.set(operatorUserId, ctx.store.player(operatorUserId));
  };

  const tearDown = () => {
    const done = scope;
    scope = undefined;
    if (!done) return;
    ctx.store.transaction(() => {
      for (const [operatorUserId, before] of done.playersBefore) {
        ctx.store.forgetExchangesSince(done.exchangeMark, operatorUserId);
        if (before) ctx.store.upsertPlayer(before);
        else ctx.store.deletePlayer(operatorUserId);
      }
    });
  };

  operation('setProviderState', ({ body }) => {
    // Pact's standard empty state (an interaction without one): nothing to set up or tear down.
    if (!body.state) return { status: 200, body: {} };
    if (body.action === 'teardown') {
      tearDown();
      return { status: 200, body: {} };
    }
    // Own keys only: a state named __proto__ or toString must be unknown, not Object.prototype's.
    const setup = Object.hasOwn(WALLET_PROVIDER_STATES, body.state) ? WALLET_PROVIDER_STATES[body.state] : undefined;
    if (!setup) {
      throw refusal('UNKNOWN_PROVIDER_STATE', `the fake wallet has no provider state "${body.state}"`, [
        { path: '/body/state', message: `one of: ${Object.keys(WALLET_PROVIDER_STATES).join('; ')}` },
      ]);
    }
    const opened = !scope;
    try {
      setup(body.params ?? {}, ctx, touch);
    } catch (error) {
      // A verifier may skip the teardown of a state it could not set up: the players come back at once.
      if (opened) tearDown();
      throw error;
    }
    return { status: 200, body: {} };
  });
}
