import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { pollUntil } from '../support/poll.js';

interface ReceivedEvent {
  requestId: string;
  operatorUserId: string;
  type: string;
  data: { transactionType?: string; amount?: number; balance?: number };
  receivedAt: string;
}

async function eventsFor(walletUrl: string, operatorUserId: string): Promise<ReceivedEvent[]> {
  const response = await fetch(`${walletUrl}/sandbox/player-events`);
  const body = (await response.json()) as { items: ReceivedEvent[] };
  return body.items.filter((e) => e.operatorUserId === operatorUserId);
}

describe('player events reaching the fake wallet', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ playerEventsEnabled: true });
    await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Welcome', type: 'REGISTRATION', tokens: 100 });
  });
  afterAll(() => sandbox.close());

  it('records the signed BALANCE_CHANGE Trueplay sends after a registration award', async () => {
    expect((await sandbox.api('POST', '/api/v1/users', { operatorUserId: 'pe-1' })).status).toBe(201);
    const events = await pollUntil('a BALANCE_CHANGE for pe-1', async () => {
      const found = await eventsFor(sandbox.walletUrl, 'pe-1');
      return found.length > 0 ? found : undefined;
    }, 10_000);
    expect(events[0]).toMatchObject({ type: 'BALANCE_CHANGE', data: { transactionType: 'PROMO_REGISTRATION', amount: 100, balance: 100 } });
    expect(events[0]!.receivedAt).toMatch(/Z$/);

    const journal = await sandbox.control('GET', '/sandbox/journal?limit=1000');
    const sent = (journal.body.items as { direction: string; path: string; status: number | null; requestBody: { requestId?: string } }[]).filter(
      (e) => e.direction === 'trueplay->operator' && e.path === '/player-event' && e.requestBody.requestId === events[0]!.requestId,
    );
    expect(sent.map((e) => e.status)).toEqual([200]);
  });

  it('forgets received events on reset', async () => {
    expect((await sandbox.wallet('POST', '/sandbox/reset')).status).toBe(204);
    expect((await sandbox.wallet('GET', '/sandbox/player-events')).body.items).toEqual([]);
  });
});

describe('player events on a reused database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trueplay-sandbox-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('follow the flag of the current run, not the one the database was created with', async () => {
    const db = join(dir, 'sandbox.db');
    const first = await startSandbox({ db, trueplayPort: 0, operatorPort: 0 });
    await first.close();

    const second = await startSandbox({ db, trueplayPort: 0, operatorPort: 0, playerEventsEnabled: true });
    try {
      const operators = await (await fetch(`${second.trueplayUrl}/sandbox/operators`)).json() as { items: { operatorId: number; playerEventsEnabled: boolean }[] };
      expect(operators.items.find((o) => o.operatorId === 1)?.playerEventsEnabled).toBe(true);
      await fetch(`${second.trueplayUrl}/sandbox/campaigns`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ operatorId: 1, name: 'Welcome', type: 'REGISTRATION', tokens: 5 }),
      });
      await fetch(`${second.trueplayUrl}/api/v1/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': second.apiKey },
        body: JSON.stringify({ operatorUserId: 'pe-reused' }),
      });
      const events = await pollUntil('a BALANCE_CHANGE for pe-reused', async () => {
        const found = await eventsFor(second.walletUrl, 'pe-reused');
        return found.length > 0 ? found : undefined;
      }, 10_000);
      expect(events[0]).toMatchObject({ type: 'BALANCE_CHANGE', data: { transactionType: 'PROMO_REGISTRATION', amount: 5, balance: 5 } });
    } finally {
      await second.close();
    }
  });
});
