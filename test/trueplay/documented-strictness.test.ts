/**
 * Documented strictness (issue 16): what Trueplay's public docs call invalid is refused under the default
 * `validation: documented` and accepted with a warning under `lenient`; calls that look wrong are accepted with a
 * warning on their journal entry, and clean calls carry none.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gameTx } from '../support/game-transactions.js';
import { startTrueplay, type Harness } from './support/harness.js';

const AGGREGATOR_PAGE = 'https://docs.trueplay.io/tech/integration-for-the-game-aggregator';
const INTEGRATION_GUIDE = 'https://docs.trueplay.io/tech/loyalty-integration';

let tp: Harness;
let lenientKey: string;
let n = 0;
const id = (what: string) => `${what}-${++n}`;

beforeAll(async () => {
  tp = await startTrueplay();
  const lenient = await tp.operator({ name: 'Lenient casino', apiKey: 'lenient-key', validation: 'lenient' });
  lenientKey = lenient.apiKey;
});
afterAll(() => tp.close());

/** The newest journal entry: the call just made (control calls are not journaled). */
async function lastEntry() {
  const response = await tp.control('GET', '/sandbox/journal?limit=1');
  return response.body.items[0];
}
const warningCodes = async () => ((await lastEntry()).warnings as { code: string }[]).map((w) => w.code);

const accept = (body: unknown, apiKey?: string) => tp.api('POST', '/api/v1/accept', body, apiKey === undefined ? {} : { apiKey });
const without = (body: Record<string, unknown>, field: string) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== field));

describe('the operator setting', () => {
  it('defaults to documented, is shown, and is changed with PATCH /sandbox/operators/{id} without touching the rest', async () => {
    const created = await tp.operator({ name: 'Default casino' });
    expect(created).toMatchObject({ validation: 'documented', enabled: true });
    const patched = await tp.control('PATCH', `/sandbox/operators/${created.operatorId}`, { validation: 'lenient' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ validation: 'lenient', enabled: true, name: 'Default casino' });
    expect((await tp.control('PATCH', `/sandbox/operators/${created.operatorId}`, { validation: 'loose' })).status).toBe(400);
    expect((await tp.control('PATCH', `/sandbox/operators/${created.operatorId}`, {})).status).toBe(400);
  });
});

describe('documented fields of Send Game Transaction', () => {
  for (const field of ['referenceTransactionId', 'gameProvider', 'gameCode', 'gameName']) {
    it(`without ${field}: 400 quoting the rule under documented, 200 with DOCUMENTED_FIELD_MISSING under lenient`, async () => {
      const body = without(gameTx({ operatorUserId: id('fields'), transactionId: id('tx') }), field);
      const refused = await accept(body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_ERROR');
      expect(refused.body.error.message).toContain(field);
      expect(refused.body.error.message).toContain('requires all ten body fields');
      expect(refused.body.error.message).toContain(AGGREGATOR_PAGE);
      expect(await tp.tokens(body.operatorUserId as string)).toBeNull(); // refused: nobody was created

      const accepted = await accept(body, lenientKey);
      expect(accepted.status, accepted.text).toBe(200);
      const entry = await lastEntry();
      expect(entry.warnings).toHaveLength(1);
      expect(entry.warnings[0].code).toBe('DOCUMENTED_FIELD_MISSING');
      expect(entry.warnings[0].message).toContain(field);
    });
  }

  it('the six fields the sandbox counts with are required in both modes', async () => {
    for (const field of ['operatorUserId', 'transactionId', 'type', 'gameType', 'currency', 'amount']) {
      const body = without(gameTx({ operatorUserId: id('six'), transactionId: id('tx') }), field);
      expect((await accept(body)).status, field).toBe(400);
      expect((await accept(body, lenientKey)).status, field).toBe(400);
    }
  });

  it('extra fields are accepted (Trueplay\'s own examples send gamePublisher), and a full body carries no warning', async () => {
    const response = await accept(gameTx({ operatorUserId: id('extra'), transactionId: id('tx'), gamePublisher: 'Pragmatic Play' }));
    expect(response.status, response.text).toBe(200);
    expect(await warningCodes()).toEqual([]);
  });

  it('a ROLLBACK with a null reference is refused in both modes (a documented rule the sandbox needs)', async () => {
    const body = gameTx({ operatorUserId: id('rb'), transactionId: id('tx'), type: 'ROLLBACK' });
    expect((await accept(body)).status).toBe(400);
    expect((await accept(body, lenientKey)).status).toBe(400);
  });
});

describe('the sportsbook reference rule', () => {
  const sportsbook = { gameType: 'Sportsbook', gameProvider: 'betradar', gameCode: 'football', gameName: 'Football' };

  it('a Sportsbook WIN above 0 without a reference: 400 quoting the guide under documented; a warning under lenient', async () => {
    const user = id('sb');
    const win = gameTx({ operatorUserId: user, transactionId: id('win'), type: 'WIN', amount: 5, ...sportsbook });
    const refused = await accept(win);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_ERROR');
    expect(refused.body.error.message).toContain('must carry the id of the BET');
    expect(refused.body.error.message).toContain(INTEGRATION_GUIDE);

    expect((await accept(win, lenientKey)).status).toBe(200);
    expect(await warningCodes()).toEqual(['SPORTSBOOK_WIN_REFERENCE']);
  });

  it('a Sportsbook WIN whose reference is not a Sportsbook BET: 400 under documented, a warning under lenient', async () => {
    for (const [apiKey, expected] of [[undefined, 400], [lenientKey, 200]] as const) {
      const user = id('sb-ref');
      const slotBet = id('slot-bet');
      await tp.play(user, slotBet, 'BET', 10, {}, apiKey);
      const win = gameTx({ operatorUserId: user, transactionId: id('win'), type: 'WIN', amount: 5, referenceTransactionId: slotBet, ...sportsbook });
      const response = await accept(win, apiKey);
      expect(response.status, response.text).toBe(expected);
      if (expected === 400) expect(response.body.error.message).toContain('is a Slot BET, not a Sportsbook BET');
      else expect(await warningCodes()).toEqual(['SPORTSBOOK_WIN_REFERENCE']);
    }
  });

  it('an unknown reference, or another user\'s BET, is 404 REFERENCE_NOT_FOUND in both modes', async () => {
    for (const apiKey of [undefined, lenientKey]) {
      const owner = id('owner');
      const bet = id('sb-bet');
      await tp.play(owner, bet, 'BET', 10, sportsbook, apiKey);
      for (const reference of ['no-such-bet', bet]) {
        const win = gameTx({ operatorUserId: id('other'), transactionId: id('win'), type: 'WIN', amount: 5, referenceTransactionId: reference, ...sportsbook });
        const response = await accept(win, apiKey);
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('REFERENCE_NOT_FOUND');
      }
    }
  });

  it('a WIN referencing its Sportsbook BET, and a loss (WIN 0) without one, are accepted clean', async () => {
    const user = id('sb-ok');
    const bet = id('sb-bet');
    await tp.play(user, bet, 'BET', 10, sportsbook);
    await tp.play(user, id('win'), 'WIN', 15, { ...sportsbook, referenceTransactionId: bet });
    expect(await warningCodes()).toEqual([]);
    await tp.play(user, id('loss'), 'WIN', 0, sportsbook);
    expect(await warningCodes()).toEqual([]);
  });

  it('a retry of an accepted WIN is recognised before the rule is judged', async () => {
    const user = id('sb-retry');
    const win = gameTx({ operatorUserId: user, transactionId: id('win'), type: 'WIN', amount: 5, ...sportsbook });
    expect((await accept(win, lenientKey)).status).toBe(200);
    const replay = await accept(win, lenientKey);
    expect(replay.body.duplicate).toBe(true);
  });
});

describe('warnings', () => {
  beforeEach(() => {
    n += 100;
  });

  it('CURRENCY_MISMATCH: a transaction or a deposit in another currency than the operator\'s', async () => {
    const user = id('cur');
    await tp.play(user, id('tx'), 'BET', 10, { currency: 'EUR' });
    expect(await warningCodes()).toEqual(['CURRENCY_MISMATCH']);
    const deposit = await tp.api('POST', '/api/v1/deposits', { operatorUserId: user, transactionId: id('dep'), amount: 10, currency: 'EUR' });
    expect(deposit.status, deposit.text).toBe(200);
    expect(await warningCodes()).toEqual(['CURRENCY_MISMATCH']);
  });

  it('AMOUNT_PRECISION: more decimals than the currency\'s minor unit (USD 2, JPY 0), on /accept and /deposits', async () => {
    const user = id('dec');
    await tp.play(user, id('tx'), 'BET', 10.005);
    expect(await warningCodes()).toEqual(['AMOUNT_PRECISION']);
    await tp.api('POST', '/api/v1/deposits', { operatorUserId: user, transactionId: id('dep'), amount: 0.001, currency: 'USD' });
    expect(await warningCodes()).toEqual(['AMOUNT_PRECISION']);
    const yen = await tp.operator({ name: 'Yen casino', currency: 'JPY' });
    await tp.play(id('yen'), id('tx'), 'BET', 100.5, { currency: 'JPY' }, yen.apiKey);
    expect(await warningCodes()).toEqual(['AMOUNT_PRECISION']);
    await tp.play(id('yen'), id('tx'), 'BET', 100, { currency: 'JPY' }, yen.apiKey);
    expect(await warningCodes()).toEqual([]);
  });

  it('ROLLBACK_AMOUNT_MISMATCH: a ROLLBACK whose amount differs from its transaction', async () => {
    const user = id('rb');
    const bet = id('bet');
    await tp.play(user, bet, 'BET', 10);
    await tp.play(user, id('rb'), 'ROLLBACK', 5, { referenceTransactionId: bet });
    expect(await warningCodes()).toEqual(['ROLLBACK_AMOUNT_MISMATCH']);
    const other = id('bet');
    await tp.play(user, other, 'BET', 10);
    await tp.play(user, id('rb'), 'ROLLBACK', 10.0, { referenceTransactionId: other });
    expect(await warningCodes()).toEqual([]);
  });

  it('WIN_AFTER_ROLLBACK: a WIN referring to a rolled-back BET', async () => {
    const user = id('war');
    const bet = id('bet');
    await tp.play(user, bet, 'BET', 10);
    await tp.play(user, id('rb'), 'ROLLBACK', 10, { referenceTransactionId: bet });
    await tp.play(user, id('win'), 'WIN', 3, { referenceTransactionId: bet });
    expect(await warningCodes()).toEqual(['WIN_AFTER_ROLLBACK']);
  });

  it('SECOND_SPORTSBOOK_LOSS: a second WIN of 0 for one sportsbook BET', async () => {
    const user = id('loss');
    const bet = id('bet');
    const sportsbook = { gameType: 'Sportsbook' };
    await tp.play(user, bet, 'BET', 10, sportsbook);
    await tp.play(user, id('loss'), 'WIN', 0, { ...sportsbook, referenceTransactionId: bet });
    expect(await warningCodes()).toEqual([]);
    await tp.play(user, id('loss'), 'WIN', 0, { ...sportsbook, referenceTransactionId: bet });
    expect(await warningCodes()).toEqual(['SECOND_SPORTSBOOK_LOSS']);
  });

  it('a clean BET, WIN, ROLLBACK and deposit carry none, a refused call carries none, and ?warnings=true filters', async () => {
    const user = id('clean');
    const bet = id('bet');
    await tp.play(user, bet, 'BET', 10.5);
    expect(await warningCodes()).toEqual([]);
    await tp.play(user, id('win'), 'WIN', 3, { referenceTransactionId: bet });
    expect(await warningCodes()).toEqual([]);
    await tp.play(user, id('rb'), 'ROLLBACK', 10.5, { referenceTransactionId: bet });
    expect(await warningCodes()).toEqual([]);
    await tp.api('POST', '/api/v1/deposits', { operatorUserId: user, transactionId: id('dep'), amount: 25.1, currency: 'USD' });
    expect(await warningCodes()).toEqual([]);
    // Refused (a currency mismatch in a body with a missing field): the error is the answer, no warning is kept.
    await accept(without(gameTx({ operatorUserId: user, transactionId: id('tx'), currency: 'EUR' }), 'gameName'));
    expect(await warningCodes()).toEqual([]);

    const warned = await tp.control('GET', '/sandbox/journal?warnings=true&limit=1000');
    expect(warned.status).toBe(200);
    expect(warned.body.items.length).toBeGreaterThan(0);
    expect(warned.body.items.every((entry: { warnings: unknown[] }) => entry.warnings.length > 0)).toBe(true);
  });
});

describe('GET /sandbox/rules', () => {
  it('lists every rule with its basis: documented ones with their public page, decided ones with a reason', async () => {
    const response = await tp.control('GET', '/sandbox/rules');
    expect(response.status).toBe(200);
    const items = response.body.items as { code: string; kind: string; text: string; basis: string; source?: string; reason?: string; lenient?: string }[];
    for (const rule of items) {
      if (rule.basis === 'documented') expect(rule.source, rule.code).toMatch(/^https:\/\/docs\.trueplay\.io\//);
      else expect(rule.reason, rule.code).toBeTruthy();
    }
    const byCode = new Map(items.map((r) => [`${r.kind}:${r.code}`, r]));
    expect(byCode.get('rule:ACCEPT_REQUIRED_FIELDS')).toMatchObject({ basis: 'documented', source: AGGREGATOR_PAGE, lenient: 'warning' });
    expect(byCode.get('rule:SPORTSBOOK_WIN_REFERENCE')).toMatchObject({ basis: 'documented', source: INTEGRATION_GUIDE, lenient: 'warning' });
    expect(byCode.get('operation:sendGameTransaction')).toMatchObject({ basis: 'documented' });
    expect(byCode.get('operation:reset')).toMatchObject({ basis: 'decided' });
    expect(byCode.get('operation:tokenExchange')).toMatchObject({ basis: 'documented' });
    for (const code of ['CURRENCY_MISMATCH', 'AMOUNT_PRECISION', 'ROLLBACK_AMOUNT_MISMATCH', 'WIN_AFTER_ROLLBACK', 'SECOND_SPORTSBOOK_LOSS']) {
      expect(byCode.get(`warning:${code}`)?.text, code).toBeTruthy();
    }
  });
});
