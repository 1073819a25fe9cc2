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

export function sandboxUrls(listening: Listening): SandboxUrls {
  // An IPv6 literal goes in brackets in a URL.
  const host = listening.host.includes(':') ? `[${listening.host}]` : listening.host;
  return { trueplay: `http://${host}:${listening.trueplayPort}`, wallet: `http://${host}:${listening.walletPort}` };
}
