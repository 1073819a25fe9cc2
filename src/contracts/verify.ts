/**
 * Runs pact-js's Verifier against a provider and turns its results into something to read: which interaction
 * failed and why. Provider states are sent to the provider's state-setup URL as Pact's standard body
 * {"state", "params", "action"}; results go to a Pact Broker when asked, with pact-js's own options.
 */
import './pact-env.js';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { readFileSync } from 'node:fs';
import { isObject, type Json } from './capture.js';
import { controlHeaders, refusedFor } from '../http/control-access.js';

export interface BrokerOptions {
  url: string;
  token?: string;
  /** The provider's version: required to publish verification results. */
  providerVersion?: string;
  providerBranch?: string;
  /** Publish the verification results to the broker. */
  publish?: boolean;
}

export interface VerificationRequest {
  /** The provider's name in the pacts: `operator` or `trueplay`. */
  provider: string;
  providerBaseUrl: string;
  /** Pact files to verify; absent with a broker: the broker's pacts for this provider. */
  pactFiles?: string[];
  /** Where provider states are set up (POST {"state","params","action"}). */
  stateUrl: string;
  /** Bearer token for the state URL (a sandbox's control token off loopback). */
  controlToken?: string;
  /** Rewrites each state's params before it is sent (e.g. the operatorId). */
  stateParams?: (params: Json) => Json;
  requestFilter?: VerifierOptions['requestFilter'];
  broker?: BrokerOptions;
  /** State names to handle besides those found in the pact files (a broker's pacts cannot be read first). */
  knownStates?: string[];
  logLevel?: VerifierOptions['logLevel'];
}

export interface InteractionFailure {
  interaction: string;
  problems: string[];
}

export interface VerificationResult {
  passed: boolean;
  /** Interaction descriptions with their outcome, in the order Pact verified them. */
  interactions: { description: string; passed: boolean }[];
  failures: InteractionFailure[];
  /** Provider states the state-setup URL refused or could not be reached for. */
  stateErrors: string[];
  /** Set when the verification could not run at all (bad URL, no pacts, broker unreachable). */
  error?: string;
}

/** Builds pact-js's Verifier options: kept apart so the mapping of our options to Pact's is plain to see. */
export function verifierOptions(request: VerificationRequest, stateErrors: string[]): VerifierOptions {
  const { broker } = request;
  const stateNames = new Set([...(request.knownStates ?? []), ...(request.pactFiles ?? []).flatMap(statesInPact)]);
  const stateHandlers = Object.fromEntries(
    [...stateNames].map((name) => [name, {
      setup: (params?: unknown) => forwardState(request, name, params, 'setup', stateErrors),
      teardown: (params?: unknown) => forwardState(request, name, params, 'teardown', stateErrors),
    }]),
  );
  return {
    provider: request.provider,
    providerBaseUrl: request.providerBaseUrl,
    pactUrls: request.pactFiles,
    // pact-js types stateHandlers as HTTP and message handlers at once; ours are the HTTP kind ({setup, teardown}).
    stateHandlers: stateHandlers as unknown as VerifierOptions['stateHandlers'],
    requestFilter: request.requestFilter,
    logLevel: request.logLevel ?? 'error',
    failIfNoPactsFound: true,
    ...(broker && !request.pactFiles ? { pactBrokerUrl: broker.url, consumerVersionSelectors: [{ latest: true }] } : {}),
    ...(broker?.token ? { pactBrokerToken: broker.token } : {}),
    ...(broker?.publish ? { publishVerificationResult: true, providerVersion: broker.providerVersion, providerVersionBranch: broker.providerBranch } : {}),
  };
}

export async function verifyPacts(request: VerificationRequest): Promise<VerificationResult> {
  const stateErrors: string[] = [];
  let raw: string;
  try {
    raw = await new Verifier(verifierOptions(request, stateErrors)).verifyProvider();
  } catch (error) {
    raw = (error as Error).message ?? String(error);
  }
  const result = parseResults(raw);
  // A state that could not be set up fails the verification even when its interaction passed without it.
  return { ...result, passed: result.passed && stateErrors.length === 0, stateErrors };
}

/** Sends one state change to the provider; failures are kept for the report (Pact itself only logs them). */
async function forwardState(request: VerificationRequest, state: string, params: unknown, action: 'setup' | 'teardown', errors: string[]) {
  const given = isObject(params) ? params : {};
  const body = JSON.stringify({ state, params: request.stateParams ? request.stateParams(given) : given, action });
  try {
    const headers = { 'content-type': 'application/json', ...controlHeaders(request.controlToken) };
    const response = await fetch(request.stateUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${response.status} ${text.slice(0, 300)}${refusedFor(response)}`);
    const values: unknown = text ? JSON.parse(text) : {};
    return isObject(values) ? (values as Record<string, never>) : undefined;
  } catch (error) {
    const message = `${action} of state "${state}" ${JSON.stringify(given)} at ${request.stateUrl} failed: ${(error as Error).message}`;
    errors.push(message);
    throw new Error(message);
  }
}

/** The provider state names a pact file uses. */
export function statesInPact(file: string): string[] {
  const pact = JSON.parse(readFileSync(file, 'utf8')) as { interactions?: { providerStates?: { name: string }[] }[] };
  return (pact.interactions ?? []).flatMap((i) => (i.providerStates ?? []).map((s) => s.name));
}

interface PactJsonResult {
  result?: boolean;
  errors?: { interaction?: string; mismatch?: { type?: string; message?: string; mismatches?: { mismatch?: string; path?: string; key?: string }[] } }[];
  interactionResults?: { description: string; result: string }[];
}

function parseResults(raw: string): Omit<VerificationResult, 'stateErrors'> {
  let json: PactJsonResult;
  try {
    json = JSON.parse(raw) as PactJsonResult;
  } catch {
    return { passed: false, interactions: [], failures: [], error: raw };
  }
  const failures = (json.errors ?? []).map((e) => ({
    interaction: (e.interaction ?? 'an interaction').replace(/^Verifying a pact between \S+ and \S+ /, ''),
    problems: e.mismatch?.mismatches?.map((m) => (m.path ? `${m.path}: ${m.mismatch}` : (m.mismatch ?? ''))) ?? [e.mismatch?.message ?? 'failed'],
  }));
  const interactions = (json.interactionResults ?? []).map((r) => ({ description: r.description, passed: r.result === 'Ok' || r.result === 'OK' }));
  return { passed: json.result === true && failures.length === 0, interactions, failures };
}
