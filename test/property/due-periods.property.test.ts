/**
 * dueSpan computes where the due cashback periods start and end without walking them; this holds it to the walk
 * it replaced (period after period while it ends by `now` and starts before the campaign's end), for any start,
 * settled-through point, end date, period kind and clock.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueSpan, duePeriods, type Campaign } from '../../src/domain/campaigns.js';
import { periodContaining, type Period } from '../../src/domain/time.js';

const SEED = Number(process.env.PROPERTY_SEED ?? 8);
const DAY = 86_400_000;
const BASE = Date.UTC(2025, 11, 30);
const instant = fc.integer({ min: BASE, max: BASE + 120 * DAY });

function walked(campaign: Campaign, now: number): Period[] {
  const kind = campaign.period ?? 'DAILY';
  const periods: Period[] = [];
  let period = periodContaining(campaign.settledThrough ?? campaign.startsAt, kind);
  while (period.end <= now && (campaign.endsAt === null || period.start < campaign.endsAt)) {
    periods.push(period);
    period = periodContaining(period.end, kind);
  }
  return periods;
}

describe('due cashback periods', () => {
  it('dueSpan spans exactly the periods the step-by-step walk finds, and duePeriods lists them', () => {
    fc.assert(
      fc.property(
        instant,
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
        fc.option(fc.integer({ min: 1, max: 100 * DAY }), { nil: null }),
        fc.constantFrom('DAILY' as const, 'WEEKLY' as const),
        instant,
        (startsAt, settledPeriods, length, period, now) => {
          const first = periodContaining(startsAt, period);
          const settledThrough = settledPeriods === null ? null : first.end + settledPeriods * (period === 'DAILY' ? DAY : 7 * DAY);
          const campaign: Campaign = {
            id: 1, operatorId: 1, name: 'c', type: 'CASHBACK', status: 'ACTIVE', tokens: null, percent: null, period,
            startsAt, endsAt: length === null ? null : startsAt + length, maxUsers: null, settledThrough, createdAt: startsAt,
          };
          const expected = walked(campaign, now);
          const span = dueSpan(campaign, now);
          expect(span === null ? null : { start: span.start, end: span.end }).toEqual(
            expected.length === 0 ? null : { start: expected[0]!.start, end: expected[expected.length - 1]!.end },
          );
          expect(duePeriods(campaign, now)).toEqual(expected);
        },
      ),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
