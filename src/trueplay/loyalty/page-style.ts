/** The loyalty page's inline stylesheet: a calm card layout that fits a casino's iframe from phone width up. */
export const LOYALTY_PAGE_STYLE = `
:root {
  --ink: #1d2433; --muted: #5b6478; --line: #dde2ec; --card: #ffffff; --page: #f4f6fa;
  --brand: #3a4fd8; --brand-ink: #ffffff; --ok: #12663a; --ok-bg: #e5f5ec; --warn: #8a5a00; --warn-bg: #fff3d6;
  --bad: #b42318; --bad-bg: #fdeceb;
  color-scheme: light;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: var(--page); color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
/* minmax(0, 1fr): a wide history table scrolls in its own box instead of widening the page in a narrow iframe. */
main { max-width: 960px; margin: 0 auto; padding: 20px 16px 32px; display: grid; grid-template-columns: minmax(0, 1fr); gap: 16px; }
h1 { font-size: 1.4rem; margin: 0; }
h2 { font-size: 1.05rem; margin: 0 0 8px; }
header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 4px 16px; }
.player { margin: 0; color: var(--muted); overflow-wrap: anywhere; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 16px; }
.balance { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px 24px; }
.balance h2 { margin: 0; color: var(--muted); font-weight: 600; }
.balance-value { margin: 0; font-size: 2.2rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.terms { margin: 0; padding: 0; list-style: none; color: var(--muted); font-size: 0.9rem; }
.actions { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(min(260px, 100%), 1fr)); }
form { display: grid; gap: 8px; align-content: start; }
form p { margin: 0; color: var(--muted); font-size: 0.9rem; }
label { font-weight: 600; }
input, select { font: inherit; padding: 8px 10px; border: 1px solid #b9c1d1; border-radius: 8px; width: 100%; background: #fff; }
button { font: inherit; font-weight: 600; padding: 9px 14px; border: 0; border-radius: 8px; background: var(--brand); color: var(--brand-ink); cursor: pointer; }
button:disabled { opacity: 0.6; cursor: progress; }
input:focus-visible, select:focus-visible, button:focus-visible { outline: 3px solid #9aa8ff; outline-offset: 2px; }
.notice { border-radius: 8px; padding: 10px 12px; margin: 0; }
.notice:empty { display: none; }
.notice p { margin: 0; }
#exchange-result { background: var(--ok-bg); color: var(--ok); }
#exchange-result[data-status="pending"] { background: var(--warn-bg); color: var(--warn); border-left: 4px solid var(--warn); }
#exchange-error { background: var(--bad-bg); color: var(--bad); }
/* A link that cannot open: the page's frame, one card saying what happened and the way out. */
.program { margin: 0; color: var(--muted); font-weight: 600; }
.problem { border-left: 6px solid var(--warn); }
.problem-invalid, .problem-closed { border-left-color: var(--bad); }
.problem h1 { margin: 0 0 8px; }
.problem p { margin: 0 0 8px; }
.problem p:last-child { margin: 0; font-weight: 600; }
.campaigns ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; grid-template-columns: repeat(auto-fill, minmax(min(220px, 100%), 1fr)); }
.campaign { border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; display: grid; gap: 2px; }
.campaign-type { color: var(--brand); font-size: 0.8rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; }
.campaign-name { overflow-wrap: anywhere; }
.stakes h2 { margin-top: 0; }
.stakes ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
.stake { border: 1px solid var(--line); border-radius: 10px; padding: 8px 12px; font-variant-numeric: tabular-nums; }
.campaign-reward, .campaign-ends { color: var(--muted); font-size: 0.9rem; }
.empty { margin: 0; color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
caption { text-align: left; color: var(--muted); font-size: 0.85rem; padding-bottom: 6px; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfd; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 0.8rem; font-weight: 600; white-space: nowrap; }
.badge-ok { background: var(--ok-bg); color: var(--ok); }
.badge-pending { background: var(--warn-bg); color: var(--warn); }
.badge-failed { background: var(--bad-bg); color: var(--bad); }
@media (max-width: 480px) {
  main { padding: 12px 10px 24px; gap: 12px; }
  .card { padding: 12px; }
  table { font-size: 0.82rem; }
  th, td { padding: 6px 4px; }
  .badge { padding: 1px 6px; }
}
`;
