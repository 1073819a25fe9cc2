/** What a pact interaction is made of: which scenario call it is written from, and the provider states it needs. */
import type { CapturedCall, Json, Provider } from './capture.js';

export interface ProviderState {
  name: string;
  params: Json;
}

export interface InteractionSpec {
  /** The interaction's description in the pact: what a failed verification names. */
  description: string;
  /** Whether `call` is the one to write this interaction from; `earlier` are the calls of the same run before it. */
  pick(call: CapturedCall, earlier: CapturedCall[]): boolean;
  /** The provider states (with params) that make the provider answer as the scenario saw. */
  states(call: CapturedCall, earlier: CapturedCall[]): ProviderState[];
  /** A path with a provider-state expression, for ids the provider assigns (e.g. `${campaignId}`). */
  pathFromState?(call: CapturedCall): string | undefined;
}

export interface PactSpec {
  /** The file name under contracts/. */
  file: string;
  consumer: string;
  provider: string;
  /** Which side of the captured calls answers this pact's interactions. */
  answeredBy: Provider;
  interactions: InteractionSpec[];
}

export const state = (name: string, params: Json): ProviderState => ({ name, params });

/** Drops null and undefined values, so params only say what the state needs. */
export function definedParams(values: Json): Json {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));
}
