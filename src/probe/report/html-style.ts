/** The HTML report's stylesheet, inlined so the report reads offline from a single file. */
export const REPORT_STYLE = `
:root { --ok: #1f7a3a; --ok-bg: #e3f4e8; --bad: #b3261e; --bad-bg: #fbe4e2; --line: #d9dde3; --muted: #5f6b7a; --ink: #1d2633; --card: #fff; --page: #f4f6f9;
  --critical: #8e1b12; --high: #c2410c; --medium: #a16207; --low: #4b5563; --advice: #8a5a00; --advice-bg: #fdf3d8; --advice-line: #e8c66a; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; }
main > h3 { font-size: 15px; margin: 18px 0 8px; }
h2 small, h3 small, .muted { color: var(--muted); font-weight: normal; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; }
header.card { display: grid; grid-template-columns: 1fr auto; gap: 12px 24px; align-items: start; }
.target { margin: 6px 0 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
.target dt { color: var(--muted); }
.target dd { margin: 0; }
.verdict { font-size: 15px; font-weight: 600; padding: 10px 14px; border-radius: 8px; text-align: center; min-width: 220px; }
.verdict.ok { background: var(--ok-bg); color: var(--ok); }
.verdict.bad { background: var(--bad-bg); color: var(--bad); }
.verdict .big { display: block; font-size: 26px; }
.overview { display: grid; grid-template-columns: 200px 1fr 240px; gap: 16px; margin-top: 16px; align-items: center; }
.overview svg text { font-family: system-ui, sans-serif; }
table.severities { border-collapse: collapse; width: 100%; }
table.severities td, table.severities th { padding: 4px 6px; border-bottom: 1px solid var(--line); text-align: left; }
table.severities td.num, table.severities th.num { text-align: right; }
.sev { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; text-transform: uppercase; letter-spacing: .02em; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-medium { background: var(--medium); } .sev-low { background: var(--low); }
.badge { display: inline-block; min-width: 44px; text-align: center; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 700; }
.badge.pass { background: var(--ok-bg); color: var(--ok); }
.badge.fail { background: var(--bad-bg); color: var(--bad); }
.badge.advice { background: var(--advice-bg); color: var(--advice); }
.basis { display: inline-block; padding: 0 7px; border-radius: 4px; font-size: 11.5px; font-weight: 600; border: 1px solid var(--line); }
.basis-contract { color: var(--ink); background: #eef1f6; }
.basis-hardening { color: var(--advice); background: var(--advice-bg); border-color: var(--advice-line); }
section.advice { background: var(--advice-bg); border-color: var(--advice-line); }
section.advice h3 { margin: 0 0 6px; font-size: 15px; color: var(--advice); }
section.advice p { margin: 0 0 8px; }
details.check.advice { border-left-color: var(--advice-line); }
ul.problems.advice { color: var(--advice); }
.basis-line { margin: 0 0 10px; }
.verdict .sub { display: block; font-weight: normal; font-size: 13px; }
ol.fix { margin: 0; padding-left: 22px; }
ol.fix li { margin: 4px 0; }
ol.fix a { color: inherit; }
details.check { background: var(--card); border: 1px solid var(--line); border-left: 4px solid var(--ok); border-radius: 8px; margin: 8px 0; }
details.check.failed { border-left-color: var(--bad); }
details.check > summary { cursor: pointer; padding: 9px 12px; display: grid; grid-template-columns: 62px 82px 70px minmax(220px, 300px) 1fr auto; gap: 10px; align-items: center; list-style: none; }
details.check > summary::-webkit-details-marker { display: none; }
details.check > summary::before { content: none; }
details.check[open] > summary { border-bottom: 1px solid var(--line); }
.check-body { padding: 10px 14px 14px; }
.why { margin: 0 0 10px; }
ul.problems { margin: 0 0 10px; padding-left: 20px; color: var(--bad); }
ul.problems li { margin: 3px 0; white-space: pre-wrap; word-break: break-word; }
p.confirmed { color: var(--ok); margin: 0 0 10px; }
.exchange { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; overflow: hidden; }
.exchange.setup, .exchange.verify { opacity: .85; }
.ex-head { display: flex; gap: 10px; align-items: center; padding: 5px 10px; background: #f7f8fa; border-bottom: 1px solid var(--line); }
.tag { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; }
.status { font-weight: 700; margin-left: auto; }
.status.s2 { color: var(--ok); } .status.s4 { color: var(--high); } .status.s5, .status.none { color: var(--bad); }
.ex-cols { display: grid; grid-template-columns: 1fr 1fr; }
.ex-cols > div { min-width: 0; padding: 6px 10px; }
.ex-cols > div + div { border-left: 1px solid var(--line); }
.ex-cols h5 { margin: 0 0 4px; font-size: 11px; text-transform: uppercase; color: var(--muted); letter-spacing: .04em; }
pre { margin: 0; white-space: pre-wrap; word-break: break-all; max-height: 260px; overflow: auto; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media (max-width: 860px) { .overview, header.card { grid-template-columns: 1fr; } details.check > summary { grid-template-columns: 62px 82px 1fr; } details.check > summary .title, details.check > summary .ms { grid-column: 1 / -1; } .ex-cols { grid-template-columns: 1fr; } }
`;
