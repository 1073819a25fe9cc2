/**
 * Writes a pact file with pact-js's PactV4 (never by hand): each interaction is declared with its provider
 * states and matchers, then the captured request is replayed against Pact's mock server, which checks it and
 * records the interaction.
 */
import './pact-env.js';
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

/**
 * A call can miss its mock server. With several pact runs at once (parallel test files, CI jobs on one host), a
 * call was answered as expected, by a mock server, yet its own mock server failed the run with "expected but not
 * received": about one run in two with four generators at once, now and then in a full test run. A failed
 * interaction writes nothing, and the next one gets a new mock server, so such an interaction is declared again,
 * a few times at most. Four generators at once then passed 20 runs out of 20.
 */
const ATTEMPTS_PER_INTERACTION = 3;
const MISSED_CALL = /expected but not received/;

/** Declares the interactions on a PactV4 and lets the mock server record them into `dir`. */
export async function writePact(pact: PactSpec, planned: PlannedInteraction[], dir: string): Promise<void> {
  const writer = new PactV4({ consumer: pact.consumer, provider: pact.provider, dir, logLevel: 'error' });
  for (const interaction of planned) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await recordInteraction(writer, pact, interaction);
        break;
      } catch (error) {
        if (attempt >= ATTEMPTS_PER_INTERACTION || !MISSED_CALL.test(String(error))) throw error;
      }
    }
  }
}

/** One interaction: declared with its states and matchers, then the captured call replayed against a mock server. */
async function recordInteraction(writer: PactV4, pact: PactSpec, { spec, call, states }: PlannedInteraction): Promise<void> {
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
      const sent = await fetch(url, {
        method: call.method,
        headers: { ...plainHeaders(call), ...(call.body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      });
      await sent.arrayBuffer();
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
