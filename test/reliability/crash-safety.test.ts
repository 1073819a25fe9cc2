/**
 * Crash safety (issue 8): the sandbox runs as a child process on a file database while game transactions stream
 * into the fake Trueplay, Token Exchanges stream into the fake wallet and a loyalty withdrawal is waiting on the
 * wallet; then it is killed with SIGKILL and started again on the same file. Every call that was answered 200 is
 * there (its replay says duplicate / gives the same answer), none counts twice (balances and cashback are exact),
 * cashback settles afterwards, and the withdrawal left pending by the crash is completed once.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/domain/money.js';
import { signBody } from '../../src/signing/signature.js';
import { startChildSandbox, type ChildSandbox } from './support/child-sandbox.js';
import { createRawClient, type RawClient } from './support/http.js';
import { pollUntil } from '../support/poll.js';

const utf8 = new TextEncoder();
const DAY = '2026-01-05T10:00:00.000Z';

interface Sent {
  body: string;
  /** The first answer: status and parsed body; undefined when none came (in flight at the kill). */
  answer?: { status: number; body: Record<string, unknown> };
}

/** Per player, a sequence of BETs, each maybe followed by its WIN or its ROLLBACK; fixed by a seed. */
function gameTransactionPlan(players: number, betsPerPlayer: number): string[][] {
  const bets = fc.sample(
    fc.record({ cents: fc.integer({ min: 1, max: 10_000 }), outcome: fc.constantFrom('none', 'win', 'win', 'rollback'), winCents: fc.integer({ min: 0, max: 20_000 }) }),
    { numRuns: players * betsPerPlayer, seed: 8 },
  );
  return Array.from({ length: players }, (_, p) =>
    bets.slice(p * betsPerPlayer, (p + 1) * betsPerPlayer).flatMap(({ cents, outcome, winCents }, i) => {
      const common = { operatorUserId: `crash-player-${p}`, referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD' };
      const bet = { ...common, transactionId: `crash-${p}-${i}`, type: 'BET', amount: cents / 100 };
      if (outcome === 'none') return [JSON.stringify(bet)];
      const follow = outcome === 'win'
        ? { ...common, transactionId: `crash-${p}-${i}-win`, referenceTransactionId: bet.transactionId, type: 'WIN', amount: winCents / 100 }
        : { ...common, transactionId: `crash-${p}-${i}-rollback`, referenceTransactionId: bet.transactionId, type: 'ROLLBACK', amount: cents / 100 };
      return [JSON.stringify(bet), JSON.stringify(follow)];
    }),
  );
}

/** Per wallet player, a sequence of CREDIT and DEBIT Token Exchanges small enough never to overdraw. */
function exchangePlan(players: number, perPlayer: number): string[][] {
  const moves = fc.sample(fc.record({ credit: fc.boolean(), cents: fc.integer({ min: 1, max: 50_000 }) }), { numRuns: players * perPlayer, seed: 9 });
  return Array.from({ length: players }, (_, p) =>
    moves.slice(p * perPlayer, (p + 1) * perPlayer).map(({ credit, cents }, i) =>
      JSON.stringify({
        id: `crash-ex-${p}-${i}`, action: credit ? 'CREDIT' : 'DEBIT', amount: cents / 100, currency: 'USD',
        exchangeRate: 1, tokenAmount: cents / 100, operatorId: 1, operatorUserId: `crash-wallet-${p}`,
      }),
    ),
  );
}

/** Sends each lane's bodies in order (lanes side by side) until the server goes away; records what was answered. */
async function stream(client: RawClient, path: string, headers: (body: string) => Record<string, string>, lanes: string[][], sent: Sent[][]) {
  await Promise.all(
    lanes.map(async (lane, l) => {
      for (const body of lane) {
        const record: Sent = { body };
        sent[l]!.push(record);
        try {
          const response = await client.send({ method: 'POST', path, headers: { 'content-type': 'application/json', ...headers(body) }, body: utf8.encode(body) });
          record.answer = { status: response.status, body: JSON.parse(response.text) };
        } catch {
          return; // the sandbox is gone: this one's fate is unknown, and the lane stops here
        }
      }
    }),
  );
}

const answered = (sent: Sent[][]) => sent.flat().filter((s) => s.answer?.status === 200).length;

describe('crash safety: kill -9 mid-stream, restart on the same file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trueplay-sandbox-crash-'));
  const dbFile = join(dir, 'sandbox.db');
  // The withdrawal below is held on the wallet until the kill. Trueplay must wait for it as long as it is held: with
  // the default 5 s timeout it would send the same id again, and on a busy machine that retry, let through, could
  // complete the withdrawal before the kill.
  writeFileSync(join(dir, 'trueplay-sandbox.config.yaml'), 'exchange:\n  timeoutMs: 600000\n');
  const games = gameTransactionPlan(8, 150);
  const exchanges = exchangePlan(4, 150);
  const sentGames: Sent[][] = games.map(() => []);
  const sentExchanges: Sent[][] = exchanges.map(() => []);
  let before: ChildSandbox;
  let after: ChildSandbox;
  let session: string;

  beforeAll(async () => {
    before = await startChildSandbox(dbFile, dir);
    const call = (base: string, method: string, path: string, body?: unknown) =>
      fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', 'x-api-key': 'demo-api-key' }, body: body === undefined ? undefined : JSON.stringify(body) })
        .then(async (r) => ({ status: r.status, body: await r.json().catch(() => undefined) }));
    await call(before.trueplayUrl, 'POST', '/sandbox/clock', { now: DAY });
    await call(before.trueplayUrl, 'POST', '/sandbox/campaigns', { operatorId: 1, name: 'welcome', type: 'REGISTRATION', tokens: 5 });
    await call(before.trueplayUrl, 'POST', '/sandbox/campaigns', { operatorId: 1, name: 'cashback', type: 'CASHBACK', percent: 10 });
    for (let p = 0; p < exchanges.length; p++) await call(before.walletUrl, 'POST', '/sandbox/players', { operatorUserId: `crash-wallet-${p}`, balance: 100_000, currency: 'USD' });
    // A withdrawal that will be waiting on the wallet when the sandbox dies.
    await call(before.walletUrl, 'POST', '/sandbox/players', { operatorUserId: 'withdrawer', balance: 0, currency: 'USD' });
    session = new URL((await call(before.trueplayUrl, 'GET', '/api/v1/loyalty-page?operatorUserId=withdrawer')).body.url).pathname;
    expect((await call(before.trueplayUrl, 'GET', `${session}/state`)).body.tokenBalance).toBe(5);
    await call(before.walletUrl, 'POST', '/sandbox/faults', { path: '/trueplay/token-exchange', delayMs: 120_000 });
    void call(before.trueplayUrl, 'POST', `${session}/withdraw`, { tokenAmount: 4 }).catch(() => undefined);
    const db = new Database(dbFile, { readonly: true });
    const pending = db.prepare(`SELECT COUNT(*) AS n FROM token_exchanges WHERE status = 'PENDING'`);
    // The withdrawal has reached the wallet (the delay fault is taken) before the exchange stream can take it.
    await pollUntil('the withdrawal to be waiting on the wallet', async () =>
      (pending.get() as { n: number }).n === 1 && (await call(before.walletUrl, 'GET', '/sandbox/faults')).body.items.length === 0);

    const trueplay = createRawClient(before.trueplayUrl, 8);
    const wallet = createRawClient(before.walletUrl, 4);
    const streams = Promise.all([
      stream(trueplay, '/api/v1/accept', () => ({ 'x-api-key': 'demo-api-key' }), games, sentGames),
      stream(wallet, '/trueplay/token-exchange', (body) => ({ 'x-request-signature': signBody('demo-secret-key', body) }), exchanges, sentExchanges),
    ]);
    try {
      await pollUntil('both streams under way', () => answered(sentGames) >= 300 && answered(sentExchanges) >= 150);
      expect((pending.get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
    await before.kill9();
    await streams;
    trueplay.close();
    wallet.close();
    after = await startChildSandbox(dbFile, dir);
  }, 120_000);

  afterAll(async () => {
    await before?.kill9();
    await after?.kill9();
    rmSync(dir, { recursive: true, force: true });
  });

  it('was killed mid-stream: some calls answered, others never sent or never answered', () => {
    for (const [sent, planned] of [[sentGames, games], [sentExchanges, exchanges]] as const) {
      expect(answered(sent)).toBeGreaterThan(0);
      expect(answered(sent)).toBeLessThan(planned.flat().length);
      expect(sent.flat().some((s) => s.answer === undefined)).toBe(true);
    }
  });

  it('kept every game transaction answered 200, counts none twice, and settles the cashback exactly', async () => {
    const client = createRawClient(after.trueplayUrl, 8);
    try {
      const expectedTokens = new Map<string, Decimal>();
      await Promise.all(
        sentGames.map(async (lane) => {
          // Replays go in the original order, so a WIN whose BET was in flight at the kill finds it.
          for (const { body, answer } of lane) {
            const replay = await client.send({ method: 'POST', path: '/api/v1/accept', headers: { 'content-type': 'application/json', 'x-api-key': 'demo-api-key' }, body: utf8.encode(body) });
            const replayed = JSON.parse(replay.text);
            expect(replay.status).toBe(200);
            if (answer?.status === 200) expect(replayed).toEqual({ ...answer.body, duplicate: true });
          }
          const ggr = lane.reduce((sum, { body }) => {
            const tx = JSON.parse(body);
            const rolledBack = lane.some((s) => JSON.parse(s.body).type === 'ROLLBACK' && JSON.parse(s.body).referenceTransactionId === tx.transactionId);
            if (rolledBack || tx.type === 'ROLLBACK') return sum;
            return tx.type === 'BET' ? sum.plus(tx.amount) : sum.minus(tx.amount);
          }, new Decimal(0));
          // Play to Earn (the demo operator's 0.1 %): each BET that stands earned once; a rolled-back one gave it back.
          const earned = lane.reduce((sum, { body }) => {
            const tx = JSON.parse(body);
            const rolledBack = lane.some((s) => JSON.parse(s.body).type === 'ROLLBACK' && JSON.parse(s.body).referenceTransactionId === tx.transactionId);
            if (tx.type !== 'BET' || rolledBack) return sum;
            return sum.plus(new Decimal(String(tx.amount)).mul('0.001').toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
          }, new Decimal(0));
          const player = JSON.parse(lane[0]!.body).operatorUserId as string;
          const cashback = Decimal.max(ggr, 0).mul('0.1').toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
          expectedTokens.set(player, cashback.plus(5).plus(earned));
        }),
      );
      const db = new Database(dbFile, { readonly: true });
      const stored = (db.prepare(`SELECT COUNT(*) AS n FROM game_transactions WHERE transaction_id LIKE 'crash-%'`).get() as { n: number }).n;
      db.close();
      expect(stored).toBe(sentGames.flat().length);

      const settled = await fetch(`${after.trueplayUrl}/sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: 'P1D' }) });
      expect(settled.status).toBe(200);
      for (const [player, tokens] of expectedTokens) {
        const balance = await fetch(`${after.trueplayUrl}/api/v1/users/${player}/balance`, { headers: { 'x-api-key': 'demo-api-key' } }).then((r) => r.json());
        expect({ player, tokenBalance: balance.tokenBalance }).toEqual({ player, tokenBalance: tokens.toNumber() });
      }
    } finally {
      client.close();
    }
  });

  it('kept every Token Exchange answered 200 (a replay gives the same answer) and moved each one once', async () => {
    const client = createRawClient(after.walletUrl, 4);
    try {
      for (const [p, lane] of sentExchanges.entries()) {
        let expected = new Decimal(100_000);
        for (const { body, answer } of lane) {
          const replay = await client.send({
            method: 'POST', path: '/trueplay/token-exchange', body: utf8.encode(body),
            headers: { 'content-type': 'application/json', 'x-request-signature': signBody('demo-secret-key', body) },
          });
          expect(replay.status).toBe(200);
          if (answer?.status === 200) expect(JSON.parse(replay.text)).toEqual(answer.body);
          const { action, amount } = JSON.parse(body);
          expected = action === 'CREDIT' ? expected.plus(amount) : expected.minus(amount);
        }
        const player = await fetch(`${after.walletUrl}/sandbox/players/crash-wallet-${p}`).then((r) => r.json());
        expect(player.balance).toBe(expected.toNumber());
      }
    } finally {
      client.close();
    }
  });

  it('completes the withdrawal the crash left pending, once: tokens spent, casino credited 4 × 0.99', async () => {
    // A fresh link: the one from before the crash expired when the clock moved on a day.
    const link = await fetch(`${after.trueplayUrl}/api/v1/loyalty-page?operatorUserId=withdrawer`, { headers: { 'x-api-key': 'demo-api-key' } }).then((r) => r.json());
    const state = await pollUntil('the pending withdrawal to complete after the restart', async () => {
      const body = await fetch(`${link.url}/state`).then((r) => r.json());
      return body.history.some((h: { kind: string; status: string }) => h.kind === 'EXCHANGE' && h.status === 'OK') && body;
    });
    expect(state.tokenBalance).toBe(1);
    expect(state.history.filter((h: { kind: string }) => h.kind === 'EXCHANGE')).toHaveLength(1);
    const casino = await fetch(`${after.walletUrl}/sandbox/players/withdrawer`).then((r) => r.json());
    expect(casino.balance).toBe(3.96);
  });
});
