/**
 * Makes a capture repeatable: the fake Trueplay names each Token Exchange and each player event with a random
 * UUID, so the same scenario would write another pact every run. Each exchange UUID becomes `ex-000001`,
 * `ex-000002`…, each event's `00000000-0000-4000-8000-000000000001`…, in order of first appearance, and the
 * example signature is recomputed over the renamed body (verify re-signs it anyway).
 *
 * The example signature is made over the bytes a Pact verifier sends for the body: Pact keeps a body as a JSON
 * value with its keys sorted and sends it compact. So a provider with the sandbox's secret passes a verifier that
 * cannot re-sign (pact-cli's `pact-verifier`) with the pact's own signatures.
 */
import { signBody, SIGNATURE_HEADER } from '../signing/signature.js';
import { DEMO_OPERATOR } from '../demo-operator.js';
import { isObject, type CaptureRun, type CapturedCall } from './capture.js';
import { WRONG_SIGNATURE } from './pacts/trueplay-operator.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function withStableExchangeIds(run: CaptureRun, secretKey: string = DEMO_OPERATOR.secretKey): CaptureRun {
  const renamed = new Map<string, string>();
  const events = new Map<string, string>();
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (!isObject(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => {
        if ((key === 'id' || key === 'exchangeId') && typeof v === 'string' && UUID.test(v)) {
          if (!renamed.has(v)) renamed.set(v, `ex-${String(renamed.size + 1).padStart(6, '0')}`);
          return [key, renamed.get(v)];
        }
        // A player event's requestId stays UUID-shaped: an operator may well check that it is one.
        if (key === 'requestId' && typeof v === 'string' && UUID.test(v)) {
          if (!events.has(v)) events.set(v, `00000000-0000-4000-8000-${String(events.size + 1).padStart(12, '0')}`);
          return [key, events.get(v)];
        }
        return [key, rename(v)];
      }),
    );
  };
  const calls = run.calls.map((call): CapturedCall => {
    const body = rename(call.body);
    const headers = { ...call.headers };
    const signature = headers[SIGNATURE_HEADER];
    if (signature !== undefined && signature !== WRONG_SIGNATURE) headers[SIGNATURE_HEADER] = signBody(secretKey, asPactSendsIt(body));
    return { ...call, headers, body, responseBody: rename(call.responseBody) };
  });
  return { ...run, calls };
}

/** `body` as Pact's verifier serialises it: compact JSON, object keys sorted at every level. */
export function asPactSendsIt(body: unknown): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (!isObject(value)) return value;
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(value[key])]));
  };
  return body === undefined ? '' : JSON.stringify(sorted(body));
}
