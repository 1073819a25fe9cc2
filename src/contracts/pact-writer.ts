/**
 * Writes a pact file with pact-js's PactV4 (never by hand): each interaction is declared with its provider
 * states and matchers, then the captured request is replayed against Pact's mock server, which checks it and
 * records the interaction.
 */
import './pact-env.js';
import { request as httpRequest } from 'node:http';
import { MatchersV3 as M, PactV4 } from '@pact-foundation/pact';
import type { JsonMap } from '@pact-foundation/pact/src/common/jsonTypes.js';
import type { CaptureRun, CapturedCall } from './capture.js';
import type { InteractionSpec, PactSpec, ProviderState } from './interaction.js';
import { requestMatchers, responseMatchers, SIGNATURE_PATTERN } from './matchers.js';
import { WRONG_SIGNATURE } from './pacts/trueplay-operator.js';

export interface PlannedInteraction {
  spec: InteractionSpec;
  call: CapturedCall;
  states: ProviderState[];
}

/** For every interaction of the pact, the first captured call it picks (runs in order, calls in order). */
export function planInteractions(pact: PactSpec, runs: CaptureRun[]): PlannedInteraction[] {
  const missing: string[] = [];
  const planned: PlannedInteraction[] = [];
  for (const spec of pact.interactions) {
    const found = findCall(pact, spec, runs);
    if (found) planned.push(found);
    else missing.push(spec.description);
  }
  if (missing.length > 0) {
    throw new Error(`no scenario call for these ${pact.file} interactions (add a step that makes it):\n  - ${missing.join('\n  - ')}`);
  }
  return planned;
}

function findCall(pact: PactSpec, spec: InteractionSpec, runs: CaptureRun[]): PlannedInteraction | undefined {
  for (const run of runs) {
    for (const [index, call] of run.calls.entries()) {
      if (call.provider !== pact.answeredBy) continue;
      const earlier = run.calls.slice(0, index);
      if (spec.pick(call, earlier)) return { spec, call, states: spec.states(call, earlier) };
    }
  }
  return undefined;
}

/** Declares the interactions on a PactV4 and lets the mock server record them into `dir`. */
export async function writePact(pact: PactSpec, planned: PlannedInteraction[], dir: string): Promise<void> {
  const writer = new PactV4({ consumer: pact.consumer, provider: pact.provider, dir, logLevel: 'error' });
  for (const { spec, call, states } of planned) {
    let interaction = writer.addInteraction();
    for (const { name, params } of states) interaction = interaction.given(name, params as JsonMap);
    const statePath = spec.pathFromState?.(call);
    const path = statePath ? M.fromProviderState(statePath, call.path) : call.path;
    const signed = pact.answeredBy === 'operator';
    await interaction
      .uponReceiving(spec.description)
      .withRequest(call.method, path, (request) => {
        request.headers(requestHeaders(call));
        if (Object.keys(call.query).length > 0) request.query(call.query);
        if (call.body !== undefined) request.jsonBody(signed ? requestMatchers(call.body) : call.body);
      })
      .willRespondWith(call.status, (response) => {
        if (call.responseBody !== undefined && call.status !== 204) response.jsonBody(responseMatchers(call.responseBody));
      })
      .executeTest(async (mockServer) => {
        const url = new URL(call.path, mockServer.url);
        for (const [name, value] of Object.entries(call.query)) url.searchParams.set(name, value);
        await sendOnFreshConnection(url, call.method, {
          ...plainHeaders(call),
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        }, call.body === undefined ? undefined : JSON.stringify(call.body));
      });
  }
}

/**
 * Each interaction has a mock server of its own on a fresh port. A busy parallel test run once failed with "expected
 * but not received" for a call that had been sent; the likely cause is fetch's pool reusing a kept-alive socket to an
 * earlier mock server on the same port. One connection per call rules that out.
 */
function sendOnFreshConnection(url: URL, method: string, headers: Record<string, string>, body: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const sending = httpRequest(url, { method, headers, agent: false }, (response) => {
      response.on('error', reject).on('end', () => resolve()).resume();
    });
    sending.on('error', reject);
    sending.end(body);
  });
}

/** The headers a pact request states: the operator's key (exact) or Trueplay's signature (its format). */
function requestHeaders(call: CapturedCall): Record<string, string | ReturnType<typeof M.regex>> {
  const headers: Record<string, string | ReturnType<typeof M.regex>> = {};
  const apiKey = call.headers['x-api-key'];
  if (apiKey !== undefined) headers['X-API-KEY'] = apiKey;
  const signature = call.headers['x-request-signature'];
  if (signature !== undefined) {
    headers['X-REQUEST-SIGNATURE'] = signature === WRONG_SIGNATURE ? signature : M.regex(SIGNATURE_PATTERN, signature);
  }
  return headers;
}

function plainHeaders(call: CapturedCall): Record<string, string> {
  const headers: Record<string, string> = {};
  if (call.headers['x-api-key'] !== undefined) headers['x-api-key'] = call.headers['x-api-key'];
  if (call.headers['x-request-signature'] !== undefined) headers['x-request-signature'] = call.headers['x-request-signature'];
  return headers;
}
