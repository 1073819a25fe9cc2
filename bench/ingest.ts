/** Ingest: POST /api/v1/accept on the sandbox vs a bare Hono app, alternating A/B rounds in one run; the ratio is paired by round. */
import { acceptRound, type RoundResult } from './lib/load.js';
import { median, pairedRatio, startServerProcess } from './lib/processes.js';
import { tempDatabase } from './lib/temp.js';

export interface IngestResult {
  rounds: number;
  secondsPerRound: number;
  sandbox: Summary;
  bareHono: Summary;
  /** Sandbox ÷ bare Hono req/s, paired by round. */
  ratio: number;
  samples: { sandbox: number[]; bareHono: number[] };
}

interface Summary {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
}

const summarise = (rounds: RoundResult[]): Summary => ({
  requestsPerSecond: Math.round(median(rounds.map((r) => r.requestsPerSecond))),
  p50: median(rounds.map((r) => r.p50)),
  p99: median(rounds.map((r) => r.p99)),
  non2xx: rounds.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
});

export async function benchIngest(quick: boolean): Promise<IngestResult> {
  const rounds = quick ? 2 : 4;
  const seconds = quick ? 3 : 8;
  const db = tempDatabase('ingest');
  // Request logs off (warn), as in a CI run: the comparison is auth, validation, idempotency, journal and SQLite.
  const sandbox = await startServerProcess('node', ['bin/trueplay-sandbox.js', 'start', '--trueplay-port', '0', '--operator-port', '0', '--db', db, '--log-level', 'warn'], 2);
  const bare = await startServerProcess('node', ['--import', 'tsx', 'bench/servers/bare-hono.ts'], 1);
  try {
    // Warm both up (JIT, SQLite pages) before measuring.
    await acceptRound(sandbox.urls[0]!, 1);
    await acceptRound(bare.urls[0]!, 1);
    const a: RoundResult[] = [];
    const b: RoundResult[] = [];
    for (let round = 0; round < rounds; round += 1) {
      a.push(await acceptRound(sandbox.urls[0]!, seconds));
      b.push(await acceptRound(bare.urls[0]!, seconds));
    }
    const sandboxRates = a.map((r) => Math.round(r.requestsPerSecond));
    const bareRates = b.map((r) => Math.round(r.requestsPerSecond));
    return {
      rounds, secondsPerRound: seconds, sandbox: summarise(a), bareHono: summarise(b),
      ratio: pairedRatio(sandboxRates, bareRates), samples: { sandbox: sandboxRates, bareHono: bareRates },
    };
  } finally {
    await Promise.all([sandbox.stop(), bare.stop()]);
  }
}
