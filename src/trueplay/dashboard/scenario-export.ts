/** GET /sandbox/journal/scenario: the journal turned into a scenario file by the scenarios' recorder (src/scenarios/record.ts). */
import type { TrueplayContext } from '../context.js';
import { listCampaigns } from '../services/campaigns.js';
import { operatorToWire } from '../wire.js';

export async function journalScenarioYaml(ctx: TrueplayContext, source: string, options: { operatorId?: number; name?: string }): Promise<string> {
  // The recorder (yaml, zod, faker's scenario machinery) loads when a scenario is asked for, not at start-up.
  const { journalToScenario, readWholeJournal, renderScenario } = await import('../../scenarios/record.js');
  const snapshot = {
    source,
    journal: await readWholeJournal((afterId) => ctx.journal.list({ limit: 1000, afterId })),
    campaigns: listCampaigns(ctx.store, undefined, undefined, ctx.clock.now()),
    operators: ctx.store.operators().map(operatorToWire),
  };
  // Nothing to record is the caller's situation, not a defect: the recorder says so with a 409 in the error shape.
  return renderScenario(journalToScenario(snapshot, options));
}
