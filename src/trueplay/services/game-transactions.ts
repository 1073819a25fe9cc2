/** Send Game Transaction: idempotent by transactionId per operator; records what the cashback rule needs to know. */
import { arrivalEffect } from '../../domain/cashback.js';
import { conflict, notFound } from '../../domain/errors.js';
import { sameBody } from '../../domain/idempotency.js';
import { storedAmountOf } from '../../domain/money.js';
import { earningRate, playToEarnReclaimUnits, playToEarnUnits, type EarningRate } from '../../domain/play-to-earn.js';
import { announceMovement } from '../outbound/player-events.js';
import type { OperatorRecord, StoredGameTransaction, TrueplayStore } from '../../store/trueplay-store.js';
import type { Schemas } from '../wire.js';
import { ensureUser } from './users.js';

export interface GameTransactionOutcome {
  accepted: Schemas['GameTransactionAccepted'];
  /** The transaction was the user's first sight, so registration awards may have changed their token balance. */
  userCreated: boolean;
}

// Operator records are cached by the store and replaced when they change, so the rate is worked out once per record.
const earningRates = new WeakMap<OperatorRecord, EarningRate>();
function earningRateOf(operator: OperatorRecord): EarningRate {
  let rate = earningRates.get(operator);
  if (!rate) earningRates.set(operator, (rate = earningRate(operator.playToEarnPercent, operator.exchangeRate)));
  return rate;
}

export function acceptGameTransaction(
  store: TrueplayStore,
  operator: OperatorRecord,
  tx: Schemas['GameTransaction'],
  now: number,
  /** The body as the operator sent it, when there was a request; kept to recognise a retry. */
  bodyJson: string = JSON.stringify(tx),
): GameTransactionOutcome {
  const amount = storedAmountOf(tx.amount, '/body/amount');
  // A retry is answered from what the first call stored; another body under a used transactionId is refused.
  const replay = (previous: StoredGameTransaction): GameTransactionOutcome => {
    if (!sameBody(previous.body, tx)) {
      throw conflict('DUPLICATE_TRANSACTION', `transaction "${tx.transactionId}" was already accepted with a different body`);
    }
    const trueplayUserId = store.userById(previous.userId)!.trueplayUserId;
    return { accepted: { status: 'OK', transactionId: tx.transactionId, trueplayUserId, duplicate: true }, userCreated: false };
  };
  // A known player's call writes only after every check (the reference, a taken id), so it needs no savepoint; a
  // new player is created first, and a refusal after that must undo it.
  const known = store.userIdentity(operator.operatorId, tx.operatorUserId);
  const reclaimsPlayToEarn = (reference: StoredGameTransaction | undefined) =>
    tx.type === 'ROLLBACK' && reference !== undefined && !reference.rolledBack && reference.tokenUnits > 0;
  const accept = (): GameTransactionOutcome => {
    const referenceId = tx.referenceTransactionId ?? null;
    const reference = referenceId === null ? undefined : store.gameTransaction(operator.operatorId, referenceId);
    const { user, created } = known
      ? { user: known, created: false }
      : ensureUser(store, operator, tx.operatorUserId, now, { currency: tx.currency });
    if (referenceId !== null && (!reference || reference.userId !== user.id)) {
      // A retry is recognised before its reference is judged, as when the first call was taken.
      const previous = store.gameTransaction(operator.operatorId, tx.transactionId);
      if (previous) return replay(previous);
      throw notFound('REFERENCE_NOT_FOUND', `no transaction "${referenceId}" of user "${tx.operatorUserId}" to refer to`, [
        { path: '/body/referenceTransactionId', message: 'must name a transaction already accepted for the same user' },
      ]);
    }
    // Play to Earn: a BET earns as it is accepted; the ROLLBACK of a BET that earned takes it back, once.
    const reclaims = reclaimsPlayToEarn(reference);
    const tokenUnits = reclaims
      ? -playToEarnReclaimUnits(reference!.tokenUnits, store.tokenUnitsOf(user.id))
      : playToEarnUnits(tx.type, amount, earningRateOf(operator));
    const effect = arrivalEffect(
      { type: tx.type, gameType: tx.gameType, receivedAt: now },
      reference ? { type: reference.type, gameType: reference.gameType, countedAt: reference.countedAt } : null,
    );
    // Insert first: a new transaction (the usual case) costs one statement, and only a taken id is looked up.
    const inserted = store.insertGameTransaction({
      operatorId: operator.operatorId,
      transactionId: tx.transactionId,
      userId: user.id,
      type: tx.type,
      gameType: tx.gameType,
      referenceTransactionId: referenceId,
      currency: tx.currency,
      amount,
      // Kept as text (cheaper than any fingerprint), compared as a JSON value when the id comes again.
      bodyJson,
      receivedAt: now,
      countedAt: effect.countedAt,
      tokenUnits,
    });
    // A refusal throws, which rolls back a user this call created (see below).
    if (!inserted) return replay(store.gameTransaction(operator.operatorId, tx.transactionId)!);
    if (reference && effect.settlesReference) store.settleBet(reference.id, now);
    if (reference && effect.rollsBackReference) store.rollBack(reference.id);
    if (tokenUnits !== 0) {
      store.addTokens(user.id, tokenUnits);
      announceMovement(store, operator, user.id, { type: 'PLAY_TO_EARN', tokenUnits }, now);
    }
    return {
      accepted: { status: 'OK', transactionId: tx.transactionId, trueplayUserId: user.trueplayUserId, duplicate: false },
      userCreated: created,
    };
  };
  return known ? store.checkedTransaction(accept) : store.transaction(accept);
}
