/**
 * `trueplay-sandbox/pact`: what a team that runs its own Pact pipeline (pact-js's Verifier, a Pact Broker) needs
 * to verify its operator service against `contracts/trueplay-operator.json` (and, if it takes player events,
 * `contracts/trueplay-operator-player-events.json`).
 *
 * The example signatures in the pacts are made with the sandbox's secret over the bytes Pact sends (keys sorted),
 * so they hold only for a service with that secret. `trueplaySigningFilter` is a
 * pact-js `requestFilter` that signs each Trueplay call again over the exact bytes that go on to your service,
 * with your secret. The one interaction that must arrive wrongly signed carries `WRONG_SIGNATURE` and is left so.
 *
 *   import { Verifier } from '@pact-foundation/pact';
 *   import { trueplaySigningFilter } from 'trueplay-sandbox/pact';
 *   await new Verifier({ provider: 'operator', providerBaseUrl, pactBrokerUrl, stateHandlers,
 *     requestFilter: trueplaySigningFilter({ secretKey: process.env.TRUEPLAY_SECRET! }) }).verifyProvider();
 */
import { resigningFilter, type ResignOptions } from './contracts/resign-filter.js';

export { WRONG_SIGNATURE } from './contracts/pacts/trueplay-operator.js';
export type TrueplaySigningOptions = ResignOptions;

/** A pact-js `requestFilter` (express middleware) that re-signs Trueplay's calls with `secretKey`. */
export const trueplaySigningFilter = (options: TrueplaySigningOptions) => resigningFilter(options);
