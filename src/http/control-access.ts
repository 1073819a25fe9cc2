/**
 * Who may use the control APIs (`/sandbox/...` on both sides): anyone while the sandbox stays on loopback, only
 * holders of the control token once it listens where other machines reach it (its operators' keys and secrets are
 * one GET away there). Both sides share this one mechanism and this one token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { Refusal } from '../domain/errors.js';
import { refusalResponse } from './errors.js';
import type { SandboxEnv } from './env.js';
import { requestHeader } from './node-adapter.js';

/** The environment variable `start` and the clients read the control token from. */
export const CONTROL_TOKEN_ENV = 'TRUEPLAY_SANDBOX_CONTROL_TOKEN';

/** Only this machine can reach a server on it: 127.0.0.0/8, ::1 (also IPv4-mapped) and the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) !== 6) return false;
  // The URL parser writes every spelling of an IPv6 address the same way (::1, ::ffff:7f00:1 for 127.0.0.1).
  const normal = new URL(`http://[${bare}]`).hostname;
  return normal === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(normal);
}

/** Every interface: the sandbox is then reachable at each of the machine's addresses. */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

export interface ControlAccess {
  /** null: the control APIs are open (loopback, no token asked for). */
  token: string | null;
  /** True when the sandbox made the token up: it must then be shown once to whoever started it. */
  generated: boolean;
}

/** The token in force: the one given; else, off loopback, a fresh random one; else none. */
export function controlAccessFor(host: string, given: string | undefined): ControlAccess {
  if (given !== undefined && given !== '') return { token: given, generated: false };
  if (isLoopbackHost(host)) return { token: null, generated: false };
  return { token: randomBytes(24).toString('base64url'), generated: true };
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time: hashing first gives equal lengths, so neither the length nor a matching prefix shows in the timing. */
function sameToken(offered: string, token: string): boolean {
  return timingSafeEqual(digest(offered), digest(token));
}

function refusal(message: string): Response {
  const response = refusalResponse(new Refusal('UNAUTHORIZED', message));
  response.headers.set('www-authenticate', 'Bearer realm="trueplay-sandbox control API"');
  return response;
}

/** Middleware for `/sandbox/*`: passes everything when there is no token, else only `Authorization: Bearer <token>`. */
export function requireControlToken(token: string | null): MiddlewareHandler<SandboxEnv> {
  return function checkControlToken(c, next) {
    if (token === null) return next();
    const authorization = requestHeader(c, 'authorization');
    if (!authorization) {
      return Promise.resolve(refusal('this sandbox\'s control API needs Authorization: Bearer <control token> (the one given to `start`, or the one it printed)'));
    }
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    if (!match || !sameToken(match[1]!, token)) return Promise.resolve(refusal('the Authorization header does not carry this sandbox\'s control token'));
    return next();
  };
}

/** The header a client of a control API sends: nothing without a token. */
export function controlHeaders(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** For a client's error message: what to do about a 401 from a locked control API (empty for any other answer). */
export function refusedFor(response: Response): string {
  return response.status === 401 && /^Bearer/i.test(response.headers.get('www-authenticate') ?? '')
    ? ` (its control API is locked: pass --control-token or set ${CONTROL_TOKEN_ENV})`
    : '';
}
