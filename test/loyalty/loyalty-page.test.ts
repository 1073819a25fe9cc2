import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelsFor, localeOf } from '../../src/trueplay/loyalty/i18n.js';
import { LOYALTY_LANGUAGES } from '../../src/trueplay/loyalty/session.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { escapeHtml, getPage, loyaltyLink, registrationCampaign, textById } from './support.js';

describe('loyalty page (server-rendered)', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    // Before any user exists: each page visit creates its user with 1234.5 tokens, a number every locale writes differently.
    await registrationCampaign(sandbox, 1234.5, 'Welcome tokens');
  });
  afterAll(() => sandbox.close());

  it.each([...LOYALTY_LANGUAGES])('renders in %s with its own labels and number format', async (lang) => {
    const { url } = await loyaltyLink(sandbox, `player-${lang}`, lang.toLowerCase());
    const page = await getPage(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const t = labelsFor(lang);
    expect(page.text).toContain(`<html lang="${lang.toLowerCase()}">`);
    expect(page.text).toContain(`<title>${escapeHtml(t.title)}</title>`);
    expect(page.text).toContain(`<h1>${escapeHtml(t.title)}</h1>`);
    for (const key of ['balance', 'buyTitle', 'withdrawTitle', 'tokenAmount', 'buyButton', 'withdrawButton', 'campaigns', 'history', 'colDate', 'colEvent', 'colTokens', 'colAmount', 'colStatus', 'statusOK', 'campaignREGISTRATION'] as const) {
      expect(page.text, key).toContain(`>${escapeHtml(t[key])}<`);
    }
    if (lang !== 'EN') expect(page.text).not.toContain('<h1>Loyalty program</h1>');
    expect(textById(page.text, 'token-balance')).toBe(new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 2 }).format(1234.5));
  });

  it('writes numbers the way the language does', async () => {
    const de = await getPage((await loyaltyLink(sandbox, 'numbers-de', 'DE')).url);
    expect(textById(de.text, 'token-balance')).toBe('1.234,5');
    expect(de.text).toContain('<li>Auszahlungsgebühr: 1\u00a0%</li>'); // German puts a no-break space before %
    const en = await getPage((await loyaltyLink(sandbox, 'numbers-en', 'ENG')).url);
    expect(textById(en.text, 'token-balance')).toBe('1,234.5');
    expect(en.text).toContain('<li>1 token = $1.00</li>');
    expect(en.text).toContain('<li>Withdrawal fee: 1%</li>');
  });

  it('shows the registration award in the history and the campaign the user is in', async () => {
    const page = await getPage((await loyaltyLink(sandbox, 'history-1')).url);
    expect(page.text).toContain('<strong class="campaign-name">Welcome tokens</strong>');
    expect(page.text).toContain('<span class="campaign-reward">Reward: 1,234.5 tokens</span>');
    expect(page.text).toMatch(/<tr data-status="OK"><td>[^<]+<\/td><td>Award: Welcome tokens<\/td><td class="num">\+1,234\.5<\/td><td class="num">—<\/td>/);
    expect(page.text).toMatch(/id="no-history" hidden/);
    expect(page.text).toMatch(/id="no-campaigns" hidden/);
  });

  it('lists completed and failed exchanges, newest first', async () => {
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'history-2', balance: 0, currency: 'USD' });
    const { url, path } = await loyaltyLink(sandbox, 'history-2');
    expect((await getPage(url)).status).toBe(200); // the visit creates the user with its award
    expect((await sandbox.control('POST', `${path}/withdraw`, { tokenAmount: 100 })).status).toBe(200);
    await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', status: 400, times: 1 });
    const refused = await sandbox.control('POST', `${path}/withdraw`, { tokenAmount: 50 });
    expect(refused.status).toBe(400);
    await sandbox.wallet('DELETE', '/sandbox/faults');

    const page = await getPage(url);
    const rows = [...page.text.matchAll(/<tr data-status="(\w+)"><td>[^<]*<\/td><td>([^<]*)<\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><td><span class="badge badge-\w+">([^<]*)</g)]
      .map(([, status, event, tokens, amount, label]) => ({ status, event, tokens, amount, label }));
    expect(rows).toHaveLength(3);
    // The two exchanges may share a millisecond with each other; the award came first.
    expect(rows.slice(0, 2)).toEqual(expect.arrayContaining([
      { status: 'OK', event: 'Token withdrawal', tokens: '-100', amount: '$99.00', label: 'Completed' },
      { status: 'FAILED', event: 'Token withdrawal', tokens: '50', amount: '$49.50', label: 'Failed' },
    ]));
    expect(rows[2]).toMatchObject({ status: 'OK', event: 'Award: Welcome tokens', tokens: '+1,234.5' });
    expect(textById(page.text, 'token-balance')).toBe('1,134.5');
  });

  it('answers the same data as JSON at {page}/state', async () => {
    const { path } = await loyaltyLink(sandbox, 'state-1', 'fr');
    const state = await sandbox.control('GET', `${path}/state`);
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ operatorUserId: 'state-1', tokenBalance: 1234.5, lang: 'FR' });
  });

  it('is embeddable: a CSP with frame-ancestors (default *) and a script nonce, and no X-Frame-Options', async () => {
    const page = await getPage((await loyaltyLink(sandbox, 'csp-1')).url);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/(^|; )frame-ancestors \*$/);
    expect(page.headers.get('x-frame-options')).toBeNull();
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1]!;
    expect(page.text).toContain(`<script nonce="${nonce}">`);
    expect(page.text).toContain(`<style nonce="${nonce}">`);
    expect(csp).toContain("connect-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const again = await getPage((await loyaltyLink(sandbox, 'csp-1')).url);
    expect(again.headers.get('content-security-policy')).not.toBe(csp); // a fresh nonce per response
  });
});

describe('loyalty page with configured frame-ancestors', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ frameAncestors: "'self' https://casino.example" });
  });
  afterAll(() => sandbox.close());

  it('sends the configured sources', async () => {
    const page = await getPage((await loyaltyLink(sandbox, 'framed')).url);
    expect(page.headers.get('content-security-policy')).toMatch(/; frame-ancestors 'self' https:\/\/casino\.example$/);
    expect(page.headers.get('x-frame-options')).toBeNull();
  });

  it('says so when there are no campaigns and no history yet', async () => {
    const page = await getPage((await loyaltyLink(sandbox, 'nobody-yet', 'de')).url);
    expect(page.text).toMatch(/<p class="empty" id="no-campaigns">Sie nehmen derzeit an keiner Kampagne teil\.<\/p>/);
    expect(page.text).toMatch(/<p class="empty" id="no-history">Noch keine Prämien oder Tauschvorgänge\.<\/p>/);
    expect(page.text).toMatch(/<table id="history-table" hidden>/);
    expect(textById(page.text, 'token-balance')).toBe('0');
  });
});

describe('loyalty page escaping', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('escapes a malicious operatorUserId and campaign name', async () => {
    const evilName = '<img src=x onerror="alert(1)">';
    await registrationCampaign(sandbox, 1, evilName);
    const evilUser = `<script>alert('x')</script>&"`;
    const { url } = await loyaltyLink(sandbox, evilUser);
    const page = await getPage(url);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<span id="operator-user-id">${escapeHtml(evilUser)}</span>`);
    expect(page.text).toContain(`<strong class="campaign-name">${escapeHtml(evilName)}</strong>`);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('<img src=x');
    // Only the page's own two scripts: the JSON data and the nonce'd one.
    expect(page.text.match(/<script/g)).toHaveLength(2);
  });
});
