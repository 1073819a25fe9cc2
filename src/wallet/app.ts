/**
 * The fake operator wallet as one Hono app: the signed calls Trueplay makes (§2b) and the wallet's own control
 * API (§2e). Injected faults act first, then the signature is checked over the raw bytes, then the contract.
 */
import { withDefaults } from '../options.js';
import type { FailedRequest, Logger } from '../logging/logger.js';
import { logRequests, walletRequestKind, wantsRequestLines } from '../logging/request-log.js';
import { replyWhenDurable } from '../http/durable-replies.js';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { SqliteDatabase } from '../store/database.js';
import { createWalletStore } from '../store/wallet-store.js';
import { limitBodySize } from '../http/body-limit.js';
import { requireControlToken } from '../http/control-access.js';
import type { SandboxEnv } from '../http/env.js';
import { createErrorHandler, failedRequestOf, pathAsSent } from '../http/errors.js';
import { createFaultBook } from '../http/faults.js';
import { declaresPath } from '../openapi/documents.js';
import { notFoundOrNotAllowed } from '../http/method-not-allowed.js';
import { recordInJournal, walletJournalDirection } from '../http/journal-middleware.js';
import type { JournalStore } from '../store/journal-store.js';
import type { WalletContext } from './context.js';
import { contractPaths, routeConfiguredPaths, type WalletPaths } from './paths.js';
import { registerWalletControlApi } from './routes/control-api.js';
import { registerWalletProviderStates } from './routes/provider-states.js';
import { registerTrueplayCalls } from './routes/trueplay-calls.js';
import { requireSignature } from './signature-check.js';

export interface WalletAppOptions {
  db: SqliteDatabase;
  /** The operator this wallet is at Trueplay, and its keys: the API key for bets, the secret to check signatures. */
  operatorId: number;
  apiKey: string;
  secretKey: string;
  trueplayUrl: () => string;
  /** Where Trueplay's calls are served; defaults to the paths of openapi/operator.yaml. */
  paths?: Partial<WalletPaths>;
  /** Deadline of each call the wallet makes to Trueplay (default 10 s). */
  trueplayTimeoutMs?: number;
  logError?: (error: unknown, request?: FailedRequest) => void;
  /** One log line per request when given (`trueplay-sandbox start` passes its pino logger). */
  logger?: Logger;
  /** Where the wallet's control calls are journaled (the sandbox's journal); none when absent (a wallet alone). */
  journal?: JournalStore;
  /** The sandbox clock (real time when absent). */
  now?: () => number;
  /** The control API's token, shared with the fake Trueplay; null or absent: open, as on loopback. */
  controlToken?: string | null;
}

export function createWalletApp(options: WalletAppOptions) {
  const defaults = contractPaths();
  const paths: WalletPaths = withDefaults(defaults, options.paths ?? {});
  const faults = createFaultBook({ server: 'the wallet', calls: 'the calls Trueplay makes' });
  const ctx: WalletContext = {
    store: createWalletStore(options.db),
    faults,
    operatorId: options.operatorId,
    apiKey: options.apiKey,
    trueplayUrl: options.trueplayUrl,
    trueplayTimeoutMs: options.trueplayTimeoutMs ?? 10_000,
    now: options.now ?? (() => Date.now()),
  };

  const app = new Hono<SandboxEnv>({ getPath: routeConfiguredPaths(paths) });
  app.onError(createErrorHandler((error, c) => options.logError?.(error, failedRequestOf(c))));
  // A path of the fake Trueplay asked of the wallet (the ports are easy to swap): say where it is served.
  const elsewhere = (c: Context) => (declaresPath('trueplay', c.req.path) && !declaresPath('operator', c.req.path)
    ? `: this is the fake operator wallet; ${c.req.path} is the fake Trueplay's, at ${options.trueplayUrl() || 'its own port'}`
    : '');
  app.notFound(notFoundOrNotAllowed(app, (c: Context) => `${c.req.method} ${pathAsSent(c)}`, elsewhere));
  if (options.logger && wantsRequestLines(options.logger)) app.use(logRequests(options.logger, 'wallet', walletRequestKind));
  // /docs is served by the fake Trueplay: its "Try it out" on this document is a call from that origin (only).
  app.use(cors({ origin: (origin) => (origin !== '' && origin === originOf(options.trueplayUrl()) ? origin : null) }));
  app.use(replyWhenDurable(ctx.store.durable));
  app.use(limitBodySize());
  app.use('/sandbox/*', requireControlToken(options.controlToken ?? null));
  if (options.journal) app.use(recordInJournal(options.journal, { server: 'wallet', directionOf: walletJournalDirection, now: ctx.now }));
  app.use(faults.middleware);
  const checkSignature = requireSignature(() => options.secretKey);
  for (const path of Object.values(defaults)) app.on('POST', path, checkSignature);
  registerTrueplayCalls(app, ctx);
  registerWalletControlApi(app, ctx);
  registerWalletProviderStates(app, ctx);
  app.get('/health', (c) => c.json({ status: 'OK' }));

  return {
    app,
    paths,
    store: ctx.store,
    /** Drops calls still waiting on an injected delay, so none touches the database after it closes. */
    close: () => faults.abortDelays(),
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
