/**
 * `npm run bench [-- --quick]`: measures the sandbox against its floor (bare Hono) and its peers (Prism, WireMock)
 * in one run, on loopback, and checks the targets. Results: bench/results/latest.json and the table in bench/README.md.
 * Every measure is printed as a ratio against its floor in the same run; the last line is `accept/hono ratio: X.XX`.
 */
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { benchColdStart } from './cold-start.js';
import { benchIngest } from './ingest.js';
import { benchPeers } from './peers.js';
import { benchScenarioRunner } from './scenario-runner.js';
import { benchSettlement } from './settlement.js';
import { renderTable, updateReadme } from './lib/report.js';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (name: string) => !only || only.includes(name);

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`trueplay-sandbox bench (${quick ? 'quick' : 'full'}) on ${machine}`);

const results: Record<string, unknown> = { at: new Date().toISOString(), quick, machine };
const ingest = wanted('ingest') ? await benchIngest(quick) : undefined;
if (ingest) {
  results.ingest = ingest;
  console.log(`ingest   sandbox ${ingest.sandbox.requestsPerSecond} req/s (p50 ${ingest.sandbox.p50} ms, p99 ${ingest.sandbox.p99} ms) vs bare hono ${ingest.bareHono.requestsPerSecond} req/s (p50 ${ingest.bareHono.p50}, p99 ${ingest.bareHono.p99})`);
}
if (wanted('cold-start')) {
  results.coldStart = await benchColdStart(quick);
  console.log(`cold     ${JSON.stringify(results.coldStart)}`);
}
if (wanted('settlement')) {
  results.settlement = await benchSettlement(quick);
  console.log(`settle   ${JSON.stringify(results.settlement)}`);
}
if (wanted('scenario')) {
  results.scenarioRunner = await benchScenarioRunner();
  console.log(`scenario ${JSON.stringify(results.scenarioRunner)}`);
}
if (wanted('peers') && ingest) {
  results.peers = await benchPeers(ingest.secondsPerRound);
  console.log(`peers    ${JSON.stringify(results.peers)}`);
}

const table = renderTable(results);
console.log(`\n${table}`);
writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
if (!quick && !only) updateReadme(table);
// Each measure against its floor in this run: comparable across machines, unlike the absolute times above.
const cold = results.coldStart as { ratio: number } | undefined;
const settle = results.settlement as { ratio: number } | undefined;
const scenario = results.scenarioRunner as { ratio: number } | undefined;
if (cold) console.log(`cold-start/bare-hono ratio: ${cold.ratio.toFixed(2)} (lower is better)`);
if (settle) console.log(`settlement/sql-aggregate ratio: ${settle.ratio.toFixed(2)} (lower is better)`);
if (scenario) console.log(`scenario-step/raw-round-trip ratio: ${scenario.ratio.toFixed(2)} (lower is better)`);
if (ingest) console.log(`accept/hono ratio: ${ingest.ratio.toFixed(2)}`);
