/**
 * What fails the run: contract checks always count, hardening checks only with --strict (otherwise their findings
 * are advice); --fail-on then keeps, among the checks that count, those at or above its severity.
 */
import { atOrAbove } from './severity.js';
import type { CheckResult, Severity } from './types.js';

export interface FailPolicy {
  failOn: Severity;
  strict: boolean;
}

/** Exit codes: 0 nothing counted failed, 1 a contract check did, 3 only hardening checks did (under --strict). 2 is the preflight's. */
export const EXIT = { passed: 0, contractFailed: 1, cannotStart: 2, hardeningFailed: 3 } as const;

/** A failed hardening check in a run that is not --strict: shown as advice, never as a failure. */
export const isAdvice = (result: CheckResult, policy: FailPolicy): boolean => !result.passed && result.basis === 'hardening' && !policy.strict;

export interface Verdict {
  /** Failed checks that count as failures (contract ones, and hardening ones under --strict), whatever their severity. */
  failed: CheckResult[];
  /** Failed hardening checks shown as advice. */
  advice: CheckResult[];
  /** The failures that fail the run: those of `failed` at or above --fail-on. */
  failing: CheckResult[];
  exitCode: number;
  /** Which checks count, in a few words: "contract checks of low and above", "contract and hardening checks of high and above". */
  counts: string;
}

export function verdictOf(results: readonly CheckResult[], policy: FailPolicy): Verdict {
  const failed = results.filter((r) => !r.passed && !isAdvice(r, policy));
  const advice = results.filter((r) => isAdvice(r, policy));
  const failing = failed.filter((r) => atOrAbove(r.severity, policy.failOn));
  const exitCode = failing.length === 0 ? EXIT.passed : failing.some((r) => r.basis === 'contract') ? EXIT.contractFailed : EXIT.hardeningFailed;
  const counts = `${policy.strict ? 'contract and hardening' : 'contract'} checks of ${policy.failOn} and above`;
  return { failed, advice, failing, exitCode, counts };
}

/** The closing line of every report: the counts, then whether the run passed and on what. */
export function summaryLine(results: readonly CheckResult[], policy: FailPolicy): string {
  const verdict = verdictOf(results, policy);
  const passed = results.filter((r) => r.passed).length;
  const counts = `${passed} passed, ${verdict.failed.length} failed${policy.strict ? '' : `, ${verdict.advice.length} advice`}`;
  const outcome = verdict.failing.length === 0
    ? `PASSED: no ${verdict.counts} failed${policy.strict ? '' : ' (hardening is advice; --strict counts it)'}`
    : `FAILED: ${verdict.failing.length} of the ${verdict.counts} failed`;
  return `${counts} · ${outcome}`;
}
