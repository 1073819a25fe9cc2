/**
 * The one way tests run the real CLI as a child process: from source through tsx (no build needed), via
 * `cli-entry.ts`. `spawnCli` for a process that keeps running (a sandbox), `runCli` for a command that finishes.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
export const CLI_ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));

/** node's arguments that run the CLI from source with these arguments. */
export const cliArgs = (args: string[]) => ['--import', TSX, CLI_ENTRY, ...args];

export type EnvOverlay = Record<string, string | undefined>;

export interface CliOptions {
  /** Working directory (default: this process's). */
  cwd?: string;
  /** Laid over this process's environment; undefined removes a variable. */
  env?: EnvOverlay;
  /** Set NO_COLOR=1 under `env` (default true); false leaves the inherited environment's colour settings alone. */
  noColor?: boolean;
  /** Starts the process (default: node's spawn), e.g. inside a network namespace. */
  spawn?: (command: string, args: string[], options: SpawnOptions) => ChildProcess;
}

/** The child's environment: this process's, NO_COLOR=1 unless `noColor: false`, then `env` over it. */
export function cliEnv(env: EnvOverlay = {}, noColor = true): NodeJS.ProcessEnv {
  const merged: EnvOverlay = { ...process.env, ...(noColor ? { NO_COLOR: '1' } : {}), ...env };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  return merged as NodeJS.ProcessEnv;
}

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** stdout and stderr interleaved as they arrived. */
  output(): string;
  /** Resolves with the exit code once the process has exited and its output is all read. */
  exited: Promise<number | null>;
  /** Resolves once stdout contains `text`; rejects if the process exits first or the deadline passes. */
  waitForStdout(text: string, timeoutMs?: number): Promise<string>;
  /** Resolves with the first match of `pattern` in stdout+stderr; rejects if the process exits first or the deadline passes. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Sends `signal` (SIGTERM unless told) if it is still running, and waits for it to end. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function spawnCli(args: string[], options: CliOptions = {}): CliRun {
  const start = options.spawn ?? spawn;
  const child = start(process.execPath, cliArgs(args), {
    cwd: options.cwd ?? process.cwd(),
    env: cliEnv(options.env, options.noColor ?? true),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let all = '';
  let done = false;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  // Both streams are read for the child's whole life: a closed pipe would kill it on its next log line.
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk;
    all += chunk;
    notify();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk;
    all += chunk;
    notify();
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      done = true;
      resolve(code);
      notify();
    });
  });
  const dump = () => `stdout:\n${out}\nstderr:\n${err}`;
  function waitUntil<T>(found: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${what} within ${timeoutMs} ms; ${dump()}`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      const check = () => {
        const value = found();
        if (value !== undefined) finish(() => resolve(value));
        else if (done) finish(() => reject(new Error(`the CLI exited (${child.exitCode ?? child.signalCode}) before printing ${what}; ${dump()}`)));
      };
      listeners.add(check);
      check();
    });
  }
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    output: () => all,
    exited,
    waitForStdout: (text, timeoutMs = 20_000) => waitUntil(() => (out.includes(text) ? out : undefined), `"${text}" on stdout`, timeoutMs),
    waitFor: (pattern, timeoutMs = 60_000) => waitUntil(() => pattern.exec(all) ?? undefined, String(pattern), timeoutMs),
    async stop(signal = 'SIGTERM') {
      if (!done && child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion; with `timeoutMs`, a run still going then is ended with SIGTERM (its code is then null). */
export async function runCli(args: string[], options: CliOptions & { timeoutMs?: number } = {}): Promise<CliResult> {
  const run = spawnCli(args, options);
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => run.child.kill('SIGTERM'), options.timeoutMs);
  try {
    const code = await run.exited;
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  } finally {
    clearTimeout(timer);
  }
}

/** The last line a command printed, e.g. its closing summary. */
export const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);
