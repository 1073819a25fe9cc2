/**
 * The journal holds every change of state on both servers, in sandbox time, with the user of every entry that
 * concerns one: operator calls, the player's loyalty page, Trueplay's calls to the wallet, control calls.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/store/journal-store.js';
import { gameTx } from '../support/game-transactions.js';
import { freshSandbox, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

describe('the journal', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ backgroundWork: false });
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    await freshSandbox(sandbox, { wallet: true });
  });

  const journal = async (query = ''): Promise<JournalEntry[]> => (await sandbox.control('GET', `/sandbox/journal?limit=1000${query}`)).body.items;
  const line = (e: JournalEntry) => `${e.direction} ${e.server} ${e.method} ${e.path.replace(/^\/loyalty\/[^/]+/, '/loyalty/…')} ${e.status} ${e.operatorUserId ?? '-'}`;

  it('records control calls of both servers, the wallet bets and the player, all in sandbox time', async () => {
    await sandbox.control('POST', '/sandbox/clock', { now: '2026-03-02T09:00:00Z' });
    await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Welcome', type: 'REGISTRATION', tokens: 100 });
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'p1', balance: 50, currency: 'USD' });
    await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', status: 500 });
    await sandbox.wallet('DELETE', '/sandbox/faults');
    await sandbox.control('POST', '/sandbox/faults', { path: '/api/v1/deposits', status: 503 });
    await sandbox.control('DELETE', '/sandbox/faults');
    await sandbox.wallet('POST', '/sandbox/bets', { operatorUserId: 'p1', amount: 5 });
    const link = (await sandbox.api('GET', '/api/v1/loyalty-page?operatorUserId=p1')).body.url as string;
    await fetch(link);
    await fetch(`${link}/withdraw`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"tokenAmount":100}' });
    await fetch(`${link}/withdraw`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"tokenAmount":-1}' });
    await fetch(`${link.replace(/\/loyalty\/[^.]+\./, '/loyalty/forged.')}/state`);
    await sandbox.control('PATCH', '/sandbox/operators/1', { enabled: true });
    await sandbox.control('POST', '/sandbox/clock', { advance: 'P1D' });

    const items = await journal();
    expect(items.map(line)).toEqual([
      'control trueplay POST /sandbox/reset 204 -',
      'control wallet POST /sandbox/reset 204 -',
      'control trueplay POST /sandbox/clock 200 -',
      'control trueplay POST /sandbox/campaigns 201 -',
      'control wallet POST /sandbox/players 201 p1',
      'control wallet POST /sandbox/faults 201 -',
      'control wallet DELETE /sandbox/faults 204 -',
      'control trueplay POST /sandbox/faults 201 -',
      'control trueplay DELETE /sandbox/faults 204 -',
      'operator->trueplay trueplay POST /api/v1/accept 200 p1',
      'control wallet POST /sandbox/bets 200 p1',
      'operator->trueplay trueplay GET /api/v1/loyalty-page 200 p1',
      'player->trueplay trueplay GET /loyalty/… 200 p1',
      'trueplay->operator trueplay POST /trueplay/token-exchange 200 p1',
      'player->trueplay trueplay POST /loyalty/…/withdraw 200 p1',
      // Refused before anything happened, and still the player's.
      'player->trueplay trueplay POST /loyalty/…/withdraw 400 p1',
      // A link the sandbox did not issue names nobody.
      'player->trueplay trueplay GET /loyalty/…/state 404 -',
      'control trueplay PATCH /sandbox/operators/1 200 -',
      'control trueplay POST /sandbox/clock 200 -',
    ]);
    // The bet's own call to Trueplay says it came from the wallet.
    expect(items[9]!.requestHeaders['x-sandbox-origin']).toBe('wallet');
    // Sandbox time: everything after the first clock move is at 2026-03-02T09:00, the clock move itself at the time it left.
    expect(items.slice(3).map((e) => e.at)).toEqual(items.slice(3).map(() => '2026-03-02T09:00:00.000Z'));
    expect(items.every((e) => Math.abs(Date.parse(e.realAt) - Date.now()) < 60_000)).toBe(true);
    expect((await journal('&direction=player-%3Etrueplay&operatorUserId=p1')).map((e) => e.path.replace(/^\/loyalty\/[^/]+/, ''))).toEqual(['', '/withdraw', '/withdraw']);
    expect((await journal('&operatorUserId=p1')).length).toBe(8);
  });

  it('names the player of an expired link', async () => {
    await sandbox.control('POST', '/sandbox/clock', { now: '2026-03-02T09:00:00Z' });
    const link = (await sandbox.api('GET', '/api/v1/loyalty-page?operatorUserId=late')).body.url as string;
    await sandbox.control('POST', '/sandbox/clock', { advance: 'P1D' });
    expect((await fetch(`${link}/state`)).status).toBe(401);
    expect((await journal()).at(-1)).toMatchObject({ direction: 'player->trueplay', status: 401, operatorUserId: 'late', operatorId: 1 });
  });

  it('is followed exactly as it is read: a follower answers as list() does, across refusals, a reset and a restore', async () => {
    const follower = sandbox.journal.follow();
    try {
      let cursor = sandbox.journal.list({ limit: 1 }).at(-1)!.id;
      // What the scenario runner does after each step: the follower's next entries must be the table's.
      const step = async (call: () => Promise<unknown>, from = cursor) => {
        await call();
        const followed = follower.next(from, 1000);
        expect(followed).toEqual(sandbox.journal.list({ afterId: from, limit: 1000 }));
        cursor = followed.at(-1)?.id ?? from;
        return followed;
      };
      const bet = (transactionId: string, amount: unknown = 5) => () =>
        sandbox.api('POST', '/api/v1/accept', gameTx({ operatorUserId: 'f1', transactionId, amount, type: 'BET' }));
      expect(await step(bet('f-1'))).toHaveLength(1);
      await step(bet('f-2'));
      await step(bet('f-2', 6)); // the same id with another body: refused
      await step(bet('f-3', -1)); // refused by validation
      // Entries announced and then taken away again, before the reader asked: it must not be told of them.
      const beforeRestore = cursor;
      const checkpoint = sandbox.journal.checkpoint();
      await bet('f-4')();
      await step(async () => sandbox.journal.restore(checkpoint), beforeRestore);
      await step(bet('f-5'));
      const beforeReset = cursor;
      await bet('f-6')();
      await step(() => sandbox.control('POST', '/sandbox/reset'), beforeReset);
      // A reset's ids start again: a reader whose cursor is past them sees what the table says, and one from 0 all.
      await step(bet('f-7'), beforeReset);
      await step(bet('f-8'), 0);
      expect(follower.next(0, 2)).toEqual(sandbox.journal.list({ afterId: 0, limit: 2 }));
    } finally {
      follower.close();
    }
  });
});
