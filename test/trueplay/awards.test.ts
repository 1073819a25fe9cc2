/** Registration, KYC and deposit awards (§2c), and users created by their first sight (§2a). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshSandbox } from '../support/sandbox.js';
import { aMonday, startTrueplay, type Harness } from './support/harness.js';

describe('awards', () => {
  let tp: Harness;

  beforeAll(async () => {
    tp = await startTrueplay({ playToEarnPercent: 0 }); // about awards, not Play to Earn
  });
  afterAll(() => tp.close());
  beforeEach(async () => {
    await freshSandbox(tp, { now: aMonday() });
  });

  /** GETs the loyalty page link and visits it, as the casino's iframe would. */
  async function visitLoyaltyPage(operatorUserId: string) {
    const link = await tp.api('GET', `/api/v1/loyalty-page?operatorUserId=${encodeURIComponent(operatorUserId)}`);
    expect(link.status).toBe(200);
    const page = await fetch(link.body.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    await page.text();
    return link.body.url as string;
  }

  describe('registration', () => {
    beforeEach(async () => {
      await tp.campaign({ type: 'REGISTRATION', tokens: 100 });
    });

    it('pays once for a user first seen by /accept, then visiting the page, then Create User', async () => {
      await tp.play('by-bet', 'r1', 'BET', 5);
      expect(await tp.tokens('by-bet')).toBe(100);
      await visitLoyaltyPage('by-bet');
      const created = await tp.api('POST', '/api/v1/users', { operatorUserId: 'by-bet' });
      expect(created.status).toBe(200);
      expect(created.body.tokenBalance).toBe(100);
      await tp.play('by-bet', 'r2', 'BET', 5);
      expect(await tp.tokens('by-bet')).toBe(100);
    });

    it('pays once for a user first seen on the loyalty page, and asking for the link creates nobody', async () => {
      const link = await tp.api('GET', '/api/v1/loyalty-page?operatorUserId=by-page&lang=eng');
      expect(link.status).toBe(200);
      expect(link.body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/loyalty\//);
      expect(await tp.tokens('by-page')).toBeNull();
      const state = await tp.control('GET', `${new URL(link.body.url).pathname}/state`);
      expect(state.status).toBe(200);
      expect(state.body).toMatchObject({ operatorUserId: 'by-page', tokenBalance: 100, lang: 'EN' });
      await visitLoyaltyPage('by-page');
      await tp.play('by-page', 'p1', 'BET', 5);
      expect((await tp.api('POST', '/api/v1/users', { operatorUserId: 'by-page' })).status).toBe(200);
      expect(await tp.tokens('by-page')).toBe(100);
    });

    it('pays once for a user created by Create User (201, then 200 unchanged)', async () => {
      const created = await tp.api('POST', '/api/v1/users', { operatorUserId: 'by-create', currency: 'USD', country: 'DE' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ operatorUserId: 'by-create', kyc: false, currency: 'USD', country: 'DE', tokenBalance: 100 });
      const again = await tp.api('POST', '/api/v1/users', { operatorUserId: 'by-create', kyc: true, country: 'FR' });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(created.body);
      await tp.play('by-create', 'c1', 'BET', 5);
      await visitLoyaltyPage('by-create');
      expect(await tp.tokens('by-create')).toBe(100);
    });

    it('enrols the user in the campaign it paid from', async () => {
      const [campaign] = (await tp.api('GET', '/api/v1/campaigns')).body.items;
      await tp.play('member', 'm1', 'BET', 1);
      const page = await tp.api('GET', `/api/v1/campaigns/${campaign.id}/participants`);
      expect(page.body).toMatchObject({ total: 1, limit: 50, offset: 0, items: [{ operatorUserId: 'member' }] });
    });

    it('pays nothing from a campaign that is not ACTIVE or has not started', async () => {
      await tp.control('POST', '/sandbox/reset');
      const now = aMonday();
      await tp.setClock(now);
      await tp.campaign({ type: 'REGISTRATION', tokens: 5, status: 'DRAFT' });
      await tp.campaign({ type: 'REGISTRATION', tokens: 7, startsAt: new Date(now + 3_600_000).toISOString() });
      await tp.play('early', 'e1', 'BET', 1);
      expect(await tp.tokens('early')).toBe(0);
    });
  });

  describe('KYC', () => {
    beforeEach(async () => {
      await tp.campaign({ type: 'KYC', tokens: 50 });
    });

    it('pays once on false→true; true→true is a no-op; true→false is 400 KYC_IRREVERSIBLE', async () => {
      await tp.play('kyc-user', 'k1', 'BET', 1);
      const passed = await tp.api('PATCH', '/api/v1/users/kyc-user', { kyc: true });
      expect(passed.status).toBe(200);
      expect(passed.body).toMatchObject({ kyc: true, tokenBalance: 50 });
      const again = await tp.api('PATCH', '/api/v1/users/kyc-user', { kyc: true });
      expect(again.status).toBe(200);
      expect(again.body.tokenBalance).toBe(50);
      const back = await tp.api('PATCH', '/api/v1/users/kyc-user', { kyc: false });
      expect(back.status).toBe(400);
      expect(back.body.error.code).toBe('KYC_IRREVERSIBLE');
      expect((await tp.api('PATCH', '/api/v1/users/kyc-user', { kyc: true })).body).toMatchObject({ kyc: true, tokenBalance: 50 });
    });

    it('false→false changes nothing and pays nothing', async () => {
      await tp.play('not-yet', 'n1', 'BET', 1);
      const stay = await tp.api('PATCH', '/api/v1/users/not-yet', { kyc: false });
      expect(stay.status).toBe(200);
      expect(stay.body).toMatchObject({ kyc: false, tokenBalance: 0 });
    });

    it('Create User with kyc: true counts as the first false→true', async () => {
      const created = await tp.api('POST', '/api/v1/users', { operatorUserId: 'born-verified', kyc: true });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ kyc: true, tokenBalance: 50 });
      expect((await tp.api('PATCH', '/api/v1/users/born-verified', { kyc: true })).body.tokenBalance).toBe(50);
    });

    it('an unknown user is 404 USER_NOT_FOUND', async () => {
      const response = await tp.api('PATCH', '/api/v1/users/nobody', { kyc: true });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('USER_NOT_FOUND');
    });
  });

  it("the loyalty page's history lists awards newest first", async () => {
    const registration = await tp.campaign({ type: 'REGISTRATION', tokens: 1 });
    const kyc = await tp.campaign({ type: 'KYC', tokens: 2 });
    const deposit = await tp.campaign({ type: 'DEPOSIT', tokens: 3 });
    await tp.play('historian', 'h1', 'BET', 1);
    await tp.advance('PT1M');
    await tp.api('PATCH', '/api/v1/users/historian', { kyc: true });
    await tp.api('POST', `/api/v1/campaigns/${deposit.id}/participants`, { operatorUserIds: ['historian'] });
    await tp.api('POST', '/api/v1/deposits', { operatorUserId: 'historian', transactionId: 'hd', amount: 1, currency: 'USD' });
    const link = await tp.api('GET', '/api/v1/loyalty-page?operatorUserId=historian');
    const state = await tp.control('GET', `${new URL(link.body.url).pathname}/state`);
    expect(state.body.history.map((h: { campaignId: number; tokenAmount: number }) => [h.campaignId, h.tokenAmount])).toEqual([
      [deposit.id, 3],
      [kyc.id, 2],
      [registration.id, 1],
    ]);
    expect(state.body.tokenBalance).toBe(6);
  });

  describe('deposits', () => {
    it('pays participants of ACTIVE DEPOSIT campaigns only: fixed tokens, and percent at the token rate', async () => {
      const euro = await tp.operator({ currency: 'EUR', exchangeRate: 0.5 });
      const fixed = await tp.campaign({ operatorId: euro.operatorId, type: 'DEPOSIT', tokens: 20 });
      const percent = await tp.campaign({ operatorId: euro.operatorId, type: 'DEPOSIT', percent: 10 });
      const paused = await tp.campaign({ operatorId: euro.operatorId, type: 'DEPOSIT', tokens: 999 });
      for (const user of ['in', 'out']) {
        expect((await tp.api('POST', '/api/v1/users', { operatorUserId: user }, { apiKey: euro.apiKey })).status).toBe(201);
      }
      for (const campaign of [fixed, percent, paused]) {
        const assigned = await tp.api('POST', `/api/v1/campaigns/${campaign.id}/participants`, { operatorUserIds: ['in'] }, { apiKey: euro.apiKey });
        expect(assigned.body).toEqual({ added: ['in'], alreadyPresent: [], refused: [] });
      }
      expect((await tp.control('PATCH', `/sandbox/campaigns/${paused.id}`, { status: 'DEACTIVATED' })).body.status).toBe('DEACTIVATED');

      const deposit = { transactionId: 'd-in', amount: 200, currency: 'EUR' };
      const paid = await tp.api('POST', '/api/v1/deposits', { operatorUserId: 'in', ...deposit }, { apiKey: euro.apiKey });
      expect(paid.status).toBe(200);
      // 10 % of 200 EUR = 20 EUR = 40 tokens at 0.5 EUR per token.
      expect(paid.body).toEqual({
        status: 'OK',
        transactionId: 'd-in',
        duplicate: false,
        awards: [
          { campaignId: fixed.id, tokenAmount: 20 },
          { campaignId: percent.id, tokenAmount: 40 },
        ],
      });
      expect(await tp.tokens('in', euro.apiKey)).toBe(60);

      const unpaid = await tp.api('POST', '/api/v1/deposits', { operatorUserId: 'out', ...deposit, transactionId: 'd-out' }, { apiKey: euro.apiKey });
      expect(unpaid.body.awards).toEqual([]);
      expect(await tp.tokens('out', euro.apiKey)).toBe(0);
    });

    it('a deposit of an unknown user is 404 USER_NOT_FOUND and is not remembered', async () => {
      const body = { operatorUserId: 'ghost', transactionId: 'g1', amount: 10, currency: 'USD' };
      const missing = await tp.api('POST', '/api/v1/deposits', body);
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('USER_NOT_FOUND');
      await tp.play('ghost', 'g-bet', 'BET', 1);
      expect((await tp.api('POST', '/api/v1/deposits', body)).body.duplicate).toBe(false);
    });
  });
});
