/**
 * The request filter of `verify operator`: Pact's verifier sends each pact request through a local proxy, and
 * this filter re-signs its body with the operator's secret over the exact bytes that go on to the service, so a
 * pact's example signature (made with the sandbox's secret) never decides the outcome. The bad-signature
 * interaction carries WRONG_SIGNATURE and is left as it is.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { signBody, SIGNATURE_HEADER } from '../signing/signature.js';
import { isObject } from './capture.js';
import { PLAYER_EVENT_PATH } from './pacts/trueplay-operator-player-events.js';
import { BALANCE_PATH, TOKEN_EXCHANGE_PATH, WRONG_SIGNATURE } from './pacts/trueplay-operator.js';

/** The proxy's request: express parsed the JSON body (or kept raw bytes), and forwards `req.body` as sent here. */
export type ProxiedRequest = IncomingMessage & { body?: unknown };

export interface ResignOptions {
  secretKey: string;
  /** Sent instead of the pact's operatorId (the sandbox's demo operator, 1). */
  operatorId?: number;
  /** The service's own paths, when they are not the contract's defaults. */
  balancePath?: string;
  tokenExchangePath?: string;
  playerEventPath?: string;
}

export function resigningFilter(options: ResignOptions) {
  const paths = new Map([
    [BALANCE_PATH, options.balancePath],
    [TOKEN_EXCHANGE_PATH, options.tokenExchangePath],
    [PLAYER_EVENT_PATH, options.playerEventPath],
  ]);
  return function resign(req: ProxiedRequest, _res: ServerResponse, next: () => void): void {
    const signature = req.headers[SIGNATURE_HEADER];
    // Only the pact's signed calls carry the header; Pact's own state-change calls do not.
    if (signature === undefined) return next();
    const [path, query] = splitUrl(req.url ?? '/');
    const ownPath = paths.get(path);
    if (ownPath) req.url = query ? `${ownPath}?${query}` : ownPath;
    if (signature === WRONG_SIGNATURE) return next();
    let body = req.body;
    if (options.operatorId !== undefined && isObject(body) && 'operatorId' in body) body = { ...body, operatorId: options.operatorId };
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body === undefined ? '' : JSON.stringify(body));
    req.body = bytes;
    req.headers['content-length'] = String(bytes.length);
    req.headers[SIGNATURE_HEADER] = signBody(options.secretKey, bytes);
    next();
  };
}

function splitUrl(url: string): [string, string | undefined] {
  const at = url.indexOf('?');
  return at === -1 ? [url, undefined] : [url.slice(0, at), url.slice(at + 1)];
}
