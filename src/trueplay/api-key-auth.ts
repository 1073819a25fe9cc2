/** X-API-KEY authentication of the Trueplay API: 401 when missing or unknown, 403 when the operator is disabled. */
import type { MiddlewareHandler } from 'hono';
import { refusal } from '../domain/errors.js';
import type { SandboxEnv } from '../http/env.js';
import { requestHeader } from '../http/node-adapter.js';
import type { TrueplayStore } from '../store/trueplay-store.js';

export function apiKeyAuth(store: TrueplayStore): MiddlewareHandler<SandboxEnv> {
  // Not async: a refusal throws at once, and passing next()'s promise on spares every call a wrapping promise.
  return function authenticateOperator(c, next) {
    const apiKey = requestHeader(c, 'x-api-key');
    if (!apiKey) throw refusal('UNAUTHORIZED', 'the X-API-KEY header is missing');
    const operator = store.operatorByApiKey(apiKey);
    if (!operator) throw refusal('UNAUTHORIZED', 'the X-API-KEY is not the key of any operator');
    c.set('operator', operator);
    if (!operator.enabled) throw refusal('FORBIDDEN', `operator ${operator.operatorId} is disabled`);
    return next();
  };
}
