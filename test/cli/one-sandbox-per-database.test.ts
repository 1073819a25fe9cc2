/**
 * One sandbox per database file, with real processes: a second `start` on a file in use is refused before it
 * changes anything (issue 17: it used to point the running instance's demo operator at its own, dead wallet port).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox.js';
import { DatabaseInUseError } from '../../src/store/database-lock.js';
import { runCli, spawnCli, type CliRun } from '../support/cli.js';

interface Started {
  run: CliRun;
  trueplayUrl: string;
  walletUrl: string;
}

async function start(args: string[], cwd: string): Promise<Started> {
  const run = spawnCli(['start', '--trueplay-port', '0', '--operator-port', '0', '--log-level', 'warn', ...args], { cwd });
  const out = await run.waitForStdout('demo operator', 60_000);
  return {
    run,
    trueplayUrl: /fake Trueplay\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!,
    walletUrl: /fake operator wallet\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!,
  };
}

async function stop(started: Started, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (started.run.child.exitCode === null) started.run.child.kill(signal);
  await started.run.exited;
}

async function json(url: string, init?: RequestInit): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', 'x-api-key': 'demo-api-key' } });
  return { status: response.status, body: await response.json() };
}

const demoCallback = async (trueplayUrl: string) =>
  (await json(`${trueplayUrl}/sandbox/operators`)).body.items.find((o: { operatorId: number }) => o.operatorId === 1).callbackBaseUrl;

describe('one sandbox per database file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trueplay-sandbox-lock-'));
  const db = join(dir, 'sandbox.db');
  const running: Started[] = [];
  afterAll(async () => {
    await Promise.all(running.map((started) => stop(started, 'SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second start on the same file, names the running one, and leaves it untouched', async () => {
    const first = await start(['--db', db], dir);
    running.push(first);
    expect(await demoCallback(first.trueplayUrl)).toBe(first.walletUrl);
    expect(existsSync(`${db}.lock`)).toBe(true);

    // The case: the second start even fails on a port (the first one's), yet used to rewire the first.
    const firstPort = new URL(first.trueplayUrl).port;
    for (const ports of [['--trueplay-port', firstPort], ['--trueplay-port', '0']]) {
      const second = await runCli(['start', '--db', db, '--operator-port', '0', '--log-level', 'warn', ...ports], { cwd: dir });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(first.trueplayUrl);
      expect(second.stderr).toContain(first.walletUrl);
      expect(second.stderr).toContain(`pid ${first.run.child.pid}`);
      expect(second.stderr).toContain('--db');
      expect(second.stderr).toContain(':memory:');
      expect(second.stdout).not.toContain('fake Trueplay');
    }

    // Untouched: the demo operator still calls the first wallet, and a withdrawal goes through to it.
    expect(await demoCallback(first.trueplayUrl)).toBe(first.walletUrl);
    await json(`${first.trueplayUrl}/sandbox/campaigns`, { method: 'POST', body: JSON.stringify({ operatorId: 1, name: 'w', type: 'REGISTRATION', tokens: 10 }) });
    await json(`${first.walletUrl}/sandbox/players`, { method: 'POST', body: JSON.stringify({ operatorUserId: 'lock-1', balance: 0, currency: 'USD' }) });
    const link = await json(`${first.trueplayUrl}/api/v1/loyalty-page?operatorUserId=lock-1`);
    const session = new URL(link.body.url).pathname;
    await json(`${first.trueplayUrl}${session}/state`);
    const withdrawal = await json(`${first.trueplayUrl}${session}/withdraw`, { method: 'POST', body: JSON.stringify({ tokenAmount: 10 }) });
    expect([withdrawal.status, withdrawal.body.status]).toEqual([200, 'OK']);
    expect((await json(`${first.walletUrl}/sandbox/players/lock-1`)).body.balance).toBe(9.9);

    // Another sandbox beside it, on its own database, starts.
    const beside = await start(['--db', ':memory:'], dir);
    running.push(beside);
    expect(await demoCallback(beside.trueplayUrl)).toBe(beside.walletUrl);
    await stop(beside);

    // Stopped, the first one gives the file back; the next start owns it and its demo operator follows the new wallet.
    await stop(first);
    expect(existsSync(`${db}.lock`)).toBe(false);
    const next = await start(['--db', db], dir);
    running.push(next);
    expect(await demoCallback(next.trueplayUrl)).toBe(next.walletUrl);
    expect((await json(`${next.walletUrl}/sandbox/players/lock-1`)).body.balance).toBe(9.9);

    // Killed without a chance to clean up, its lock is stale and the next start takes it over.
    await stop(next, 'SIGKILL');
    expect(existsSync(`${db}.lock`)).toBe(true);
    const after = await start(['--db', db], dir);
    running.push(after);
    expect(await demoCallback(after.trueplayUrl)).toBe(after.walletUrl);
    await stop(after);
  }, 240_000);

  it('a start that fails on a port changes nothing: no database, no lock', async () => {
    const holder = await start(['--db', ':memory:'], dir);
    running.push(holder);
    const other = join(dir, 'other', 'fresh.db');
    const failed = await runCli(['start', '--db', other, '--trueplay-port', new URL(holder.trueplayUrl).port, '--operator-port', '0'], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('a port is already in use');
    expect(existsSync(other)).toBe(false);
    expect(existsSync(`${other}.lock`)).toBe(false);
    await stop(holder);
  }, 120_000);
});

describe('the database lock, in one process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trueplay-sandbox-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second startSandbox on an open file with DatabaseInUseError, and takes over a lock whose process is gone', async () => {
    const db = join(dir, 'in-process.db');
    const first = await startSandbox({ db, trueplayPort: 0, operatorPort: 0, backgroundWork: false });
    try {
      const refused = await startSandbox({ db, trueplayPort: 0, operatorPort: 0, backgroundWork: false }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(DatabaseInUseError);
      expect((refused as DatabaseInUseError).holder).toMatchObject({ pid: process.pid, trueplayUrl: first.trueplayUrl, walletUrl: first.walletUrl });
    } finally {
      await first.close();
    }
    expect(existsSync(`${db}.lock`)).toBe(false);

    // A lock left by a process that no longer runs, and one that is not even JSON.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    for (const stale of [JSON.stringify({ pid: Number(gone.stdout), token: 'stale', startedAt: 'then' }), 'garbage']) {
      writeFileSync(`${db}.lock`, stale);
      const next = await startSandbox({ db, trueplayPort: 0, operatorPort: 0, backgroundWork: false });
      expect(JSON.parse(readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, trueplayUrl: next.trueplayUrl });
      await next.close();
    }
  });
});
