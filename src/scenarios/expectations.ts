/** Checks a step's `expect` block against what came back: status, body subset, text, balances, journal entries. */
import type { JournalEntry } from '../store/journal-store.js';
import { matchSubset, show } from './matching.js';
import type { Expectation, JournalExpectation } from './schema.js';
import type { RecordedCall } from './steps/types.js';

export interface Failure {
  /** Which expectation, e.g. `status`, `body.awards[0].tokenAmount`, `tokenBalance of p1`, `journal[0]`. */
  expectation: string;
  expected: unknown;
  actual: unknown;
  message: string;
}

export interface Probes {
  /** The player's token balance at Trueplay, or null when there is no such user (404). */
  tokenBalance(operatorUserId: string): Promise<{ status: number; value: unknown }>;
  /** The player's casino balance in the wallet, or null when there is no such player (404). */
  casinoBalance(operatorUserId: string): Promise<{ status: number; value: unknown }>;
}

export async function checkExpectations(
  expect: Expectation,
  response: RecordedCall['response'],
  journal: { step: JournalEntry[]; scenario: JournalEntry[] },
  probes: Probes,
): Promise<Failure[]> {
  const failures: Failure[] = [];
  const status = expect.status ?? '2xx';
  if (!statusMatches(status, response.status)) {
    failures.push({ expectation: 'status', expected: status, actual: response.status, message: `status is ${response.status}, expected ${typeof status === 'string' ? status : show(status)}${errorHint(response.body)}` });
  }
  if (expect.body !== undefined) {
    failures.push(...matchSubset(expect.body, response.body, 'body').map((m) => ({ expectation: m.path, expected: m.expected, actual: m.actual, message: m.message })));
  }
  if (expect.text !== undefined && !response.text.includes(expect.text)) {
    failures.push({ expectation: 'text', expected: expect.text, actual: response.text.slice(0, 500), message: `the response does not contain ${show(expect.text)}` });
  }
  for (const [label, probe] of [['tokenBalance', probes.tokenBalance], ['casinoBalance', probes.casinoBalance]] as const) {
    for (const [user, expected] of Object.entries(expect[label] ?? {})) {
      const { status: probeStatus, value } = await probe(user);
      const actual = probeStatus === 404 ? null : value;
      const same = expected === null ? actual === null : typeof actual === 'number' && actual === Number(expected);
      if (!same) {
        const what = `${label} of ${user}`;
        const said = probeStatus === 404 ? 'there is no such player' : probeStatus !== 200 ? `the probe answered ${probeStatus}` : `it is ${show(actual)}`;
        failures.push({ expectation: what, expected, actual, message: `${what}: ${said}, expected ${expected === null ? 'no such player' : show(expected)}` });
      }
    }
  }
  if (expect.warnings !== undefined) {
    const actual = [...new Set(journal.step.flatMap((entry) => (entry.warnings ?? []).map((w) => w.code)))].sort();
    const expected = [...new Set(expect.warnings)].sort();
    if (actual.join() !== expected.join()) {
      const said = journal.step.flatMap((entry) => (entry.warnings ?? []).map((w) => `${w.code}: ${w.message}`));
      failures.push({
        expectation: 'warnings',
        expected,
        actual,
        message: `the step's calls were accepted with ${actual.length === 0 ? 'no warnings' : `warnings ${said.join('; ')}`}, expected ${expected.length === 0 ? 'none' : expected.join(', ')}`,
      });
    }
  }
  (expect.journal ?? []).forEach((wanted, index) => {
    const entries = wanted.scope === 'scenario' ? journal.scenario : journal.step;
    const matching = entries.filter((entry) => journalEntryMatches(wanted, entry));
    const count = wanted.count === undefined || typeof wanted.count === 'object' ? wanted.count : Number(wanted.count);
    const ok = count === undefined ? matching.length > 0
      : typeof count === 'object' ? matchSubset(count, matching.length, 'count').length === 0 : matching.length === count;
    if (!ok) {
      const { scope, count: _count, ...filter } = wanted;
      failures.push({
        expectation: `journal[${index}]`,
        expected: wanted,
        actual: entries.map(summarizeEntry),
        message: `journal[${index}]: ${matching.length} ${scope === 'scenario' ? 'entries of the run' : "of this step's entries"} match ${show(filter)}, expected ${count === undefined ? 'at least 1' : show(count)}`,
      });
    }
  });
  return failures;
}

function statusMatches(expected: NonNullable<Expectation['status']>, actual: number): boolean {
  if (typeof expected === 'number') return actual === expected;
  if (Array.isArray(expected)) return expected.includes(actual);
  return String(actual)[0] === expected[0];
}

const errorHint = (body: unknown) => {
  const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
  return error?.code ? ` (${error.code}: ${error.message ?? ''})` : '';
};

export function journalEntryMatches(wanted: JournalExpectation, entry: JournalEntry): boolean {
  if (wanted.direction && entry.direction !== wanted.direction) return false;
  if (wanted.method && entry.method.toUpperCase() !== wanted.method.toUpperCase()) return false;
  if (wanted.path !== undefined && !pathMatches(wanted.path, entry.path)) return false;
  if (wanted.status !== undefined && entry.status !== wanted.status) return false;
  if (wanted.requestBody !== undefined && matchSubset(wanted.requestBody, entry.requestBody, 'requestBody').length > 0) return false;
  if (wanted.responseBody !== undefined && matchSubset(wanted.responseBody, entry.responseBody, 'responseBody').length > 0) return false;
  return true;
}

/** `*` is any run of characters but `/`, `**` anything; the query string counts only when the pattern has one. */
export function pathMatches(pattern: string, path: string): boolean {
  const subject = pattern.includes('?') ? path : path.split('?')[0]!;
  const regex = pattern
    .split('**')
    .map((part) => part.split('*').map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${regex}$`).test(subject);
}

export function summarizeEntry(entry: JournalEntry): string {
  return `#${entry.id} ${entry.direction} ${entry.method} ${entry.path} → ${entry.status ?? 'no answer'}`;
}
