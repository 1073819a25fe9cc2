/** The scenario library (scenarios/*.yaml) runs green through the library API, each file on its own fresh sandbox. */
import { describe, expect, it } from 'vitest';
import { discoverScenarioFiles } from '../../src/scenarios/discover.js';
import { TextReporter } from '../../src/scenarios/report/text.js';
import { runScenarioFile } from '../../src/scenarios/run.js';

const files = discoverScenarioFiles(['scenarios']);

describe('the scenario library', () => {
  it('holds a scenario for each rule the issue names', () => {
    const names = files.map((f) => f.replace(/^scenarios\//, ''));
    expect(names).toEqual(expect.arrayContaining([
      'first-bet-creates-user.yaml', 'loyalty-visit-creates-user.yaml', 'create-user.yaml', 'registration-paid-once.yaml',
      'kyc-once-and-irreversible.yaml', 'deposit-award-participants-only.yaml', 'campaign-expiry.yaml', 'cashback-daily.yaml',
      'cashback-weekly.yaml', 'duplicate-and-conflicting-transactions.yaml', 'purchase-and-withdrawal-fees.yaml',
      'wallet-500-retried-paid-once.yaml', 'wallet-4xx-tokens-restored.yaml', 'bad-signature-refused.yaml', 'bug-report-template.yaml',
      'trueplay-fault-operator-retry.yaml', 'play-to-earn-bet-and-rollback.yaml', 'token-purchase-and-custom-campaigns.yaml',
      'hold-to-earn-stake.yaml', 'player-event-payloads.yaml',
    ]));
  });

  it.each(files)('%s passes', async (file) => {
    const result = await runScenarioFile(file);
    let report = '';
    if (!result.passed) new TextReporter({ write: (text) => (report += text) }).scenario(result);
    expect(result.passed, report).toBe(true);
    expect(result.steps.length).toBeGreaterThan(0);
    expect(result.steps.every((step) => step.status === 'passed')).toBe(true);
  });

  it('gives every step its request, response and journal entries (what contract generation reads)', async () => {
    const result = await runScenarioFile('scenarios/wallet-500-retried-paid-once.yaml');
    const withdrawal = result.steps.find((step) => step.id === 'retried')!;
    expect(withdrawal.request).toMatchObject({ side: 'trueplay', method: 'POST', body: { tokenAmount: 100 } });
    expect(withdrawal.request!.path).toMatch(/^\/loyalty\/[^/]+\/withdraw$/);
    expect(withdrawal.response).toMatchObject({ status: 200, body: { status: 'OK' } });
    // The link was asked for first (an auxiliary call), then the withdrawal; the retries are in its journal.
    expect(withdrawal.calls.map((call) => call.request.path.split('?')[0])).toEqual(['/api/v1/loyalty-page', withdrawal.request!.path]);
    const exchanges = withdrawal.journal.filter((entry) => entry.path === '/trueplay/token-exchange');
    expect(exchanges.map((entry) => entry.status)).toEqual([500, 200]);
    expect(exchanges[0]!.requestBody).toEqual(exchanges[1]!.requestBody);
  });
});
