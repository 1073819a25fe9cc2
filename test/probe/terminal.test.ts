import { describe, expect, it } from 'vitest';
import { createTerminalReporter } from '../../src/probe/report/terminal.js';
import { failuresAtOrAbove } from '../../src/probe/severity.js';
import type { Check, CheckResult, ProbeReport, Severity } from '../../src/probe/types.js';

const result = (id: string, severity: Severity, passed: boolean): CheckResult => ({
  id, family: 'signature', title: `title of ${id}`, severity, why: 'why', passed,
  reason: passed ? 'as expected' : `${id} broke`, problems: passed ? [] : [`${id} broke`], exchanges: [], durationMs: 1,
});
const checkOf = (r: CheckResult) => ({ id: r.id }) as Check;

describe('probe terminal output and --fail-on', () => {
  const results = [result('a.one', 'critical', true), result('a.two', 'medium', false), result('a.three', 'low', false)];
  const report: ProbeReport = { target: {} as ProbeReport['target'], runId: 'r', startedAt: '2025-01-06T12:00:00.000Z', durationMs: 3, results };

  it('draws a progress bar on a terminal, clears it for each check line, and closes with N passed, N failed', () => {
    let written = '';
    const reporter = createTerminalReporter({ isTTY: true, columns: 120, write: (text: string) => (written += text) });
    results.forEach((r, i) => {
      reporter.onStart(checkOf(r), i, results.length);
      reporter.onResult(r, i, results.length);
    });
    reporter.summary(report, { html: '/tmp/r.html' }, 'low');
    expect(written).toContain('░░░░'); // the bar before the first check
    expect(written).toContain('█'.repeat(8)); // a third done
    expect(written).toContain('\r\x1b[2K');
    const plain = written.replace(/\r\x1b\[2K/g, '').replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain).toContain('FAIL  medium    a.two');
    expect(plain).toContain('↳ a.two broke');
    expect(plain).toContain('failed by severity: 1 medium, 1 low (the run fails on low and above)');
    expect(plain.trimEnd().split('\n').at(-1)).toBe('1 passed, 2 failed');
  });

  it('keeps the whole bar line on a terminal that reports no width', () => {
    let written = '';
    const reporter = createTerminalReporter({ isTTY: true, columns: 0, write: (text: string) => (written += text) });
    reporter.onStart(checkOf(results[0]!), 0, results.length);
    expect(written).toContain(' 0/3 a.one');
  });

  it('fails the run only for failures at or above the threshold', () => {
    expect(failuresAtOrAbove(results, 'low').map((r) => r.id)).toEqual(['a.two', 'a.three']);
    expect(failuresAtOrAbove(results, 'medium').map((r) => r.id)).toEqual(['a.two']);
    expect(failuresAtOrAbove(results, 'high')).toEqual([]);
  });
});
