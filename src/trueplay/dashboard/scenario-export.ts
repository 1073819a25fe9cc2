/** GET /sandbox/journal/scenario: the journal turned into a scenario file by the scenarios' recorder (src/scenarios/record.ts). */
import type { TrueplayContext } from '../context.js';
import { listCampaigns } from '../services/campaigns.js';
import { operatorToWire } from '../wire.js';

const JOURNAL_LIMIT = 1000;

export async function journalScenarioYaml(ctx: TrueplayContext, source: string, options: { operatorId?: number; name?: string }): Promise<string> {
  // The recorder (yaml, zod, faker's scenario machinery) loads when a scenario is asked for, not at start-up.
  const { journalToScenario, renderScenario } = await import('../../scenarios/record.js');
  const snapshot = {
    source,
    journal: ctx.journal.list({ limit: JOURNAL_LIMIT }),
    campaigns: listCampaigns(ctx.store, undefined, undefined, ctx.clock.now()),
    operators: ctx.store.operators().map(operatorToWire),
  };
  return renderScenario(journalToScenario(snapshot, options));
}
