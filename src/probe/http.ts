/** One POST to the service under test, never throwing for the service's behaviour: a timeout or refused connection is an answer too. */
import type { Exchange } from './types.js';

export interface Reply {
  /** Null when no HTTP answer came (timeout, connection refused or reset). */
  status: number | null;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
  error?: string;
}

export interface PostRequest {
  url: string;
  body: string | Uint8Array;
  headers: Record<string, string>;
  timeoutMs: number;
}

const DISPLAY_LIMIT = 4000;
const utf8 = new TextDecoder('utf-8', { fatal: false });

/** A body as a person should see it in a report: text, cut to a readable length. */
export function displayBody(body: string | Uint8Array): string {
  const text = typeof body === 'string' ? body : utf8.decode(body);
  return text.length > DISPLAY_LIMIT ? `${text.slice(0, DISPLAY_LIMIT)}… (${text.length - DISPLAY_LIMIT} more characters)` : text;
}

export function byteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}

export function parseJsonOrUndefined(text: string): unknown {
  try {
    return text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export async function postRaw({ url, body, headers, timeoutMs }: PostRequest): Promise<{ reply: Reply; durationMs: number }> {
  const started = performance.now();
  let reply: Reply;
  try {
    // Bytes go out as a plain Uint8Array copy: fetch's types want an ArrayBuffer-backed view.
    const payload = typeof body === 'string' ? body : new Uint8Array(body);
    const response = await fetch(url, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    reply = { status: response.status, text, json: parseJsonOrUndefined(text) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `no answer: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
    reply = { status: null, text: '', json: undefined, error: why };
  }
  return { reply, durationMs: Math.round((performance.now() - started) * 10) / 10 };
}

export function exchangeRecord(
  purpose: Exchange['purpose'],
  label: string,
  request: PostRequest,
  reply: Reply,
  durationMs: number,
): Exchange {
  return {
    purpose,
    label,
    request: { method: 'POST', url: request.url, headers: request.headers, body: displayBody(request.body), bodyBytes: byteLength(request.body) },
    response: { status: reply.status, body: displayBody(reply.text), ...(reply.error ? { error: reply.error } : {}), durationMs },
  };
}
