/**
 * Refuses a call from Trueplay unless X-REQUEST-SIGNATURE matches the raw body bytes under the operator's secret.
 * Runs before the body is parsed or validated, so an unsigned call learns nothing about the contract.
 */
import type { MiddlewareHandler } from 'hono';
import type { SandboxEnv } from '../http/env.js';
import { errorResponse } from '../http/errors.js';
import { requestBody } from '../http/node-adapter.js';
import { SIGNATURE_HEADER, isValidSignature } from '../signing/signature.js';

export function requireSignature(secretKey: () => string): MiddlewareHandler<SandboxEnv> {
  return async function checkSignature(c, next) {
    const rawBody = await requestBody(c);
    const signature = c.req.header(SIGNATURE_HEADER);
    if (!isValidSignature(secretKey(), rawBody, signature)) {
      const why = signature ? 'does not match the body under the operator\'s secret key' : 'is missing';
      return errorResponse(401, 'INVALID_SIGNATURE', `${SIGNATURE_HEADER.toUpperCase()} ${why}`);
    }
    await next();
  };
}
