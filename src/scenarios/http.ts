/** Sends a step's HTTP call to the side it names: adds the operator's key or signature, and records both ends. */
import { controlHeaders } from '../http/control-access.js';
import { signBody, SIGNATURE_HEADER } from '../signing/signature.js';
import type { ActingOperator, HttpCall, RecordedCall } from './steps/types.js';

export interface Endpoints {
  trueplayUrl: string;
  walletUrl: string;
  /** The running sandbox's control token, for its /sandbox/... calls. */
  controlToken?: string;
}

const CALL_TIMEOUT_MS = 120_000;

export async function sendCall(endpoints: Endpoints, operator: ActingOperator, call: HttpCall): Promise<RecordedCall> {
  const base = call.side === 'wallet' ? endpoints.walletUrl : endpoints.trueplayUrl;
  // A link handed out earlier (`${steps.link.response.url}/withdraw`) is followed on this target, whatever its origin.
  const url = `${base}${/^https?:\/\//i.test(call.path) ? pathAndQuery(call.path) : call.path}`;
  const bodyText = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  const headers: Record<string, string> = {};
  if (bodyText !== undefined) headers['content-type'] = 'application/json';
  if (call.apiKey === true) headers['x-api-key'] = operator.apiKey;
  else if (typeof call.apiKey === 'string') headers['x-api-key'] = call.apiKey;
  if (call.sign) {
    headers[SIGNATURE_HEADER] = call.sign.signature ?? signBody(call.sign.secretKey ?? operator.secretKey, bodyText ?? '');
  }
  Object.assign(headers, call.headers);

  // The token goes on the wire only: recorded requests end up in reports and pacts.
  const sent = call.path.startsWith('/sandbox/') ? { ...controlHeaders(endpoints.controlToken), ...headers } : headers;
  const response = await fetch(url, { method: call.method, headers: sent, body: bodyText, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
  const text = await response.text();
  return {
    request: { side: call.side, method: call.method, url, path: call.path, headers, body: parseBody(bodyText) },
    response: { status: response.status, headers: Object.fromEntries(response.headers), body: parseBody(text), text },
  };
}

/** JSON bodies parsed; anything else kept as text; no body is null. */
function parseBody(text: string | undefined): unknown {
  if (text === undefined || text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function pathAndQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
