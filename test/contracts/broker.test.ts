/** Publishing to a Pact Broker: the pacts go to POST /contracts/publish; verification results use pact-js's own options. */
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { publishPacts } from '../../src/contracts/broker.js';
import { OPERATOR_TRUEPLAY_PACT, TRUEPLAY_OPERATOR_PACT } from '../../src/contracts/generate.js';
import { verifierOptions } from '../../src/contracts/verify.js';
import { operatorVerification } from '../../src/contracts/verify-operator.js';

describe('Pact Broker', () => {
  let server: ServerType | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('publishes both pacts, each under its consumer, with the token', async () => {
    const received: { auth: string | undefined; body: any }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    const broker = new Hono().post('/contracts/publish', async (c) => {
      received.push({ auth: c.req.header('authorization'), body: await c.req.json() });
      return c.json({ notices: [] }, 200);
    });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: broker.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const published = await publishPacts([OPERATOR_TRUEPLAY_PACT, TRUEPLAY_OPERATOR_PACT], { brokerUrl: url, brokerToken: 't0ken', consumerVersion: '1.2.3', branch: 'main' });
    expect(published.map((p) => `${p.consumer}->${p.provider}`)).toEqual(['operator->trueplay', 'trueplay->operator']);
    expect(received.map((r) => r.auth)).toEqual(['Bearer t0ken', 'Bearer t0ken']);
    expect(received[0]!.body).toMatchObject({
      pacticipantName: 'operator', pacticipantVersionNumber: '1.2.3', branch: 'main',
      contracts: [{ consumerName: 'operator', providerName: 'trueplay', specification: 'pact', contentType: 'application/json' }],
    });
    const content = JSON.parse(Buffer.from(received[1]!.body.contracts[0].content, 'base64').toString('utf8'));
    expect(content.consumer.name).toBe('trueplay');
  });

  it('says what the broker answered when it refuses', async () => {
    const broker = new Hono().post('/contracts/publish', (c) => c.json({ errors: { pacticipantVersionNumber: ['is taken'] } }, 400));
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: broker.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await expect(publishPacts([OPERATOR_TRUEPLAY_PACT], { brokerUrl: url, consumerVersion: '1' })).rejects.toThrow(/refused .* 400 .*is taken/);
  });

  it('verifies the broker\'s pacts and publishes results with pact-js\'s Verifier options', () => {
    const options = verifierOptions(
      operatorVerification({
        baseUrl: 'http://127.0.0.1:9',
        secretKey: 's',
        broker: { url: 'https://broker.example', token: 'tok', providerVersion: 'abc123', providerBranch: 'main', publish: true },
      }),
      [],
    );
    expect(options).toMatchObject({
      provider: 'operator',
      pactBrokerUrl: 'https://broker.example',
      pactBrokerToken: 'tok',
      publishVerificationResult: true,
      providerVersion: 'abc123',
      providerVersionBranch: 'main',
      pactUrls: undefined,
    });
    expect(Object.keys(options.stateHandlers ?? {}).sort()).toEqual(['a player exists', 'a token exchange was processed', 'no player exists']);
  });
});
