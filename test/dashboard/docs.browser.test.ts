import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { ARTIFACTS, launchChromium } from './browser.js';

describe('API docs at /docs', () => {
  let sandbox: TestSandbox;
  let browser: Browser;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it('renders both OpenAPI documents without any request leaving the machine', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const outside: string[] = [];
    const loopback: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost') {
        loopback.push(url.pathname);
        return route.continue();
      }
      outside.push(url.href);
      return route.abort();
    });
    await page.goto(`${sandbox.trueplayUrl}/docs`);
    await page.locator('.swagger-ui .info .title', { hasText: 'fake Trueplay API' }).waitFor();
    await page.locator('.opblock-summary-path', { hasText: '/api/v1/accept' }).first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'docs-trueplay.png') });

    // The second document, picked in the top bar.
    await page.selectOption('.topbar select', { label: 'operator side (operator.yaml)' });
    await page.locator('.opblock-summary-path', { hasText: '/trueplay/token-exchange' }).first().waitFor();

    expect(outside).toEqual([]);
    expect(loopback).toEqual(expect.arrayContaining(['/docs', '/docs/assets/swagger-ui-bundle.js', '/openapi/trueplay.yaml', '/openapi/operator.yaml']));
    await page.close();
  });

  it('names the real URLs, and "try it out" reaches this sandbox\'s wallet on its real port', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${sandbox.trueplayUrl}/docs`);
    await page.locator('.servers select option', { hasText: sandbox.trueplayUrl }).waitFor({ state: 'attached' });
    await page.selectOption('.topbar select', { label: 'operator side (operator.yaml)' });
    await page.locator('.servers select option', { hasText: sandbox.walletUrl }).waitFor({ state: 'attached' });
    const operation = page.locator('.opblock-get', { has: page.locator('.opblock-summary-path', { hasText: /^\/sandbox\/faults$/ }) });
    await operation.locator('.opblock-summary').click();
    await operation.locator('.try-out__btn').click();
    const answered = page.waitForResponse((response) => response.url() === `${sandbox.walletUrl}/sandbox/faults`);
    await operation.locator('.execute').click();
    expect((await answered).status()).toBe(200);
    await operation.locator('.live-responses-table .response-col_status', { hasText: '200' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'docs-operator-try-it-out.png') });
    await page.close();
  });

  it('shows the basis of each rule: the rule table with its sources, and x-basis beside operations and schemas', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${sandbox.trueplayUrl}/docs`);
    const required = page.locator('#rules tr[data-rule="ACCEPT_REQUIRED_FIELDS"]');
    await expect.poll(() => required.innerText()).toContain('documented');
    expect(await required.innerText()).toContain('https://docs.trueplay.io/tech/integration-for-the-game-aggregator');
    expect(await page.locator('#rules tr[data-rule="CASHBACK_GGR"]').innerText()).toContain('decided');
    expect(await page.locator('#rules tr[data-rule="CURRENCY_MISMATCH"]').innerText()).toContain('warning');
    await page.screenshot({ path: join(ARTIFACTS, 'docs-rules.png') });

    // An operation, opened, lists its x-basis and x-source.
    await page.locator('.opblock-summary-path', { hasText: '/api/v1/accept' }).first().click();
    const operation = page.locator('.opblock.is-open').first();
    await expect.poll(() => operation.innerText()).toContain('x-basis');
    expect(await operation.innerText()).toContain('integration-for-the-game-aggregator');
    await operation.screenshot({ path: join(ARTIFACTS, 'docs-accept-basis.png') });
    await page.close();
  });

  it('serves only the Swagger UI files the page uses', async () => {
    const css = await sandbox.control('GET', '/docs/assets/swagger-ui.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    const other = await sandbox.control('GET', '/docs/assets/package.json');
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
    expect((await sandbox.control('GET', '/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });
});
