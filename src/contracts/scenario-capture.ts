/**
 * Runs scenario files with the scenario runner and keeps every call they caused: each step's own calls (the
 * operator's calls to Trueplay, control calls, direct calls to the wallet) and the signed calls the fake
 * Trueplay made to the wallet meanwhile (from the journal).
 */
import { relative } from 'node:path';
import { runScenarioFile, type ScenarioResult } from '../scenarios/run.js';
import type { RecordedCall } from '../scenarios/steps/types.js';
import type { JournalEntry } from '../store/journal-store.js';
import type { CaptureRun, CapturedCall } from './capture.js';
import { withStableExchangeIds } from './stable-ids.js';

/** Runs each file on its own in-process sandbox; a failing scenario stops generation (its calls would mislead). */
export async function captureScenarios(files: string[]): Promise<CaptureRun[]> {
  const runs: CaptureRun[] = [];
  for (const file of files) {
    const result = await runScenarioFile(file);
    if (!result.passed) throw new Error(`scenario ${file} failed, so no contract is written from it:\n${whyFailed(result)}`);
    runs.push(captureRun(relative(process.cwd(), file) || file, result));
  }
  return runs;
}

export function captureRun(name: string, result: ScenarioResult): CaptureRun {
  const calls: CapturedCall[] = [];
  for (const step of result.steps) {
    const origin = `${name}#${step.id ?? `${step.phase}-${step.number}`}`;
    for (const call of step.calls) calls.push(fromRecordedCall(origin, call));
    for (const entry of step.journal) {
      if (entry.direction === 'trueplay->operator' && entry.status !== null) calls.push(fromJournal(`${origin}/journal-${entry.id}`, entry));
    }
  }
  return withStableExchangeIds({ name, calls });
}

function fromRecordedCall(origin: string, { request, response }: RecordedCall): CapturedCall {
  const url = new URL(request.path, 'http://sandbox.invalid');
  return {
    origin,
    provider: request.side === 'wallet' ? 'operator' : 'trueplay',
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: lowerCaseKeys(request.headers),
    body: request.body ?? undefined,
    status: response.status,
    responseBody: response.body ?? undefined,
  };
}

function fromJournal(origin: string, entry: JournalEntry): CapturedCall {
  return {
    origin,
    provider: 'operator',
    method: entry.method,
    path: entry.path,
    query: {},
    headers: lowerCaseKeys(entry.requestHeaders),
    body: entry.requestBody ?? undefined,
    status: entry.status!,
    responseBody: entry.responseBody ?? undefined,
  };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function whyFailed(result: ScenarioResult): string {
  if (result.problems?.length) return result.problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`).join('\n');
  if (result.error) return `  ${result.error}`;
  const failed = result.steps.find((s) => s.status === 'failed');
  if (failed) return `  step ${failed.number} (${failed.title}): ${failed.failures.map((f) => JSON.stringify(f)).join('; ')}`;
  return `  server errors: ${result.serverErrors.join('\n')}`;
}
