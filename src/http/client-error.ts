/**
 * Requests Node's HTTP parser refuses (a non-ASCII byte in the URL, a broken header, a body with no framing) never
 * reach the apps; without this they got Node's bare "400 Bad Request" with no body. They get the contract's Error
 * shape like every other refusal, and the connection is closed since its framing can no longer be trusted.
 */
import type { Duplex } from 'node:stream';
import { errorBody } from './errors.js';

export function answerUnparsableRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'the request headers are larger than the server accepts']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'the request did not arrive in time']
        : [400, 'Bad Request', 'MALFORMED_REQUEST', `the request is not valid HTTP/1.1 (${error.code ?? 'unparsable'})`];
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
