/** Campaign lifecycle over the wire: maxUsers and endsAt expiry, participants, and the control API's status moves. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshSandbox } from '../support/sandbox.js';
import { HOUR, aMonday, iso, startTrueplay, type Harness } from './support/harness.js';

describe('campaigns', () => {
  let tp: Harness;
  let monday: number;

  beforeAll(async () => {
    tp = await startTrueplay();
  });
  afterAll(() => tp.close());
  beforeEach(async () => {
    monday = aMonday();
    await freshSandbox(tp, { now: monday });
  });

  async function users(...ids: string[]) {
    for (const id of ids) expect((await tp.api('POST', '/api/v1/users', { operatorUserId: id })).status).toBe(201);
  }
  const assign = (campaignId: number, operatorUserIds: string[]) =>
    tp.api('POST', `/api/v1/campaigns/${campaignId}/participants`, { operatorUserIds });

  it('reaching maxUsers refuses the rest and expires the campaign; the next assign is 409 CAMPAIGN_NOT_ACTIVE', async () => {
    await users('u1', 'u2', 'u3', 'u4');
    const campaign = await tp.campaign({ type: 'DEPOSIT', tokens: 5, maxUsers: 2 });
    const first = await assign(campaign.id, ['u1', 'u2', 'u3']);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ added: ['u1', 'u2'], alreadyPresent: [], refused: ['u3'] });

    const expired = await tp.api('GET', '/api/v1/campaigns?status=EXPIRED');
    expect(expired.body.items).toEqual([expect.objectContaining({ id: campaign.id, status: 'EXPIRED', participantCount: 2, maxUsers: 2 })]);
    expect((await tp.api('GET', '/api/v1/campaigns')).body.items).toEqual([]);

    const next = await assign(campaign.id, ['u4']);
    expect(next.status).toBe(409);
    expect(next.body.error.code).toBe('CAMPAIGN_NOT_ACTIVE');
    expect((await tp.api('GET', `/api/v1/campaigns/${campaign.id}/participants`)).body.total).toBe(2);
  });

  it('a REGISTRATION campaign with maxUsers 1 pays the first user only, then is EXPIRED', async () => {
    const campaign = await tp.campaign({ type: 'REGISTRATION', tokens: 10, maxUsers: 1 });
    await tp.play('first', 'f1', 'BET', 1);
    await tp.play('second', 's1', 'BET', 1);
    expect(await tp.tokens('first')).toBe(10);
    expect(await tp.tokens('second')).toBe(0);
    const all = await tp.control('GET', '/sandbox/campaigns?operatorId=1');
    expect(all.body.items).toEqual([expect.objectContaining({ id: campaign.id, status: 'EXPIRED', participantCount: 1 })]);
  });

  it('becomes EXPIRED when the sandbox clock passes endsAt', async () => {
    await users('late');
    const campaign = await tp.campaign({ type: 'DEPOSIT', tokens: 5, endsAt: iso(monday + HOUR) });
    expect((await tp.api('GET', '/api/v1/campaigns')).body.items.map((c: { id: number }) => c.id)).toEqual([campaign.id]);
    await tp.advance('PT2H');
    expect((await tp.api('GET', '/api/v1/campaigns?status=EXPIRED')).body.items).toEqual([expect.objectContaining({ id: campaign.id, status: 'EXPIRED' })]);
    const refused = await assign(campaign.id, ['late']);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CAMPAIGN_NOT_ACTIVE');
  });

  it('assigning is all-or-nothing on unknown users (404 with one detail per unknown id)', async () => {
    await users('known');
    const campaign = await tp.campaign({ type: 'DEPOSIT', tokens: 5 });
    const response = await assign(campaign.id, ['known', 'nope', 'nada']);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('USER_NOT_FOUND');
    expect(response.body.error.details).toEqual([
      { path: '/body/operatorUserIds/1', message: expect.stringContaining('nope') },
      { path: '/body/operatorUserIds/2', message: expect.stringContaining('nada') },
    ]);
    expect((await tp.api('GET', `/api/v1/campaigns/${campaign.id}/participants`)).body.total).toBe(0);
  });

  it('reports present users and counts a repeated id once', async () => {
    await users('a', 'b');
    const campaign = await tp.campaign({ type: 'DEPOSIT', tokens: 5 });
    await assign(campaign.id, ['a']);
    expect((await assign(campaign.id, ['a', 'b', 'b'])).body).toEqual({ added: ['b'], alreadyPresent: ['a'], refused: [] });
  });

  it('pages participants in the order they were added, and removes one (204, then 404)', async () => {
    await users('p1', 'p2', 'p3');
    const campaign = await tp.campaign({ type: 'DEPOSIT', tokens: 5 });
    await assign(campaign.id, ['p1']);
    await tp.advance('PT1M');
    await assign(campaign.id, ['p3', 'p2']);
    const page = await tp.api('GET', `/api/v1/campaigns/${campaign.id}/participants?limit=2&offset=1`);
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(page.body.items.map((p: { operatorUserId: string }) => p.operatorUserId)).toEqual(['p3', 'p2']);

    expect((await tp.api('DELETE', `/api/v1/campaigns/${campaign.id}/participants/p3`)).status).toBe(204);
    const gone = await tp.api('DELETE', `/api/v1/campaigns/${campaign.id}/participants/p3`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('USER_NOT_FOUND');
    expect((await tp.api('GET', `/api/v1/campaigns/${campaign.id}/participants`)).body.total).toBe(2);
  });

  it('the control API moves statuses, and a DELETED campaign stays deleted (409)', async () => {
    const campaign = await tp.campaign({ type: 'DEPOSIT', tokens: 5, status: 'DRAFT' });
    expect(campaign.status).toBe('DRAFT');
    for (const status of ['ACTIVE', 'DEACTIVATED', 'ACTIVE', 'DELETED']) {
      const moved = await tp.control('PATCH', `/sandbox/campaigns/${campaign.id}`, { status });
      expect(moved.status).toBe(200);
      expect(moved.body.status).toBe(status);
    }
    const revived = await tp.control('PATCH', `/sandbox/campaigns/${campaign.id}`, { status: 'ACTIVE' });
    expect(revived.status).toBe(409);
    expect(revived.body.error.code).toBe('INVALID_STATUS_TRANSITION');
    expect((await tp.control('PATCH', '/sandbox/campaigns/999', { status: 'ACTIVE' })).status).toBe(404);
  });

  it('creating a campaign checks what its type needs, its dates and its operator', async () => {
    const cases: [Record<string, unknown>, number][] = [
      [{ type: 'REGISTRATION' }, 400],
      [{ type: 'REGISTRATION', tokens: 1, percent: 5 }, 400],
      [{ type: 'DEPOSIT', tokens: 1, percent: 5 }, 400],
      [{ type: 'DEPOSIT', tokens: 1, period: 'DAILY' }, 400],
      [{ type: 'CASHBACK', tokens: 1 }, 400],
      [{ type: 'CASHBACK', percent: 101 }, 400],
      [{ type: 'KYC', tokens: 1.005 }, 400],
      [{ type: 'KYC', tokens: 1, startsAt: iso(monday + HOUR), endsAt: iso(monday + HOUR) }, 400],
      [{ type: 'KYC', tokens: 1, operatorId: 99 }, 404],
      [{ type: 'KYC', tokens: 1, maxUsers: 0 }, 400],
    ];
    for (const [body, status] of cases) {
      const response = await tp.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'x', ...body });
      expect(response.status, JSON.stringify(body)).toBe(status);
    }
    expect((await tp.control('GET', '/sandbox/campaigns')).body.items).toEqual([]);
    const cashback = await tp.campaign({ type: 'CASHBACK', percent: 2.5 });
    expect(cashback).toMatchObject({ period: 'DAILY', tokens: null, percent: 2.5, startsAt: iso(monday), endsAt: null, maxUsers: null });
  });
});
