/**
 * The one way tests run the real CLI as a child process. `spawnCli` for a process that keeps running (a sandbox),
 * `runCli` for a command that finishes.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const FROM_SOURCE = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
const COMPILED = join(ROOT, 'bin', 'trueplay-sandbox.js');

/** The newest modification time of the files under `dir` (recursively) whose names pass `wanted`. */
function newestChange(dir: string, wanted: (name: string) => boolean): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestChange(path, wanted));
    else if (wanted(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Whether `dist/` was built after the last change to what it is built from, as `npm test` builds it before vitest.
 * Then tests run the compiled CLI that users run (`bin/trueplay-sandbox.js`): a start costs ~0.4 s of CPU instead of
 * ~1.1 s through tsx, and on two cores those starts were a large part of the suite's time. After an edit without a
 * build (`npx vitest`), the CLI runs from source through tsx, so a test never runs stale code.
 */
function distIsFresh(): boolean {
  let built: number;
  try {
    built = statSync(join(ROOT, 'dist', '.tsbuildinfo')).mtimeMs;
  } catch {
    return false;
  }
  const sources = Math.max(
    newestChange(join(ROOT, 'src'), (name) => name.endsWith('.ts')),
    newestChange(join(ROOT, 'openapi'), () => true),
    ...['package.json', 'tsconfig.json', 'tsconfig.build.json'].map((name) => statSync(join(ROOT, name)).mtimeMs),
  );
  return built >= sources;
}

/** The entry tests start the CLI from, decided once per test file. */
export const CLI_ENTRY = distIsFresh() ? COMPILED : FROM_SOURCE;

/** node's arguments that run the CLI with these arguments. */
export const cliArgs = (args: string[]) => (CLI_ENTRY === COMPILED ? [COMPILED, ...args] : ['--import', TSX, FROM_SOURCE, ...args]);

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
