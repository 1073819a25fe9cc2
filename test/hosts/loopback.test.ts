/**
 * On loopback nothing changes: no token, no new lines at start. A token given anyway (flag, environment, config file)
 * locks the control APIs there too, and the config file's own setup still gets through. Real CLI processes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_TOKEN_ENV, controlAccessFor, isLoopbackHost } from '../../src/http/control-access.js';
import { parsePublicUrl } from '../../src/http/public-url.js';
import { runCli, spawnCli } from '../support/cli.js';
import { cleanEnv } from './support.js';
import { SAMPLE_GAME } from '../../src/domain/sample-game.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trueplay-loopback-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  trueplayUrl: string;
  walletUrl: string;
  output: string;
  stop(): Promise<void>;
}

/** `start` on 127.0.0.1 and free ports, as a child process; resolves once its banner is out. */
async function start(args: string[], env = cleanEnv(), lastLine = /demo operator .*\n/): Promise<Started> {
  const run = spawnCli(['start', '--trueplay-port', '0', '--operator-port', '0', '--db', ':memory:', '--log-level', 'warn', ...args], { cwd: dir, env });
  const trueplayUrl = (await run.waitFor(/fake Trueplay\s+(https?:\/\/\S+)/))[1]!;
  const walletUrl = (await run.waitFor(/fake operator wallet (https?:\/\/\S+)/))[1]!;
  await run.waitFor(lastLine);
  await new Promise(setImmediate);
  return {
    trueplayUrl, walletUrl, get output() { return run.output(); },
    async stop() { await run.stop(); },
  };
}

const get = (url: string, token?: string) => fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('start on loopback', () => {
  it('keeps the control APIs open and prints what it always did, without a token line', async () => {
    const sandbox = await start([]);
    try {
      expect(sandbox.output).toMatch(/^fake Trueplay        http:\/\/127\.0\.0\.1:\d+   \(dashboard/);
      expect(sandbox.output).not.toContain('control token');
      expect(sandbox.output).not.toContain('listening on');
      expect((await get(`${sandbox.trueplayUrl}/sandbox/operators`)).status).toBe(200);
      expect((await get(`${sandbox.walletUrl}/sandbox/faults`)).status).toBe(200);
      // An Authorization header nobody asked for changes nothing.
      expect((await get(`${sandbox.trueplayUrl}/sandbox/clock`, 'anything')).status).toBe(200);
    } finally {
      await sandbox.stop();
    }
  });

  it('locks both with --control-token all the same', async () => {
    const sandbox = await start(['--control-token', 'flag-token'], cleanEnv(), /control token .*\n/);
    try {
      expect(sandbox.output).toContain('control token        as given');
      expect(sandbox.output).not.toContain('flag-token');
      expect((await get(`${sandbox.trueplayUrl}/sandbox/operators`)).status).toBe(401);
      expect((await get(`${sandbox.walletUrl}/sandbox/faults`)).status).toBe(401);
      expect((await get(`${sandbox.trueplayUrl}/sandbox/operators`, 'flag-token')).status).toBe(200);
      expect((await get(`${sandbox.walletUrl}/sandbox/faults`, 'flag-token')).status).toBe(200);
      // Control calls are journaled (#15), their token is not.
      const headers = { authorization: 'Bearer flag-token', 'content-type': 'application/json' };
      expect((await fetch(`${sandbox.walletUrl}/sandbox/players`, { method: 'POST', headers, body: JSON.stringify({ operatorUserId: 'p1', balance: 5, currency: 'USD' }) })).status).toBe(201);
      const journal = await (await get(`${sandbox.trueplayUrl}/sandbox/journal?direction=control`, 'flag-token')).json() as { items: { path: string; requestHeaders: Record<string, string> }[] };
      expect(journal.items.map((entry) => entry.path)).toContain('/sandbox/players');
      expect(JSON.stringify(journal)).not.toContain('flag-token');
    } finally {
      await sandbox.stop();
    }
  });

  it('takes the token from the environment over the config file, and the file\'s players and public URL still apply', async () => {
    const config = join(dir, 'locked.yaml');
    writeFileSync(config, [
      'controlToken: from-the-file',
      'publicUrls: { trueplay: "https://sandbox.example:8443/" }',
      'campaigns: [{ name: Welcome, type: REGISTRATION, tokens: 100 }]',
      'players: [{ operatorUserId: alice, balance: 10 }]',
      '',
    ].join('\n'));
    // The environment wins over the file.
    const sandbox = await start(['--config', config], cleanEnv({ [CONTROL_TOKEN_ENV]: 'from-the-env' }), /control token .*\n/);
    try {
      expect(sandbox.output).toContain('1 campaign(s), 1 player(s) added');
      expect(sandbox.output).toContain('fake Trueplay        https://sandbox.example:8443');
      expect(sandbox.output).toContain('fake operator wallet https://sandbox.example:');
      expect(sandbox.output).not.toContain('from-the-');
      const local = /this machine: (http:\/\/127\.0\.0\.1:\d+) and (http:\/\/127\.0\.0\.1:\d+)/.exec(sandbox.output)!;
      const [T, W] = [local[1]!, local[2]!];
      expect((await get(`${T}/sandbox/operators`)).status).toBe(401);
      expect((await get(`${T}/sandbox/operators`, 'from-the-file')).status).toBe(401);
      expect((await get(`${W}/sandbox/players/alice`, 'from-the-env')).status).toBe(200);
      // The Trueplay API itself never needed the control token.
      const key = { 'x-api-key': 'demo-api-key', 'content-type': 'application/json' };
      await fetch(`${T}/api/v1/accept`, { method: 'POST', headers: key, body: JSON.stringify({ operatorUserId: 'alice', transactionId: 't1', referenceTransactionId: null, type: 'BET', ...SAMPLE_GAME, currency: 'USD', amount: 1 }) });
      const link = await (await fetch(`${T}/api/v1/loyalty-page?operatorUserId=alice&lang=EN`, { headers: key })).json() as { url: string };
      expect(link.url).toMatch(/^https:\/\/sandbox\.example:8443\/loyalty\//);
    } finally {
      await sandbox.stop();
    }
  });

  it('refuses a public URL that is not one, and an address this machine does not have, with a clear message', async () => {
    for (const [args, message] of [
      [['--public-url', 'sandbox:4010/x?y'], /--public-url.*a public URL is http:\/\/ or https:\/\//],
      [['--operator-public-url', 'http://w:4020/?q=1'], /no query, fragment or credentials/],
      // A documentation address (TEST-NET-3): no interface has it, nothing is sent anywhere.
      [['--host', '203.0.113.7'], /cannot listen on --host 203\.0\.113\.7/],
    ] as const) {
      const { code, stdout, stderr } = await runCli(['start', '--trueplay-port', '0', '--operator-port', '0', '--db', ':memory:', ...args], { cwd: dir, env: cleanEnv() });
      const output = stdout + stderr;
      expect(code, output).not.toBe(0);
      expect(output).toMatch(message);
    }
  });
});

describe('which hosts are loopback, and the token in force', () => {
  it('counts only 127.0.0.0/8, ::1 in any spelling and localhost as loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.200.0.1', '192.168.1.5', '::ffff:10.0.0.1', 'fe80::1', 'sandbox', '128.0.0.1', '1.127.0.0']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('uses a given token anywhere, generates one off loopback, and none on loopback', () => {
    expect(controlAccessFor('127.0.0.1', undefined)).toEqual({ token: null, generated: false });
    expect(controlAccessFor('127.0.0.1', 'mine')).toEqual({ token: 'mine', generated: false });
    expect(controlAccessFor('0.0.0.0', 'mine')).toEqual({ token: 'mine', generated: false });
    const generated = controlAccessFor('0.0.0.0', undefined);
    expect(generated.generated).toBe(true);
    expect(generated.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(controlAccessFor('10.0.0.1', '').token).not.toBe(generated.token);
  });

  it('takes public URLs with a path, without the trailing slash', () => {
    expect(parsePublicUrl('http://trueplay-sandbox:4010/')).toBe('http://trueplay-sandbox:4010');
    expect(parsePublicUrl('https://qa.example/trueplay/')).toBe('https://qa.example/trueplay');
    for (const bad of ['ftp://x', 'no-scheme', 'http://u:p@x', 'http://x/#f']) expect(() => parsePublicUrl(bad), bad).toThrow();
  });
});
