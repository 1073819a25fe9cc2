/**
 * Contract fuzzing of both sides (issue 8): requests generated from openapi/*.yaml plus hostile mutations, a fixed
 * seed, keep-alive connections. Zero 5xx, every 4xx in the Error shape, and rejected requests change nothing.
 * FUZZ_REQUESTS and FUZZ_SEED override the size and the seed (to explore beyond what CI runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRoundTrip } from '../scenarios/support/round-trip.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { prototypePolluted } from './support/checks.js';
import { describeTally, runFuzz, type FuzzRunOptions, type FuzzTally } from './support/fuzz-runner.js';
import type { WireRequest } from './support/hostile.js';
import { createRawClient } from './support/http.js';
import { openStateChecksum } from './support/state-checksum.js';
import { seedTrueplay, trueplayRequests } from './support/trueplay-fuzz.js';
import { seedWallet, signFinalBytes, walletRequests } from './support/wallet-fuzz.js';

const REQUESTS_PER_SIDE = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 8);
const CONCURRENCY = 4;
const tallies = new Map<string, FuzzTally>();

afterAll(() => {
  const serverErrors = [...tallies.values()].reduce((sum, t) => sum + t.serverErrors, 0);
  const counts = [...tallies].map(([side, t]) => `${side} ${t.requests}`).join(', ');
  console.log(`fuzz summary (seed ${SEED}): ${counts} requests; 5xx: ${serverErrors}`);
  for (const [side, tally] of tallies) console.log(describeTally(side, tally));
});

/** A loyalty action refused after its link was used (the visit may create the user) is an outcome, not a rejection. */
const LOYALTY_OUTCOMES = /EXCHANGE_FAILED|INSUFFICIENT_FUNDS|INSUFFICIENT_TOKENS/;
/** A Token Exchange the wallet refused over the player's money is a decision it remembers, by design. */
const WALLET_DECISIONS = /INSUFFICIENT_FUNDS|CURRENCY_MISMATCH|BALANCE_LIMIT_EXCEEDED/;

const isClientError = (status: number) => status >= 400 && status < 500;
const pathOf = (request: WireRequest) => request.path.split('?')[0]!;

async function fuzzSide(
  side: string,
  sandbox: TestSandbox,
  baseUrl: string,
  requests: WireRequest[],
  options: Pick<FuzzRunOptions, 'isRejection' | 'finalise'>,
) {
  const client = createRawClient(baseUrl, CONCURRENCY);
  const checksum = openStateChecksum(sandbox.dbFile);
  try {
    const tally = await runFuzz({ client, requests, concurrency: CONCURRENCY, checksum: checksum.read, ...options });
    tallies.set(side, tally);
    expect(tally.problems).toEqual([]);
    expect(tally.serverErrors).toBe(0);
    expect(tally.requests).toBe(REQUESTS_PER_SIDE);
    // The state rule must really have been exercised, not vacuously true.
    expect(tally.checkedWindows).toBeGreaterThan(REQUESTS_PER_SIDE / CONCURRENCY / 10);
    expect(prototypePolluted()).toBe(false);
  } finally {
    client.close();
    checksum.close();
  }
}

describe('fuzzing the fake Trueplay', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    // Short outbound deadlines: a fuzzed exchange must not wait long on an operator that will never answer well.
    sandbox = await startTestSandbox({ exchangeTimeoutMs: 300, exchangeAttempts: 2, exchangeBackoffMs: 5, backgroundWork: false });
  });
  afterAll(() => sandbox.close());

  it(`answers ${REQUESTS_PER_SIDE} generated and hostile requests without a 5xx, in the error shape, changing nothing when rejecting`, async () => {
    const { sessions } = await seedTrueplay(sandbox);
    await seedWallet(sandbox);
    await fuzzSide('trueplay', sandbox, sandbox.trueplayUrl, trueplayRequests(sessions, REQUESTS_PER_SIDE, SEED), {
      isRejection: (request, status, text) =>
        isClientError(status) && !(/\/(purchase|withdraw)$/.test(pathOf(request)) && LOYALTY_OUTCOMES.test(text)),
    });
  }, 170_000);

  it('records the hostile traffic it was fuzzed with (deep bodies included), and the recording replays green and the same', async () => {
    // The fuzzer's own deep-nesting mutations, on a fresh journal, then through the recorder both ways: the CLI's
    // reading over HTTP and the dashboard's export, which once answered 500 for as long as one stayed journaled.
    await sandbox.control('POST', '/sandbox/reset');
    await sandbox.wallet('POST', '/sandbox/reset');
    const { sessions } = await seedTrueplay(sandbox);
    const deep = trueplayRequests(sessions, 3000, SEED).filter((r) => r.label.includes('deep') && typeof r.body === 'string' && !r.chunked).slice(0, 40);
    expect(deep.length).toBeGreaterThan(10);
    for (const request of deep) {
      const answer = await fetch(`${sandbox.trueplayUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body as string });
      expect(answer.status, request.label).toBeLessThan(500);
    }
    const exported = await sandbox.control('GET', '/sandbox/journal/scenario');
    expect(exported.status).toBe(200);
    await expectRoundTrip(sandbox.trueplayUrl, { exchangeTimeoutMs: 300, exchangeAttempts: 2, exchangeBackoffMs: 5, backgroundWork: false });
  }, 60_000);

  it('creates nobody for a loyalty action refused as bad input (it used to visit, and so create, the user first)', async () => {
    await sandbox.control('POST', '/sandbox/reset');
    const link = await sandbox.api('GET', '/api/v1/loyalty-page?operatorUserId=never-visited');
    const session = new URL(link.body.url).pathname;
    const refused = await sandbox.control('POST', `${session}/withdraw`, { tokenAmount: 1.005 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_ERROR');
    expect((await sandbox.api('GET', '/api/v1/users/never-visited/balance')).status).toBe(404);
  });
});

describe('fuzzing the fake operator wallet', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ backgroundWork: false });
  });
  afterAll(() => sandbox.close());

  it(`answers ${REQUESTS_PER_SIDE} generated and hostile requests, signed and not, without a 5xx, changing nothing when rejecting`, async () => {
    await seedWallet(sandbox);
    await fuzzSide('wallet', sandbox, sandbox.walletUrl, walletRequests(REQUESTS_PER_SIDE, SEED), {
      finalise: signFinalBytes(sandbox.secretKey),
      isRejection: (request, status, text) =>
        isClientError(status) && !(/\/token-exchange$/.test(pathOf(request)) && WALLET_DECISIONS.test(text)),
    });
  }, 170_000);
});
