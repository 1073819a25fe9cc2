/** X-API-KEY (401), disabled operators (403, via PATCH /sandbox/operators/{id}) and multi-tenant isolation (404). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/openapi/documents.js';
import { aMonday, startTrueplay, type Harness, type Operator } from './support/harness.js';

/** Every Trueplay API operation (security ApiKey), with a request that would succeed for a known key. */
function keyedOperations(campaignId: number) {
  const { operations } = loadContract('trueplay');
  const requests: Record<string, [string, string, unknown?]> = {
    sendGameTransaction: ['POST', '/api/v1/accept', { operatorUserId: 'auth-user', transactionId: 'auth-tx', type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 1 }],
    getLoyaltyPage: ['GET', '/api/v1/loyalty-page?operatorUserId=auth-user'],
    createUser: ['POST', '/api/v1/users', { operatorUserId: 'auth-user' }],
    updateUser: ['PATCH', '/api/v1/users/owner', { kyc: true }],
    getUserBalance: ['GET', '/api/v1/users/owner/balance'],
    sendDeposit: ['POST', '/api/v1/deposits', { operatorUserId: 'owner', transactionId: 'auth-dep', amount: 1, currency: 'USD' }],
    listCampaigns: ['GET', '/api/v1/campaigns'],
    listCampaignParticipants: ['GET', `/api/v1/campaigns/${campaignId}/participants`],
    assignCampaignParticipants: ['POST', `/api/v1/campaigns/${campaignId}/participants`, { operatorUserIds: ['owner'] }],
    removeCampaignParticipant: ['DELETE', `/api/v1/campaigns/${campaignId}/participants/owner`],
  };
  const keyed = [...operations.values()].filter((op) => loadContract('trueplay').document.paths[op.path][op.method.toLowerCase()].security?.some((s: object) => 'ApiKey' in s));
  return keyed.map((op) => {
    const request = requests[op.operationId];
    if (!request) throw new Error(`add a request for the keyed operation ${op.operationId} to this test`);
    return { operationId: op.operationId, request };
  });
}

describe('authentication and tenancy', () => {
  let tp: Harness;
  let second: Operator;
  let campaignId: number;

  beforeAll(async () => {
    tp = await startTrueplay();
    await tp.setClock(aMonday());
    second = await tp.operator();
    await tp.play('owner', 'owner-bet', 'BET', 10);
    campaignId = (await tp.campaign({ type: 'DEPOSIT', tokens: 5 })).id;
    expect((await tp.api('POST', `/api/v1/campaigns/${campaignId}/participants`, { operatorUserIds: ['owner'] })).status).toBe(200);
  });
  afterAll(() => tp.close());

  it('answers 401 UNAUTHORIZED without X-API-KEY and with a wrong one, on every keyed operation, changing nothing', async () => {
    const before = tp.snapshot();
    for (const { operationId, request } of keyedOperations(campaignId)) {
      const [method, path, body] = request;
      for (const apiKey of [null, 'not-a-key', '']) {
        const response = await tp.api(method, path, body, { apiKey });
        expect(response.status, `${operationId} with key ${JSON.stringify(apiKey)}`).toBe(401);
        expect(response.body.error.code).toBe('UNAUTHORIZED');
      }
    }
    expect(tp.snapshot()).toBe(before);
  });

  it('a disabled operator is refused with 403 FORBIDDEN everywhere, and works again once enabled', async () => {
    const third = await tp.operator({ name: 'Third casino' });
    expect((await tp.play('t-user', 't1', 'BET', 1, {}, third.apiKey)).duplicate).toBe(false);

    const disabled = await tp.control('PATCH', `/sandbox/operators/${third.operatorId}`, { enabled: false });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ operatorId: third.operatorId, enabled: false, apiKey: third.apiKey });
    const listed = await tp.control('GET', '/sandbox/operators');
    expect(listed.body.items.find((o: Operator) => o.operatorId === third.operatorId).enabled).toBe(false);

    const before = tp.snapshot();
    for (const { operationId, request } of keyedOperations(campaignId)) {
      const [method, path, body] = request;
      const response = await tp.api(method, path, body, { apiKey: third.apiKey });
      expect(response.status, operationId).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    expect(tp.snapshot()).toBe(before);

    const enabled = await tp.control('PATCH', `/sandbox/operators/${third.operatorId}`, { enabled: true });
    expect(enabled.body.enabled).toBe(true);
    expect(await tp.tokens('t-user', third.apiKey)).toBe(0);
  });

  it("a disabled operator's loyalty links answer 403 FORBIDDEN and create nobody, until it is enabled again", async () => {
    const fourth = await tp.operator({ name: 'Fourth casino' });
    const link = await tp.api('GET', '/api/v1/loyalty-page?operatorUserId=visitor', undefined, { apiKey: fourth.apiKey });
    expect(link.status).toBe(200);
    const page = new URL(link.body.url).pathname;

    expect((await tp.control('PATCH', `/sandbox/operators/${fourth.operatorId}`, { enabled: false })).status).toBe(200);
    const before = tp.snapshot();
    for (const [method, path, body] of [['GET', page, undefined], ['GET', `${page}/state`, undefined], ['POST', `${page}/withdraw`, { tokenAmount: 1 }], ['POST', `${page}/purchase`, { tokenAmount: 1 }]] as const) {
      const response = await tp.control(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    expect(tp.snapshot()).toBe(before);

    expect((await tp.control('PATCH', `/sandbox/operators/${fourth.operatorId}`, { enabled: true })).status).toBe(200);
    expect((await tp.control('GET', `${page}/state`)).body.operatorUserId).toBe('visitor');
  });

  it('PATCH /sandbox/operators/{id} is 404 OPERATOR_NOT_FOUND for an unknown operator and 400 for a bad body', async () => {
    const missing = await tp.control('PATCH', '/sandbox/operators/999', { enabled: false });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('OPERATOR_NOT_FOUND');
    for (const body of [{}, { enabled: 'false' }, { enabled: false, operatorId: 5 }]) {
      expect((await tp.control('PATCH', '/sandbox/operators/1', body)).status).toBe(400);
    }
    expect((await tp.control('GET', '/sandbox/operators')).body.items[0]).toMatchObject({ operatorId: 1, enabled: true });
  });

  it("a second operator cannot see or change the first one's users and campaigns (404)", async () => {
    const asSecond = (method: string, path: string, body?: unknown) => tp.api(method, path, body, { apiKey: second.apiKey });
    const cases: [string, string, unknown, string][] = [
      ['GET', '/api/v1/users/owner/balance', undefined, 'USER_NOT_FOUND'],
      ['PATCH', '/api/v1/users/owner', { kyc: true }, 'USER_NOT_FOUND'],
      ['POST', '/api/v1/deposits', { operatorUserId: 'owner', transactionId: 'x-dep', amount: 5, currency: 'USD' }, 'USER_NOT_FOUND'],
      ['GET', `/api/v1/campaigns/${campaignId}/participants`, undefined, 'CAMPAIGN_NOT_FOUND'],
      ['POST', `/api/v1/campaigns/${campaignId}/participants`, { operatorUserIds: ['owner'] }, 'CAMPAIGN_NOT_FOUND'],
      ['DELETE', `/api/v1/campaigns/${campaignId}/participants/owner`, undefined, 'CAMPAIGN_NOT_FOUND'],
      ['POST', '/api/v1/accept', { operatorUserId: 'owner', transactionId: 'x-ref', referenceTransactionId: 'owner-bet', type: 'ROLLBACK', gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 10 }, 'REFERENCE_NOT_FOUND'],
    ];
    const before = tp.snapshot();
    for (const [method, path, body, code] of cases) {
      const response = await asSecond(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.code).toBe(code);
    }
    expect(tp.snapshot()).toBe(before);
    expect((await asSecond('GET', '/api/v1/campaigns')).body.items).toEqual([]);
    expect((await asSecond('GET', '/api/v1/campaigns?status=ACTIVE')).body.items).toEqual([]);
  });

  it('the same operatorUserId and transactionId are separate things at another operator', async () => {
    const mine = await tp.api('GET', '/api/v1/users/owner/balance');
    const theirs = await tp.play('owner', 'owner-bet', 'BET', 999, {}, second.apiKey);
    expect(theirs.duplicate).toBe(false);
    expect(theirs.trueplayUserId).not.toBe(mine.body.trueplayUserId);
    // Replaying operator 1's own transaction with operator 1's body is still a duplicate there, not a conflict.
    expect((await tp.play('owner', 'owner-bet', 'BET', 10)).duplicate).toBe(true);
    const ownDeposit = { operatorUserId: 'owner', transactionId: 'shared-dep', amount: 5, currency: 'USD' };
    expect((await tp.api('POST', '/api/v1/deposits', ownDeposit)).body.awards).toEqual([{ campaignId, tokenAmount: 5 }]);
    expect((await tp.api('POST', '/api/v1/deposits', ownDeposit, { apiKey: second.apiKey })).body).toMatchObject({ duplicate: false, awards: [] });
    // Each operator's player earns Play to Earn (0.1 %) on its own bets only: 10 → 0.01 here, 999 → 1 there.
    expect(await tp.tokens('owner')).toBe(5.01);
    expect(await tp.tokens('owner', second.apiKey)).toBe(1);
  });
});
