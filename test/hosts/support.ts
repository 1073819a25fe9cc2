/** The pieces of a two-host test: the sandbox started by its CLI inside one namespace, an HTTP client inside the other. */
import { type ChildProcess } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { CONTROL_TOKEN_ENV } from '../../src/http/control-access.js';
import type { Host, HostPair } from './netns.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const CLI_ENTRY = fileURLToPath(new URL('../cli/run-cli.ts', import.meta.url));
/** node's arguments that run the CLI from source with these arguments. */
export const cliArgs = (args: string[]) => ['--import', TSX, CLI_ENTRY, ...args];
const CLIENT = fileURLToPath(new URL('./remote-client.mjs', import.meta.url));

/** The environment of a process a test starts: no token inherited from whoever runs the tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  if (!(CONTROL_TOKEN_ENV in extra)) delete env[CONTROL_TOKEN_ENV];
  return env;
}

export interface CliProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout+stderr; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** The real CLI (from source, through tsx) inside a namespace. */
export function cliIn(pair: HostPair, host: Host, args: string[], cwd: string, env = cleanEnv()): CliProcess {
  const child = pair.spawnIn(host, process.execPath, cliArgs(args), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    resolve(code);
    for (const listener of listeners) listener();
  }));
  // Both streams are read for the child's whole life: a closed pipe would kill it on its next log line.
  const read = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', read);
  let done = false;
  exited.then(() => (done = true));
  return {
    child,
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`))), timeoutMs);
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        const check = () => {
          const match = pattern.exec(output);
          if (match) finish(() => resolve(match));
          else if (done) finish(() => reject(new Error(`the CLI exited before printing ${pattern}:\n${output}`)));
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface RemoteAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RemoteClient {
  request(method: string, url: string, init?: { headers?: Record<string, string>; body?: unknown }): Promise<RemoteAnswer>;
  close(): Promise<void>;
}

/** An HTTP client living in `host`'s namespace: every request leaves from there. */
export function remoteClient(pair: HostPair, host: Host): RemoteClient {
  const child = pair.spawnIn(host, process.execPath, [CLIENT], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = new Map<number, (answer: { error?: string } & Omit<RemoteAnswer, 'json'>) => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const answer = JSON.parse(line) as { id: number };
    waiting.get(answer.id)?.(answer as never);
    waiting.delete(answer.id);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let next = 0;
  return {
    request(method, url, init = {}) {
      const id = next++;
      const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      const headers = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers };
      return new Promise((resolve, reject) => {
        waiting.set(id, (answer) => {
          if (answer.error !== undefined) return reject(new Error(`${method} ${url} from ${host.ns}: ${answer.error}`));
          let json: unknown;
          try {
            json = answer.text ? JSON.parse(answer.text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ ...answer, json });
        });
        child.stdin!.write(`${JSON.stringify({ id, method, url, headers, body })}\n`);
      });
    },
    async close() {
      child.stdin!.end();
      await exited;
    },
  };
}

/** A Chromium "executable" that is Debian's Chromium started inside `host`'s namespace (playwright's pipe passes through exec). */
export function chromiumIn(host: Host, dir: string): string {
  const file = join(dir, `chromium-in-${host.ns}.sh`);
  writeFileSync(file, `#!/bin/sh\nexec ip netns exec ${host.ns} /usr/bin/chromium "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}
