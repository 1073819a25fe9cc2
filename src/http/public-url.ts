/**
 * The base URLs others reach the two servers at — in loyalty links, the docs' servers and the start output. A
 * configured one (`--public-url`, `--operator-public-url`) wins: behind docker's port mapping, a proxy or a service
 * name, only the user knows it. Without one, a link names what the request's Host header shows, which is how the
 * caller reached this server.
 */
import type { Context } from 'hono';

export interface PublicUrls {
  /** The fake Trueplay's, as configured. */
  trueplay?: string;
  /** The fake wallet's, as configured. */
  wallet?: string;
  /** The wallet's port: without a configured wallet URL, it is the Trueplay URL's host on this port. */
  walletPort?: number;
}

/** A public URL as given: http(s), no query or fragment; a trailing slash is dropped so paths can be appended. */
export function parsePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`"${value}" is not a URL; give the base URL others reach this server at, e.g. http://sandbox:4010`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('a public URL is http:// or https://');
  if (url.search || url.hash || url.username || url.password) throw new Error('a public URL has no query, fragment or credentials');
  return url.href.replace(/\/+$/, '');
}

/** The origin the caller reached this server at (Node builds the request URL from its Host header). */
export function requestOrigin(c: Context): string {
  return new URL(c.req.url).origin;
}

export function trueplayPublicUrl(urls: PublicUrls, c: Context): string {
  return urls.trueplay ?? requestOrigin(c);
}

/** The wallet's public URL as seen from a request to the fake Trueplay; null when its port is not known. */
export function walletPublicUrl(urls: PublicUrls, c: Context): string | null {
  return walletUrlBeside(urls, trueplayPublicUrl(urls, c));
}

/** The wallet's public URL beside the fake Trueplay's: the configured one, else the same host on the wallet's port. */
export function walletUrlBeside(urls: PublicUrls, trueplayUrl: string): string | null {
  if (urls.wallet) return urls.wallet;
  return urls.walletPort === undefined ? null : withPort(trueplayUrl, urls.walletPort);
}

/** The same scheme and host on another port (its path dropped: the other server lives at its root). */
export function withPort(base: string, port: number): string {
  const url = new URL(base);
  url.port = String(port);
  return url.origin;
}
