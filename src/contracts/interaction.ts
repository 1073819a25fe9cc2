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
  /**
   * What the consumer relies on in the answer, and why: written into the pact as the interaction's comment and
   * listed in the README. Pact's rule: pin only that, so a provider is never failed over the rest.
   */
  pins: string;
  /** The success fields the consumer reads (default: the whole answer as captured). */
  reads?: string[];
  /**
   * A refusal (4xx) matches any 4xx by default: consumers of either side act on the status class (refused, not
   * retried) and the error body, and the exact statuses are our decisions (reference §2). True keeps this one's
   * status exact, only where the consumer does something for it that it does not for another 4xx (say why in `pins`).
   */
  exactStatus?: boolean;
  /**
   * True when the consumer acts on a 2xx alone (a player event: Trueplay only learns that the operator has it), so
   * the pact pins any 2xx and no response body: the answer's body is the operator's own.
   */
  acknowledgedOnly?: boolean;
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
