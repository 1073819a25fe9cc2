/**
 * The recorder's promise, checked from the outside: a recording replayed on a fresh sandbox is green, and the
 * replay makes the same calls with the same answers (and warnings) as the session did (the journal of one equals the other's,
 * once the session's own volatile parts are set aside: loyalty link tokens, and the clock steps a session that
 * followed real time replays as explicit moves).
 */
import { expect } from 'vitest';
import { parseScenario } from '../../../src/scenarios/load.js';
import { journalToScenario, readSandboxSnapshot, renderScenario } from '../../../src/scenarios/record.js';
import { runScenario, type ScenarioResult } from '../../../src/scenarios/run.js';
import type { SandboxOptions } from '../../../src/sandbox.js';
import type { JournalEntry } from '../../../src/store/journal-store.js';

/** What must be the same in the session and its replay, one line per journaled call. */
export function journalShape(entries: JournalEntry[]): string[] {
  return entries
    .filter((e) => !(e.direction === 'control' && (e.path === '/sandbox/clock' || e.path === '/sandbox/reset' || e.path === '/sandbox/operators')))
    .filter((e) => e.path !== '/player-event')
    .map((e) => `${e.direction} ${e.server} ${e.method} ${e.path.replace(/^\/loyalty\/[^/]+/, '/loyalty/…')} → ${e.status ?? 'no answer'}${e.warnings.length > 0 ? ` warned ${e.warnings.map((w) => w.code).join(',')}` : ''}`);
}

export interface RoundTrip {
  text: string;
  replay: ScenarioResult;
}

/** Records the sandbox at `trueplayUrl`, replays the file on a fresh in-process sandbox and checks both promises. */
export async function expectRoundTrip(trueplayUrl: string, sandbox: Partial<SandboxOptions> = {}): Promise<RoundTrip> {
  const snapshot = await readSandboxSnapshot(trueplayUrl);
  const text = renderScenario(journalToScenario(snapshot));
  const replay = await runScenario(parseScenario(text, 'recorded.yaml'), { sandbox });
  const failures = replay.steps.filter((step) => step.status === 'failed').map((step) => [step.title, step.failures]);
  expect(failures, text).toEqual([]);
  expect(replay.passed, text).toBe(true);
  const replayed = replay.steps.filter((step) => step.phase === 'steps').flatMap((step) => step.journal);
  const firstCall = snapshot.journal.findIndex((e) => !(e.direction === 'control' && e.path === '/sandbox/reset'));
  expect(journalShape(replayed), text).toEqual(journalShape(snapshot.journal.slice(Math.max(firstCall, 0))));
  return { text, replay };
}
