/**
 * Campaign types TOKEN_PURCHASE and CUSTOM (reference §2f): a purchase bonus of `percent` of the tokens a participant
 * buys, once per purchase and only after the operator answered the DEBIT; a CUSTOM campaign's `tokens` to named
 * users through POST /sandbox/campaigns/{id}/awards, once per user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorShape, startTrueplay, type Harness } from './support/harness.js';

describe('TOKEN_PURCHASE and CUSTOM campaigns', () => {
  let tp: Harness;
  beforeAll(async () => {
    // Purchases need the fake wallet, which serves the demo operator; no bets here, so Play to Earn stays as it is.
    tp = await startTrueplay();
  });
  afterAll(() => tp.close());

  /** The player's loyalty page, visited once (which creates the user). */
  async function page(operatorUserId: string): Promise<string> {
    const link = await tp.api('GET', `/api/v1/loyalty-page?operatorUserId=${operatorUserId}`);
    const path = new URL(link.body.url).pathname;
    expect((await tp.control('GET', `${path}/state`)).status).toBe(200);
    return path;
  }

  it('pays a participant percent of each purchase, once, after the DEBIT succeeded; not a refused one, not a non-participant', async () => {
    const bonus = await tp.campaign({ type: 'TOKEN_PURCHASE', percent: 12.5 });
    expect(bonus).toMatchObject({ type: 'TOKEN_PURCHASE', percent: 12.5, tokens: null });
    for (const p of ['buyer', 'outsider']) await tp.wallet('POST', '/sandbox/players', { operatorUserId: p, balance: 1000, currency: 'USD' });
    const buyer = await page('buyer');
    const outsider = await page('outsider');
    expect((await tp.api('POST', `/api/v1/campaigns/${bonus.id}/participants`, { operatorUserIds: ['buyer'] })).status).toBe(200);

    expect((await tp.control('POST', `${buyer}/purchase`, { tokenAmount: 40 })).status).toBe(200);
    expect(await tp.tokens('buyer')).toBe(45); // 40 + 12.5 % = 5
    expect((await tp.control('POST', `${buyer}/purchase`, { tokenAmount: 0.1 })).status).toBe(200);
    expect(await tp.tokens('buyer')).toBe(45.11); // 0.0125 → 0.01, half-up
    await tp.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', status: 400, times: 1 });
    expect((await tp.control('POST', `${buyer}/purchase`, { tokenAmount: 100 })).status).toBe(400);
    expect(await tp.tokens('buyer')).toBe(45.11);
    expect((await tp.control('POST', `${outsider}/purchase`, { tokenAmount: 40 })).status).toBe(200);
    expect(await tp.tokens('outsider')).toBe(40);

    const state = (await tp.control('GET', `${buyer}/state`)).body;
    expect(state.campaigns.map((c: { type: string }) => c.type)).toEqual(['TOKEN_PURCHASE']);
    expect(state.history.filter((h: { kind: string }) => h.kind === 'AWARD').map((h: { campaignType: string; tokenAmount: number }) => [h.campaignType, h.tokenAmount]))
      .toEqual([['TOKEN_PURCHASE', 0.01], ['TOKEN_PURCHASE', 5]]);
    await tp.control('PATCH', `/sandbox/campaigns/${bonus.id}`, { status: 'DEACTIVATED' });
  });

  it('pays a purchase left pending its bonus once the operator finally answers 2xx', async () => {
    const bonus = await tp.campaign({ type: 'TOKEN_PURCHASE', percent: 10 });
    await tp.wallet('POST', '/sandbox/players', { operatorUserId: 'patient', balance: 1000, currency: 'USD' });
    const patient = await page('patient');
    expect((await tp.api('POST', `/api/v1/campaigns/${bonus.id}/participants`, { operatorUserIds: ['patient'] })).status).toBe(200);
    await tp.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', status: 503, times: 10 });
    expect((await tp.control('POST', `${patient}/purchase`, { tokenAmount: 20 })).status).toBe(202);
    expect(await tp.tokens('patient')).toBe(0);
    await tp.wallet('DELETE', '/sandbox/faults');
    await tp.trueplay.retryPendingExchanges();
    await tp.trueplay.retryPendingExchanges();
    expect(await tp.tokens('patient')).toBe(22);
    await tp.control('PATCH', `/sandbox/campaigns/${bonus.id}`, { status: 'DEACTIVATED' });
  });

  it('awards a CUSTOM campaign to named users once each, enrolling them, up to maxUsers', async () => {
    const custom = await tp.campaign({ type: 'CUSTOM', tokens: 25, maxUsers: 3 });
    for (const user of ['c1', 'c2', 'c3', 'c4']) await tp.api('POST', '/api/v1/users', { operatorUserId: user });
    const first = await tp.control('POST', `/sandbox/campaigns/${custom.id}/awards`, { operatorUserIds: ['c1', 'c2', 'c1'] });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ awarded: ['c1', 'c2'], alreadyAwarded: [], refused: [], tokenAmount: 25 });
    const again = await tp.control('POST', `/sandbox/campaigns/${custom.id}/awards`, { operatorUserIds: ['c2', 'c3', 'c4'] });
    expect(again.body).toEqual({ awarded: ['c3'], alreadyAwarded: ['c2'], refused: ['c4'], tokenAmount: 25 });
    expect([await tp.tokens('c1'), await tp.tokens('c2'), await tp.tokens('c3'), await tp.tokens('c4')]).toEqual([25, 25, 25, 0]);
    // The third participant filled it: EXPIRED, as assignment does.
    expect((await tp.control('GET', '/sandbox/campaigns')).body.items.find((c: { id: number }) => c.id === custom.id).status).toBe('EXPIRED');
  });

  it('refuses, changing nothing: unknown users, another type, a campaign not ACTIVE, a missing reward', async () => {
    const custom = await tp.campaign({ type: 'CUSTOM', tokens: 5 });
    const registration = await tp.campaign({ type: 'REGISTRATION', tokens: 1, status: 'DRAFT' });
    const draft = await tp.campaign({ type: 'CUSTOM', tokens: 5, status: 'DRAFT' });
    await tp.api('POST', '/api/v1/users', { operatorUserId: 'known' });
    const before = tp.snapshot();
    const cases: [string, unknown, number, string][] = [
      [`/sandbox/campaigns/${custom.id}/awards`, { operatorUserIds: ['known', 'nobody'] }, 404, 'USER_NOT_FOUND'],
      [`/sandbox/campaigns/${registration.id}/awards`, { operatorUserIds: ['known'] }, 409, 'CAMPAIGN_TYPE_MISMATCH'],
      [`/sandbox/campaigns/${draft.id}/awards`, { operatorUserIds: ['known'] }, 409, 'CAMPAIGN_NOT_ACTIVE'],
      ['/sandbox/campaigns/99999/awards', { operatorUserIds: ['known'] }, 404, 'CAMPAIGN_NOT_FOUND'],
      [`/sandbox/campaigns/${custom.id}/awards`, { operatorUserIds: [] }, 400, 'VALIDATION_ERROR'],
      ['/sandbox/campaigns', { operatorId: 1, name: 'x', type: 'CUSTOM' }, 400, 'VALIDATION_ERROR'],
      ['/sandbox/campaigns', { operatorId: 1, name: 'x', type: 'TOKEN_PURCHASE', tokens: 5 }, 400, 'VALIDATION_ERROR'],
    ];
    for (const [path, body, status, code] of cases) {
      const response = await tp.control('POST', path, body);
      expect(response.status, path).toBe(status);
      expectErrorShape(response, path);
      expect(response.body.error.code, path).toBe(code);
    }
    expect(tp.snapshot()).toBe(before);
  });
});
