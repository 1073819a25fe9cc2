/**
 * The sandbox clock: real time until a test sets or advances it, then frozen at that instant so runs are
 * repeatable. Kept in the database so a restarted sandbox (or a crash) finds the same time.
 */
import { badRequest } from '../domain/errors.js';
import { MAX_INSTANT, isRepresentable, parseDuration, toIso } from '../domain/time.js';
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
    /** Moves to `instant` and freezes there. Going back is refused: closed periods are already paid. */
    set(instant: number): number {
      if (!isRepresentable(instant)) {
        throw badRequest('VALIDATION_ERROR', `the clock cannot move past ${toIso(MAX_INSTANT)}`, [
          { path: '/body', message: 'the resulting time must be at most 9999-12-31T23:59:59.999Z' },
        ]);
      }
      const current = frozenAt ?? realNow();
      if (instant < current) {
        throw badRequest('CLOCK_BACKWARDS', `the clock is at ${toIso(current)}; it cannot move back to ${toIso(instant)}`);
      }
      freeze(instant);
      return instant;
    },
    advance(duration: string): number {
      return this.set((frozenAt ?? realNow()) + parseDuration(duration));
    },
    /** Back to real time (after a reset, or when asked); refused if real time is behind the frozen clock. */
    followRealTime(force = false): number {
      if (!force && frozenAt !== null && realNow() < frozenAt) {
        throw badRequest('CLOCK_BACKWARDS', `real time is behind the sandbox clock (${toIso(frozenAt)})`);
      }
      freeze(null);
      return realNow();
    },
  };
}

export type SandboxClock = ReturnType<typeof createSandboxClock>;
