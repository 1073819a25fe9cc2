/**
 * The sandbox as a separate process, started through the real CLI (`trueplay-sandbox start`, run from source by
 * tsx so no build is needed) on a file database and free ports, so a test can kill -9 it and start it again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tsxLoader = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/loader.mjs')).href;
const entry = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));

export interface ChildSandbox {
  trueplayUrl: string;
  walletUrl: string;
  /** SIGKILL: no shutdown code runs, as when a machine loses power or the OOM killer strikes. */
  kill9(): Promise<void>;
  output(): string;
}

export function startChildSandbox(dbFile: string, cwd: string, startupMs = 60_000): Promise<ChildSandbox> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', tsxLoader, entry, 'start', '--db', dbFile, '--trueplay-port', '0', '--operator-port', '0', '--log-level', 'warn'],
    // Its own working directory, so no trueplay-sandbox.config.yaml lying around is picked up.
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the sandbox did not start within ${startupMs} ms:\n${output}`));
    }, startupMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const trueplayUrl = /fake Trueplay\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const walletUrl = /fake operator wallet\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (!trueplayUrl || !walletUrl) return;
      clearTimeout(timer);
      resolve({
        trueplayUrl,
        walletUrl,
        async kill9() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
        output: () => output,
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited (${code ?? signal}) before it was up:\n${output}`));
    });
  });
}
