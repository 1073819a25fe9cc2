/** Send Game Transaction: idempotent by transactionId per operator; records what the cashback rule needs to know. */
import { quoteRule } from '../../openapi/rules.js';
import { arrivalEffect, isSportsbook } from '../../domain/cashback.js';
import { refusal } from '../../domain/errors.js';
import { sameBody } from '../../domain/idempotency.js';
import { AMOUNT_PLACES, decimalOf, exactUnits } from '../../domain/money.js';
import { playToEarnReclaimUnits, playToEarnUnits } from '../../domain/play-to-earn.js';
import { LENIENT_RULES, sportsbookReferenceProblem } from '../../domain/validation.js';
import { moneyWarnings, warning, type Warning } from '../../domain/warnings.js';
import type { OperatorRecord, StoredGameTransaction, TrueplayStore } from '../../store/trueplay-store.js';
import type { Schemas } from '../wire.js';
import { announceMovement } from '../outbound/player-events.js';
import { ensureUser } from './users.js';

export interface GameTransactionOutcome {
  accepted: Schemas['GameTransactionAccepted'];
  /** The transaction was the user's first sight, so registration awards may have changed their token balance. */
  userCreated: boolean;
  /** What looks wrong about the accepted call (src/domain/warnings.ts); empty for nearly all. */
  warnings: Warning[];
}

export function acceptGameTransaction(
  store: TrueplayStore,
  operator: OperatorRecord,
  /** What validation let through: all ten documented fields, or (lenient) the six the sandbox counts with. */
  tx: Schemas['CountedGameTransaction'],
  now: number,
  /** The body as the operator sent it, when there was a request; kept to recognise a retry. */
  bodyJson: string = JSON.stringify(tx),
): GameTransactionOutcome {
  const amount = exactUnits(tx.amount, AMOUNT_PLACES, 'amount');
  // The body's own warnings hold for a retry too: it is the same body.
  const warnings = moneyWarnings({ currency: tx.currency, amountText: amount.text }, operator.currency);
  // A retry is answered from what the first call stored; another body under a used transactionId is refused.
  const replay = (previous: StoredGameTransaction): GameTransactionOutcome => {
    if (!sameBody(previous.body, tx)) {
      throw refusal('DUPLICATE_TRANSACTION', `transaction "${tx.transactionId}" was already accepted with a different body`);
    }
    const trueplayUserId = store.userById(previous.userId)!.trueplayUserId;
    return { accepted: { status: 'OK', transactionId: tx.transactionId, trueplayUserId, duplicate: true }, userCreated: false, warnings };
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
      throw refusal('REFERENCE_NOT_FOUND', `no transaction "${referenceId}" of user "${tx.operatorUserId}" to refer to`, [
        { field: 'referenceTransactionId', message: 'must name a transaction already accepted for the same user' },
      ]);
    }
    const zero = amount.units === 0n;
    const sportsbookProblem = sportsbookReferenceProblem(
      { type: tx.type, gameType: tx.gameType, amountIsZero: zero, referenceTransactionId: referenceId },
      reference,
    );
    if (sportsbookProblem !== null) {
      const message = `${sportsbookProblem}: ${quoteRule(LENIENT_RULES.sportsbookReference)}`;
      if (operator.validation === 'documented') {
        const previous = store.gameTransaction(operator.operatorId, tx.transactionId);
        if (previous) return replay(previous);
        throw refusal('VALIDATION_ERROR', message, [{ field: 'referenceTransactionId', message: 'the id of a Sportsbook BET of the same user' }]);
      }
      warnings.push(warning('SPORTSBOOK_WIN_REFERENCE', message));
    }
    const news = reference ? referenceWarnings(store, operator.operatorId, tx, amount.text, zero, reference) : undefined;
    const effect = arrivalEffect(
      { type: tx.type, gameType: tx.gameType, receivedAt: now },
      reference ? { type: reference.type, gameType: reference.gameType, countedAt: reference.countedAt } : null,
    );
    // Play to Earn: a BET earns as it is accepted; the ROLLBACK of a BET that earned takes it back, once.
    const reclaims = reclaimsPlayToEarn(reference);
    const tokenUnits = reclaims
      ? -playToEarnReclaimUnits(reference!.tokenUnits, store.tokenUnitsOf(user.id))
      : playToEarnUnits(tx.type, amount, operator.playToEarnRate);
    // Insert first: a new transaction (the usual case) is one statement, and only a taken id is looked up.
    const inserted = store.insertGameTransaction({
      operatorId: operator.operatorId,
      transactionId: tx.transactionId,
      userId: user.id,
      type: tx.type,
      gameType: tx.gameType,
      referenceTransactionId: referenceId,
      currency: tx.currency,
      amount,
      // Kept as text, compared as a JSON value when the id comes again (src/store/idempotency.ts).
      bodyJson,
      receivedAt: now,
      countedAt: effect.countedAt,
      tokenUnits,
    });
    // A refusal throws, which rolls back a user this call created (see below).
    if (!inserted) return replay(store.gameTransaction(operator.operatorId, tx.transactionId)!);
    if (news) warnings.push(...news);
    if (reference && effect.settlesReference) store.settleBet(reference.id, now);
    if (reference && effect.rollsBackReference) store.rollBack(reference.id);
    if (tokenUnits !== 0) {
      store.addTokens(user.id, tokenUnits);
      announceMovement(store, operator, user.id, { type: 'PLAY_TO_EARN', tokenUnits }, now);
    }
    return {
      accepted: { status: 'OK', transactionId: tx.transactionId, trueplayUserId: user.trueplayUserId, duplicate: false },
      userCreated: created,
      warnings,
    };
  };
  // The one caller of the ingest fast path (see TrueplayStore.runCheckedIngest).
  return known ? store.runCheckedIngest(accept) : store.run(accept);
}

/** What a transaction's reference says about it: the warnings of src/domain/warnings.ts that need the stored history. */
function referenceWarnings(
  store: TrueplayStore,
  operatorId: number,
  tx: Schemas['CountedGameTransaction'],
  amountText: string,
  zero: boolean,
  reference: StoredGameTransaction,
): Warning[] | undefined {
  let found: Warning[] | undefined;
  const add = (w: Warning) => (found ??= []).push(w);
  if (tx.type === 'ROLLBACK' && amountText !== reference.amount && !decimalOf(amountText).eq(reference.amount)) {
    add(warning('ROLLBACK_AMOUNT_MISMATCH', `this ROLLBACK of ${amountText} cancels "${reference.transactionId}", whose amount is ${reference.amount}`));
  }
  if (tx.type === 'WIN' && reference.type === 'BET' && reference.rolledBack) {
    add(warning('WIN_AFTER_ROLLBACK', `BET "${reference.transactionId}" was rolled back; this WIN still counts as a win`));
  }
  // A settled sportsbook BET is the only one that can have had a loss already: the count is asked only then.
  if (tx.type === 'WIN' && zero && reference.type === 'BET' && isSportsbook(reference.gameType) && reference.countedAt !== null
    && store.lossesReporting(operatorId, reference.transactionId) > 0) {
    add(warning('SECOND_SPORTSBOOK_LOSS', `sportsbook BET "${reference.transactionId}" already has a WIN of 0; this one reports the same loss again`));
  }
  return found;
}
