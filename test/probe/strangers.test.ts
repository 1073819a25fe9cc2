/**
 * The probe's verdict on wallets it did not shape: two written from the reference alone (support/strangers/), lenient
 * but correct, must pass with hardening advice; each of their deliberate flaws must fail the run, naming the check.
 * Real child processes, as a user's CI runs the probe.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { lastLine, probe } from './support/probe-cli.js';
import { DEMO_SECRET } from './support/probe-target.js';
import { startCentsWallet, type CentsWalletFlaw } from './support/strangers/cents-wallet.js';
import { startExpressWallet, type ExpressWalletFlaw } from './support/strangers/express-wallet.mjs';

const failedIds = (stdout: string) => [...stdout.matchAll(/^FAIL +(\w+) +\w+ +(\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
const adviceIds = (stdout: string) => [...stdout.matchAll(/^ADVICE +hardening +\w+ +(\S+)/gm)].map((m) => m[1]);

/** What both lenient wallets are advised on: their own error codes, and fields they do not read. */
const SHARED_ADVICE = ['happy-path.insufficient-funds-code', 'idempotency.conflict-code', 'signature.refusal-code', 'bad-input.strict-fields', 'bad-input.strict-types', 'bad-input.strict-amounts'];

describe('probe against wallets written by strangers', { timeout: 120_000 }, () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  const cents = async (flaw?: CentsWalletFlaw) => {
    const wallet = await startCentsWallet({ secret: DEMO_SECRET, flaw });
    close = wallet.close;
    return ['--base-url', wallet.url, '--secret', DEMO_SECRET, '--state-url', wallet.stateUrl];
  };
  /** Serves its provider states at /sandbox/provider-states, so the probe finds them without --state-url. */
  const express = async (flaw?: ExpressWalletFlaw) => {
    const wallet = await startExpressWallet({ secret: DEMO_SECRET, flaw });
    close = wallet.close;
    return ['--base-url', wallet.url, '--secret', DEMO_SECRET];
  };

  it('passes the lenient cents wallet (lowercase codes, 100.00, unread fields ignored) with hardening advice; --strict fails it with exit 3', async () => {
    const args = await cents();
    const run = await probe(args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(failedIds(run.stdout)).toEqual([]);
    expect(adviceIds(run.stdout)).toEqual([...SHARED_ADVICE, 'bad-input.length-limits']);
    expect(run.stdout).toContain('↳ a Token Exchange with no signature: the reference answers 401 INVALID_SIGNATURE; got 401 bad_signature');
    expect(run.stdout).toMatch(/^advice \(hardening, does not fail the run; --strict counts it\): happy-path\.insufficient-funds-code, /m);
    expect(lastLine(run.stdout)).toMatch(/^\d+ passed, 0 failed, 7 advice · PASSED: no contract checks of low and above failed/);

    const strict = await probe([...args, '--strict']);
    expect(strict.code).toBe(3);
    expect(failedIds(strict.stdout)).toEqual([...SHARED_ADVICE, 'bad-input.length-limits'].map((id) => `hardening ${id}`));
    expect(lastLine(strict.stdout)).toMatch(/^\d+ passed, 7 failed · FAILED: 7 of the contract and hardening checks of low and above failed$/);
  });

  it('passes the lenient Express wallet (403 and 422 refusals, coercion, case-insensitive actions) with hardening advice', async () => {
    const run = await probe(await express());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(failedIds(run.stdout)).toEqual([]);
    expect(adviceIds(run.stdout)).toEqual([...SHARED_ADVICE, 'bad-input.strict-actions', 'bad-input.length-limits']);
    expect(run.stdout).toContain('got 403 SIGNATURE_MISMATCH');
    expect(run.stdout).toContain('↳ action "Debit": accepted rather than refused');
  });

  // A race shows in the checks it can: the overdraft check always (some DEBITs overlap, whatever the timing); the replay
  // and exact-sum checks only when the timing makes them overlap in a way that changes the outcome, so they may also fail.
  it.each<[string, () => Promise<string[]>, string[], string[]]>([
    ['cents, balance check and debit split by an await', () => cents('split-await'), ['concurrency.no-overdraft'], ['idempotency.concurrent-replay', 'concurrency.exact-sums']],
    ['cents, accepting a negative or zero amount', () => cents('accepts-non-positive-amount'), ['bad-input.bad-amounts'], []],
    ['Express, without idempotency', () => express('no-idempotency'), ['idempotency.sequential-replay', 'idempotency.concurrent-replay', 'idempotency.conflicting-body'], []],
    ['Express, without a signature check', () => express('no-signature-check'), ['signature.missing', 'signature.wrong-secret', 'signature.tampered-body'], []],
    ['Express, answering 500 to bad input', () => express('crash-on-bad-input'), ['bad-input.missing-fields', 'bad-input.wrong-types', 'bad-input.bad-amounts', 'bad-input.malformed-json'], []],
  ])('exits 1 on the %s, naming the contract checks that catch it', async (_name, start, always, sometimes) => {
    const run = await probe(await start());
    expect(run.code).toBe(1);
    const contractFailures = failedIds(run.stdout).filter((line) => line.startsWith('contract ')).map((line) => line.slice('contract '.length));
    expect(contractFailures.filter((id) => !sometimes.includes(id))).toEqual(always);
    expect(lastLine(run.stdout)).toMatch(new RegExp(`· FAILED: ${contractFailures.length} of the contract checks of low and above failed$`));
  });
});
