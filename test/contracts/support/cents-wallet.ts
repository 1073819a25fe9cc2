/**
 * A second stranger's operator wallet, written from the reference alone (trueplay-api.md §1 and §2b) in another
 * style: a class over an integer ledger of cents (BigInt), its own paths (`/wallet/trueplay/balance`,
 * `/wallet/trueplay/exchange`, which §2b allows per operator), its own operatorId, answers with two decimals
 * (`"balance": 100.00`, as a BigDecimal of scale 2 prints), extra fields Trueplay never reads, its own error codes
 * and messages, and a provider-state URL of its own (`/pact/states`).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CENTS_WALLET_PATHS = { balancePath: '/wallet/trueplay/balance', tokenExchangePath: '/wallet/trueplay/exchange' };

type Reply = [status: number, body: string];

class CentsLedger {
  private readonly cents = new Map<string, { cents: bigint; currency: string }>();
  private readonly replies = new Map<string, { request: string; reply: Reply }>();

  static toCents(amount: number | string): bigint {
    const [whole, fraction = ''] = String(amount).split('.');
    return BigInt(whole!) * 100n + BigInt((fraction + '00').slice(0, 2)) * (String(amount).startsWith('-') ? -1n : 1n);
  }

  static print(cents: bigint): string {
    const sign = cents < 0n ? '-' : '';
    const abs = cents < 0n ? -cents : cents;
    return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  }

  open(id: string, balance: number | string, currency: string): void {
    this.cents.set(id, { cents: CentsLedger.toCents(balance), currency });
  }

  close(id: string): void {
    this.cents.delete(id);
  }

  clear(): void {
    this.cents.clear();
    this.replies.clear();
  }

  balance(id: string): Reply {
    const account = this.cents.get(id);
    if (!account) return CentsWallet.problem(404, 'PLAYER_NOT_FOUND', 'Player not found');
    return [200, `{"operatorUserId":${JSON.stringify(id)},"balance":${CentsLedger.print(account.cents)},"currency":"${account.currency}","status":"ACTIVE"}`];
  }

  exchange(request: { id: string; action: 'CREDIT' | 'DEBIT'; amount: number; operatorUserId: string }): Reply {
    const key = JSON.stringify(request);
    const seen = this.replies.get(request.id);
    if (seen) return seen.request === key ? seen.reply : CentsWallet.problem(409, 'CONFLICT', 'Exchange id already used');
    const account = this.cents.get(request.operatorUserId);
    if (!account) return CentsWallet.problem(404, 'PLAYER_NOT_FOUND', 'Player not found');
    const amount = CentsLedger.toCents(request.amount);
    let reply: Reply;
    if (request.action === 'DEBIT' && amount > account.cents) {
      reply = CentsWallet.problem(400, 'INSUFFICIENT_FUNDS', 'Not enough money on the casino account');
    } else {
      account.cents += request.action === 'CREDIT' ? amount : -amount;
      reply = [200, `{"id":${JSON.stringify(request.id)},"status":"OK","balance":${CentsLedger.print(account.cents)},"processedAt":"${new Date().toISOString()}"}`];
    }
    this.replies.set(request.id, { request: key, reply });
    return reply;
  }
}

export class CentsWallet {
  private readonly ledger = new CentsLedger();
  private server?: Server;

  constructor(private readonly secret: string, private readonly operatorId: number) {}

  static problem(status: number, code: string, message: string): Reply {
    return [status, JSON.stringify({ error: { code, message } })];
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get stateUrl(): string {
    return `${this.url}/pact/states`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private signedCorrectly(raw: Buffer, header: string | string[] | undefined): boolean {
    const expected = Buffer.from(createHmac('sha512', this.secret).update(createHash('md5').update(raw).digest('hex')).digest('base64'));
    const given = Buffer.from(typeof header === 'string' ? header : '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private route(path: string, raw: Buffer, signature: string | string[] | undefined): Reply {
    const body = JSON.parse(raw.toString('utf8') || '{}');
    if (path === '/pact/states') return this.state(body);
    if (path !== CENTS_WALLET_PATHS.balancePath && path !== CENTS_WALLET_PATHS.tokenExchangePath) return CentsWallet.problem(404, 'NOT_FOUND', 'No such endpoint');
    if (!this.signedCorrectly(raw, signature)) return CentsWallet.problem(401, 'UNAUTHORIZED', 'Bad request signature');
    if (body.operatorId !== this.operatorId) return CentsWallet.problem(403, 'FORBIDDEN', 'Wrong operator');
    return path === CENTS_WALLET_PATHS.balancePath ? this.ledger.balance(body.operatorUserId) : this.ledger.exchange(body);
  }

  private state(change: { state?: string; params?: Record<string, any>; action?: string }): Reply { // eslint-disable-line @typescript-eslint/no-explicit-any
    const p = change.params ?? {};
    if (!change.state) return [200, '{}'];
    if (change.action === 'teardown') {
      this.ledger.clear();
      return [200, '{}'];
    }
    if (change.state === 'a player exists') this.ledger.open(p.operatorUserId, p.balance, p.currency);
    else if (change.state === 'no player exists') this.ledger.close(p.operatorUserId);
    else if (change.state === 'a token exchange was processed') {
      const [status, body] = this.ledger.exchange(p as never);
      if (status !== 200) return [status, body];
    } else return CentsWallet.problem(400, 'UNKNOWN_STATE', `Unknown state: ${change.state}`);
    return [200, '{}'];
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    let reply: Reply;
    try {
      reply = this.route(new URL(req.url ?? '/', 'http://wallet').pathname, Buffer.concat(parts), req.headers['x-request-signature']);
    } catch {
      reply = CentsWallet.problem(400, 'BAD_REQUEST', 'Malformed request');
    }
    res.writeHead(reply[0], { 'content-type': 'application/json' }).end(reply[1]);
  }
}
