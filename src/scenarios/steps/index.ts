/** The table of step kinds: a step's kind is the one key of this table it carries. */
import { casinoSteps } from './casino.js';
import { controlSteps } from './control.js';
import { faultSteps } from './faults.js';
import { loyaltySteps } from './loyalty.js';
import { operatorApiSteps } from './operator-api.js';
import { rawSteps } from './raw.js';
import type { StepKind } from './types.js';

export const stepKinds: Record<string, StepKind> = {
  ...operatorApiSteps,
  ...casinoSteps,
  ...faultSteps,
  ...loyaltySteps,
  ...controlSteps,
  ...rawSteps,
};

export const stepKindNames = Object.keys(stepKinds);
export type { HttpCall, RecordedCall, StepKind, StepRuntime, ActingOperator, Side } from './types.js';
