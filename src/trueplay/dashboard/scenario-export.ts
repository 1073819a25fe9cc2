/** GET /sandbox/journal/scenario: the journal turned into a scenario file by the scenarios' recorder (src/scenarios/record.ts). */
import { journalToScenario, renderScenario } from '../../scenarios/record.js';
import type { TrueplayContext } from '../context.js';
import { listCampaigns } from '../services/campaigns.js';
import { operatorToWire } from '../wire.js';

const JOURNAL_LIMIT = 1000;

export function journalScenarioYaml(ctx: TrueplayContext, source: string, options: { operatorId?: number; name?: string }): string {
  const snapshot = {
    source,
    journal: ctx.journal.list({ limit: JOURNAL_LIMIT }),
    campaigns: listCampaigns(ctx.store, undefined, undefined, ctx.clock.now()),
    operators: ctx.store.operators().map(operatorToWire),
  };
  return renderScenario(journalToScenario(snapshot, options));
}
