/**
 * The sandbox as a separate process, started through the real CLI (`trueplay-sandbox start`, run from source by
 * tsx so no build is needed) on a file database and free ports, so a test can kill -9 it and start it again.
 */
import { spawnCli } from '../../support/cli.js';

export interface ChildSandbox {
  trueplayUrl: string;
  walletUrl: string;
  /** SIGKILL: no shutdown code runs, as when a machine loses power or the OOM killer strikes. */
  kill9(): Promise<void>;
  output(): string;
}

export async function startChildSandbox(dbFile: string, cwd: string, startupMs = 60_000): Promise<ChildSandbox> {
  // Its own working directory, so no trueplay-sandbox.config.yaml lying around is picked up.
  const run = spawnCli(['start', '--db', dbFile, '--trueplay-port', '0', '--operator-port', '0', '--log-level', 'warn'], { cwd, noColor: false });
  try {
    const trueplayUrl = (await run.waitFor(/fake Trueplay\s+(http:\/\/127\.0\.0\.1:\d+)/, startupMs))[1]!;
    const walletUrl = (await run.waitFor(/fake operator wallet\s+(http:\/\/127\.0\.0\.1:\d+)/, startupMs))[1]!;
    return {
      trueplayUrl,
      walletUrl,
      async kill9() {
        await run.stop('SIGKILL');
      },
      output: run.output,
    };
  } catch (error) {
    await run.stop('SIGKILL');
    throw new Error(`the sandbox did not start: ${(error as Error).message}`);
  }
}
