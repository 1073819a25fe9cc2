/**
 * Limits (issue 8): the request body size limit (413 in the error shape) and the nesting limit on both sides,
 * requests Node's HTTP parser refuses answered in the error shape too, per-operator isolation, and deadlines on
 * Trueplay's calls to a wallet that does not answer.
 */
import { connect } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/signing/signature.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { answerProblem } from './support/checks.js';
import { createRawClient, type RawClient } from './support/http.js';
import { pollUntil } from '../support/poll.js';
import { sendRawBytes } from './support/raw-socket.js';

const utf8 = new TextEncoder();

describe('limits', () => {
  let sandbox: TestSandbox;
  let trueplay: RawClient;
  let wallet: RawClient;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    trueplay = createRawClient(sandbox.trueplayUrl);
    wallet = createRawClient(sandbox.walletUrl);
  });
  afterAll(async () => {
    trueplay.close();
    wallet.close();
    await sandbox.close();
  });

  const signed = (body: Uint8Array) => ({ 'content-type': 'application/json', 'x-request-signature': signBody(sandbox.secretKey, body) });
  const apiKey = { 'content-type': 'application/json', 'x-api-key': 'demo-api-key' };

  it('refuses a body over 64 KB with 413 PAYLOAD_TOO_LARGE on both sides, declared or chunked, and nothing is counted', async () => {
    const huge = utf8.encode(JSON.stringify({
      operatorUserId: 'big', transactionId: 'big-1', type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 1, padding: 'x'.repeat(70_000),
    }));
    for (const chunked of [false, true]) {
      const answers = [
        await trueplay.send({ method: 'POST', path: '/api/v1/accept', headers: apiKey, body: huge, chunked }),
        await wallet.send({ method: 'POST', path: '/trueplay/token-exchange', headers: signed(huge), body: huge, chunked }),
        await wallet.send({ method: 'POST', path: '/sandbox/players', headers: { 'content-type': 'application/json' }, body: huge, chunked }),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(413);
        expect(answerProblem('POST', answer)).toBeUndefined();
        expect(JSON.parse(answer.text).error.code).toBe('PAYLOAD_TOO_LARGE');
      }
    }
    expect((await sandbox.api('GET', '/api/v1/users/big/balance')).status).toBe(404);
  });

  it('closes the connection after refusing a body it did not read, so the next call is not parsed from its rest', async () => {
    // It used to keep the connection: the next call on it waited ~6 s for nothing, then was reset.
    for (const [base, path, headers] of [
      [sandbox.trueplayUrl, '/api/v1/accept', apiKey],
      [sandbox.walletUrl, '/trueplay/token-exchange', { 'content-type': 'application/json' }],
    ] as const) {
      const oneConnection = createRawClient(base, 1);
      try {
        for (const chunked of [true, false]) {
          const refused = await oneConnection.send({ method: 'POST', path, headers, body: new Uint8Array(200_000).fill(32), chunked });
          expect(refused.status).toBe(413);
          expect(refused.headers.connection).toBe('close');
          expect((await oneConnection.send({ method: 'GET', path: '/health' })).status).toBe(200);
        }
      } finally {
        oneConnection.close();
      }
    }
  });

  it('takes a bet whose client hangs up half-way through the body as REQUEST_ABORTED: nothing counted, no defect', async () => {
    const body = utf8.encode(JSON.stringify({ operatorUserId: 'halfway', transactionId: 'halfway-1', type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 1 }));
    const { hostname, port } = new URL(sandbox.trueplayUrl);
    const socket = connect({ host: hostname, port: Number(port) });
    await once(socket, 'connect');
    socket.on('error', () => {});
    socket.write(`POST /api/v1/accept HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\nx-api-key: demo-api-key\r\ncontent-length: ${body.length}\r\n\r\n`);
    // Half the body, then the end of the stream: the server reads a request whose body never completes.
    socket.end(body.subarray(0, 20));
    const refused = await pollUntil('the aborted call in the journal', async () => {
      const items = (await sandbox.control('GET', '/sandbox/journal?limit=50')).body.items as { path: string; status: number; responseBody: { error?: { code: string } } }[];
      return items.find((entry) => entry.path === '/api/v1/accept' && entry.responseBody?.error?.code === 'REQUEST_ABORTED');
    });
    expect(refused.status).toBe(400);
    socket.destroy();
    expect((await sandbox.api('GET', '/api/v1/users/halfway/balance')).status).toBe(404);
    const whole = await sandbox.api('POST', '/api/v1/accept', JSON.parse(new TextDecoder().decode(body)));
    expect(whole.status).toBe(200);
    expect(whole.body.duplicate).toBe(false);
  });

  it('refuses JSON nested deeper than 64 levels with 400 MALFORMED_JSON on both sides (it used to overflow the stack: 500)', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const bet = utf8.encode(`{"operatorUserId":"deep","transactionId":"deep-1","referenceTransactionId":null,"type":"BET","gameProvider":"test-provider","gameCode":"test-slot","gameName":"Test Slot","gameType":"Slot","currency":"USD","amount":1,"extra":${deep}}`);
    const exchange = utf8.encode(`{"id":"deep-x","action":"CREDIT","amount":1,"currency":"USD","exchangeRate":1,"tokenAmount":1,"operatorId":1,"operatorUserId":"deep","extra":${deep}}`);
    const answers = [
      await trueplay.send({ method: 'POST', path: '/api/v1/accept', headers: apiKey, body: bet }),
      await wallet.send({ method: 'POST', path: '/trueplay/token-exchange', headers: signed(exchange), body: exchange }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answerProblem('POST', answer)).toBeUndefined();
      expect(JSON.parse(answer.text).error.code).toBe('MALFORMED_JSON');
    }
    // Nesting within the limit is still an extra field like any other: accepted and ignored.
    const shallow = await sandbox.api('POST', '/api/v1/accept', {
      operatorUserId: 'deep', transactionId: 'deep-2', type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 1, extra: [[[[{ a: [1] }]]]],
    });
    expect(shallow.status).toBe(200);
  });

  it('answers requests that are not valid HTTP in the error shape (Node used to answer a bare 400), on both servers', async () => {
    for (const base of [sandbox.trueplayUrl, sandbox.walletUrl]) {
      for (const bytes of [
        'GET /sandbox/clock/\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n',
        'GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
        'POST /api/v1/accept HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        'NONSENSE\r\n\r\n',
      ]) {
        const answer = await sendRawBytes(base, bytes);
        expect(answer.status).toBe(400);
        expect(answer.headers['content-type']).toContain('application/json');
        expect(JSON.parse(answer.body)).toEqual({ error: { code: 'MALFORMED_REQUEST', message: expect.any(String) } });
      }
    }
  });
});

describe('requests the HTTP adapter refuses before routing', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ backgroundWork: false });
  });
  afterAll(() => sandbox.close());

  // Each got a bare 400 or 417 with an empty body from Node or @hono/node-server (issue 17); CONNECT got none.
  const REFUSED: [string, string, number, string][] = [
    ['a backslash in the path', 'GET /sandbox\\clock HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400, 'MALFORMED_REQUEST'],
    ['a bad Host', 'GET /health HTTP/1.1\r\nHost: exa mple\r\n\r\n', 400, 'MALFORMED_REQUEST'],
    ['no Host in HTTP/1.1', 'GET /health HTTP/1.1\r\n\r\n', 400, 'MALFORMED_REQUEST'],
    ['an ftp:// absolute URL', 'GET ftp://127.0.0.1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400, 'MALFORMED_REQUEST'],
    ['OPTIONS *', 'OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400, 'MALFORMED_REQUEST'],
    ['a bogus Expect', 'POST /sandbox/clock HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: bogus\r\nContent-Length: 2\r\n\r\n{}', 417, 'EXPECTATION_FAILED'],
    ['CONNECT', 'CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n', 405, 'METHOD_NOT_ALLOWED'],
  ];

  it.each(REFUSED)('%s is answered in the error shape on both servers', async (_name, bytes, status, code) => {
    for (const base of [sandbox.trueplayUrl, sandbox.walletUrl]) {
      const answer = await sendRawBytes(base, bytes);
      expect(answer.status).toBe(status);
      expect(answer.headers['content-type']).toContain('application/json');
      expect(JSON.parse(answer.body)).toEqual({ error: { code, message: expect.any(String) } });
    }
  });

  it('still serves what the adapter accepts: HTTP/1.0 without Host, an http:// absolute URL, Expect: 100-continue', async () => {
    for (const bytes of [
      'GET /health HTTP/1.0\r\n\r\n',
      'GET http://127.0.0.1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    ]) {
      const answer = await sendRawBytes(sandbox.trueplayUrl, bytes);
      expect([answer.status, JSON.parse(answer.body)]).toEqual([200, { status: 'OK' }]);
    }
    const continued = await sendRawBytes(sandbox.trueplayUrl, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n');
    expect(continued.status).toBe(100);
    expect(continued.body).toContain('{"status":"OK"}');
  });
});

describe('per-operator isolation', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ backgroundWork: false });
  });
  afterAll(() => sandbox.close());

  it("never lets operator B's key read or change operator A's users, transactions or campaigns (404)", async () => {
    const asB = { apiKey: 'isolation-b-key' };
    expect((await sandbox.control('POST', '/sandbox/operators', { name: 'B', apiKey: asB.apiKey })).status).toBe(201);
    const campaign = (await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'A deposits', type: 'DEPOSIT', tokens: 7 })).body;
    await sandbox.api('POST', '/api/v1/users', { operatorUserId: 'a-player', kyc: false });
    await sandbox.api('POST', `/api/v1/campaigns/${campaign.id}/participants`, { operatorUserIds: ['a-player'] });
    await sandbox.api('POST', '/api/v1/deposits', { operatorUserId: 'a-player', transactionId: 'a-dep', amount: 10, currency: 'USD' });
    const bet = { operatorUserId: 'a-player', transactionId: 'a-bet', type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 10 };
    await sandbox.api('POST', '/api/v1/accept', bet);
    const aBefore = await sandbox.api('GET', '/api/v1/users/a-player/balance');
    expect(aBefore.body.tokenBalance).toBe(7.01); // the deposit award and the BET's Play to Earn (0.1 % of 10)

    const refusals = [
      await sandbox.api('GET', '/api/v1/users/a-player/balance', undefined, asB),
      await sandbox.api('PATCH', '/api/v1/users/a-player', { kyc: true }, asB),
      await sandbox.api('POST', '/api/v1/deposits', { operatorUserId: 'a-player', transactionId: 'b-dep', amount: 10, currency: 'USD' }, asB),
      await sandbox.api('GET', `/api/v1/campaigns/${campaign.id}/participants`, undefined, asB),
      await sandbox.api('POST', `/api/v1/campaigns/${campaign.id}/participants`, { operatorUserIds: ['a-player'] }, asB),
      await sandbox.api('DELETE', `/api/v1/campaigns/${campaign.id}/participants/a-player`, undefined, asB),
      // A's BET is no reference for B, even for a user of the same name (and that user is not created by the refusal).
      await sandbox.api('POST', '/api/v1/accept', { ...bet, transactionId: 'b-win', type: 'WIN', referenceTransactionId: 'a-bet' }, asB),
    ];
    expect(refusals.map((r) => [r.status, r.body.error.code])).toEqual([
      [404, 'USER_NOT_FOUND'], [404, 'USER_NOT_FOUND'], [404, 'USER_NOT_FOUND'],
      [404, 'CAMPAIGN_NOT_FOUND'], [404, 'CAMPAIGN_NOT_FOUND'], [404, 'CAMPAIGN_NOT_FOUND'], [404, 'REFERENCE_NOT_FOUND'],
    ]);
    expect((await sandbox.api('GET', '/api/v1/campaigns', undefined, asB)).body.items).toEqual([]);
    expect((await sandbox.api('GET', '/api/v1/users/a-player/balance', undefined, asB)).status).toBe(404);

    // The same ids under B are B's own: a new user and a new transaction, not A's.
    const own = await sandbox.api('POST', '/api/v1/accept', bet, asB);
    expect(own.body).toMatchObject({ status: 'OK', duplicate: false });
    expect(own.body.trueplayUserId).not.toBe(aBefore.body.trueplayUserId);
    const link = await sandbox.api('GET', '/api/v1/loyalty-page?operatorUserId=a-player', undefined, asB);
    const state = await sandbox.control('GET', `${new URL(link.body.url).pathname}/state`);
    // B's player holds only what B's own BET earned, none of A's award.
    expect(state.body).toMatchObject({ trueplayUserId: own.body.trueplayUserId, tokenBalance: 0.01, campaigns: [] });

    // A sees exactly what it had.
    expect(await sandbox.api('GET', '/api/v1/users/a-player/balance')).toMatchObject({ status: 200, body: aBefore.body });
    expect((await sandbox.api('POST', '/api/v1/accept', bet)).body).toMatchObject({ duplicate: true, trueplayUserId: aBefore.body.trueplayUserId });
    expect((await sandbox.api('GET', `/api/v1/campaigns/${campaign.id}/participants`)).body.items.map((p: { operatorUserId: string }) => p.operatorUserId)).toEqual(['a-player']);
  });
});

describe("deadlines on Trueplay's calls to the operator", () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ exchangeTimeoutMs: 300, exchangeAttempts: 3, exchangeBackoffMs: 10, backgroundWork: false });
    await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'welcome', type: 'REGISTRATION', tokens: 50 });
  });
  afterAll(() => sandbox.close());

  async function visit(player: string, casinoBalance: number): Promise<string> {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: player, balance: casinoBalance, currency: 'USD' });
    const link = await sandbox.api('GET', `/api/v1/loyalty-page?operatorUserId=${player}`);
    const session = new URL(link.body.url).pathname;
    expect((await sandbox.control('GET', `${session}/state`)).body.tokenBalance).toBe(50);
    return session;
  }

  it('retries a Token Exchange the wallet sits on and answers 202 PENDING instead of hanging; it completes once later', async () => {
    const session = await visit('slow-wallet', 0);
    await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', delayMs: 1500, times: 3 });
    const pending = await sandbox.control('POST', `${session}/withdraw`, { tokenAmount: 10 });
    expect(pending.status).toBe(202);
    expect(pending.body).toMatchObject({ status: 'PENDING', tokenBalance: 40 });
    const attempts = await sandbox.control('GET', `/sandbox/journal?direction=trueplay-%3Eoperator&path=/trueplay/token-exchange`);
    expect(attempts.body.items.map((e: { status: number | null }) => e.status)).toEqual([null, null, null]);

    // The wallet handles the late calls after their delay: the same id three times, paid once.
    await pollUntil('the wallet to handle the delayed calls', async () => (await sandbox.wallet('GET', '/sandbox/players/slow-wallet')).body.balance === 9.9, 10_000);
    expect(await sandbox.trueplay.retryPendingExchanges()).toBe(1);
    const state = await sandbox.control('GET', `${session}/state`);
    expect(state.body.tokenBalance).toBe(40);
    expect(state.body.history.filter((h: { kind: string }) => h.kind === 'EXCHANGE')).toMatchObject([{ status: 'OK', tokenAmount: 10, amount: 9.9 }]);
    expect((await sandbox.wallet('GET', '/sandbox/players/slow-wallet')).body.balance).toBe(9.9);
  });

  it('drops calls a delay still holds when the wallet is reset, so nothing from before the reset lands after it', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'before-reset', balance: 0, currency: 'USD' });
    await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', delayMs: 5000 });
    const body = JSON.stringify({ id: 'held', action: 'CREDIT', amount: 5, currency: 'USD', exchangeRate: 1, tokenAmount: 5, operatorId: 1, operatorUserId: 'before-reset' });
    const held = fetch(`${sandbox.walletUrl}/trueplay/token-exchange`, {
      method: 'POST', body, headers: { 'content-type': 'application/json', 'x-request-signature': signBody(sandbox.secretKey, body) },
    });
    await pollUntil('the call to be held', async () => (await sandbox.wallet('GET', '/sandbox/faults')).body.items.length === 0, 10_000);
    await sandbox.wallet('POST', '/sandbox/reset');
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'before-reset', balance: 0, currency: 'USD' });
    expect((await held).status).toBe(503);
    expect((await sandbox.wallet('GET', '/sandbox/players/before-reset')).body.balance).toBe(0);
  });

  it('refuses a purchase when Get User Balance does not answer in time, and moves nothing', async () => {
    const session = await visit('slow-balance', 500);
    await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/balance', delayMs: 1500 });
    const refused = await sandbox.control('POST', `${session}/purchase`, { tokenAmount: 10 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('EXCHANGE_FAILED');
    expect((await sandbox.control('GET', `${session}/state`)).body.tokenBalance).toBe(50);
    expect((await sandbox.wallet('GET', '/sandbox/players/slow-balance')).body.balance).toBe(500);
  });
});
