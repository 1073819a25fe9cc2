/** The results table with each target and whether this run met it. */
import { readFileSync, writeFileSync } from 'node:fs';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const mark = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'met' : '**missed**');

export function renderTable(r: Record<string, Any>): string {
  const rows: string[][] = [];
  if (r.ingest) {
    rows.push(['Ingest /accept vs bare Hono (req/s ratio)', `${r.ingest.sandbox.requestsPerSecond} vs ${r.ingest.bareHono.requestsPerSecond} req/s → **${r.ingest.ratio.toFixed(2)}**; p50 ${r.ingest.sandbox.p50}/${r.ingest.bareHono.p50} ms, p99 ${r.ingest.sandbox.p99}/${r.ingest.bareHono.p99} ms`, '≥ 0.60', mark(r.ingest.ratio >= 0.6)]);
  }
  if (r.coldStart) rows.push(['Cold start to first 200 from both sides vs two bare Hono servers spawned alike (median)', `compiled ${r.coldStart.compiledMs} ms vs ${r.coldStart.floorMs} ms → **${r.coldStart.ratio.toFixed(2)}×**; tsx ${r.coldStart.tsxMs} ms`, '≤ 300 ms', mark(r.coldStart.compiledMs <= 300)]);
  if (r.settlement) rows.push([`Settlement of ${r.settlement.transactions.toLocaleString('en')} tx / ${r.settlement.users.toLocaleString('en')} users vs one SQL aggregate of the same rows`, `${r.settlement.settleMs} ms vs ${r.settlement.floorMs} ms → **${r.settlement.ratio.toFixed(2)}×**; peak RSS ${r.settlement.peakRssMb} MB, ${r.settlement.awards} awards`, '≤ 1 s, ≤ 200 MB', mark(r.settlement.settleMs <= 1000 && r.settlement.peakRssMb <= 200)]);
  if (r.scenarioRunner) rows.push([`Scenario runner, ${r.scenarioRunner.steps} steps vs as many raw round trips`, `${r.scenarioRunner.ms} ms; ${r.scenarioRunner.msPerStep} vs ${r.scenarioRunner.floorMsPerRequest} ms per step → **${r.scenarioRunner.ratio.toFixed(2)}×**`, '≤ 2 s', mark(r.scenarioRunner.ms <= 2000)]);
  for (const peer of r.peers ?? []) {
    const sandbox = r.ingest?.sandbox.requestsPerSecond;
    rows.push([`Peer: ${peer.name} (stateless mock, same request)`, peer.skipped ? `skipped: ${peer.skipped}` : `${Math.round(peer.result.requestsPerSecond)} req/s (p99 ${peer.result.p99} ms) vs sandbox ${sandbox}`, 'sandbox ≥ peer', peer.skipped ? 'n/a' : mark(sandbox >= peer.result.requestsPerSecond)]);
  }
  return ['| measure | result | target | |', '|---|---|---|---|', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

export function updateReadme(table: string): void {
  const file = 'bench/README.md';
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(START);
  const until = text.indexOf(END);
  if (at < 0 || until < 0) return;
  writeFileSync(file, `${text.slice(0, at + START.length)}\n${table}\n${text.slice(until)}`);
}
