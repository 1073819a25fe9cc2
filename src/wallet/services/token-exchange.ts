/**
 * Token Exchange as the casino answers it (reference §2b): CREDIT adds `amount` to the player's balance, DEBIT
 * takes it off. Idempotent by `id`: once the wallet has decided an exchange (done, or refused about the player's
 * money) it remembers the decision and gives it again for the same body, moving nothing; a different body for
 * the same id is DUPLICATE_TRANSACTION. Refusals about the request itself (OPERATOR_MISMATCH, USER_NOT_FOUND)
 * are not remembered, so a retry after the cause is fixed is processed. The whole decision runs in one IMMEDIATE transaction, so concurrent DEBITs never overdraw.
 */
import { refusal } from '../../domain/errors.js';
import { sameBody } from '../../domain/idempotency.js';
import type { ExchangeDecision, WalletPlayerRecord } from '../../store/wallet-store.js';
import type { WalletContext } from '../context.js';
import { credit, debit, moneyOf, moneyUnits } from '../balances.js';
import { requireOwnOperator, requirePlayer, type Schemas } from '../players.js';

/** Done, with the new balance, or refused about the player's money; the same decision again for a retry. */
export type ExchangeOutcome = ExchangeDecision<Schemas['TokenExchangeResponse']>;

export function answerTokenExchange(ctx: WalletContext, request: Schemas['TokenExchangeRequest']): ExchangeOutcome {
  requireOwnOperator(ctx.operatorId, request.operatorId);
  const amountUnits = moneyUnits(request.amount, 'amount');
  const bodyJson = JSON.stringify(request);

  return ctx.store.run(() => {
    const earlier = ctx.store.answeredExchange(request.id);
    if (earlier) {
      if (!sameBody(earlier.body, request)) {
        throw refusal('DUPLICATE_TRANSACTION', `Token Exchange ${request.id} was answered before with a different body`);
      }
      return earlier.decision as ExchangeOutcome;
    }
    const player = requirePlayer(ctx.store, request.operatorUserId);
    const now = ctx.now();
    const { outcome, balanceUnits } = decide(player, request, amountUnits);
    if (outcome.kind === 'done') ctx.store.setBalance(player.operatorUserId, balanceUnits, now);
    ctx.store.rememberExchange({ id: request.id, bodyJson, decision: outcome, createdAt: now, operatorUserId: player.operatorUserId });
    return outcome;
  });
}

function decide(
  player: WalletPlayerRecord,
  request: Schemas['TokenExchangeRequest'],
  amountUnits: bigint,
): { outcome: ExchangeOutcome; balanceUnits: bigint } {
  if (request.currency !== player.currency) {
    const message = `player ${player.operatorUserId} holds ${player.currency}, not ${request.currency}`;
    return { outcome: { kind: 'refused', code: 'CURRENCY_MISMATCH', message }, balanceUnits: player.balanceUnits };
  }
  const change = request.action === 'CREDIT' ? credit(player.balanceUnits, amountUnits) : debit(player.balanceUnits, amountUnits);
  if (!change.ok) return { outcome: { kind: 'refused', code: change.code, message: change.message }, balanceUnits: player.balanceUnits };
  const response = { id: request.id, status: 'OK' as const, balance: moneyOf(change.balanceUnits) };
  return { outcome: { kind: 'done', response }, balanceUnits: change.balanceUnits };
}
