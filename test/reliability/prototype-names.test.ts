/**
 * Every route of both servers, each URL parameter (and query name and value) set to a name every JavaScript object
 * inherits. A table keyed by what the client sent and looked up with inherited names answers such a request from
 * Object.prototype: `GET /docs/assets/constructor` was a 500 (issue 17). The routes come from the apps themselves,
 * so a route added later is swept too, contract or not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { answerProblem, prototypePolluted } from './support/checks.js';

export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__', 'isPrototypeOf'];

interface Route {
  method: string;
  path: string;
}

/** The concrete requests for one route: all its parameters set to each name, then each name in the query. */
function requestsFor(route: Route): string[] {
  const fill = (name: string) => route.path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, encodeURIComponent(name)).replace(/\*$/, encodeURIComponent(name));
  const paths = /[:*]/.test(route.path) ? PROTOTYPE_NAMES.map(fill) : [route.path];
  return [...paths, ...PROTOTYPE_NAMES.map((name) => `${paths[0]}?${name}=${name}&operatorUserId=${name}&lang=${name}&status=${name}`)];
}

function routesOf(app: { routes: readonly Route[] }): Route[] {
  const seen = new Set<string>();
  return app.routes.filter((route) => {
    const key = `${route.method} ${route.path}`;
    if (route.method === 'ALL' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function sweep(baseUrl: string, routes: Route[]): Promise<{ checked: number; problems: string[] }> {
  const problems: string[] = [];
  let checked = 0;
  for (const route of routes) {
    for (const path of requestsFor(route)) {
      const response = await fetch(`${baseUrl}${path}`, {
        method: route.method,
        headers: { 'content-type': 'application/json', 'x-api-key': 'demo-api-key' },
        body: route.method === 'GET' || route.method === 'HEAD' ? undefined : '{}',
      });
      // A stream (the live journal) that opened is a success: its body never ends.
      const text = response.status >= 400 ? await response.text() : (await response.body?.cancel(), '');
      const problem = answerProblem(route.method, { status: response.status, headers: Object.fromEntries(response.headers), text });
      if (problem) problems.push(`${route.method} ${path}: ${problem}`);
      checked++;
    }
  }
  return { checked, problems };
}

describe('prototype names in every URL of both servers', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ backgroundWork: false, exchangeTimeoutMs: 300, exchangeAttempts: 1 });
  });
  afterAll(() => sandbox.close());

  it('the fake Trueplay answers each in the error shape, never a 5xx', async () => {
    const routes = routesOf(sandbox.trueplay.app);
    expect(routes.map((r) => r.path)).toContain('/docs/assets/:file');
    const { checked, problems } = await sweep(sandbox.trueplayUrl, routes);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(routes.length * PROTOTYPE_NAMES.length);
    expect(prototypePolluted()).toBe(false);
  }, 120_000);

  it('the fake wallet answers each in the error shape, never a 5xx', async () => {
    const routes = routesOf(sandbox.walletApp.app);
    const { checked, problems } = await sweep(sandbox.walletUrl, routes);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(routes.length * PROTOTYPE_NAMES.length);
    expect(prototypePolluted()).toBe(false);
  }, 120_000);

  it('GET /docs/assets/{inherited name} is 404 (it was a 500), and a real asset is still served', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const answer = await sandbox.control('GET', `/docs/assets/${name}`);
      expect([answer.status, answer.body.error?.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect((await sandbox.control('GET', '/docs/assets/swagger-ui.css')).status).toBe(200);
  });
});
