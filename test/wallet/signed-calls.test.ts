import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { pollUntil } from '../support/poll.js';
import { exchangeBody, signedCall } from './support.js';

describe('fake wallet: the signed calls Trueplay makes', () => {
  let sandbox: TestSandbox;
  const signed = (path: string, body: unknown, options: { rawBody?: string; signature?: string | null; secretKey?: string } = {}) =>
    signedCall(sandbox.walletUrl, path, body, { secretKey: sandbox.secretKey, ...options });
  const balanceOf = async (operatorUserId: string) => (await sandbox.wallet('GET', `/sandbox/players/${operatorUserId}`)).body.balance;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('answers Get User Balance for a known player, 404 for an unknown one, 403 for another operator', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'bal-1', balance: 250.75, currency: 'USD' });
    const ok = await signed('/trueplay/balance', { operatorId: 1, operatorUserId: 'bal-1' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ operatorUserId: 'bal-1', balance: 250.75, currency: 'USD' });

    const unknown = await signed('/trueplay/balance', { operatorId: 1, operatorUserId: 'nobody' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('USER_NOT_FOUND');

    const other = await signed('/trueplay/balance', { operatorId: 2, operatorUserId: 'bal-1' });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('OPERATOR_MISMATCH');
  });

  it('refuses a tampered body, a wrong secret and a missing header with 401, and moves nothing', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'sig-1', balance: 100, currency: 'USD' });
    const body = exchangeBody('sig-1', 'DEBIT', 40);
    const text = JSON.stringify(body);
    const signatureOfOriginal = (await import('../../src/signing/signature.js')).signBody(sandbox.secretKey, text);

    const tampered = await signed('/trueplay/token-exchange', undefined, { rawBody: text.replace('"amount":40', '"amount":4'), signature: signatureOfOriginal });
    const wrongSecret = await signed('/trueplay/token-exchange', body, { secretKey: 'not-the-secret' });
    const missing = await signed('/trueplay/token-exchange', body, { signature: null });
    const balanceMissing = await signed('/trueplay/balance', { operatorId: 1, operatorUserId: 'sig-1' }, { signature: null });
    for (const refused of [tampered, wrongSecret, missing, balanceMissing]) {
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('INVALID_SIGNATURE');
    }
    expect(await balanceOf('sig-1')).toBe(100);

    // The same id, now rightly signed, is processed: the refusals were not remembered.
    const accepted = await signed('/trueplay/token-exchange', body);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ id: body.id, status: 'OK', balance: 60 });
  });

  it('checks the signature before the body: an unsigned malformed body is 401, a signed one 400', async () => {
    const unsigned = await signed('/trueplay/token-exchange', undefined, { rawBody: '{not json', signature: null });
    expect(unsigned.status).toBe(401);
    const malformed = await signed('/trueplay/token-exchange', undefined, { rawBody: '{not json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    const invalid = await signed('/trueplay/token-exchange', { ...exchangeBody('sig-1', 'CREDIT', 1), action: 'REFUND' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_ERROR');
    const tooPrecise = await signed('/trueplay/token-exchange', exchangeBody('sig-1', 'CREDIT', 0.123456789));
    expect(tooPrecise.status).toBe(400);
    expect(tooPrecise.body.error.code).toBe('VALIDATION_ERROR');
    expect(await balanceOf('sig-1')).toBe(60);
  });

  it('credits and debits exact decimals', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'dec-1', balance: 0.1, currency: 'USD' });
    expect((await signed('/trueplay/token-exchange', exchangeBody('dec-1', 'CREDIT', 0.2))).body.balance).toBe(0.3);
    expect((await signed('/trueplay/token-exchange', exchangeBody('dec-1', 'DEBIT', 0.29999999))).body.balance).toBe(0.00000001);
    expect(await balanceOf('dec-1')).toBe(0.00000001);
  });

  it('holds up to 1 000 000 000 exactly and refuses a CREDIT beyond it', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'rich-1', balance: 999_999_999.99, currency: 'USD' });
    const topUp = await signed('/trueplay/token-exchange', exchangeBody('rich-1', 'CREDIT', 0.01));
    expect(topUp.body.balance).toBe(1_000_000_000);
    const over = await signed('/trueplay/token-exchange', exchangeBody('rich-1', 'CREDIT', 0.00000001));
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe('BALANCE_LIMIT_EXCEEDED');
    expect(await balanceOf('rich-1')).toBe(1_000_000_000);
  });

  it('replays the first answer for the same id and body, moving nothing; 409 for a different body', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'idem-1', balance: 10, currency: 'USD' });
    const body = exchangeBody('idem-1', 'CREDIT', 396);
    const first = await signed('/trueplay/token-exchange', body);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: body.id, status: 'OK', balance: 406 });

    // Another player's money changes in between; the replay still says what the first answer said.
    const again = await signed('/trueplay/token-exchange', body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // Key order and whitespace do not make a different body.
    const reordered = `{ "operatorUserId": "idem-1", "operatorId": 1, "tokenAmount": 396, "exchangeRate": 1, "currency": "USD", "amount": 396, "action": "CREDIT", "id": "${body.id}" }`;
    const replayedText = await signed('/trueplay/token-exchange', undefined, { rawBody: reordered });
    expect(replayedText.body).toEqual(first.body);
    expect(await balanceOf('idem-1')).toBe(406);

    const different = await signed('/trueplay/token-exchange', { ...body, amount: 397 });
    expect(different.status).toBe(409);
    expect(different.body.error.code).toBe('DUPLICATE_TRANSACTION');
    expect(await balanceOf('idem-1')).toBe(406);
  });

  it('a first attempt that arrives late, after its retry was answered, is answered the same and pays nothing', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'late-2', balance: 0, currency: 'USD' });
    const body = exchangeBody('late-2', 'CREDIT', 396);
    await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', delayMs: 500 });
    const firstAttempt = signed('/trueplay/token-exchange', body);
    await pollUntil('the first attempt to be held', async () => (await sandbox.wallet('GET', '/sandbox/faults')).body.items.length === 0, 10_000);
    const retry = await signed('/trueplay/token-exchange', body);
    expect(retry.body).toEqual({ id: body.id, status: 'OK', balance: 396 });
    const late = await firstAttempt;
    expect(late.status).toBe(200);
    expect(late.body).toEqual(retry.body);
    expect(await balanceOf('late-2')).toBe(396);
  });

  it('refuses a DEBIT beyond the balance with INSUFFICIENT_FUNDS, and replays that refusal', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'poor-1', balance: 5, currency: 'USD' });
    const body = exchangeBody('poor-1', 'DEBIT', 5.01);
    const refused = await signed('/trueplay/token-exchange', body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('INSUFFICIENT_FUNDS');

    // Money arrives, but the decided exchange stays decided: same answer, nothing moves.
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'poor-1', balance: 50, currency: 'USD' });
    const replay = await signed('/trueplay/token-exchange', body);
    expect(replay.status).toBe(400);
    expect(replay.body).toEqual(refused.body);
    expect(await balanceOf('poor-1')).toBe(50);
  });

  it('refuses a currency the player does not hold, and an unknown player without remembering it', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'eur-1', balance: 5, currency: 'EUR' });
    const wrongCurrency = await signed('/trueplay/token-exchange', exchangeBody('eur-1', 'CREDIT', 1));
    expect(wrongCurrency.status).toBe(400);
    expect(wrongCurrency.body.error.code).toBe('CURRENCY_MISMATCH');

    const body = exchangeBody('late-1', 'CREDIT', 7);
    expect((await signed('/trueplay/token-exchange', body)).status).toBe(404);
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'late-1', balance: 0, currency: 'USD' });
    const retried = await signed('/trueplay/token-exchange', body);
    expect(retried.status).toBe(200);
    expect(retried.body.balance).toBe(7);
  });

  it('lets exactly the affordable number of 50 concurrent DEBITs through, never going negative', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'race-1', balance: 100, currency: 'USD' });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => signed('/trueplay/token-exchange', exchangeBody('race-1', 'DEBIT', 3))),
    );
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 400);
    expect(ok).toHaveLength(33);
    expect(refused).toHaveLength(17);
    for (const answer of refused) expect(answer.body.error.code).toBe('INSUFFICIENT_FUNDS');
    for (const answer of ok) expect(answer.body.balance).toBeGreaterThanOrEqual(0);
    expect(new Set(ok.map((a) => a.body.balance)).size).toBe(33);
    expect(await balanceOf('race-1')).toBe(1);
  });

  it('acknowledges a signed player event and keeps it once; an unsigned one is refused', async () => {
    const event = { requestId: 'evt-1', operatorUserId: 'p', createdAt: '2025-01-06 12:00:00', type: 'BALANCE_CHANGE', data: { tokenBalance: 5 } };
    expect((await signed('/player-event', event, { signature: 'bogus' })).status).toBe(401);
    const received = await signed('/player-event', event);
    expect(received.status).toBe(200);
    expect(received.body).toEqual({ status: 'OK' });
    expect((await signed('/player-event', event)).status).toBe(200);
    const list = await sandbox.wallet('GET', '/sandbox/player-events');
    expect(list.body.items.filter((e: { requestId: string }) => e.requestId === 'evt-1')).toEqual([{ ...event, receivedAt: expect.any(String) }]);
  });
});
