/**
 * The one module that reads Node's request (IncomingMessage). @hono/node-server hands each app Node's request in
 * Hono's context (`c.env.incoming`) beside a web Request it builds lazily; going through that Request builds a
 * Headers copy of every header and a body stream per call, more than the rest of an ingest request together. So
 * the apps read a request through the functions here: its headers, its target as sent, and its raw body, read once
 * and kept on the context (`rawBody`). Off Node (Hono's `app.request`, as some tests call it) they read the web
 * Request instead.
 *
 * The listener made here (createNodeServer) also answers, in the contract's Error shape, the requests refused
 * before an app sees them: without its hooks Node and @hono/node-server answered with a bare status and an empty
 * body: a non-ASCII byte in the URL or a broken header (Node's parser), a backslash in the path, a bad or missing
 * Host, an `ftp://` absolute URL, `OPTIONS *` (the adapter, which cannot build a URL), an `Expect` other than
 * 100-continue (417), and CONNECT (the socket was just closed).
 *
 * Not here: src/contracts/resign-filter.ts reads a request of Pact's proxy, whose type (IncomingMessage and a body)
 * is Pact's API, not a request to our apps.
 */
import { getRequestListener, RequestError, type HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { refusal } from '../domain/errors.js';
import { DEFAULT_BODY_LIMIT_BYTES } from './body-limit.js';
import type { SandboxEnv } from './env.js';
import { errorBody, errorResponse } from './errors.js';

export type Fetch = (request: Request, env: HttpBindings) => Response | Promise<Response>;

/**
 * A Node server (not yet listening) that serves `fetch`, refusing in the Error shape what no app can be asked:
 * anything thrown past the apps' own error handlers is logged with `logError` and answered 500 in that shape.
 */
export function createNodeServer(hostname: string, fetch: Fetch, logError?: (error: unknown) => void): Server {
  const listener = getRequestListener((request, env) => fetch(request, env as HttpBindings), {
    hostname,
    errorHandler: requestErrorResponse(logError),
  });
  // Node's own check of Host answers a bare 400; requireHost answers in the Error shape.
  const server = createServer({ requireHostHeader: false }, requireHost(listener));
  server.on('clientError', answerUnparsableRequest);
  server.on('checkExpectation', answerUnmetExpectation);
  server.on('connect', (_request: IncomingMessage, socket: Duplex) =>
    answerOnSocket(socket, 405, 'Method Not Allowed', 'METHOD_NOT_ALLOWED', 'CONNECT is not served here: this is not a proxy'),
  );
  return server;
}

const incomingOf = (c: Context) => (c.env as Partial<HttpBindings> | undefined)?.incoming;

/** One header (name in lower case); repeated headers come joined with ", ". */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = incomingOf(c);
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Every header, names in lower case. Node's own object when it holds only strings: treat it as read-only. */
export function requestHeaders(c: Context): Record<string, string> {
  const incoming = incomingOf(c);
  if (!incoming) return Object.fromEntries(c.req.raw.headers);
  // Node joins a repeated header into one string, except the few it keeps as arrays (set-cookie): copy only then.
  for (const name in incoming.headers) {
    if (typeof incoming.headers[name] !== 'string') return joinedHeaders(incoming.headers);
  }
  return incoming.headers as Record<string, string>;
}

function joinedHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) joined[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return joined;
}

/** The request target as sent (path and query string), without building a URL for it. */
export function requestTarget(c: Context): string {
  return incomingOf(c)?.url ?? c.req.url;
}

/**
 * The request body as raw bytes (signatures are over bytes), within the size limit. Read once: whoever needs it
 * first (an injected delay, the wallet's signature check, a contract route) reads it, and it is kept as `rawBody`.
 */
export async function requestBody(c: Context<SandboxEnv>, limit = DEFAULT_BODY_LIMIT_BYTES): Promise<Uint8Array> {
  const kept = c.get('rawBody');
  if (kept) return kept;
  const incoming = incomingOf(c);
  let bytes: Uint8Array;
  if (!incoming || incoming.readableEnded || incoming.readableDidRead) {
    bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > limit) throw tooLarge(limit);
  } else {
    bytes = await readIncoming(incoming, limit);
  }
  c.set('rawBody', bytes);
  return bytes;
}

const tooLarge = (limit: number) => refusal('PAYLOAD_TOO_LARGE', `the request body is larger than ${limit} bytes`);

/** The client hung up mid-body: nothing was read, nothing happens, and it is not a sandbox defect. */
const aborted = () => refusal('REQUEST_ABORTED', 'the request body ended before it was complete');

/** Listens to the stream's events: an async iterator over it costs a request more than the reading itself. */
function readIncoming(incoming: IncomingMessage, limit: number): Promise<Uint8Array> {
  // Gone before anyone listened: its events have fired already and would never come again.
  if (incoming.destroyed) return Promise.reject(aborted());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: () => void) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onAbort);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      // Stop reading at the limit, whatever the declared length says (chunked bodies have none).
      if (size <= limit) return void chunks.push(chunk);
      // The rest flows on unread; the 413 then closes the connection (errors.ts).
      settle(() => reject(tooLarge(limit)));
    };
    const onEnd = () => settle(() => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    const onAbort = () => settle(() => reject(aborted()));
    incoming.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onAbort);
  });
}

/**
 * The adapter's errorHandler: a request it could not turn into a Fetch Request is bad input. Anything else thrown
 * past the apps' own error handlers would be a defect: logged, and a 500 in the same shape.
 */
function requestErrorResponse(logError?: (error: unknown) => void) {
  return (error: unknown): Response => {
    if (error instanceof RequestError) {
      return errorResponse(400, 'MALFORMED_REQUEST', `the request cannot be served: ${error.message.toLowerCase()}`);
    }
    logError?.(error);
    return errorResponse(500, 'INTERNAL_ERROR', 'the sandbox failed on this request; this is a defect, please report it');
  };
}

/** HTTP/1.1 requires Host (RFC 9112 §3.2: a request without one is answered 400); HTTP/1.0 may leave it out. */
function requireHost(listener: (request: IncomingMessage, response: ServerResponse) => unknown) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (request.headers.host === undefined && request.httpVersion !== '1.0') {
      answerAndClose(response, 400, 'MALFORMED_REQUEST', 'an HTTP/1.1 request needs a Host header');
      return;
    }
    void listener(request, response);
  };
}

/** Connections answered with `connection: close`: whatever bytes follow on them are not a request to answer. */
const closing = new WeakSet<Duplex>();

function answerUnparsableRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable || closing.has(socket)) {
    socket.destroy();
    return;
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    answerOnSocket(socket, 431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'the request headers are larger than the server accepts');
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    answerOnSocket(socket, 408, 'Request Timeout', 'REQUEST_TIMEOUT', 'the request did not arrive in time');
  } else {
    answerOnSocket(socket, 400, 'Bad Request', 'MALFORMED_REQUEST', `the request is not valid HTTP/1.1 (${error.code ?? 'unparsable'})`);
  }
}

function answerUnmetExpectation(request: IncomingMessage, response: ServerResponse): void {
  const message = `Expect: ${request.headers.expect} is not supported (only 100-continue); send the request without it`;
  answerAndClose(response, 417, 'EXPECTATION_FAILED', message);
}

/** An answer before the app, closing the connection: the request's body, if any, is left unread. */
function answerAndClose(response: ServerResponse, status: number, code: string, message: string): void {
  closing.add(response.socket!);
  const body = JSON.stringify(errorBody(code, message));
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
  response.end(body);
}

/** Writes a whole answer on a socket no HTTP response object exists for, and closes it: its framing is lost. */
function answerOnSocket(socket: Duplex, status: number, reason: string, code: string, message: string): void {
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
