/** Instants, cashback periods and ISO 8601 durations. Instants are epoch milliseconds (UTC); nothing here reads a clock. */
import { badRequest } from './errors.js';

export type CashbackPeriod = 'DAILY' | 'WEEKLY';

export interface Period {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

/** The UTC day, or the ISO week (Monday 00:00 UTC), that contains `instant`. */
export function periodContaining(instant: number, period: CashbackPeriod): Period {
  const dayStart = Math.floor(instant / DAY_MS) * DAY_MS;
  if (period === 'DAILY') return { start: dayStart, end: dayStart + DAY_MS };
  // 1970-01-01 was a Thursday: (weekday + 6) % 7 is the number of days since Monday.
  const weekday = new Date(dayStart).getUTCDay();
  const start = dayStart - ((weekday + 6) % 7) * DAY_MS;
  return { start, end: start + 7 * DAY_MS };
}

const DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds in a duration such as `P1D`, `PT1H`, `P1W` (weeks, days, hours, minutes, seconds only: months vary). */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text);
  if (!match) {
    throw badRequest('VALIDATION_ERROR', `"${text}" is not an ISO 8601 duration such as P1D, PT1H or P1W`, [
      { path: '/advance', message: 'expected weeks, days, hours, minutes or seconds' },
    ]);
  }
  const [, w, d, h, m, s] = match.map((part) => Number(part ?? 0));
  return ((((w! * 7 + d!) * 24 + h!) * 60 + m!) * 60 + s!) * 1000;
}

export const toIso = (instant: number): string => new Date(instant).toISOString();
