/**
 * `verify operator`: checks a real operator service against the Trueplay → operator pact, re-signing each call; with
 * `playerEvents`, its optional player-event webhook against the player-event pact instead.
 */
import { isObject, type Json } from './capture.js';
import { PLAYER_EVENTS_PACT, TRUEPLAY_OPERATOR_PACT } from './generate.js';
import { trueplayOperatorPlayerEventsPact } from './pacts/trueplay-operator-player-events.js';
import { defaultStateUrl } from './provider-state-url.js';
import { resigningFilter, type ResignOptions } from './resign-filter.js';
import { verifyPacts, type BrokerOptions, type VerificationRequest, type VerificationResult } from './verify.js';

/** The operator-side provider states, exactly as the pact uses them. */
export const OPERATOR_STATES = ['a player exists', 'no player exists', 'a token exchange was processed'];

export interface VerifyOperatorOptions extends ResignOptions {
  baseUrl: string;
  /** Default: <baseUrl>/sandbox/provider-states (where the fake wallet serves it). */
  stateUrl?: string;
  /** Bearer token for the state URL (a sandbox wallet's control token off loopback). */
  controlToken?: string;
  /** Default: contracts/trueplay-operator.json; with a broker and no file, the broker's pacts. */
  pactFile?: string;
  /**
   * Verify the player-event webhook (provider `operator-player-events`): by default
   * contracts/trueplay-operator-player-events.json; with a broker and no file, the broker's pacts for that provider.
   */
  playerEvents?: boolean;
  broker?: BrokerOptions;
}

export function operatorVerification(options: VerifyOperatorOptions): VerificationRequest {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const { operatorId } = options;
  const [provider, bundledPact] = options.playerEvents ? [trueplayOperatorPlayerEventsPact.provider, PLAYER_EVENTS_PACT] : ['operator', TRUEPLAY_OPERATOR_PACT];
  return {
    provider,
    providerBaseUrl: baseUrl,
    pactFiles: options.pactFile ? [options.pactFile] : options.broker ? undefined : [bundledPact],
    stateUrl: options.stateUrl ?? defaultStateUrl(baseUrl),
    controlToken: options.controlToken,
    // A processed exchange names the operator too: it gets the same operatorId as the requests.
    stateParams: operatorId === undefined ? undefined : (params: Json) => (isObject(params) && 'operatorId' in params ? { ...params, operatorId } : params),
    requestFilter: resigningFilter(options) as unknown as VerificationRequest['requestFilter'],
    knownStates: OPERATOR_STATES,
    broker: options.broker,
  };
}

export const verifyOperator = (options: VerifyOperatorOptions): Promise<VerificationResult> => verifyPacts(operatorVerification(options));
