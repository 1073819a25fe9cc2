/**
 * `PATCH /sandbox/operators/{id}` with any subset of the settings (issue 17: it required `enabled`, so a demo
 * operator pointed at a dead wallet could not be repaired), and the journal naming the URL a failed call tried.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

/** A loopback port nothing listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('changing an operator', () => {
  let sandbox: TestSandbox;
  const demo = async () => (await sandbox.control('GET', '/sandbox/operators')).body.items.find((o: { operatorId: number }) => o.operatorId === 1);
  const withdraw = async (operatorUserId: string, tokenAmount: number) => {
    const link = await sandbox.api('GET', `/api/v1/loyalty-page?operatorUserId=${operatorUserId}`);
    return sandbox.control('POST', `${new URL(link.body.url).pathname}/withdraw`, { tokenAmount });
  };

  beforeAll(async () => {
    sandbox = await startTestSandbox({ exchangeAttempts: 1 });
    await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Welcome', type: 'REGISTRATION', tokens: 100 });
  });
  afterAll(() => sandbox.close());

  it('takes any one setting alone and keeps the rest', async () => {
    const before = await demo();
    const changes: Record<string, unknown>[] = [
      { withdrawalFeePercent: 2 },
      { exchangeRate: 0.5 },
      { purchaseFeePercent: 3 },
      { name: 'Renamed casino' },
      { balancePath: '/trueplay/balance' },
      { playerEventsEnabled: false },
      { enabled: true },
    ];
    let expected = before;
    for (const change of changes) {
      const answer = await sandbox.control('PATCH', '/sandbox/operators/1', change);
      expect(answer.status).toBe(200);
      expected = { ...expected, ...change };
      expect(answer.body).toEqual(expected);
      expect(await demo()).toEqual(expected);
    }
    // The changed terms are the ones an exchange uses: 100 tokens × 0.5 − 2 % = 49.
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'terms-1', balance: 0, currency: 'USD' });
    const paid = await withdraw('terms-1', 100);
    expect(paid.body.exchange).toMatchObject({ amount: 49, exchangeRate: 0.5 });
  });

  it('refuses what is not a valid setting with 400 (and a taken key with 409), changing nothing', async () => {
    const other = await sandbox.control('POST', '/sandbox/operators', { name: 'other', apiKey: 'other-key' });
    const before = await demo();
    for (const [body, status] of [
      [{}, 400],
      [{ exchangeRate: 0 }, 400],
      [{ withdrawalFeePercent: 101 }, 400],
      [{ callbackBaseUrl: 'not a url' }, 400],
      [{ tokenExchangePath: 'no-slash' }, 400],
      [{ enabled: 'yes' }, 400],
      [{ operatorId: 7 }, 400],
      [{ withdrawalFeePercent: 5, surprise: true }, 400],
      [{ apiKey: 'other-key', withdrawalFeePercent: 5 }, 409],
    ] as const) {
      const answer = await sandbox.control('PATCH', '/sandbox/operators/1', body);
      expect([answer.status, typeof answer.body.error?.code]).toEqual([status, 'string']);
    }
    expect(await demo()).toEqual(before);
    expect((await sandbox.control('PATCH', `/sandbox/operators/${other.body.operatorId + 100}`, { enabled: false })).status).toBe(404);
  });

  it('a callback to an unreachable wallet is journaled with the URL it tried; a PATCH repairs it', async () => {
    const port = await deadPort();
    const walletUrl = (await demo()).callbackBaseUrl;
    expect((await sandbox.control('PATCH', '/sandbox/operators/1', { callbackBaseUrl: `http://127.0.0.1:${port}/` })).body.callbackBaseUrl).toBe(`http://127.0.0.1:${port}`);
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'dead-1', balance: 0, currency: 'USD' });
    const pending = await withdraw('dead-1', 10);
    expect([pending.status, pending.body.status]).toEqual([202, 'PENDING']);
    const journal = (await sandbox.control('GET', '/sandbox/journal?direction=trueplay->operator&limit=5')).body.items;
    const attempt = journal.at(-1);
    expect(attempt.status).toBeNull();
    expect(attempt.responseBody.unknownOutcome).toContain(`http://127.0.0.1:${port}/trueplay/token-exchange`);
    expect(attempt.responseBody.unknownOutcome).toContain('ECONNREFUSED');

    expect((await sandbox.control('PATCH', '/sandbox/operators/1', { callbackBaseUrl: walletUrl })).status).toBe(200);
    const paid = await withdraw('dead-1', 10);
    expect([paid.status, paid.body.status]).toEqual([200, 'OK']);
  });
});
