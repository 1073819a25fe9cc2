/**
 * `verify operator` on wallets nobody here wrote: two written from the reference alone, in different styles, with
 * their own error codes, number formats (100.0, 100.00) and paths, pass; the same wallet with one money rule
 * switched off fails, naming the interaction that caught it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { verifyOperator } from '../../src/contracts/verify-operator.js';
import { CENTS_WALLET_PATHS, CentsWallet } from './support/cents-wallet.js';
import { startDecimalWallet, type DecimalWallet, type DecimalWalletFlaw } from './support/decimal-wallet.js';

const SECRET = 'a-strangers-secret';
const REPLAY = 'Token Exchange: the same exchange sent again returns the first answer and moves no money';
const BAD_SIGNATURE = 'Token Exchange: a request with a wrong X-REQUEST-SIGNATURE';
const OVERDRAFT = 'Token Exchange: a DEBIT beyond the casino balance';

describe('verify operator on strangers\' wallets', () => {
  let decimal: DecimalWallet | undefined;
  let cents: CentsWallet | undefined;
  afterEach(async () => {
    await decimal?.close();
    await cents?.stop();
    decimal = cents = undefined;
  });

  const verifyDecimal = async (flaw?: DecimalWalletFlaw) => {
    decimal = await startDecimalWallet(SECRET, flaw);
    return verifyOperator({ baseUrl: decimal.url, stateUrl: decimal.stateUrl, secretKey: SECRET });
  };

  it('passes a wallet that keeps decimals and answers "balance": 100.0, with codes of its own', async () => {
    const result = await verifyDecimal();
    expect(result.failures).toEqual([]);
    expect(result.stateErrors).toEqual([]);
    expect(result.interactions).toHaveLength(7);
    expect(result.passed).toBe(true);
  });

  it('passes a cents-ledger wallet on its own paths and operatorId, answering 100.00 and fields Trueplay does not read', async () => {
    cents = await new CentsWallet(SECRET, 42).start();
    const result = await verifyOperator({ baseUrl: cents.url, stateUrl: cents.stateUrl, secretKey: SECRET, operatorId: 42, ...CENTS_WALLET_PATHS });
    expect(result.failures).toEqual([]);
    expect(result.stateErrors).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('fails the decimal wallet without idempotency, naming the replay and its balance', async () => {
    const result = await verifyDecimal('no-idempotency');
    expect(result.passed).toBe(false);
    expect(result.failures.map((f) => f.interaction)).toEqual([expect.stringContaining(REPLAY)]);
    expect(result.failures[0]!.problems.join('\n')).toMatch(/\$\.balance/);
  });

  it('fails the decimal wallet without a signature check, naming the bad-signature interaction', async () => {
    const result = await verifyDecimal('no-signature-check');
    expect(result.passed).toBe(false);
    expect(result.failures.map((f) => f.interaction)).toEqual([expect.stringContaining(BAD_SIGNATURE)]);
    expect(result.failures[0]!.problems.join('\n')).toContain('Expected status code 200 to be a Client error');
  });

  it('fails the decimal wallet that lets a DEBIT overdraw, naming the overdraft interaction', async () => {
    const result = await verifyDecimal('overdraft');
    expect(result.passed).toBe(false);
    expect(result.failures.map((f) => f.interaction)).toEqual([expect.stringContaining(OVERDRAFT)]);
    expect(result.failures[0]!.problems.join('\n')).toContain('Expected status code 200 to be a Client error');
  });
});
