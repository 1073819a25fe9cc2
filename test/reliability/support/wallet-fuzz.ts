/**
 * Fuzzing the fake operator wallet: seed players, and the request generator for its contract. Trueplay's signed
 * calls are signed over the final bytes (after any mutation) so that fuzzing reaches validation and the ledger;
 * some go unsigned or wrongly signed on purpose.
 */
import fc from 'fast-check';
import { signBody } from '../../../src/signing/signature.js';
import type { TestSandbox } from '../../support/sandbox.js';
import { contractRequests } from './contract-requests.js';
import type { WireRequest } from './hostile.js';
import { createSchemaArbitraries } from './schema-arbitrary.js';

const PLAYERS = ['player-1', 'player-2', 'player-3', 'player-4', 'player-5'];
/** Replaced by the signature of the final body just before sending. */
const SIGN = 'sign-the-final-bytes';
const SIGN_WRONG = 'sign-with-another-secret';

export async function seedWallet(sandbox: TestSandbox): Promise<void> {
  for (const [i, player] of PLAYERS.slice(0, 4).entries()) {
    const response = await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: player, balance: 1000 + i, currency: i === 3 ? 'EUR' : 'USD' });
    if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${response.text}`);
  }
}

export function walletRequests(count: number, seed: number): WireRequest[] {
  const pool = <T>(values: T[], generic: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: generic });
  const base = createSchemaArbitraries();
  const schemas = createSchemaArbitraries({
    components: {
      OperatorUserId: pool(PLAYERS, base.at('trueplay', '/components/schemas/OperatorUserId')),
      ExchangeId: pool(Array.from({ length: 30 }, (_, i) => `ex-${i + 1}`), base.at('operator', '/components/schemas/ExchangeId')),
      TransactionId: pool(Array.from({ length: 30 }, (_, i) => `wallet-bet-${i + 1}`), base.at('trueplay', '/components/schemas/TransactionId')),
      OperatorId: fc.constantFrom(1, 1, 1, 1, 2),
      Currency: pool(['USD', 'EUR'], base.at('trueplay', '/components/schemas/Currency')),
      // Faults go to paths no fuzzed call uses: an injected 5xx must never be mistaken for a defect.
      FaultPath: fc.string({ maxLength: 20 }).map((tail) => `/fuzz/${tail}`),
    },
  });
  const signed = fc.oneof(
    { weight: 85, arbitrary: fc.constant({ 'x-request-signature': SIGN }) },
    { weight: 8, arbitrary: fc.constant({}) },
    { weight: 7, arbitrary: fc.constant({ 'x-request-signature': SIGN_WRONG }) },
  );
  return fc.sample(
    contractRequests({
      contract: 'operator',
      schemas,
      weights: {
        getUserBalance: 15,
        tokenExchange: 35,
        receivePlayerEvent: 8,
        upsertPlayer: 6,
        getPlayer: 6,
        injectFault: 3,
        listFaults: 2,
        clearFaults: 1,
        placeBet: 10,
        listPlayerEvents: 2,
        setProviderState: 2,
        resetWallet: 1,
      },
      headers: (operation) => (operation.path.startsWith('/sandbox/') ? fc.constant({}) : signed),
      hostilePercent: 40,
    }),
    { numRuns: count, seed },
  );
}

/** The headers to send: the signature placeholder becomes the real signature of exactly these bytes. */
export function signFinalBytes(secretKey: string) {
  return (request: WireRequest, body: Uint8Array | undefined): Record<string, string> => {
    const marker = request.headers['x-request-signature'];
    if (marker !== SIGN && marker !== SIGN_WRONG) return request.headers;
    const key = marker === SIGN ? secretKey : `${secretKey}-wrong`;
    return { ...request.headers, 'x-request-signature': signBody(key, body ?? new Uint8Array()) };
  };
}
