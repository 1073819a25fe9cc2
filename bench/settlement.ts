/**
 * Settlement: one cashback day of 1,000,000 transactions for 10,000 users, settled by a clock advance. The floor is
 * one SQL aggregate of the same rows on the same file (bench/servers/settlement-floor.ts), in the same run.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { startServerProcess } from './lib/processes.js';
import { SETTLEMENT_DAY_END, SETTLEMENT_DAY_START } from './lib/settlement-day.js';
import { tempDatabase } from './lib/temp.js';

export interface SettlementResult {
  transactions: number;
  users: number;
  settleMs: number;
  peakRssMb: number;
  awards: number;
  floorMs: number;
  /** settleMs ÷ floorMs: what a whole settlement costs beyond reading its sums. */
  ratio: number;
}

/** Peak resident memory of a process, from /proc (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function floorMs(db: string): number {
  const printed = execFileSync('node', ['--import', 'tsx', 'bench/servers/settlement-floor.ts', db, String(SETTLEMENT_DAY_START), String(SETTLEMENT_DAY_END)], { encoding: 'utf8' });
  return (JSON.parse(printed.trim().split('\n').at(-1)!) as { ms: number }).ms;
}

export async function benchSettlement(quick: boolean): Promise<SettlementResult> {
  const transactions = quick ? 200_000 : 1_000_000;
  const users = quick ? 2_000 : 10_000;
  const db = tempDatabase('settlement');
  execFileSync('node', ['--import', 'tsx', 'bench/settlement-seed.ts', db, String(users), String(transactions)], { stdio: 'inherit' });
  const floor = floorMs(db);
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
    return {
      transactions, users, settleMs, peakRssMb: peakRssMb(server.child.pid!), awards,
      floorMs: Math.round(floor), ratio: Math.round((settleMs / floor) * 100) / 100,
    };
  } finally {
    await server.stop();
  }
}
