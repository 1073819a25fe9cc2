/**
 * Scenario runner: a generated 1,000-step scenario (bets, wins and balance checks for 50 players, then a cashback
 * day) run through the runner's library API against a fresh in-process sandbox, timed end to end. The floor is as many
 * raw HTTP round trips (one unique BET each, `fetch` on loopback) to an in-process sandbox started the same way.
 * A round of each to warm up, then three rounds, run and floor alternating, medians, the ratio paired by round: one
 * sample of each wandered by 1.5× on a shared VM.
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { runScenarioFile } from '../src/scenarios/index.js';
import { startSandbox } from '../src/sandbox.js';
import { nextAcceptBody } from './lib/load.js';
import { median, pairedRatio } from './lib/processes.js';
import { tempDatabase } from './lib/temp.js';

export interface ScenarioRunnerResult {
  steps: number;
  ms: number;
  passed: boolean;
  /** Milliseconds per step, and per raw round trip (the floor). */
  msPerStep: number;
  floorMsPerRequest: number;
  /** msPerStep ÷ floorMsPerRequest, paired by round: what a step costs beyond the HTTP call it makes. */
  ratio: number;
  samples: { msPerStep: number[]; floorMsPerRequest: number[] };
}

/** `count` sequential raw round trips (a unique BET each) to a fresh in-process sandbox: milliseconds per request. */
async function rawRoundTripMs(count: number): Promise<number> {
  const sandbox = await startSandbox({ db: tempDatabase('scenario-floor'), backgroundWork: false });
  try {
    const send = async () => {
      const answer = await fetch(`${sandbox.trueplayUrl}/api/v1/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': sandbox.apiKey },
        body: nextAcceptBody(),
      });
      if (answer.status !== 200) throw new Error(`raw /accept answered ${answer.status}: ${await answer.text()}`);
      await answer.arrayBuffer();
    };
    for (let i = 0; i < 50; i += 1) await send(); // warm-up, as the scenario's set-up warms its sandbox
    const started = performance.now();
    for (let i = 0; i < count; i += 1) await send();
    return (performance.now() - started) / count;
  } finally {
    await sandbox.close();
  }
}

export function generatedScenario(stepCount: number) {
  const steps: unknown[] = [];
  for (let i = 0; steps.length < stepCount - 1; i += 1) {
    const player = `player-${Math.floor(i / 3) % 50}`;
    if (i % 3 === 2) {
      steps.push({ name: `balance ${i}`, balance: { operatorUserId: player }, expect: { status: 200 } });
    } else if (i % 3 === 1) {
      steps.push({ win: { operatorUserId: player, transactionId: `win-${i}`, referenceTransactionId: `bet-${i - 1}`, amount: 1, gameType: 'Slot' }, expect: { status: 200 } });
    } else {
      steps.push({ bet: { operatorUserId: player, transactionId: `bet-${i}`, amount: 5, gameType: 'Slot' }, expect: { status: 200, body: { duplicate: false } } });
    }
  }
  steps.push({ name: 'the day settles', clock: { advance: 'P1D' }, expect: { status: 200 } });
  return {
    name: `Generated ${stepCount}-step scenario`,
    description: 'Bets, wins and balances for 50 players, then a cashback day (bench/scenario-runner.ts).',
    setup: { clock: '2026-03-02T08:00:00Z', campaigns: { cashback: { type: 'CASHBACK', percent: 10 } } },
    steps,
  };
}

/** One run of the generated file: its milliseconds and its step count. */
async function runOnce(file: string): Promise<{ ms: number; steps: number }> {
  const started = performance.now();
  const result = await runScenarioFile(file, { sandbox: { db: tempDatabase('scenario-run') } });
  const ms = performance.now() - started;
  if (!result.passed) {
    const failed = result.steps.find((s) => s.status === 'failed');
    throw new Error(`the generated scenario failed: ${result.error ?? JSON.stringify(failed?.failures ?? result.problems)}`);
  }
  return { ms, steps: result.steps.length };
}

export async function benchScenarioRunner(stepCount = 1000): Promise<ScenarioRunnerResult> {
  const file = tempDatabase('scenario').replace(/\.db$/, '.yaml');
  writeFileSync(file, stringify(generatedScenario(stepCount)));
  const runs: { ms: number; steps: number }[] = [];
  const floors: number[] = [];
  // One round of each first, not counted: this process's first run paid for loading and compiling the runner and was
  // twice as slow as the next, which is the JIT's warm-up, not a step's cost.
  await runOnce(file);
  await rawRoundTripMs(stepCount);
  for (let round = 0; round < 3; round += 1) {
    runs.push(await runOnce(file));
    floors.push(await rawRoundTripMs(stepCount));
  }
  const ms = Math.round(median(runs.map((r) => r.ms)));
  const steps = runs[0]!.steps;
  const floorMsPerRequest = median(floors);
  const msPerStep = ms / steps;
  return {
    steps, ms, passed: true,
    msPerStep: Math.round(msPerStep * 1000) / 1000, floorMsPerRequest: Math.round(floorMsPerRequest * 1000) / 1000,
    ratio: pairedRatio(runs.map((r) => r.ms / r.steps), floors),
    samples: { msPerStep: runs.map((r) => Math.round((r.ms / r.steps) * 1000) / 1000), floorMsPerRequest: floors.map((f) => Math.round(f * 1000) / 1000) },
  };
}
