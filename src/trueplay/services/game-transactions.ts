/** Send Game Transaction: idempotent by transactionId per operator; records what the cashback rule needs to know. */
import { arrivalEffect } from '../../domain/cashback.js';
import { conflict, notFound } from '../../domain/errors.js';
import { bodyFingerprint } from '../../domain/idempotency.js';
import { AMOUNT_PLACES, toAmountUnits, exactValue } from '../../domain/money.js';
import type { OperatorRecord, TrueplayStore } from '../../store/trueplay-store.js';
import type { Schemas } from '../wire.js';
import { ensureUser } from './users.js';

export function acceptGameTransaction(
  store: TrueplayStore,
  operator: OperatorRecord,
  tx: Schemas['GameTransaction'],
  now: number,
): Schemas['GameTransactionAccepted'] {
  const amount = exactValue(tx.amount, AMOUNT_PLACES, '/body/amount');
  const bodyHash = bodyFingerprint(tx);
  return store.transaction(() => {
    const previous = store.gameTransaction(operator.operatorId, tx.transactionId);
    if (previous) {
      if (previous.bodyHash !== bodyHash) {
        throw conflict('DUPLICATE_TRANSACTION', `transaction "${tx.transactionId}" was already accepted with a different body`);
      }
      const user = store.userById(previous.userId)!;
      return { status: 'OK', transactionId: tx.transactionId, trueplayUserId: user.trueplayUserId, duplicate: true };
    }
    const referenceId = tx.referenceTransactionId ?? null;
    const reference = referenceId === null ? undefined : store.gameTransaction(operator.operatorId, referenceId);
    const { user } = ensureUser(store, operator, tx.operatorUserId, now, { currency: tx.currency });
    if (referenceId !== null && (!reference || reference.userId !== user.id)) {
      throw notFound('REFERENCE_NOT_FOUND', `no transaction "${referenceId}" of user "${tx.operatorUserId}" to refer to`, [
        { path: '/body/referenceTransactionId', message: 'must name a transaction already accepted for the same user' },
      ]);
    }
    const effect = arrivalEffect(
      { type: tx.type, gameType: tx.gameType, receivedAt: now },
      reference ? { type: reference.type, gameType: reference.gameType, countedAt: reference.countedAt } : null,
    );
    store.insertGameTransaction({
      operatorId: operator.operatorId,
      transactionId: tx.transactionId,
      userId: user.id,
      type: tx.type,
      gameType: tx.gameType,
      referenceTransactionId: referenceId,
      currency: tx.currency,
      amount,
      amountUnits: toAmountUnits(amount),
      bodyHash,
      receivedAt: now,
      countedAt: effect.countedAt,
    });
    if (reference && effect.settlesReference) store.settleBet(reference.id, now);
    if (reference && effect.rollsBackReference) store.rollBack(reference.id);
    return { status: 'OK', transactionId: tx.transactionId, trueplayUserId: user.trueplayUserId, duplicate: false };
  });
}
