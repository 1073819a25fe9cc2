/**
 * Starts both fake sides in one process on one SQLite file: the fake Trueplay and the fake operator wallet,
 * the demo operator's callbacks pointing at the wallet. Used by `trueplay-sandbox start`, the scenario runner and tests.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { answerUnparsableRequest } from './http/client-error.js';
import type { FailedRequest, Logger } from './logging/logger.js';
import { openDatabase } from './store/database.js';
import { groupCommitOf } from './store/group-commit.js';
import { createJournalStore, type JournalStore } from './store/journal-store.js';
import { createTrueplayStore } from './store/trueplay-store.js';
import { createWalletStore } from './store/wallet-store.js';
import { createTrueplayApp } from './trueplay/app.js';
import type { TrueplayOptions } from './trueplay/context.js';
import { casinoBalancesFromWallet } from './trueplay/dashboard/casino-balances.js';
import { DEMO_OPERATOR } from './trueplay/services/operators.js';
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
  /** The journal of both directions, for in-process readers (the scenario runner) that need no HTTP round trip. */
  journal: JournalStore;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const apiKey = options.apiKey ?? DEMO_OPERATOR.apiKey;
  const secretKey = options.secretKey ?? DEMO_OPERATOR.secretKey;
  const db = openDatabase(options.db);
  const journal = createJournalStore(db);

  let trueplayUrl = '';
  const wallet = createWalletApp({
    db,
    operatorId: DEMO_OPERATOR.operatorId,
    apiKey,
    secretKey,
    trueplayUrl: () => trueplayUrl,
    logError: options.logError,
    logger: options.logger,
  });
  const walletServer = await listen(wallet.app.fetch, host, options.operatorPort ?? 4020);
  const walletUrl = urlOf(walletServer, host);

  const trueplay = createTrueplayApp({
    ...options,
    store: createTrueplayStore(db),
    journal,
    casinoBalanceOf: casinoBalancesFromWallet(createWalletStore(db), DEMO_OPERATOR.operatorId),
    demoOperator: { apiKey, secretKey, callbackBaseUrl: walletUrl, playerEventsEnabled: options.playerEventsEnabled },
  });
  const trueplayServer = await listen(trueplay.app.fetch, host, options.trueplayPort ?? 4010).catch(async (error) => {
    await closeServer(walletServer);
    throw error;
  });
  trueplayUrl = urlOf(trueplayServer, host);
  const stopBackgroundWork = options.backgroundWork === false ? () => {} : trueplay.startBackgroundWork();

  let closed = false;
  return {
    trueplayUrl,
    walletUrl,
    apiKey,
    secretKey,
    trueplay,
    journal,
    async close() {
      if (closed) return;
      closed = true;
      stopBackgroundWork();
      wallet.close();
      trueplay.close();
      await Promise.all([closeServer(trueplayServer), closeServer(walletServer)]);
      await trueplay.drain();
      groupCommitOf(db).flush();
      db.close();
    },
  };
}

function listen(fetch: (request: Request) => Response | Promise<Response>, hostname: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server));
    server.once('error', reject);
    server.on('clientError', answerUnparsableRequest);
  });
}

function urlOf(server: ServerType, host: string): string {
  const { port } = server.address() as AddressInfo;
  return `http://${host}:${port}`;
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}
