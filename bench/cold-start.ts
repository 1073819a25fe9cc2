/** Cold start: spawn `trueplay-sandbox start` until both sides answer 200; median of 5, compiled JS vs tsx. */
import { median, startServerProcess } from './lib/processes.js';
import { tempDatabase } from './lib/temp.js';

export interface ColdStartResult {
  compiledMs: number;
  tsxMs: number;
  samples: { compiled: number[]; tsx: number[] };
}

async function once(command: string, args: string[]): Promise<number> {
  const started = performance.now();
  const server = await startServerProcess(command, [...args, 'start', '--trueplay-port', '0', '--operator-port', '0', '--db', tempDatabase('cold')], 2);
  try {
    const [trueplay, wallet] = server.urls;
    const answers = await Promise.all([fetch(`${trueplay}/health`), fetch(`${wallet}/sandbox/faults`)]);
    if (answers[0]!.status !== 200) throw new Error(`the fake Trueplay answered ${answers[0]!.status}`);
    if (answers[1]!.status !== 200) throw new Error(`the wallet answered ${answers[1]!.status}`);
    return performance.now() - started;
  } finally {
    await server.stop();
  }
}

export async function benchColdStart(quick: boolean): Promise<ColdStartResult> {
  const runs = quick ? 3 : 5;
  const compiled: number[] = [];
  const tsx: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    compiled.push(await once('node', ['bin/trueplay-sandbox.js']));
    tsx.push(await once('node', ['--import', 'tsx', 'bench/servers/cli-from-source.ts']));
  }
  return { compiledMs: Math.round(median(compiled)), tsxMs: Math.round(median(tsx)), samples: { compiled, tsx } };
}
