import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/load.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { ARTIFACTS, launchChromium } from './browser.js';

const bet = (operatorUserId: string, transactionId: string, amount = 10) => ({
  operatorUserId, transactionId, type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount,
});

describe('dashboard at / in Chromium', () => {
  let sandbox: TestSandbox;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox({ playToEarnPercent: 0 }); // about what the dashboard shows, with balances from awards only
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Welcome tokens', type: 'REGISTRATION', tokens: 100 });
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'alice', balance: 500, currency: 'USD' });
    await sandbox.api('POST', '/api/v1/accept', bet('alice', 'before-load'));
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it('shows operators, users with both balances, campaigns and the journal so far', async () => {
    await page.goto(`${sandbox.trueplayUrl}/`);
    await page.locator('#stream-state', { hasText: 'live' }).waitFor();
    await expect.poll(() => page.locator('#operators tbody tr').first().innerText()).toContain('demo-api-key');
    const alice = page.locator('#users tbody tr[data-user="alice"]');
    await expect.poll(() => alice.innerText()).toMatch(/100\s+500 USD/);
    await expect.poll(() => page.locator('#campaigns tbody tr').first().innerText()).toContain('Welcome tokens');
    // The campaign and the wallet player (control calls) and the bet.
    await expect.poll(() => page.locator('#journal tbody tr.entry').count()).toBe(3);
  });

  it('shows a bet sent through the API live, without a reload, and expands it to headers and bodies', async () => {
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    const sent = await sandbox.api('POST', '/api/v1/accept', bet('bob', 'live-bet', 25));
    expect(sent.status).toBe(200);
    const row = page.locator('#journal tbody tr.entry', { hasText: 'bob' });
    await row.waitFor();
    expect(await row.innerText()).toContain('/api/v1/accept');
    expect(navigations).toEqual([]);
    // The users table follows too: bob appears with his registration tokens and no casino balance.
    await expect.poll(() => page.locator('#users tbody tr[data-user="bob"]').innerText()).toMatch(/100\s+—/);

    await row.click();
    const id = await row.getAttribute('data-id');
    const details = page.locator(`tr.details[data-details-for="${id}"]`);
    await details.waitFor();
    expect(await details.locator('.request-headers').innerText()).toContain('"x-api-key": "demo-api-key"');
    expect(await details.locator('.request-body').innerText()).toContain('"transactionId": "live-bet"');
    expect(await details.locator('.response-body').innerText()).toContain('"duplicate": false');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-entry-expanded.png'), fullPage: true });
  });

  it('filters the journal by user, path, status and direction', async () => {
    await sandbox.api('POST', '/api/v1/accept', { ...bet('carol', 'bad'), amount: -1 });
    const visibleRows = () => page.locator('#journal tbody tr.entry:visible');
    await expect.poll(() => visibleRows().count()).toBe(5);

    await page.fill('#filter-user', 'bob');
    await expect.poll(() => visibleRows().count()).toBe(1);
    expect(await visibleRows().first().innerText()).toContain('bob');
    await page.fill('#filter-user', '');

    await page.fill('#filter-status', '4xx');
    await expect.poll(() => visibleRows().count()).toBe(1);
    expect(await visibleRows().first().innerText()).toContain('400');
    await page.fill('#filter-status', '');

    await page.fill('#filter-path', '/api/v1/users');
    await expect.poll(() => visibleRows().count()).toBe(0);
    await page.fill('#filter-path', '/api/v1/accept');
    await expect.poll(() => visibleRows().count()).toBe(3);

    await page.selectOption('#filter-direction', 'trueplay->operator');
    await expect.poll(() => visibleRows().count()).toBe(0);
    await page.selectOption('#filter-direction', 'operator->trueplay');
    await expect.poll(() => visibleRows().count()).toBe(3);

    // Clicking a user in the users table filters by it.
    await page.click('#users tbody tr[data-user="alice"]');
    await expect.poll(() => visibleRows().count()).toBe(1);
    expect(await page.inputValue('#filter-user')).toBe('alice');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-filtered.png'), fullPage: true });
    await page.click('#journal-filters button[type="reset"]');
    await expect.poll(() => visibleRows().count()).toBe(5);
  });

  it('marks entries accepted with warnings, lists them in the details, and filters by them', async () => {
    await sandbox.api('POST', '/api/v1/accept', { ...bet('dave', 'in-euros'), currency: 'EUR' });
    const warned = page.locator('#journal tbody tr.entry.has-warnings');
    await expect.poll(() => warned.count()).toBe(1);
    expect(await warned.locator('.badge.warned').innerText()).toContain('1');
    await page.check('#filter-warnings');
    const visibleRows = () => page.locator('#journal tbody tr.entry:visible');
    await expect.poll(() => visibleRows().count()).toBe(1);
    await warned.click();
    await expect.poll(() => page.locator('tr.details:visible .warnings').innerText()).toContain('CURRENCY_MISMATCH');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-warnings.png') });
    await warned.click();
    await page.uncheck('#filter-warnings');
    await expect.poll(() => visibleRows().count()).toBeGreaterThan(1);
  });

  it('saves the journal as a scenario file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-scenario')]);
    expect(download.suggestedFilename()).toBe('recorded-scenario.yaml');
    const text = readFileSync((await download.path())!, 'utf8');
    const scenario = parseScenario(text, 'recorded-scenario.yaml');
    // The campaign, the wallet player and the four bets (and clock steps where real time ran on between them).
    expect(scenario.steps.filter((step) => step.kind !== 'clock').length).toBe(6);
    expect(text).toContain('CURRENCY_MISMATCH'); // the warning the EUR bet was accepted with, kept as its expectation
    expect(text).toContain('transactionId: live-bet');
    expect(text).toContain('status: 400');
  });

  it('shows a loyalty-page withdrawal in both directions and both balances', async () => {
    const link = await sandbox.api('GET', '/api/v1/loyalty-page?operatorUserId=alice');
    const withdrawal = await sandbox.control('POST', `${new URL(link.body.url).pathname}/withdraw`, { tokenAmount: 50 });
    expect(withdrawal.status).toBe(200);
    // 50 tokens at rate 1, less the 1 % fee: 49.5 into the casino balance.
    await expect.poll(() => page.locator('#users tbody tr[data-user="alice"]').innerText()).toMatch(/50\s+549\.5 USD/);
    const callback = page.locator('#journal tbody tr.entry[data-direction="trueplay->operator"]', { hasText: '/trueplay/token-exchange' });
    await callback.waitFor();
    expect(await callback.innerText()).toContain('Trueplay → operator');

    await page.selectOption('#filter-direction', 'trueplay->operator');
    await expect.poll(() => page.locator('#journal tbody tr.entry:visible').count()).toBe(1);
    await callback.click();
    expect(await page.locator('tr.details:visible .request-headers').innerText()).toContain('x-request-signature');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-callback.png'), fullPage: true });
    await page.selectOption('#filter-direction', '');
  });

  it('advances the clock with its buttons', async () => {
    const before = Date.parse((await sandbox.control('GET', '/sandbox/clock')).body.now);
    await page.click('button[data-advance="P1D"]');
    await expect.poll(async () => (await sandbox.control('GET', '/sandbox/clock')).body.frozen).toBe(true);
    const afterDay = Date.parse((await sandbox.control('GET', '/sandbox/clock')).body.now);
    expect(afterDay - before).toBeGreaterThanOrEqual(86_400_000);
    await expect.poll(() => page.locator('#clock-mode').innerText()).toBe('frozen');
    await expect.poll(() => page.getAttribute('#clock-now', 'datetime')).toBe(new Date(afterDay).toISOString());

    await page.click('button[data-advance="PT1H"]');
    await expect.poll(() => page.getAttribute('#clock-now', 'datetime')).toBe(new Date(afterDay + 3_600_000).toISOString());
    await page.click('button[data-advance="P1W"]');
    await expect.poll(() => page.getAttribute('#clock-now', 'datetime')).toBe(new Date(afterDay + 3_600_000 + 7 * 86_400_000).toISOString());
    expect(await page.locator('#notice').innerText()).toContain('advanced by +1 week');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-clock.png'), fullPage: true });
  });

  it('starts the journal afresh after POST /sandbox/reset, without a reload', async () => {
    expect((await sandbox.control('POST', '/sandbox/reset')).status).toBe(204);
    await sandbox.api('POST', '/api/v1/accept', bet('after-reset', 'r-1'));
    // The new journal: the reset itself, then the bet.
    await expect.poll(() => page.locator('#journal tbody tr.entry').count()).toBe(2);
    await page.locator('#journal tbody tr.entry', { hasText: 'after-reset' }).waitFor();
    await expect.poll(() => page.locator('#users tbody tr').count()).toBe(1);
    await expect.poll(() => page.locator('#clock-mode').innerText()).toBe('real time');
    expect(pageErrors).toEqual([]);
  });
});
