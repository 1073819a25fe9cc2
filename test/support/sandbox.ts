/** Starts a real sandbox for a test: both servers on 127.0.0.1 port 0, a fresh SQLite file in a temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox.js';

export interface TestSandbox extends RunningSandbox {
  dbFile: string;
  /** Calls the fake Trueplay with the demo operator's X-API-KEY (pass `apiKey: null` to send none). */
  api(method: string, path: string, body?: unknown, init?: { apiKey?: string | null; rawBody?: string }): Promise<JsonResponse>;
  /** Calls the fake Trueplay's control API or any other path without a key. */
  control(method: string, path: string, body?: unknown): Promise<JsonResponse>;
  /** Calls the fake wallet (no signature: for its control API). */
  wallet(method: string, path: string, body?: unknown): Promise<JsonResponse>;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'trueplay-sandbox-test-'));
  const dbFile = join(dir, 'sandbox.db');
  const sandbox = await startSandbox({
    trueplayPort: 0,
    operatorPort: 0,
    db: dbFile,
    exchangeBackoffMs: 10,
    exchangeTimeoutMs: 2000,
    logError: (error) => console.error(error),
    ...options,
  });
  const call = async (base: string, method: string, path: string, body: unknown, headers: Record<string, string>, rawBody?: string) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  return {
    ...sandbox,
    dbFile,
    api: (method, path, body, init = {}) => {
      const apiKey = init.apiKey === undefined ? sandbox.apiKey : init.apiKey;
      return call(sandbox.trueplayUrl, method, path, body, apiKey === null ? {} : { 'x-api-key': apiKey }, init.rawBody);
    },
    control: (method, path, body) => call(sandbox.trueplayUrl, method, path, body, {}),
    wallet: (method, path, body) => call(sandbox.walletUrl, method, path, body, {}),
    async close() {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The preamble of a test on a shared sandbox: `POST /sandbox/reset` on the fake Trueplay (and on the wallet with
 * `wallet: true`), then, with `now`, the clock frozen there (an instant in ms or an ISO string).
 */
export async function freshSandbox(sandbox: Pick<TestSandbox, 'control' | 'wallet'>, options: { wallet?: boolean; now?: number | string } = {}): Promise<void> {
  expect((await sandbox.control('POST', '/sandbox/reset')).status).toBe(204);
  if (options.wallet) expect((await sandbox.wallet('POST', '/sandbox/reset')).status).toBe(204);
  if (options.now !== undefined) {
    const now = typeof options.now === 'number' ? new Date(options.now).toISOString() : options.now;
    const clock = await sandbox.control('POST', '/sandbox/clock', { now });
    expect(clock.status, clock.text).toBe(200);
  }
}
