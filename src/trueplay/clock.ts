/**
 * The sandbox clock: real time until a test sets or advances it, then frozen at that instant so runs are
 * repeatable. Kept in the database so a restarted sandbox (or a crash) finds the same time. It may move to any
 * instant, past or future, except before the newest stored game data (domain/time.ts checkClockMove).
 */
import { refusal } from '../domain/errors.js';
import { MAX_INSTANT, checkClockMove, isRepresentable, parseDuration, toIso } from '../domain/time.js';
import type { TrueplayStore } from '../store/trueplay-store.js';

const FROZEN_AT = 'clock.frozenAt';

export function createSandboxClock(store: TrueplayStore, realNow: () => number = Date.now) {
  let frozenAt: number | null = null;
  const load = () => {
    const stored = store.setting(FROZEN_AT);
    frozenAt = stored === undefined || stored === '' || Number.isNaN(Number(stored)) ? null : Number(stored);
  };
  load();

  function freeze(instant: number | null) {
    frozenAt = instant;
    if (instant === null) store.putSetting(FROZEN_AT, '');
    else store.putSetting(FROZEN_AT, String(instant));
  }

  return {
    now: (): number => frozenAt ?? realNow(),
    /** Reads the clock from the database again, after its rows were put back (a provider-state teardown). */
    reload: load,
    isFrozen: () => frozenAt !== null,
    /** Moves to `instant` and freezes there; refused before the newest stored game data. */
    set(instant: number): number {
      if (!isRepresentable(instant)) {
        throw refusal('VALIDATION_ERROR', `the clock cannot move past ${toIso(MAX_INSTANT)}`, [
          { path: '/body', message: 'the resulting time must be at most 9999-12-31T23:59:59.999Z' },
        ]);
      }
      checkClockMove(instant, store.latestEventAt());
      freeze(instant);
      return instant;
    },
    advance(duration: string): number {
      return this.set((frozenAt ?? realNow()) + parseDuration(duration));
    },
    /** Back to real time (after a reset, or when asked); refused if real time is before the newest stored game data. */
    followRealTime(force = false): number {
      if (!force) checkClockMove(realNow(), store.latestEventAt(), 'real time');
      freeze(null);
      return realNow();
    },
  };
}

export type SandboxClock = ReturnType<typeof createSandboxClock>;
