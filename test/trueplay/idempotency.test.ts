/** Idempotent /accept and /deposits (§2a): the same body again is a duplicate counted once; another body is 409. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshSandbox } from '../support/sandbox.js';
import { aMonday, startTrueplay, type Harness } from './support/harness.js';

describe('idempotency', () => {
  let tp: Harness;

  beforeAll(async () => {
    tp = await startTrueplay({ playToEarnPercent: 0 }); // about idempotency, not Play to Earn
  });
  afterAll(() => tp.close());
  beforeEach(async () => {
    await freshSandbox(tp, { now: aMonday() });
  });

  const bet = { operatorUserId: 'p1', transactionId: 'tx-1', referenceTransactionId: null, type: 'BET', gameProvider: 'pragmatic', gameCode: 'vs20', gameName: 'Dogs', gameType: 'Slot', currency: 'USD', amount: 100 };

  it('/accept: the same body again answers duplicate: true and counts for cashback once', async () => {
    await tp.campaign({ type: 'CASHBACK', percent: 10 });
    const first = await tp.api('POST', '/api/v1/accept', bet);
    expect(first.body).toMatchObject({ status: 'OK', transactionId: 'tx-1', duplicate: false });
    const again = await tp.api('POST', '/api/v1/accept', bet);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    await tp.advance('P1D');
    expect(await tp.tokens('p1')).toBe(10);
  });

  it('/accept: key order and whitespace do not matter', async () => {
    await tp.api('POST', '/api/v1/accept', bet);
    const reordered = `{ "amount": 100.0, "currency": "USD", "gameType": "Slot", "gameName": "Dogs", "gameCode": "vs20",
      "gameProvider": "pragmatic", "type": "BET", "referenceTransactionId": null, "transactionId": "tx-1", "operatorUserId": "p1" }`;
    const replay = await tp.api('POST', '/api/v1/accept', undefined, { rawBody: reordered });
    expect(replay.status).toBe(200);
    expect(replay.body.duplicate).toBe(true);
  });

  it('/accept: a different body with the same transactionId is 409 DUPLICATE_TRANSACTION and changes nothing', async () => {
    await tp.campaign({ type: 'CASHBACK', percent: 10 });
    await tp.api('POST', '/api/v1/accept', bet);
    const before = tp.snapshot();
    for (const change of [{ amount: 101 }, { type: 'WIN' }, { operatorUserId: 'p2' }, { gameName: 'Cats' }]) {
      const response = await tp.api('POST', '/api/v1/accept', { ...bet, ...change });
      expect(response.status, JSON.stringify(change)).toBe(409);
      expect(response.body.error.code).toBe('DUPLICATE_TRANSACTION');
    }
    expect(tp.snapshot()).toBe(before);
    await tp.advance('P1D');
    expect(await tp.tokens('p1')).toBe(10);
    expect(await tp.tokens('p2')).toBeNull();
  });

  it('/accept: a replayed ROLLBACK or settling WIN does not act twice', async () => {
    await tp.campaign({ type: 'CASHBACK', percent: 10 });
    await tp.play('p1', 'sb', 'BET', 50, { gameType: 'Sportsbook' });
    const win = { referenceTransactionId: 'sb', gameType: 'Sportsbook' };
    await tp.play('p1', 'sb-win', 'WIN', 20, win);
    expect((await tp.play('p1', 'sb-win', 'WIN', 20, win)).duplicate).toBe(true);
    await tp.play('p1', 'slot', 'BET', 5);
    await tp.play('p1', 'undo', 'ROLLBACK', 5, { referenceTransactionId: 'slot' });
    expect((await tp.play('p1', 'undo', 'ROLLBACK', 5, { referenceTransactionId: 'slot' })).duplicate).toBe(true);
    await tp.advance('P1D');
    expect(await tp.tokens('p1')).toBe(3); // (50 − 20) × 10 %
  });

  it('/deposits: the same body again answers the first awards with duplicate: true and pays once', async () => {
    const campaign = await tp.campaign({ type: 'DEPOSIT', percent: 10 });
    await tp.api('POST', '/api/v1/users', { operatorUserId: 'p1' });
    await tp.api('POST', `/api/v1/campaigns/${campaign.id}/participants`, { operatorUserIds: ['p1'] });
    const deposit = { operatorUserId: 'p1', transactionId: 'dep-1', amount: 200, currency: 'USD' };
    const first = await tp.api('POST', '/api/v1/deposits', deposit);
    expect(first.body).toEqual({ status: 'OK', transactionId: 'dep-1', duplicate: false, awards: [{ campaignId: campaign.id, tokenAmount: 20 }] });
    const again = await tp.api('POST', '/api/v1/deposits', undefined, { rawBody: '{"currency":"USD","amount":2e2,"transactionId":"dep-1","operatorUserId":"p1"}' });
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    expect(await tp.tokens('p1')).toBe(20);

    const before = tp.snapshot();
    const changed = await tp.api('POST', '/api/v1/deposits', { ...deposit, amount: 300 });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('DUPLICATE_TRANSACTION');
    expect(tp.snapshot()).toBe(before);
  });

  it('/accept and /deposits keep separate transactionId spaces', async () => {
    await tp.api('POST', '/api/v1/accept', bet);
    const deposit = await tp.api('POST', '/api/v1/deposits', { operatorUserId: 'p1', transactionId: 'tx-1', amount: 1, currency: 'USD' });
    expect(deposit.status).toBe(200);
    expect(deposit.body.duplicate).toBe(false);
  });

  it('concurrent identical sends count once', async () => {
    await tp.campaign({ type: 'CASHBACK', percent: 10 });
    const body = { ...bet, transactionId: 'race' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => tp.api('POST', '/api/v1/accept', body)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    await tp.advance('P1D');
    expect(await tp.tokens('p1')).toBe(10);
  });
});
