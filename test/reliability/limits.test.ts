/**
 * Limits (issue 8): the request body size limit (413 in the error shape) and the nesting limit on both sides, and
 * requests Node's HTTP parser refuses answered in the error shape too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/signing/signature.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { answerProblem } from './support/checks.js';
import { createRawClient, type RawClient } from './support/http.js';
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
      operatorUserId: 'big', transactionId: 'big-1', type: 'BET', gameType: 'Slot', currency: 'USD', amount: 1, padding: 'x'.repeat(70_000),
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

  it('refuses JSON nested deeper than 64 levels with 400 MALFORMED_JSON on both sides (it used to overflow the stack: 500)', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const bet = utf8.encode(`{"operatorUserId":"deep","transactionId":"deep-1","type":"BET","gameType":"Slot","currency":"USD","amount":1,"extra":${deep}}`);
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
      operatorUserId: 'deep', transactionId: 'deep-2', type: 'BET', gameType: 'Slot', currency: 'USD', amount: 1, extra: [[[[{ a: [1] }]]]],
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
