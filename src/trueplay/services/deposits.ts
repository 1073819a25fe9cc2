/** Send User Deposit: pays each live DEPOSIT campaign the user participates in; idempotent by transactionId. */
import { depositAward, isLive } from '../../domain/campaigns.js';
import { refusal } from '../../domain/errors.js';
import { sameBody } from '../../domain/idempotency.js';
import { AMOUNT_PLACES, toTokenUnits, toWireNumber, fromTokenUnits, exactValue } from '../../domain/money.js';
import { moneyWarnings, type Warning } from '../../domain/warnings.js';
import type { OperatorRecord, TrueplayStore } from '../../store/trueplay-store.js';
import type { Schemas } from '../wire.js';
import { awardTransactionType } from '../../domain/player-events.js';
import { announceMovement } from '../outbound/player-events.js';
import { requireUser } from './users.js';

export function acceptDeposit(
  store: TrueplayStore,
  operator: OperatorRecord,
  deposit: Schemas['DepositRequest'],
  now: number,
): Schemas['DepositAccepted'] & { warnings: Warning[] } {
  const amount = exactValue(deposit.amount, AMOUNT_PLACES, 'amount');
  const warnings = moneyWarnings({ currency: deposit.currency, amountText: amount.toString() }, operator.currency);
  const bodyJson = JSON.stringify(deposit);
  return store.run(() => {
    const previous = store.deposit(operator.operatorId, deposit.transactionId);
    if (previous) {
      if (!sameBody(previous.body, deposit)) {
        throw refusal('DUPLICATE_TRANSACTION', `deposit "${deposit.transactionId}" was already accepted with a different body`);
      }
      return { ...(previous.response as Schemas['DepositAccepted']), duplicate: true, warnings };
    }
    const user = requireUser(store, operator, deposit.operatorUserId);
    const awards: Schemas['Award'][] = [];
    for (const campaign of store.campaignsMarkedActive(operator.operatorId, 'DEPOSIT')) {
      if (!isLive(campaign, now) || !store.isParticipant(campaign.id, user.id)) continue;
      const tokenUnits = toTokenUnits(depositAward(campaign, amount, operator.exchangeRate));
      if (tokenUnits <= 0) continue;
      store.award({
        operatorId: operator.operatorId,
        userId: user.id,
        campaignId: campaign.id,
        campaignType: 'DEPOSIT',
        source: `deposit:${deposit.transactionId}`,
        tokenUnits,
        createdAt: now,
      });
      announceMovement(store, operator, user.id, { type: 'BALANCE_CHANGE', transactionType: awardTransactionType('DEPOSIT', null), tokenUnits }, now);
      awards.push({ campaignId: campaign.id, tokenAmount: toWireNumber(fromTokenUnits(tokenUnits)) });
    }
    const response: Schemas['DepositAccepted'] = { status: 'OK', transactionId: deposit.transactionId, duplicate: false, awards };
    store.insertDeposit({
      operatorId: operator.operatorId,
      transactionId: deposit.transactionId,
      userId: user.id,
      amount,
      currency: deposit.currency,
      bodyJson,
      response,
      receivedAt: now,
    });
    return { ...response, warnings };
  });
}
