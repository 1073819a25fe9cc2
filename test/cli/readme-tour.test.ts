/** The README's tour on ports other than the defaults: T and W read from the start output as the README says. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/cli.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README: the tour on other ports', () => {
  it("reads T and W from `start`'s output with the README's own line, and they are this sandbox's URLs", async () => {
    const line = README.split('\n').find((l) => l.startsWith('T=$(awk'));
    expect(line, 'the README shows how to read T and W from the start output').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'readme-tour-'));
    const run = spawnCli(['start', '--trueplay-port', '0', '--operator-port', '0', '--db', ':memory:'], { cwd: dir });
    try {
      const out = await run.waitForStdout('demo operator');
      writeFileSync(join(dir, 'sandbox.out'), out);
      const [T, W] = execFileSync('bash', ['-c', `${line}\necho "$T $W"`], { cwd: dir, encoding: 'utf8' }).trim().split(' ');
      expect(T).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(W).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(T).not.toBe(W);
      expect(await (await fetch(`${T}/health`)).json()).toEqual({ status: 'OK' });
      // W is the wallet: it seeds a player, and serves the operator-side provider states the README names.
      expect((await fetch(`${W}/sandbox/players`, { method: 'POST', body: JSON.stringify({ operatorUserId: 'player-1', balance: 50, currency: 'USD' }) })).status).toBe(201);
      const state = await fetch(`${W}/sandbox/provider-states`, { method: 'POST', body: JSON.stringify({ state: 'no player exists', params: { operatorUserId: 'nobody' }, action: 'setup' }) });
      expect(state.status).toBe(200);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
      rmSync(dir, { recursive: true, force: true });
    }
    expect(README).toContain('`POST $W/sandbox/provider-states`');
    expect(README).toContain('`POST $T/sandbox/provider-states`');
  });
});
