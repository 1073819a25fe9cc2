/** One POST to the service under test, never throwing for the service's behaviour: a timeout or refused connection is an answer too. */
import { request } from 'node:http';
import { request as requestTls } from 'node:https';
import type { Readable } from 'node:stream';
import type { Exchange } from './types.js';

export interface Reply {
  /** Null when no HTTP answer came (timeout, connection refused or reset). */
  status: number | null;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
  error?: string;
  /**
   * The service closed the connection before it had taken the whole request body: it stopped reading (a body over its
   * size limit, typically, answered 413 at once) and hung up. Whether it answered first cannot be known: closing with
   * unread bytes makes its TCP send a reset, which can destroy the answer before the probe reads it (RFC 9112 §9.6).
   */
  bodyCutOff?: { bodyBytes: number };
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

/**
 * Each call goes out on a connection of its own (no pool: a reused keep-alive connection the service has dropped would
 * be the probe's problem, not the service's). The body is written whole; the answer is read even when it comes before
 * the body is all sent (a 413 for a body over the service's limit).
 */
export function postRaw({ url, body, headers, timeoutMs }: PostRequest): Promise<{ reply: Reply; durationMs: number }> {
  const started = performance.now();
  const payload = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const send = new URL(url).protocol === 'https:' ? requestTls : request;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (reply: Reply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ reply, durationMs: Math.round((performance.now() - started) * 10) / 10 });
    };
    const req = send(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(payload.length) } });
    const timer = setTimeout(() => {
      settle({ status: null, text: '', json: undefined, error: `no answer within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    let connected = false;
    req.on('socket', (socket) => socket.once('connect', () => (connected = true)));
    req.on('response', (res) => void readReply(res).then(settle));
    req.on('error', (error) => {
      const { code = error.message, syscall } = error as NodeJS.ErrnoException;
      // A reset from the service's TCP (EPIPE on a write, ECONNRESET on a read: both carry the syscall) means it closed
      // with bytes of the body still unread; had it read them all, its close would be a plain FIN, which Node reports as
      // "socket hang up" (ECONNRESET too, but without a syscall). Whether the write had completed says nothing: the
      // kernel takes a 1 MiB body into its buffers at once, and the write's callback can even run before its EPIPE.
      if (connected && syscall !== undefined && /^(EPIPE|ECONNRESET)$/.test(code)) {
        settle({
          status: null,
          text: '',
          json: undefined,
          error: `no answer: ${code}: the service closed the connection before taking the whole ${payload.length}-byte body; it stopped reading, and any answer it gave (a 413?) was lost to the reset its close caused`,
          bodyCutOff: { bodyBytes: payload.length },
        });
        return;
      }
      settle({ status: null, text: '', json: undefined, error: `no answer: ${code}` });
    });
    req.end(payload);
  });
}

/** An answer read to its end: status, text and JSON, or what broke it off. */
export function readReply(res: Readable & { statusCode?: number }): Promise<Reply> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status: res.statusCode ?? null, text, json: parseJsonOrUndefined(text) });
    });
    res.on('error', (error) => resolve({ status: res.statusCode ?? null, text: Buffer.concat(chunks).toString('utf8'), json: undefined, error: `the answer broke off: ${(error as NodeJS.ErrnoException).code ?? error.message}` }));
  });
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
