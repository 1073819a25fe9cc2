/** The calls a scenario run made, in both directions, as the raw material pact interactions are written from. */

export type Provider = 'trueplay' | 'operator';

export interface CapturedCall {
  /** Where the call was seen, e.g. `contracts/scenarios/operator-calls.yaml#bet-again`. */
  origin: string;
  /** The side that answered the call. */
  provider: Provider;
  method: string;
  /** The path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Request headers, names in lower case. */
  headers: Record<string, string>;
  /** The parsed JSON request body; undefined when none. */
  body: unknown;
  status: number;
  /** The parsed JSON response body; undefined when none. */
  responseBody: unknown;
}

/** One scenario file's calls, in the order they were made. */
export interface CaptureRun {
  name: string;
  calls: CapturedCall[];
}

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export const bodyOf = (call: CapturedCall): Json => (isObject(call.body) ? call.body : {});
export const responseOf = (call: CapturedCall): Json => (isObject(call.responseBody) ? call.responseBody : {});

export const errorCodeOf = (call: CapturedCall): string | undefined => {
  const error = responseOf(call).error;
  return isObject(error) && typeof error.code === 'string' ? error.code : undefined;
};

/** A call to `method path` (path may hold `*` for one segment) answered `status`. */
export function isCall(call: CapturedCall, method: string, path: string, status?: number): boolean {
  const pattern = new RegExp(`^${path.split('*').map(escapeRegExp).join('[^/]+')}$`);
  return call.method === method && pattern.test(call.path) && (status === undefined || call.status === status);
}

/** `text` as a regex that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The campaign as the run last saw it (created or changed through the control API), for provider-state params. */
export function campaignSeenBefore(earlier: CapturedCall[], campaignId: number): Json | undefined {
  let latest: Json | undefined;
  for (const call of earlier) {
    const body = responseOf(call);
    if (call.provider === 'trueplay' && call.path.startsWith('/sandbox/campaigns') && call.status < 300 && body.id === campaignId) latest = body;
  }
  return latest;
}
