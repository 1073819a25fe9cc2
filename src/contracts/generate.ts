/** `trueplay-sandbox contracts`: runs the contract scenarios and writes the pact files from the calls they made. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CaptureRun } from './capture.js';
import type { PactSpec } from './interaction.js';
import { planInteractions, writePact } from './pact-writer.js';
import { operatorTrueplayPact } from './pacts/operator-trueplay.js';
import { trueplayOperatorPact } from './pacts/trueplay-operator.js';
import { trueplayOperatorPlayerEventsPact } from './pacts/trueplay-operator-player-events.js';
import { CONTRACTS_DIR, CONTRACT_SCENARIOS_DIR } from './paths.js';
import { captureScenarios } from './scenario-capture.js';
import { discoverScenarioFiles } from '../scenarios/discover.js';

export { CONTRACTS_DIR, CONTRACT_SCENARIOS_DIR };
export const OPERATOR_TRUEPLAY_PACT = join(CONTRACTS_DIR, operatorTrueplayPact.file);
export const TRUEPLAY_OPERATOR_PACT = join(CONTRACTS_DIR, trueplayOperatorPact.file);
/** The optional player-event webhook's pact: verified only on request (`verify operator --player-events`). */
export const PLAYER_EVENTS_PACT = join(CONTRACTS_DIR, trueplayOperatorPlayerEventsPact.file);

export const PACTS: PactSpec[] = [operatorTrueplayPact, trueplayOperatorPact, trueplayOperatorPlayerEventsPact];

export interface GenerateOptions {
  /** Scenario files or folders (default: contracts/scenarios). */
  scenarios?: string[];
  /** Where the pact files go (default: contracts/). */
  outDir?: string;
}

export interface GeneratedContracts {
  files: string[];
  interactions: number;
}

export async function generateContracts(options: GenerateOptions = {}): Promise<GeneratedContracts> {
  const runs = await captureScenarios(discoverScenarioFiles(options.scenarios ?? [CONTRACT_SCENARIOS_DIR]));
  const outDir = resolve(options.outDir ?? CONTRACTS_DIR);
  mkdirSync(outDir, { recursive: true });
  // PactV4 merges into an existing file; writing into a fresh folder first keeps a regeneration exact.
  const scratch = mkdtempSync(join(tmpdir(), 'trueplay-pacts-'));
  try {
    const interactions = await writePacts(runs, scratch);
    const files = PACTS.map((pact) => {
      copyFileSync(join(scratch, pact.file), join(outDir, pact.file));
      return join(outDir, pact.file);
    });
    return { files, interactions };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function writePacts(runs: CaptureRun[], dir: string): Promise<number> {
  let count = 0;
  for (const pact of PACTS) {
    const planned = planInteractions(pact, runs);
    await writePact(pact, planned, dir);
    count += planned.length;
  }
  return count;
}

/** Regenerates into a scratch folder and names the committed files a regeneration would change. */
export async function staleContracts(options: GenerateOptions = {}): Promise<string[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'trueplay-pacts-check-'));
  try {
    await generateContracts({ ...options, outDir: scratch });
    const committedDir = resolve(options.outDir ?? CONTRACTS_DIR);
    return PACTS.map((pact) => pact.file).filter((file) => {
      const committed = join(committedDir, file);
      let text: string;
      try {
        text = readFileSync(committed, 'utf8');
      } catch {
        return true;
      }
      return text !== readFileSync(join(scratch, file), 'utf8');
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
