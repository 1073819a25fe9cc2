/**
 * The probe's results as JUnit XML, one testcase per check, so CI shows what to fix: contract checks in one testsuite
 * per family, hardening checks apart in `probe.hardening`, where a finding is a <failure> only under --strict and
 * otherwise advice in <system-out> (CI stays green). Each testcase carries its basis, reason and severity as properties.
 */
import type { CheckResult, ProbeReport } from '../types.js';
import { FAMILIES } from '../types.js';
import { isAdvice, verdictOf, type FailPolicy } from '../verdict.js';

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

function testcase(result: CheckResult, policy: FailPolicy): string {
  const name = xmlText(`${result.id}: ${result.title}`);
  const classname = result.basis === 'contract' ? `probe.${result.family}` : `probe.hardening.${result.family}`;
  const open = `    <testcase classname="${classname}" name="${name}" time="${seconds(result.durationMs)}">`;
  const properties = [
    ['basis', result.basis],
    ['basis-reason', result.basisReason],
    ['severity', result.severity],
  ].map(([key, value]) => `        <property name="${key}" value="${xmlText(value!)}"/>`);
  const advice = isAdvice(result, policy);
  const outcome = result.passed ? result.reason : `${advice ? 'ADVICE (hardening, does not fail the run without --strict):\n' : ''}${result.problems.join('\n')}`;
  const details = `${result.basis}, ${result.severity}: ${result.basisReason}\nwhy it matters: ${result.why}\n\n${outcome}\n\ncalls:\n${exchangeLog(result)}`;
  const failure = result.passed || advice
    ? ''
    : `\n      <failure message="${xmlText(result.problems[0] ?? 'failed')}" type="${result.basis} ${result.severity}">${xmlText(details)}</failure>`;
  return `${open}\n      <properties>\n${properties.join('\n')}\n      </properties>${failure}\n      <system-out>${xmlText(details)}</system-out>\n    </testcase>`;
}

function suite(name: string, results: CheckResult[], report: ProbeReport, policy: FailPolicy): string {
  const time = results.reduce((sum, r) => sum + r.durationMs, 0);
  const failures = verdictOf(results, policy).failed.length;
  return [
    `  <testsuite name="${name}" tests="${results.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(time)}" timestamp="${report.startedAt}">`,
    ...results.map((r) => testcase(r, policy)),
    '  </testsuite>',
  ].join('\n');
}

export function renderJUnit(report: ProbeReport, policy: FailPolicy): string {
  const contract = report.results.filter((r) => r.basis === 'contract');
  const hardening = report.results.filter((r) => r.basis === 'hardening');
  const suites = FAMILIES.map((family) => contract.filter((r) => r.family === family))
    .filter((results) => results.length > 0)
    .map((results) => suite(`probe.${results[0]!.family}`, results, report, policy));
  if (hardening.length > 0) suites.push(suite('probe.hardening', hardening, report, policy));
  const failures = verdictOf(report.results, policy).failed.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(`trueplay-sandbox probe of ${report.target.baseUrl}`)}" tests="${report.results.length}" failures="${failures}" errors="0" time="${seconds(report.durationMs)}" timestamp="${report.startedAt}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
