/**
 * contracts/trueplay-operator-player-events.json, the pact of the optional player-event webhook: verified on
 * request only (`verify operator --player-events`), never by the default `verify operator`. Checked with Pact's
 * standalone verifier (which cannot re-sign: the pact's own signatures, made with the demo secret) and with our
 * verify (re-signed with the service's own secret), against the fake wallet and against a webhook written here
 * from reference §1 alone, correct and with deliberate flaws.
 */
import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { PLAYER_EVENTS_PACT } from '../../src/contracts/generate.js';
import { verifyOperator } from '../../src/contracts/verify-operator.js';
import { runInProcess } from '../cli/run-in-process.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACT_VERIFIER = join(ROOT, 'node_modules/.bin/pact-verifier');
const DEMO_SECRET = 'demo-secret-key';
const pact = JSON.parse(readFileSync(PLAYER_EVENTS_PACT, 'utf8')) as {
  consumer: { name: string };
  provider: { name: string };
  interactions: { description: string; request: { path: string; body: { content: { type: string; data: Record<string, unknown> } } }; response: { status: number; body?: unknown; matchingRules?: unknown } }[];
};
const descriptions = pact.interactions.map((i) => i.description).sort();

type Flaw = 'refuses-hold-to-earn' | 'answers-5xx';

interface Webhook {
  url: string;
  stateUrl: string;
  received: Map<string, string>;
  close(): Promise<void>;
}

/**
 * A casino's player-event endpoint, from the reference alone: `POST /player-event` signed with
 * X-REQUEST-SIGNATURE = Base64(HMAC-SHA512(secret, lowercase-hex(MD5(raw body)))), body
 * {requestId, operatorUserId, createdAt "yyyy-MM-dd HH:mm:ss", type, data}; a forged event is refused; the same
 * requestId again is acknowledged without being kept twice. Its own state URL takes Pact's state changes.
 */
async function startWebhook(secret: string, flaw?: Flaw): Promise<Webhook> {
  const received = new Map<string, string>();
  const players = new Set<string>();
  const sign = (raw: Buffer) => createHmac('sha512', secret).update(createHash('md5').update(raw).digest('hex')).digest('base64');
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const answer = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const refuse = (status: number, code: string) => answer(status, { error: { code, message: code.toLowerCase() } });
      if (req.method === 'POST' && req.url === '/provider-states') {
        const { state, params, action } = JSON.parse(raw.toString('utf8') || '{}') as { state?: string; params?: { operatorUserId?: string }; action?: string };
        if (state === 'a player exists' && params?.operatorUserId) action === 'teardown' ? players.delete(params.operatorUserId) : players.add(params.operatorUserId);
        return answer(200, {});
      }
      if (req.method !== 'POST' || req.url !== '/player-event') return refuse(404, 'NOT_FOUND');
      if (req.headers['x-request-signature'] !== sign(raw)) return refuse(401, 'INVALID_SIGNATURE');
      if (flaw === 'answers-5xx') return refuse(503, 'UNAVAILABLE');
      const event = JSON.parse(raw.toString('utf8')) as { requestId?: unknown; operatorUserId?: unknown; createdAt?: unknown; type?: unknown; data?: unknown };
      const wellFormed = typeof event.requestId === 'string' && typeof event.operatorUserId === 'string' &&
        typeof event.createdAt === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(event.createdAt) &&
        ['PLAY_TO_EARN', 'HOLD_TO_EARN', 'BALANCE_CHANGE'].includes(event.type as string) && typeof event.data === 'object' && event.data !== null;
      if (!wellFormed || (flaw === 'refuses-hold-to-earn' && event.type === 'HOLD_TO_EARN')) return refuse(400, 'BAD_EVENT');
      if (!players.has(event.operatorUserId as string)) return refuse(404, 'UNKNOWN_PLAYER');
      if (!received.has(event.requestId as string)) received.set(event.requestId as string, raw.toString('utf8'));
      return answer(200, { received: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, stateUrl: `${url}/provider-states`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Pact's standalone verifier on the pact as it is (no re-signing): exit code and the interactions' results. */
async function pactVerifier(baseUrl: string, stateUrl: string) {
  const url = new URL(baseUrl);
  const dir = mkdtempSync(join(tmpdir(), 'pact-cli-events-'));
  try {
    const report = join(dir, 'report.json');
    const args = ['-f', PLAYER_EVENTS_PACT, '-h', url.hostname, '-p', url.port, '-n', pact.provider.name, '-s', stateUrl, '--state-change-teardown', '--no-colour', '-j', report];
    const code = await promisify(execFile)(PACT_VERIFIER, args, { env: { ...process.env, PACT_DO_NOT_TRACK: 'true' }, maxBuffer: 16 * 1024 * 1024 })
      .then(() => 0, (error: { code?: number }) => error.code ?? -1);
    return { code, ...resultsOf(JSON.parse(readFileSync(report, 'utf8')) as { interactionResults: { description: string; result: string }[] }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function resultsOf(results: { interactionResults: { description: string; result: string }[] }) {
  const failed = results.interactionResults.filter((r) => r.result !== 'OK').map((r) => r.description).sort();
  return { verified: results.interactionResults.map((r) => r.description).sort(), failed };
}

describe('the player-event pact', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  const webhook = async (secret: string, flaw?: Flaw) => {
    const started = await startWebhook(secret, flaw);
    closers.push(started.close);
    return started;
  };
  const sandbox = async (secretKey?: string): Promise<TestSandbox> => {
    const started = await startTestSandbox(secretKey ? { secretKey } : {});
    closers.push(() => started.close());
    return started;
  };

  it('has one interaction per documented event type (and BALANCE_CHANGE with three transaction types), each pinning any 2xx and no body', () => {
    expect([pact.consumer.name, pact.provider.name]).toEqual(['trueplay', 'operator-player-events']);
    const kinds = pact.interactions.map(({ request: { body } }) => body.content.type === 'BALANCE_CHANGE' ? `BALANCE_CHANGE ${String(body.content.data.transactionType)}` : body.content.type).sort();
    expect(kinds).toEqual(['BALANCE_CHANGE PROMO_REGISTRATION', 'BALANCE_CHANGE STAKE', 'BALANCE_CHANGE WITHDRAW', 'HOLD_TO_EARN', 'PLAY_TO_EARN']);
    for (const interaction of pact.interactions) {
      expect(interaction.request.path).toBe('/player-event');
      expect(interaction.response.body).toBeUndefined();
      expect(interaction.response.matchingRules).toEqual({ status: { $: { combine: 'AND', matchers: [{ match: 'statusCode', status: 'success' }] } } });
    }
    const content = pact.interactions.map((i) => i.request.body.content);
    expect(content.find((c) => c.type === 'PLAY_TO_EARN')).toEqual({ requestId: expect.any(String), operatorUserId: 'player-1', createdAt: '2026-01-05 08:00:00', type: 'PLAY_TO_EARN', data: { amount: 0.5, balance: 100.5 } });
    expect(content.find((c) => c.type === 'HOLD_TO_EARN')).toMatchObject({ createdAt: '2026-01-06 08:00:00', data: { amount: 50, reward: 0.1, balance: 90.6 } });
  });

  it('passes the fake wallet with Pact\'s standalone verifier (the pact\'s own signatures) and with verify operator --player-events (re-signed); the default verify leaves it out', async () => {
    const demo = await sandbox();
    const standalone = await pactVerifier(demo.walletUrl, `${demo.walletUrl}/sandbox/provider-states`);
    expect(standalone).toEqual({ code: 0, verified: descriptions, failed: [] });

    const own = await sandbox('the-wallets-own-secret');
    const result = await verifyOperator({ baseUrl: own.walletUrl, secretKey: 'the-wallets-own-secret', playerEvents: true });
    expect(result.failures).toEqual([]);
    expect(result.interactions.map((i) => i.description).sort()).toEqual(descriptions);
    expect(result.passed).toBe(true);
    const received = (await own.wallet('GET', '/sandbox/player-events')).body as { items: { type: string }[] };
    expect(received.items).toHaveLength(descriptions.length);

    const byDefault = await verifyOperator({ baseUrl: own.walletUrl, secretKey: 'the-wallets-own-secret' });
    expect(byDefault.passed).toBe(true);
    expect(byDefault.interactions.filter((i) => i.description.startsWith('Player event'))).toEqual([]);
  }, 180_000);

  it('passes a correct webhook written from the reference, with either verifier, through the CLI too', async () => {
    const correct = await webhook(DEMO_SECRET);
    expect(await pactVerifier(correct.url, correct.stateUrl)).toEqual({ code: 0, verified: descriptions, failed: [] });
    expect(correct.received.size).toBe(descriptions.length);

    const own = await webhook('its-own-secret');
    const result = await verifyOperator({ baseUrl: own.url, secretKey: 'its-own-secret', stateUrl: own.stateUrl, playerEvents: true });
    expect(result.failures).toEqual([]);
    expect(result.passed).toBe(true);

    const cli = await runInProcess(['verify', 'operator', '--player-events', '--base-url', own.url, '--secret', 'its-own-secret', '--state-url', own.stateUrl]);
    expect(cli.output).toContain('Trueplay → operator player-event contract');
    expect(cli.output).toMatch(/PASSED: 5 interactions passed, 0 failed/);
    expect(cli.exitCode).toBe(0);
    // The same events again (same requestIds): acknowledged, kept once.
    expect(own.received.size).toBe(descriptions.length);
  }, 180_000);

  it('fails a webhook under the wrong secret, one that refuses a valid HOLD_TO_EARN, and one that answers 5xx, naming the interactions', async () => {
    const wrongSecret = await webhook('its-own-secret');
    const forged = await verifyOperator({ baseUrl: wrongSecret.url, secretKey: 'not-its-secret', stateUrl: wrongSecret.stateUrl, playerEvents: true });
    expect(forged.passed).toBe(false);
    expect(forged.failures).toHaveLength(descriptions.length);

    const refusing = await webhook(DEMO_SECRET, 'refuses-hold-to-earn');
    const holdToEarn = descriptions.filter((d) => d.includes('HOLD_TO_EARN'));
    expect(await pactVerifier(refusing.url, refusing.stateUrl)).toMatchObject({ code: 1, failed: holdToEarn });
    const refused = await verifyOperator({ baseUrl: refusing.url, secretKey: DEMO_SECRET, stateUrl: refusing.stateUrl, playerEvents: true });
    expect(refused.passed).toBe(false);
    expect(refused.failures.map((f) => f.interaction)).toEqual([expect.stringContaining(holdToEarn[0]!)]);
    expect(refused.failures[0]!.problems.join('\n')).toMatch(/Expected status code 400 to be a Successful response/);

    const failing = await webhook(DEMO_SECRET, 'answers-5xx');
    expect(await pactVerifier(failing.url, failing.stateUrl)).toMatchObject({ code: 1, failed: descriptions });
    const cli = await runInProcess(['verify', 'operator', '--player-events', '--base-url', failing.url, '--secret', DEMO_SECRET, '--state-url', failing.stateUrl]);
    expect(cli.exitCode).toBe(1);
    expect(cli.output).toMatch(/FAILED: 0 interactions passed, 5 failed/);
    for (const description of descriptions) expect(cli.output).toContain(`✗ ${description}`);
  }, 180_000);
});
