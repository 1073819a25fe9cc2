/** The pieces of a two-host test: the sandbox started by its CLI inside one namespace, an HTTP client inside the other. */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { CONTROL_TOKEN_ENV } from '../../src/http/control-access.js';
import { spawnCli, type CliRun, type EnvOverlay } from '../support/cli.js';
import type { Host, HostPair } from './netns.js';

const CLIENT = fileURLToPath(new URL('./remote-client.mjs', import.meta.url));

/** The environment of a process a test starts, over this one's: no token inherited from whoever runs the tests. */
export function cleanEnv(extra: Record<string, string> = {}): EnvOverlay {
  return { [CONTROL_TOKEN_ENV]: undefined, ...extra };
}

/** The real CLI (from source, through tsx) inside a namespace. */
export function cliIn(pair: HostPair, host: Host, args: string[], cwd: string, env = cleanEnv()): CliRun {
  return spawnCli(args, { cwd, env, spawn: (command, argv, options) => pair.spawnIn(host, command, argv, options) });
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
