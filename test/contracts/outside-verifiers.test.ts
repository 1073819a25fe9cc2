/**
 * Our pact files with Pact's own tools, no CLI of ours in between: Pact's standalone verifier
 * (`pact-verifier` from @pact-foundation/pact-cli) on operator-trueplay.json against the fake Trueplay, and
 * pact-js's Verifier with the exported `trueplaySigningFilter` on trueplay-operator.json against the fake wallet.
 * Both run against a sandbox with a tour's data in it, which must be as it was afterwards.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR_TRUEPLAY_PACT, TRUEPLAY_OPERATOR_PACT } from '../../src/contracts/generate.js';
import { verifyOperator } from '../../src/contracts/verify-operator.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACT_VERIFIER = join(ROOT, 'node_modules/.bin/pact-verifier');
const interactionsOf = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { interactions: { description: string }[] }).interactions.map((i) => i.description);

/** The README tour's first steps: campaigns, a casino player with $50, a bet and a win, a day gone by. */
async function expectUnchanged(sandbox: TestSandbox, before: Awaited<ReturnType<typeof seen>>) {
  const after = await seen(sandbox);
  expect({ ...after, journal: undefined }).toEqual({ ...before, journal: undefined });
  const kept = new Map(after.journal.map((entry) => [entry.id, entry]));
  for (const entry of before.journal) expect(kept.get(entry.id)).toEqual(entry);
}

async function tour(sandbox: TestSandbox) {
  await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Welcome', type: 'REGISTRATION', tokens: 100 });
  await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Cashback', type: 'CASHBACK', percent: 10, period: 'DAILY' });
  await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'player-1', balance: 50, currency: 'USD' });
  const bet = { operatorUserId: 'player-1', type: 'BET', gameProvider: 'p', gameCode: 'g', gameName: 'G', gameType: 'Slot', currency: 'USD', referenceTransactionId: null };
  await sandbox.api('POST', '/api/v1/accept', { ...bet, transactionId: 'tx-1', amount: 10 });
  await sandbox.api('POST', '/api/v1/accept', { ...bet, transactionId: 'tx-2', type: 'WIN', referenceTransactionId: 'tx-1', amount: 3 });
  await sandbox.control('POST', '/sandbox/clock', { advance: 'P1D' });
}

/**
 * What a user of the tour sees of its data on both sides. The journal only grows: these reads are journaled
 * calls themselves, and so are the calls of interactions without a provider state (they change nothing else).
 */
async function seen(sandbox: TestSandbox) {
  const journal = await sandbox.control('GET', '/sandbox/journal?limit=1000');
  return {
    balance: (await sandbox.api('GET', '/api/v1/users/player-1/balance')).body,
    campaigns: (await sandbox.api('GET', '/api/v1/campaigns')).body,
    clock: (await sandbox.control('GET', '/sandbox/clock')).body,
    journal: journal.body.items as { id: number }[],
    casino: (await sandbox.wallet('GET', '/sandbox/players/player-1')).body,
    player2: (await sandbox.wallet('GET', '/sandbox/players/player-2')).status,
  };
}

describe('our pacts with Pact\'s own tools', () => {
  let sandbox: TestSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('Pact\'s standalone verifier passes operator-trueplay.json against the fake Trueplay, every interaction, and leaves its data', async () => {
    sandbox = await startTestSandbox();
    await tour(sandbox);
    const before = await seen(sandbox);
    const dir = mkdtempSync(join(tmpdir(), 'pact-cli-'));
    try {
      const url = new URL(sandbox.trueplayUrl);
      const report = join(dir, 'report.json');
      const args = ['-f', OPERATOR_TRUEPLAY_PACT, '-h', url.hostname, '-p', url.port, '-n', 'trueplay', '-s', `${sandbox.trueplayUrl}/sandbox/provider-states`, '--state-change-teardown', '--no-colour', '-j', report];
      const exit = await run(PACT_VERIFIER, args, { env: { ...process.env, PACT_DO_NOT_TRACK: 'true' }, maxBuffer: 16 * 1024 * 1024 }).then(() => 0, (error: { code?: number; stdout?: string }) => {
        console.error(error.stdout);
        return error.code ?? -1;
      });
      const results = JSON.parse(readFileSync(report, 'utf8')) as { result: boolean; errors: unknown[]; interactionResults: { description: string; result: string }[] };
      expect(results.errors).toEqual([]);
      expect(results.interactionResults.map((r) => r.description).sort()).toEqual(interactionsOf(OPERATOR_TRUEPLAY_PACT).sort());
      expect(results.interactionResults.every((r) => r.result === 'OK')).toBe(true);
      expect(exit).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await expectUnchanged(sandbox, before);
  }, 120_000);

  it('pact-js\'s Verifier with trueplaySigningFilter from trueplay-sandbox/pact passes trueplay-operator.json against the fake wallet, and leaves its players', async () => {
    sandbox = await startTestSandbox({ secretKey: 'the-wallets-own-secret' });
    await tour(sandbox);
    const before = await seen(sandbox);
    const { stdout } = await run(process.execPath, [join(ROOT, 'test/contracts/support/verify-with-pact-js.mjs')], {
      cwd: ROOT,
      env: { ...process.env, PROVIDER_URL: sandbox.walletUrl, STATE_URL: `${sandbox.walletUrl}/sandbox/provider-states`, SECRET: 'the-wallets-own-secret', PACT: TRUEPLAY_OPERATOR_PACT },
      maxBuffer: 16 * 1024 * 1024,
    });
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!) as { passed: boolean; output: string };
    expect(outcome.output).not.toMatch(/FAILED|failures/);
    expect(outcome.passed).toBe(true);
    await expectUnchanged(sandbox, before);
  }, 120_000);

  it('verify operator --base-url <the fake wallet> leaves the tour\'s players as they were', async () => {
    sandbox = await startTestSandbox();
    await tour(sandbox);
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'player-9', balance: 7, currency: 'USD' });
    const before = await seen(sandbox);
    const result = await verifyOperator({ baseUrl: sandbox.walletUrl, secretKey: sandbox.secretKey });
    expect(result.failures).toEqual([]);
    expect(result.passed).toBe(true);
    // player-9 is the pact's unknown player: hidden for that interaction, back afterwards.
    expect((await sandbox.wallet('GET', '/sandbox/players/player-9')).body).toMatchObject({ balance: 7 });
    await expectUnchanged(sandbox, before);
  }, 120_000);
});
