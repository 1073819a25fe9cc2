import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelsFor } from '../../src/trueplay/loyalty/i18n.js';
import { LOYALTY_LANGUAGES } from '../../src/trueplay/loyalty/session.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { loyaltyLink, textById } from './support.js';

const AS_A_BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

async function open(url: string, headers: Record<string, string> = AS_A_BROWSER) {
  const response = await fetch(url, { headers });
  return { status: response.status, type: response.headers.get('content-type') ?? '', csp: response.headers.get('content-security-policy'), text: await response.text() };
}

/** A link whose signature no longer matches: one character of its payload changed, its language left readable. */
function tampered(url: string): string {
  const at = url.lastIndexOf('/') + 1;
  const [payload, signature] = url.slice(at).split('.');
  const fields = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
  fields[1] = `${fields[1]}-someone-else`;
  return `${url.slice(0, at)}${Buffer.from(JSON.stringify(fields)).toString('base64url')}.${signature}`;
}

describe("a loyalty link that cannot open shows the player a page in the link's language", () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    const now = new Date(Math.ceil((Date.now() + 86_400_000) / 60_000) * 60_000).toISOString();
    expect((await sandbox.control('POST', '/sandbox/clock', { now })).status).toBe(200);
  });
  afterAll(() => sandbox.close());

  it.each(LOYALTY_LANGUAGES)('%s: expired is 401, tampered 404, each saying what happened and that the casino can open a new link', async (lang) => {
    const t = labelsFor(lang);
    const { url } = await loyaltyLink(sandbox, `problem-${lang}`, lang);

    const forged = await open(tampered(url));
    expect(forged.status).toBe(404);
    expect(forged.type).toMatch(/^text\/html/);
    expect(forged.csp).toContain("script-src 'nonce-");
    expect(forged.text).toContain(`<html lang="${lang.toLowerCase()}">`);
    expect(textById(forged.text, 'problem-title')).toBe(t.linkInvalidTitle);
    expect(textById(forged.text, 'problem-hint')).toBe(t.newLinkHint);

    expect((await sandbox.control('POST', '/sandbox/clock', { advance: 'PT1H' })).status).toBe(200);
    const expired = await open(url);
    expect(expired.status).toBe(401);
    expect(expired.type).toMatch(/^text\/html/);
    expect(expired.text).toContain(`<html lang="${lang.toLowerCase()}">`);
    expect(textById(expired.text, 'problem-title')).toBe(t.linkExpiredTitle);
    expect(textById(expired.text, 'problem-text')).toBe(t.linkExpiredText);
    expect(textById(expired.text, 'problem-hint')).toBe(t.newLinkHint);
    if (lang !== 'EN') expect(t.linkExpiredTitle).not.toBe(labelsFor('EN').linkExpiredTitle);
  });

  it('a disabled operator closes the page with 403, in the link language, and opening it again once enabled works', async () => {
    const { url } = await loyaltyLink(sandbox, 'problem-closed', 'FR');
    expect((await sandbox.control('PATCH', '/sandbox/operators/1', { enabled: false })).status).toBe(200);
    try {
      const closed = await open(url);
      expect(closed.status).toBe(403);
      expect(textById(closed.text, 'problem-title')).toBe(labelsFor('FR').programClosedTitle);
      expect(textById(closed.text, 'problem-hint')).toBe(labelsFor('FR').closedHint);
    } finally {
      expect((await sandbox.control('PATCH', '/sandbox/operators/1', { enabled: true })).status).toBe(200);
    }
    expect((await open(url)).status).toBe(200);
  });

  it('a link that is not one at all (no payload, too long) is the English "does not work" page', async () => {
    const base = `${sandbox.trueplayUrl}/loyalty/`;
    for (const session of ['nonsense', 'x'.repeat(5000)]) {
      const page = await open(base + session);
      expect([400, 404]).toContain(page.status);
      expect(textById(page.text, 'problem-title')).toBe(labelsFor('EN').linkInvalidTitle);
    }
  });

  it('callers that do not ask for HTML, and the JSON endpoints behind the link, still get the JSON error', async () => {
    const { url } = await loyaltyLink(sandbox, 'problem-json');
    const forged = tampered(url);
    const plain = await open(forged, {});
    expect(plain.status).toBe(404);
    expect(JSON.parse(plain.text).error.code).toBe('NOT_FOUND');
    const state = await open(`${forged}/state`);
    expect(state.status).toBe(404);
    expect(state.type).toMatch(/^application\/json/);
  });
});
