/** Journal → scenario: what a sandbox journaled becomes a file that replays green, and the same, on a fresh sandbox. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/load.js';
import { journalToScenario, readSandboxSnapshot, recordScenario, renderScenario } from '../../src/scenarios/record.js';
import { runScenario, runScenarioFile } from '../../src/scenarios/run.js';
import { freshSandbox, startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { expectRoundTrip } from './support/round-trip.js';

describe('record', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    await freshSandbox(sandbox, { wallet: true });
  });

  const remote = () => ({ trueplayUrl: sandbox.trueplayUrl, walletUrl: sandbox.walletUrl });

  it.each([
    'scenarios/first-bet-creates-user.yaml',
    'scenarios/purchase-and-withdrawal-fees.yaml',
    'scenarios/wallet-500-retried-paid-once.yaml',
    'scenarios/wallet-4xx-tokens-restored.yaml',
    'scenarios/loyalty-visit-creates-user.yaml',
    'scenarios/kyc-once-and-irreversible.yaml',
    'scenarios/cashback-daily.yaml',
    'scenarios/cashback-weekly.yaml',
    'scenarios/campaign-expiry.yaml',
    'scenarios/trueplay-fault-operator-retry.yaml',
  ])('the session of %s, recorded, replays green and makes the same calls with the same answers', async (file) => {
    const original = await runScenarioFile(file, { remote: remote() });
    expect(original.passed).toBe(true);
    await expectRoundTrip(sandbox.trueplayUrl);
  });

  it('captures volatile values instead of asserting them, and replays faults as the control calls that set them', async () => {
    const original = await runScenarioFile('scenarios/wallet-500-retried-paid-once.yaml', { remote: remote() });
    const text = renderScenario(journalToScenario(await readSandboxSnapshot(sandbox.trueplayUrl)));
    const { trueplayUserId } = original.steps.find((step) => step.kind === 'createUser')!.response!.body as { trueplayUserId: string };
    expect(text).not.toContain(trueplayUserId);
    expect(text).toMatch(/trueplayUserId: \$\{steps\.s\d+\.response\.trueplayUserId\}/);
    expect(text).not.toMatch(/createdAt|expiresAt/);
    const scenario = parseScenario(text, 'recorded.yaml');
    expect(scenario.steps.filter((step) => step.kind === 'fault').map((step) => step.params)).toEqual(
      original.steps.filter((step) => step.kind === 'fault').map((step) => step.params),
    );
    // The wallet player is replayed as the control call that seeded it, not guessed from a callback.
    expect(scenario.setup?.players).toBeUndefined();
    expect(scenario.steps.some((step) => step.kind === 'http' && (step.params as { path: string }).path === '/sandbox/players')).toBe(true);
  });

  it('replays a fault Trueplay answered the operator with, and the clock moves of a session that followed real time', async () => {
    await sandbox.control('POST', '/sandbox/faults', { path: '/api/v1/accept', status: 503 });
    const bet = { operatorUserId: 'rec-1', transactionId: 'rec-tx-1', type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 10 };
    expect((await sandbox.api('POST', '/api/v1/accept', bet)).status).toBe(503);
    expect((await sandbox.api('POST', '/api/v1/accept', bet)).status).toBe(200);

    const { text } = await expectRoundTrip(sandbox.trueplayUrl);
    const scenario = parseScenario(text, 'recorded.yaml');
    const kinds = scenario.steps.map((step) => step.kind).filter((kind) => kind !== 'clock');
    expect(kinds).toEqual(['fault', 'accept', 'accept']);
    expect(scenario.steps[0]!.params).toEqual({ side: 'trueplay', path: '/api/v1/accept', status: 503 });
    expect(scenario.setup?.clock).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('a session on a past date (cashback days, faults, retries, a pending exchange, an expired link) replays green today and on any later day', async () => {
    await sandbox.control('POST', '/sandbox/clock', { now: '2025-11-03T09:00:00Z' });
    await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Welcome', type: 'REGISTRATION', tokens: 100 });
    await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Cashback', type: 'CASHBACK', percent: 10, period: 'DAILY' });
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'past-1', balance: 50, currency: 'USD' });
    await sandbox.wallet('POST', '/sandbox/bets', { operatorUserId: 'past-1', amount: 20, win: 5 });
    await sandbox.control('POST', '/sandbox/clock', { advance: 'P1D' });
    const link = (await sandbox.api('GET', '/api/v1/loyalty-page?operatorUserId=past-1&lang=DE')).body.url as string;
    await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', status: 503, times: 1 });
    const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post(`${link}/withdraw`, { tokenAmount: 50 })).status).toBe(200);
    await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', status: 500, times: 10 });
    expect((await post(`${link}/withdraw`, { tokenAmount: 10 })).status).toBe(202);
    await sandbox.wallet('DELETE', '/sandbox/faults');
    await sandbox.control('POST', '/sandbox/clock', { advance: 'PT2H' });
    expect((await fetch(`${link}/state`)).status).toBe(401);

    const today = await expectRoundTrip(sandbox.trueplayUrl);
    expect(parseScenario(today.text, 'recorded.yaml').setup?.clock).toBe('2025-11-03T09:00:00.000Z');
    // Real time moved on by years: the recording neither knows nor cares.
    for (const years of [1, 7, 40]) {
      await expectRoundTrip(sandbox.trueplayUrl, { realNow: () => Date.now() + years * 365 * 24 * 3600_000 });
    }
  });

  it('says there is nothing to record on an empty journal: an error for the CLI, a 409 in the error shape for the dashboard', async () => {
    await expect(recordScenario(sandbox.trueplayUrl)).rejects.toThrow(/the journal holds no call to replay/);
    const exported = await sandbox.control('GET', '/sandbox/journal/scenario');
    expect(exported.status).toBe(409);
    expect(exported.body).toEqual({ error: { code: 'NOTHING_TO_RECORD', message: expect.stringContaining('no call to replay') } });
  });

  it('records and replays a refused /accept whose body nests 1,000 levels deep, as the exact text it was', async () => {
    const deep = `${'['.repeat(1000)}${']'.repeat(1000)}`;
    const refused = await sandbox.api('POST', '/api/v1/accept', undefined, { rawBody: `{"operatorUserId":"deep","x":${deep}}` });
    expect(refused.status).toBe(400);
    const journal = await sandbox.control('GET', '/sandbox/journal');
    expect(journal.status).toBe(200);
    expect(journal.body.items.at(-1).requestBody).toBe(`{"operatorUserId":"deep","x":${deep}}`);
    const exported = await sandbox.control('GET', '/sandbox/journal/scenario');
    expect(exported.status).toBe(200);
    const scenario = parseScenario(exported.text, 'exported.yaml');
    expect(scenario.steps.at(-1)!.params).toMatchObject({ method: 'POST', path: '/api/v1/accept', rawBody: `{"operatorUserId":"deep","x":${deep}}`, apiKey: true });
    expect((await runScenario(scenario)).passed).toBe(true);
  });

  it('replays a bet sent without the documented game fields as it was sent, not as the accept step would complete it', async () => {
    const partial = { operatorUserId: 'rec-partial', transactionId: 'rec-partial-1', type: 'BET', gameType: 'Slot', currency: 'USD', amount: 10 };
    expect((await sandbox.api('POST', '/api/v1/accept', partial)).status).toBe(400);
    const whole = { ...partial, transactionId: 'rec-whole-1', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot' };
    expect((await sandbox.api('POST', '/api/v1/accept', whole)).status).toBe(200);

    const { text } = await expectRoundTrip(sandbox.trueplayUrl);
    const steps = parseScenario(text, 'recorded.yaml').steps.filter((step) => step.kind !== 'clock');
    expect(steps.map((step) => [step.kind, step.expect?.status])).toEqual([['http', 400], ['accept', 200]]);
    expect(steps[0]!.params).toMatchObject({ method: 'POST', path: '/api/v1/accept', body: partial, apiKey: true });
  });

  it('keeps the warnings a call was accepted with as its expectation, and the replay meets it', async () => {
    const bet = { operatorUserId: 'rec-eur', transactionId: 'rec-eur-1', type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'EUR', amount: 10 };
    expect((await sandbox.api('POST', '/api/v1/accept', bet)).status).toBe(200);
    expect((await sandbox.api('POST', '/api/v1/accept', { ...bet, transactionId: 'rec-usd-1', currency: 'USD' })).status).toBe(200);

    const scenario = parseScenario(await recordScenario(sandbox.trueplayUrl), 'recorded.yaml');
    // The session followed real time: clock moves between the calls are steps too, and carry no warnings.
    expect(scenario.steps.filter((step) => step.kind !== 'clock').map((step) => [step.kind, step.expect?.warnings])).toEqual([['accept', ['CURRENCY_MISMATCH']], ['accept', undefined]]);
    expect(scenario.steps.filter((step) => step.kind === 'clock').every((step) => step.expect?.warnings === undefined)).toBe(true);
    const replay = await runScenario(scenario, { failOnWarnings: true });
    expect(replay.steps.filter((step) => step.status === 'failed').map((step) => step.failures)).toEqual([]);
  });
});
