/** Settlement: one cashback day of 1,000,000 transactions for 10,000 users, settled by a clock advance. */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { startServerProcess } from './lib/processes.js';
import { tempDatabase } from './lib/temp.js';

export interface SettlementResult {
  transactions: number;
  users: number;
  settleMs: number;
  peakRssMb: number;
  awards: number;
}

/** Peak resident memory of a process, from /proc (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export async function benchSettlement(quick: boolean): Promise<SettlementResult> {
  const transactions = quick ? 200_000 : 1_000_000;
  const users = quick ? 2_000 : 10_000;
  const db = tempDatabase('settlement');
  execFileSync('node', ['--import', 'tsx', 'bench/settlement-seed.ts', db, String(users), String(transactions)], { stdio: 'inherit' });
  const server = await startServerProcess('node', ['bin/trueplay-sandbox.js', 'start', '--trueplay-port', '0', '--operator-port', '0', '--db', db], 2);
  try {
    const started = performance.now();
    const response = await fetch(`${server.urls[0]}/sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance: 'P1D' }),
    });
    const settleMs = Math.round(performance.now() - started);
    const body = (await response.json()) as { settled?: { awards: number }[] };
    if (response.status !== 200) throw new Error(`clock advance answered ${response.status}: ${JSON.stringify(body)}`);
    const awards = (body.settled ?? []).reduce((sum, s) => sum + s.awards, 0);
    return { transactions, users, settleMs, peakRssMb: peakRssMb(server.child.pid!), awards };
  } finally {
    await server.stop();
  }
}
