/**
 * The probe's terminal output: a progress bar on a TTY, one line per check with its basis and severity, the reasons
 * of failures and of advice (hardening findings, set apart), and a closing line that says what counted.
 */
import { wantsColor } from '../../cli/color.js';
import type { Check, CheckResult, ProbeReport } from '../types.js';
import { SEVERITIES } from '../types.js';
import { isAdvice, summaryLine, verdictOf, type FailPolicy } from '../verdict.js';

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const BAR_WIDTH = 24;

/** `color`: whether to paint (default: the command line's rule, src/cli/color.ts); the progress bar needs a terminal. */
export function createTerminalReporter(out: Output, policy: FailPolicy, color = wantsColor(out)) {
  const tty = Boolean(out.isTTY);
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  // Without a terminal (CI logs) lines may be long: only a TTY's width cuts them.
  const width = () => (tty ? out.columns || 100 : 320);
  let barShown = false;

  const clearBar = () => {
    if (barShown) out.write('\r\x1b[2K');
    barShown = false;
  };
  const drawBar = (done: number, total: number, current: string) => {
    if (!tty) return;
    const filled = Math.round((done / Math.max(total, 1)) * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const line = `${bar} ${done}/${total} ${current}`;
    clearBar();
    out.write(paint('2', line.slice(0, width() - 1)));
    barShown = true;
  };

  return {
    onStart(check: Check, index: number, total: number) {
      drawBar(index, total, check.id);
    },
    onResult(result: CheckResult, index: number, total: number) {
      clearBar();
      const advice = isAdvice(result, policy);
      out.write(`${resultLine(result, advice, paint)}\n`);
      if (!result.passed) {
        const colour = advice ? '33' : '31';
        for (const problem of result.problems) out.write(`${paint(colour, '        ↳')} ${oneLine(problem, width() - 10)}\n`);
        out.write(`${paint('2', `        ${result.basis}: ${oneLine(result.basisReason, width() - 20)}`)}\n`);
      }
      if (index + 1 < total) drawBar(index + 1, total, '');
    },
    summary(report: ProbeReport, files: { html?: string; junit?: string }) {
      clearBar();
      const verdict = verdictOf(report.results, policy);
      out.write('\n');
      if (verdict.failed.length > 0) {
        const bySeverity = [...SEVERITIES].reverse().map((s) => [s, verdict.failed.filter((r) => r.severity === s).length] as const).filter(([, n]) => n > 0);
        out.write(`failed by severity: ${bySeverity.map(([s, n]) => `${n} ${s}`).join(', ')} (the run fails on ${verdict.counts})\n`);
      }
      if (verdict.advice.length > 0) {
        out.write(`${paint('33', 'advice')} (hardening, does not fail the run; --strict counts it): ${verdict.advice.map((r) => r.id).join(', ')}\n`);
      }
      if (files.html) out.write(`HTML report: ${files.html}\n`);
      if (files.junit) out.write(`JUnit XML:   ${files.junit}\n`);
      out.write(`${summaryLine(report.results, policy)}\n`);
    },
  };
}

/** `PASS  contract   critical  id  title`; a hardening finding outside --strict reads ADVICE, not FAIL. */
function resultLine(result: CheckResult, advice: boolean, paint: (code: string, text: string) => string): string {
  const verdict = result.passed ? paint('32', 'PASS  ') : advice ? paint('33', 'ADVICE') : paint('1;31', 'FAIL  ');
  const severity = result.severity.padEnd(8);
  const basis = result.basis.padEnd(9);
  return `${verdict}  ${paint(result.basis === 'contract' ? '1' : '2', basis)}  ${paint(result.severity === 'critical' || result.severity === 'high' ? '33' : '2', severity)}  ${result.id.padEnd(34)} ${result.title}`;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max && max > 20 ? `${flat.slice(0, max - 1)}…` : flat;
}
