/**
 * Fuzzing the fake Trueplay: seed data so that generated calls reach the business rules (known users, live
 * campaigns of every type, a second operator, valid loyalty sessions), and the request generator for its contract.
 */
import fc from 'fast-check';
import type { TestSandbox } from '../../support/sandbox.js';
import { contractRequests } from './contract-requests.js';
import type { WireRequest } from './hostile.js';
import { createSchemaArbitraries } from './schema-arbitrary.js';

export const OTHER_OPERATOR_KEY = 'fuzz-operator-b-key';
const PLAYERS = ['player-1', 'player-2', 'player-3', 'player-4', 'player-5', 'player-6'];

export async function seedTrueplay(sandbox: TestSandbox): Promise<{ sessions: string[] }> {
  const must = async (call: Promise<{ status: number; text: string }>) => {
    const response = await call;
    if (response.status >= 300) throw new Error(`seeding failed: ${response.status} ${response.text}`);
    return response;
  };
  await must(sandbox.control('POST', '/sandbox/operators', { name: 'Operator B', apiKey: OTHER_OPERATOR_KEY, callbackBaseUrl: sandbox.walletUrl }));
  for (const campaign of [
    { type: 'REGISTRATION', tokens: 10 },
    { type: 'KYC', tokens: 5 },
    { type: 'DEPOSIT', percent: 10 },
    { type: 'DEPOSIT', tokens: 3, maxUsers: 4 },
    { type: 'CASHBACK', percent: 10 },
  ]) {
    await must(sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: `fuzz ${campaign.type}`, ...campaign }));
  }
  await must(sandbox.control('POST', '/sandbox/campaigns', { operatorId: 2, name: 'B registration', type: 'REGISTRATION', tokens: 1 }));
  for (const player of PLAYERS.slice(0, 3)) await must(sandbox.api('POST', '/api/v1/users', { operatorUserId: player }));
  const sessions: string[] = [];
  for (const player of PLAYERS.slice(0, 3)) {
    const link = await must(sandbox.api('GET', `/api/v1/loyalty-page?operatorUserId=${player}`));
    sessions.push(new URL(JSON.parse(link.text).url).pathname.split('/').pop()!);
  }
  return { sessions };
}

export function trueplayRequests(sessions: string[], count: number, seed: number): WireRequest[] {
  const pool = <T>(values: T[], generic: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: generic });
  const base = createSchemaArbitraries();
  const txIds = Array.from({ length: 40 }, (_, i) => `tx-${i + 1}`);
  const schemas = createSchemaArbitraries({
    components: {
      OperatorUserId: pool(PLAYERS, base.at('trueplay', '/components/schemas/OperatorUserId')),
      TransactionId: pool(txIds, base.at('trueplay', '/components/schemas/TransactionId')),
      CampaignId: pool([1, 2, 3, 4, 5, 6, 7], base.at('trueplay', '/components/schemas/CampaignId')),
      OperatorId: pool([1, 2, 3], base.at('trueplay', '/components/schemas/OperatorId')),
      Currency: pool(['USD', 'EUR'], base.at('trueplay', '/components/schemas/Currency')),
      GameType: pool(['Slot', 'Sportsbook', 'sportsbook', 'Live'], base.at('trueplay', '/components/schemas/GameType')),
      Key: pool([OTHER_OPERATOR_KEY, 'fuzz-operator-c-key', 'demo-api-key'], base.at('trueplay', '/components/schemas/Key')),
      // Loopback only: an operator the fuzz creates must never make the sandbox call out.
      CallbackBaseUrl: fc.constantFrom('http://127.0.0.1:9', 'http://127.0.0.1:1/base/'),
    },
    properties: {
      referenceTransactionId: fc.oneof(fc.constant(null), fc.constantFrom(...txIds), fc.string({ minLength: 1, maxLength: 8 })),
    },
  });
  const requests = contractRequests({
    contract: 'trueplay',
    schemas,
    weights: {
      sendGameTransaction: 30,
      sendDeposit: 10,
      createUser: 8,
      updateUser: 6,
      getUserBalance: 6,
      getLoyaltyPage: 5,
      listCampaigns: 3,
      listCampaignParticipants: 4,
      assignCampaignParticipants: 5,
      removeCampaignParticipant: 3,
      addOperator: 2,
      listOperators: 1,
      createCampaign: 4,
      listSandboxCampaigns: 2,
      updateCampaign: 3,
      getClock: 1,
      setClock: 2,
      reset: 1,
      getJournal: 1,
      openLoyaltyPage: 2,
      getLoyaltyState: 3,
      purchaseTokens: 3,
      withdrawTokens: 3,
      getHealth: 1,
    },
    parameters: {
      session: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...sessions) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 60 }) }),
    },
    headers: (operation) =>
      operation.path.startsWith('/api/')
        ? fc.oneof(
            { weight: 85, arbitrary: fc.constant({ 'x-api-key': 'demo-api-key' }) },
            { weight: 7, arbitrary: fc.constant({ 'x-api-key': OTHER_OPERATOR_KEY }) },
            { weight: 4, arbitrary: fc.constant({}) },
            { weight: 4, arbitrary: fc.constant({ 'x-api-key': 'no-such-key' }) },
          )
        : fc.constant({}),
    hostilePercent: 40,
  });
  return fc.sample(requests, { numRuns: count, seed });
}
