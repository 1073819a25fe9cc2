/** Every error either side answers, in the contract's one shape: {"error": {"code", "message", "details"?}}. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { SandboxError, type ErrorDetail } from '../domain/errors.js';

export function errorBody(code: string, message: string, details?: ErrorDetail[]) {
  return { error: details && details.length > 0 ? { code, message, details } : { code, message } };
}

export function errorResponse(status: number, code: string, message: string, details?: ErrorDetail[]): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  // A refused body may still be arriving, unread: end the connection, or its rest would be parsed as the next
  // request (after a chunked 413 the client's next call on that keep-alive connection hung ~6 s, then was reset).
  if (status === 413) headers.connection = 'close';
  return new Response(JSON.stringify(errorBody(code, message, details)), { status, headers });
}

/** Maps anything thrown by a handler to a response; an unexpected error is a defect, logged and answered 500 without a stack. */
export function createErrorHandler(log: (error: unknown, c: Context) => void) {
  return function handleError(error: unknown, c: Context): Response {
    if (error instanceof SandboxError) return errorResponse(error.status, error.code, error.message, error.details);
    if (error instanceof HTTPException) {
      if (error.status === 413) return errorResponse(413, 'PAYLOAD_TOO_LARGE', 'the request body is larger than the sandbox accepts');
      return errorResponse(error.status, 'HTTP_ERROR', error.message || 'the request could not be handled');
    }
    log(error, c);
    return errorResponse(500, 'INTERNAL_ERROR', 'the sandbox failed on this request; this is a defect, please report it');
  };
}

/** The path as the caller sent it: the wallet routes configured paths to its own (getPath), which c.req.path shows. */
export function pathAsSent(c: Context): string {
  return new URL(c.req.url).pathname;
}

/** A request as a defect's log line names it: the method and the path the caller sent. */
export function failedRequestOf(c: Context): { method: string; path: string } {
  return { method: c.req.method, path: pathAsSent(c) };
}
