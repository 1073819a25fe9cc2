/**
 * The readable report: one block per scenario file (steps with ✓/✗, and for a failure the expectation, the expected
 * and actual values and the journal around it), a live progress line on a terminal, and the closing
 * `N passed, N failed` line (counting files).
 */
import { styleText } from 'node:util';
import type { JournalEntry } from '../../store/journal-store.js';
import { displayPath } from '../discover.js';
import { formatProblem } from '../load.js';
import { show } from '../matching.js';
import type { ProgressEvent, ScenarioResult, StepResult } from '../run.js';

type Style = Parameters<typeof styleText>[0];

export interface TextReporterOptions {
  write: (text: string) => void;
  /** Where the live progress line goes (a TTY), or nothing. */
  progress?: { write: (text: string) => void } | null;
  color?: boolean;
  /** Print every step's request and response, not only for failures. */
  verbose?: boolean;
}

export class TextReporter {
  private readonly paint: (style: Style, text: string) => string;
  private progressShown = false;

  constructor(private readonly options: TextReporterOptions) {
    this.paint = options.color ? (style, text) => styleText(style, text) : (_style, text) => text;
  }

  progress(event: ProgressEvent, fileIndex: number, totalFiles: number): void {
    if (!this.options.progress || event.type !== 'step-start') return;
    const where = event.phase === 'setup' ? `setup ${event.number}/${event.total}` : `step ${event.number}/${event.total}`;
    const line = `[${fileIndex + 1}/${totalFiles}] ${displayPath(event.file)} · ${where}: ${event.title}`;
    const width = process.stderr.columns || 120;
    this.options.progress.write(`\r\x1b[2K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`);
    this.progressShown = true;
  }

  private clearProgress(): void {
    if (this.progressShown) this.options.progress?.write('\r\x1b[2K');
    this.progressShown = false;
  }

  scenario(result: ScenarioResult): void {
    this.clearProgress();
    const lines: string[] = [];
    const mark = result.passed ? this.paint('green', 'PASS') : this.paint('red', 'FAIL');
    lines.push(`${mark} ${displayPath(result.file)}${result.name !== result.file ? ` — ${result.name}` : ''}`);
    for (const problem of result.problems ?? []) lines.push(`  ${this.paint('red', formatProblem({ ...problem, file: displayPath(problem.file) }))}`);
    if (result.error) lines.push(`  ${this.paint('red', result.error)}`);
    for (const step of result.steps) lines.push(...this.step(step));
    for (const error of result.serverErrors) lines.push(`  ${this.paint('red', 'server error:')} ${error.split('\n').slice(0, 6).join('\n    ')}`);
    if (!result.passed && result.seed !== undefined) lines.push(this.paint('dim', `  (faker seed ${result.seed})`));
    this.options.write(`${lines.join('\n')}\n`);
  }

  private step(step: StepResult): string[] {
    const label = `${step.phase === 'setup' ? 'setup' : String(step.number).padStart(3)}`;
    const name = step.name ? `${step.name} ${this.paint('dim', `(${step.title})`)}` : step.title;
    const status = step.response ? ` → ${step.response.status}` : '';
    if (step.status === 'skipped') return [this.paint('dim', `  -  ${label} ${step.name ?? step.title} (skipped)`)];
    if (step.status === 'passed') {
      const line = `  ${this.paint('green', '✓')}  ${label} ${name}${this.paint('dim', `${status} ${Math.round(step.durationMs)} ms`)}`;
      return this.options.verbose ? [line, ...this.exchange(step)] : [line];
    }
    const lines = [`  ${this.paint('red', '✗')}  ${label} ${name}${status}${step.line ? this.paint('dim', ` (line ${step.line})`) : ''}`];
    for (const failure of step.failures) {
      lines.push(`       ${this.paint('red', failure.message)}`);
      if (failure.expected !== undefined || failure.actual !== undefined) {
        lines.push(`         expected: ${show(failure.expected)}`);
        lines.push(`         actual:   ${show(failure.actual)}`);
      }
    }
    lines.push(...this.exchange(step));
    if (step.journalAround && step.journalAround.length > 0) {
      lines.push('       journal around it:');
      for (const entry of step.journalAround) lines.push(`         ${this.entry(entry, step.journal.includes(entry))}`);
    }
    return lines;
  }

  private exchange(step: StepResult): string[] {
    if (!step.request || !step.response) return [];
    const body = step.request.body === null ? '' : ` ${show(step.request.body)}`;
    return [
      this.paint('dim', `       request:  ${step.request.method} ${step.request.url}${body}`),
      this.paint('dim', `       response: ${step.response.status} ${show(step.response.body)}`),
    ];
  }

  private entry(entry: JournalEntry, inStep: boolean): string {
    const text = `#${entry.id} ${entry.direction} ${entry.method} ${entry.path} → ${entry.status ?? 'no answer'}  ${show(entry.requestBody)} → ${show(entry.responseBody)}`;
    return inStep ? text : this.paint('dim', text);
  }

  summary(results: ScenarioResult[]): void {
    this.clearProgress();
    const passed = results.filter((r) => r.passed).length;
    this.options.write(`${passed} passed, ${results.length - passed} failed\n`);
  }
}
