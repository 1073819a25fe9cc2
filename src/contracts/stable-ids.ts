/**
 * Makes a capture repeatable: the fake Trueplay names each Token Exchange with a random UUID, so the same
 * scenario would write another pact every run. Each UUID becomes `ex-000001`, `ex-000002`… in order of first
 * appearance, and the example signature is recomputed over the renamed body (verify re-signs it anyway).
 */
import { signBody, SIGNATURE_HEADER } from '../signing/signature.js';
import { DEMO_OPERATOR } from '../demo-operator.js';
import { isObject, type CaptureRun, type CapturedCall } from './capture.js';
import { WRONG_SIGNATURE } from './pacts/trueplay-operator.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function withStableExchangeIds(run: CaptureRun, secretKey: string = DEMO_OPERATOR.secretKey): CaptureRun {
  const renamed = new Map<string, string>();
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (!isObject(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => {
        if ((key === 'id' || key === 'exchangeId') && typeof v === 'string' && UUID.test(v)) {
          if (!renamed.has(v)) renamed.set(v, `ex-${String(renamed.size + 1).padStart(6, '0')}`);
          return [key, renamed.get(v)];
        }
        return [key, rename(v)];
      }),
    );
  };
  const calls = run.calls.map((call): CapturedCall => {
    const body = rename(call.body);
    const headers = { ...call.headers };
    const signature = headers[SIGNATURE_HEADER];
    if (signature !== undefined && signature !== WRONG_SIGNATURE) headers[SIGNATURE_HEADER] = signBody(secretKey, JSON.stringify(body));
    return { ...call, headers, body, responseBody: rename(call.responseBody) };
  });
  return { ...run, calls };
}
