/** The dashboard at `/`, its data (GET /sandbox/overview) and the live journal (GET /sandbox/journal/stream). */
import type { Hono } from 'hono';
import type { operations } from '../../openapi/generated/trueplay.js';
import { contractRouter } from '../../http/contract-routes.js';
import type { SandboxEnv } from '../../http/env.js';
import type { TrueplayContext } from '../context.js';
import type { CasinoBalanceOf } from './casino-balances.js';
import { lastEventIdOf, streamJournal } from './journal-stream.js';
import { buildOverview } from './overview.js';
import { renderDashboard } from './page.js';
import { journalScenarioYaml } from './scenario-export.js';

const noCasinoBalances: CasinoBalanceOf = () => undefined;

export function registerDashboard(app: Hono<SandboxEnv>, ctx: TrueplayContext, casinoBalanceOf: CasinoBalanceOf = noCasinoBalances): void {
  const operation = contractRouter<operations>(app, 'trueplay');

  operation('getDashboard', () =>
    new Response(renderDashboard(), { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } }));

  operation('getOverview', () => ({ status: 200, body: buildOverview(ctx.store, ctx.clock, casinoBalanceOf) }));

  operation('getJournalScenario', async ({ query, c }) => {
    const yaml = await journalScenarioYaml(ctx, ctx.publicUrl(c), { operatorId: query.operatorId, name: query.name });
    return new Response(yaml, {
      status: 200,
      headers: {
        'content-type': 'text/yaml; charset=utf-8',
        'content-disposition': 'attachment; filename="recorded-scenario.yaml"',
        'cache-control': 'no-store',
      },
    });
  });

  operation('streamJournal', ({ query, c }) =>
    streamJournal(
      c,
      ctx.journal,
      { direction: query.direction, path: query.path, status: query.status, operatorUserId: query.operatorUserId },
      // A reconnecting EventSource repeats the URL's afterId; its Last-Event-ID is the newer position.
      lastEventIdOf(c) ?? query.afterId,
    ));
}
