/**
 * Refuses request bodies over the limit with 413 in the contract's error shape: by the declared Content-Length
 * before anything is read, and by counting bytes while reading (node-adapter.ts) when no length is declared.
 */
import type { MiddlewareHandler } from 'hono';
import { refusal } from '../domain/errors.js';
import { refusalResponse } from './errors.js';
import { requestHeader } from './node-adapter.js';

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

export function limitBodySize(maxSize = DEFAULT_BODY_LIMIT_BYTES): MiddlewareHandler {
  // Not async: passing next()'s promise on spares every call a wrapping promise.
  return function refuseLargeBodies(c, next) {
    const declared = Number(requestHeader(c, 'content-length') ?? 0);
    if (declared > maxSize) return Promise.resolve(refusalResponse(refusal('PAYLOAD_TOO_LARGE', `the request body is larger than ${maxSize} bytes`)));
    return next();
  };
}
