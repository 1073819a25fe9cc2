/**
 * Severity is money risk, one rule for every check:
 * - critical: money moves wrongly, or a forged call is honoured;
 * - high: the documented flow breaks (a 5xx, a hang, a wrong status class, an answer Trueplay cannot use);
 * - medium: hardening that closes a door an attacker or a future sender could open (length limits, precision, byte-exact signatures);
 * - low: hardening that follows the reference's conventions (its error codes and exact statuses, strict types of fields a wallet need not read).
 * The first three are contract harms, the last two hardening: a check's basis and its harm must agree.
 */
import { SEVERITIES, type Basis, type Harm, type Severity } from './types.js';

const SEVERITY_OF: Record<Harm, Severity> = {
  'money-moves-wrongly': 'critical',
  'forged-call-honoured': 'critical',
  'flow-breaks': 'high',
  exposure: 'medium',
  convention: 'low',
};

const BASIS_OF: Record<Harm, Basis> = {
  'money-moves-wrongly': 'contract',
  'forged-call-honoured': 'contract',
  'flow-breaks': 'contract',
  exposure: 'hardening',
  convention: 'hardening',
};

export const severityOf = (harm: Harm): Severity => SEVERITY_OF[harm];
export const basisOfHarm = (harm: Harm): Basis => BASIS_OF[harm];

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}

/** The worst of the harms seen, by severity. */
export function worstHarm(harms: Iterable<Harm>): Harm | undefined {
  let worst: Harm | undefined;
  for (const harm of harms) if (worst === undefined || SEVERITIES.indexOf(severityOf(harm)) > SEVERITIES.indexOf(severityOf(worst))) worst = harm;
  return worst;
}
