/**
 * The probe's verdict on a wallet written blind from the reference, in Python (test/support/strangers/python_wallet.py:
 * http.server, Decimal, a lock per player, 403/409/422 refusals with lowercase codes, its provider states at
 * /_admin/provider-states). Correct, it must pass with hardening advice only; each deliberate flaw must exit 1 naming
 * the contract check that catches it. A real child process, as a casino's CI would run it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { lastLine, probe } from './support/probe-cli.js';
import { DEMO_SECRET } from './support/probe-target.js';
import { startPythonWallet, type PythonWallet, type PythonWalletFlaw } from '../support/strangers/python-wallet.js';

const failedIds = (stdout: string) => [...stdout.matchAll(/^FAIL +(\w+) +\w+ +(\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
const adviceIds = (stdout: string) => [...stdout.matchAll(/^ADVICE +hardening +\w+ +(\S+)/gm)].map((m) => m[1]);

describe('probe against a Python wallet written blind from the reference', { timeout: 120_000 }, () => {
  const started: PythonWallet[] = [];
  afterAll(async () => {
    await Promise.all(started.map((wallet) => wallet.close()));
  });

  const wallet = async (flaw?: PythonWalletFlaw) => {
    const running = await startPythonWallet({ secret: DEMO_SECRET, flaw });
    started.push(running);
    return running;
  };
  const argsFor = (running: PythonWallet) => ['--base-url', running.url, '--secret', DEMO_SECRET, '--state-url', running.stateUrl];

  it('passes the correct wallet (403 signature_mismatch, 422 not_enough_funds, 100.00, unread fields ignored) with hardening advice only', async () => {
    const running = await wallet();
    const run = await probe(argsFor(running));
    expect(run.stderr).toBe('');
    expect(failedIds(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    // Its own codes and statuses, and the fields it does not read, are advice, never failures.
    expect(adviceIds(run.stdout)).toEqual(expect.arrayContaining(['happy-path.insufficient-funds-code', 'idempotency.conflict-code', 'signature.refusal-code']));
    expect(run.stdout).toContain('got 422 not_enough_funds');
    expect(run.stdout).toContain('got 403 signature_mismatch');
    expect(run.stdout).toContain('got 409 replayed_with_different_body');
    expect(lastLine(run.stdout)).toMatch(/^\d+ passed, 0 failed, \d+ advice · PASSED: no contract checks of low and above failed/);
    // http.server's accept queue is 5 deep: the probe's bursts of 20 fresh connections get some reset, and the probe
    // retries them with the same id as Trueplay would. Nothing in the wallet itself may have broken.
    expect(running.stderr()).not.toMatch(/internal error/);
  });

  // split-check releases the player's lock between the balance check and the debit: concurrent DEBITs overdraw. The
  // replay and exact-sum checks may also see it when the timing makes the overlap change their outcome.
  it.each<[PythonWalletFlaw, string[], string[]]>([
    ['no-idempotency', ['idempotency.sequential-replay', 'idempotency.concurrent-replay', 'idempotency.conflicting-body'], []],
    ['no-signature', ['signature.missing', 'signature.wrong-secret', 'signature.tampered-body'], []],
    ['split-check', ['concurrency.no-overdraft'], ['idempotency.concurrent-replay', 'concurrency.exact-sums']],
    ['negative-amount', ['bad-input.bad-amounts'], []],
  ])('exits 1 on --flaw %s, naming the contract checks that catch it', async (flaw, always, sometimes) => {
    const run = await probe(argsFor(await wallet(flaw)));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const contractFailures = failedIds(run.stdout).filter((line) => line.startsWith('contract ')).map((line) => line.slice('contract '.length));
    expect(contractFailures.filter((id) => !sometimes.includes(id))).toEqual(always);
    expect(lastLine(run.stdout)).toMatch(new RegExp(`· FAILED: ${contractFailures.length} of the contract checks of low and above failed$`));
  });
});
