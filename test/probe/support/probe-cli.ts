/** `trueplay-sandbox probe …` in a child process, from source (see run-cli.ts), as a user's CI runs it. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const RUN_CLI = join(import.meta.dirname, 'run-cli.ts');

export function probe(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', RUN_CLI, 'probe', ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

export const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);
