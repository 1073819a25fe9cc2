/**
 * Starts both fake sides in one process on one SQLite file: the fake Trueplay and the fake operator wallet,
 * the demo operator's callbacks pointing at the wallet. Used by `trueplay-sandbox start`, the scenario runner and tests.
 * A file database is locked for the process (store/database-lock.ts): one sandbox per file.
 */
import type { Server } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { DEMO_OPERATOR } from './demo-operator.js';
import { controlAccessFor, isWildcardHost, type ControlAccess } from './http/control-access.js';
import { walletUrlBeside, type PublicUrls } from './http/public-url.js';
import type { FailedRequest, Logger } from './logging/logger.js';
import { errorResponse } from './http/errors.js';
import { createNodeServer, type Fetch } from './http/node-adapter.js';
import { lockDatabase } from './store/database-lock.js';
import { openDatabase, type SqliteDatabase } from './store/database.js';
import { unitOfWorkOf } from './store/unit-of-work.js';
import { createJournalStore, type JournalStore } from './store/journal-store.js';
import { createTrueplayStore } from './store/trueplay-store.js';
import { createWalletStore } from './store/wallet-store.js';
import { createTrueplayApp } from './trueplay/app.js';
import type { TrueplayOptions } from './trueplay/context.js';
import { casinoBalancesFromWallet } from './trueplay/dashboard/casino-balances.js';
import { sandboxUrls, type SandboxUrls } from './sandbox-urls.js';
import { createWalletApp } from './wallet/app.js';

export interface SandboxOptions extends Partial<TrueplayOptions> {
  /** The address both servers listen on (default 127.0.0.1); off loopback their control APIs need the control token. */
  host?: string;
  /** The base URLs others reach the fake Trueplay and the fake wallet at (src/http/public-url.ts). */
  trueplayPublicUrl?: string;
  walletPublicUrl?: string;
  /** The control APIs' token; off loopback one is generated when none is given. */
  controlToken?: string;
  trueplayPort?: number;
  operatorPort?: number;
  /** SQLite file, or ':memory:'. */
  db: string;
  apiKey?: string;
  secretKey?: string;
  playerEventsEnabled?: boolean;
  /** The demo operator's Play to Earn percent when it is created (default 0.1). */
  playToEarnPercent?: number;
  logError?: (error: unknown, request?: FailedRequest) => void;
  /** Request logs (one line per request); none when absent. */
  logger?: Logger;
  /** Real time as the sandbox clock follows it (default Date.now); a test stands the sandbox on another day with it. */
  realNow?: () => number;
  /** Periodic cashback settlement and retry of unknown exchanges (on by default; tests may turn it off). */
  backgroundWork?: boolean;
}

export interface RunningSandbox {
  /** Where this machine reaches the servers (a wildcard host is reached on loopback). */
  trueplayUrl: string;
  walletUrl: string;
  /** The URLs others should use: the configured public ones, else the listening address. */
  trueplayPublicUrl: string;
  walletPublicUrl: string;
  /** The address the servers listen on, as given. */
  host: string;
  controlAccess: ControlAccess;
  apiKey: string;
  secretKey: string;
  trueplay: ReturnType<typeof createTrueplayApp>;
  walletApp: ReturnType<typeof createWalletApp>;
  /** The journal of both directions, for in-process readers (the scenario runner) that need no HTTP round trip. */
  journal: JournalStore;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const apiKey = options.apiKey ?? DEMO_OPERATOR.apiKey;
  const secretKey = options.secretKey ?? DEMO_OPERATOR.secretKey;
  const control = controlAccessFor(host, options.controlToken);
  // The lock comes first and the ports next: a start that is refused or fails leaves the database as it was.
  const lock = options.db === ':memory:' ? undefined : lockDatabase(options.db);
  const walletServer = new DeferredServer(options.logError);
  const trueplayServer = new DeferredServer(options.logError);
  let db: SqliteDatabase | undefined;
  try {
    await walletServer.listen(host, options.operatorPort ?? 4020);
    await trueplayServer.listen(host, options.trueplayPort ?? 4010);
    const urls = sandboxUrls({ host, trueplayPort: trueplayServer.port(), walletPort: walletServer.port() });
    const { trueplay: trueplayUrl, wallet: walletUrl } = urls;
    db = openDatabase(options.db);
    const running = serveOn(db, walletServer, trueplayServer, { ...options, host, apiKey, secretKey, urls, control });
    lock?.announce({ trueplayUrl, walletUrl });
    let closed = false;
    const opened = db;
    return {
      ...running,
      async close() {
        if (closed) return;
        closed = true;
        await running.stop();
        await Promise.all([trueplayServer.close(), walletServer.close()]);
        await running.trueplay.drain();
        running.trueplay.stopPlayerEvents();
        unitOfWorkOf(opened).flush();
        opened.close();
        lock?.release();
      },
    };
  } catch (error) {
    await Promise.all([trueplayServer.close(), walletServer.close()]);
    db?.close();
    lock?.release();
    throw error;
  }
}

/** Both apps on an open database, answering on servers that already listen. */
function serveOn(
  db: SqliteDatabase,
  walletServer: DeferredServer,
  trueplayServer: DeferredServer,
  options: SandboxOptions & { host: string; apiKey: string; secretKey: string; urls: SandboxUrls; control: ControlAccess },
) {
  const { host, apiKey, secretKey, urls, control } = options;
  const { trueplay: trueplayUrl, wallet: walletUrl } = urls;
  const publicUrls: PublicUrls = { trueplay: options.trueplayPublicUrl, wallet: options.walletPublicUrl, walletPort: walletServer.port() };
  const shownUrl = (server: DeferredServer) => `http://${shownHost(host)}:${server.port()}`;
  const trueplayPublicUrl = options.trueplayPublicUrl ?? shownUrl(trueplayServer);
  const walletPublicUrl = options.trueplayPublicUrl ? walletUrlBeside(publicUrls, options.trueplayPublicUrl)! : (options.walletPublicUrl ?? shownUrl(walletServer));
  const journal = createJournalStore(db);
  // Both sides keep sandbox time: the wallet reads the fake Trueplay's clock, made just below.
  let sandboxNow: () => number = Date.now;
  const wallet = createWalletApp({
    journal,
    now: () => sandboxNow(),
    db,
    operatorId: DEMO_OPERATOR.operatorId,
    apiKey,
    secretKey,
    trueplayUrl: () => trueplayUrl,
    logError: options.logError,
    logger: options.logger,
    controlToken: control.token,
  });
  const trueplay = createTrueplayApp({
    ...options,
    store: createTrueplayStore(db),
    journal,
    // The documents it serves (and /docs) name the URLs others reach the sandbox at.
    urls: { trueplay: trueplayPublicUrl, wallet: walletPublicUrl },
    casinoBalanceOf: casinoBalancesFromWallet(createWalletStore(db), DEMO_OPERATOR.operatorId),
    // The demo operator is called where the user says the wallet is, else where this machine reaches it.
    demoOperator: {
      apiKey,
      secretKey,
      callbackBaseUrl: options.walletPublicUrl ?? walletUrl,
      playerEventsEnabled: options.playerEventsEnabled,
      playToEarnPercent: options.playToEarnPercent,
    },
    publicUrls,
    controlToken: control.token,
  });
  sandboxNow = trueplay.clock.now;
  walletServer.answerWith(wallet.app.fetch);
  trueplayServer.answerWith(trueplay.app.fetch);
  const stopBackgroundWork = options.backgroundWork === false ? () => {} : trueplay.startBackgroundWork();
  return {
    trueplayUrl,
    walletUrl,
    trueplayPublicUrl,
    walletPublicUrl,
    host,
    controlAccess: control,
    apiKey,
    secretKey,
    trueplay,
    walletApp: wallet,
    journal,
    async stop() {
      stopBackgroundWork();
      wallet.close();
      trueplay.close();
    },
  };
}

/**
 * A server that listens before its app exists, so the ports are known (and proven free) before the database is
 * opened; until the app is attached it answers 503 in the error shape.
 */
class DeferredServer {
  private fetch: Fetch = () => errorResponse(503, 'STARTING', 'the sandbox is still starting; try again in a moment');
  private server: Server | undefined;

  constructor(private readonly logError?: (error: unknown) => void) {}

  listen(hostname: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createNodeServer(hostname, (request, env) => this.fetch(request, env), this.logError);
      this.server = server;
      server.once('error', (error) => {
        this.server = undefined;
        reject(error);
      });
      server.listen(port, hostname, () => resolve());
    });
  }

  answerWith(fetch: Fetch): void {
    this.fetch = fetch;
  }

  /** The port it listens on (the URLs are made from it in one place, src/sandbox-urls.ts). */
  port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

const inUrl = (host: string) => (isIP(host) === 6 ? `[${host}]` : host);

/** The host to show others: the listening address, or for a wildcard this machine's first outside address. */
function shownHost(host: string): string {
  if (!isWildcardHost(host)) return inUrl(host);
  const outside = Object.values(networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4');
  return outside?.address ?? '127.0.0.1';
}
