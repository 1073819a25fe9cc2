/** Refuses request bodies over the limit with 413 in the contract's error shape, before they are read. */
import { bodyLimit } from 'hono/body-limit';
import { errorResponse } from './errors.js';

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

export function limitBodySize(maxSize = DEFAULT_BODY_LIMIT_BYTES) {
  return bodyLimit({
    maxSize,
    onError: () => errorResponse(413, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${maxSize} bytes`),
  });
}
