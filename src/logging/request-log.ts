/**
 * One log line per request a sandbox server answers: direction, method, path, status and latency. A Hono
 * middleware, so either server mounts it first (`app.use(logRequests(logger, walletRequestKind))`), and only when
 * `wantsRequestLines(logger)`: below info it would write nothing. A defect is logged
 * anyway, with its request, by the app's error handler.
 */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';

export interface RequestKind {
  /** Who called whom: `operator->trueplay`, `player->trueplay`, `trueplay->operator`, or `control` for the sandbox's own tools. */
  direction: string;
  /** The dashboard's own polling and assets are debug noise; API calls are info. */
  level: 'info' | 'debug';
}

/** The fake Trueplay: operator API and loyalty page calls; the dashboard, docs and its data feeds are debug. */
export function trueplayRequestKind(path: string): RequestKind {
  if (path.startsWith('/api/')) return { direction: 'operator->trueplay', level: 'info' };
  if (path.startsWith('/loyalty/')) return { direction: 'player->trueplay', level: 'info' };
  const quiet = path === '/' || path === '/health' || path === '/sandbox/overview' || path.startsWith('/sandbox/journal')
    || path === '/docs' || path.startsWith('/docs/') || path.startsWith('/openapi/') || path === '/favicon.ico';
  return { direction: 'control', level: quiet ? 'debug' : 'info' };
}

/** The fake operator wallet: its control API under /sandbox/; everything else is Trueplay's callbacks (their paths are configurable). */
export function walletRequestKind(path: string): RequestKind {
  if (path === '/health') return { direction: 'control', level: 'debug' };
  if (path.startsWith('/sandbox/')) return { direction: 'control', level: 'info' };
  return { direction: 'trueplay->operator', level: 'info' };
}

/** Request lines are info (API calls) or debug (the dashboard's own traffic): none are written above info. */
export function wantsRequestLines(logger: Logger): boolean {
  return logger.isLevelEnabled('info');
}

export function logRequests(logger: Logger, server: 'trueplay' | 'wallet', kindOf: (path: string) => RequestKind): MiddlewareHandler {
  return async function logRequest(c, next) {
    const started = performance.now();
    await next();
    const { direction, level } = kindOf(c.req.path);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const status = c.res.status;
    // A 5xx is a defect (its error is logged by the app's onError); 4xx are normal answers to bad input.
    const at = status >= 500 ? 'warn' : level;
    // Below the log level nothing is built: the line would be thrown away on the hot path.
    if (!logger.isLevelEnabled(at)) return;
    const path = c.req.path;
    logger[at]({ server, direction, method: c.req.method, path, status, ms }, `${server} ${direction} ${c.req.method} ${path} ${status} ${ms}ms`);
  };
}
