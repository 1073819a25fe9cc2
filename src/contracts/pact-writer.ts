/**
 * Writes a pact file with pact-js's PactV4 (never by hand): each interaction is declared with its provider
 * states and matchers, then the captured request is replayed against Pact's mock server, which checks it and
 * records the interaction.
 */
import './pact-env.js';
import { MatchersV3 as M, PactV4 } from '@pact-foundation/pact';
import { makeConsumerPact } from '@pact-foundation/pact-core';
import type { JsonMap } from '@pact-foundation/pact/src/common/jsonTypes.js';
import { isObject, type CaptureRun, type CapturedCall } from './capture.js';
import type { InteractionSpec, PactSpec, ProviderState } from './interaction.js';
import { clientError, errorMatchers, pathFromState, requestMatchers, responseMatchers, SIGNATURE_PATTERN, success } from './matchers.js';
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
  for (const interaction of planned) await recordInteraction(writer, pact, interaction);
}

/** One interaction: declared with its states and matchers, then the captured call replayed against a mock server. */
async function recordInteraction(writer: PactV4, pact: PactSpec, { spec, call, states }: PlannedInteraction): Promise<void> {
  let interaction = writer.addInteraction();
  for (const { name, params } of states) interaction = interaction.given(name, params as JsonMap);
  const statePath = spec.pathFromState?.(call);
  const path = statePath ? (pathFromState(statePath, call.path) as ReturnType<typeof M.regex>) : call.path;
  const signed = pact.answeredBy === 'operator';
  await interaction
    .uponReceiving(spec.description)
    .comment(spec.pins)
    .withRequest(call.method, path, (request) => {
      request.headers(requestHeaders(call));
      if (Object.keys(call.query).length > 0) request.query(call.query);
      if (call.body !== undefined) request.jsonBody(signed ? requestMatchers(call.body) : call.body);
    })
    .willRespondWith(statusOf(spec, call), (response) => {
      if (call.responseBody !== undefined && call.status !== 204 && !spec.acknowledgedOnly) response.jsonBody(pinned(spec, call.responseBody) as JsonMap);
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
      await untilRecorded(mockServer.port);
    });
}

/**
 * Pact's mock server sends its answer before it records the request as received, and pact-js judges the interaction
 * as soon as this callback returns. On a busy machine (parallel test files, several generations at once) the verdict
 * could come first: "expected but not received" for a call the mock server had just answered. So the callback returns
 * only once the mock server has recorded the call, matched or not. The mock server's results are looked up by port
 * alone, which a ConsumerPact of pact-core's own public API can do for any port. Exported for the tests' own
 * pact-js consumer pacts, which meet the same race.
 */
const RECORDING_DEADLINE_MS = 5_000;
let inspector: ReturnType<typeof makeConsumerPact> | undefined;

export async function untilRecorded(port: number): Promise<void> {
  inspector ??= makeConsumerPact('trueplay-sandbox', 'mock-server-inspector');
  const recorded = () => inspector!.mockServerMatchedSuccessfully(port) || inspector!.mockServerMismatches(port).some((result) => 'type' in result && result.type !== 'missing-request');
  const started = performance.now();
  // Past the deadline, pact-js gives its own verdict, which names what the mock server did not see.
  while (!recorded() && performance.now() - started < RECORDING_DEADLINE_MS) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** The status as the pact pins it: an acknowledgement or a refusal by its class unless the spec keeps it exact, else exact. */
function statusOf(spec: InteractionSpec, call: CapturedCall): number {
  if (spec.acknowledgedOnly) return success(call.status);
  return call.status >= 400 && call.status < 500 && spec.exactStatus !== true ? clientError(call.status) : call.status;
}

/** The answer as the pact pins it: an error by its shape (never its code), else the fields the consumer reads. */
function pinned(spec: InteractionSpec, body: unknown): unknown {
  if (!isObject(body)) return responseMatchers(body);
  if (isObject(body.error)) return errorMatchers(body.error);
  const read = spec.reads ? Object.fromEntries(spec.reads.filter((k) => k in body).map((k) => [k, body[k]])) : body;
  return responseMatchers(read);
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
