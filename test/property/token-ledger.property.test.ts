/**
 * The token ledger as a property (issue 8), through the running sandbox: after any sequence of campaigns, users,
 * KYC, deposits, casino bets, days passing (cashback), withdrawals and purchases, with wallet faults thrown in,
 * every user's token balance is the sum of its awards and Play to Earn plus the tokens it bought minus the tokens it withdrew
 * (reserved ones included), never negative; and once the unknown outcomes are resolved, the exchanges Trueplay
 * completed are exactly the ones the wallet applied, each once.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSandbox, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const SEED = Number(process.env.PROPERTY_SEED ?? 8);
const PLAYERS = ['p0', 'p1', 'p2'];

const player = fc.constantFrom(...PLAYERS);
const cents = (max: number) => fc.integer({ min: 1, max }).map((c) => c / 100);
const command = fc.oneof(
  fc.record({ kind: fc.constant('campaign' as const), type: fc.constantFrom('REGISTRATION', 'KYC', 'DEPOSIT', 'CASHBACK'), value: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('user' as const), player, kyc: fc.boolean() }),
  fc.record({ kind: fc.constant('kyc' as const), player }),
  fc.record({ kind: fc.constant('assign' as const), player }),
  fc.record({ kind: fc.constant('deposit' as const), player, amount: cents(50_000), id: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('bet' as const), player, amount: cents(20_000), win: fc.option(cents(30_000)) }),
  fc.record({ kind: fc.constant('day' as const) }),
  fc.record({ kind: fc.constantFrom('withdraw' as const, 'purchase' as const), player, tokens: cents(3_000) }),
  fc.record({ kind: fc.constant('fault' as const), status: fc.constantFrom(undefined, 400, 503), times: fc.integer({ min: 1, max: 3 }) }),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

describe('token ledger', () => {
  let sandbox: TestSandbox;
  let db: Database.Database;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ exchangeTimeoutMs: 150, exchangeAttempts: 2, exchangeBackoffMs: 5, backgroundWork: false });
    db = new Database(sandbox.dbFile, { readonly: true });
  });
  afterAll(async () => {
    db.close();
    await sandbox.close();
  });

  /** Per user: its token balance, and what its awards, Play to Earn (earned − taken back) and exchanges say it should be. */
  function ledger() {
    return db.prepare(`SELECT u.operator_user_id AS user, u.token_units AS balance,
        (SELECT COALESCE(SUM(token_units), 0) FROM awards a WHERE a.user_id = u.id)
        + (SELECT COALESCE(SUM(token_units), 0) FROM game_transactions g WHERE g.user_id = u.id)
        + (SELECT COALESCE(SUM(token_units), 0) FROM token_exchanges e WHERE e.user_id = u.id AND e.action = 'DEBIT' AND e.status = 'COMPLETED')
        - (SELECT COALESCE(SUM(token_units), 0) FROM token_exchanges e WHERE e.user_id = u.id AND e.action = 'CREDIT' AND e.status IN ('COMPLETED', 'PENDING'))
        AS expected FROM users u ORDER BY u.id`).all() as { user: string; balance: number; expected: number }[];
  }

  async function run(commands: Command[]) {
    const campaigns: { id: number; type: string }[] = [];
    for (const c of commands) {
      switch (c.kind) {
        case 'campaign': {
          const value = c.type === 'DEPOSIT' || c.type === 'CASHBACK' ? { percent: c.value } : { tokens: c.value };
          const created = await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: c.type, type: c.type, ...value });
          campaigns.push({ id: created.body.id, type: c.type });
          break;
        }
        case 'user':
          await sandbox.api('POST', '/api/v1/users', { operatorUserId: c.player, kyc: c.kyc });
          break;
        case 'kyc':
          await sandbox.api('PATCH', `/api/v1/users/${c.player}`, { kyc: true });
          break;
        case 'assign':
          for (const campaign of campaigns.filter((k) => k.type === 'DEPOSIT')) {
            await sandbox.api('POST', `/api/v1/campaigns/${campaign.id}/participants`, { operatorUserIds: [c.player] });
          }
          break;
        case 'deposit':
          await sandbox.api('POST', '/api/v1/deposits', { operatorUserId: c.player, transactionId: `dep-${c.player}-${c.id}`, amount: c.amount, currency: 'USD' });
          break;
        case 'bet':
          await sandbox.wallet('POST', '/sandbox/bets', { operatorUserId: c.player, amount: c.amount, ...(c.win === null ? {} : { win: c.win }) });
          break;
        case 'day':
          await sandbox.control('POST', '/sandbox/clock', { advance: 'P1D' });
          break;
        case 'withdraw':
        case 'purchase': {
          const link = await sandbox.api('GET', `/api/v1/loyalty-page?operatorUserId=${c.player}`);
          const answer = await sandbox.control('POST', `${new URL(link.body.url).pathname}/${c.kind}`, { tokenAmount: c.tokens });
          expect(answer.status, answer.text).toBeLessThan(500);
          break;
        }
        case 'fault':
          await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', times: c.times, ...(c.status ? { status: c.status } : { delayMs: 400 }) });
          break;
      }
      for (const row of ledger()) {
        expect(row.balance, `${c.kind}: ${row.user}`).toBe(row.expected);
        expect(row.balance).toBeGreaterThanOrEqual(0);
      }
    }
  }

  it('balance = awards + Play to Earn + bought − withdrawn for every user after any sequence; Trueplay and the wallet agree on every exchange', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 25 }), async (commands) => {
        await freshSandbox(sandbox, { wallet: true, now: '2026-01-05T10:00:00.000Z' });
        for (const p of PLAYERS) await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: p, balance: 10_000, currency: 'USD' });
        await run(commands);

        // Resolve the unknown outcomes: no more faults, and Trueplay asks again until every exchange has an answer.
        await sandbox.wallet('DELETE', '/sandbox/faults');
        for (let round = 0; round < 5 && pendingCount() > 0; round += 1) {
          await sandbox.trueplay.retryPendingExchanges();
          // Called in-process, not over HTTP: let the group commit land before reading through another connection.
          await new Promise((resolve) => setImmediate(resolve));
        }
        expect(pendingCount()).toBe(0);
        for (const row of ledger()) expect(row.balance, row.user).toBe(row.expected);
        const trueplaySide = db.prepare(`SELECT id, status FROM token_exchanges ORDER BY id`).all() as { id: string; status: string }[];
        const applied = new Set((db.prepare('SELECT id FROM wallet_exchanges WHERE status = 200').all() as { id: string }[]).map((r) => r.id));
        for (const exchange of trueplaySide) expect({ ...exchange, applied: applied.has(exchange.id) }).toEqual({ ...exchange, applied: exchange.status === 'COMPLETED' });
        expect(applied.size).toBe(trueplaySide.filter((e) => e.status === 'COMPLETED').length);
      }),
      { seed: SEED, numRuns: 25 },
    );
  }, 150_000);

  function pendingCount(): number {
    return (db.prepare(`SELECT COUNT(*) AS n FROM token_exchanges WHERE status = 'PENDING'`).get() as { n: number }).n;
  }
});
