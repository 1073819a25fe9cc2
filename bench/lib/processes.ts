/** Starting servers as child processes for the benchmarks, and reading the URLs they print once listening. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  child: ChildProcess;
  urls: string[];
  stop(): Promise<void>;
}

/** Spawns `command` and resolves once its output has shown `count` http:// URLs (printed after listening). */
export function startServerProcess(command: string, args: string[], count: number, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const urls: string[] = [];
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const match of chunk.toString().matchAll(/http:\/\/127\.0\.0\.1:\d+/g)) {
        if (!urls.includes(match[0])) urls.push(match[0]);
      }
      if (urls.length >= count) {
        child.stdout?.off('data', onData);
        resolve({ child, urls, stop: () => stopProcess(child) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited (${code}) before listening:\n${output}`)));
    child.once('error', reject);
  });
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * The ratio of a measure to its floor: the median of each round's own ratio, rounded to two places. Each round
 * measures the two back to back, so a slow stretch of a shared VM slows both and mostly cancels out; the ratio of
 * two medians taken from different rounds does not cancel it.
 */
export function pairedRatio(measure: number[], floor: number[]): number {
  if (measure.length !== floor.length || measure.length === 0) throw new Error('pairedRatio needs one floor per round');
  return Math.round(median(measure.map((value, round) => value / floor[round]!)) * 100) / 100;
}
