/**
 * The self-contained HTML report: one file with inline CSS and SVG (no script, no external assets), readable offline.
 * Failed checks come first in "what to fix" and open by default; every check expands to why, what was sent and what came back.
 */
import { html, raw } from 'hono/html';
import { SEVERITIES, FAMILIES, type CheckResult, type Exchange, type ProbeReport } from '../types.js';
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

function checkView(r: CheckResult) {
  return html`<details class="check ${r.passed ? 'passed' : 'failed'}" id="${r.id}"${raw(r.passed ? '' : ' open')}>
  <summary><span class="badge ${r.passed ? 'pass' : 'fail'}">${r.passed ? 'PASS' : 'FAIL'}</span><span><span class="sev sev-${r.severity}">${r.severity}</span></span><code>${r.id}</code><span class="title">${r.title}</span><span class="muted mono ms">${r.durationMs} ms</span></summary>
  <div class="check-body">
    <p class="why"><strong>Why it matters:</strong> ${r.why}</p>
    ${r.passed ? html`<p class="confirmed">Passed: ${r.reason}.</p>` : html`<ul class="problems">${r.problems.map((p) => html`<li>${p}</li>`)}</ul>`}
    ${r.exchanges.map(exchangeView)}
  </div>
</details>`;
}

export function renderHtmlReport(report: ProbeReport): string {
  const { results, target } = report;
  const failed = results.filter((r) => !r.passed).sort(bySeverityDesc);
  const passed = results.length - failed.length;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Operator probe: ${failed.length === 0 ? 'all passed' : `${failed.length} failed`} — ${target.baseUrl}</title>
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
      </dl>
    </div>
    <div class="verdict ${failed.length === 0 ? 'ok' : 'bad'}"><span class="big">${passed} passed, ${failed.length} failed</span>${failed.length === 0 ? 'every check held' : 'fix the failed checks below'}</div>
  </header>

  <section class="overview card" aria-label="pass/fail chart">
    ${donut(passed, failed.length)}
    ${familyBars(results)}
    <table class="severities">
      <thead><tr><th>severity</th><th class="num">failed</th><th class="num">of</th></tr></thead>
      <tbody>${[...SEVERITIES].reverse().map((s) => {
        const all = results.filter((r) => r.severity === s);
        return html`<tr><td><span class="sev sev-${s}">${s}</span></td><td class="num">${all.filter((r) => !r.passed).length}</td><td class="num">${all.length}</td></tr>`;
      })}</tbody>
    </table>
  </section>

  ${failed.length > 0
    ? html`<h2>What to fix first <small>most severe first</small></h2>
  <section class="card"><ol class="fix">${failed.map((r) => html`<li><span class="sev sev-${r.severity}">${r.severity}</span> <a href="#${r.id}"><code>${r.id}</code></a> — ${r.title}<br><span class="muted">${r.problems[0] ?? ''}</span></li>`)}</ol></section>`
    : ''}

  ${FAMILIES.filter((family) => results.some((r) => r.family === family)).map((family) => {
    const mine = results.filter((r) => r.family === family);
    return html`<h2>${family} <small>${mine.filter((r) => r.passed).length}/${mine.length} passed</small></h2>
  ${mine.map(checkView)}`;
  })}

  <footer>Each check seeds its own players through the state URL, so checks do not depend on each other. Bodies are shown as sent, byte for byte (long ones cut); the signature header is computed with the secret given to the probe, which this report does not contain.</footer>
</main>
</body>
</html>
`.toString();
}
