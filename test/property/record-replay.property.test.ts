/**
 * record → run as a property: any session over the whole surface (operator calls, the player's loyalty page,
 * clock moves to random dates and by random steps, campaigns and their status moves, wallet players, faults on
 * both sides, bets the wallet plays) recorded from the journal alone replays green on a fresh sandbox, and makes
 * the same calls with the same answers. A failure fast-check finds is shrunk; keep it in
 * test/scenarios/regressions/ as the scenario `record` wrote for it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { freshSandbox, startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { expectRoundTrip } from '../scenarios/support/round-trip.js';

const SEED = Number(process.env.PROPERTY_SEED ?? 15);
const PLAYERS = ['p0', 'p1', 'p2'];
const player = fc.constantFrom(...PLAYERS);
const cents = (max: number) => fc.integer({ min: 1, max }).map((c) => c / 100);
const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) }).map((ms) => new Date(ms).toISOString());

const action = fc.oneof(
  fc.record({ kind: fc.constant('clockTo' as const), now: instant }),
  fc.record({ kind: fc.constant('advance' as const), by: fc.constantFrom('PT1H', 'PT20H', 'P1D', 'P1W', 'PT59M') }),
  fc.record({ kind: fc.constant('realTime' as const) }),
  fc.record({ kind: fc.constant('campaign' as const), type: fc.constantFrom('REGISTRATION', 'KYC', 'DEPOSIT', 'CASHBACK'), value: fc.integer({ min: 1, max: 40 }), weekly: fc.boolean() }),
  fc.record({ kind: fc.constant('campaignStatus' as const), pick: fc.nat(), status: fc.constantFrom('ACTIVE', 'DEACTIVATED', 'DELETED', 'DRAFT') }),
  fc.record({ kind: fc.constant('seed' as const), player, balance: fc.integer({ min: 0, max: 500 }) }),
  fc.record({ kind: fc.constant('user' as const), player, kyc: fc.boolean() }),
  fc.record({ kind: fc.constant('accept' as const), player, type: fc.constantFrom('BET', 'WIN', 'BONUS_BET'), amount: cents(20_000), id: fc.integer({ min: 1, max: 6 }), documented: fc.boolean() }),
  fc.record({ kind: fc.constant('deposit' as const), player, amount: cents(50_000), id: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('walletBet' as const), player, amount: cents(5_000), win: fc.option(cents(8_000), { nil: undefined }) }),
  fc.record({ kind: fc.constant('link' as const), player, lang: fc.constantFrom('EN', 'DE', 'JA') }),
  fc.record({ kind: fc.constantFrom('withdraw' as const, 'purchase' as const, 'visit' as const), pick: fc.nat(), tokens: cents(3_000) }),
  fc.record({ kind: fc.constant('walletFault' as const), status: fc.constantFrom(400, 500, 503), times: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('trueplayFault' as const), path: fc.constantFrom('/api/v1/accept', '/api/v1/deposits'), status: fc.constantFrom(500, 503) }),
  fc.record({ kind: fc.constant('clearFaults' as const), side: fc.constantFrom('wallet', 'trueplay') }),
  fc.record({ kind: fc.constant('operatorEnabled' as const), enabled: fc.boolean() }),
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

describe('record → run', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ backgroundWork: false });
  });
  afterAll(() => sandbox.close());

  async function play(actions: Action[]) {
    const campaigns: number[] = [];
    const links: string[] = [];
    const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (const a of actions) {
      switch (a.kind) {
        case 'clockTo': await sandbox.control('POST', '/sandbox/clock', { now: a.now }); break;
        case 'advance': await sandbox.control('POST', '/sandbox/clock', { advance: a.by }); break;
        case 'realTime': await sandbox.control('POST', '/sandbox/clock', { realTime: true }); break;
        case 'campaign': {
          const value = a.type === 'DEPOSIT' || a.type === 'CASHBACK' ? { percent: a.value } : { tokens: a.value };
          const period = a.type === 'CASHBACK' ? { period: a.weekly ? 'WEEKLY' : 'DAILY' } : {};
          const created = await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: a.type, type: a.type, ...value, ...period });
          if (created.status === 201) campaigns.push(created.body.id);
          break;
        }
        case 'campaignStatus':
          if (campaigns.length > 0) await sandbox.control('PATCH', `/sandbox/campaigns/${campaigns[a.pick % campaigns.length]}`, { status: a.status });
          break;
        case 'seed': await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: a.player, balance: a.balance, currency: 'USD' }); break;
        case 'user': await sandbox.api('POST', '/api/v1/users', { operatorUserId: a.player, kyc: a.kyc }); break;
        case 'accept':
          // With every documented field, or without the game fields and reference (refused, as an operator's first tries are).
          await sandbox.api('POST', '/api/v1/accept', {
            operatorUserId: a.player, transactionId: `tx-${a.id}`, type: a.type, gameType: 'Slot', currency: 'USD', amount: a.amount,
            ...(a.documented ? { referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot' } : {}),
          });
          break;
        case 'deposit': await sandbox.api('POST', '/api/v1/deposits', { operatorUserId: a.player, transactionId: `dep-${a.id}`, amount: a.amount, currency: 'USD' }); break;
        case 'walletBet': await sandbox.wallet('POST', '/sandbox/bets', { operatorUserId: a.player, amount: a.amount, ...(a.win === undefined ? {} : { win: a.win }) }); break;
        case 'link': {
          const link = await sandbox.api('GET', `/api/v1/loyalty-page?operatorUserId=${a.player}&lang=${a.lang}`);
          if (link.status === 200) links.push(link.body.url);
          break;
        }
        case 'visit': if (links.length > 0) await fetch(links[a.pick % links.length]!); break;
        case 'withdraw': case 'purchase':
          if (links.length > 0) await post(`${links[a.pick % links.length]}/${a.kind}`, { tokenAmount: a.tokens });
          break;
        case 'walletFault': await sandbox.wallet('POST', '/sandbox/faults', { path: '/trueplay/token-exchange', status: a.status, times: a.times }); break;
        case 'trueplayFault': await sandbox.control('POST', '/sandbox/faults', { path: a.path, status: a.status }); break;
        case 'clearFaults': await (a.side === 'wallet' ? sandbox.wallet : sandbox.control)('DELETE', '/sandbox/faults'); break;
        case 'operatorEnabled': await sandbox.control('PATCH', '/sandbox/operators/1', { enabled: a.enabled }); break;
      }
    }
  }

  it('any session, recorded, replays green with the same calls and answers', async () => {
    await fc.assert(
      fc.asyncProperty(instant, fc.array(action, { minLength: 1, maxLength: 14 }), async (start, actions) => {
        await freshSandbox(sandbox, { wallet: true, now: start });
        await play(actions);
        await expectRoundTrip(sandbox.trueplayUrl, { backgroundWork: false });
      }),
      { seed: SEED, numRuns: Number(process.env.PROPERTY_RUNS ?? 20) },
    );
  }, 150_000);
});
