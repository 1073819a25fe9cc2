/** `trueplay-sandbox probe …` in a child process, from source (test/support/cli.ts), as a user's CI runs it. */
import { runCli, type CliResult } from '../../support/cli.js';

export { lastLine } from '../../support/cli.js';

/** The probe with the environment's own colour settings, ended after two minutes. */
export const probe = (args: string[]): Promise<CliResult> => runCli(['probe', ...args], { noColor: false, timeoutMs: 120_000 });
