/** The signed calls Trueplay makes to the operator (reference §2b), answered as a casino would. */
import type { Hono } from 'hono';
import type { operations } from '../../openapi/generated/operator.js';
import { contractRouter } from '../../http/contract-routes.js';
import type { SandboxEnv } from '../../http/env.js';
import { refusalAnswer } from '../../http/errors.js';
import type { WalletContext } from '../context.js';
import { playerToWire, requireOwnOperator, requirePlayer } from '../players.js';
import { answerTokenExchange } from '../services/token-exchange.js';

/** Register after the signature check: these handlers see only calls signed with the operator's secret. */
export function registerTrueplayCalls(app: Hono<SandboxEnv>, ctx: WalletContext): void {
  const operation = contractRouter<operations>(app, 'operator');

  operation('getUserBalance', ({ body }) => {
    requireOwnOperator(ctx.operatorId, body.operatorId);
    return { status: 200, body: playerToWire(requirePlayer(ctx.store, body.operatorUserId)) };
  });

  operation('tokenExchange', ({ body }) => {
    const outcome = answerTokenExchange(ctx, body);
    return outcome.kind === 'done' ? { status: 200, body: outcome.response } : refusalAnswer(outcome);
  });

  operation('receivePlayerEvent', ({ body, bodyText }) => {
    // The exact text received is kept, so what the operator saw can be shown as it came.
    ctx.store.recordEvent(body.requestId, bodyText, ctx.now());
    return { status: 200, body: { status: 'OK' } };
  });
}
