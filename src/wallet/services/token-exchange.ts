/**
 * Token Exchange as the casino answers it (reference §2b): CREDIT adds `amount` to the player's balance, DEBIT
 * takes it off. Idempotent by `id`: once the wallet has decided an exchange (OK, or a refusal about the player's
 * money) it remembers the answer and gives it again for the same body, moving nothing; a different body for the
 * same id is 409. Refusals about the request itself (403, 404) are not remembered, so a retry after the cause is
 * fixed is processed. The whole decision runs in one IMMEDIATE transaction, so concurrent DEBITs never overdraw.
 */
import { refusal } from '../../domain/errors.js';
import { bodyFingerprint } from '../../domain/idempotency.js';
import { errorBody } from '../../http/errors.js';
import type { WalletPlayerRecord } from '../../store/wallet-store.js';
import type { WalletContext } from '../context.js';
import { credit, debit, moneyOf, moneyUnits } from '../ledger.js';
import { requireOwnOperator, requirePlayer, type Schemas } from '../players.js';

export interface ExchangeAnswer {
  status: number;
  body: Schemas['TokenExchangeResponse'] | ReturnType<typeof errorBody>;
}

export function answerTokenExchange(ctx: WalletContext, request: Schemas['TokenExchangeRequest']): ExchangeAnswer {
  requireOwnOperator(ctx.operatorId, request.operatorId);
  const amountUnits = moneyUnits(request.amount, 'amount');
  const bodyHash = bodyFingerprint(request);

  return ctx.store.transaction(() => {
    const earlier = ctx.store.answeredExchange(request.id);
    if (earlier) {
      if (earlier.bodyHash !== bodyHash) {
        throw refusal('DUPLICATE_TRANSACTION', `Token Exchange ${request.id} was answered before with a different body`);
      }
      return { status: earlier.status, body: JSON.parse(earlier.response) as ExchangeAnswer['body'] };
    }
    const player = requirePlayer(ctx.store, request.operatorUserId);
    const now = ctx.now();
    const answer = decide(player, request, amountUnits);
    if (answer.status === 200) ctx.store.setBalance(player.operatorUserId, answer.balanceUnits, now);
    ctx.store.rememberExchange({ id: request.id, bodyHash, status: answer.status, response: JSON.stringify(answer.body), createdAt: now, operatorUserId: player.operatorUserId });
    return { status: answer.status, body: answer.body };
  });
}

function decide(
  player: WalletPlayerRecord,
  request: Schemas['TokenExchangeRequest'],
  amountUnits: bigint,
): ExchangeAnswer & { balanceUnits: bigint } {
  if (request.currency !== player.currency) {
    const message = `player ${player.operatorUserId} holds ${player.currency}, not ${request.currency}`;
    return { status: 400, body: errorBody('CURRENCY_MISMATCH', message), balanceUnits: player.balanceUnits };
  }
  const change = request.action === 'CREDIT' ? credit(player.balanceUnits, amountUnits) : debit(player.balanceUnits, amountUnits);
  if (!change.ok) return { status: 400, body: errorBody(change.code, change.message), balanceUnits: player.balanceUnits };
  return { status: 200, body: { id: request.id, status: 'OK', balance: moneyOf(change.balanceUnits) }, balanceUnits: change.balanceUnits };
}
