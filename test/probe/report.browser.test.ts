import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS as EVERY_CHECK, checksFor } from '../../src/probe/checks/index.js';
import { renderHtmlReport } from '../../src/probe/report/html.js';
import { renderJUnit } from '../../src/probe/report/junit.js';
import { runProbe } from '../../src/probe/run.js';
import type { ProbeReport } from '../../src/probe/types.js';
import { verdictOf } from '../../src/probe/verdict.js';
import { ARTIFACTS, launchChromium } from '../dashboard/browser.js';
import { DEMO_SECRET, probeTarget } from './support/probe-target.js';

/** The checks this run makes: no event path is given, so not the optional player-event ones. */
const ALL_CHECKS = checksFor({}, EVERY_CHECK);
import { startExpressWallet } from './support/strangers/express-wallet.mjs';

const DEFAULT = { failOn: 'low', strict: false } as const;
const STRICT = { failOn: 'low', strict: true } as const;
/** The stranger Express wallet without its signature check: three contract failures, the rest of its findings advice. */
const CONTRACT_FAILURES = ['signature.missing', 'signature.wrong-secret', 'signature.tampered-body'];

describe('probe reports', () => {
  let browser: Browser;
  let report: ProbeReport;
  let advice: string[];
  beforeAll(async () => {
    const wallet = await startExpressWallet({ secret: DEMO_SECRET, flaw: 'no-signature-check' });
    try {
      report = await runProbe(probeTarget(wallet.url, `${wallet.url}/sandbox/provider-states`));
    } finally {
      await wallet.close();
    }
    advice = verdictOf(report.results, DEFAULT).advice.map((r) => r.id);
    browser = await launchChromium();
  }, 60_000);
  afterAll(() => browser?.close());

  it('renders the HTML report offline in Chromium: failures to fix, hardening advice apart, every check with its basis', async () => {
    expect(report.results.filter((r) => !r.passed && r.basis === 'contract').map((r) => r.id)).toEqual(CONTRACT_FAILURES);
    expect(advice).toContain('signature.refusal-code');
    const file = join(ARTIFACTS, 'probe-report.html');
    writeFileSync(file, renderHtmlReport(report, DEFAULT));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`file://${file}`);
    await page.screenshot({ path: join(ARTIFACTS, 'probe-report.png'), fullPage: false });

    expect(await page.title()).toContain(`${CONTRACT_FAILURES.length} failed, ${advice.length} advice`);
    expect(requested).toEqual([`file://${file}`]);
    await expect.poll(() => page.locator('svg.donut').isVisible()).toBe(true);
    const passed = ALL_CHECKS.length - CONTRACT_FAILURES.length - advice.length;
    expect(await page.locator('svg.donut').getAttribute('aria-label')).toBe(`${passed} passed, ${CONTRACT_FAILURES.length} failed, ${advice.length} advice`);
    expect(await page.locator('.verdict .big').textContent()).toBe('FAILED');

    // What to fix lists only the contract failures; the advice section, apart, only the hardening findings.
    expect(await page.locator('section.fix ol.fix li code').allTextContents()).toEqual(CONTRACT_FAILURES);
    const adviceSection = page.locator('section.advice');
    expect(await adviceSection.locator('h3').textContent()).toContain('do not fail the run (add --strict to make them)');
    expect((await adviceSection.locator('li code').allTextContents()).sort()).toEqual([...advice].sort());
    const [fixBox, adviceBox] = [await page.locator('section.fix').boundingBox(), await adviceSection.boundingBox()];
    expect(adviceBox!.y).toBeGreaterThan(fixBox!.y + fixBox!.height);
    expect(await adviceSection.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(await page.locator('section.fix').evaluate((el) => getComputedStyle(el).backgroundColor));

    expect(await page.locator('details.check').count()).toBe(ALL_CHECKS.length);
    expect(await page.locator('details.check.failed[open]').count()).toBe(CONTRACT_FAILURES.length);
    expect(await page.locator('details.check.advice[open] .badge.advice').count()).toBe(advice.length);

    // A failed check is open on its basis, problems and exchanges; a passed one opens on a click.
    const tampered = page.locator('details#signature\\.tampered-body');
    expect(await tampered.locator('.basis-line').textContent()).toMatch(/^Basis: contract — Reference §1, §2b: the signature is over the raw body bytes sent/);
    await expect.poll(() => tampered.locator('ul.problems li').first().textContent()).toContain('expected a 4xx with an error body, but it was accepted: 200');
    expect(await tampered.locator('.exchange.probe pre').first().textContent()).toContain('"amount":1000');
    const refusalCode = page.locator('details#signature\\.refusal-code');
    expect(await refusalCode.locator('.basis.basis-hardening').textContent()).toBe('hardening');
    expect(await refusalCode.locator('.basis-line').textContent()).toContain('Basis: hardening — The reference names 401 INVALID_SIGNATURE');
    const credit = page.locator('details#happy-path\\.credit');
    expect(await credit.locator('.why').isVisible()).toBe(false);
    await credit.locator('summary').click();
    await expect.poll(() => credit.locator('.why').isVisible()).toBe(true);
    expect(await credit.locator('.why').textContent()).toContain('Why it matters');
    expect(await credit.locator('.exchange.probe .status').first().textContent()).toBe('200');

    await adviceSection.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'probe-report-advice.png'), fullPage: false });
    await page.locator('details#signature\\.refusal-code').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'probe-report-failed-check.png'), fullPage: false });
    await page.close();
  });

  it('writes JUnit XML that parses: contract failures as <failure>, hardening apart and as advice unless --strict', async () => {
    const parse = async (xml: string) => {
      const page = await browser.newPage();
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const root = doc.documentElement;
        const property = (testcase: Element, name: string) => testcase.querySelector(`property[name="${name}"]`)?.getAttribute('value');
        return {
          error: doc.getElementsByTagName('parsererror').length,
          tests: root.getAttribute('tests'),
          failures: root.getAttribute('failures'),
          suites: [...doc.getElementsByTagName('testsuite')].map((s) => `${s.getAttribute('name')} ${s.getAttribute('failures')}/${s.getAttribute('tests')}`),
          failed: [...doc.getElementsByTagName('failure')].map((f) => `${(f.parentElement!.getAttribute('name') ?? '').split(':')[0]} ${f.getAttribute('type')}`),
          advice: [...doc.getElementsByTagName('testcase')].filter((t) => t.querySelector('system-out')?.textContent?.includes('ADVICE (hardening')).map((t) => t.getAttribute('name')!.split(':')[0]),
          bases: [...doc.getElementsByTagName('testcase')].map((t) => property(t, 'basis')),
          reason: property(doc.getElementsByTagName('testcase')[0]!, 'basis-reason'),
        };
      }, xml);
      await page.close();
      return parsed;
    };
    const xml = renderJUnit(report, DEFAULT);
    writeFileSync(join(ARTIFACTS, 'probe-junit.xml'), xml);
    const byDefault = await parse(xml);
    const hardening = ALL_CHECKS.filter((c) => c.basis === 'hardening').length;
    expect(byDefault).toMatchObject({
      error: 0,
      tests: String(ALL_CHECKS.length),
      failures: String(CONTRACT_FAILURES.length),
      failed: CONTRACT_FAILURES.map((id) => `${id} contract critical`),
      advice: ALL_CHECKS.filter((c) => advice.includes(c.id)).map((c) => c.id),
      reason: ALL_CHECKS[0]!.basisReason,
    });
    expect(byDefault.suites.at(-1)).toBe(`probe.hardening 0/${hardening}`);
    expect(byDefault.suites).toContain('probe.signature 3/5');
    expect(new Set(byDefault.bases)).toEqual(new Set(['contract', 'hardening']));

    const strict = await parse(renderJUnit(report, STRICT));
    expect(strict.failures).toBe(String(CONTRACT_FAILURES.length + advice.length));
    expect(strict.advice).toEqual([]);
    expect(strict.suites.at(-1)).toBe(`probe.hardening ${advice.length}/${hardening}`);
  });
});
