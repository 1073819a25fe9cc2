/**
 * Where the sandbox's two servers are reached: the one place their URLs are derived, for the start output,
 * the demo operator's callbacks, /docs and the OpenAPI documents served at runtime. Today that is where each
 * server listens; an option naming a public URL (behind a proxy, another host) belongs here too.
 */
export interface SandboxUrls {
  /** The fake Trueplay, e.g. http://127.0.0.1:4010 (no trailing slash). */
  trueplay: string;
  /** The fake operator wallet. */
  wallet: string;
}

export interface Listening {
  host: string;
  trueplayPort: number;
  walletPort: number;
}

/** Where this machine reaches the two servers: a wildcard listener (0.0.0.0, ::) answers on loopback too. */
export function sandboxUrls(listening: Listening): SandboxUrls {
  const reach = listening.host === '0.0.0.0' ? '127.0.0.1' : listening.host === '::' ? '::1' : listening.host;
  // An IPv6 literal goes in brackets in a URL.
  const host = reach.includes(':') ? `[${reach}]` : reach;
  return { trueplay: `http://${host}:${listening.trueplayPort}`, wallet: `http://${host}:${listening.walletPort}` };
}
