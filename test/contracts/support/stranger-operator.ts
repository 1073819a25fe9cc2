/**
 * An operator service written from reference §2b alone, as a stranger would: its own code (no sandbox modules),
 * in-memory players, a state-setup URL of its own choosing. `broken` switches one rule off, to show that
 * `verify operator` then fails and names the interaction.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { createHash, createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface StrangerOptions {
  secretKey: string;
  operatorId: number;
  broken?: 'idempotency' | 'signature';
}

export interface RunningStranger {
  url: string;
  stateUrl: string;
  close(): Promise<void>;
}

type Exchange = { id: string; action: 'CREDIT' | 'DEBIT'; amount: number; currency: string; operatorId: number; operatorUserId: string };

const error = (c: Context, status: 400 | 401 | 403 | 404, code: string, message: string) => c.json({ error: { code, message } }, status);

export async function startStrangerOperator(options: StrangerOptions): Promise<RunningStranger> {
  const players = new Map<string, { balance: number; currency: string }>();
  const answered = new Map<string, { status: 200 | 400; body: unknown }>();
  const sign = (raw: string) => createHmac('sha512', options.secretKey).update(createHash('md5').update(raw).digest('hex')).digest('base64');

  const exchange = (body: Exchange): { status: 200 | 400 | 404; body: unknown } => {
    if (options.broken !== 'idempotency') {
      const earlier = answered.get(body.id);
      if (earlier) return earlier;
    }
    const player = players.get(body.operatorUserId);
    if (!player) return { status: 404, body: { error: { code: 'USER_NOT_FOUND', message: 'no such player' } } };
    const cents = Math.round(body.amount * 100);
    const balanceCents = Math.round(player.balance * 100);
    let answer: { status: 200 | 400; body: unknown };
    if (body.action === 'DEBIT' && cents > balanceCents) {
      answer = { status: 400, body: { error: { code: 'INSUFFICIENT_FUNDS', message: 'balance too low' } } };
    } else {
      player.balance = (balanceCents + (body.action === 'CREDIT' ? cents : -cents)) / 100;
      answer = { status: 200, body: { id: body.id, status: 'OK', balance: player.balance } };
    }
    answered.set(body.id, answer);
    return answer;
  };

  const app = new Hono();
  app.post('/trueplay/*', async (c) => {
    const raw = await c.req.text();
    if (options.broken !== 'signature' && c.req.header('x-request-signature') !== sign(raw)) return error(c, 401, 'INVALID_SIGNATURE', 'bad signature');
    const body = JSON.parse(raw) as Exchange;
    if (body.operatorId !== options.operatorId) return error(c, 403, 'OPERATOR_MISMATCH', 'not this operator');
    if (c.req.path === '/trueplay/balance') {
      const player = players.get(body.operatorUserId);
      if (!player) return error(c, 404, 'USER_NOT_FOUND', 'no such player');
      return c.json({ operatorUserId: body.operatorUserId, balance: player.balance, currency: player.currency });
    }
    const answer = exchange(body);
    return c.json(answer.body as object, answer.status);
  });
  app.post('/pact/states', async (c) => {
    const { state, params, action } = (await c.req.json()) as { state: string; params: Record<string, unknown>; action: string };
    if (action === 'teardown') {
      players.clear();
      answered.clear();
    } else if (state === 'a player exists') {
      players.set(String(params.operatorUserId), { balance: Number(params.balance), currency: String(params.currency) });
    } else if (state === 'a token exchange was processed') {
      exchange(params as unknown as Exchange);
    } else if (state !== 'no player exists') {
      return error(c, 400, 'UNKNOWN_STATE', state);
    }
    return c.json({});
  });

  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stateUrl: `${url}/pact/states`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
