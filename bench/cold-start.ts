/**
 * Cold start: spawn `trueplay-sandbox start` until both sides answer 200; median of 9 (3 with --quick), compiled JS vs tsx. The floor is
 * two bare Hono servers spawned the same way (plain node) and asked the same two requests, in the same run, just before
 * each sandbox start; the ratio is paired by round.
 */
import { median, pairedRatio, startServerProcess } from './lib/processes.js';
import { tempDatabase } from './lib/temp.js';

export interface ColdStartResult {
  compiledMs: number;
  tsxMs: number;
  floorMs: number;
  /** compiledMs ÷ floorMs: how many bare-Hono start-ups one sandbox start-up costs. */
  ratio: number;
  samples: { compiled: number[]; tsx: number[]; floor: number[] };
}

const SANDBOX_ARGS = ['start', '--trueplay-port', '0', '--operator-port', '0'];

async function once(command: string, args: string[]): Promise<number> {
  const started = performance.now();
  const server = await startServerProcess(command, args, 2);
  try {
    const [trueplay, wallet] = server.urls;
    const answers = await Promise.all([fetch(`${trueplay}/health`), fetch(`${wallet}/sandbox/faults`)]);
    if (answers[0]!.status !== 200) throw new Error(`${command} ${args.join(' ')}: the first side answered ${answers[0]!.status}`);
    if (answers[1]!.status !== 200) throw new Error(`${command} ${args.join(' ')}: the second side answered ${answers[1]!.status}`);
    return performance.now() - started;
  } finally {
    await server.stop();
  }
}

export async function benchColdStart(quick: boolean): Promise<ColdStartResult> {
  // Nine: one start-up is ~2× noisier than a throughput round on a shared VM, and a median of five still wandered.
  const runs = quick ? 3 : 9;
  const compiled: number[] = [];
  const tsx: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    floor.push(await once('node', ['bench/servers/bare-hono-pair.mjs']));
    compiled.push(await once('node', ['bin/trueplay-sandbox.js', ...SANDBOX_ARGS, '--db', tempDatabase('cold')]));
    tsx.push(await once('node', ['--import', 'tsx', 'bench/servers/cli-from-source.ts', ...SANDBOX_ARGS, '--db', tempDatabase('cold')]));
  }
  const compiledMs = Math.round(median(compiled));
  const floorMs = Math.round(median(floor));
  return { compiledMs, tsxMs: Math.round(median(tsx)), floorMs, ratio: pairedRatio(compiled, floor), samples: { compiled, tsx, floor } };
}
