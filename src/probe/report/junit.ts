/** The probe's results as JUnit XML: one testsuite per check family, one testcase per check, so CI shows what to fix. */
import type { CheckResult, ProbeReport } from '../types.js';
import { FAMILIES } from '../types.js';

/** XML-escapes text and drops the characters XML 1.0 cannot carry at all (the probe sends control bytes on purpose). */
export function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function exchangeLog(result: CheckResult): string {
  return result.exchanges
    .map((e) => `${e.purpose.padEnd(6)} ${e.label}: POST ${e.request.url} -> ${e.response.status ?? e.response.error ?? 'no answer'}`)
    .join('\n');
}

function testcase(result: CheckResult): string {
  const name = xmlText(`${result.id}: ${result.title}`);
  const open = `    <testcase classname="probe.${result.family}" name="${name}" time="${seconds(result.durationMs)}">`;
  const details = `severity: ${result.severity}\nwhy it matters: ${result.why}\n\n${result.passed ? result.reason : result.problems.join('\n')}\n\ncalls:\n${exchangeLog(result)}`;
  const failure = result.passed
    ? ''
    : `\n      <failure message="${xmlText(result.problems[0] ?? 'failed')}" type="${result.severity}">${xmlText(details)}</failure>`;
  return `${open}${failure}\n      <system-out>${xmlText(details)}</system-out>\n    </testcase>`;
}

export function renderJUnit(report: ProbeReport): string {
  const failures = report.results.filter((r) => !r.passed).length;
  const suites = FAMILIES.map((family) => report.results.filter((r) => r.family === family))
    .filter((results) => results.length > 0)
    .map((results) => {
      const family = results[0]!.family;
      const time = results.reduce((sum, r) => sum + r.durationMs, 0);
      return [
        `  <testsuite name="probe.${family}" tests="${results.length}" failures="${results.filter((r) => !r.passed).length}" errors="0" skipped="0" time="${seconds(time)}" timestamp="${report.startedAt}">`,
        ...results.map(testcase),
        '  </testsuite>',
      ].join('\n');
    });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(`trueplay-sandbox probe of ${report.target.baseUrl}`)}" tests="${report.results.length}" failures="${failures}" errors="0" time="${seconds(report.durationMs)}" timestamp="${report.startedAt}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
