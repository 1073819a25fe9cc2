import { afterEach, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/probe/checks/index.js';
import { runProbe } from '../../src/probe/run.js';
import { startMiniWallet, type Flaw, type MiniWallet } from './support/mini-wallet.js';
import { DEMO_SECRET, probeTarget } from './support/probe-target.js';

/** Each purpose-built wallet is wrong in exactly one way; the probe must fail exactly the checks that catch it. */
const EXPECTED_FAILURES: [Flaw | 'none', string[]][] = [
  ['none', []],
  [
    'no-signature-check',
    ['signature.missing', 'signature.wrong-secret', 'signature.tampered-body', 'signature.reordered-keys', 'signature.whitespace-added', 'signature.uppercase-md5', 'signature.empty-body'],
  ],
  ['no-idempotency', ['idempotency.sequential-replay', 'idempotency.concurrent-replay', 'idempotency.conflicting-body']],
  ['overdraft-under-concurrency', ['concurrency.no-overdraft']],
  [
    'crash-on-bad-input',
    ['bad-input.missing-fields', 'bad-input.wrong-types', 'bad-input.bad-amounts', 'bad-input.unknown-action', 'bad-input.oversized-strings', 'bad-input.malformed-json'],
  ],
];

describe('probe against purpose-built wallets', () => {
  let wallet: MiniWallet | undefined;
  afterEach(() => wallet?.close());

  it.each(EXPECTED_FAILURES)('wallet with flaw %s fails exactly the checks that catch it', async (flaw, expected) => {
    wallet = await startMiniWallet({ secret: DEMO_SECRET, flaw: flaw === 'none' ? undefined : flaw });
    const report = await runProbe(probeTarget(wallet.url, wallet.stateUrl));
    const failed = report.results.filter((r) => !r.passed);
    expect(failed.map((r) => r.id)).toEqual(expected);
    expect(report.results.map((r) => r.id)).toEqual(ALL_CHECKS.map((c) => c.id));
    for (const result of failed) {
      expect(result.problems.length).toBeGreaterThan(0);
      expect(result.exchanges.some((e) => e.purpose === 'probe')).toBe(true);
    }
  });

  it('says what was wrong, with what was sent and what came back', async () => {
    wallet = await startMiniWallet({ secret: DEMO_SECRET, flaw: 'overdraft-under-concurrency' });
    const report = await runProbe(probeTarget(wallet.url, wallet.stateUrl, { concurrency: 8 }));
    const overdraft = report.results.find((r) => r.id === 'concurrency.no-overdraft')!;
    expect(overdraft.passed).toBe(false);
    expect(overdraft.problems[0]).toBe('8 of 8 DEBITs of 10 on 40 succeeded; exactly 4 can be afforded');
    const attacks = overdraft.exchanges.filter((e) => e.purpose === 'probe');
    expect(attacks).toHaveLength(8);
    expect(attacks[0]!.request.headers['x-request-signature']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(attacks[0]!.request.body)).toMatchObject({ action: 'DEBIT', amount: 10, operatorId: 1 });
    expect(attacks.every((e) => e.response.status === 200)).toBe(true);
    expect(overdraft.exchanges.filter((e) => e.purpose === 'setup')).toHaveLength(1);
  });

  it('fails every check, with the reason, when players cannot be seeded through the state URL', async () => {
    wallet = await startMiniWallet({ secret: DEMO_SECRET });
    const report = await runProbe(probeTarget(wallet.url, `${wallet.url}/no-such-state-url`));
    const seeded = report.results.filter((r) => r.id !== 'bad-input.unknown-player');
    expect(seeded.every((r) => !r.passed && r.problems[0]!.startsWith(`could not seed a player through the state URL ${wallet!.url}/no-such-state-url: 404`))).toBe(true);
  });
});
