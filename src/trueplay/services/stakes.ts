/** Hold to Earn: staking from the loyalty page, and the return of stakes whose period the sandbox clock has passed. */
import { randomUUID } from 'node:crypto';
import { STAKE_PERIOD_MS, assertStakeAllowed, stakeReward, type StakePeriod } from '../../domain/hold-to-earn.js';
import { fromTokenUnits, toTokenUnits } from '../../domain/money.js';
import type { OperatorRecord, TrueplayStore, UserRecord } from '../../store/trueplay-store.js';
import { announceMovement } from '../outbound/player-events.js';
import { requireTokenAmount } from './token-exchange.js';
import { stakeToWire, tokenBalanceOf, type Schemas } from '../wire.js';

export function stakeTokens(
  store: TrueplayStore,
  operator: OperatorRecord,
  user: UserRecord,
  request: Schemas['StakeRequest'],
  now: number,
): Schemas['StakeResult'] {
  const tokens = requireTokenAmount(request.tokenAmount);
  const period: StakePeriod = request.period;
  return store.run(() => {
    const current = store.userById(user.id)!;
    const staked = store.activeStakes(user.id).reduce((sum, stake) => sum + stake.tokenUnits, 0);
    assertStakeAllowed(tokens, fromTokenUnits(current.tokenUnits), fromTokenUnits(staked), operator.holdToEarn);
    const tokenUnits = toTokenUnits(tokens);
    const percent = operator.holdToEarn.periods[period];
    const stake = {
      id: randomUUID(),
      operatorId: operator.operatorId,
      userId: user.id,
      period,
      percent,
      tokenUnits,
      rewardUnits: toTokenUnits(stakeReward(tokens, percent)),
      stakedAt: now,
      endsAt: now + STAKE_PERIOD_MS[period],
    };
    if (!store.takeTokens(user.id, tokenUnits)) throw new Error('the balance changed inside the transaction');
    store.insertStake(stake);
    announceMovement(store, operator, user.id, { type: 'BALANCE_CHANGE', transactionType: 'STAKE', tokenUnits: -tokenUnits }, now);
    return { status: 'OK', stake: stakeToWire({ ...stake, returnedAt: null }), tokenBalance: tokenBalanceOf(store.userById(user.id)!) };
  });
}

/** Gives back, once, every stake whose period ended by `now`, with its reward; one HOLD_TO_EARN event each. */
export function returnDueStakes(store: TrueplayStore, now: number): number {
  return store.run(() => {
    let returned = 0;
    for (const stake of store.dueStakes(now)) {
      if (!store.returnStake(stake.id, now)) continue;
      store.addTokens(stake.userId, stake.tokenUnits + stake.rewardUnits);
      const operator = store.operatorById(stake.operatorId);
      if (operator) announceMovement(store, operator, stake.userId, { type: 'HOLD_TO_EARN', stakeUnits: stake.tokenUnits, rewardUnits: stake.rewardUnits }, now);
      returned += 1;
    }
    return returned;
  });
}
