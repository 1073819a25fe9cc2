import { PassThrough } from 'node:stream';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, logErrorsTo } from '../../src/logging/logger.js';
import { logRequests, walletRequestKind } from '../../src/logging/request-log.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

/** A JSON logger whose lines the test can read. */
async function capturedLogger(level: 'warn' | 'info' | 'debug') {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line));
  });
  const logger = await createLogger({ level, pretty: false, destination: stream });
  return { logger, lines };
}

const bet = { operatorUserId: 'p1', transactionId: 't1', type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 10 };

describe('request logs', () => {
  let sandbox: TestSandbox;
  let captured: Awaited<ReturnType<typeof capturedLogger>>;
  beforeAll(async () => {
    captured = await capturedLogger('info');
    sandbox = await startTestSandbox({ logger: captured.logger });
  });
  afterAll(() => sandbox.close());

  it('writes one line per request to the fake Trueplay: direction, method, path, status, latency', async () => {
    await sandbox.api('POST', '/api/v1/accept', bet);
    await sandbox.api('POST', '/api/v1/accept', { ...bet, amount: 'ten' });
    await sandbox.control('POST', '/sandbox/clock', { advance: 'PT1H' });
    await expect.poll(() => captured.lines.length).toBe(3);
    expect(captured.lines).toEqual([
      expect.objectContaining({ level: 30, server: 'trueplay', direction: 'operator->trueplay', method: 'POST', path: '/api/v1/accept', status: 200, ms: expect.any(Number) }),
      expect.objectContaining({ level: 30, direction: 'operator->trueplay', path: '/api/v1/accept', status: 400 }),
      expect.objectContaining({ level: 30, direction: 'control', method: 'POST', path: '/sandbox/clock', status: 200 }),
    ]);
    expect(captured.lines[0]!.msg).toMatch(/^trueplay operator->trueplay POST \/api\/v1\/accept 200 [\d.]+ms$/);
  });

  it('keeps the dashboard\'s own traffic at debug, out of the info log', async () => {
    const before = captured.lines.length;
    await sandbox.control('GET', '/sandbox/overview');
    await sandbox.control('GET', '/');
    await sandbox.api('GET', '/api/v1/users/p1/balance');
    await expect.poll(() => captured.lines.length).toBe(before + 1);
    expect(captured.lines.at(-1)).toMatchObject({ path: '/api/v1/users/p1/balance' });
  });
});

describe('the same middleware on the wallet', () => {
  it('tells Trueplay\'s callbacks from the wallet\'s control API', async () => {
    const { logger, lines } = await capturedLogger('debug');
    const app = new Hono();
    app.use(logRequests(logger, 'wallet', walletRequestKind));
    app.post('/trueplay/token-exchange', (c) => c.json({ status: 'OK' }));
    app.post('/sandbox/players', (c) => c.json({}, 201));
    await app.request('/trueplay/token-exchange', { method: 'POST' });
    await app.request('/sandbox/players', { method: 'POST' });
    await app.request('/health');
    await expect.poll(() => lines.length).toBe(3);
    expect(lines.map((l) => [l.server, l.direction, l.path, l.status, l.level])).toEqual([
      ['wallet', 'trueplay->operator', '/trueplay/token-exchange', 200, 30],
      ['wallet', 'control', '/sandbox/players', 201, 30],
      ['wallet', 'control', '/health', 404, 20],
    ]);
  });
});

describe('logErrorsTo', () => {
  it('logs a defect with its stack, for the log only', async () => {
    const { logger, lines } = await capturedLogger('info');
    logErrorsTo(logger)(new Error('boom'));
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatchObject({ level: 50, err: { message: 'boom', stack: expect.stringContaining('Error: boom') } });
  });

  it('names the request a defect happened on, which is how it shows when request lines are off', async () => {
    const { logger, lines } = await capturedLogger('warn');
    logErrorsTo(logger)(new Error('boom'), { method: 'POST', path: '/api/v1/accept' });
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatchObject({ level: 50, method: 'POST', path: '/api/v1/accept', err: { message: 'boom' } });
    expect(lines[0]!.msg).toMatch(/^unexpected error on POST \/api\/v1\/accept: /);
  });
});

describe('request logs above info', () => {
  it('are not written at all: --log-level warn keeps the log to problems', async () => {
    const { logger, lines } = await capturedLogger('warn');
    const quiet = await startTestSandbox({ logger });
    try {
      expect((await quiet.api('POST', '/api/v1/accept', bet)).status).toBe(200);
      expect((await quiet.api('POST', '/api/v1/accept', { ...bet, amount: 'ten' })).status).toBe(400);
      logger.warn('marker');
      await expect.poll(() => lines.length).toBe(1);
      expect(lines[0]).toMatchObject({ level: 40, msg: 'marker' });
    } finally {
      await quiet.close();
    }
  });
});
