/**
 * The self-contained HTML report: one file with inline CSS and SVG (no script, no external assets), readable offline.
 * Failed checks come first in "what to fix" and open by default; hardening findings are advice in their own amber
 * section (failures only under --strict); every check shows its basis and expands to why, what was sent and what came back.
 */
import { html, raw } from 'hono/html';
import { SEVERITIES, FAMILIES, type Basis, type CheckResult, type Exchange, type ProbeReport } from '../types.js';
import { isAdvice, summaryLine, verdictOf, type FailPolicy } from '../verdict.js';
import { donut, familyBars } from './chart.js';
import { REPORT_STYLE } from './html-style.js';

const bySeverityDesc = (a: CheckResult, b: CheckResult) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity);

function statusClass(status: number | null): string {
  return status === null ? 'none' : `s${String(status)[0]}`;
}

function headersText(headers: Record<string, string>): string {
  return Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n');
}

function exchangeView(e: Exchange) {
  const got = e.response.status === null ? `no answer: ${e.response.error ?? ''}` : `${e.response.status}${e.response.error ? ` (${e.response.error})` : ''}`;
  return html`<div class="exchange ${e.purpose}">
  <div class="ex-head"><span class="tag">${e.purpose}</span><span>${e.label}</span><span class="status ${statusClass(e.response.status)}">${e.response.status ?? 'no answer'}</span><span class="muted mono">${e.response.durationMs} ms</span></div>
  <div class="ex-cols">
    <div><h5>Sent (${e.request.bodyBytes} bytes)</h5><pre>${`${e.request.method} ${e.request.url}\n${headersText(e.request.headers)}\n\n${e.request.body}`}</pre></div>
    <div><h5>Got</h5><pre>${`${got}\n\n${e.response.body}`}</pre></div>
  </div>
</div>`;
}

const basisBadge = (basis: Basis) => html`<span class="basis basis-${basis}">${basis}</span>`;

function checkView(r: CheckResult, policy: FailPolicy) {
  const advice = isAdvice(r, policy);
  const state = r.passed ? 'passed' : advice ? 'advice' : 'failed';
  const badge = r.passed ? ['pass', 'PASS'] : advice ? ['advice', 'ADVICE'] : ['fail', 'FAIL'];
  return html`<details class="check ${state}" id="${r.id}"${raw(r.passed ? '' : ' open')}>
  <summary><span class="badge ${badge[0]}">${badge[1]}</span><span>${basisBadge(r.basis)}</span><span><span class="sev sev-${r.severity}">${r.severity}</span></span><code>${r.id}</code><span class="title">${r.title}</span><span class="muted mono ms">${r.durationMs} ms</span></summary>
  <div class="check-body">
    <p class="basis-line"><strong>Basis: ${r.basis}</strong> — ${r.basisReason}</p>
    <p class="why"><strong>Why it matters:</strong> ${r.why}</p>
    ${r.passed ? html`<p class="confirmed">Passed: ${r.reason}.</p>` : html`<ul class="problems${advice ? ' advice' : ''}">${r.problems.map((p) => html`<li>${p}</li>`)}</ul>`}
    ${r.exchanges.map(exchangeView)}
  </div>
</details>`;
}

function familySections(results: CheckResult[], policy: FailPolicy) {
  return FAMILIES.filter((family) => results.some((r) => r.family === family)).map((family) => {
    const mine = results.filter((r) => r.family === family);
    return html`<h3>${family} <small>${mine.filter((r) => r.passed).length}/${mine.length} passed</small></h3>
  ${mine.map((r) => checkView(r, policy))}`;
  });
}

export function renderHtmlReport(report: ProbeReport, policy: FailPolicy): string {
  const { results, target } = report;
  const verdict = verdictOf(results, policy);
  const failed = [...verdict.failed].sort(bySeverityDesc);
  const advice = [...verdict.advice].sort(bySeverityDesc);
  const passed = results.filter((r) => r.passed).length;
  const ok = verdict.failing.length === 0;
  const contract = results.filter((r) => r.basis === 'contract');
  const hardening = results.filter((r) => r.basis === 'hardening');
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Operator probe: ${ok ? 'passed' : `${verdict.failing.length} failed`}${advice.length > 0 ? `, ${advice.length} advice` : ''} — ${target.baseUrl}</title>
<style>${raw(REPORT_STYLE)}</style>
</head>
<body>
<main>
  <header class="card">
    <div>
      <h1>Operator conformance probe</h1>
      <div class="muted">trueplay-sandbox probe · reference §2b · run ${report.runId} · ${report.startedAt} · ${(report.durationMs / 1000).toFixed(1)} s</div>
      <dl class="target">
        <dt>base URL</dt><dd class="mono">${target.baseUrl}</dd>
        <dt>paths</dt><dd class="mono">${target.balancePath} · ${target.tokenExchangePath}</dd>
        <dt>state URL</dt><dd class="mono">${target.stateUrl}</dd>
        <dt>operatorId</dt><dd class="mono">${target.operatorId}</dd>
        <dt>concurrency</dt><dd class="mono">${target.concurrency}</dd>
        <dt>what fails the run</dt><dd>${verdict.counts}${policy.strict ? ' (--strict)' : ''}</dd>
      </dl>
    </div>
    <div class="verdict ${ok ? 'ok' : 'bad'}"><span class="big">${ok ? 'PASSED' : 'FAILED'}</span><span class="sub">${summaryLine(results, policy)}</span></div>
  </header>

  <section class="overview card" aria-label="pass/fail chart">
    ${donut(passed, failed.length, advice.length)}
    ${familyBars(results, (r) => isAdvice(r, policy))}
    <table class="severities">
      <thead><tr><th>severity</th><th class="num">failed</th><th class="num">advice</th><th class="num">of</th></tr></thead>
      <tbody>${[...SEVERITIES].reverse().map((s) => {
        const all = results.filter((r) => r.severity === s);
        return html`<tr><td><span class="sev sev-${s}">${s}</span></td><td class="num">${failed.filter((r) => r.severity === s).length}</td><td class="num">${advice.filter((r) => r.severity === s).length}</td><td class="num">${all.length}</td></tr>`;
      })}</tbody>
    </table>
  </section>

  ${failed.length > 0
    ? html`<h2>What to fix first <small>most severe first</small></h2>
  <section class="card fix"><ol class="fix">${failed.map((r) => html`<li><span class="sev sev-${r.severity}">${r.severity}</span> ${basisBadge(r.basis)} <a href="#${r.id}"><code>${r.id}</code></a> — ${r.title}<br><span class="muted">${r.problems[0] ?? ''}</span></li>`)}</ol></section>`
    : ''}

  ${advice.length > 0
    ? html`<h2>Advice <small>hardening: good practice beyond what Trueplay sends</small></h2>
  <section class="card advice" aria-label="advice">
    <h3>${advice.length} hardening ${advice.length === 1 ? 'finding' : 'findings'}: these do not fail the run (add --strict to make them)</h3>
    <p>Trueplay's documented flow does not depend on them; fixing them makes the wallet stricter than Trueplay needs.</p>
    <ol class="fix">${advice.map((r) => html`<li><span class="sev sev-${r.severity}">${r.severity}</span> <a href="#${r.id}"><code>${r.id}</code></a> — ${r.title}<br><span class="muted">${r.problems[0] ?? ''}</span></li>`)}</ol>
  </section>`
    : ''}

  <h2>Contract checks <small>what Trueplay's flow relies on: ${contract.filter((r) => r.passed).length}/${contract.length} passed; a failure fails the run</small></h2>
  ${familySections(contract, policy)}

  <h2>Hardening checks <small>${hardening.filter((r) => r.passed).length}/${hardening.length} passed; ${policy.strict ? 'a failure fails the run (--strict)' : 'a finding is advice (--strict counts it)'}</small></h2>
  ${familySections(hardening, policy)}

  <footer>Severity is money risk: critical = money moves wrongly or a forged call is honoured; high = the flow breaks (a 5xx, a hang, a wrong status class); medium and low = hardening. Each check seeds its own players through the state URL, so checks do not depend on each other. Bodies are shown as sent, byte for byte (long ones cut); the signature header is computed with the secret given to the probe, which this report does not contain.</footer>
</main>
</body>
</html>
`.toString();
}
