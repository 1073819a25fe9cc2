import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../src/store/database.js';
import { createWalletApp } from '../../src/wallet/app.js';
import { signedCall } from './support.js';

// The integration guide's vector: operator 123, secret "secret", player "333".
const VECTOR_BODY =
  '{"id":"103193","action":"CREDIT","amount":4.123,"currency":"USD","exchangeRate":0.00203250655485,"tokenAmount":2500,"operatorId":123,"operatorUserId":"333"}';
const VECTOR_SIGNATURE = 'IifPVbfXptagZ6qSXH9vYrQiqSP4sKIC+hV+39z2K+FlLzRoEboPGTTymjmeuAhN1i0ICDyyrrufYspgAJmxHQ==';

describe('a wallet of its own: operator 123 with its own paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trueplay-sandbox-test-'));
  let db: SqliteDatabase;
  let server: ServerType;
  let wallet: ReturnType<typeof createWalletApp>;
  let url = '';

  beforeAll(async () => {
    db = openDatabase(join(dir, 'wallet.db'));
    wallet = createWalletApp({
      db,
      operatorId: 123,
      apiKey: 'unused',
      secretKey: 'secret',
      trueplayUrl: () => 'http://127.0.0.1:9',
      paths: { tokenExchange: '/casino/tp/exchange', balance: '/casino/tp/balance' },
      logError: (error) => console.error(error),
    });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: wallet.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await fetch(`${url}/sandbox/players`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operatorUserId: '333', balance: 0, currency: 'USD' }),
    });
  });
  afterAll(async () => {
    wallet.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts the signature vector on its configured path and credits 4.123', async () => {
    const answer = await signedCall(url, '/casino/tp/exchange', undefined, { secretKey: 'secret', rawBody: VECTOR_BODY, signature: VECTOR_SIGNATURE });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ id: '103193', status: 'OK', balance: 4.123 });
    const balance = await signedCall(url, '/casino/tp/balance', { operatorId: 123, operatorUserId: '333' }, { secretKey: 'secret' });
    expect(balance.body).toEqual({ operatorUserId: '333', balance: 4.123, currency: 'USD' });
  });

  it('no longer serves the contract\'s default paths it was moved from, but keeps the one it was not', async () => {
    const old = await signedCall(url, '/trueplay/token-exchange', undefined, { secretKey: 'secret', rawBody: VECTOR_BODY });
    expect(old.status).toBe(404);
    expect(old.body.error.message).toContain('/trueplay/token-exchange');
    const event = { requestId: 'r-1', operatorUserId: '333', createdAt: '2025-01-06 12:00:00', type: 'HOLD_TO_EARN', data: {} };
    expect((await signedCall(url, '/player-event', event, { secretKey: 'secret' })).status).toBe(200);
  });

  it('applies a fault by the path the caller used', async () => {
    await fetch(`${url}/sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/casino/tp/balance', status: 500 }),
    });
    const spoiled = await signedCall(url, '/casino/tp/balance', { operatorId: 123, operatorUserId: '333' }, { secretKey: 'secret' });
    expect(spoiled.status).toBe(500);
    expect(spoiled.body.error.code).toBe('INJECTED_FAULT');
  });
});
