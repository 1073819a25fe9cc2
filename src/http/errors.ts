/** Every error either side answers, in the contract's one shape: {"error": {"code", "message", "details"?}}. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { Refusal, type RefusalCode, type RefusalDetail } from '../domain/errors.js';

/** The status each refusal is answered with: one entry per code, and the only place a refusal meets HTTP. */
export const REFUSAL_STATUS: Record<RefusalCode, 400 | 401 | 403 | 404 | 409 | 413> = {
  VALIDATION_ERROR: 400,
  MALFORMED_JSON: 400,
  REQUEST_ABORTED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNKNOWN_PROVIDER_STATE: 400,
  UNAUTHORIZED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  OPERATOR_MISMATCH: 403,
  NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  OPERATOR_NOT_FOUND: 404,
  CAMPAIGN_NOT_FOUND: 404,
  REFERENCE_NOT_FOUND: 404,
  AMOUNT_TOO_SMALL: 400,
  CURRENCY_MISMATCH: 400,
  INSUFFICIENT_FUNDS: 400,
  INSUFFICIENT_TOKENS: 400,
  BALANCE_LIMIT_EXCEEDED: 400,
  TOKEN_LIMIT_EXCEEDED: 400,
  STAKE_LIMIT_EXCEEDED: 400,
  EXCHANGE_FAILED: 400,
  KYC_IRREVERSIBLE: 400,
  CLOCK_BACKWARDS: 400,
  DUPLICATE_TRANSACTION: 409,
  API_KEY_TAKEN: 409,
  CAMPAIGN_TYPE_MISMATCH: 409,
  CAMPAIGN_NOT_ACTIVE: 409,
  INVALID_STATUS_TRANSITION: 409,
  NOTHING_TO_RECORD: 409,
};

/** An error detail as the wire shows it: a field of the body named by the domain becomes a JSON pointer. */
function wireDetail({ field, path, message }: RefusalDetail): { path?: string; message: string } {
  const pointer = path ?? (field === undefined ? undefined : `/body/${field.split('.').join('/')}`);
  return pointer === undefined ? { message } : { path: pointer, message };
}

export function errorBody(code: string, message: string, details?: RefusalDetail[]) {
  return { error: details && details.length > 0 ? { code, message, details: details.map(wireDetail) } : { code, message } };
}

/** A refusal (thrown, or a service's refused outcome) as an answer: its code's status, the contract's error shape. */
export function refusalAnswer(refusal: Pick<Refusal, 'code' | 'message' | 'details'>) {
  return { status: REFUSAL_STATUS[refusal.code], body: errorBody(refusal.code, refusal.message, refusal.details) };
}

export function refusalResponse(refusal: Refusal): Response {
  return errorResponse(REFUSAL_STATUS[refusal.code], refusal.code, refusal.message, refusal.details);
}

export function errorResponse(status: number, code: string, message: string, details?: RefusalDetail[]): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  // A refused body may still be arriving, unread: end the connection, or its rest would be parsed as the next
  // request (after a chunked 413 the client's next call on that keep-alive connection hung ~6 s, then was reset).
  if (status === 413) headers.connection = 'close';
  return new Response(JSON.stringify(errorBody(code, message, details)), { status, headers });
}

/** Maps anything thrown by a handler to a response; an unexpected error is a defect, logged and answered 500 without a stack. */
export function createErrorHandler(log: (error: unknown, c: Context) => void) {
  return function handleError(error: unknown, c: Context): Response {
    if (error instanceof Refusal) return refusalResponse(error);
    if (error instanceof HTTPException) {
      if (error.status === 413) return refusalResponse(new Refusal('PAYLOAD_TOO_LARGE', 'the request body is larger than the sandbox accepts'));
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
