/** Instants, cashback periods and ISO 8601 durations. Instants are epoch milliseconds (UTC); nothing here reads a clock. */
import { refusal } from './errors.js';

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
    throw refusal('VALIDATION_ERROR', `"${text}" is not an ISO 8601 duration such as P1D, PT1H or P1W`, [
      { field: 'advance', message: 'expected weeks, days, hours, minutes or seconds' },
    ]);
  }
  const [, w, d, h, m, s] = match.map((part) => Number(part ?? 0));
  return ((((w! * 7 + d!) * 24 + h!) * 60 + m!) * 60 + s!) * 1000;
}

export const toIso = (instant: number): string => new Date(instant).toISOString();

/** The last instant an ISO 8601 date-time with a four-digit year can name; later instants cannot be written back. */
export const MAX_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Whether an instant can be stored and written back as a contract Timestamp. */
export const isRepresentable = (instant: number): boolean => Number.isFinite(instant) && instant <= MAX_INSTANT;

/**
 * Epoch milliseconds of a contract Timestamp. The schema's date-time format admits an hours-only offset
 * (+01), which Date.parse does not read, and leap seconds (23:59:60), which JavaScript cannot represent:
 * the first is completed, the second refused, rather than either becoming NaN.
 */
export function parseTimestamp(text: string, field: string): number {
  const instant = Date.parse(text.replace(/([+-]\d\d)$/, '$1:00'));
  if (!isRepresentable(instant)) {
    throw refusal('VALIDATION_ERROR', `"${text}" is not a time the sandbox can represent`, [
      { field, message: 'must be an ISO 8601 time without a leap second, up to 9999-12-31T23:59:59.999Z' },
    ]);
  }
  return instant;
}

/**
 * The clock rule: the sandbox clock may go anywhere, except before the newest stored game data (`latestEvent`,
 * null when there is none), so stored history never lies in the future. A refusal names the earliest instant
 * allowed and how to lift it; `what` says where the time came from (e.g. "real time").
 */
export function checkClockMove(instant: number, latestEvent: number | null, what = 'the clock'): void {
  if (latestEvent === null || instant >= latestEvent) return;
  throw refusal(
    'CLOCK_BACKWARDS',
    `${what} cannot move to ${toIso(instant)}: stored game data goes up to ${toIso(latestEvent)}, the earliest instant allowed; ` +
      'POST /sandbox/reset (which empties the sandbox) lifts the limit',
    [{ message: `must be at or after ${toIso(latestEvent)}` }],
  );
}
