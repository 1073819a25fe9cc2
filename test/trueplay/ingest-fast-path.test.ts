/**
 * What the ingest fast path (issue 7) must not change: retries recognised across the stored-body upgrade, refusals
 * that leave nothing behind with and without a savepoint, and a group commit abandoned by an unexpected error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Refusal } from '../../src/domain/errors.js';
import { bodyFingerprint } from '../../src/domain/idempotency.js';
import { openDatabase, type SqliteDatabase } from '../../src/store/database.js';
import { groupCommitOf } from '../../src/store/group-commit.js';
import { createTrueplayStore, type OperatorRecord, type TrueplayStore } from '../../src/store/trueplay-store.js';
import { acceptGameTransaction } from '../../src/trueplay/services/game-transactions.js';
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
  groupCommitOf(db).flush();
});

afterEach(() => {
  groupCommitOf(db).flush();
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
    groupCommitOf(db).flush();
    // What a row written by an older sandbox looks like.
    db.prepare('UPDATE game_transactions SET body = NULL, body_hash = ? WHERE transaction_id = ?').run(bodyFingerprint(bet('t-old')), 't-old');
    expect(acceptGameTransaction(store, operator, bet('t-old'), NOW).accepted.duplicate).toBe(true);
    expect(refusalCode(() => acceptGameTransaction(store, operator, { ...bet('t-old'), amount: 1 }, NOW))).toBe('DUPLICATE_TRANSACTION');
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
    const group = groupCommitOf(db);
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
