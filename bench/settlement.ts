/**
 * Settlement: one cashback day of 1,000,000 transactions for 10,000 users, settled by a clock advance. The floor is
 * one SQL aggregate of the same rows on the same file (bench/servers/settlement-floor.ts), in the same run.
 * Five rounds, floor and settlement alternating, medians, the ratio paired by round: one sample of each wandered by
 * 1.5× on a shared VM, and the ratio of three medians by ±10%.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { median, pairedRatio, startServerProcess } from './lib/processes.js';
import { SETTLEMENT_DAY_END, SETTLEMENT_DAY_START } from './lib/settlement-day.js';
import { tempDatabase } from './lib/temp.js';

export interface SettlementResult {
  transactions: number;
  users: number;
  settleMs: number;
  peakRssMb: number;
  awards: number;
  floorMs: number;
  /** settleMs ÷ floorMs, paired by round: what a whole settlement costs beyond reading its sums. */
  ratio: number;
  samples: { settle: number[]; floor: number[] };
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

/** A copy of the seeded file (with its WAL, if any): a settlement writes its awards, so each round needs its own. */
function settleCopyOf(seeded: string): string {
  const copy = tempDatabase('settlement-round');
  copyFileSync(seeded, copy);
  if (existsSync(`${seeded}-wal`)) copyFileSync(`${seeded}-wal`, `${copy}-wal`);
  return copy;
}

/** One settlement, in a fresh server on `db`: the clock advance's time, the awards it made, the server's peak RSS. */
async function settleOnce(db: string): Promise<{ ms: number; awards: number; peakRssMb: number }> {
  const server = await startServerProcess('node', ['bin/trueplay-sandbox.js', 'start', '--trueplay-port', '0', '--operator-port', '0', '--db', db], 2);
  try {
    const started = performance.now();
    const response = await fetch(`${server.urls[0]}/sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance: 'P1D' }),
    });
    const ms = performance.now() - started;
    const body = (await response.json()) as { settled?: { awards: number }[] };
    if (response.status !== 200) throw new Error(`clock advance answered ${response.status}: ${JSON.stringify(body)}`);
    const awards = (body.settled ?? []).reduce((sum, s) => sum + s.awards, 0);
    return { ms, awards, peakRssMb: peakRssMb(server.child.pid!) };
  } finally {
    await server.stop();
  }
}

const ROUNDS = 5;

export async function benchSettlement(quick: boolean): Promise<SettlementResult> {
  const transactions = quick ? 200_000 : 1_000_000;
  const users = quick ? 2_000 : 10_000;
  const seeded = tempDatabase('settlement');
  execFileSync('node', ['--import', 'tsx', 'bench/settlement-seed.ts', seeded, String(users), String(transactions)], { stdio: 'inherit' });
  // Every round's copy is written (and flushed) before any round is timed: a 100 MB copy made between a floor and
  // its settlement left the kernel writing it back while the next round ran, and that round's floor wandered by 1.7×.
  const copies = Array.from({ length: ROUNDS }, () => settleCopyOf(seeded));
  execFileSync('sync');
  const floors: number[] = [];
  const settlements: Awaited<ReturnType<typeof settleOnce>>[] = [];
  for (const copy of copies) {
    floors.push(floorMs(seeded));
    settlements.push(await settleOnce(copy));
  }
  const floor = median(floors);
  const settleMs = Math.round(median(settlements.map((s) => s.ms)));
  return {
    transactions, users, settleMs, peakRssMb: Math.max(...settlements.map((s) => s.peakRssMb)), awards: settlements[0]!.awards,
    floorMs: Math.round(floor), ratio: pairedRatio(settlements.map((s) => s.ms), floors),
    samples: { settle: settlements.map((s) => Math.round(s.ms)), floor: floors.map(Math.round) },
  };
}
