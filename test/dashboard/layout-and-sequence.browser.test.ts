import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from '../support/axe.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { ARTIFACTS, launchChromium } from './browser.js';

const PLAYER = 'sequence-player';

/** Whether the document scrolls sideways: its scrolling width against the viewport's. */
const widths = (page: Page) => page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));

describe('dashboard: fits the window, labels directions, draws the sequence of an exchange', () => {
  let sandbox: TestSandbox;
  let browser: Browser;
  let exchangeId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    browser = await launchChromium();
    await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Welcome tokens', type: 'REGISTRATION', tokens: 100 });
    await sandbox.control('POST', '/sandbox/operators', {
      name: 'A casino with a rather long name and long keys', apiKey: 'k'.repeat(64), secretKey: 's'.repeat(64),
      callbackBaseUrl: 'http://casino-backend.internal.example.com:8080/integrations/trueplay',
    });
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: PLAYER, balance: 500, currency: 'USD' });
    await sandbox.api('POST', '/api/v1/accept', { operatorUserId: PLAYER, transactionId: 'seq-bet', type: 'BET', gameType: 'Slot', currency: 'USD', amount: 10 });
    // A withdrawal whose first Token Exchange meets an injected 500: Trueplay retries the same id once, and it settles.
    expect((await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', status: 500, times: 1 })).status).toBe(201);
    const link = await sandbox.api('GET', `/api/v1/loyalty-page?operatorUserId=${PLAYER}`);
    const withdrawal = await sandbox.control('POST', `${new URL(link.body.url).pathname}/withdraw`, { tokenAmount: 40 });
    expect(withdrawal.status).toBe(200);
    exchangeId = withdrawal.body.exchange.id;
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  const open = async (width: number) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${sandbox.trueplayUrl}/`);
    await page.locator('#stream-state', { hasText: 'live' }).waitFor();
    await page.locator('#journal tbody tr.entry').first().waitFor();
    await page.locator('#users tbody tr[data-user]').first().waitFor();
    return page;
  };

  it.each([1280, 390])('at %i px the document is not wider than its viewport', async (width) => {
    const page = await open(width);
    try {
      const measured = await widths(page);
      expect(measured.document).toBeLessThanOrEqual(measured.viewport);
      await page.screenshot({ path: join(ARTIFACTS, `dashboard-${width}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('at 1280 px the whole journal table is visible, loyalty paths shortened to their last segment with the full path on hover', async () => {
    const page = await open(1280);
    try {
      const journal = await page.locator('#journal').boundingBox();
      expect(journal!.x + journal!.width).toBeLessThanOrEqual(1280);
      const wrap = await page.locator('#journal').evaluate((table) => ({ scroll: table.parentElement!.scrollWidth, client: table.parentElement!.clientWidth }));
      expect(wrap.scroll).toBeLessThanOrEqual(wrap.client);
      const withdraw = page.locator('#journal tbody tr.entry td.path', { hasText: '/withdraw' });
      expect(await withdraw.textContent()).toBe('/loyalty/…/withdraw');
      expect(await withdraw.getAttribute('title')).toMatch(/^\/loyalty\/[^/]{20,}\/withdraw$/);
    } finally {
      await page.close();
    }
  });

  it('labels each direction, and calls from the player\'s browser are not "operator → Trueplay"', async () => {
    const page = await open(1280);
    try {
      const directionOf = (path: string) => page.locator('#journal tbody tr.entry', { has: page.locator('td.path', { hasText: path }) }).first().locator('td.dir').textContent();
      expect(await directionOf('/api/v1/accept')).toBe('operator → Trueplay');
      expect(await directionOf('/trueplay/token-exchange')).toBe('Trueplay → operator');
      const withdrawRow = page.locator('#journal tbody tr.entry', { has: page.locator('td.path', { hasText: '/withdraw' }) });
      // Whatever the journal records for a loyalty-page call, it is shown under the label of its direction.
      const direction = await withdrawRow.getAttribute('data-direction');
      const labels: Record<string, string> = { 'player->trueplay': 'player → Trueplay', 'operator->trueplay': 'operator → Trueplay' };
      expect(await withdrawRow.locator('td.dir').textContent()).toBe(labels[direction!]);
      expect(await page.locator('#filter-direction option').allTextContents()).toEqual(['all', 'operator → Trueplay', 'player → Trueplay', 'Trueplay → operator', 'control (sandbox API)']);
    } finally {
      await page.close();
    }
  });

  it('draws the exchange as SVG: player, operator, Trueplay and wallet, the faulted try, its retry and the settlement', async () => {
    const page = await open(1280);
    try {
      await page.fill('#sequence-subject', exchangeId);
      const svg = page.locator('svg#sequence');
      await expect.poll(() => svg.locator('g.message.call').count()).toBe(3);
      expect(await svg.locator('g.party').evaluateAll((parties) => parties.map((p) => p.getAttribute('data-party')))).toEqual(['player', 'operator', 'trueplay', 'wallet']);
      expect(await svg.locator('g.party text').allTextContents()).toEqual(['player', 'operator', 'Trueplay', 'wallet']);
      const arrows = await svg.locator('g.message').evaluateAll((messages) => messages.map((m) => ({
        kind: m.classList.contains('call') ? 'call' : 'reply',
        from: m.getAttribute('data-from'), to: m.getAttribute('data-to'), marks: m.getAttribute('data-marks'), text: m.querySelector('text')!.textContent,
      })));
      // In the order things happened: the player's call waits while Trueplay tries the wallet twice.
      expect(arrows).toEqual([
        { kind: 'call', from: 'player', to: 'trueplay', marks: 'settled', text: 'POST /loyalty/…/withdraw' },
        { kind: 'call', from: 'trueplay', to: 'wallet', marks: 'fault', text: 'POST /trueplay/token-exchange' },
        { kind: 'reply', from: 'wallet', to: 'trueplay', marks: 'fault', text: '⚠ fault · 500 INJECTED_FAULT' },
        { kind: 'call', from: 'trueplay', to: 'wallet', marks: 'retry settled', text: '↻ retry · POST /trueplay/token-exchange' },
        { kind: 'reply', from: 'wallet', to: 'trueplay', marks: 'retry settled', text: '✓ settled · 200' },
        { kind: 'reply', from: 'trueplay', to: 'player', marks: 'settled', text: '✓ settled · 200' },
      ]);
      // Each arrow is a line from its sender's lifeline to its receiver's.
      const lifeline = async (party: string) => Number(await svg.locator(`g.party[data-party="${party}"] line`).getAttribute('x1'));
      const retry = svg.locator('g.message.call.retry line');
      expect(Number(await retry.getAttribute('x1'))).toBe(await lifeline('trueplay'));
      expect(Number(await retry.getAttribute('x2'))).toBe(await lifeline('wallet'));
      await svg.screenshot({ path: join(ARTIFACTS, 'dashboard-sequence-exchange.png') });
    } finally {
      await page.close();
    }
  });

  it("follows a user's calls live: a new bet appears in the diagram without a reload", async () => {
    const page = await open(1280);
    try {
      await page.click(`#users tbody tr[data-user="${PLAYER}"] button`);
      expect(await page.inputValue('#sequence-subject')).toBe(PLAYER);
      const calls = page.locator('svg#sequence g.message.call');
      await expect.poll(() => calls.count()).toBeGreaterThanOrEqual(4);
      const before = await calls.count();
      await sandbox.api('POST', '/api/v1/accept', { operatorUserId: PLAYER, transactionId: 'seq-live', type: 'BET', gameType: 'Slot', currency: 'USD', amount: 5 });
      await expect.poll(() => calls.count()).toBe(before + 1);
      const last = calls.last();
      expect(await last.getAttribute('data-from')).toBe('operator');
      expect(await last.getAttribute('data-to')).toBe('trueplay');
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-sequence-user.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it.each([1280, 390])('passes axe-core WCAG 2 A/AA with no violation at %i px, with a user selected and an entry open', async (width) => {
    const page = await open(width);
    try {
      await page.click(`#users tbody tr[data-user="${PLAYER}"] button`);
      await page.locator('svg#sequence g.message').first().waitFor();
      await page.locator('#journal tbody tr.entry:visible button.expand').first().click();
      expect(await wcagViolations(page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `dashboard-selected-${width}.png`), fullPage: true });
      await page.locator('svg#sequence').screenshot({ path: join(ARTIFACTS, `dashboard-sequence-${width}.png`) });
    } finally {
      await page.close();
    }
  });

  it('is keyboard-usable with a visible focus: Tab reaches an entry, Enter opens it', async () => {
    const page = await open(1280);
    try {
      const expand = page.locator('#journal tbody tr.entry button.expand').first();
      await expand.focus();
      const outline = await expand.evaluate((button) => getComputedStyle(button).outlineStyle);
      expect(outline).toBe('solid');
      await page.keyboard.press('Enter');
      expect(await expand.getAttribute('aria-expanded')).toBe('true');
      await page.locator('tr.details:visible').first().waitFor();
    } finally {
      await page.close();
    }
  });

  it('the accessibility check itself finds a planted contrast failure (it is not vacuous)', async () => {
    const page = await browser.newPage();
    try {
      await page.setContent('<!doctype html><html lang="en"><head><title>t</title></head><body><main><p style="color:#aaa;background:#fff">faint</p></main></body></html>');
      expect((await wcagViolations(page)).map((v) => v.id)).toContain('color-contrast');
    } finally {
      await page.close();
    }
  });

  it('ran without a script error', () => {
    expect(pageErrors).toEqual([]);
  });
});
