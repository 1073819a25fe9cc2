import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const fileOf = (name: string) => readFileSync(new URL(`../../openapi/${name}.yaml`, import.meta.url), 'utf8');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function operationsOf(document: any): { method: string; path: string; responses: Record<string, unknown> }[] {
  return Object.entries<any>(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, responses: item[method].responses })));
}

describe('the OpenAPI documents a running sandbox serves', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('name the URLs this sandbox really has (port 0 here), while the files keep their placeholder', async () => {
    for (const [name, url] of [['trueplay', sandbox.trueplayUrl], ['operator', sandbox.walletUrl]] as const) {
      const served = await fetch(`${sandbox.trueplayUrl}/openapi/${name}.yaml`);
      expect(served.status).toBe(200);
      const text = await served.text();
      expect(parse(text).servers.map((s: { url: string }) => s.url)).toEqual([url]);
      expect(url).not.toMatch(/:40[12]0$/);
      expect(parse(fileOf(name)).servers[0].url).toMatch(/^http:\/\/127\.0\.0\.1:40[12]0$/);
      // Only the server entry differs from the file: comments and the rest are served as written.
      expect(text.split('\n').length).toBe(fileOf(name).split('\n').length);
    }
  });

  it('/docs loads both served documents and no longer rewrites "try it out" URLs by hand', async () => {
    const page = await (await fetch(`${sandbox.trueplayUrl}/docs`)).text();
    expect(page).toContain("url: '/openapi/trueplay.yaml'");
    expect(page).toContain("url: '/openapi/operator.yaml'");
    expect(page).not.toContain('4010');
  });

  it("lets the docs' \"try it out\" call the wallet from the fake Trueplay's origin, and no other", async () => {
    const preflight = (origin: string) => fetch(`${sandbox.walletUrl}/sandbox/players`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    const own = await preflight(sandbox.trueplayUrl);
    expect(own.headers.get('access-control-allow-origin')).toBe(sandbox.trueplayUrl);
    const other = await preflight('http://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('declare 500 on every operation, and 503 wherever a fault can be injected', () => {
    for (const name of ['trueplay', 'operator']) {
      for (const { method, path, responses } of operationsOf(parse(fileOf(name)))) {
        expect(Object.keys(responses), `${name} ${method} ${path}`).toContain('500');
        if (!path.startsWith('/sandbox/')) expect(Object.keys(responses), `${name} ${method} ${path}`).toContain('503');
      }
    }
  });

  it('injected faults answer the statuses the documents declare for that operation, in the error shape', async () => {
    const trueplay = parse(fileOf('trueplay'));
    for (const status of [500, 503]) {
      expect((await sandbox.control('POST', '/sandbox/faults', { path: '/api/v1/accept', status })).status).toBe(201);
      const spoiled = await sandbox.api('POST', '/api/v1/accept', {});
      expect(spoiled.status).toBe(status);
      expect(spoiled.body.error.code).toBe('INJECTED_FAULT');
      expect(Object.keys(trueplay.paths['/api/v1/accept'].post.responses)).toContain(String(status));
    }
    const operator = parse(fileOf('operator'));
    expect((await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', status: 503 })).status).toBe(201);
    const spoiled = await fetch(`${sandbox.walletUrl}/trueplay/token-exchange`, { method: 'POST', body: '{}' });
    expect(spoiled.status).toBe(503);
    expect(Object.keys(operator.paths['/trueplay/token-exchange'].post.responses)).toContain('503');
  });
});

describe('a known path called with another method', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it.each([
    ['trueplay', 'GET', '/api/v1/accept', 'POST'],
    ['trueplay', 'DELETE', '/sandbox/clock', 'GET, HEAD, POST'],
    ['trueplay', 'PUT', '/sandbox/campaigns/1', 'PATCH'],
    ['trueplay', 'POST', '/health', 'GET, HEAD'],
    ['wallet', 'GET', '/trueplay/token-exchange', 'POST'],
    ['wallet', 'PATCH', '/sandbox/faults', 'GET, HEAD, POST, DELETE'],
  ])('%s %s %s is 405 with Allow: %s, in the error shape', async (server, method, path, allow) => {
    const base = server === 'trueplay' ? sandbox.trueplayUrl : sandbox.walletUrl;
    // The Trueplay API checks its key first, as for any call: the method is judged for a caller it knows.
    const response = await fetch(`${base}${path}`, { method, headers: { 'x-api-key': sandbox.apiKey } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    const body = await response.json();
    expect(body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(body.error.message).toContain(`${method} ${path}`);
  });

  it('an unknown path is still 404 on both servers', async () => {
    for (const base of [sandbox.trueplayUrl, sandbox.walletUrl]) {
      const response = await fetch(`${base}/no/such/path`, { method: 'POST' });
      expect(response.status).toBe(404);
      expect(response.headers.get('allow')).toBeNull();
    }
  });
});
