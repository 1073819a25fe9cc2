/**
 * Pays cashback for every period that closed by `now`: GGR per user is summed in SQL (store.periodGgr) over the
 * transactions the rule counts, and converted to tokens by the domain. One transaction; each period paid once.
 * Periods that closed while a campaign did not pay (DRAFT, DEACTIVATED, stopped) are passed over, so run this
 * before changing a campaign's status: the periods closed until then are judged by the status they closed under.
 */
import { duePeriods, paysCashback } from '../../domain/campaigns.js';
import { cashbackTokens } from '../../domain/cashback.js';
import { Decimal, fromTokenUnits, toTokenUnits, toWireNumber } from '../../domain/money.js';
import { toIso } from '../../domain/time.js';
import type { OperatorRecord, TrueplayStore } from '../../store/trueplay-store.js';
import type { Schemas } from '../wire.js';

export function settleClosedPeriods(
  store: TrueplayStore,
  now: number,
  /** Told about each user paid, once the payments are committed (player events are sent from there). */
  onPaid: (operator: OperatorRecord, operatorUserId: string) => void = () => {},
): Schemas['Settlement'][] {
  const paid: [OperatorRecord, string][] = [];
  const settlements = store.transaction(() => {
    const settled: Schemas['Settlement'][] = [];
    for (const campaign of store.cashbackCampaigns()) {
      const operator = store.operatorById(campaign.operatorId);
      if (!operator) continue;
      const percent = campaign.percent ?? new Decimal(0);
      const due = duePeriods(campaign, now);
      if (due.length > 0 && !paysCashback(campaign)) {
        store.setSettledThrough(campaign.id, due[due.length - 1]!.end);
        continue;
      }
      for (const period of due) {
        let awards = 0;
        let tokenUnitsPaid = 0;
        // The campaign counts play from its start to its end only, even in the periods it starts or ends within.
        const from = Math.max(period.start, campaign.startsAt);
        const to = Math.min(period.end, campaign.endsAt ?? period.end);
        for (const { userId, ggr } of store.periodGgr(operator.operatorId, from, to)) {
          const tokenUnits = toTokenUnits(cashbackTokens(ggr, percent, operator.exchangeRate));
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
          paid.push([operator, store.userById(userId)!.operatorUserId]);
          awards += 1;
          tokenUnitsPaid += tokenUnits;
        }
        store.setSettledThrough(campaign.id, period.end);
        settled.push({
          campaignId: campaign.id,
          periodStart: toIso(period.start),
          periodEnd: toIso(period.end),
          awards,
          tokenAmount: toWireNumber(fromTokenUnits(tokenUnitsPaid)),
        });
      }
    }
    store.expireEndedCampaigns(now);
    return settled;
  });
  for (const [operator, operatorUserId] of paid) onPaid(operator, operatorUserId);
  return settlements;
}
