/**
 * A small operator wallet for grading the probe itself: a standalone Hono app on 127.0.0.1 port 0, in memory,
 * correct by reference §2b unless given one `flaw`, which breaks it in exactly one way.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import type { AddressInfo } from 'node:net';
import { setTimeout as pause } from 'node:timers/promises';
import { loadContract } from '../../../src/openapi/documents.js';
import { validateRequest } from '../../../src/openapi/validator.js';
import { refusal, Refusal } from '../../../src/domain/errors.js';
import { bodyFingerprint } from '../../../src/domain/idempotency.js';
import { AMOUNT_PLACES, Decimal, decimalOf, hasAtMostPlaces, TOKEN_PLACES, toWireNumber } from '../../../src/domain/money.js';
import { limitBodySize } from '../../../src/http/body-limit.js';
import { errorResponse, refusalResponse } from '../../../src/http/errors.js';
import { parseJson } from '../../../src/http/json-body.js';
import { isValidSignature, SIGNATURE_HEADER } from '../../../src/signing/signature.js';

export type Flaw =
  /** Accepts any X-REQUEST-SIGNATURE, or none. */
  | 'no-signature-check'
  /** Ignores the exchange id: every replay moves money again. */
  | 'no-idempotency'
  /** Checks the funds, waits on a (simulated) ledger round trip, then debits: concurrent DEBITs overdraw. */
  | 'overdraft-under-concurrency'
  /** Lets validation and JSON parse errors escape as 500. */
  | 'crash-on-bad-input';

export interface MiniWallet {
  url: string;
  stateUrl: string;
  close(): Promise<void>;
}

interface Player {
  balance: Decimal;
  currency: string;
}

type Answer = { status: 200 | 400 | 404; body: object };

export async function startMiniWallet(options: { secret: string; flaw?: Flaw }): Promise<MiniWallet> {
  const { secret, flaw } = options;
  const contract = loadContract('operator');
  const players = new Map<string, Player>();
  const exchanges = new Map<string, { fingerprint: string; answer: Promise<Answer> }>();

  /** Parses and validates a signed call's body; the crash flaw turns any refusal here into an unhandled error. */
  function readValid(raw: Uint8Array, operationId: 'getUserBalance' | 'tokenExchange'): any {
    try {
      const body = parseJson(raw).value;
      validateRequest(contract, contract.operations.get(operationId)!, { params: {}, query: {}, body });
      const { amount, tokenAmount } = body as { amount?: number; tokenAmount?: number };
      if (amount !== undefined && !hasAtMostPlaces(decimalOf(amount), AMOUNT_PLACES)) throw refusal('VALIDATION_ERROR', 'amount has more than 8 decimals');
      if (tokenAmount !== undefined && !hasAtMostPlaces(decimalOf(tokenAmount), TOKEN_PLACES)) throw refusal('VALIDATION_ERROR', 'tokenAmount has more than 2 decimals');
      return body;
    } catch (error) {
      if (flaw === 'crash-on-bad-input') throw new Error(`unhandled: ${(error as Error).message}`);
      throw error;
    }
  }

  async function exchange(body: { id: string; action: 'CREDIT' | 'DEBIT'; amount: number; operatorUserId: string }): Promise<Answer> {
    const player = players.get(body.operatorUserId);
    if (!player) return { status: 404, body: errorBodyOf('USER_NOT_FOUND', `no player ${body.operatorUserId}`) };
    const amount = decimalOf(body.amount);
    if (body.action === 'CREDIT') {
      player.balance = player.balance.plus(amount);
    } else {
      if (player.balance.lessThan(amount)) return { status: 400, body: errorBodyOf('INSUFFICIENT_FUNDS', 'the balance does not cover the DEBIT') };
      if (flaw === 'overdraft-under-concurrency') await pause(100);
      player.balance = player.balance.minus(amount);
    }
    return { status: 200, body: { id: body.id, status: 'OK', balance: toWireNumber(player.balance) } };
  }

  const app = new Hono();
  app.onError((error, c: Context) => {
    if (error instanceof Refusal) return refusalResponse(error);
    return c.text('Internal Server Error', 500);
  });
  app.use(limitBodySize());
  app.use('/trueplay/*', async (c, next) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (flaw !== 'no-signature-check' && !isValidSignature(secret, raw, c.req.header(SIGNATURE_HEADER))) {
      return errorResponse(401, 'INVALID_SIGNATURE', 'X-REQUEST-SIGNATURE is missing or wrong');
    }
    c.set('raw' as never, raw as never);
    await next();
  });
  const rawOf = (c: Context) => c.get('raw' as never) as Uint8Array;

  app.post('/trueplay/balance', (c) => {
    const body = readValid(rawOf(c), 'getUserBalance');
    const player = players.get(body.operatorUserId);
    if (!player) throw refusal('USER_NOT_FOUND', `no player ${body.operatorUserId}`);
    return c.json({ operatorUserId: body.operatorUserId, balance: toWireNumber(player.balance), currency: player.currency });
  });

  app.post('/trueplay/token-exchange', async (c) => {
    const body = readValid(rawOf(c), 'tokenExchange');
    const fingerprint = bodyFingerprint(body);
    let answer: Promise<Answer>;
    const seen = flaw === 'no-idempotency' ? undefined : exchanges.get(body.id);
    if (seen) {
      if (seen.fingerprint !== fingerprint) throw refusal('DUPLICATE_TRANSACTION', `exchange ${body.id} was seen with another body`);
      answer = seen.answer;
    } else {
      // Claimed before any await, so a concurrent replay waits for this answer instead of moving money again.
      answer = exchange(body);
      exchanges.set(body.id, { fingerprint, answer });
    }
    const { status, body: reply } = await answer;
    return c.json(reply, status);
  });

  app.post('/sandbox/provider-states', async (c) => {
    const { state, params, action } = (await c.req.json()) as { state: string; params: Record<string, any>; action?: string };
    if (action === 'teardown') return c.json({});
    if (state === 'a player exists') {
      players.set(params.operatorUserId, { balance: decimalOf(params.balance), currency: params.currency ?? 'USD' });
    } else if (state === 'no player exists') {
      players.delete(params.operatorUserId);
    } else {
      return errorResponse(400, 'UNKNOWN_STATE', `unknown provider state ${JSON.stringify(state)}`);
    }
    return c.json({});
  });

  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stateUrl: `${url}/sandbox/provider-states`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

function errorBodyOf(code: string, message: string) {
  return { error: { code, message } };
}
