/** The fake Trueplay as one Hono app: Trueplay API (§2a), control API (§2d), loyalty page (§2e), docs. */
import { DEMO_OPERATOR } from '../demo-operator.js';
import { withDefaults } from '../options.js';
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { contractTextServedAt } from '../openapi/documents.js';
import type { SandboxUrls } from '../sandbox-urls.js';
import { limitBodySize } from '../http/body-limit.js';
import { requireControlToken } from '../http/control-access.js';
import { trueplayPublicUrl, walletPublicUrl, type PublicUrls } from '../http/public-url.js';
import { replyWhenDurable } from '../http/durable-replies.js';
import type { SandboxEnv } from '../http/env.js';
import { createErrorHandler, failedRequestOf } from '../http/errors.js';
import { notFoundOrNotAllowed } from '../http/method-not-allowed.js';
import { createFaultBook } from '../http/faults.js';
import { recordInJournal, trueplayJournalDirection } from '../http/journal-middleware.js';
import { logRequests, trueplayRequestKind, wantsRequestLines } from '../logging/request-log.js';
import type { FailedRequest, Logger } from '../logging/logger.js';
import type { JournalStore } from '../store/journal-store.js';
import type { TrueplayStore } from '../store/trueplay-store.js';
import { apiKeyAuth } from './api-key-auth.js';
import { createSandboxClock } from './clock.js';
import type { CasinoBalanceOf } from './dashboard/casino-balances.js';
import { registerDashboard } from './dashboard/routes.js';
import { registerApiDocs } from './docs/routes.js';
import { DEFAULT_TRUEPLAY_OPTIONS, type TrueplayContext, type TrueplayOptions } from './context.js';
import { createOperatorClient } from './outbound/operator-client.js';
import { createPlayerEventSender } from './outbound/player-events.js';
import { registerControlApi } from './routes/control-api.js';
import { registerLoyaltyPage } from './routes/loyalty.js';
import { registerOperatorApi } from './routes/operator-api.js';
import { registerProviderStates } from './routes/provider-states.js';
import { addDemoOperator, type DemoOperatorOptions } from './services/operators.js';
import { settleClosedPeriods } from './services/cashback-settlement.js';
import { returnDueStakes } from './services/stakes.js';
import { retryPendingExchanges, type ExchangeDeps } from './services/token-exchange.js';

export interface TrueplayAppOptions extends Partial<TrueplayOptions> {
  store: TrueplayStore;
  journal: JournalStore;
  demoOperator: DemoOperatorOptions;
  logError?: (error: unknown, request?: FailedRequest) => void;
  /** One log line per request (src/logging); none when absent (tests). */
  logger?: Logger;
  /** Where this sandbox's servers are reached: the served OpenAPI documents and /docs name these. */
  urls: SandboxUrls;
  /** The dashboard's casino balances (the fake wallet's players). */
  casinoBalanceOf?: CasinoBalanceOf;
  /** Real time as the clock follows it (tests stand a sandbox on another day with it). */
  realNow?: () => number;
  /** Configured public URLs (`--public-url`); links name the request's Host without them. */
  publicUrls?: PublicUrls;
  /** The control API's token (src/http/control-access.ts); null or absent: open, as on loopback. */
  controlToken?: string | null;
}

const SESSION_SECRET = 'loyalty.sessionSecret';

export function createTrueplayApp(config: TrueplayAppOptions) {
  const { store, journal } = config;
  const options: TrueplayOptions = withDefaults(DEFAULT_TRUEPLAY_OPTIONS, config);
  const clock = createSandboxClock(store, config.realNow);
  const callOperator = createOperatorClient(journal, clock.now);
  const playerEvents = createPlayerEventSender(store, callOperator, clock.now, options);
  const faults = createFaultBook({ server: 'the fake Trueplay', calls: 'the calls an operator makes' });

  let sessionSecret = store.setting(SESSION_SECRET);
  if (!sessionSecret) store.putSetting(SESSION_SECRET, (sessionSecret = randomBytes(32).toString('base64url')));

  const ctx: TrueplayContext = {
    store,
    journal,
    clock,
    faults,
    options,
    sessionSecret,
    defaultCallbackBaseUrl: config.demoOperator.callbackBaseUrl,
    publicUrl: (c) => trueplayPublicUrl(config.publicUrls ?? {}, c),
    walletPublicUrl: (c) => walletPublicUrl(config.publicUrls ?? {}, c),
    resetToStart() {
      // Calls still held by a delay are dropped: woken after the reset, they would act on the fresh sandbox.
      faults.abortDelays();
      faults.clear();
      ctx.resetData();
    },
    resetData() {
      store.run(() => {
        store.wipe();
        journal.wipe();
        store.putSetting(SESSION_SECRET, ctx.sessionSecret);
        addDemoOperator(store, config.demoOperator, Date.now());
      });
      clock.followRealTime(true);
    },
  };
  // A reused database keeps its demo operator, pointed at this run's keys and wallet.
  if (!store.operatorById(DEMO_OPERATOR.operatorId)) store.run(() => addDemoOperator(store, config.demoOperator, clock.now()));
  else store.setOperatorAccess(DEMO_OPERATOR.operatorId, config.demoOperator);

  const exchangeDeps: ExchangeDeps = { store, callOperator, options, now: clock.now };
  const app = new Hono<SandboxEnv>();
  app.onError(createErrorHandler((error, c) => config.logError?.(error, failedRequestOf(c))));
  app.notFound(notFoundOrNotAllowed(app, (c) => `${c.req.method} ${c.req.path}`));
  if (config.logger && wantsRequestLines(config.logger)) app.use(logRequests(config.logger, 'trueplay', trueplayRequestKind));
  app.use(replyWhenDurable(store.durable));
  app.use(limitBodySize());
  app.use('/sandbox/*', requireControlToken(config.controlToken ?? null));
  app.use(recordInJournal(journal, { server: 'trueplay', directionOf: trueplayJournalDirection, now: clock.now }));
  // Faults act before the key check and before anything is counted; the journal above still records the answer given.
  app.use(faults.middleware);
  app.use('/api/v1/*', apiKeyAuth(store));
  registerOperatorApi(app, ctx);
  registerControlApi(app, ctx);
  registerProviderStates(app, ctx);
  registerLoyaltyPage(app, ctx, exchangeDeps);
  registerDashboard(app, ctx, config.casinoBalanceOf);
  registerApiDocs(app);
  // "Try it out" and any client generated from these must reach this sandbox, whatever ports it started on.
  const served = { trueplay: contractTextServedAt('trueplay', config.urls.trueplay), operator: contractTextServedAt('operator', config.urls.wallet) };
  for (const name of ['trueplay', 'operator'] as const) {
    app.get(`/openapi/${name}.yaml`, (c) => c.body(served[name], 200, { 'content-type': 'text/yaml; charset=utf-8' }));
  }
  app.get('/health', (c) => c.json({ status: 'OK' }));

  return {
    app,
    clock,
    /** Resolves exchanges left PENDING (by a crash, or an operator that never answered). */
    retryPendingExchanges: () => retryPendingExchanges(exchangeDeps),
    /**
     * While the clock follows real time, days end on their own: settle closed cashback periods and retry
     * exchanges whose outcome is still unknown, every `intervalMs`. Returns the function that stops it.
     */
    startBackgroundWork(intervalMs = 30_000): () => void {
      let running = false;
      const tick = async () => {
        if (running) return;
        running = true;
        try {
          settleClosedPeriods(store, clock.now());
          returnDueStakes(store, clock.now());
          await retryPendingExchanges(exchangeDeps);
          await playerEvents.retryPending();
        } catch (error) {
          config.logError?.(error);
        } finally {
          running = false;
        }
      };
      const timer = setInterval(tick, intervalMs);
      timer.unref();
      void tick();
      return () => clearInterval(timer);
    },
    drain: () => playerEvents.drain(),
    /** No more player events sent on commits: the database is about to close (they stay queued for the next start). */
    stopPlayerEvents: () => playerEvents.stop(),
    /** Drops calls still waiting on an injected delay, so none touches the database after it closes. */
    close: () => faults.abortDelays(),
  };
}
