/** Holds each answer until the changes it reports are committed (the store's unit of work, src/store/unit-of-work.ts), so none is lost to a crash. */
import type { MiddlewareHandler } from 'hono';

export function replyWhenDurable(durable: () => Promise<void>): MiddlewareHandler {
  // Not async: chaining on next()'s promise spares every call an async frame.
  return function waitForCommit(_c, next) {
    return next().then(durable);
  };
}
