import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checksFor } from '../../src/probe/checks/index.js';

/** The checks a run without --player-event-path makes (the optional webhook's are left out). */
const ALL_CHECKS = checksFor({});
import { severityOf } from '../../src/probe/severity.js';
import { startMiniWallet, type Flaw, type MiniWallet } from './support/mini-wallet.js';
import { lastLine, probe } from './support/probe-cli.js';
import { DEMO_SECRET } from './support/probe-target.js';

// Each case starts the CLI in a child process (tsx compiles the sources first), so allow more than the default time.
describe('trueplay-sandbox probe', { timeout: 90_000 }, () => {
  let wallet: MiniWallet | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await wallet?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const against = async (flaw?: Flaw) => {
    wallet = await startMiniWallet({ secret: DEMO_SECRET, flaw });
    return ['--base-url', wallet.url, '--secret', DEMO_SECRET, '--state-url', wallet.stateUrl];
  };

  it('exits 0 on a conforming wallet, prints one line per check with its basis and severity, and writes both reports', async () => {
    dir = mkdtempSync(join(tmpdir(), 'probe-cli-'));
    const [, baseUrl, , secret] = await against();
    // No --state-url: like `verify operator`, the probe takes <base-url>/sandbox/provider-states, where this wallet serves it.
    const { code, stdout } = await probe(['--base-url', baseUrl!, '--secret', secret!, '--strict', '--report', join(dir, 'out', 'report.html'), '--junit', join(dir, 'junit.xml')]);
    expect(code).toBe(0);
    expect(lastLine(stdout)).toBe(`${ALL_CHECKS.length} passed, 0 failed · PASSED: no contract and hardening checks of low and above failed`);
    for (const check of ALL_CHECKS) {
      expect(stdout).toMatch(new RegExp(`^PASS +${check.basis} +${severityOf(check.harm)} +${check.id.replace('.', '\\.')} `, 'm'));
    }
    expect(stdout).not.toContain('\r'); // no progress bar when stdout is not a terminal
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain(`tests="${ALL_CHECKS.length}" failures="0"`);
  });

  it('exits 1 when a contract check at or above --fail-on fails, naming the failed checks and why, with the hardening finding as advice', async () => {
    const { code, stdout } = await probe([...(await against('no-idempotency')), '--fail-on', 'critical']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL +contract +critical +idempotency\.sequential-replay /m);
    expect(stdout).toMatch(/↳ balance after 10 identical CREDITs of 10 on 100: expected exactly 110, got 200/);
    expect(stdout).toMatch(/^ADVICE +hardening +low +idempotency\.conflict-code /m);
    expect(stdout).toContain('failed by severity: 3 critical (the run fails on contract checks of critical and above)');
    expect(stdout).toContain('advice (hardening, does not fail the run; --strict counts it): idempotency.conflict-code');
    expect(lastLine(stdout)).toBe(`${ALL_CHECKS.length - 4} passed, 3 failed, 1 advice · FAILED: 3 of the contract checks of critical and above failed`);
  });

  it('exits 2 without running the suite when the secret is wrong or the state URL does not seed', async () => {
    const args = await against();
    const wrongSecret = await probe([...args.slice(0, 2), '--secret', 'not-the-secret', ...args.slice(4)]);
    expect(wrongSecret.code).toBe(2);
    expect(wrongSecret.stderr).toContain('refused a correctly signed balance call with 401: is --secret the operator\'s secretKey?');
    expect(wrongSecret.stdout).toBe('');
    const badStateUrl = await probe([...args.slice(0, 4), '--state-url', `${wallet!.url}/nowhere`]);
    expect(badStateUrl.code).toBe(2);
    expect(badStateUrl.stderr).toContain(`could not seed a player through the state URL ${wallet!.url}/nowhere: 404`);
  });

  it('refuses a bad --fail-on or --concurrency before probing', async () => {
    const args = await against();
    const result = await probe([...args, '--fail-on', 'severe']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("argument 'severe' is invalid. one of low, medium, high, critical");
    const concurrency = await probe([...args, '--concurrency', '0']);
    expect(concurrency.code).toBe(1);
    expect(concurrency.stderr).toContain('--concurrency is an integer from 1 to 500');
  });
});
