/**
 * Starts python_wallet.py (a casino wallet written blind from the reference, in Python's standard library) as a real
 * child process on a free port, and reads its URL from the line it prints once it listens.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export type PythonWalletFlaw = 'no-idempotency' | 'no-signature' | 'split-check' | 'negative-amount';

export interface PythonWallet {
  url: string;
  /** Its provider-state endpoint, in its own namespace (not the default <base-url>/sandbox/provider-states). */
  stateUrl: string;
  /** What it wrote to stderr so far (tracebacks, if any). */
  stderr(): string;
  close(): Promise<void>;
}

const WALLET = join(import.meta.dirname, 'python_wallet.py');

export function startPythonWallet(options: { secret: string; flaw?: PythonWalletFlaw }): Promise<PythonWallet> {
  const args = [WALLET, '--port', '0', '--secret', options.secret, ...(options.flaw ? ['--flaw', options.flaw] : [])];
  const child = spawn(process.env.PYTHON ?? 'python3', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`python_wallet.py did not say where it listens within 10 s; stdout: ${stdout}; stderr: ${stderr}`));
    }, 10_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    const early = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`python_wallet.py exited with ${code} before listening; stderr: ${stderr}`));
    };
    child.once('exit', early);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /^listening on (http:\/\/\S+)$/m.exec(stdout)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.off('exit', early);
      resolve({ url, stateUrl: `${url}/_admin/provider-states`, stderr: () => stderr, close });
    });
  });
}
