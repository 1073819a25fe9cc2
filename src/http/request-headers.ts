/**
 * Request headers on the hot path. On Node they are read from the IncomingMessage's plain object: asking Hono for
 * them builds a web Headers copy of every header for each request, a measurable share of an ingest call.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

const incomingOf = (c: Context) => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;

/** One header (name in lower case); repeated headers come joined with ", ". */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = incomingOf(c);
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Every header, names in lower case. Node's own object when it holds only strings: treat it as read-only. */
export function requestHeaders(c: Context): Record<string, string> {
  const incoming = incomingOf(c);
  if (!incoming) return Object.fromEntries(c.req.raw.headers);
  // Node joins a repeated header into one string, except the few it keeps as arrays (set-cookie): copy only then.
  for (const name in incoming.headers) {
    if (typeof incoming.headers[name] !== 'string') return joinedHeaders(incoming.headers);
  }
  return incoming.headers as Record<string, string>;
}

function joinedHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) joined[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return joined;
}
