/**
 * What the ingest fast path (issue 7) must not change: retries recognised across the stored-body upgrades, refusals
 * that leave nothing behind with and without a savepoint, and a group commit abandoned by an unexpected error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Refusal } from '../../src/domain/errors.js';
import { bodyFingerprint } from '../../src/domain/idempotency.js';
import { openDatabase, type SqliteDatabase } from '../../src/store/database.js';
import { unitOfWorkOf } from '../../src/store/unit-of-work.js';
import { createTrueplayStore, type OperatorRecord, type TrueplayStore } from '../../src/store/trueplay-store.js';
import { createFaultBook } from '../../src/http/faults.js';
import { createWalletStore } from '../../src/store/wallet-store.js';
import type { WalletContext } from '../../src/wallet/context.js';
import { savePlayer } from '../../src/wallet/services/players.js';
import { answerTokenExchange } from '../../src/wallet/services/token-exchange.js';
import { acceptDeposit } from '../../src/trueplay/services/deposits.js';
import { acceptGameTransaction } from '../../src/trueplay/services/game-transactions.js';
import { registerUser } from '../../src/trueplay/services/users.js';
import { addDemoOperator } from '../../src/trueplay/services/operators.js';

const NOW = Date.UTC(2026, 0, 5, 12);
const bet = (transactionId: string, operatorUserId = 'p-1') =>
  ({ operatorUserId, transactionId, type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 2.5 }) as const;

let dir: string;
let db: SqliteDatabase;
let store: TrueplayStore;
let operator: OperatorRecord;

const refusalCode = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof Refusal) return error.code;
    throw error;
  }
  return 'none';
};
const count = (sql: string) => db.prepare(sql).pluck().get() as number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-ingest-'));
  db = openDatabase(join(dir, 'sandbox.db'));
  store = createTrueplayStore(db);
  operator = addDemoOperator(store, { apiKey: 'k', secretKey: 's', callbackBaseUrl: null }, NOW - 1000);
  unitOfWorkOf(db).flush();
});

afterEach(() => {
  unitOfWorkOf(db).flush();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('game transactions stored with their body', () => {
  it('recognise a retry with keys in another order, and refuse another body under the same id', () => {
    acceptGameTransaction(store, operator, bet('t-1'), NOW);
    const reordered = JSON.parse('{"amount":2.5,"currency":"USD","gameType":"Slot","gameName":"Test Slot","gameCode":"test-slot","gameProvider":"test-provider","type":"BET","referenceTransactionId":null,"transactionId":"t-1","operatorUserId":"p-1"}');
    expect(acceptGameTransaction(store, operator, reordered, NOW).accepted.duplicate).toBe(true);
    expect(refusalCode(() => acceptGameTransaction(store, operator, { ...bet('t-1'), amount: 3 }, NOW))).toBe('DUPLICATE_TRANSACTION');
    expect(count('SELECT COUNT(*) FROM game_transactions')).toBe(1);
  });

  it('still recognise retries of rows stored before migration 4, which kept only a fingerprint', () => {
    acceptGameTransaction(store, operator, bet('t-old'), NOW);
    unitOfWorkOf(db).flush();
    // What a row written by an older sandbox looks like.
    db.prepare('UPDATE game_transactions SET body = NULL, body_hash = ? WHERE transaction_id = ?').run(bodyFingerprint(bet('t-old')), 't-old');
    expect(acceptGameTransaction(store, operator, bet('t-old'), NOW).accepted.duplicate).toBe(true);
    expect(refusalCode(() => acceptGameTransaction(store, operator, { ...bet('t-old'), amount: 1 }, NOW))).toBe('DUPLICATE_TRANSACTION');
  });
});

describe('deposits stored with their body', () => {
  const deposit = (amount: number) => ({ operatorUserId: 'p-1', transactionId: 'd-old', amount, currency: 'USD' });

  it('still recognise retries of rows stored before migration 9, which kept only a fingerprint', () => {
    registerUser(store, operator, 'p-1', NOW);
    acceptDeposit(store, operator, deposit(10), NOW);
    unitOfWorkOf(db).flush();
    expect(count("SELECT COUNT(*) FROM deposits WHERE body IS NOT NULL AND body_hash = ''")).toBe(1);
    // What a row written by an older sandbox looks like.
    db.prepare('UPDATE deposits SET body = NULL, body_hash = ? WHERE transaction_id = ?').run(bodyFingerprint(deposit(10)), 'd-old');
    const reordered = JSON.parse('{"currency":"USD","amount":10,"transactionId":"d-old","operatorUserId":"p-1"}');
    expect(acceptDeposit(store, operator, reordered, NOW).duplicate).toBe(true);
    expect(refusalCode(() => acceptDeposit(store, operator, deposit(11), NOW))).toBe('DUPLICATE_TRANSACTION');
  });
});

describe('wallet Token Exchanges stored with their body', () => {
  it('still recognise retries of rows stored before migration 9, which kept only a fingerprint', () => {
    const wallet = createWalletStore(db);
    const ctx: WalletContext = { store: wallet, faults: createFaultBook({ server: 'w', calls: 'c' }), operatorId: 1, apiKey: 'k', trueplayUrl: () => '', trueplayTimeoutMs: 1000, now: () => NOW };
    savePlayer(wallet, { operatorUserId: 'p-1', balanceUnits: 10_000_000_000n, currency: 'USD', updatedAt: NOW });
    const exchange = (amount: number) => ({ id: 'x-old', operatorId: 1, operatorUserId: 'p-1', action: 'CREDIT', amount, currency: 'USD', tokenAmount: 1, exchangeRate: 1 }) as never;
    expect(answerTokenExchange(ctx, exchange(5)).kind).toBe('done');
    unitOfWorkOf(db).flush();
    db.prepare('UPDATE wallet_exchanges SET body = NULL, body_hash = ? WHERE id = ?').run(bodyFingerprint(exchange(5)), 'x-old');
    expect(answerTokenExchange(ctx, exchange(5)).kind).toBe('done');
    expect(wallet.player('p-1')!.balanceUnits).toBe(10_500_000_000n);
    expect(refusalCode(() => answerTokenExchange(ctx, exchange(6)))).toBe('DUPLICATE_TRANSACTION');
  });
});

describe('refusals leave nothing behind', () => {
  it('a new player whose first call is refused after being created is not kept, nor remembered', () => {
    const win = { ...bet('w-1', 'newcomer'), type: 'WIN', referenceTransactionId: 'no-such-bet' } as const;
    expect(refusalCode(() => acceptGameTransaction(store, operator, win, NOW))).toBe('REFERENCE_NOT_FOUND');
    expect(store.userIdentity(operator.operatorId, 'newcomer')).toBeUndefined();
    // Had the cache kept the rolled-back user, this insert would name a user that does not exist.
    expect(acceptGameTransaction(store, operator, bet('b-1', 'newcomer'), NOW).accepted.duplicate).toBe(false);
    expect(count("SELECT COUNT(*) FROM users WHERE operator_user_id = 'newcomer'")).toBe(1);
  });

  it('a known player taking the path without a savepoint: a refusal changes nothing and the group still commits', async () => {
    acceptGameTransaction(store, operator, bet('b-1'), NOW);
    const win = { ...bet('w-1'), type: 'WIN', referenceTransactionId: 'no-such-bet' } as const;
    expect(refusalCode(() => acceptGameTransaction(store, operator, win, NOW))).toBe('REFERENCE_NOT_FOUND');
    await store.durable();
    expect(count('SELECT COUNT(*) FROM game_transactions')).toBe(1);
  });
});

describe('a group commit abandoned by an unexpected error', () => {
  it('commits nothing of the group and tells every waiter', async () => {
    const group = unitOfWorkOf(db);
    acceptGameTransaction(store, operator, bet('b-1'), NOW);
    const waiting = store.durable();
    expect(() => group.runChecked(() => {
      db.prepare("UPDATE users SET country = 'XX'").run();
      throw new Error('disk on fire');
    }, (error) => error instanceof Refusal)).toThrow('disk on fire');
    await expect(waiting).rejects.toThrow('disk on fire');
    expect(count('SELECT COUNT(*) FROM game_transactions')).toBe(0);
    expect(count("SELECT COUNT(*) FROM users WHERE country = 'XX'")).toBe(0);
    // The rollback also forgot the player the group had created: the next call creates them again.
    expect(store.userIdentity(operator.operatorId, 'p-1')).toBeUndefined();
    expect(acceptGameTransaction(store, operator, bet('b-2'), NOW).accepted.duplicate).toBe(false);
    await store.durable();
    expect(count('SELECT COUNT(*) FROM game_transactions')).toBe(1);
  });
});
