/**
 * The fake wallet's Pact provider-state endpoint: the three operator-side states `verify operator` sets up.
 * A verification may run against the wallet a tour or a scenario is using, so states never wipe anything: the
 * first set-up opens a verification scope that remembers each player a state touches as it was, and the
 * teardown puts those players back and forgets the exchanges answered for them since; nobody else's data moves.
 */
import type { Hono } from 'hono';
import type { operations } from '../../openapi/generated/operator.js';
import { refusal } from '../../domain/errors.js';
import { contractRouter } from '../../http/contract-routes.js';
import type { SandboxEnv } from '../../http/env.js';
import { changeProviderState, operatorUserIdOf, stateParamsAsBodyOf, type StateParams } from '../../http/provider-states.js';
import type { WalletPlayerRecord } from '../../store/wallet-store.js';
import type { WalletContext } from '../context.js';
import { moneyUnits } from '../balances.js';
import type { Schemas } from '../players.js';
import { removePlayer, restorePlayers, savePlayer } from '../services/players.js';
import { answerTokenExchange } from '../services/token-exchange.js';


/** What one verification changed: the players it touched (as they were before) and where its exchanges start. */
interface VerificationScope {
  exchangeMark: number;
  playersBefore: Map<string, WalletPlayerRecord | undefined>;
}

const bodyOf = stateParamsAsBodyOf<operations>('operator');

type StateSetup = (params: StateParams, ctx: WalletContext, touch: (operatorUserId: string) => void) => void;

const WALLET_PROVIDER_STATES: Record<string, StateSetup> = {
  'a player exists': (params, { store, now }, touch) => {
    const player = bodyOf('upsertPlayer', params) as Schemas['Player'];
    const balanceUnits = moneyUnits(player.balance, 'params.balance');
    touch(player.operatorUserId);
    savePlayer(store, { operatorUserId: player.operatorUserId, balanceUnits, currency: player.currency, updatedAt: now() });
  },
  'no player exists': (params, { store }, touch) => {
    const operatorUserId = operatorUserIdOf(params);
    touch(operatorUserId);
    removePlayer(store, operatorUserId);
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
    restorePlayers(ctx.store, done.exchangeMark, done.playersBefore);
  };

  operation('setProviderState', ({ body }) =>
    changeProviderState(body, {
      server: 'the fake wallet',
      states: WALLET_PROVIDER_STATES,
      // The scope opens with the first player a state touches.
      isOpen: () => scope !== undefined,
      setUp(setup, params) {
        setup(params, ctx, touch);
        return {};
      },
      tearDown,
    }),
  );
}
