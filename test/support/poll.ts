/** Waits for a condition by polling it, up to a deadline: the only waiting the tests do (never a bare sleep). */
import { setTimeout as wait } from 'node:timers/promises';

export async function pollUntil<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, deadlineMs = 30_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${deadlineMs} ms`);
    await wait(everyMs);
  }
}
