/**
 * What both sides' Pact provider-state endpoints (POST /sandbox/provider-states) share: Pact's state-change body,
 * a state found by its own name only, params checked as the body of the call they stand for, and a failed set-up
 * that undoes its verification at once. Each side keeps its states and its way of undoing them beside its routes.
 */
import { loadContract, type ContractName } from '../openapi/documents.js';
import { validateRequest } from '../openapi/validator.js';
import { refusal } from '../domain/errors.js';

export type StateParams = Record<string, unknown>;

/** Pact's standard state-change body (ProviderStateChange in both contracts). */
export interface ProviderStateChange {
  state?: string;
  params?: StateParams;
  action?: 'setup' | 'teardown';
}

/** One side's states and the verification they run in: opened by the first set-up, closed by a teardown. */
export interface ProviderStates<Setup> {
  /** Who serves them, for the refusal of an unknown state ("the fake Trueplay"). */
  server: string;
  states: Record<string, Setup>;
  /** Whether a verification is open: a set-up since the last teardown. */
  isOpen(): boolean;
  /** Before the first set-up of a verification. */
  open?(): void;
  /** Sets one state up; answers the values it made, for pacts that inject them. */
  setUp(setup: Setup, params: StateParams): Record<string, unknown>;
  tearDown(): void;
}

export function changeProviderState<Setup>(change: ProviderStateChange, side: ProviderStates<Setup>): { status: 200; body: Record<string, unknown> } {
  // Pact's standard empty state (an interaction without one): nothing to set up or tear down.
  if (!change.state) return { status: 200, body: {} };
  if (change.action === 'teardown') {
    side.tearDown();
    return { status: 200, body: {} };
  }
  // Own keys only: a state named __proto__ or toString must be unknown, not Object.prototype's.
  const setup = Object.hasOwn(side.states, change.state) ? side.states[change.state] : undefined;
  if (!setup) {
    throw refusal('UNKNOWN_PROVIDER_STATE', `${side.server} has no provider state "${change.state}"`, [
      { path: '/body/state', message: `one of: ${Object.keys(side.states).join('; ')}` },
    ]);
  }
  const opening = !side.isOpen();
  if (opening) side.open?.();
  try {
    return { status: 200, body: side.setUp(setup, change.params ?? {}) };
  } catch (error) {
    // A verifier may skip the teardown of a state it could not set up: the side comes back at once.
    if (opening) side.tearDown();
    throw error;
  }
}

/** State params are checked against the request body of the call they stand for, so a bad pact gets a clear 400. */
export function stateParamsAsBodyOf<Operations>(name: ContractName) {
  return (operationId: keyof Operations & string, params: unknown): unknown => {
    const contract = loadContract(name);
    validateRequest(contract, contract.operations.get(operationId)!, { params: {}, query: {}, body: params });
    return params;
  };
}

export function operatorUserIdOf(params: StateParams): string {
  const id = params.operatorUserId;
  if (typeof id !== 'string' || id.length === 0) {
    throw refusal('VALIDATION_ERROR', 'this provider state needs params.operatorUserId (a string)', [{ path: '/body/params/operatorUserId', message: 'required' }]);
  }
  return id;
}
