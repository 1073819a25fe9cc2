/**
 * Player events as Trueplay documents them (reference §1, §2f): one signed event per token movement, PLAY_TO_EARN
 * `{amount, balance}`, HOLD_TO_EARN `{amount, reward, balance}`, everything else BALANCE_CHANGE
 * `{transactionType, amount, balance}`; createdAt "yyyy-MM-dd HH:mm:ss" in sandbox time; a requestId kept across
 * retries. The events are judged here by a receiver written from the reference alone (its own signature check and
 * payload reading), not by the fake wallet's code.
 */
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { aMonday, HOUR, startTrueplay, type Harness, type Operator } from './support/harness.js';

interface Sent {
  status: number | null;
  requestHeaders: Record<string, string>;
  requestBody: { requestId: string; operatorUserId: string; createdAt: string; type: string; data: Record<string, unknown> };
}

/** The reference's signature, computed here: Base64(HMAC-SHA512(secret, lowercase-hex(MD5(body)))). */
const referenceSignature = (secret: string, body: string) =>
  createHmac('sha512', secret).update(createHash('md5').update(body).digest('hex')).digest('base64');

/** What an operator would read from one event, by the documented shapes only; throws on anything else. */
function readEvent(event: Sent['requestBody']): string {
  expect(Object.keys(event).sort()).toEqual(['createdAt', 'data', 'operatorUserId', 'requestId', 'type']);
  expect(event.createdAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  const d = event.data;
  switch (event.type) {
    case 'PLAY_TO_EARN':
      expect(Object.keys(d).sort()).toEqual(['amount', 'balance']);
      return `P2E ${d.amount} → ${d.balance}`;
    case 'HOLD_TO_EARN':
      expect(Object.keys(d).sort()).toEqual(['amount', 'balance', 'reward']);
      return `H2E ${d.amount}+${d.reward} → ${d.balance}`;
    case 'BALANCE_CHANGE':
      expect(Object.keys(d).sort()).toEqual(['amount', 'balance', 'transactionType']);
      return `${d.transactionType} ${d.amount} → ${d.balance}`;
    default:
      throw new Error(`undocumented event type ${event.type}`);
  }
}

describe('player events', () => {
  let tp: Harness;
  let casino: Operator;
  const monday = aMonday();
  const secret = 'evented-secret';

  beforeAll(async () => {
    tp = await startTrueplay();
    await tp.setClock(monday);
    casino = await tp.operator({ name: 'Evented', playerEventsEnabled: true, secretKey: secret, playToEarnPercent: 0.5 });
  });
  afterAll(() => tp.close());

  /** Every event attempt sent for a user, in order, once every event on its way has arrived. */
  async function sent(operatorUserId: string): Promise<Sent[]> {
    await tp.trueplay.drain();
    const { body } = await tp.control('GET', `/sandbox/journal?limit=1000&direction=trueplay-%3Eoperator&path=/player-event&operatorUserId=${operatorUserId}`);
    return body.items;
  }
  /** The events as the reference receiver reads them, each checked for its signature. */
  async function announced(operatorUserId: string): Promise<string[]> {
    return (await sent(operatorUserId)).map((e) => {
      const text = JSON.stringify(e.requestBody);
      expect(e.requestHeaders['x-request-signature']).toBe(referenceSignature(secret, text));
      return readEvent(e.requestBody);
    });
  }
  const as = () => ({ apiKey: casino.apiKey });

  it('announces each award with its PROMO_* or cashback type, each bet earning, and its rollback, with the balance after', async () => {
    await tp.campaign({ operatorId: casino.operatorId, type: 'REGISTRATION', tokens: 100 });
    await tp.campaign({ operatorId: casino.operatorId, type: 'KYC', tokens: 50 });
    const deposit = await tp.campaign({ operatorId: casino.operatorId, type: 'DEPOSIT', tokens: 20 });
    await tp.campaign({ operatorId: casino.operatorId, type: 'CASHBACK', percent: 10 });
    await tp.campaign({ operatorId: casino.operatorId, type: 'CASHBACK', percent: 10, period: 'WEEKLY' });
    await tp.setClock(monday + HOUR);

    await tp.play('eve', 'e1', 'BET', 100, {}, casino.apiKey); // registration, then 0.5 % of 100 = 0.5 tokens
    await tp.play('eve', 'e2', 'WIN', 10, {}, casino.apiKey);
    await tp.play('eve', 'e2', 'WIN', 10, {}, casino.apiKey); // a duplicate
    await tp.play('eve', 'e1', 'BET', 100, {}, casino.apiKey); // a retried BET earns nothing more
    await tp.play('eve', 'b1', 'BONUS_BET', 100, {}, casino.apiKey); // bonus money earns nothing
    await tp.play('eve', 'e3', 'BET', 3, {}, casino.apiKey); // 0.015 → 0.02, half-up
    await tp.play('eve', 'e4', 'ROLLBACK', 3, { referenceTransactionId: 'e3' }, casino.apiKey);
    expect(await announced('eve')).toEqual(['PROMO_REGISTRATION 100 → 100', 'P2E 0.5 → 100.5', 'P2E 0.02 → 100.52', 'P2E -0.02 → 100.5']);
    const first = (await sent('eve'))[0]!.requestBody;
    expect(first.createdAt).toBe(new Date(monday + HOUR).toISOString().slice(0, 19).replace('T', ' '));
    expect(first.operatorUserId).toBe('eve');

    await tp.api('PATCH', '/api/v1/users/eve', { kyc: true }, as());
    await tp.api('PATCH', '/api/v1/users/eve', { kyc: true }, as()); // true→true changes nothing
    await tp.api('POST', `/api/v1/campaigns/${deposit.id}/participants`, { operatorUserIds: ['eve'] }, as());
    await tp.api('POST', '/api/v1/deposits', { operatorUserId: 'eve', transactionId: 'd1', amount: 10, currency: 'USD' }, as());
    expect((await announced('eve')).slice(4)).toEqual(['PROMO_KYC 50 → 150.5', 'PROMO_DEPOSIT 20 → 170.5']);

    await tp.advance('P7D'); // GGR 90 → 9 tokens, on the day and on the week
    expect(await tp.tokens('eve', casino.apiKey)).toBe(188.5);
    expect((await announced('eve')).slice(6)).toEqual(['DAILY_CASHBACK 9 → 179.5', 'WEEKLY_CASHBACK 9 → 188.5']);
    // Each event is its own request: requestIds never repeat between events.
    const ids = (await sent('eve')).map((e) => e.requestBody.requestId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sends an event again, with the same requestId and bytes, when its outcome is unknown, until it is answered', async () => {
    const receiver = await tp.operator({ name: 'Flaky', playerEventsEnabled: true, secretKey: tp.secretKey, playToEarnPercent: 0 });
    await tp.campaign({ operatorId: receiver.operatorId, type: 'REGISTRATION', tokens: 7 });
    await tp.wallet('POST', '/sandbox/faults', { path: '/player-event', status: 503, times: 2 });
    await tp.play('flo', 'f1', 'BET', 1, {}, receiver.apiKey);
    const attempts = await sent('flo');
    expect(attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    expect(new Set(attempts.map((a) => JSON.stringify(a.requestBody))).size).toBe(1);
    expect(attempts[0]!.requestBody.data).toEqual({ transactionType: 'PROMO_REGISTRATION', amount: 7, balance: 7 });
    const received = (await tp.wallet('GET', '/sandbox/player-events')).body.items.filter((e: { operatorUserId: string }) => e.operatorUserId === 'flo');
    expect(received).toHaveLength(1);
  });

  it('defaults Play to Earn to 0.1 % for a new operator', async () => {
    const plain = await tp.operator({ name: 'Defaults' });
    expect((await tp.control('GET', '/sandbox/operators')).body.items.find((o: Operator) => o.operatorId === plain.operatorId).playToEarnPercent).toBe(0.1);
  });

  it('announces nothing for an operator that did not turn events on', async () => {
    await tp.campaign({ type: 'REGISTRATION', tokens: 5 });
    await tp.play('quiet', 'q1', 'BET', 1);
    expect(await tp.tokens('quiet')).toBe(5);
    expect(await sent('quiet')).toEqual([]);
  });
});

describe('player events of token exchanges', () => {
  let sandbox: TestSandbox;
  // The fake wallet answers the demo operator's exchanges; events are turned on for it as `start --player-events` does.
  beforeAll(async () => {
    sandbox = await startTestSandbox({ backgroundWork: false, playerEventsEnabled: true });
  });
  afterAll(() => sandbox.close());

  it('announces a purchase as DEPOSIT (and its bonus), a withdrawal as WITHDRAW once the operator answered, nothing for a refused one, and a custom award', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'xena', balance: 100, currency: 'USD' });
    const link = await sandbox.api('GET', '/api/v1/loyalty-page?operatorUserId=xena');
    const page = new URL(link.body.url).pathname;
    await sandbox.control('GET', `${page}/state`); // the visit creates the user
    const bonus = await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'bonus', type: 'TOKEN_PURCHASE', percent: 10 });
    const custom = await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'gift', type: 'CUSTOM', tokens: 3 });
    await sandbox.api('POST', `/api/v1/campaigns/${bonus.body.id}/participants`, { operatorUserIds: ['xena'] });
    expect((await sandbox.control('POST', `${page}/purchase`, { tokenAmount: 40 })).status).toBe(200);
    expect((await sandbox.control('POST', `${page}/withdraw`, { tokenAmount: 15 })).status).toBe(200);
    await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', status: 400, times: 1 });
    expect((await sandbox.control('POST', `${page}/withdraw`, { tokenAmount: 5 })).status).toBe(400);
    expect((await sandbox.control('POST', `/sandbox/campaigns/${custom.body.id}/awards`, { operatorUserIds: ['xena'] })).status).toBe(200);
    await sandbox.trueplay.drain();
    const { body } = await sandbox.control('GET', '/sandbox/journal?limit=100&direction=trueplay-%3Eoperator&path=/player-event');
    const events = (body.items as Sent[]).map((e) => {
      expect(e.requestHeaders['x-request-signature']).toBe(referenceSignature(sandbox.secretKey, JSON.stringify(e.requestBody)));
      return e.requestBody;
    });
    expect(events.map(readEvent)).toEqual(['DEPOSIT 40 → 40', 'PROMO_TOKEN_PURCHASE 4 → 44', 'WITHDRAW -15 → 29', 'PROMO_CUSTOM 3 → 32']);
    // The wallet received and kept both, as its control API shows.
    const received = (await sandbox.wallet('GET', '/sandbox/player-events')).body.items;
    expect(received.map((e: { requestId: string }) => e.requestId)).toEqual(events.map((e) => e.requestId));
    expect(received.map((e: { data: unknown }) => e.data)).toEqual(events.map((e) => e.data));
  });
});
