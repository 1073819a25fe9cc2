/** `verify trueplay`: checks a pact of operator → Trueplay calls against the fake Trueplay (started here, or running). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../sandbox.js';
import { OPERATOR_TRUEPLAY_PACT } from './generate.js';
import { TRUEPLAY_PROVIDER_STATES } from '../trueplay/routes/provider-states.js';
import { verifyPacts, type BrokerOptions, type VerificationResult } from './verify.js';

export interface VerifyTrueplayOptions {
  /** A running fake Trueplay (its data is left as it was); absent: one is started in this process on a fresh temp database. */
  baseUrl?: string;
  /** Default: contracts/operator-trueplay.json; with a broker and no file, the broker's pacts. */
  pactFile?: string;
  /** The demo operator's X-API-KEY for a sandbox started here (the key the pact's requests carry). */
  apiKey?: string;
  /** A running fake Trueplay's control token (off loopback its /sandbox/... needs it). */
  controlToken?: string;
  broker?: BrokerOptions;
}

export async function verifyTrueplay(options: VerifyTrueplayOptions = {}): Promise<VerificationResult> {
  const pactFiles = options.pactFile ? [options.pactFile] : options.broker ? undefined : [OPERATOR_TRUEPLAY_PACT];
  const run = (baseUrl: string) =>
    verifyPacts({
      provider: 'trueplay',
      providerBaseUrl: baseUrl,
      pactFiles,
      stateUrl: `${baseUrl}/sandbox/provider-states`,
      controlToken: options.controlToken,
      knownStates: Object.keys(TRUEPLAY_PROVIDER_STATES),
      broker: options.broker,
    });

  // A running fake Trueplay is not reset: its provider states keep its own data and put it back on teardown.
  if (options.baseUrl) return run(options.baseUrl.replace(/\/+$/, ''));
  const dir = mkdtempSync(join(tmpdir(), 'trueplay-verify-'));
  const sandbox = await startSandbox({ db: join(dir, 'sandbox.db'), trueplayPort: 0, operatorPort: 0, apiKey: options.apiKey });
  try {
    return await run(sandbox.trueplayUrl);
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
