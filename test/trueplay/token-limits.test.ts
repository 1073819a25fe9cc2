/**
 * Token amounts are exact at every magnitude the contract allows, and the contract's maximum is enforced (issue 17:
 * above ~9×10¹³ tokens, held as JS numbers, the last cents were rounded away).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

describe('token amounts at the largest magnitudes', () => {
  let sandbox: TestSandbox;
  const deposit = (operatorUserId: string, transactionId: string, amount: number) =>
    sandbox.api('POST', '/api/v1/deposits', { operatorUserId, transactionId, amount, currency: 'USD' });
  const balance = async (operatorUserId: string) => (await sandbox.api('GET', `/api/v1/users/${operatorUserId}/balance`)).body.tokenBalance;
  const rate = (exchangeRate: number) => sandbox.control('PATCH', '/sandbox/operators/1', { exchangeRate });

  beforeAll(async () => {
    sandbox = await startTestSandbox({ backgroundWork: false });
    const campaign = await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Match', type: 'DEPOSIT', percent: 100 });
    for (const user of ['big-1', 'big-2']) {
      await sandbox.api('POST', '/api/v1/users', { operatorUserId: user });
      await sandbox.api('POST', `/api/v1/campaigns/${campaign.body.id}/participants`, { operatorUserIds: [user] });
    }
  });
  afterAll(() => sandbox.close());

  it('pays a 987,654,321.12 deposit at rate 0.0007 to the cent: 1,410,934,744,457.14 tokens, as sent and as stored', async () => {
    await rate(0.0007);
    const paid = await deposit('big-1', 'dep-1', 987654321.12);
    expect(paid.status).toBe(200);
    // 987654321.12 / 0.0007 = 1410934744457.142857… → half-up to 2 places.
    expect(paid.text).toContain('"tokenAmount":1410934744457.14');
    expect(await balance('big-1')).toBe(1410934744457.14);
    expect((await sandbox.control('GET', '/sandbox/overview')).text).toContain('1410934744457.14');
  });

  it('refuses with 400 TOKEN_LIMIT_EXCEEDED what would pass the stated maximum, and moves nothing (the issue: rate 0.00001)', async () => {
    await rate(0.00001);
    const refused = await deposit('big-2', 'dep-2', 987654321.12);
    expect([refused.status, refused.body.error.code]).toEqual([400, 'TOKEN_LIMIT_EXCEEDED']);
    expect(refused.body.error.message).toContain('9999999999999.99');
    expect(await balance('big-2')).toBe(0);
    // Nothing was recorded: the same transactionId goes through once the rate allows it.
    await rate(0.1);
    const retried = await deposit('big-2', 'dep-2', 987654321.12);
    expect([retried.status, retried.body.duplicate, retried.body.awards[0].tokenAmount]).toEqual([200, false, 9876543211.2]);

    // A balance near the maximum takes what still fits, and nothing that does not.
    await rate(0.0001);
    expect((await deposit('big-2', 'dep-3', 999_000_000)).status).toBe(200);
    expect(await balance('big-2')).toBe(9999876543211.2);
    const over = await deposit('big-2', 'dep-4', 100_000);
    expect([over.status, over.body.error.code]).toEqual([400, 'TOKEN_LIMIT_EXCEEDED']);
    expect(await balance('big-2')).toBe(9999876543211.2);
    expect((await deposit('big-2', 'dep-5', 12.34)).status).toBe(200);
    expect(await balance('big-2')).toBe(9999876666611.2);
  });
});
