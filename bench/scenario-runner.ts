/** Scenario runner: a generated 1,000-step scenario run against an in-process sandbox. */
export interface ScenarioRunnerResult {
  steps: number;
  ms: number;
  passed: boolean;
}

export async function benchScenarioRunner(): Promise<ScenarioRunnerResult | { skipped: string }> {
  return { skipped: 'the scenario runner is not built yet' };
}
