/** Runs a command in this process, as a CI job would read it: everything it printed, and the exit code. */
import { vi } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';

export async function runInProcess(args: string[]): Promise<{ exitCode: number; output: string }> {
  const chunks: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void chunks.push(`${a.join(' ')}\n`));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void chunks.push(`${a.join(' ')}\n`));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((text: string | Uint8Array) => (chunks.push(String(text)), true));
  process.exitCode = 0;
  try {
    await buildProgram().exitOverride().parseAsync(['node', 'trueplay-sandbox', ...args]);
    return { exitCode: Number(process.exitCode ?? 0), output: chunks.join('') };
  } finally {
    process.exitCode = 0;
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}
