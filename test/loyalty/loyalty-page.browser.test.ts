import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { escapeHtml, loyaltyLink, registrationCampaign } from './support.js';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
const PLAYER = 'browser-player';

/** A stand-in casino: a page on its own origin that shows `?frame=` in an iframe, as an operator's site would. */
async function startCasinoHost(): Promise<{ origin: string; pageFor(url: string): string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const frame = new URL(request.url ?? '/', 'http://host').searchParams.get('frame') ?? 'about:blank';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo casino</title>
<style>body{margin:0;font:15px system-ui,sans-serif;background:#1b1f2a;color:#fff}header{padding:12px 20px;font-weight:700}
iframe{display:block;width:100%;height:1250px;border:0;background:#fff}</style></head>
<body><header>Demo casino — loyalty</header><iframe id="loyalty" title="Loyalty program" src="${escapeHtml(frame)}"></iframe></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageFor: (url) => `${origin}/casino?frame=${encodeURIComponent(url)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('loyalty page in an iframe, in Chromium', () => {
  let casino: Awaited<ReturnType<typeof startCasinoHost>>;
  let stranger: Awaited<ReturnType<typeof startCasinoHost>>;
  let sandbox: TestSandbox;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const casinoBalance = async () => {
    const player = await sandbox.wallet('GET', `/sandbox/players/${PLAYER}`);
    expect(player.status).toBe(200);
    return player.body.balance as number;
  };

  /** Opens the casino page with the loyalty link in its iframe and waits for the page's script to be ready. */
  const openInCasino = async (url: string): Promise<FrameLocator> => {
    await page.goto(casino.pageFor(url));
    const frame = page.frameLocator('iframe#loyalty');
    await frame.locator('body[data-ready="true"]').waitFor();
    return frame;
  };

  beforeAll(async () => {
    [casino, stranger] = await Promise.all([startCasinoHost(), startCasinoHost()]);
    // Only the casino's origin may frame the page, so the test also shows a configured frame-ancestors at work.
    sandbox = await startTestSandbox({ frameAncestors: casino.origin });
    await registrationCampaign(sandbox, 400, 'Welcome <b>bonus</b>');
    const seeded = await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: PLAYER, balance: 100, currency: 'USD' });
    expect(seeded.status).toBe(201);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await Promise.all([casino?.close(), stranger?.close()]);
  });

  it('shows the balance, withdraws through the form, and updates balance and history without a reload', async () => {
    const frame = await openInCasino((await loyaltyLink(sandbox, PLAYER)).url);
    expect(await frame.locator('#token-balance').textContent()).toBe('400');
    expect(await frame.getByRole('heading', { level: 1 }).textContent()).toBe('Loyalty program');
    // The campaign's name is shown as text, not markup.
    expect(await frame.locator('.campaign-name').textContent()).toBe('Welcome <b>bonus</b>');
    expect(await frame.locator('.campaign-name b').count()).toBe(0);

    const withdraw = frame.getByRole('form', { name: 'Withdraw tokens' });
    const navigations: string[] = [];
    page.on('framenavigated', (navigated) => navigations.push(navigated.url()));

    // Bad input and a refusal: the player reads why, and nothing moves.
    await withdraw.getByLabel('Number of tokens').fill('0.001');
    await withdraw.getByRole('button', { name: 'Withdraw tokens' }).click();
    await frame.getByRole('alert').filter({ hasText: 'Enter a number of tokens greater than 0, with at most 2 decimal places.' }).waitFor();
    await withdraw.getByLabel('Number of tokens').fill('1000');
    await withdraw.getByRole('button', { name: 'Withdraw tokens' }).click();
    await frame.getByRole('alert').filter({ hasText: 'The exchange did not go through: the user holds 400 tokens, fewer than 1000' }).waitFor();
    expect(await casinoBalance()).toBe(100);

    await withdraw.getByLabel('Number of tokens').fill('100');
    await withdraw.getByRole('button', { name: 'Withdraw tokens' }).click();
    await frame.locator('#exchange-result', { hasText: 'Withdrawal complete: $99.00 was paid to your casino balance. New token balance: 300' }).waitFor();
    expect(await frame.locator('#token-balance').textContent()).toBe('300');
    expect(await frame.locator('#exchange-error').textContent()).toBe('');
    const row = frame.locator('#history-rows tr', { hasText: 'Token withdrawal' });
    await row.waitFor();
    expect((await row.locator('td').allTextContents()).slice(1)).toEqual(['Token withdrawal', '-100', '$99.00', 'Completed']);
    expect(await frame.locator('#history-rows tr').count()).toBe(2); // the withdrawal above the registration award
    expect(await frame.locator('#history-rows tr').nth(1).locator('td').nth(1).textContent()).toBe('Award: Welcome <b>bonus</b>');
    expect(await withdraw.getByLabel('Number of tokens').inputValue()).toBe('');

    // 100 tokens at rate 1, less the 1 % fee: the casino balance grew by 99.
    expect(await casinoBalance()).toBe(199);
    expect(navigations).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'loyalty-page-en.png'), fullPage: true });
  });

  it('speaks German with lang=DE, and buys tokens through the form', async () => {
    const frame = await openInCasino((await loyaltyLink(sandbox, PLAYER, 'DE')).url);
    expect(await frame.getByRole('heading', { level: 1 }).textContent()).toBe('Treueprogramm');
    expect(await frame.locator('#balance-title').textContent()).toBe('Token-Guthaben');
    expect(await frame.locator('#history-title').textContent()).toBe('Verlauf');
    expect(await frame.locator('#token-balance').textContent()).toBe('300');
    const row = frame.locator('#history-rows tr', { hasText: 'Token-Auszahlung' });
    expect((await row.locator('td').allTextContents()).slice(1)).toEqual(['Token-Auszahlung', '-100', '99,00\u00a0$', 'Abgeschlossen']);
    await page.screenshot({ path: join(ARTIFACTS, 'loyalty-page-de.png'), fullPage: true });

    const buy = frame.getByRole('form', { name: 'Tokens kaufen' });
    await buy.getByLabel('Anzahl der Tokens').fill('50');
    await buy.getByRole('button', { name: 'Tokens kaufen' }).click();
    await frame.locator('#exchange-result', { hasText: 'Kauf abgeschlossen: 50,00\u00a0$ wurden von Ihrem Casino-Guthaben abgebucht. Neues Token-Guthaben: 350' }).waitFor();
    await frame.locator('#history-rows tr', { hasText: 'Token-Kauf' }).waitFor();
    expect(await frame.locator('#token-balance').textContent()).toBe('350');
    expect(await casinoBalance()).toBe(149);
    await page.screenshot({ path: join(ARTIFACTS, 'loyalty-page-de-purchase.png'), fullPage: true });
  });

  it('is refused a frame by a site that frame-ancestors does not name', async () => {
    const refusals: string[] = [];
    const listener = (message: { text(): string }) => {
      if (message.text().includes('frame-ancestors')) refusals.push(message.text());
    };
    page.on('console', listener);
    await page.goto(stranger.pageFor((await loyaltyLink(sandbox, PLAYER)).url));
    await expect.poll(() => refusals.length, { timeout: 10_000 }).toBeGreaterThan(0);
    page.off('console', listener);
    expect(refusals[0]).toContain(casino.origin);
    expect(await page.frameLocator('iframe#loyalty').locator('#token-balance').count()).toBe(0);
  });

  it('fits a phone-width iframe without widening it', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 800 } });
    try {
      await phone.goto(casino.pageFor((await loyaltyLink(sandbox, PLAYER, 'RU')).url));
      const frame = phone.frames().find((f) => f !== phone.mainFrame())!;
      await frame.locator('body[data-ready="true"]').waitFor();
      const widths = await frame.evaluate(() => ({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
      expect(widths.page).toBeLessThanOrEqual(widths.view);
      await phone.screenshot({ path: join(ARTIFACTS, 'loyalty-page-ru-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });

  it('ran without a script error', () => {
    expect(pageErrors).toEqual([]);
  });
});
