/** Helpers for the loyalty page tests: links, campaigns, and reading the page the way a browser would receive it. */
import { expect } from 'vitest';
import type { TestSandbox } from '../support/sandbox.js';

/** A fresh loyalty page link (Get Loyalty Page with the demo operator's key) and its path. */
export async function loyaltyLink(sandbox: TestSandbox, operatorUserId: string, lang?: string) {
  const query = new URLSearchParams({ operatorUserId, ...(lang ? { lang } : {}) });
  const link = await sandbox.api('GET', `/api/v1/loyalty-page?${query}`);
  expect(link.status).toBe(200);
  const url = link.body.url as string;
  return { url, path: new URL(url).pathname, expiresAt: link.body.expiresAt as string };
}

export async function registrationCampaign(sandbox: TestSandbox, tokens: number, name = 'Welcome tokens') {
  const campaign = await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name, type: 'REGISTRATION', tokens });
  expect(campaign.status).toBe(201);
  return campaign.body as { id: number };
}

export async function getPage(url: string) {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Text as hono/html writes it into the page. */
export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The text of the element with this id (a flat element: no nested tags), as the page served it. */
export function textById(page: string, id: string): string | undefined {
  const match = new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(page);
  return match?.[1];
}
