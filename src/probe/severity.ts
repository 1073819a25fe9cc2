/** Severity order and the --fail-on rule: the run fails when any check at or above the threshold failed. */
import { SEVERITIES, type CheckResult, type Severity } from './types.js';

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}

export function failuresAtOrAbove(results: CheckResult[], threshold: Severity): CheckResult[] {
  return results.filter((r) => !r.passed && atOrAbove(r.severity, threshold));
}
