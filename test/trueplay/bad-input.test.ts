/**
 * Bad input on every operation of openapi/trueplay.yaml (generated from the contract, so new endpoints are covered):
 * each answer is a 4xx in the error shape, and nothing changes — users, balances, campaigns, accepted calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/openapi/documents.js';
import { badRequests, type BadRequest } from './support/bad-requests.js';
import { expectErrorShape, aMonday, startTrueplay, type Harness } from './support/harness.js';

const EXPECTED_CODES: Record<number, RegExp> = { 400: /^(VALIDATION_ERROR|MALFORMED_JSON)$/, 404: /_NOT_FOUND$/, 413: /^PAYLOAD_TOO_LARGE$/ };

describe('bad input on every operation', () => {
  let tp: Harness;
  let requests: BadRequest[];

  beforeAll(async () => {
    tp = await startTrueplay();
    await tp.setClock(aMonday());
    const second = await tp.operator();
    await tp.campaign({ type: 'REGISTRATION', tokens: 100 });
    const deposit = await tp.campaign({ type: 'DEPOSIT', percent: 10 });
    await tp.campaign({ type: 'CASHBACK', percent: 10 });
    await tp.play('player-1', 'tx-1001', 'BET', 10);
    await tp.api('POST', `/api/v1/campaigns/${deposit.id}/participants`, { operatorUserIds: ['player-1'] });
    const link = await tp.api('GET', '/api/v1/loyalty-page?operatorUserId=player-1');
    const session = new URL(link.body.url).pathname.split('/').pop()!;
    ({ requests } = badRequests({
      operatorUserId: 'player-1',
      campaignId: String(deposit.id),
      operatorId: String(second.operatorId),
      session,
    }));
  });
  afterAll(() => tp.close());

  async function send(request: BadRequest) {
    const response = await fetch(`${tp.trueplayUrl}${request.path}`, {
      method: request.method,
      headers: { 'content-type': 'application/json', ...(request.keyed ? { 'x-api-key': tp.apiKey } : {}) },
      body: request.body,
      // A bad request accepted by a streaming endpoint would never end: a deadline turns it into a failure.
      signal: AbortSignal.timeout(10_000),
    });
    return { response, text: await response.text() };
  }

  it('covers every operation that takes input', () => {
    const { operations } = loadContract('trueplay');
    const withInput = [...operations.values()].filter((op) => op.requestBodyPointer || op.parameters.some((p) => p.in === 'path' || p.in === 'query'));
    const covered = new Set(requests.map((r) => r.operationId));
    expect(withInput.map((op) => op.operationId).filter((id) => !covered.has(id))).toEqual([]);
    expect(requests.length).toBeGreaterThan(200);
  });

  it('answers each bad request with a 4xx in the error shape and changes nothing', async () => {
    const failures: string[] = [];
    for (const request of requests) {
      const before = tp.snapshot();
      const answer = await send(request).catch((error: Error) => error);
      if (answer instanceof Error) {
        failures.push(`no complete answer (${answer.name}): ${request.operationId} ${request.label} (${request.method} ${request.path.slice(0, 80)})`);
        continue;
      }
      const { response, text } = answer;
      const where = `${request.operationId} ${request.label} (${request.method} ${request.path.slice(0, 80)}) → ${response.status} ${text.slice(0, 200)}`;
      const expected = request.status ?? 400;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      if (response.status !== expected) failures.push(`expected ${expected}: ${where}`);
      else {
        expectErrorShape({ status: response.status, headers: response.headers, body, text }, where);
        const code = (body as { error: { code: string } }).error.code;
        if (!EXPECTED_CODES[expected]!.test(code)) failures.push(`unexpected code: ${where}`);
      }
      if (tp.snapshot() !== before) failures.push(`state changed: ${where}`);
    }
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});
