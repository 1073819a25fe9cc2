import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/probe/checks/index.js';
import { renderHtmlReport } from '../../src/probe/report/html.js';
import { renderJUnit } from '../../src/probe/report/junit.js';
import { runProbe } from '../../src/probe/run.js';
import type { ProbeReport } from '../../src/probe/types.js';
import { ARTIFACTS, launchChromium } from '../dashboard/browser.js';
import { startMiniWallet } from './support/mini-wallet.js';
import { DEMO_SECRET, probeTarget } from './support/probe-target.js';

const SIGNATURE_FAILURES = ALL_CHECKS.filter((c) => c.family === 'signature' && c.id !== 'signature.exact-bytes-accepted').map((c) => c.id);

describe('probe reports', () => {
  let browser: Browser;
  let report: ProbeReport;
  beforeAll(async () => {
    const wallet = await startMiniWallet({ secret: DEMO_SECRET, flaw: 'no-signature-check' });
    try {
      report = await runProbe(probeTarget(wallet.url, wallet.stateUrl));
    } finally {
      await wallet.close();
    }
    browser = await launchChromium();
  }, 60_000);
  afterAll(() => browser?.close());

  it('renders the HTML report offline in Chromium: chart, what to fix, every check expandable to sent/got/why', async () => {
    const file = join(ARTIFACTS, 'probe-report.html');
    writeFileSync(file, renderHtmlReport(report));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`file://${file}`);
    await page.screenshot({ path: join(ARTIFACTS, 'probe-report.png'), fullPage: false });

    expect(await page.title()).toContain(`${SIGNATURE_FAILURES.length} failed`);
    expect(requested).toEqual([`file://${file}`]);
    await expect.poll(() => page.locator('svg.donut').isVisible()).toBe(true);
    expect(await page.locator('svg.donut').getAttribute('aria-label')).toBe(`${ALL_CHECKS.length - SIGNATURE_FAILURES.length} passed, ${SIGNATURE_FAILURES.length} failed`);
    expect(await page.locator('svg.families g').count()).toBe(6);
    // Most severe first: the medium uppercase-md5 check goes last.
    const mostSevereFirst = [...SIGNATURE_FAILURES.filter((id) => id !== 'signature.uppercase-md5'), 'signature.uppercase-md5'];
    expect(await page.locator('ol.fix li code').allTextContents()).toEqual(mostSevereFirst);
    expect(await page.locator('details.check').count()).toBe(ALL_CHECKS.length);
    expect(await page.locator('details.check.failed[open]').count()).toBe(SIGNATURE_FAILURES.length);

    // A failed check is open on its problems and exchanges; a passed one opens on a click.
    const tampered = page.locator('details#signature\\.tampered-body');
    await expect.poll(() => tampered.locator('ul.problems li').first().textContent()).toContain('expected 401, got 200');
    expect(await tampered.locator('.exchange.probe pre').first().textContent()).toContain('"amount":1000');
    const credit = page.locator('details#happy-path\\.credit');
    expect(await credit.locator('.why').isVisible()).toBe(false);
    await credit.locator('summary').click();
    await expect.poll(() => credit.locator('.why').isVisible()).toBe(true);
    expect(await credit.locator('.why').textContent()).toContain('Why it matters');
    expect(await credit.locator('.exchange.probe .status').first().textContent()).toBe('200');

    await page.locator('details#signature\\.missing').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'probe-report-failed-check.png'), fullPage: false });
    await page.close();
  });

  it('writes JUnit XML that parses, with one failure per failed check', async () => {
    const xml = renderJUnit(report);
    writeFileSync(join(ARTIFACTS, 'probe-junit.xml'), xml);
    const page = await browser.newPage();
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const root = doc.documentElement;
      return {
        error: doc.getElementsByTagName('parsererror').length,
        tests: root.getAttribute('tests'),
        failures: root.getAttribute('failures'),
        suites: [...doc.getElementsByTagName('testsuite')].map((s) => `${s.getAttribute('name')} ${s.getAttribute('failures')}/${s.getAttribute('tests')}`),
        failed: [...doc.getElementsByTagName('failure')].map((f) => (f.parentElement!.getAttribute('name') ?? '').split(':')[0]),
        severity: doc.getElementsByTagName('failure')[0]?.getAttribute('type'),
      };
    }, xml);
    await page.close();
    expect(parsed).toEqual({
      error: 0,
      tests: String(ALL_CHECKS.length),
      failures: String(SIGNATURE_FAILURES.length),
      suites: ['probe.happy-path 0/7', 'probe.idempotency 0/3', 'probe.signature 7/8', 'probe.bad-input 0/7', 'probe.concurrency 0/2', 'probe.resilience 0/2'],
      failed: SIGNATURE_FAILURES,
      severity: 'critical',
    });
  });
});
