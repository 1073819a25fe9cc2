/**
 * Scenario runner: a generated 1,000-step scenario (bets, wins and balance checks for 50 players, then a cashback
 * day) run through the runner's library API against a fresh in-process sandbox, timed end to end.
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { runScenarioFile } from '../src/scenarios/index.js';
import { tempDatabase } from './lib/temp.js';

export interface ScenarioRunnerResult {
  steps: number;
  ms: number;
  passed: boolean;
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
    setup: { clock: '2099-01-05T08:00:00Z', campaigns: { cashback: { type: 'CASHBACK', percent: 10 } } },
    steps,
  };
}

export async function benchScenarioRunner(stepCount = 1000): Promise<ScenarioRunnerResult> {
  const file = tempDatabase('scenario').replace(/\.db$/, '.yaml');
  writeFileSync(file, stringify(generatedScenario(stepCount)));
  const started = performance.now();
  const result = await runScenarioFile(file, { sandbox: { db: tempDatabase('scenario-run') } });
  const ms = Math.round(performance.now() - started);
  if (!result.passed) {
    const failed = result.steps.find((s) => s.status === 'failed');
    throw new Error(`the generated scenario failed: ${result.error ?? JSON.stringify(failed?.failures ?? result.problems)}`);
  }
  return { steps: result.steps.length, ms, passed: result.passed };
}
