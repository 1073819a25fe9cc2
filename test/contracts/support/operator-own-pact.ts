/**
 * A consumer pact as an operator's team would write it with pact-js's PactV4, for its own code that calls
 * Trueplay: its own names, its own descriptions, its own params for the fake Trueplay's documented states, and
 * matchers of its own choosing. `unknownState` puts one state the fake Trueplay does not have on an interaction
 * that would pass without it (a loyalty-page link needs no state), the case that must not pass quietly.
 */
import { MatchersV3 as M, PactV4 } from '@pact-foundation/pact';
import { join } from 'node:path';
import { untilRecorded } from '../../../src/contracts/pact-writer.js';

const KEY = { 'X-API-KEY': 'demo-api-key' };

export async function writeOperatorsOwnPact(dir: string, options: { unknownState?: string } = {}): Promise<string> {
  process.env.PACT_DO_NOT_TRACK ??= 'true';
  const pact = new PactV4({ consumer: 'acme-casino-backend', provider: 'trueplay', dir, logLevel: 'error' });
  // Pact's mock server answers before it records the call, and pact-js judges the interaction when the callback
  // returns: each call waits for the record (src/contracts/pact-writer.ts), or a busy machine sees "expected but not received".
  const call = async (url: string, init: RequestInit = {}) => {
    const text = await fetch(url, { ...init, headers: { ...KEY, 'content-type': 'application/json', ...(init.headers ?? {}) } }).then((r) => r.text());
    await untilRecorded(Number(new URL(url).port));
    return text;
  };

  await pact
    .addInteraction()
    .given('no user exists', { operatorUserId: 'acme-1001' })
    .uponReceiving('acme reports the first slot bet of a new customer')
    .withRequest('POST', '/api/v1/accept', (req) => {
      req.headers(KEY).jsonBody({
        operatorUserId: 'acme-1001', transactionId: M.string('acme-bet-1'), referenceTransactionId: null, type: 'BET',
        gameProvider: 'pragmatic', gameCode: 'vs20doghouse', gameName: 'The Dog House', gameType: 'Slot', currency: 'EUR', amount: M.decimal(2.5),
      });
    })
    .willRespondWith(200, (res) => res.jsonBody({ status: 'OK', trueplayUserId: M.string('tp-1'), duplicate: false }))
    .executeTest(async (server) => {
      await call(`${server.url}/api/v1/accept`, {
        method: 'POST',
        body: JSON.stringify({ operatorUserId: 'acme-1001', transactionId: 'acme-bet-1', referenceTransactionId: null, type: 'BET', gameProvider: 'pragmatic', gameCode: 'vs20doghouse', gameName: 'The Dog House', gameType: 'Slot', currency: 'EUR', amount: 2.5 }),
      });
    });

  await pact
    .addInteraction()
    .given('a user exists', { operatorUserId: 'acme-2002', currency: 'EUR', kyc: true })
    .uponReceiving('acme shows a known customer her token balance')
    .withRequest('GET', '/api/v1/users/acme-2002/balance', (req) => req.headers(KEY))
    .willRespondWith(200, (res) => res.jsonBody({ tokenBalance: M.number(0) }))
    .executeTest(async (server) => {
      await call(`${server.url}/api/v1/users/acme-2002/balance`);
    });

  await pact
    .addInteraction()
    .given('a campaign exists', { type: 'DEPOSIT', tokens: 15, name: 'Acme reload', participants: ['acme-3003'] })
    .uponReceiving('acme lists who takes part in its reload campaign')
    .withRequest('GET', M.fromProviderState('/api/v1/campaigns/${campaignId}/participants', '/api/v1/campaigns/7/participants'), (req) => req.headers(KEY))
    .willRespondWith(200, (res) => res.jsonBody({ items: M.eachLike({ operatorUserId: 'acme-3003' }), total: 1 }))
    .executeTest(async (server) => {
      await call(`${server.url}/api/v1/campaigns/7/participants`);
    });

  let linkRequest = pact.addInteraction();
  if (options.unknownState) linkRequest = linkRequest.given(options.unknownState, { storefront: 'main' });
  await linkRequest
    .uponReceiving('acme asks for the loyalty page of a customer, in German')
    .withRequest('GET', '/api/v1/loyalty-page', (req) => req.headers(KEY).query({ operatorUserId: 'acme-4004', lang: 'DE' }))
    .willRespondWith(200, (res) => res.jsonBody({ url: M.string('http://trueplay.example/loyalty/abc') }))
    .executeTest(async (server) => {
      await call(`${server.url}/api/v1/loyalty-page?operatorUserId=acme-4004&lang=DE`);
    });

  return join(dir, 'acme-casino-backend-trueplay.json');
}
