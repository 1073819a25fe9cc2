/** JUnit XML for CI: one <testsuite> per scenario file, one <testcase> per step (setup included), built with fast-xml-parser. */
import { XMLBuilder } from 'fast-xml-parser';
import { displayPath } from '../discover.js';
import { formatProblem } from '../load.js';
import { show } from '../matching.js';
import type { ScenarioResult, StepResult } from '../run.js';

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function junitXml(results: ScenarioResult[]): string {
  const suites = results.map((result) => {
    const file = displayPath(result.file);
    const cases = result.steps.map((step) => testCase(file, step));
    const problems = [...(result.problems ?? []).map((p) => formatProblem({ ...p, file: displayPath(p.file) })), ...(result.error ? [result.error] : [])];
    if (problems.length > 0) {
      cases.unshift({ '@_classname': file, '@_name': 'load and start', '@_time': '0', failure: { '@_message': problems[0], '@_type': 'ScenarioError', '#text': problems.join('\n') } });
    }
    if (result.serverErrors.length > 0) {
      cases.push({ '@_classname': file, '@_name': 'server errors', '@_time': '0', failure: { '@_message': 'the sandbox logged errors', '@_type': 'ServerError', '#text': result.serverErrors.join('\n\n') } });
    }
    return {
      '@_name': result.name,
      '@_file': file,
      '@_tests': cases.length,
      '@_failures': cases.filter((c) => 'failure' in c).length,
      '@_errors': 0,
      '@_skipped': cases.filter((c) => 'skipped' in c).length,
      '@_time': seconds(result.durationMs),
      testcase: cases,
    };
  });
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'trueplay-sandbox scenarios',
      '@_tests': suites.reduce((n, s) => n + s['@_tests'], 0),
      '@_failures': suites.reduce((n, s) => n + s['@_failures'], 0),
      '@_errors': 0,
      '@_time': seconds(results.reduce((n, r) => n + r.durationMs, 0)),
      testsuite: suites,
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true, processEntities: true }).build(document) as string;
}

function testCase(file: string, step: StepResult): Record<string, unknown> {
  const name = `${step.phase === 'setup' ? 'setup' : `step ${step.number}`}: ${step.name ?? step.title}`;
  const base = { '@_classname': file, '@_name': name, '@_time': seconds(step.durationMs) };
  if (step.status === 'skipped') return { ...base, skipped: '' };
  if (step.status === 'passed') return base;
  const details = step.failures.map((f) => `${f.message}\n  expected: ${show(f.expected)}\n  actual:   ${show(f.actual)}`);
  const journal = (step.journalAround ?? []).map((e) => `#${e.id} ${e.direction} ${e.method} ${e.path} → ${e.status ?? 'no answer'} ${show(e.requestBody)} → ${show(e.responseBody)}`);
  return {
    ...base,
    failure: {
      '@_message': step.failures[0]?.message ?? 'failed',
      '@_type': 'ExpectationFailed',
      '#text': [`${step.title}${step.line ? ` (line ${step.line})` : ''}`, ...details, ...(journal.length ? ['journal around it:', ...journal] : [])].join('\n'),
    },
  };
}
