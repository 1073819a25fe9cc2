// A user's own verification of contracts/trueplay-operator.json, as the README shows it: pact-js's Verifier,
// the user's provider-state handlers, and the request filter from the package's public entry point
// (`trueplay-sandbox/pact`, resolved through package.json "exports" to the built dist/). Run as a child process.
import { Verifier } from '@pact-foundation/pact';
import { trueplaySigningFilter } from 'trueplay-sandbox/pact';

const { PROVIDER_URL, STATE_URL, SECRET, PACT } = process.env;
process.env.PACT_DO_NOT_TRACK = 'true';

const forward = (state, action) => async (params) => {
  const response = await fetch(STATE_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ state, params, action }),
  });
  if (!response.ok) throw new Error(`${state} ${action}: ${response.status} ${await response.text()}`);
};
const states = ['a player exists', 'no player exists', 'a token exchange was processed'];

try {
  const output = await new Verifier({
    provider: 'operator',
    providerBaseUrl: PROVIDER_URL,
    pactUrls: [PACT],
    stateHandlers: Object.fromEntries(states.map((s) => [s, { setup: forward(s, 'setup'), teardown: forward(s, 'teardown') }])),
    requestFilter: trueplaySigningFilter({ secretKey: SECRET }),
    logLevel: 'error',
  }).verifyProvider();
  console.log(JSON.stringify({ passed: true, output }));
} catch (error) {
  console.log(JSON.stringify({ passed: false, output: String(error?.message ?? error) }));
}
