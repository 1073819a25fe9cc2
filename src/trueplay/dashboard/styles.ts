/** The dashboard's stylesheet, inlined into the page (no build step, no external assets). */
export const DASHBOARD_STYLES = `
:root { color-scheme: light dark; --line: #8884; --muted: #5c6370; --ok: #1f6b30; --warn: #8a5300; --bad: #b03022; --accent: #2f5bc4; --focus: #2f5bc4; }
/* Dark mode keeps WCAG AA contrast too: lighter tones of the same meanings. */
@media (prefers-color-scheme: dark) { :root { --muted: #a9b0bb; --ok: #6fcf84; --warn: #f0b35a; --bad: #ff8a7a; --accent: #8fb0ff; --focus: #8fb0ff; } }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 auto; padding: 0 16px 32px; max-width: 1400px; }
/* The document never scrolls sideways: a table wider than the window scrolls inside its own box. */
.table-wrap { overflow-x: auto; max-width: 100%; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.link-button { font: inherit; color: var(--accent); background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline; text-align: left; }
header { display: flex; align-items: baseline; gap: 24px; flex-wrap: wrap; border-bottom: 1px solid var(--line); }
header h1 { font-size: 20px; margin: 12px 0; }
nav a { margin-right: 12px; }
#notice { margin: 0; color: var(--muted); }
#notice.error { color: var(--bad); }
h2 { font-size: 16px; margin: 24px 0 8px; }
h2 small { color: var(--muted); font-weight: normal; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; white-space: nowrap; }
td { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; }
/* Keys, URLs and ids may break anywhere, so one long value cannot widen its table past the window. */
td.long { overflow-wrap: anywhere; min-width: 9em; }
#journal td { white-space: nowrap; }
.num { text-align: right; }
.hint { color: var(--muted); font-size: 12px; margin: 4px 0; }
.empty td { color: var(--muted); font-family: inherit; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; font-weight: normal; background: #8882; }
.badge.live { background: #2a7d3a33; color: var(--ok); }
.badge.down { background: #c0392b33; color: var(--bad); }
.badge.warned { margin-left: 6px; background: #b9770e33; color: var(--warn); }
#clock-now { font: 600 18px ui-monospace, monospace; }
.buttons button, .filters button, a.button { margin-right: 6px; padding: 3px 10px; font: inherit; cursor: pointer;
  border: 1px solid var(--line); border-radius: 4px; background: #8881; color: inherit; text-decoration: none; }
.filters { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-bottom: 8px; }
.filters input, .filters select { font: inherit; padding: 2px 4px; }
#journal-count { color: var(--muted); }
#save-scenario { margin-left: auto; }
#users tbody tr, #journal tbody tr.entry { cursor: pointer; }
#users tbody tr:hover, #journal tbody tr.entry:hover { background: #8881; }
tr.entry.open { background: #3867d614; }
.status-2 { color: var(--ok); } .status-4 { color: var(--warn); } .status-5, .status-none { color: var(--bad); font-weight: 600; }
.dir { white-space: nowrap; }
tr.details td { background: #8880; padding: 8px 16px 12px; }
.details-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(280px, 100%), 1fr)); gap: 12px; }
.details-grid h3 { font: 600 12px system-ui, sans-serif; margin: 0 0 4px; color: var(--muted); }
pre { margin: 0; padding: 8px; background: #8881; border-radius: 4px; overflow: auto; max-height: 360px; white-space: pre-wrap; word-break: break-word; }
details summary { cursor: pointer; }
@keyframes arrive { from { background: #f1c40f55; } to { background: transparent; } }
tr.entry.new { animation: arrive 1.5s ease-out; }
h3 { font-size: 14px; margin: 12px 0 6px; }
#sequence-panel { border: 1px solid var(--line); border-radius: 6px; padding: 0 12px 8px; margin-bottom: 12px; }
.sequence-wrap { overflow-x: auto; }
#sequence { display: block; font: 11px system-ui, sans-serif; }
#sequence .party-name { font-weight: 600; font-size: 12px; fill: currentColor; }
#sequence .lifeline { stroke: var(--muted); stroke-dasharray: 3 4; }
#sequence .message line { stroke: currentColor; stroke-width: 1.4; }
#sequence .message text { fill: currentColor; }
#sequence .reply line { stroke-dasharray: 5 3; }
#sequence .head { fill: currentColor; }
#sequence .call.retry text { font-weight: 600; }
#sequence .reply-fault { color: var(--bad); }
#sequence .reply-pending { color: var(--warn); }
#sequence .reply-settled { color: var(--ok); }
#sequence .head-fault { fill: var(--bad); } #sequence .head-pending { fill: var(--warn); } #sequence .head-settled { fill: var(--ok); }
@media (max-width: 600px) {
  body { padding: 0 8px 24px; }
  header { gap: 8px; }
  #save-scenario { margin-left: 0; }
}
`;
