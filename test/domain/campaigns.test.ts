/** Campaign rules in the pure domain: liveness, expiry, assignment against maxUsers, awards and due cashback periods. */
import { describe, expect, it } from 'vitest';
import {
  assertStatusChange,
  depositAward,
  duePeriods,
  fixedAward,
  hasRoom,
  isLive,
  paysCashback,
  planAssignment,
  statusAt,
  type Campaign,
} from '../../src/domain/campaigns.js';
import { Refusal } from '../../src/domain/errors.js';
import { REFUSAL_STATUS } from '../../src/http/errors.js';
import { Decimal } from '../../src/domain/money.js';

const MONDAY = Date.UTC(2030, 0, 7);
const DAY = 86_400_000;

function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 1,
    operatorId: 1,
    name: 'c',
    type: 'DEPOSIT',
    status: 'ACTIVE',
    tokens: null,
    percent: null,
    period: null,
    startsAt: MONDAY,
    endsAt: null,
    maxUsers: null,
    settledThrough: null,
    createdAt: MONDAY,
    ...overrides,
  };
}

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof Refusal) return `${REFUSAL_STATUS[error.code]} ${error.code}`;
    throw error;
  }
  return undefined;
}

describe('liveness and expiry', () => {
  it('is live only while ACTIVE and inside [startsAt, endsAt)', () => {
    const c = campaign({ endsAt: MONDAY + DAY });
    expect(isLive(c, MONDAY - 1)).toBe(false);
    expect(isLive(c, MONDAY)).toBe(true);
    expect(isLive(c, MONDAY + DAY - 1)).toBe(true);
    expect(isLive(c, MONDAY + DAY)).toBe(false);
    expect(isLive(campaign({ status: 'DRAFT' }), MONDAY)).toBe(false);
  });

  it('reads an ACTIVE campaign past its end date as EXPIRED', () => {
    const c = campaign({ endsAt: MONDAY + DAY });
    expect(statusAt(c, MONDAY)).toBe('ACTIVE');
    expect(statusAt(c, MONDAY + DAY)).toBe('EXPIRED');
    expect(statusAt(campaign({ status: 'DEACTIVATED', endsAt: MONDAY + DAY }), MONDAY + 2 * DAY)).toBe('DEACTIVATED');
  });

  it('lets every status move except out of DELETED', () => {
    expect(codeOf(() => assertStatusChange('EXPIRED', 'ACTIVE'))).toBeUndefined();
    expect(codeOf(() => assertStatusChange('DELETED', 'DELETED'))).toBeUndefined();
    expect(codeOf(() => assertStatusChange('DELETED', 'ACTIVE'))).toBe('409 INVALID_STATUS_TRANSITION');
  });
});

describe('planAssignment', () => {
  const nobody = () => false;

  it('adds up to maxUsers, refuses the rest and expires the campaign', () => {
    const plan = planAssignment(campaign({ maxUsers: 2 }), 0, ['a', 'b', 'c'], nobody, MONDAY);
    expect(plan).toEqual({ added: ['a', 'b'], alreadyPresent: [], refused: ['c'], expires: true });
  });

  it('expires when the last place is taken, even with nobody refused', () => {
    expect(planAssignment(campaign({ maxUsers: 2 }), 1, ['b'], nobody, MONDAY).expires).toBe(true);
    expect(planAssignment(campaign({ maxUsers: 3 }), 1, ['b'], nobody, MONDAY).expires).toBe(false);
  });

  it('counts a repeated id once and reports present users without using a place', () => {
    const plan = planAssignment(campaign({ maxUsers: 2 }), 1, ['x', 'a', 'a'], (id) => id === 'x', MONDAY);
    expect(plan).toEqual({ added: ['a'], alreadyPresent: ['x'], refused: [], expires: true });
  });

  it('refuses a campaign that is not live with 409 CAMPAIGN_NOT_ACTIVE', () => {
    expect(codeOf(() => planAssignment(campaign({ status: 'EXPIRED' }), 0, ['a'], nobody, MONDAY))).toBe('409 CAMPAIGN_NOT_ACTIVE');
    expect(codeOf(() => planAssignment(campaign({ endsAt: MONDAY + 1 }), 0, ['a'], nobody, MONDAY + 1))).toBe('409 CAMPAIGN_NOT_ACTIVE');
  });

  it('hasRoom follows maxUsers', () => {
    expect(hasRoom(campaign({ maxUsers: 1 }), 0)).toBe(true);
    expect(hasRoom(campaign({ maxUsers: 1 }), 1)).toBe(false);
    expect(hasRoom(campaign(), 10_000)).toBe(true);
  });
});

describe('awards', () => {
  it('a fixed award is the campaign tokens', () => {
    expect(fixedAward(campaign({ type: 'REGISTRATION', tokens: new Decimal('100.5') })).toString()).toBe('100.5');
  });

  it('a deposit award is fixed tokens, or percent of the deposit at the token rate, half-up to 2 places', () => {
    expect(depositAward(campaign({ tokens: new Decimal(20) }), new Decimal(200), new Decimal('0.5')).toString()).toBe('20');
    // 10 % of 200 USD = 20 USD; at 0.5 USD per token that is 40 tokens.
    expect(depositAward(campaign({ percent: new Decimal(10) }), new Decimal(200), new Decimal('0.5')).toString()).toBe('40');
    expect(depositAward(campaign({ percent: new Decimal(10) }), new Decimal('0.05'), new Decimal(1)).toString()).toBe('0.01');
  });
});

describe('duePeriods', () => {
  const cashback = (overrides: Partial<Campaign> = {}) => campaign({ type: 'CASHBACK', percent: new Decimal(10), period: 'DAILY', ...overrides });

  it('lists the closed, unpaid days from the one holding startsAt', () => {
    const due = duePeriods(cashback({ startsAt: MONDAY + 5000 }), MONDAY + 2 * DAY + 1);
    expect(due).toEqual([
      { start: MONDAY, end: MONDAY + DAY },
      { start: MONDAY + DAY, end: MONDAY + 2 * DAY },
    ]);
  });

  it('starts after what is already settled', () => {
    expect(duePeriods(cashback({ settledThrough: MONDAY + DAY }), MONDAY + 2 * DAY)).toEqual([{ start: MONDAY + DAY, end: MONDAY + 2 * DAY }]);
    expect(duePeriods(cashback({ settledThrough: MONDAY + 2 * DAY }), MONDAY + 2 * DAY)).toEqual([]);
  });

  it('weekly periods start on Monday even when the campaign starts mid-week', () => {
    const wednesday = MONDAY + 2 * DAY;
    const c = cashback({ period: 'WEEKLY', startsAt: wednesday });
    expect(duePeriods(c, MONDAY + 7 * DAY - 1)).toEqual([]);
    expect(duePeriods(c, MONDAY + 7 * DAY)).toEqual([{ start: MONDAY, end: MONDAY + 7 * DAY }]);
  });

  it('stops at the end date and ignores other types', () => {
    expect(duePeriods(cashback({ endsAt: MONDAY + DAY + 1 }), MONDAY + 5 * DAY)).toHaveLength(2);
    expect(duePeriods(campaign({ type: 'DEPOSIT' }), MONDAY + 5 * DAY)).toEqual([]);
  });

  it('lists periods whatever the status, except DELETED (passing them over is settled too)', () => {
    expect(duePeriods(cashback({ status: 'DRAFT' }), MONDAY + DAY)).toHaveLength(1);
    expect(duePeriods(cashback({ status: 'DELETED' }), MONDAY + DAY)).toEqual([]);
  });

  it('pays while ACTIVE, and after expiring by its end date; not when off or stopped', () => {
    expect(paysCashback(cashback())).toBe(true);
    expect(paysCashback(cashback({ status: 'EXPIRED', endsAt: MONDAY + DAY }))).toBe(true);
    expect(paysCashback(cashback({ status: 'EXPIRED' }))).toBe(false);
    expect(paysCashback(cashback({ status: 'DRAFT' }))).toBe(false);
    expect(paysCashback(cashback({ status: 'DEACTIVATED' }))).toBe(false);
  });
});
