/**
 * The sandbox serving another host, as in docker compose, a CI service container or a team's shared sandbox: it
 * runs (the real CLI, a child process) in one network namespace, and everything else happens from another one,
 * across a veth pair, by address and by service name. Root and iproute2 are needed (.ci/run installs iproute2).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium, type Browser } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_TOKEN_ENV } from '../../src/http/control-access.js';
import { createHostPair, type HostPair } from './netns.js';
import type { CliRun } from '../support/cli.js';
import { chromiumIn, cleanEnv, cliIn, remoteClient, type RemoteAnswer, type RemoteClient } from './support.js';
import { SAMPLE_GAME } from '../../src/domain/sample-game.js';

const unique = () => randomBytes(6).toString('hex');

/**
 * `start`'s arguments in the README's docker compose and CI service recipes, which must be the same: the runs
 * below are what backs them.
 */
function recipeStartArgs(): string[] {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
  const compose = blocks.find((b) => b.services?.['trueplay-sandbox'])!.services['trueplay-sandbox'].command as string[];
  const ci = blocks.find((b) => b.integration?.services)!.integration.services[0].command as string[];
  expect(ci).toEqual(compose);
  expect(compose.slice(0, 4)).toEqual(['npx', '--yes', 'trueplay-sandbox', 'start']);
  return compose.slice(3);
}
// Every field Trueplay documents as required on a game transaction.
const bet = (operatorUserId: string, transactionId: string) => ({ operatorUserId, transactionId, referenceTransactionId: null, type: 'BET', ...SAMPLE_GAME, currency: 'USD', amount: 10 });

/** Every path of both control APIs a stranger could try, with a body where one is needed. */
const CONTROL_CALLS: { side: 'trueplay' | 'wallet'; method: string; path: string; body?: unknown }[] = [
  { side: 'trueplay', method: 'GET', path: '/sandbox/operators' },
  { side: 'trueplay', method: 'POST', path: '/sandbox/operators', body: { name: 'intruder' } },
  { side: 'trueplay', method: 'PATCH', path: '/sandbox/operators/1', body: { enabled: false } },
  { side: 'trueplay', method: 'GET', path: '/sandbox/overview' },
  { side: 'trueplay', method: 'GET', path: '/sandbox/journal' },
  { side: 'trueplay', method: 'GET', path: '/sandbox/journal/stream' },
  { side: 'trueplay', method: 'GET', path: '/sandbox/journal/scenario' },
  { side: 'trueplay', method: 'GET', path: '/sandbox/campaigns' },
  { side: 'trueplay', method: 'GET', path: '/sandbox/clock' },
  { side: 'trueplay', method: 'POST', path: '/sandbox/reset' },
  { side: 'trueplay', method: 'POST', path: '/sandbox/provider-states', body: { state: 'no user exists', params: { operatorUserId: 'x' }, action: 'setup' } },
  { side: 'trueplay', method: 'GET', path: '/sandbox/no-such-thing' },
  { side: 'wallet', method: 'GET', path: '/sandbox/players/p1' },
  { side: 'wallet', method: 'POST', path: '/sandbox/players', body: { operatorUserId: 'x', balance: 1, currency: 'USD' } },
  { side: 'wallet', method: 'GET', path: '/sandbox/faults' },
  { side: 'wallet', method: 'GET', path: '/sandbox/player-events' },
  { side: 'wallet', method: 'POST', path: '/sandbox/reset' },
  { side: 'wallet', method: 'POST', path: '/sandbox/provider-states', body: { state: 'no player exists', params: { operatorUserId: 'x' }, action: 'setup' } },
];

describe('a sandbox on another host (network namespaces), started with --host 0.0.0.0 and no token', () => {
  let pair: HostPair;
  let dir: string;
  let sandbox: CliRun;
  let client: RemoteClient;
  let browser: Browser | undefined;
  let token: string;
  const apiKey = `key-${unique()}`;
  const secretKey = `secret-${unique()}`;
  /** By address, as a machine without the name would reach it. */
  let T: string;
  let W: string;
  const answersWithoutToken: { what: string; answer: RemoteAnswer }[] = [];

  const withToken = () => ({ authorization: `Bearer ${token}` });
  const stranger = async (what: string, method: string, url: string, init?: { headers?: Record<string, string>; body?: unknown }) => {
    const answer = await client.request(method, url, init);
    answersWithoutToken.push({ what, answer });
    return answer;
  };

  beforeAll(async () => {
    pair = createHostPair();
    dir = mkdtempSync(join(tmpdir(), 'trueplay-hosts-'));
    // As in docker compose: the sandbox's service name resolves to it on both hosts.
    pair.name('trueplay-sandbox', pair.server.address);
    T = `http://${pair.server.address}:4010`;
    W = `http://${pair.server.address}:4020`;
    // The README's recipe, with keys of this run's own so that the test can look for them in every answer.
    sandbox = cliIn(pair, pair.server, [...recipeStartArgs(), '--log-level', 'warn', '--api-key', apiKey, '--secret-key', secretKey], dir);
    token = (await sandbox.waitFor(/control token\s+(\S+)\s+\(generated/))[1]!;
    client = remoteClient(pair, pair.client);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await client?.close();
    await sandbox?.stop();
    pair?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints the URLs others should use and a generated control token, once', () => {
    const output = sandbox.output();
    expect(output).toContain('fake Trueplay        http://trueplay-sandbox:4010   (dashboard http://trueplay-sandbox:4010/, API docs http://trueplay-sandbox:4010/docs)');
    expect(output).toContain('fake operator wallet http://trueplay-sandbox:4020');
    expect(output).toContain('listening on         0.0.0.0');
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(output.split(token).length - 1).toBe(1);
  });

  it('locks both control APIs: 401 in the error shape without the token or with a wrong one, 200 with it', async () => {
    for (const call of CONTROL_CALLS) {
      const url = `${call.side === 'trueplay' ? T : W}${call.path}`;
      const label = `${call.method} ${url}`;
      for (const headers of [{} as Record<string, string>, { authorization: `Bearer ${token}x` }, { authorization: token }, { authorization: `Basic ${token}` }]) {
        const answer = await stranger(label, call.method, url, { headers, body: call.body });
        expect(answer.status, `${label} ${JSON.stringify(headers)}`).toBe(401);
        expect(answer.json, label).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
        expect(answer.headers['www-authenticate'], label).toMatch(/^Bearer /);
      }
    }
    // Nothing the refused calls asked for happened.
    const operators = await client.request('GET', `${T}/sandbox/operators`, { headers: withToken() });
    expect(operators.status).toBe(200);
    expect(operators.json.items.map((o: { name: string; enabled: boolean }) => [o.name, o.enabled])).toEqual([['Demo Casino', true]]);
    expect((await client.request('GET', `${W}/sandbox/players/x`, { headers: withToken() })).status).toBe(404);
    expect((await client.request('GET', `${T}/sandbox/clock`, { headers: { authorization: `bearer  ${token}` } })).status).toBe(200);
  });

  it('takes the operator\'s calls by address with the key, and hands out loyalty links under --public-url that open from the other host; a withdrawal reaches the wallet at --operator-public-url', async () => {
    expect((await client.request('POST', `${T}/sandbox/campaigns`, { headers: withToken(), body: { operatorId: 1, name: 'Welcome', type: 'REGISTRATION', tokens: 100 } })).status).toBe(201);
    expect((await client.request('POST', `${W}/sandbox/players`, { headers: withToken(), body: { operatorUserId: 'p1', balance: 50, currency: 'USD' } })).status).toBe(201);

    const accepted = await stranger('accept', 'POST', `${T}/api/v1/accept`, { headers: { 'x-api-key': apiKey }, body: bet('p1', 'tx-1') });
    expect(accepted.status).toBe(200);
    expect((await stranger('accept without key', 'POST', `${T}/api/v1/accept`, { body: bet('p1', 'tx-2') })).status).toBe(401);
    const link = await stranger('loyalty link', 'GET', `${T}/api/v1/loyalty-page?operatorUserId=p1&lang=EN`, { headers: { 'x-api-key': apiKey } });
    expect(link.status).toBe(200);
    expect(link.json.url).toMatch(/^http:\/\/trueplay-sandbox:4010\/loyalty\/[^/]+$/);

    // A browser on the other host opens the link by the sandbox's name and withdraws 100 tokens.
    browser = await chromium.launch({ executablePath: chromiumIn(pair.client, dir), args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run'] });
    const page = await browser.newPage();
    await page.goto(link.json.url);
    // The welcome award and the bet's Play to Earn (0.1 % by default).
    expect(await page.locator('#token-balance').textContent()).toBe('100.01');
    const withdraw = page.getByRole('form', { name: 'Withdraw tokens' });
    await withdraw.getByLabel('Number of tokens').fill('100');
    await withdraw.getByRole('button', { name: 'Withdraw tokens' }).click();
    await page.locator('#exchange-result', { hasText: 'Withdrawal complete: $99.00' }).waitFor();

    const player = await client.request('GET', `${W}/sandbox/players/p1`, { headers: withToken() });
    expect(player.json.balance).toBe(50 + 99);
    const operators = await client.request('GET', `${T}/sandbox/operators`, { headers: withToken() });
    expect(operators.json.items[0]).toMatchObject({ apiKey, secretKey, callbackBaseUrl: 'http://trueplay-sandbox:4020' });
    const journal = await client.request('GET', `${T}/sandbox/journal?direction=trueplay-%3Eoperator`, { headers: withToken() });
    expect(journal.json.items.map((e: { path: string; status: number }) => [e.path, e.status])).toContainEqual(['/trueplay/token-exchange', 200]);

    // The page's own calls went out from the other host too, and nothing there named a secret.
    for (const path of ['', '/state']) {
      await stranger(`loyalty page${path}`, 'GET', `${link.json.url}${path}`);
    }
  }, 60_000);

  it('gives no secret to a caller without the token: not in the 401s, the pages, the documents or the errors', async () => {
    for (const path of ['/', '/docs', '/openapi/trueplay.yaml', '/openapi/operator.yaml', '/health', '/nowhere', '/api/v1/users']) {
      await stranger(path, 'GET', `${T}${path}`);
    }
    for (const path of ['/health', '/nowhere', '/trueplay/balance']) await stranger(`wallet ${path}`, 'GET', `${W}${path}`);
    await stranger('wallet unsigned balance', 'POST', `${W}/trueplay/balance`, { body: { operatorId: 1, operatorUserId: 'p1' } });
    expect(answersWithoutToken.length).toBeGreaterThan(CONTROL_CALLS.length * 4 + 10);
    for (const { what, answer } of answersWithoutToken) {
      const seen = JSON.stringify(answer.headers) + answer.text;
      for (const secret of [apiKey, secretKey, token]) expect(seen.includes(secret), `${what} shows ${secret}`).toBe(false);
    }
  });

  it('runs scenarios from the other host with run --trueplay-url --control-token, and records with the token from the environment', async () => {
    // A scenario of the library, run from the other host against the shared sandbox (reset first).
    const scenario = fileURLToPath(new URL('../../scenarios/first-bet-creates-user.yaml', import.meta.url));
    const remote = ['--trueplay-url', T, '--wallet-url', W, '--api-key', apiKey, '--secret-key', secretKey];
    const refused = cliIn(pair, pair.client, ['run', scenario, ...remote], dir);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain('pass --control-token');

    const run = cliIn(pair, pair.client, ['run', scenario, ...remote, '--control-token', token], dir);
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toContain('1 passed, 0 failed');
    expect(run.output()).not.toContain(token);

    // The token may come from the environment instead.
    const record = cliIn(pair, pair.client, ['record', '--trueplay-url', T, '--out', join(dir, 'recorded.yaml')], dir, cleanEnv({ [CONTROL_TOKEN_ENV]: token }));
    expect(await record.exited, record.output()).toBe(0);
    expect(record.output()).toMatch(/wrote .*recorded\.yaml \(\d+ steps\)/);

  }, 90_000);

  it('verifies the wallet across hosts with verify operator --control-token; verify trueplay says what it lacks', async () => {
    const verify = cliIn(pair, pair.client, ['verify', 'operator', '--base-url', W, '--secret', secretKey, '--control-token', token], dir);
    expect(await verify.exited, verify.output()).toBe(0);
    // Without the token, verify trueplay cannot even reset the fake Trueplay (it passes with it: see below).
    const refused = cliIn(pair, pair.client, ['verify', 'trueplay', '--base-url', T], dir);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain('pass --control-token');

  }, 90_000);

  it('probes the wallet across hosts with probe --control-token, and the report does not show the token', async () => {
    const report = join(dir, 'probe.html');
    const probe = cliIn(pair, pair.client, ['probe', '--base-url', W, '--secret', secretKey, '--state-url', `${W}/sandbox/provider-states`,
      '--control-token', token, '--concurrency', '5', '--report', report, '--fail-on', 'critical'], dir);
    expect(await probe.exited, probe.output()).toBe(0);
    expect(probe.output()).toContain(`probing ${W}`);
    expect(readFileSync(report, 'utf8')).not.toContain(token);
  }, 90_000);
});

describe('a sandbox started with --host on a non-loopback address and TRUEPLAY_SANDBOX_CONTROL_TOKEN', () => {
  let pair: HostPair;
  let dir: string;
  let sandbox: CliRun;
  let client: RemoteClient;
  const token = `env-token-${unique()}`;

  beforeAll(async () => {
    pair = createHostPair();
    dir = mkdtempSync(join(tmpdir(), 'trueplay-hosts-'));
    sandbox = cliIn(pair, pair.server, ['start', '--host', pair.server.address, '--db', ':memory:', '--log-level', 'warn'], dir, cleanEnv({ [CONTROL_TOKEN_ENV]: token }));
    await sandbox.waitFor(/control token .*\n/);
    client = remoteClient(pair, pair.client);
  }, 90_000);

  afterAll(async () => {
    await client?.close();
    await sandbox?.stop();
    pair?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('uses the token from the environment, does not print it, and names the request\'s Host in links without --public-url', async () => {
    const T = `http://${pair.server.address}:4010`;
    expect(sandbox.output()).toContain(`fake Trueplay        ${T}`);
    expect(sandbox.output()).toContain('control token        as given');
    expect(sandbox.output()).not.toContain(token);
    expect((await client.request('GET', `${T}/sandbox/operators`)).status).toBe(401);
    expect((await client.request('GET', `${T}/sandbox/operators`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await client.request('POST', `${T}/api/v1/accept`, { headers: { 'x-api-key': 'demo-api-key' }, body: bet('p1', 'tx-1') })).status).toBe(200);
    const link = await client.request('GET', `${T}/api/v1/loyalty-page?operatorUserId=p1&lang=EN`, { headers: { 'x-api-key': 'demo-api-key' } });
    expect(link.json.url.startsWith(`${T}/loyalty/`)).toBe(true);
    expect((await client.request('GET', link.json.url)).status).toBe(200);
  });

  it('passes verify trueplay from the other host with the token from the environment (the bundled pact carries the demo key)', async () => {
    const verify = cliIn(pair, pair.client, ['verify', 'trueplay', '--base-url', `http://${pair.server.address}:4010`], dir, cleanEnv({ [CONTROL_TOKEN_ENV]: token }));
    expect(await verify.exited, verify.output()).toBe(0);
  }, 90_000);
});
