/** The probe's terminal output: a progress bar on a TTY, one line per check, the failures' reasons, and a closing count. */
import type { Check, CheckResult, ProbeReport, Severity } from '../types.js';
import { SEVERITIES } from '../types.js';

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const BAR_WIDTH = 24;

export function createTerminalReporter(out: Output) {
  const tty = Boolean(out.isTTY);
  const paint = (code: string, text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
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
      out.write(`${resultLine(result, paint)}\n`);
      if (!result.passed) {
        for (const problem of result.problems) out.write(`${paint('31', '        ↳')} ${oneLine(problem, width() - 10)}\n`);
      }
      if (index + 1 < total) drawBar(index + 1, total, '');
    },
    summary(report: ProbeReport, files: { html?: string; junit?: string }, failOn: Severity) {
      clearBar();
      const passed = report.results.filter((r) => r.passed).length;
      const failed = report.results.length - passed;
      out.write('\n');
      if (failed > 0) {
        const bySeverity = [...SEVERITIES].reverse().map((s) => [s, report.results.filter((r) => !r.passed && r.severity === s).length] as const).filter(([, n]) => n > 0);
        out.write(`failed by severity: ${bySeverity.map(([s, n]) => `${n} ${s}`).join(', ')} (the run fails on ${failOn} and above)\n`);
      }
      if (files.html) out.write(`HTML report: ${files.html}\n`);
      if (files.junit) out.write(`JUnit XML:   ${files.junit}\n`);
      out.write(`${passed} passed, ${failed} failed\n`);
    },
  };
}

function resultLine(result: CheckResult, paint: (code: string, text: string) => string): string {
  const verdict = result.passed ? paint('32', 'PASS') : paint('1;31', 'FAIL');
  const severity = result.severity.padEnd(8);
  return `${verdict}  ${paint(result.severity === 'critical' || result.severity === 'high' ? '33' : '2', severity)}  ${result.id.padEnd(34)} ${result.title}`;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max && max > 20 ? `${flat.slice(0, max - 1)}…` : flat;
}
