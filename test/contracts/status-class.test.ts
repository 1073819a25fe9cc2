/**
 * A refusal interaction of our pacts matches any 4xx through Pact V4's status matching rule
 * (`matchingRules.status: statusCode clientError`). This proves that Pact's own verifiers honour it, with no code
 * of ours in between: Pact's standalone verifier (`pact-verifier` from @pact-foundation/pact-cli) and pact-js's
 * `Verifier`, each against a bare provider that answers every call with one status and an error body. The refusal
 * interactions of the committed trueplay-operator.json (provider states dropped: the bare provider has none) must
 * pass a 403 and a 422, and fail a 200 (a forged call or an overdraft honoured) and a 500 (an unknown outcome);
 * an interaction that keeps its status exact still fails another 4xx.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Verifier } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/contracts/pact-env.js';
import { OPERATOR_TRUEPLAY_PACT, TRUEPLAY_OPERATOR_PACT } from '../../src/contracts/generate.js';

const run = promisify(execFile);
const PACT_VERIFIER = fileURLToPath(new URL('../../node_modules/.bin/pact-verifier', import.meta.url));
const CLIENT_ERROR = { $: { combine: 'AND', matchers: [{ match: 'statusCode', status: 'clientError' }] } };

interface PactFile { interactions: { description: string; providerStates?: unknown; response: { status: number; matchingRules?: { status?: unknown } } }[] }

/** The pact with only the interactions `keep` picks, and no provider states. */
function narrowed(file: string, keep: (i: PactFile['interactions'][number]) => boolean, dir: string, name: string): { path: string; descriptions: string[] } {
  const pact = JSON.parse(readFileSync(file, 'utf8')) as PactFile;
  pact.interactions = pact.interactions.filter(keep).map(({ providerStates: _states, ...rest }) => rest);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(pact));
  return { path, descriptions: pact.interactions.map((i) => i.description) };
}

describe('Pact\'s verifiers honour the status-class rule of our refusal interactions', { timeout: 120_000 }, () => {
  let dir: string;
  let server: Server;
  let url: URL;
  let status = 403;
  let refusals: { path: string; descriptions: string[] };
  let exact: { path: string; descriptions: string[] };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'status-class-'));
    refusals = narrowed(TRUEPLAY_OPERATOR_PACT, (i) => i.response.status >= 400, dir, 'refusals.json');
    exact = narrowed(OPERATOR_TRUEPLAY_PACT, (i) => i.response.status === 404 && i.response.matchingRules?.status === undefined, dir, 'exact.json');
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'SOMETHING_ELSE', message: 'refused in its own words' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('the pacts carry the rule: every refusal of trueplay-operator.json, and not the exact ones', () => {
    const pact = JSON.parse(readFileSync(TRUEPLAY_OPERATOR_PACT, 'utf8')) as PactFile;
    const rules = pact.interactions.filter((i) => i.response.status >= 400).map((i) => i.response.matchingRules?.status);
    expect(rules).toHaveLength(3);
    for (const rule of rules) expect(rule).toEqual(CLIENT_ERROR);
    expect(exact.descriptions.length).toBeGreaterThan(0);
  });

  const standalone = async (pact: string) => {
    const report = join(dir, `report-${status}.json`);
    const args = ['-f', pact, '-h', url.hostname, '-p', url.port, '-n', 'provider', '--no-colour', '-j', report];
    const exit = await run(PACT_VERIFIER, args, { env: { ...process.env, PACT_DO_NOT_TRACK: 'true' }, maxBuffer: 16 * 1024 * 1024 }).then(() => 0, (error: { code?: number }) => error.code ?? -1);
    const results = JSON.parse(readFileSync(report, 'utf8')) as { result: boolean; errors: { interaction: string; mismatch: unknown }[] };
    return { exit, passed: results.result, errors: results.errors, text: JSON.stringify(results.errors) };
  };

  const pactJs = async (pact: string) => {
    try {
      await new Verifier({ provider: 'provider', providerBaseUrl: url.origin, pactUrls: [pact], logLevel: 'error' }).verifyProvider();
      return { passed: true, text: '' };
    } catch (error) {
      return { passed: false, text: String((error as Error).message ?? error) };
    }
  };

  it.each([403, 422])('Pact\'s standalone verifier passes a %i to every refusal interaction', async (answer) => {
    status = answer;
    const outcome = await standalone(refusals.path);
    expect(outcome.errors).toEqual([]);
    expect(outcome.passed).toBe(true);
    expect(outcome.exit).toBe(0);
  });

  it.each([200, 500])('Pact\'s standalone verifier fails a %i for every refusal interaction, on its status', async (answer) => {
    status = answer;
    const outcome = await standalone(refusals.path);
    expect(outcome.passed).toBe(false);
    expect(outcome.exit).not.toBe(0);
    expect(outcome.errors.map((e) => e.interaction).sort()).toEqual(refusals.descriptions.map((d) => expect.stringContaining(d)).sort());
    expect(outcome.text).toMatch(new RegExp(`\\b${answer}\\b`));
  });

  it('Pact\'s standalone verifier still fails another 4xx for an interaction that keeps its status exact', async () => {
    status = 400;
    const outcome = await standalone(exact.path);
    expect(outcome.passed).toBe(false);
    expect(outcome.errors).toHaveLength(exact.descriptions.length);
  });

  it.each([403, 422])('pact-js\'s Verifier passes a %i to every refusal interaction', async (answer) => {
    status = answer;
    const outcome = await pactJs(refusals.path);
    expect(outcome.text).toBe('');
    expect(outcome.passed).toBe(true);
  });

  it.each([200, 500])('pact-js\'s Verifier fails a %i for every refusal interaction', async (answer) => {
    status = answer;
    const outcome = await pactJs(refusals.path);
    expect(outcome.passed).toBe(false);
  });

  it('pact-js\'s Verifier still fails another 4xx for an interaction that keeps its status exact', async () => {
    status = 400;
    expect((await pactJs(exact.path)).passed).toBe(false);
  });
});
