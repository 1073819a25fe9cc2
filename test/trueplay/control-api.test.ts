/** The sandbox control API (§2d): reset, the clock, and the journal with its filters. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshSandbox } from '../support/sandbox.js';
import { DAY, HOUR, aMonday, iso, startTrueplay, type Harness } from './support/harness.js';

describe('control API', () => {
  let tp: Harness;

  beforeAll(async () => {
    tp = await startTrueplay();
  });
  afterAll(() => tp.close());
  beforeEach(async () => {
    await freshSandbox(tp);
  });

  describe('reset', () => {
    it('returns to the demo operator alone: no users, campaigns or journal, real-time clock', async () => {
      const fresh = tp.snapshot();
      const demo = (await tp.control('GET', '/sandbox/operators')).body.items;
      expect(demo).toEqual([expect.objectContaining({ operatorId: 1, apiKey: 'demo-api-key', secretKey: 'demo-secret-key', currency: 'USD', exchangeRate: 1, enabled: true })]);

      await tp.setClock(aMonday());
      const other = await tp.operator();
      await tp.campaign({ type: 'REGISTRATION', tokens: 10 });
      await tp.campaign({ operatorId: other.operatorId, type: 'CASHBACK', percent: 5 });
      await tp.play('someone', 's1', 'BET', 10);
      await tp.play('someone', 's1', 'BET', 10, {}, other.apiKey);
      await tp.control('PATCH', '/sandbox/operators/1', { enabled: false });
      expect(tp.snapshot()).not.toBe(fresh);

      const reset = await tp.control('POST', '/sandbox/reset');
      expect(reset.status).toBe(204);
      expect(reset.text).toBe('');
      expect((await tp.control('GET', '/sandbox/operators')).body.items).toEqual([{ ...demo[0], createdAt: expect.any(String) }]);
      expect((await tp.control('GET', '/sandbox/campaigns')).body.items).toEqual([]);
      // The journal starts again, with the reset itself.
      expect((await tp.control('GET', '/sandbox/journal')).body.items).toEqual([expect.objectContaining({ direction: 'control', method: 'POST', path: '/sandbox/reset', status: 204 })]);
      expect((await tp.control('GET', '/sandbox/clock')).body.frozen).toBe(false);
      expect(await tp.tokens('someone')).toBeNull();
      expect((await tp.api('GET', '/api/v1/campaigns', undefined, { apiKey: other.apiKey })).status).toBe(401);
      // Ids start again from 1, as right after start.
      expect((await tp.campaign({ type: 'KYC', tokens: 1 })).id).toBe(1);
    });
  });

  describe('operators', () => {
    it('generates keys when not given, applies the defaults, and refuses a taken apiKey with 409', async () => {
      const first = await tp.operator({ name: 'Defaults' });
      const second = await tp.operator({ name: 'Defaults too' });
      expect(first).toMatchObject({
        operatorId: 2,
        currency: 'USD',
        exchangeRate: 1,
        withdrawalFeePercent: 1,
        purchaseFeePercent: 0,
        callbackBaseUrl: tp.walletUrl, // the fake wallet started alongside
        balancePath: '/trueplay/balance',
        tokenExchangePath: '/trueplay/token-exchange',
        playerEventPath: '/player-event',
        playerEventsEnabled: false,
        enabled: true,
      });
      expect(first.apiKey).not.toBe(second.apiKey);
      expect((first as unknown as { secretKey: string }).secretKey).not.toBe((second as unknown as { secretKey: string }).secretKey);

      const named = await tp.operator({ name: 'Named', apiKey: 'euro-key', callbackBaseUrl: 'http://127.0.0.1:9/base/' });
      expect(named).toMatchObject({ apiKey: 'euro-key', callbackBaseUrl: 'http://127.0.0.1:9/base' });
      for (const apiKey of ['euro-key', 'demo-api-key']) {
        const taken = await tp.control('POST', '/sandbox/operators', { name: 'Copycat', apiKey });
        expect(taken.status).toBe(409);
        expect(taken.body.error.code).toBe('API_KEY_TAKEN');
      }
      expect((await tp.control('GET', '/sandbox/operators')).body.items.map((o: { operatorId: number }) => o.operatorId)).toEqual([1, 2, 3, 4]);
    });

    it('hands out loyalty links in the languages of the page (case-insensitive, ENG is EN) and refuses others', async () => {
      const lang = async (query: string) => {
        const link = await tp.api('GET', `/api/v1/loyalty-page?operatorUserId=polyglot${query}`);
        if (link.status !== 200) return link.status;
        return (await tp.control('GET', `${new URL(link.body.url).pathname}/state`)).body.lang;
      };
      expect(await lang('')).toBe('EN');
      expect(await lang('&lang=ENG')).toBe('EN');
      expect(await lang('&lang=de')).toBe('DE');
      expect(await lang('&lang=Tr')).toBe('TR');
      expect(await lang('&lang=XX')).toBe(400);
      expect(await lang('&lang=GER')).toBe(400);
    });
  });

  describe('clock', () => {
    it('follows real time until set, then stays where it is put', async () => {
      const real = await tp.control('GET', '/sandbox/clock');
      expect(real.body.frozen).toBe(false);
      expect(Math.abs(Date.parse(real.body.now) - Date.now())).toBeLessThan(60_000);

      const monday = aMonday();
      expect(await tp.setClock(monday)).toEqual({ now: iso(monday), frozen: true, settled: [] });
      expect((await tp.control('GET', '/sandbox/clock')).body).toEqual({ now: iso(monday), frozen: true });
      expect((await tp.advance('P1DT2H30M')).now).toBe(iso(monday + DAY + 2.5 * HOUR));
      expect((await tp.advance('P1W')).now).toBe(iso(monday + 8 * DAY + 2.5 * HOUR));
    });

    it('takes any instant on a fresh sandbox, past or future, and moves back freely while no game data exists', async () => {
      for (const now of ['2026-03-02T09:00:00.000Z', '2019-07-01T00:00:00.000Z', '2031-01-01T00:00:00.000Z', '2026-01-05T00:00:00.000Z']) {
        expect((await tp.control('POST', '/sandbox/clock', { now })).body).toEqual({ now, frozen: true, settled: [] });
      }
      // Campaigns and users are not game data: the clock may still go back before them.
      await tp.campaign({ type: 'REGISTRATION', tokens: 10 });
      expect((await tp.control('POST', '/sandbox/clock', { now: '2025-06-01T00:00:00.000Z' })).status).toBe(200);
    });

    it('refuses an instant before the newest stored game data with 400 CLOCK_BACKWARDS naming the earliest allowed and the reset', async () => {
      const monday = aMonday();
      await tp.setClock(monday + HOUR);
      expect((await tp.play('clock-player', 'clock-tx-1', 'BET', 10)).status).toBe('OK');
      // Back before the bet: refused, nothing moves.
      const before = tp.snapshot();
      const back = await tp.control('POST', '/sandbox/clock', { now: iso(monday + HOUR - 1) });
      expect(back.status).toBe(400);
      expect(back.body.error.code).toBe('CLOCK_BACKWARDS');
      expect(back.body.error.message).toContain(iso(monday + HOUR));
      expect(back.body.error.message).toContain('POST /sandbox/reset');
      expect(tp.snapshot()).toBe(before);
      expect((await tp.control('GET', '/sandbox/clock')).body.now).toBe(iso(monday + HOUR));
      // Exactly at the newest event, and anywhere after it, is allowed.
      expect((await tp.control('POST', '/sandbox/clock', { now: iso(monday + HOUR) })).status).toBe(200);
      // A settled cashback period counts too: after settling a day, the clock cannot go back into it.
      await tp.campaign({ type: 'CASHBACK', percent: 10 });
      await tp.setClock(monday + 3 * DAY);
      const intoSettled = await tp.control('POST', '/sandbox/clock', { now: iso(monday + DAY + HOUR) });
      expect(intoSettled.status).toBe(400);
      expect(intoSettled.body.error.message).toContain(iso(monday + 3 * DAY));
      // Reset lifts it.
      await tp.control('POST', '/sandbox/reset');
      expect((await tp.control('POST', '/sandbox/clock', { now: iso(monday) })).status).toBe(200);
    });

    it('dates a game transaction that does not count yet by its arrival, and a counted one by when it was counted', async () => {
      const monday = aMonday();
      const refusedAt = async (now: number) => (await tp.control('POST', '/sandbox/clock', { now: iso(now) })).status;
      // A sportsbook bet counts only once its win arrives: until then, its arrival is the newest game data.
      await tp.setClock(monday + HOUR);
      expect((await tp.play('clock-bettor', 'clock-sports-bet', 'BET', 10, { gameType: 'Sportsbook' })).status).toBe('OK');
      expect(await refusedAt(monday + HOUR - 1)).toBe(400);
      // Its win, two hours later, counts it then: the floor moves to the win.
      await tp.setClock(monday + 3 * HOUR);
      expect((await tp.play('clock-bettor', 'clock-sports-win', 'WIN', 0, { gameType: 'Sportsbook', referenceTransactionId: 'clock-sports-bet' })).status).toBe('OK');
      expect(await refusedAt(monday + 3 * HOUR - 1)).toBe(400);
      // A rollback never counts; its arrival is game data all the same.
      await tp.setClock(monday + 5 * HOUR);
      expect((await tp.play('clock-bettor', 'clock-rollback', 'ROLLBACK', 10, { referenceTransactionId: 'clock-sports-bet' })).status).toBe('OK');
      expect(await refusedAt(monday + 5 * HOUR - 1)).toBe(400);
      expect(await refusedAt(monday + 5 * HOUR)).toBe(200);
    });

    it('refuses real time when it is before the newest stored game data', async () => {
      const future = Date.UTC(2031, 0, 6);
      await tp.setClock(future);
      expect((await tp.play('clock-player', 'clock-tx-2', 'BET', 10)).status).toBe('OK');
      const real = await tp.control('POST', '/sandbox/clock', { realTime: true });
      expect(real.status).toBe(400);
      expect(real.body.error.code).toBe('CLOCK_BACKWARDS');
      expect(real.body.error.message).toContain(iso(future));
      expect((await tp.control('GET', '/sandbox/clock')).body).toEqual({ now: iso(future), frozen: true });
    });

    it('returns to real time when real time has caught up', async () => {
      await tp.advance('PT0S'); // frozen at real now
      const back = await tp.control('POST', '/sandbox/clock', { realTime: true });
      expect(back.status).toBe(200);
      expect(back.body.frozen).toBe(false);
    });

    it('reads every date-time form the contract admits, and refuses what it cannot represent with 400', async () => {
      const monday = aMonday();
      const day = iso(monday).slice(0, 10);
      expect((await tp.control('POST', '/sandbox/clock', { now: `${day}T01:00:00+01` })).body.now).toBe(iso(monday));
      expect((await tp.control('POST', '/sandbox/clock', { now: `${day}t02:00:00z` })).body.now).toBe(iso(monday + 2 * HOUR));
      const before = tp.snapshot();
      for (const body of [{ now: `${day}T23:59:60Z` }, { now: '9999-12-31T23:59:59-05:00' }, { advance: 'P99999999999D' }, { advance: `P${'9'.repeat(400)}D` }]) {
        const response = await tp.control('POST', '/sandbox/clock', body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION_ERROR');
      }
      expect(tp.snapshot()).toBe(before);
      expect((await tp.control('GET', '/sandbox/clock')).body.now).toBe(iso(monday + 2 * HOUR));
    });

    it('a loyalty page link expires with the sandbox clock', async () => {
      await tp.setClock(aMonday());
      const link = await tp.api('GET', '/api/v1/loyalty-page?operatorUserId=clocked');
      const path = new URL(link.body.url).pathname;
      expect((await tp.control('GET', `${path}/state`)).status).toBe(200);
      await tp.advance('PT2H');
      const expired = await tp.control('GET', `${path}/state`);
      expect(expired.status).toBe(401);
      expect(expired.body.error.code).toBe('SESSION_EXPIRED');
    });
  });

  describe('journal', () => {
    beforeEach(async () => {
      await tp.setClock(aMonday());
      await tp.play('j1', 'j1-bet', 'BET', 10);
      await tp.api('GET', '/api/v1/users/j1/balance');
      await tp.api('GET', '/api/v1/users/j2/balance'); // 404
      await tp.api('GET', '/api/v1/loyalty-page?operatorUserId=j2&lang=de');
      await tp.api('POST', '/api/v1/accept', { operatorUserId: 'j1' }); // 400
      await tp.control('GET', '/sandbox/operators'); // control calls that only read are not journaled
    });

    it('records each call that may change state with direction, status, headers and parsed bodies, oldest first', async () => {
      const all = (await tp.control('GET', '/sandbox/journal')).body.items;
      expect(all.slice(0, 2).map((e: { direction: string; path: string; at: string }) => [e.direction, e.path, e.at])).toEqual([
        ['control', '/sandbox/reset', expect.any(String)],
        // A clock move is journaled at the sandbox time it moved from; every later call at the clock's time.
        ['control', '/sandbox/clock', expect.any(String)],
      ]);
      const items = all.slice(2);
      expect(items.every((e: { at: string; realAt: string }) => e.at === iso(aMonday()) && Math.abs(Date.parse(e.realAt) - Date.now()) < 60_000)).toBe(true);
      expect(items[3]).toMatchObject({ path: '/api/v1/loyalty-page', query: 'operatorUserId=j2&lang=de' });
      expect(items.map((e: { method: string; path: string; status: number }) => `${e.method} ${e.path} ${e.status}`)).toEqual([
        'POST /api/v1/accept 200',
        'GET /api/v1/users/j1/balance 200',
        'GET /api/v1/users/j2/balance 404',
        'GET /api/v1/loyalty-page 200',
        'POST /api/v1/accept 400',
      ]);
      const [accept] = items;
      expect(accept).toMatchObject({
        direction: 'operator->trueplay',
        requestBody: { operatorUserId: 'j1', transactionId: 'j1-bet', type: 'BET', amount: 10 },
        responseBody: { status: 'OK', transactionId: 'j1-bet', duplicate: false },
        operatorId: 1,
        operatorUserId: 'j1',
      });
      expect(accept.requestHeaders['x-api-key']).toBe('demo-api-key');
      expect(items[4].responseBody.error.code).toBe('VALIDATION_ERROR');
      expect(items.map((e: { id: number }) => e.id)).toEqual([...items.map((e: { id: number }) => e.id)].sort((a, b) => a - b));
    });

    it('filters by direction, path prefix, status and user; limit keeps the newest', async () => {
      const paths = async (query: string) =>
        (await tp.control('GET', `/sandbox/journal?${query}`)).body.items.map((e: { path: string; status: number }) => `${e.path} ${e.status}`);
      expect(await paths('direction=trueplay-%3Eoperator')).toEqual([]);
      expect((await paths('direction=operator-%3Etrueplay')).length).toBe(5);
      expect(await paths('path=/api/v1/users/')).toEqual(['/api/v1/users/j1/balance 200', '/api/v1/users/j2/balance 404']);
      expect(await paths('path=/api/v1/accept')).toEqual(['/api/v1/accept 200', '/api/v1/accept 400']);
      // "starts with" is literal: _ and % are not wildcards.
      expect(await paths('path=/api/v1/loyalty_page')).toEqual([]);
      expect(await paths('path=%2F%25')).toEqual([]);
      expect(await paths('status=404')).toEqual(['/api/v1/users/j2/balance 404']);
      expect(await paths('operatorUserId=j2')).toEqual(['/api/v1/users/j2/balance 404', '/api/v1/loyalty-page 200']);
      expect(await paths('limit=2')).toEqual(['/api/v1/loyalty-page 200', '/api/v1/accept 400']);
      expect(await paths('direction=control')).toEqual(['/sandbox/reset 204', '/sandbox/clock 200']);
      expect(await paths('operatorUserId=j1&status=200&limit=1')).toEqual(['/api/v1/users/j1/balance 200']);
    });
  });
});
