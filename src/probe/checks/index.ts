/** Every check the probe runs, in report order: the families of issue 6, one module each. */
import type { Check, ProbeTarget } from '../types.js';
import { badInputChecks } from './bad-input.js';
import { concurrencyChecks } from './concurrency.js';
import { happyPathChecks } from './happy-path.js';
import { idempotencyChecks } from './idempotency.js';
import { resilienceChecks } from './resilience.js';
import { signatureChecks } from './signature.js';
import { playerEventChecks } from './player-events.js';

export const ALL_CHECKS: readonly Check[] = [
  ...happyPathChecks,
  ...idempotencyChecks,
  ...signatureChecks,
  ...badInputChecks,
  ...concurrencyChecks,
  ...resilienceChecks,
  ...playerEventChecks,
];

/** The checks a run makes on a target: the player-event webhook is optional, judged only where its path is given. */
export function checksFor(target: Pick<ProbeTarget, 'playerEventPath'>, checks: readonly Check[] = ALL_CHECKS): readonly Check[] {
  return checks.filter((check) => check.family !== 'player-events' || target.playerEventPath !== undefined);
}
