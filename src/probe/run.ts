/**
 * Runs the checks one after another (so the concurrency checks measure the service, not the probe's own load),
 * each on players of its own, and turns what each saw into a result.
 */
import { randomBytes } from 'node:crypto';
import { checksFor } from './checks/index.js';
import { CheckContext, CheckFailed } from './context.js';
import { severityOf, worstHarm } from './severity.js';
import type { Check, CheckResult, ProbeReport, ProbeTarget } from './types.js';

export interface RunOptions {
  checks?: readonly Check[];
  /** Called before each check and after it, for progress output. */
  onStart?: (check: Check, index: number, total: number) => void;
  onResult?: (result: CheckResult, index: number, total: number) => void;
  now?: () => Date;
}

/** Short and random, so a re-run against the same long-lived wallet never meets its own players. */
export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

export async function runCheck(check: Check, target: ProbeTarget, idPrefix: string): Promise<CheckResult> {
  const ctx = new CheckContext(target, idPrefix, check.harm);
  const started = performance.now();
  try {
    await check.run(ctx);
  } catch (error) {
    if (!(error instanceof CheckFailed)) ctx.expect(false, `the probe could not finish this check: ${(error as Error).stack ?? String(error)}`);
  }
  const passed = ctx.problems.length === 0;
  // A contract check that failed is as severe as the worst harm it saw; a hardening finding stays at its check's level.
  const harm = passed || check.basis === 'hardening' ? check.harm : (worstHarm(ctx.harms) ?? check.harm);
  return {
    id: check.id,
    family: check.family,
    title: check.title,
    basis: check.basis,
    basisReason: check.basisReason,
    severity: severityOf(harm),
    why: check.why,
    passed,
    reason: passed ? `as expected (${ctx.exchanges.filter((e) => e.purpose !== 'setup').length} calls)` : ctx.problems.join('\n'),
    problems: [...ctx.problems],
    exchanges: ctx.exchanges,
    durationMs: Math.round(performance.now() - started),
  };
}

export async function runProbe(target: ProbeTarget, options: RunOptions = {}): Promise<ProbeReport> {
  const checks = checksFor(target, options.checks);
  const runId = newRunId();
  const startedAt = (options.now ?? (() => new Date()))().toISOString();
  const started = performance.now();
  const results: CheckResult[] = [];
  for (const [index, check] of checks.entries()) {
    options.onStart?.(check, index, checks.length);
    const result = await runCheck(check, target, `probe-${runId}-${check.id.replace(/\W+/g, '-')}`);
    results.push(result);
    options.onResult?.(result, index, checks.length);
  }
  const { secret: _secret, ...visibleTarget } = target;
  return { target: visibleTarget, runId, startedAt, durationMs: Math.round(performance.now() - started), results };
}
