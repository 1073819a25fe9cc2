/** The fake wallet's own control API (reference §2e): players, faults, bets played as the casino, received events. */
import type { Hono } from 'hono';
import type { operations } from '../../openapi/generated/operator.js';
import { toIso } from '../../domain/time.js';
import { contractRouter } from '../../http/contract-routes.js';
import type { SandboxEnv } from '../../http/env.js';
import type { WalletContext } from '../context.js';
import { moneyUnits } from '../balances.js';
import { playerToWire, requirePlayer, type Schemas } from '../players.js';
import { placeBet } from '../services/bets.js';
import { emptyWallet, savePlayer } from '../services/players.js';

/** listPlayerEvents answers at most this many, the newest. */
const EVENTS_SHOWN = 1000;

export function registerWalletControlApi(app: Hono<SandboxEnv>, ctx: WalletContext): void {
  const operation = contractRouter<operations>(app, 'operator');
  const { store, faults } = ctx;

  operation('upsertPlayer', ({ body }) => {
    const balanceUnits = moneyUnits(body.balance, 'balance');
    savePlayer(store, { operatorUserId: body.operatorUserId, balanceUnits, currency: body.currency, updatedAt: ctx.now() });
    return { status: 201, body: playerToWire(requirePlayer(store, body.operatorUserId)) };
  });

  operation('getPlayer', ({ params }) => ({ status: 200, body: playerToWire(requirePlayer(store, params.operatorUserId)) }));

  operation('injectFault', ({ body }) => ({ status: 201, body: faults.add(body) }));
  operation('listFaults', () => ({ status: 200, body: { items: faults.list() } }));
  operation('clearFaults', () => {
    faults.clear();
    return { status: 204 };
  });

  operation('placeBet', async ({ body }) => ({ status: 200, body: await placeBet(ctx, body) }));

  operation('listPlayerEvents', () => ({
    status: 200,
    body: {
      items: store.events(EVENTS_SHOWN).map((event) => ({ ...(JSON.parse(event.body) as Schemas['PlayerEvent']), receivedAt: toIso(event.receivedAt) })),
    },
  }));

  operation('resetWallet', () => {
    // Calls still held by a delay are dropped too: woken after the reset, they would act on the fresh wallet.
    faults.abortDelays();
    emptyWallet(store);
    faults.clear();
    return { status: 204 };
  });
}
