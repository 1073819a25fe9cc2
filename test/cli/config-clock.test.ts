/** The config file's `clock`: the same rule as the control API and `setup.clock` (any date on a fresh sandbox). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfig } from '../../src/config/apply.js';
import { ConfigError, loadConfigFile } from '../../src/config/load.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

describe('config file clock', () => {
  let sandbox: TestSandbox;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ backgroundWork: false });
    dir = mkdtempSync(join(tmpdir(), 'config-clock-'));
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const config = (clock: string) => {
    const file = join(dir, 'c.yaml');
    writeFileSync(file, `clock: ${clock}\ncampaigns:\n  - { name: Welcome, type: REGISTRATION, tokens: 5 }\n`);
    return loadConfigFile(file, dir);
  };

  it('pins a fresh sandbox to a past date before its campaigns are made, keeps a frozen clock, and refuses a date before stored game data', async () => {
    await applyConfig(sandbox, config('2025-05-05T10:00:00Z'));
    expect((await sandbox.control('GET', '/sandbox/clock')).body).toEqual({ now: '2025-05-05T10:00:00.000Z', frozen: true });
    expect((await sandbox.control('GET', '/sandbox/campaigns')).body.items[0].startsAt).toBe('2025-05-05T10:00:00.000Z');
    // A kept database whose clock is frozen keeps it.
    await applyConfig(sandbox, config('2025-01-01T00:00:00Z'));
    expect((await sandbox.control('GET', '/sandbox/clock')).body.now).toBe('2025-05-05T10:00:00.000Z');

    // Following real time with game data stored today, a date before it is refused, saying how to lift it.
    await sandbox.control('POST', '/sandbox/reset');
    expect((await sandbox.api('POST', '/api/v1/accept', { operatorUserId: 'c1', transactionId: 'c-tx', referenceTransactionId: null, type: 'BET', gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 1 })).status).toBe(200);
    const refused = await applyConfig(sandbox, config('2025-05-05T10:00:00Z')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigError);
    expect(String((refused as ConfigError).message)).toMatch(/clock.*CLOCK_BACKWARDS.*POST \/sandbox\/reset/s);
  });
});
