import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { labelsFor } from '../../src/trueplay/loyalty/i18n.js';
import { LOYALTY_LANGUAGES } from '../../src/trueplay/loyalty/session.js';
import { ARTIFACTS, useBrowserSuite } from '../dashboard/browser.js';
import { wcagViolations } from '../support/axe.js';
import { loyaltyLink, registrationCampaign } from './support.js';

const AS_A_BROWSER_SEES_IT = async (page: Page) => page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));

describe('the loyalty page and its error pages in Chromium: accessible, in every language, pending looks pending', () => {
  const suite = useBrowserSuite({
    setup: async (sandbox) => {
      await registrationCampaign(sandbox, 200);
      const now = new Date(Math.ceil((Date.now() + 86_400_000) / 60_000) * 60_000).toISOString();
      expect((await sandbox.control('POST', '/sandbox/clock', { now })).status).toBe(200);
    },
  });

  it.each(LOYALTY_LANGUAGES)('%s: the loyalty page passes axe-core WCAG 2 A/AA with no violation', async (lang) => {
    await suite.page.goto((await loyaltyLink(suite.sandbox, `a11y-${lang}`, lang)).url);
    await suite.page.locator('body[data-ready="true"]').waitFor();
    expect(await suite.page.getAttribute('html', 'lang')).toBe(lang.toLowerCase());
    expect(await wcagViolations(suite.page)).toEqual([]);
  });

  it.each(LOYALTY_LANGUAGES)('%s: the expired-link page passes axe-core with no violation, and fits a phone', async (lang) => {
    const { url } = await loyaltyLink(suite.sandbox, `a11y-expired-${lang}`, lang);
    expect((await suite.sandbox.control('POST', '/sandbox/clock', { advance: 'PT1H' })).status).toBe(200);
    const response = await suite.page.goto(url);
    expect(response!.status()).toBe(401);
    expect(await suite.page.locator('h1').textContent()).toBe(labelsFor(lang).linkExpiredTitle);
    expect(await wcagViolations(suite.page)).toEqual([]);
    if (lang === 'EN' || lang === 'RU') { // (this machine has no CJK font: JA would show boxes)
      await suite.page.screenshot({ path: join(ARTIFACTS, `loyalty-expired-${lang.toLowerCase()}-1280.png`) });
      await suite.page.setViewportSize({ width: 390, height: 700 });
      const widths = await AS_A_BROWSER_SEES_IT(suite.page);
      expect(widths.document).toBeLessThanOrEqual(widths.viewport);
      await suite.page.screenshot({ path: join(ARTIFACTS, `loyalty-expired-${lang.toLowerCase()}-390.png`) });
      await suite.page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('the tampered-link (404) and disabled-operator (403) pages pass axe-core, in the link language', async () => {
    const { url } = await loyaltyLink(suite.sandbox, 'a11y-closed', 'DE');
    const tampered = url.replace(/\.([^.]+)$/, (_, signature: string) => `.${signature.slice(0, -2)}xx`);
    expect((await suite.page.goto(tampered))!.status()).toBe(404);
    expect(await suite.page.locator('h1').textContent()).toBe(labelsFor('DE').linkInvalidTitle);
    expect(await wcagViolations(suite.page)).toEqual([]);
    await suite.page.screenshot({ path: join(ARTIFACTS, 'loyalty-tampered-de-1280.png') });

    expect((await suite.sandbox.control('PATCH', '/sandbox/operators/1', { enabled: false })).status).toBe(200);
    try {
      expect((await suite.page.goto(url))!.status()).toBe(403);
      expect(await suite.page.locator('h1').textContent()).toBe(labelsFor('DE').programClosedTitle);
      expect(await wcagViolations(suite.page)).toEqual([]);
      await suite.page.setViewportSize({ width: 390, height: 700 });
      await suite.page.screenshot({ path: join(ARTIFACTS, 'loyalty-closed-de-390.png') });
      await suite.page.setViewportSize({ width: 1280, height: 900 });
    } finally {
      expect((await suite.sandbox.control('PATCH', '/sandbox/operators/1', { enabled: true })).status).toBe(200);
    }
  });

  it('a pending withdrawal looks pending (its own colour and words), a completed one complete; both pass axe-core', async () => {
    const player = 'a11y-pending';
    expect((await suite.sandbox.wallet('POST', '/sandbox/players', { operatorUserId: player, balance: 100, currency: 'USD' })).status).toBe(201);
    await suite.page.goto((await loyaltyLink(suite.sandbox, player)).url);
    await suite.page.locator('body[data-ready="true"]').waitFor();
    const withdraw = suite.page.getByRole('form', { name: 'Withdraw tokens' });

    // The keyboard alone: focus the amount, type, Enter submits; the focused field shows a visible outline.
    const amount = withdraw.getByLabel('Number of tokens');
    await amount.focus();
    expect(await amount.evaluate((input) => getComputedStyle(input).outlineStyle)).toBe('solid');
    await suite.page.keyboard.type('10');
    await suite.page.keyboard.press('Enter');
    const result = suite.page.locator('#exchange-result');
    await result.locator('xpath=.').filter({ hasText: 'Withdrawal complete' }).waitFor();
    expect(await result.getAttribute('data-status')).toBe('ok');
    const completed = await result.evaluate((node) => getComputedStyle(node).backgroundColor);
    await suite.page.locator('#history-rows tr[data-status="OK"]', { hasText: labelsFor('EN').eventWithdrawal }).waitFor();
    expect(await wcagViolations(suite.page)).toEqual([]);

    // The wallet fails every try: the exchange stays PENDING, and the page says so in its own colour.
    expect((await suite.sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', status: 500, times: 20 })).status).toBe(201);
    await amount.fill('20');
    await withdraw.getByRole('button', { name: 'Withdraw tokens' }).click();
    await result.filter({ hasText: labelsFor('EN').exchangePending }).waitFor();
    expect(await result.getAttribute('data-status')).toBe('pending');
    const pending = await result.evaluate((node) => getComputedStyle(node).backgroundColor);
    expect(pending).not.toBe(completed);
    const row = suite.page.locator('#history-rows tr[data-status="PENDING"]');
    await row.waitFor();
    expect(await row.locator('.badge').textContent()).toBe(labelsFor('EN').statusPENDING);
    expect(await row.locator('.badge').evaluate((node) => getComputedStyle(node).backgroundColor))
      .not.toBe(await suite.page.locator('#history-rows tr[data-status="OK"] .badge').first().evaluate((node) => getComputedStyle(node).backgroundColor));
    expect(await wcagViolations(suite.page)).toEqual([]);
    await suite.page.screenshot({ path: join(ARTIFACTS, 'loyalty-pending-1280.png'), fullPage: true });
    await suite.page.setViewportSize({ width: 390, height: 900 });
    const widths = await AS_A_BROWSER_SEES_IT(suite.page);
    expect(widths.document).toBeLessThanOrEqual(widths.viewport);
    expect(await wcagViolations(suite.page)).toEqual([]);
    await suite.page.screenshot({ path: join(ARTIFACTS, 'loyalty-pending-390.png'), fullPage: true });
    await suite.page.setViewportSize({ width: 1280, height: 900 });
    expect((await suite.sandbox.wallet('DELETE', '/sandbox/faults')).status).toBe(204);
  });

  it('ran without a script error', () => {
    expect(suite.pageErrors).toEqual([]);
  });
});
