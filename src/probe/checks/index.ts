/** Every check the probe runs, in report order: the families of issue 6, one module each. */
import type { Check } from '../types.js';
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
