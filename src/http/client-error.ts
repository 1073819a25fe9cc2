/**
 * Requests refused before an app sees them still get the contract's Error shape. Without these hooks Node and
 * @hono/node-server answered with a bare status and an empty body: a non-ASCII byte in the URL or a broken header
 * (Node's parser), a backslash in the path, a bad or missing Host, an `ftp://` absolute URL, `OPTIONS *` (the
 * adapter, which cannot build a URL), an `Expect` other than 100-continue (417), and CONNECT (the socket was just
 * closed).
 */
import { RequestError } from '@hono/node-server';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorBody, errorResponse } from './errors.js';

/** Installs every hook on a server whose request listener is the adapter's (see requestErrorResponse). */
export function answerRefusalsInErrorShape(server: Server): void {
  server.on('clientError', answerUnparsableRequest);
  server.on('checkExpectation', answerUnmetExpectation);
  server.on('connect', (_request: IncomingMessage, socket: Duplex) =>
    answerOnSocket(socket, 405, 'Method Not Allowed', 'METHOD_NOT_ALLOWED', 'CONNECT is not served here: this is not a proxy'),
  );
}

/**
 * The adapter's errorHandler: a request it could not turn into a Fetch Request is bad input. Anything else thrown
 * past the apps' own error handlers would be a defect: logged, and a 500 in the same shape.
 */
export function requestErrorResponse(logError?: (error: unknown) => void) {
  return (error: unknown): Response => {
    if (error instanceof RequestError) {
      return errorResponse(400, 'MALFORMED_REQUEST', `the request cannot be served: ${error.message.toLowerCase()}`);
    }
    logError?.(error);
    return errorResponse(500, 'INTERNAL_ERROR', 'the sandbox failed on this request; this is a defect, please report it');
  };
}

/** HTTP/1.1 requires Host (RFC 9112 §3.2: a request without one is answered 400); HTTP/1.0 may leave it out. */
export function requireHost(listener: (request: IncomingMessage, response: ServerResponse) => unknown) {
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

export function answerUnparsableRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
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
