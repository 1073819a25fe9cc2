import { afterEach, describe, expect, it } from 'vitest';
import { ALL_CHECKS, checksFor } from '../../src/probe/checks/index.js';
import { runProbe } from '../../src/probe/run.js';
import { basisOfHarm, severityOf } from '../../src/probe/severity.js';
import { verdictOf } from '../../src/probe/verdict.js';
import { startMiniWallet, type Flaw, type MiniWallet } from './support/mini-wallet.js';
import { DEMO_SECRET, probeTarget } from './support/probe-target.js';

const DEFAULT_POLICY = { failOn: 'low', strict: false } as const;

/**
 * Each purpose-built wallet is wrong in exactly one way; the probe must fail exactly the contract checks that catch it
 * (and the hardening checks that see the same flaw, as advice). The wallet itself is strict: it passes even --strict.
 */
const EXPECTED_FAILURES: [Flaw | 'none', { contract: string[]; hardening: string[] }][] = [
  ['none', { contract: [], hardening: [] }],
  [
    'no-signature-check',
    {
      contract: ['signature.missing', 'signature.wrong-secret', 'signature.tampered-body'],
      hardening: ['signature.reordered-keys', 'signature.whitespace-added', 'signature.uppercase-md5', 'signature.refusal-code'],
    },
  ],
  ['no-idempotency', { contract: ['idempotency.sequential-replay', 'idempotency.concurrent-replay', 'idempotency.conflicting-body'], hardening: ['idempotency.conflict-code'] }],
  ['overdraft-under-concurrency', { contract: ['concurrency.no-overdraft'], hardening: [] }],
  [
    'crash-on-bad-input',
    {
      contract: ['bad-input.missing-fields', 'bad-input.wrong-types', 'bad-input.bad-amounts', 'bad-input.unknown-action', 'bad-input.oversized-strings', 'bad-input.malformed-json'],
      hardening: ['bad-input.strict-fields', 'bad-input.strict-types', 'bad-input.strict-amounts', 'bad-input.strict-actions', 'bad-input.length-limits'],
    },
  ],
];

describe('the checks themselves', () => {
  it('each states its basis and why, and its harm agrees with the basis under the one severity rule', () => {
    for (const check of ALL_CHECKS) {
      expect(check.basisReason.length, check.id).toBeGreaterThan(40);
      expect(basisOfHarm(check.harm), check.id).toBe(check.basis);
      expect(['critical', 'high'].includes(severityOf(check.harm)), check.id).toBe(check.basis === 'contract');
    }
    expect(new Set(ALL_CHECKS.map((c) => c.id)).size).toBe(ALL_CHECKS.length);
  });

  it('never asks for an error code as a contract: the reference\'s three codes are hardening checks of their own', () => {
    const codeChecks = ALL_CHECKS.filter((c) => /INVALID_SIGNATURE|INSUFFICIENT_FUNDS|DUPLICATE_TRANSACTION|USER_NOT_FOUND/.test(c.title));
    expect(codeChecks.map((c) => `${c.id} ${c.basis} ${severityOf(c.harm)}`)).toEqual([
      'happy-path.insufficient-funds-code hardening low',
      'idempotency.conflict-code hardening low',
      'signature.refusal-code hardening low',
    ]);
  });
});

describe('probe against purpose-built wallets', () => {
  let wallet: MiniWallet | undefined;
  afterEach(() => wallet?.close());

  it.each(EXPECTED_FAILURES)('wallet with flaw %s fails exactly the checks that catch it', async (flaw, expected) => {
    wallet = await startMiniWallet({ secret: DEMO_SECRET, flaw: flaw === 'none' ? undefined : flaw });
    const report = await runProbe(probeTarget(wallet.url, wallet.stateUrl));
    const failed = report.results.filter((r) => !r.passed);
    expect(failed.filter((r) => r.basis === 'contract').map((r) => r.id)).toEqual(expected.contract);
    expect(failed.filter((r) => r.basis === 'hardening').map((r) => r.id)).toEqual(expected.hardening);
    expect(report.results.map((r) => r.id)).toEqual(checksFor({}).map((c) => c.id)); // no event path: not the optional player-event checks
    for (const result of failed) {
      expect(result.problems.length).toBeGreaterThan(0);
      expect(result.exchanges.some((e) => e.purpose === 'probe')).toBe(true);
    }
    const verdict = verdictOf(report.results, DEFAULT_POLICY);
    expect(verdict.exitCode).toBe(expected.contract.length > 0 ? 1 : 0);
    expect(verdictOf(report.results, { failOn: 'low', strict: true }).failed).toHaveLength(failed.length);
  });

  it('grades money risk: a forged call honoured and an overdraft are critical, a 5xx on bad input is high', async () => {
    const severities = async (flaw: Flaw) => {
      wallet = await startMiniWallet({ secret: DEMO_SECRET, flaw });
      try {
        const report = await runProbe(probeTarget(wallet.url, wallet.stateUrl, { concurrency: 8 }), { checks: ALL_CHECKS.filter((c) => c.basis === 'contract') });
        return report.results.filter((r) => !r.passed).map((r) => `${r.id} ${r.severity}`);
      } finally {
        await wallet.close();
        wallet = undefined;
      }
    };
    expect(await severities('no-signature-check')).toEqual(['signature.missing critical', 'signature.wrong-secret critical', 'signature.tampered-body critical']);
    expect(await severities('overdraft-under-concurrency')).toEqual(['concurrency.no-overdraft critical']);
    expect(new Set((await severities('crash-on-bad-input')).map((line) => line.split(' ')[1]))).toEqual(new Set(['high']));
  });

  it('says what was wrong, with what was sent and what came back', async () => {
    wallet = await startMiniWallet({ secret: DEMO_SECRET, flaw: 'overdraft-under-concurrency' });
    const report = await runProbe(probeTarget(wallet.url, wallet.stateUrl, { concurrency: 8 }), { checks: ALL_CHECKS.filter((c) => c.id === 'concurrency.no-overdraft') });
    const overdraft = report.results[0]!;
    expect(overdraft.passed).toBe(false);
    expect(overdraft.problems[0]).toBe('8 of 8 DEBITs of 10 on 10 succeeded; exactly 1 can be afforded');
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
