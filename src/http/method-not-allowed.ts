/**
 * A path the server knows, called with a method it does not serve there, is 405 with `Allow` (RFC 9110 §15.5.6),
 * not 404. The methods come from the app's own router, so the answer follows every route as registered.
 */
import type { Context, Hono } from 'hono';
import type { SandboxEnv } from './env.js';
import { refusal } from '../domain/errors.js';
import { errorResponse, refusalResponse } from './errors.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The methods routes (not middleware, which is registered for ALL) answer on `path`; HEAD wherever GET is. */
export function allowedMethods(app: Hono<SandboxEnv>, path: string): string[] {
  const allowed: string[] = METHODS.filter((method) =>
    (app.router.match(method, path)[0] as [[unknown, { method: string }], unknown][]).some(([[, route]]) => route.method !== 'ALL'));
  if (allowed.includes('GET')) allowed.splice(1, 0, 'HEAD');
  return allowed;
}

/** The not-found handler of a server: 405 with `Allow` for a known path, else 404 naming the request as sent (and `hint`). */
export function notFoundOrNotAllowed(app: Hono<SandboxEnv>, describe: (c: Context) => string, hint: (c: Context) => string = () => '') {
  return (c: Context): Response => {
    const allowed = allowedMethods(app, c.req.path);
    if (allowed.length === 0) return refusalResponse(refusal('NOT_FOUND', `no route for ${describe(c)}${hint(c)}`));
    const response = errorResponse(405, 'METHOD_NOT_ALLOWED', `${describe(c)}: this path answers ${allowed.join(', ')}`);
    response.headers.set('allow', allowed.join(', '));
    return response;
  };
}
