import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSession } from '../../src/trueplay/loyalty/session.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { loyaltyLink } from './support.js';

/** Every loyalty endpoint behind one link, answered as JSON errors when the link is not good. */
async function everyEndpoint(sandbox: TestSandbox, path: string) {
  return Promise.all([
    sandbox.control('GET', path),
    sandbox.control('GET', `${path}/state`),
    sandbox.control('POST', `${path}/withdraw`, { tokenAmount: 1 }),
    sandbox.control('POST', `${path}/purchase`, { tokenAmount: 1 }),
  ]);
}

function expectJsonError(responses: Awaited<ReturnType<typeof everyEndpoint>>, status: number, code: string) {
  for (const response of responses) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message).toEqual(expect.any(String));
  }
}

/** Freezes the sandbox clock at a fixed instant in the past (a fresh sandbox takes any date). */
async function freezeClock(sandbox: TestSandbox) {
  const now = '2026-03-02T09:00:00.000Z';
  expect((await sandbox.control('POST', '/sandbox/clock', { now })).status).toBe(200);
  return now;
}

const advance = (sandbox: TestSandbox, duration: string) => sandbox.control('POST', '/sandbox/clock', { advance: duration });

describe('loyalty page links expire by the sandbox clock', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('works until its expiresAt (default one hour), then answers 401 SESSION_EXPIRED in JSON everywhere', async () => {
    const now = await freezeClock(sandbox);
    const { path, expiresAt } = await loyaltyLink(sandbox, 'ttl-default');
    expect(Date.parse(expiresAt) - Date.parse(now)).toBe(3_600_000);
    await advance(sandbox, 'PT59M59S');
    expect((await sandbox.control('GET', `${path}/state`)).status).toBe(200);
    await advance(sandbox, 'PT1S');
    expectJsonError(await everyEndpoint(sandbox, path), 401, 'SESSION_EXPIRED');
  });

  it('a new link works again for the same user', async () => {
    const { path } = await loyaltyLink(sandbox, 'ttl-default');
    expect((await sandbox.control('GET', `${path}/state`)).body).toMatchObject({ operatorUserId: 'ttl-default' });
  });
});

describe('loyalty page links with a configured TTL', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ loyaltySessionTtlMs: 10 * 60_000 });
  });
  afterAll(() => sandbox.close());

  it('expire after that TTL', async () => {
    const now = await freezeClock(sandbox);
    const { path, expiresAt } = await loyaltyLink(sandbox, 'ttl-short');
    expect(expiresAt).toBe(new Date(Date.parse(now) + 600_000).toISOString());
    expect((await sandbox.control('GET', path)).status).toBe(200);
    await advance(sandbox, 'PT10M');
    expectJsonError(await everyEndpoint(sandbox, path), 401, 'SESSION_EXPIRED');
  });
});

describe('forged or altered loyalty page links', () => {
  let sandbox: TestSandbox;
  let other: TestSandbox;
  beforeAll(async () => {
    [sandbox, other] = await Promise.all([startTestSandbox(), startTestSandbox()]);
  });
  afterAll(() => Promise.all([sandbox.close(), other.close()]));

  const session = (path: string) => path.slice('/loyalty/'.length);

  it('a changed signature is 404 NOT_FOUND', async () => {
    const { path } = await loyaltyLink(sandbox, 'victim');
    const last = path.at(-1) === 'A' ? 'B' : 'A';
    expectJsonError(await everyEndpoint(sandbox, path.slice(0, -1) + last), 404, 'NOT_FOUND');
  });

  it('a payload changed to another user, or to a later expiry, is 404 NOT_FOUND', async () => {
    const { path } = await loyaltyLink(sandbox, 'victim');
    const [payload, signature] = session(path).split('.') as [string, string];
    const [operatorId, , lang, expiresAt] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forge = (fields: unknown[]) => `/loyalty/${Buffer.from(JSON.stringify(fields)).toString('base64url')}.${signature}`;
    expectJsonError(await everyEndpoint(sandbox, forge([operatorId, 'someone-else', lang, expiresAt])), 404, 'NOT_FOUND');
    expectJsonError(await everyEndpoint(sandbox, forge([operatorId, 'victim', lang, expiresAt + 86_400_000])), 404, 'NOT_FOUND');
  });

  it('a link signed with another secret, or another sandbox’s link, is 404 NOT_FOUND', async () => {
    const forged = encodeSession('not-the-secret', { operatorId: 1, operatorUserId: 'victim', lang: 'EN', expiresAt: Date.now() + 3_600_000 });
    expectJsonError(await everyEndpoint(sandbox, `/loyalty/${forged}`), 404, 'NOT_FOUND');
    const { path } = await loyaltyLink(other, 'victim');
    expectJsonError(await everyEndpoint(sandbox, path), 404, 'NOT_FOUND');
  });

  it('garbage is 404 NOT_FOUND', async () => {
    for (const token of ['nonsense', 'a.b', 'a.b.c', '%E2%9C%93.x']) {
      expectJsonError(await everyEndpoint(sandbox, `/loyalty/${token}`), 404, 'NOT_FOUND');
    }
    // "/loyalty/./withdraw" is "/loyalty/withdraw" once the URL is resolved: a page link (GET only) whose session is "withdraw".
    const [page, state, withdraw, purchase] = await everyEndpoint(sandbox, '/loyalty/.');
    for (const [response, status, code] of [[page, 404, 'NOT_FOUND'], [state, 404, 'NOT_FOUND'], [withdraw, 405, 'METHOD_NOT_ALLOWED'], [purchase, 405, 'METHOD_NOT_ALLOWED']] as const) {
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
    }
    expect(withdraw.headers.get('allow')).toBe('GET, HEAD');
  });

  it('touches nobody: no user was created by a forged link', async () => {
    const balance = await sandbox.api('GET', '/api/v1/users/someone-else/balance');
    expect(balance.status).toBe(404);
  });
});
