/** The dashboard of a locked sandbox, in Chromium: it asks for the control token once, keeps it for the tab, and works. */
import type { Browser, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { launchChromium } from './browser.js';

const TOKEN = 'dashboard-test-token';

describe('dashboard of a sandbox whose control API is locked', () => {
  let sandbox: TestSandbox;
  let browser: Browser;
  let page: Page;
  const questions: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox({ controlToken: TOKEN });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog: Dialog) => {
      questions.push(dialog.message());
      // The first answer is wrong, every later one right.
      void dialog.accept(questions.length === 1 ? 'not-the-token' : TOKEN);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it('asks again after a wrong token, then shows everything live, asking nothing more for the tab', async () => {
    await page.goto(`${sandbox.trueplayUrl}/`);
    // The first answer is wrong: the dashboard forgets it and asks again.
    await page.locator('#stream-state', { hasText: 'live' }).waitFor();
    await expect.poll(() => page.locator('#operators tbody tr').first().innerText()).toContain('demo-api-key');
    expect(questions.length).toBe(2);
    expect(questions[0]).toContain('Control token');
    expect(await page.evaluate(() => sessionStorage.getItem('trueplay-sandbox.control-token'))).toBe(TOKEN);

    // A call made now arrives over the live journal, which carries the token too.
    const accepted = await sandbox.api('POST', '/api/v1/accept', { operatorUserId: 'alice', transactionId: 't1', referenceTransactionId: null, type: 'BET', gameProvider: 'pragmatic', gameCode: 'vs20doghouse', gameName: 'The Dog House', gameType: 'Slot', currency: 'USD', amount: 10 });
    expect(accepted.status).toBe(200);
    await expect.poll(() => page.locator('#journal tbody tr.entry').count()).toBe(1);

    // The clock buttons post with it.
    await page.locator('[data-advance]').first().click();
    await expect.poll(() => page.locator('#notice').innerText()).toContain('clock advanced');

    // "Save as scenario" cannot be a plain link any more: it downloads what the locked API answered.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-scenario')]);
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toContain('transactionId: t1');

    await page.reload();
    await page.locator('#stream-state', { hasText: 'live' }).waitFor();
    // The bet, and the clock button's move: a control call, journaled too (#15).
    await expect.poll(() => page.locator('#journal tbody tr.entry').count()).toBe(2);
    expect(await page.locator('#journal tbody tr.entry[data-direction="control"]').innerText()).toContain('/sandbox/clock');
    expect(questions.length).toBe(2);
    expect(pageErrors).toEqual([]);
  });
});
