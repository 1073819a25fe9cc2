/** Debian's Chromium driven by playwright-core for the dashboard tests (never a downloaded browser). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { SandboxOptions } from '../../src/sandbox.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

export function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run'],
  });
}

export interface BrowserSuite {
  readonly sandbox: TestSandbox;
  readonly browser: Browser;
  /** The suite's page; `pageErrors` collects every uncaught error on it. */
  readonly page: Page;
  readonly pageErrors: string[];
}

/**
 * The preamble of a browser suite, as beforeAll/afterAll: a sandbox (`setup` prepares it), Chromium, and one page
 * whose errors are collected. The returned object's fields are there once the suite's beforeAll has run.
 */
export function useBrowserSuite(options: {
  sandbox?: Partial<SandboxOptions>;
  viewport?: { width: number; height: number };
  setup?: (sandbox: TestSandbox) => Promise<void>;
} = {}): BrowserSuite {
  const suite = { pageErrors: [] as string[] } as { -readonly [K in keyof BrowserSuite]: BrowserSuite[K] };
  beforeAll(async () => {
    suite.sandbox = await startTestSandbox(options.sandbox);
    await options.setup?.(suite.sandbox);
    suite.browser = await launchChromium();
    suite.page = await suite.browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 } });
    suite.page.on('pageerror', (error) => suite.pageErrors.push(error.message));
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.sandbox?.close();
  });
  return suite;
}
