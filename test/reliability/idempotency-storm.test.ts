/**
 * Idempotency storms (issue 8): 1,000 replays of the same game transaction, deposit and Token Exchange, one after
 * another and 50 at a time. Each is counted once (the money and tokens say so) and answered identically.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/signing/signature.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { createRawClient, mapConcurrent, type RawClient } from './support/http.js';

const REPLAYS = 1000;
const utf8 = new TextEncoder();

describe('idempotency storms', () => {
  let sandbox: TestSandbox;
  let trueplay: RawClient;
  let wallet: RawClient;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ backgroundWork: false });
    trueplay = createRawClient(sandbox.trueplayUrl, 50);
    wallet = createRawClient(sandbox.walletUrl, 50);
    await sandbox.control('POST', '/sandbox/clock', { now: '2026-01-05T10:00:00.000Z' });
  });
  afterAll(async () => {
    trueplay.close();
    wallet.close();
    await sandbox.close();
  });

  /** Sends the same bytes REPLAYS times, sequentially or `concurrency` at a time; answers in sending order. */
  async function storm(client: RawClient, path: string, headers: Record<string, string>, body: string, concurrency: number) {
    const bytes = utf8.encode(body);
    const answers = await mapConcurrent(Array.from({ length: REPLAYS }), concurrency, () =>
      client.send({ method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body: bytes }),
    );
    return answers.map((a) => ({ status: a.status, body: JSON.parse(a.text) as Record<string, unknown> }));
  }

  const apiKey = { 'x-api-key': 'demo-api-key' };

  it.each([
    ['one after another', 1],
    ['50 at a time', 50],
  ])('counts a game transaction replayed %s once, and answers every replay the same', async (_, concurrency) => {
    const player = `storm-player-${concurrency}`;
    const cashback = await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: `cb ${concurrency}`, type: 'CASHBACK', percent: 10 });
    expect(cashback.status).toBe(201);
    const bet = JSON.stringify({ operatorUserId: player, transactionId: `storm-bet-${concurrency}`, type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 10 });
    const answers = await storm(trueplay, '/api/v1/accept', apiKey, bet, concurrency);

    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    const [first] = answers.filter((a) => a.body.duplicate === false);
    for (const answer of answers) expect({ ...answer.body, duplicate: false }).toEqual(first!.body);
    // The same JSON re-serialised (other key order, spaces) is the same transaction too.
    const reordered = await sandbox.api('POST', '/api/v1/accept', undefined, { rawBody: ` {"amount": 10, ${bet.slice(1, bet.indexOf(',"amount"'))}} ` });
    expect(reordered.body).toEqual({ ...first!.body, duplicate: true });

    // Counted once: the day's GGR is 10, so 10 % cashback pays exactly 1 token, beside the BET's Play to Earn
    // (0.1 % of 10 = 0.01), earned once too.
    const settled = await sandbox.control('POST', '/sandbox/clock', { advance: 'P1D' });
    expect(settled.body.settled).toContainEqual(expect.objectContaining({ campaignId: cashback.body.id, awards: 1, tokenAmount: 1 }));
    expect((await sandbox.api('GET', `/api/v1/users/${player}/balance`)).body.tokenBalance).toBe(1.01);
    await sandbox.control('PATCH', `/sandbox/campaigns/${cashback.body.id}`, { status: 'DEACTIVATED' });
  });

  it.each([
    ['one after another', 1],
    ['50 at a time', 50],
  ])('awards a deposit replayed %s once, and answers every replay with the first awards', async (_, concurrency) => {
    const player = `depositor-${concurrency}`;
    const campaign = await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: `dep ${concurrency}`, type: 'DEPOSIT', percent: 10 });
    await sandbox.api('POST', '/api/v1/users', { operatorUserId: player });
    await sandbox.api('POST', `/api/v1/campaigns/${campaign.body.id}/participants`, { operatorUserIds: [player] });
    const deposit = JSON.stringify({ operatorUserId: player, transactionId: `storm-dep-${concurrency}`, amount: 100, currency: 'USD' });
    const answers = await storm(trueplay, '/api/v1/deposits', apiKey, deposit, concurrency);

    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    const expected = { status: 'OK', transactionId: `storm-dep-${concurrency}`, awards: [{ campaignId: campaign.body.id, tokenAmount: 10 }] };
    for (const answer of answers) expect(answer.body).toEqual({ ...expected, duplicate: answer.body.duplicate });
    expect((await sandbox.api('GET', `/api/v1/users/${player}/balance`)).body.tokenBalance).toBe(10);
    await sandbox.control('PATCH', `/sandbox/campaigns/${campaign.body.id}`, { status: 'DEACTIVATED' });
  });

  it.each([
    ['one after another', 1, 'CREDIT', 1250.25],
    ['50 at a time', 50, 'CREDIT', 1250.25],
    ['50 at a time', 50, 'DEBIT', 749.75],
  ])('moves a Token Exchange replayed %s (%i in flight, a %s) once, and answers every replay the same', async (_, concurrency, action, balanceAfter) => {
    const player = `wallet-storm-${concurrency}-${action}`;
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: player, balance: 1000, currency: 'USD' });
    const exchange = JSON.stringify({
      id: `storm-ex-${concurrency}-${action}`, action, amount: 250.25, currency: 'USD', exchangeRate: 1, tokenAmount: 250.25, operatorId: 1, operatorUserId: player,
    });
    const signature = { 'x-request-signature': signBody(sandbox.secretKey, exchange) };
    const answers = await storm(wallet, '/trueplay/token-exchange', signature, exchange, concurrency);

    for (const answer of answers) expect(answer).toEqual({ status: 200, body: { id: `storm-ex-${concurrency}-${action}`, status: 'OK', balance: balanceAfter } });
    expect((await sandbox.wallet('GET', `/sandbox/players/${player}`)).body.balance).toBe(balanceAfter);

    // The same id with another body is refused and moves nothing.
    const changed = exchange.replace('250.25,"currency"', '999,"currency"');
    const conflict = await wallet.send({
      method: 'POST', path: '/trueplay/token-exchange', body: utf8.encode(changed),
      headers: { 'content-type': 'application/json', 'x-request-signature': signBody(sandbox.secretKey, changed) },
    });
    expect(conflict.status).toBe(409);
    expect((await sandbox.wallet('GET', `/sandbox/players/${player}`)).body.balance).toBe(balanceAfter);
  });
});
