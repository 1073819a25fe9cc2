/**
 * A stranger's operator wallet, written from the reference (trueplay-api.md §1, §2b) alone, to grade the probe on
 * code it did not shape. Deliberately its own style: bare node:http, balances in integer cents (BigInt), its own
 * lowercase error codes, money written as `100.00`, no length limits, and only the fields it needs are read
 * (id, action, amount, operatorUserId); the rest are ignored. Nothing here imports the sandbox's code.
 *
 * Lenient but correct unless given a flaw:
 * - 'split-await': reads the balance, awaits its (simulated, 1 ms away) ledger, then writes: concurrent DEBITs overdraw.
 * - 'accepts-non-positive-amount': checks that amount is a number, not that it is positive: a CREDIT of -50 takes money.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type CentsWalletFlaw = 'split-await' | 'accepts-non-positive-amount';

type Reply = { status: number; text: string };

const STATE_PATH = '/pact/states';

function signatureOf(secret: string, raw: Buffer): Buffer {
  const md5 = createHash('md5').update(raw).digest('hex');
  return Buffer.from(createHmac('sha512', secret).update(md5).digest('base64'));
}

const money = (cents: bigint) => {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

/** A JSON number with at most two decimals, in cents; undefined when it is anything else. */
function toCents(value: unknown): bigint | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const cents = Math.round(value * 100);
  if (Math.abs(cents - value * 100) > 1e-6 * Math.max(1, Math.abs(value))) return undefined;
  return BigInt(cents);
}

const oops = (status: number, code: string, message: string): Reply => ({ status, text: JSON.stringify({ error: { code, message } }) });

export async function startCentsWallet(options: { secret: string; flaw?: CentsWalletFlaw }) {
  const { secret, flaw } = options;
  const wallets = new Map<string, { cents: bigint; currency: string }>();
  const done = new Map<string, { key: string; reply: Reply }>();

  // The flawed ledger is "remote": every read and write is a round trip of about a millisecond, like a database on the same host.
  const ledgerTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

  async function exchange(body: Record<string, unknown>): Promise<Reply> {
    const { id, action, amount, operatorUserId } = body;
    if (typeof id !== 'string' || id === '') return oops(400, 'bad_request', 'id must be a non-empty string');
    if (action !== 'CREDIT' && action !== 'DEBIT') return oops(400, 'bad_request', 'action must be CREDIT or DEBIT');
    const cents = toCents(amount);
    if (cents === undefined) return oops(400, 'bad_amount', 'amount must be a number with at most 2 decimals');
    if (cents <= 0n && flaw !== 'accepts-non-positive-amount') return oops(400, 'bad_amount', 'amount must be positive');
    if (typeof operatorUserId !== 'string') return oops(400, 'bad_request', 'operatorUserId must be a string');

    const key = `${action}|${cents}|${operatorUserId}`;
    const previous = done.get(id);
    if (previous) return previous.key === key ? previous.reply : oops(409, 'duplicate_request', `exchange ${id} was already used for something else`);

    if (flaw === 'split-await') {
      await ledgerTurn();
      const wallet = wallets.get(operatorUserId);
      if (!wallet) return oops(404, 'player_not_found', 'no such player');
      const balance = wallet.cents;
      if (action === 'DEBIT' && balance < cents) return remember(id, key, oops(400, 'insufficient_balance', 'not enough money'));
      await ledgerTurn();
      wallet.cents = action === 'CREDIT' ? balance + cents : balance - cents;
      return remember(id, key, { status: 200, text: `{"id":${JSON.stringify(id)},"status":"OK","balance":${money(wallet.cents)}}` });
    }

    const wallet = wallets.get(operatorUserId);
    if (!wallet) return oops(404, 'player_not_found', 'no such player');
    if (action === 'DEBIT' && wallet.cents < cents) return remember(id, key, oops(400, 'insufficient_balance', 'not enough money'));
    wallet.cents += action === 'CREDIT' ? cents : -cents;
    return remember(id, key, { status: 200, text: `{"id":${JSON.stringify(id)},"status":"OK","balance":${money(wallet.cents)}}` });
  }

  function remember(id: string, key: string, reply: Reply): Reply {
    done.set(id, { key, reply });
    return reply;
  }

  function balance(body: Record<string, unknown>): Reply {
    const { operatorUserId } = body;
    if (typeof operatorUserId !== 'string') return oops(400, 'bad_request', 'operatorUserId must be a string');
    const wallet = wallets.get(operatorUserId);
    if (!wallet) return oops(404, 'player_not_found', 'no such player');
    return { status: 200, text: `{"operatorUserId":${JSON.stringify(operatorUserId)},"balance":${money(wallet.cents)},"currency":${JSON.stringify(wallet.currency)}}` };
  }

  function providerState(raw: Buffer): Reply {
    const { state, params, action } = JSON.parse(raw.toString('utf8'));
    if (action === 'teardown') return { status: 200, text: '{}' };
    if (state === 'a player exists') {
      const cents = toCents(params.balance) ?? 0n;
      wallets.set(String(params.operatorUserId), { cents, currency: params.currency ?? 'USD' });
    } else if (state === 'no player exists') {
      wallets.delete(String(params.operatorUserId));
    }
    return { status: 200, text: '{}' };
  }

  async function handle(req: IncomingMessage, raw: Buffer): Promise<Reply> {
    if (req.method !== 'POST') return oops(405, 'method_not_allowed', 'POST only');
    if (req.url === STATE_PATH) return providerState(raw);
    if (req.url !== '/trueplay/balance' && req.url !== '/trueplay/token-exchange') return oops(404, 'not_found', 'no such endpoint');
    const given = Buffer.from(String(req.headers['x-request-signature'] ?? ''));
    const wanted = signatureOf(secret, raw);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return oops(401, 'bad_signature', 'signature does not match');
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return oops(400, 'bad_json', 'the body is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return oops(400, 'bad_request', 'the body must be an object');
    return req.url === '/trueplay/balance' ? balance(body as Record<string, unknown>) : exchange(body as Record<string, unknown>);
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      handle(req, Buffer.concat(chunks)).then(
        (reply) => res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.text),
        () => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'oops', message: 'internal error' } })),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stateUrl: `${url}${STATE_PATH}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
