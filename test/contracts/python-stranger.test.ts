/**
 * `verify operator` on a wallet written blind from the reference, in Python (test/support/strangers/python_wallet.py),
 * run as a real child process with its own provider-state URL (/_admin/provider-states), its own refusals (403
 * signature_mismatch, 404 player_unknown, 409 replayed_with_different_body, 422 not_enough_funds) and money written as
 * the Decimal's own text (100.00). Each flaw the contract can see fails it, naming the interaction.
 *
 * Its refusals differ from the sandbox's own (403 for the wrong signature where the sandbox answers 401, 422
 * not_enough_funds for the overdraft where it answers 400 INSUFFICIENT_FUNDS): the pact takes any 4xx with an error
 * body there, as Trueplay does, so the correct wallet passes every interaction. Not here: --flaw split-check, a race
 * that no sequential interaction can show (the probe
 * catches it: test/probe/python-stranger.test.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { formatVerification } from '../../src/contracts/report.js';
import { verifyOperator } from '../../src/contracts/verify-operator.js';
import { startPythonWallet, type PythonWallet, type PythonWalletFlaw } from '../support/strangers/python-wallet.js';

const SECRET = 'the-python-wallets-secret';
const REPLAY = 'Token Exchange: the same exchange sent again returns the first answer and moves no money';
const BAD_SIGNATURE = 'Token Exchange: a request with a wrong X-REQUEST-SIGNATURE';

describe('verify operator against a Python wallet written blind from the reference', { timeout: 60_000 }, () => {
  const started: PythonWallet[] = [];
  afterAll(async () => {
    await Promise.all(started.map((wallet) => wallet.close()));
  });

  const verify = async (flaw?: PythonWalletFlaw) => {
    const wallet = await startPythonWallet({ secret: SECRET, flaw });
    started.push(wallet);
    const result = await verifyOperator({ baseUrl: wallet.url, stateUrl: wallet.stateUrl, secretKey: SECRET });
    const failed = result.failures.map((f) => f.interaction);
    return { result, failed, report: formatVerification('operator', result), wallet };
  };

  it('passes the correct wallet, every interaction, its 403 and 422 refusals included', async () => {
    const { result, failed, report, wallet } = await verify();
    expect(result.stateErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(result.interactions).toHaveLength(7);
    expect(result.interactions.every((i) => i.passed)).toBe(true);
    expect(result.passed).toBe(true);
    // Its 403s are to the one deliberately wrong signature: no hint that the secret is wrong.
    expect(report).not.toContain('hint:');
    expect(wallet.stderr()).toBe('');
  });

  it('fails --flaw no-idempotency, naming the replay interaction and the balance it got wrong', async () => {
    const { result, failed, report } = await verify('no-idempotency');
    expect(result.passed).toBe(false);
    expect(failed).toEqual([expect.stringContaining(REPLAY)]);
    expect(result.failures.find((f) => f.interaction.endsWith(REPLAY))!.problems.join('\n')).toMatch(/\$\.balance.*109\.4.*79\\?\.7/);
    expect(report).toContain(`✗ ${REPLAY}`);
  });

  it('fails --flaw no-signature, naming the bad-signature interaction, which it answers 200', async () => {
    const { result, failed, report } = await verify('no-signature');
    expect(result.passed).toBe(false);
    expect(failed).toEqual([expect.stringContaining(BAD_SIGNATURE)]);
    expect(result.failures.find((f) => f.interaction.endsWith(BAD_SIGNATURE))!.problems.join('\n')).toMatch(/Expected status code 200 to be a Client error/);
    expect(report).toContain(`✗ ${BAD_SIGNATURE}`);
  });
});
