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

/** Every header, names in lower case. */
export function requestHeaders(c: Context): Record<string, string> {
  const incoming = incomingOf(c);
  if (!incoming) return Object.fromEntries(c.req.raw.headers);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
