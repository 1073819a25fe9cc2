/** The dashboard page: server-rendered layout and styles; a small inline script fills it from /sandbox/overview and the journal stream. */
import { html, raw } from 'hono/html';
import { DASHBOARD_SCRIPT } from './script.js';
import { SEQUENCE_SCRIPT } from './sequence.js';
import { DASHBOARD_STYLES } from './styles.js';

/** The journal's directions as people read them; the script labels entries from the same list. */
export const DIRECTIONS = [
  { value: 'operator->trueplay', label: 'operator → Trueplay' },
  { value: 'player->trueplay', label: 'player → Trueplay' },
  { value: 'trueplay->operator', label: 'Trueplay → operator' },
  { value: 'control', label: 'control (sandbox API)' },
] as const;

const ADVANCE_BUTTONS = [
  { label: '+1 hour', duration: 'PT1H' },
  { label: '+1 day', duration: 'P1D' },
  { label: '+1 week', duration: 'P1W' },
] as const;

export function renderDashboard(): string {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>trueplay-sandbox dashboard</title>
  <style>${raw(DASHBOARD_STYLES)}</style>
</head>
<body>
  <header>
    <h1>trueplay-sandbox</h1>
    <nav>
      <a href="/docs">API docs</a>
      <a href="/openapi/trueplay.yaml">trueplay.yaml</a>
      <a href="/openapi/operator.yaml">operator.yaml</a>
    </nav>
    <p id="notice" role="status"></p>
  </header>

  <section id="clock-panel" aria-labelledby="clock-title">
    <h2 id="clock-title">Clock</h2>
    <p><time id="clock-now">…</time> <span id="clock-mode" class="badge"></span></p>
    <p class="buttons">
      ${ADVANCE_BUTTONS.map((b) => html`<button type="button" data-advance="${b.duration}" title="POST /sandbox/clock {&quot;advance&quot;:&quot;${b.duration}&quot;}">${b.label}</button>`)}
      <button type="button" id="clock-real-time" title="POST /sandbox/clock {&quot;realTime&quot;:true}">back to real time</button>
    </p>
    <p class="hint">Advancing freezes the clock and settles the cashback periods it passes.</p>
  </section>

  <section aria-labelledby="operators-title">
    <h2 id="operators-title">Operators</h2>
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="operators-title"><table id="operators"><thead><tr>
      <th>id</th><th>name</th><th>X-API-KEY</th><th>secretKey</th><th>currency</th><th>rate</th><th>fees (withdraw / buy)</th><th>callbacks</th><th>player events</th>
    </tr></thead><tbody></tbody></table></div>
  </section>

  <section aria-labelledby="users-title">
    <h2 id="users-title">Users <small id="users-count"></small></h2>
    <p class="hint">Click a user to filter the journal by it.</p>
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="users-title"><table id="users"><thead><tr>
      <th>operator</th><th>operatorUserId</th><th>trueplayUserId</th><th>KYC</th><th class="num">tokens</th><th class="num">casino balance</th>
    </tr></thead><tbody></tbody></table></div>
  </section>

  <section aria-labelledby="campaigns-title">
    <h2 id="campaigns-title">Campaigns</h2>
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="campaigns-title"><table id="campaigns"><thead><tr>
      <th>id</th><th>operator</th><th>name</th><th>type</th><th>status</th><th>award</th><th>window</th><th>participants</th>
    </tr></thead><tbody></tbody></table></div>
  </section>

  <section id="journal-panel" aria-labelledby="journal-title">
    <h2 id="journal-title">Journal <span id="stream-state" class="badge">connecting</span></h2>
    <form id="journal-filters" class="filters" autocomplete="off">
      <label>user <input id="filter-user" name="user" placeholder="operatorUserId"></label>
      <label>path <input id="filter-path" name="path" placeholder="/api/v1/accept"></label>
      <label>status <input id="filter-status" name="status" placeholder="200, 4xx" size="6"></label>
      <label>direction
        <select id="filter-direction" name="direction">
          <option value="">all</option>
          ${DIRECTIONS.map((d) => html`<option value="${d.value}">${d.label}</option>`)}
        </select>
      </label>
      <label title="calls accepted that will likely misbehave with the real Trueplay (GET /sandbox/rules lists why)"><input type="checkbox" id="filter-warnings" name="warnings"> with warnings</label>
      <button type="reset">clear</button>
      <span id="journal-count"></span>
      <a id="save-scenario" class="button" href="/sandbox/journal/scenario" download="recorded-scenario.yaml"
        title="GET /sandbox/journal/scenario: the journal turned into a scenario file">save as scenario</a>
    </form>
    <section id="sequence-panel" aria-labelledby="sequence-title">
      <h3 id="sequence-title">Sequence</h3>
      <form id="sequence-form" class="filters" autocomplete="off">
        <label>user or exchange id <input id="sequence-subject" name="subject" list="sequence-subjects" placeholder="operatorUserId or exchange id"></label>
        <datalist id="sequence-subjects"></datalist>
        <span id="sequence-count" class="hint"></span>
      </form>
      <p class="hint" id="sequence-legend">Calls between the parties as they happen, newest at the bottom: ↻ a retry of the same exchange id,
        ⚠ an injected fault or no answer, ◔ pending, ✓ settled. Pick a user (or click one in the users table) or an exchange id.</p>
      <div class="sequence-wrap"><svg id="sequence" role="img" aria-labelledby="sequence-title sequence-count"></svg></div>
    </section>
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="journal-title"><table id="journal"><thead><tr>
      <th>#</th><th>time</th><th>direction</th><th>method</th><th>path</th><th>status</th><th class="num">ms</th><th>user</th>
    </tr></thead><tbody></tbody></table></div>
    <p class="hint">Click an entry to see its request headers and both bodies. New calls appear as they happen.</p>
  </section>

  <script type="application/json" id="dashboard-data">${raw(JSON.stringify({ directions: DIRECTIONS }))}</script>
  <script>${raw(SEQUENCE_SCRIPT)}</script>
  <script>${raw(DASHBOARD_SCRIPT)}</script>
</body>
</html>`.toString();
}
