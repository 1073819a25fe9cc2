/**
 * Pays cashback for every period that closed by `now`: GGR per user is summed in SQL (store.periodGgr) over the
 * transactions the rule counts, and converted to tokens by the domain. One transaction; each period paid once.
 * Periods that closed while a campaign did not pay (DRAFT, DEACTIVATED, stopped) are passed over, so run this
 * before changing a campaign's status: the periods closed until then are judged by the status they closed under.
 */
import { dueSpan, paysCashback } from '../../domain/campaigns.js';
import { cashbackTokens } from '../../domain/cashback.js';
import { Refusal } from '../../domain/errors.js';
import { Decimal, fromTokenUnits, toTokenUnits, toWireNumber } from '../../domain/money.js';
import { periodContaining, toIso, type CashbackPeriod, type Period } from '../../domain/time.js';
import type { TrueplayStore } from '../../store/trueplay-store.js';
import type { Schemas } from '../wire.js';
import { announceMovement } from '../outbound/player-events.js';
import { awardTransactionType } from '../../domain/player-events.js';

export function settleClosedPeriods(
  store: TrueplayStore,
  now: number,
): Schemas['Settlement'][] {
  const settlements = store.run(() => {
    const settled: Schemas['Settlement'][] = [];
    for (const campaign of store.cashbackCampaigns()) {
      const operator = store.operatorById(campaign.operatorId);
      if (!operator) continue;
      const percent = campaign.percent ?? new Decimal(0);
      const due = dueSpan(campaign, now);
      if (!due) continue;
      if (!paysCashback(campaign)) {
        store.setSettledThrough(campaign.id, due.end);
        continue;
      }
      // Only a period with counted play can pay. Those are settled one by one and each quiet stretch between them
      // is one entry, so the work and the answer follow the play, not the time: moving the clock from 2030 to 9999
      // used to settle (and list) some 2.9 million empty days per campaign, blocking both servers for a minute.
      const quiet = (start: number, end: number) => ({ campaignId: campaign.id, periodStart: toIso(start), periodEnd: toIso(end), awards: 0, tokenAmount: 0 });
      let settledUpTo = due.start;
      // The campaign counts play from its start to its end only, even in the periods it starts or ends within.
      const counts = (period: Period) => ({ from: Math.max(period.start, campaign.startsAt), to: Math.min(period.end, campaign.endsAt ?? period.end) });
      const counted = counts(due);
      for (const period of periodsWithPlay(store, operator.operatorId, counted.from, counted.to, due.kind)) {
        if (period.start > settledUpTo) settled.push(quiet(settledUpTo, period.start));
        let awards = 0;
        let tokenUnitsPaid = 0;
        const { from, to } = counts(period);
        for (const { userId, ggr } of store.periodGgr(operator.operatorId, from, to)) {
          let tokenUnits: number;
          try {
            tokenUnits = toTokenUnits(cashbackTokens(ggr, percent, operator.exchangeRate));
            if (tokenUnits <= 0) continue;
            const awarded = store.award({
              operatorId: operator.operatorId,
              userId,
              campaignId: campaign.id,
              campaignType: 'CASHBACK',
              source: `period:${toIso(period.start)}`,
              tokenUnits,
              createdAt: now,
            });
            if (!awarded) continue;
          } catch (error) {
            // Cashback that would take a balance past the token limit is not paid: there is no request to refuse.
            if (error instanceof Refusal && error.code === 'TOKEN_LIMIT_EXCEEDED') continue;
            throw error;
          }
          announceMovement(store, operator, userId, { type: 'BALANCE_CHANGE', transactionType: awardTransactionType('CASHBACK', campaign.period), tokenUnits }, now);
          awards += 1;
          tokenUnitsPaid += tokenUnits;
        }
        settled.push({
          campaignId: campaign.id,
          periodStart: toIso(period.start),
          periodEnd: toIso(period.end),
          awards,
          tokenAmount: toWireNumber(fromTokenUnits(tokenUnitsPaid)),
        });
        settledUpTo = period.end;
      }
      if (settledUpTo < due.end) settled.push(quiet(settledUpTo, due.end));
      store.setSettledThrough(campaign.id, due.end);
    }
    store.expireEndedCampaigns(now);
    return settled;
  });
  return settlements;
}

/**
 * The periods in [from, to) holding counted play, oldest first: each found with one index seek for the first play
 * at or after the end of the previous one, so the work follows the number of periods, not of transactions.
 */
function* periodsWithPlay(store: TrueplayStore, operatorId: number, from: number, to: number, kind: CashbackPeriod): Generator<Period> {
  let cursor = from;
  for (;;) {
    const next = store.firstCountedAt(operatorId, cursor, to);
    if (next === undefined) return;
    const period = periodContaining(next, kind);
    yield period;
    cursor = period.end;
  }
}
