import { describe, expect, it } from 'vitest';
import { createTerminalReporter } from '../../src/probe/report/terminal.js';
import { summaryLine, verdictOf, type FailPolicy } from '../../src/probe/verdict.js';
import type { Basis, Check, CheckResult, ProbeReport, Severity } from '../../src/probe/types.js';

const result = (id: string, basis: Basis, severity: Severity, passed: boolean): CheckResult => ({
  id, family: 'signature', title: `title of ${id}`, basis, basisReason: `the basis of ${id}`, severity, why: 'why', passed,
  reason: passed ? 'as expected' : `${id} broke`, problems: passed ? [] : [`${id} broke`], exchanges: [], durationMs: 1,
});
const checkOf = (r: CheckResult) => ({ id: r.id }) as Check;
const DEFAULT: FailPolicy = { failOn: 'low', strict: false };
const plainText = (written: string) => written.replace(/\r\x1b\[2K/g, '').replace(/\x1b\[[0-9;]*m/g, '');

describe('probe terminal output, --strict and --fail-on', () => {
  const results = [
    result('a.one', 'contract', 'critical', true),
    result('a.two', 'contract', 'high', false),
    result('a.three', 'hardening', 'medium', false),
    result('a.four', 'hardening', 'low', true),
  ];
  const report: ProbeReport = { target: {} as ProbeReport['target'], runId: 'r', startedAt: '2025-01-06T12:00:00.000Z', durationMs: 3, results };

  const run = (policy: FailPolicy, tty = true) => {
    let written = '';
    const reporter = createTerminalReporter({ isTTY: tty, columns: 160, write: (text: string) => (written += text) }, policy);
    results.forEach((r, i) => {
      reporter.onStart(checkOf(r), i, results.length);
      reporter.onResult(r, i, results.length);
    });
    reporter.summary(report, { html: '/tmp/r.html' });
    return written;
  };

  it('draws a progress bar on a terminal, clears it for each check line, and shows each check\'s basis and severity', () => {
    const written = run(DEFAULT);
    expect(written).toContain('░░░░'); // the bar before the first check
    expect(written).toContain('█'.repeat(6)); // a quarter done
    expect(written).toContain('\r\x1b[2K');
    const plain = plainText(written);
    expect(plain).toContain('PASS    contract   critical  a.one');
    expect(plain).toContain('FAIL    contract   high      a.two');
    expect(plain).toContain('↳ a.two broke');
    expect(plain).toContain('contract: the basis of a.two');
  });

  it('shows a failed hardening check as ADVICE, listed apart, and passes the run without --strict', () => {
    const plain = plainText(run(DEFAULT, false));
    expect(plain).toContain('ADVICE  hardening  medium    a.three');
    expect(plain).toContain('hardening: the basis of a.three');
    expect(plain).toContain('failed by severity: 1 high (the run fails on contract checks of low and above)');
    expect(plain).toContain('advice (hardening, does not fail the run; --strict counts it): a.three');
    expect(plain.trimEnd().split('\n').at(-1)).toBe('2 passed, 1 failed, 1 advice · FAILED: 1 of the contract checks of low and above failed');
  });

  it('with --strict counts hardening failures as failures', () => {
    const plain = plainText(run({ failOn: 'low', strict: true }, false));
    expect(plain).toContain('FAIL    hardening  medium    a.three');
    expect(plain).not.toContain('ADVICE');
    expect(plain).toContain('failed by severity: 1 high, 1 medium (the run fails on contract and hardening checks of low and above)');
    expect(plain.trimEnd().split('\n').at(-1)).toBe('2 passed, 2 failed · FAILED: 2 of the contract and hardening checks of low and above failed');
  });

  it('exits 0 when nothing counted failed, 1 for a contract failure, 3 for hardening failures alone under --strict', () => {
    expect(verdictOf(results, DEFAULT).exitCode).toBe(1);
    expect(verdictOf(results, { failOn: 'critical', strict: false }).exitCode).toBe(0);
    expect(summaryLine(results, { failOn: 'critical', strict: false })).toBe('2 passed, 1 failed, 1 advice · PASSED: no contract checks of critical and above failed (hardening is advice; --strict counts it)');
    const hardeningOnly = results.filter((r) => r.basis === 'hardening');
    expect(verdictOf(hardeningOnly, DEFAULT).exitCode).toBe(0);
    expect(verdictOf(hardeningOnly, { failOn: 'low', strict: true }).exitCode).toBe(3);
    // --fail-on keeps its meaning within the checks that count: the medium hardening failure is below high.
    expect(verdictOf(hardeningOnly, { failOn: 'high', strict: true }).exitCode).toBe(0);
  });

  it('keeps the whole bar line on a terminal that reports no width', () => {
    let written = '';
    const reporter = createTerminalReporter({ isTTY: true, columns: 0, write: (text: string) => (written += text) }, DEFAULT);
    reporter.onStart(checkOf(results[0]!), 0, results.length);
    expect(written).toContain(' 0/4 a.one');
  });
});
