import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/probe/checks/index.js';
import { runProbe } from '../../src/probe/run.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { probeTarget } from './support/probe-target.js';

describe('probe against the fake operator wallet', () => {
  let sandbox: TestSandbox;
  const logged: unknown[] = [];
  beforeAll(async () => {
    sandbox = await startTestSandbox({ logError: (error) => logged.push(error) });
  });
  afterAll(() => sandbox.close());

  it('passes every check, seeding players through the wallet\'s provider-state URL', async () => {
    // With its event path given, the optional player-event checks run too.
    const report = await runProbe(probeTarget(sandbox.walletUrl, `${sandbox.walletUrl}/sandbox/provider-states`, { secret: sandbox.secretKey, playerEventPath: '/player-event' }));
    const failed = report.results.filter((r) => !r.passed).map((r) => `${r.id}: ${r.reason}`);
    expect(failed).toEqual([]);
    expect(report.results).toHaveLength(ALL_CHECKS.length);
    // The resilience checks hang up mid-body on purpose; nothing else may reach the wallet's defect log.
    const defects = logged.filter((error) => (error as NodeJS.ErrnoException).code !== 'ECONNRESET');
    expect(defects).toEqual([]);
  });

  it('leaves the seeded players in the wallet with exactly the balances the checks expect', async () => {
    const report = await runProbe(probeTarget(sandbox.walletUrl, `${sandbox.walletUrl}/sandbox/provider-states`, { secret: sandbox.secretKey }), {
      checks: ALL_CHECKS.filter((c) => c.id === 'happy-path.two-decimals'),
    });
    const seeded = report.results[0]!.exchanges.find((e) => e.purpose === 'setup')!;
    const { operatorUserId } = JSON.parse(seeded.request.body).params as { operatorUserId: string };
    const player = await sandbox.wallet('GET', `/sandbox/players/${operatorUserId}`);
    expect(player.body).toEqual({ operatorUserId, balance: 0, currency: 'USD' });
  });
});
