/** Holds each answer until the changes it reports are committed (the store's group commit), so none is lost to a crash. */
import type { MiddlewareHandler } from 'hono';

export function replyWhenDurable(durable: () => Promise<void>): MiddlewareHandler {
  return async function waitForCommit(_c, next) {
    await next();
    await durable();
  };
}
