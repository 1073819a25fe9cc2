/**
 * The earning products on the loyalty page, in Chromium: Play to Earn in the history, the Stake form and the list
 * of active stakes, a stake's return, and the TOKEN_PURCHASE and CUSTOM campaigns; at a desktop and a phone width.
 */
import { join } from 'node:path';
import { ARTIFACTS, useBrowserSuite } from '../dashboard/browser.js';
import { SAMPLE_GAME } from '../../src/domain/sample-game.js';
import { describe, expect, it } from 'vitest';
import { loyaltyLink, registrationCampaign } from './support.js';

describe('earning on the loyalty page, in Chromium', () => {
  const suite = useBrowserSuite({
    sandbox: { backgroundWork: false }, setup: async (sandbox) => {
      await sandbox.control('POST', '/sandbox/clock', { now: '2026-03-02T08:00:00.000Z' });
      await registrationCampaign(sandbox, 1000);
      const bonus = await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Buy more, get more', type: 'TOKEN_PURCHASE', percent: 10 });
      const gift = await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'VIP gift', type: 'CUSTOM', tokens: 25 });
      await sandbox.api('POST', '/api/v1/users', { operatorUserId: 'stacker' });
      await sandbox.api('POST', `/api/v1/campaigns/${bonus.body.id}/participants`, { operatorUserIds: ['stacker'] });
      await sandbox.control('POST', `/sandbox/campaigns/${gift.body.id}/awards`, { operatorUserIds: ['stacker'] });
      // A BET of 500 earns 0.5 tokens of Play to Earn (the demo operator's 0.1 %).
      const bet = await sandbox.api('POST', '/api/v1/accept', {
        operatorUserId: 'stacker', transactionId: 'b1', referenceTransactionId: null, type: 'BET', ...SAMPLE_GAME, currency: 'USD', amount: 500,
      });
      expect(bet.status).toBe(200);
    },
  });

  it('shows Play to Earn and the new campaigns, stakes through the form, and lists the stake until it comes back', async () => {
    const { url } = await loyaltyLink(suite.sandbox, 'stacker');
    await suite.page.goto(url);
    await suite.page.locator('body[data-ready="true"]').waitFor();
    expect(await suite.page.locator('#token-balance').textContent()).toBe('1,025.5');
    expect(await suite.page.locator('#history-rows tr', { hasText: 'Play to Earn' }).locator('td').nth(2).textContent()).toBe('+0.5');
    expect(await suite.page.locator('.campaign .campaign-type').allTextContents()).toEqual(expect.arrayContaining(['Token purchase bonus', 'Special reward']));
    expect(await suite.page.locator('.campaign', { hasText: 'Buy more, get more' }).locator('.campaign-reward').textContent()).toBe('Reward: 10% of the tokens you buy');
    expect(await suite.page.locator('#no-stakes').isVisible()).toBe(true);

    const form = suite.page.getByRole('form', { name: 'Stake tokens (Hold to Earn)' });
    expect(await form.getByLabel('Period').locator('option').allTextContents()).toEqual(['8 hours: +0.05%', '1 day: +0.2%', '3 days: +0.75%']);
    await form.getByLabel('Number of tokens').fill('6000');
    await form.getByRole('button', { name: 'Stake tokens' }).click();
    await suite.page.getByRole('alert').filter({ hasText: 'The stake did not go through:' }).waitFor();
    await form.getByLabel('Number of tokens').fill('500');
    await form.getByLabel('Period').selectOption('P3D');
    await form.getByRole('button', { name: 'Stake tokens' }).click();
    await suite.page.locator('#exchange-result', { hasText: 'Staked 500 tokens until' }).waitFor();
    await suite.page.locator('#stake-list li', { hasText: '500 tokens for 3 days: +3.75 on' }).waitFor();
    expect(await suite.page.locator('#token-balance').textContent()).toBe('525.5');
    expect(await suite.page.locator('#history-rows tr').first().locator('td').nth(1).textContent()).toBe('Tokens staked');
    await suite.page.screenshot({ path: join(ARTIFACTS, 'loyalty-earning-1280.png'), fullPage: true });
    await suite.page.setViewportSize({ width: 390, height: 844 });
    await suite.page.screenshot({ path: join(ARTIFACTS, 'loyalty-earning-390.png'), fullPage: true });

    await suite.sandbox.control('POST', '/sandbox/clock', { advance: 'P3D' });
    // Three days on, the link has expired (links expire by the sandbox clock): the casino asks for a new one.
    await suite.page.goto((await loyaltyLink(suite.sandbox, 'stacker')).url);
    await suite.page.locator('body[data-ready="true"]').waitFor();
    expect(await suite.page.locator('#token-balance').textContent()).toBe('1,029.25');
    expect(await suite.page.locator('#no-stakes').isVisible()).toBe(true);
    expect(await suite.page.locator('#history-rows tr').first().locator('td').allTextContents()).toEqual([
      expect.any(String), 'Hold to Earn: stake returned with reward', '+503.75', '—', 'Completed',
    ]);
    expect(suite.pageErrors).toEqual([]);
  });

  it('speaks the player\'s language for all of it (Japanese here)', async () => {
    await suite.page.setViewportSize({ width: 390, height: 844 });
    const { url } = await loyaltyLink(suite.sandbox, 'stacker', 'JA');
    await suite.page.goto(url);
    await suite.page.locator('body[data-ready="true"]').waitFor();
    expect(await suite.page.locator('#stake-title').textContent()).toBe('トークンをステーク（Hold to Earn）');
    expect(await suite.page.locator('#history-rows').textContent()).toContain('Hold to Earn：報酬付きでステーク返却');
    expect(await suite.page.locator('.campaign-type').allTextContents()).toEqual(expect.arrayContaining(['トークン購入ボーナス', '特別報酬']));
    await suite.page.screenshot({ path: join(ARTIFACTS, 'loyalty-earning-ja-390.png'), fullPage: true });
  });
});
