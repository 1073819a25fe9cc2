/**
 * Starts both fake sides in one process on one SQLite file: the fake Trueplay and the fake operator wallet,
 * the demo operator's callbacks pointing at the wallet. Used by `trueplay-sandbox start`, the scenario runner and tests.
 * A file database is locked for the process (store/database-lock.ts): one sandbox per file.
 */
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerRefusalsInErrorShape, requestErrorResponse, requireHost } from './http/client-error.js';
import type { FailedRequest, Logger } from './logging/logger.js';
import { errorResponse } from './http/errors.js';
import { lockDatabase } from './store/database-lock.js';
import { openDatabase, type SqliteDatabase } from './store/database.js';
import { groupCommitOf } from './store/group-commit.js';
import { createJournalStore, type JournalStore } from './store/journal-store.js';
import { createTrueplayStore } from './store/trueplay-store.js';
import { createWalletStore } from './store/wallet-store.js';
import { createTrueplayApp } from './trueplay/app.js';
import type { TrueplayOptions } from './trueplay/context.js';
import { casinoBalancesFromWallet } from './trueplay/dashboard/casino-balances.js';
import { DEMO_OPERATOR } from './trueplay/services/operators.js';
import { sandboxUrls, type SandboxUrls } from './sandbox-urls.js';
import { createWalletApp } from './wallet/app.js';

export interface SandboxOptions extends Partial<TrueplayOptions> {
  host?: string;
  trueplayPort?: number;
  operatorPort?: number;
  /** SQLite file, or ':memory:'. */
  db: string;
  apiKey?: string;
  secretKey?: string;
  playerEventsEnabled?: boolean;
  logError?: (error: unknown, request?: FailedRequest) => void;
  /** Request logs (one line per request); none when absent. */
  logger?: Logger;
  /** Periodic cashback settlement and retry of unknown exchanges (on by default; tests may turn it off). */
  backgroundWork?: boolean;
}

export interface RunningSandbox {
  trueplayUrl: string;
  walletUrl: string;
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
    const running = serveOn(db, walletServer, trueplayServer, { ...options, apiKey, secretKey, urls });
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
        groupCommitOf(opened).flush();
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
  options: SandboxOptions & { apiKey: string; secretKey: string; urls: SandboxUrls },
) {
  const { apiKey, secretKey, urls } = options;
  const { trueplay: trueplayUrl, wallet: walletUrl } = urls;
  const journal = createJournalStore(db);
  const wallet = createWalletApp({
    db,
    operatorId: DEMO_OPERATOR.operatorId,
    apiKey,
    secretKey,
    trueplayUrl: () => trueplayUrl,
    logError: options.logError,
    logger: options.logger,
  });
  const trueplay = createTrueplayApp({
    ...options,
    store: createTrueplayStore(db),
    journal,
    urls,
    casinoBalanceOf: casinoBalancesFromWallet(createWalletStore(db), DEMO_OPERATOR.operatorId),
    demoOperator: { apiKey, secretKey, callbackBaseUrl: walletUrl, playerEventsEnabled: options.playerEventsEnabled },
  });
  walletServer.answerWith(wallet.app.fetch);
  trueplayServer.answerWith(trueplay.app.fetch);
  const stopBackgroundWork = options.backgroundWork === false ? () => {} : trueplay.startBackgroundWork();
  return {
    trueplayUrl,
    walletUrl,
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

type Fetch = (request: Request, env: HttpBindings) => Response | Promise<Response>;

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
      const listener = getRequestListener((request, env) => this.fetch(request, env as HttpBindings), {
        hostname,
        errorHandler: requestErrorResponse(this.logError),
      });
      // Node's own check of Host answers a bare 400; requireHost answers in the Error shape.
      const server = createServer({ requireHostHeader: false }, requireHost(listener));
      answerRefusalsInErrorShape(server);
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
