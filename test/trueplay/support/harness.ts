/**
 * A real sandbox for the fake Trueplay's tests, whose every answer is held to the rules that hold everywhere:
 * never a 5xx, and every error in the one shape {"error": {"code", "message", "details"?}}.
 */
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { gameTx } from '../../support/game-transactions.js';
import { startTestSandbox, type JsonResponse, type TestSandbox } from '../../support/sandbox.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const iso = (instant: number) => new Date(instant).toISOString();

/** A Monday in the past: a fresh sandbox's clock goes to any date, so tests need no date ahead of real time. */
export function aMonday(): number {
  return Date.UTC(2026, 2, 2);
}

export function expectErrorShape(response: JsonResponse, where: string): void {
  expect(response.headers.get('content-type') ?? '', `${where}: an error is JSON`).toContain('application/json');
  expect(response.body, `${where}: error shape`).toMatchObject({ error: { code: expect.stringMatching(/^[A-Z][A-Z0-9_]*$/), message: expect.any(String) } });
  expect(Object.keys(response.body), `${where}: nothing beside "error"`).toEqual(['error']);
}

function checked(call: (...args: any[]) => Promise<JsonResponse>, label: string) { // eslint-disable-line @typescript-eslint/no-explicit-any
  return async (method: string, path: string, ...rest: unknown[]) => {
    const response = await call(method, path, ...rest);
    const where = `${label} ${method} ${path.slice(0, 120)} → ${response.status} ${response.text.slice(0, 300)}`;
    expect(response.status, `${where}: a 5xx is always a defect`).toBeLessThan(500);
    if (response.status >= 400) expectErrorShape(response, where);
    return response;
  };
}

export interface Operator {
  operatorId: number;
  apiKey: string;
  exchangeRate: number;
}

export interface Harness extends TestSandbox {
  /** Moves the sandbox clock; returns the body ({now, frozen, settled}). */
  setClock(instant: number): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  advance(duration: string): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  campaign(body: Record<string, unknown>): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  operator(body?: Record<string, unknown>): Promise<Operator>;
  /** Sends one game transaction (Slot BET unless told otherwise) and expects 200. */
  play(operatorUserId: string, transactionId: string, type: string, amount: number, extra?: Record<string, unknown>, apiKey?: string): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The user's token balance, or null when the user does not exist. */
  tokens(operatorUserId: string, apiKey?: string): Promise<number | null>;
  /** Every row of the fake Trueplay's tables (journal: only the count of answered 2xx calls), for before/after comparisons. */
  snapshot(): string;
}

/** Tables of the fake wallet belong to the other side; the journal is compared by its accepted calls only. */
const NOT_TRUEPLAY = /^(wallet_|journal$|sqlite_)/;

/**
 * `playToEarnPercent` sets the demo operator's: 0 for tests about something else, whose exact token balances
 * would otherwise carry the Play to Earn tokens of every bet.
 */
export async function startTrueplay(options: { playToEarnPercent?: number } = {}): Promise<Harness> {
  // Background settlement would change the database between a test's snapshots: the tests move the clock themselves.
  const sandbox = await startTestSandbox({ backgroundWork: false, ...options });
  const api = checked(sandbox.api, 'api');
  const control = checked(sandbox.control, 'control');
  const reader = new Database(sandbox.dbFile, { readonly: true, fileMustExist: true });
  const harness: Harness = {
    ...sandbox,
    api: api as TestSandbox['api'],
    control: control as TestSandbox['control'],
    async setClock(instant) {
      const response = await control('POST', '/sandbox/clock', { now: iso(instant) });
      expect(response.status).toBe(200);
      return response.body;
    },
    async advance(duration) {
      const response = await control('POST', '/sandbox/clock', { advance: duration });
      expect(response.status).toBe(200);
      return response.body;
    },
    async campaign(body) {
      const response = await control('POST', '/sandbox/campaigns', { operatorId: 1, name: `${body.type} campaign`, ...body });
      expect(response.status, response.text).toBe(201);
      return response.body;
    },
    async operator(body = {}) {
      const response = await control('POST', '/sandbox/operators', { name: 'Second casino', ...body });
      expect(response.status, response.text).toBe(201);
      return response.body;
    },
    async play(operatorUserId, transactionId, type, amount, extra = {}, apiKey) {
      const response = await api(
        'POST',
        '/api/v1/accept',
        gameTx({ operatorUserId, transactionId, type, amount, ...extra }),
        apiKey === undefined ? {} : { apiKey },
      );
      expect(response.status, response.text).toBe(200);
      return response.body;
    },
    async tokens(operatorUserId, apiKey) {
      const response = await api('GET', `/api/v1/users/${encodeURIComponent(operatorUserId)}/balance`, undefined, apiKey === undefined ? {} : { apiKey });
      if (response.status === 404) return null;
      expect(response.status, response.text).toBe(200);
      return response.body.tokenBalance;
    },
    snapshot() {
      const tables = (reader.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[])
        .map((t) => t.name)
        .filter((name) => !NOT_TRUEPLAY.test(name));
      const state: Record<string, unknown> = {};
      for (const table of tables) state[table] = reader.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all();
      state.acceptedCalls = reader.prepare('SELECT COUNT(*) AS n FROM journal WHERE status BETWEEN 200 AND 299').get();
      return JSON.stringify(state);
    },
    async close() {
      reader.close();
      await sandbox.close();
    },
  };
  return harness;
}
