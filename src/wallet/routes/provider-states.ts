/** The fake wallet's Pact provider-state endpoint: the three operator-side states `verify operator` sets up. */
import type { Hono } from 'hono';
import { loadContract } from '../../contract/documents.js';
import type { operations } from '../../contract/generated/operator.js';
import { validateRequest } from '../../contract/validator.js';
import { SandboxError, badRequest } from '../../domain/errors.js';
import { contractRouter } from '../../http/contract-routes.js';
import type { SandboxEnv } from '../../http/env.js';
import type { WalletContext } from '../context.js';
import { moneyUnits } from '../ledger.js';
import type { Schemas } from '../players.js';
import { answerTokenExchange } from '../services/token-exchange.js';

type Params = Record<string, unknown>;

/** Params are checked against the body of the call the state stands for, so a bad pact gets a clear 400. */
function bodyOf(operationId: keyof operations & string, params: Params): unknown {
  const contract = loadContract('operator');
  validateRequest(contract, contract.operations.get(operationId)!, { params: {}, query: {}, body: params });
  return params;
}

const WALLET_PROVIDER_STATES: Record<string, (params: Params, ctx: WalletContext) => void> = {
  'a player exists': (params, { store, now }) => {
    const player = bodyOf('upsertPlayer', params) as Schemas['Player'];
    const balanceUnits = moneyUnits(player.balance, '/body/params/balance');
    store.transaction(() => store.upsertPlayer({ operatorUserId: player.operatorUserId, balanceUnits, currency: player.currency, updatedAt: now() }));
  },
  // Teardown empties the wallet after every interaction, so there is nothing to remove here.
  'no player exists': () => {},
  'a token exchange was processed': (params, ctx) => {
    const answer = answerTokenExchange(ctx, bodyOf('tokenExchange', params) as Schemas['TokenExchangeRequest']);
    if (answer.status >= 300) {
      const { error } = answer.body as { error: { code: string; message: string } };
      throw new SandboxError(answer.status as 400, error.code, `the exchange of this state was refused: ${error.message}`);
    }
  },
};

export function registerWalletProviderStates(app: Hono<SandboxEnv>, ctx: WalletContext): void {
  const operation = contractRouter<operations>(app, 'operator');

  operation('setProviderState', ({ body }) => {
    if (body.action === 'teardown') {
      ctx.faults.abortDelays();
      ctx.store.transaction(() => ctx.store.wipe());
      ctx.faults.clear();
      return { status: 200, body: {} };
    }
    // Own keys only: a state named __proto__ or toString must be unknown, not Object.prototype's.
    const setup = Object.hasOwn(WALLET_PROVIDER_STATES, body.state) ? WALLET_PROVIDER_STATES[body.state] : undefined;
    if (!setup) {
      throw badRequest('UNKNOWN_PROVIDER_STATE', `the fake wallet has no provider state "${body.state}"`, [
        { path: '/body/state', message: `one of: ${Object.keys(WALLET_PROVIDER_STATES).join('; ')}` },
      ]);
    }
    setup(body.params ?? {}, ctx);
    return { status: 200, body: {} };
  });
}
