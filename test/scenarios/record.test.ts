/** Journal → scenario: what a sandbox journaled becomes a file that replays green on a fresh sandbox. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/load.js';
import { journalToScenario, readSandboxSnapshot, recordScenario, renderScenario } from '../../src/scenarios/record.js';
import { runScenario, runScenarioFile } from '../../src/scenarios/run.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

describe('record', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  const remote = () => ({ trueplayUrl: sandbox.trueplayUrl, walletUrl: sandbox.walletUrl });

  it.each([
    'scenarios/first-bet-creates-user.yaml',
    'scenarios/purchase-and-withdrawal-fees.yaml',
    'scenarios/wallet-500-retried-paid-once.yaml',
    'scenarios/wallet-4xx-tokens-restored.yaml',
    'scenarios/loyalty-visit-creates-user.yaml',
    'scenarios/kyc-once-and-irreversible.yaml',
  ])('the traffic of %s, recorded, replays green on a fresh sandbox', async (file) => {
    const original = await runScenarioFile(file, { remote: remote() });
    expect(original.passed).toBe(true);

    const text = await recordScenario(sandbox.trueplayUrl, { name: `replay of ${file}` });
    expect(original.passed).toBe(true);
    const replay = await runScenario(parseScenario(text, 'recorded.yaml'));
    const failures = replay.steps.filter((step) => step.status === 'failed').map((step) => [step.title, step.failures]);
    expect(failures, text).toEqual([]);
    expect(replay.passed).toBe(true);
    // Every operator call journaled (the scenario's steps and its balance probes) is one replayed step.
    const operatorCalls = (await sandbox.control('GET', '/sandbox/journal?direction=operator-%3Etrueplay&limit=1000')).body.items;
    expect(replay.steps.filter((step) => step.phase === 'steps' && step.kind !== 'fault')).toHaveLength(operatorCalls.length);
  });

  it('captures volatile values instead of asserting them, and turns injected faults into fault steps', async () => {
    const original = await runScenarioFile('scenarios/wallet-500-retried-paid-once.yaml', { remote: remote() });
    const snapshot = await readSandboxSnapshot(sandbox.trueplayUrl);
    const text = renderScenario(journalToScenario(snapshot));
    const { trueplayUserId } = original.steps.find((step) => step.kind === 'createUser')!.response!.body as { trueplayUserId: string };
    expect(text).not.toContain(trueplayUserId);
    expect(text).toContain('trueplayUserId: ${steps.s1.response.trueplayUserId}');
    expect(text).not.toMatch(/createdAt|expiresAt/);
    const scenario = parseScenario(text, 'recorded.yaml');
    expect(scenario.steps.filter((step) => step.kind === 'fault').map((step) => step.params)).toEqual([
      { path: '/trueplay/token-exchange', status: 500, times: 1 },
      { path: '/trueplay/token-exchange', status: 503, times: 2 },
      { path: '/trueplay/token-exchange', status: 500, times: 4 },
    ]);
    expect(scenario.setup?.players).toEqual([{ operatorUserId: 'unlucky', balance: 0, currency: 'USD' }]);
    expect(scenario.steps.find((step) => step.kind === 'withdraw')!.params).toEqual({ url: '${steps.s3.response.url}', tokenAmount: 100 });
  });

  it('turns a call Trueplay answered with an injected fault into a side: trueplay fault step', async () => {
    await sandbox.control('POST', '/sandbox/reset');
    await sandbox.control('POST', '/sandbox/faults', { path: '/api/v1/accept', status: 503 });
    const bet = { operatorUserId: 'rec-1', transactionId: 'rec-tx-1', type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 10 };
    expect((await sandbox.api('POST', '/api/v1/accept', bet)).status).toBe(503);
    expect((await sandbox.api('POST', '/api/v1/accept', bet)).status).toBe(200);

    const text = await recordScenario(sandbox.trueplayUrl);
    const scenario = parseScenario(text, 'recorded.yaml');
    expect(scenario.steps.map((step) => step.kind)).toEqual(['fault', 'accept', 'accept']);
    expect(scenario.steps[0]!.params).toEqual({ side: 'trueplay', path: '/api/v1/accept', status: 503 });
    const replay = await runScenario(scenario);
    expect(replay.steps.filter((step) => step.status === 'failed').map((step) => [step.title, step.failures]), text).toEqual([]);
    expect(replay.passed).toBe(true);
  });

  it('keeps the warnings a call was accepted with as its expectation, and the replay meets it', async () => {
    await sandbox.control('POST', '/sandbox/reset');
    const bet = { operatorUserId: 'rec-eur', transactionId: 'rec-eur-1', type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'EUR', amount: 10 };
    expect((await sandbox.api('POST', '/api/v1/accept', bet)).status).toBe(200);
    expect((await sandbox.api('POST', '/api/v1/accept', { ...bet, transactionId: 'rec-usd-1', currency: 'USD' })).status).toBe(200);

    const scenario = parseScenario(await recordScenario(sandbox.trueplayUrl), 'recorded.yaml');
    expect(scenario.steps.map((step) => step.expect?.warnings)).toEqual([['CURRENCY_MISMATCH'], undefined]);
    const replay = await runScenario(scenario, { failOnWarnings: true });
    expect(replay.steps.filter((step) => step.status === 'failed').map((step) => step.failures)).toEqual([]);
  });

  it('refuses to write an empty scenario', async () => {
    await sandbox.control('POST', '/sandbox/reset');
    await expect(recordScenario(sandbox.trueplayUrl)).rejects.toThrow('the journal holds no calls of operator 1 to replay');
  });
});
