/** The optional BALANCE_CHANGE webhook: sent after every award or exchange that moved tokens, and only then. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMonday, HOUR, startTrueplay, type Harness, type Operator } from './support/harness.js';

describe('player events', () => {
  let tp: Harness;
  let casino: Operator;
  const monday = aMonday();

  beforeAll(async () => {
    tp = await startTrueplay();
    await tp.setClock(monday);
    // Callbacks default to the fake wallet, which checks signatures with the demo operator's secret.
    casino = await tp.operator({ name: 'Evented', playerEventsEnabled: true, secretKey: tp.secretKey });
  });
  afterAll(() => tp.close());

  /** The balances announced for a user, in order, once every event on its way has arrived. */
  async function announced(operatorUserId: string): Promise<number[]> {
    await tp.trueplay.drain();
    const { body } = await tp.control('GET', `/sandbox/journal?limit=1000&direction=trueplay-%3Eoperator&path=/player-event&operatorUserId=${operatorUserId}`);
    return body.items.map((e: { status: number; requestBody: { type: string; data: { tokenBalance: number } } }) => {
      expect(e.status).toBe(200);
      expect(e.requestBody.type).toBe('BALANCE_CHANGE');
      return e.requestBody.data.tokenBalance;
    });
  }
  const as = { apiKey: '' };

  it('announces awards (registration, KYC, deposit, cashback) and nothing for play that moved no tokens', async () => {
    as.apiKey = casino.apiKey;
    await tp.campaign({ operatorId: casino.operatorId, type: 'REGISTRATION', tokens: 100 });
    await tp.campaign({ operatorId: casino.operatorId, type: 'KYC', tokens: 50 });
    const deposit = await tp.campaign({ operatorId: casino.operatorId, type: 'DEPOSIT', tokens: 20 });
    await tp.campaign({ operatorId: casino.operatorId, type: 'CASHBACK', percent: 10 });
    await tp.setClock(monday + HOUR);

    await tp.play('eve', 'e1', 'BET', 100, {}, as.apiKey);
    await tp.play('eve', 'e2', 'WIN', 10, {}, as.apiKey);
    await tp.play('eve', 'e2', 'WIN', 10, {}, as.apiKey); // a duplicate
    expect(await announced('eve')).toEqual([100]);

    await tp.api('PATCH', '/api/v1/users/eve', { kyc: true }, as);
    await tp.api('PATCH', '/api/v1/users/eve', { kyc: true }, as); // true→true changes nothing
    await tp.api('POST', `/api/v1/campaigns/${deposit.id}/participants`, { operatorUserIds: ['eve'] }, as);
    await tp.api('POST', '/api/v1/deposits', { operatorUserId: 'eve', transactionId: 'd1', amount: 10, currency: 'USD' }, as);
    expect(await announced('eve')).toEqual([100, 150, 170]);

    await tp.advance('P1D'); // GGR 90 → 9 tokens of cashback
    expect(await tp.tokens('eve', as.apiKey)).toBe(179);
    expect(await announced('eve')).toEqual([100, 150, 170, 179]);
  });

  it('announces nothing for an operator that did not turn events on', async () => {
    await tp.campaign({ type: 'REGISTRATION', tokens: 5 });
    await tp.play('quiet', 'q1', 'BET', 1);
    expect(await tp.tokens('quiet')).toBe(5);
    expect(await announced('quiet')).toEqual([]);
  });
});
