/**
 * A stranger's operator wallet, written from the reference alone (trueplay-api.md §1 and §2b), in the style of a
 * service that keeps money as decimals: decimal.js values, answers written by hand so every amount carries a
 * decimal point (`"balance": 100.0`, as Python's Decimal or Java's BigDecimal write it). Its error codes and
 * messages are its own, it reads only the fields it needs (no operatorId check, exchangeRate and tokenAmount
 * ignored), and its provider-state URL is `/_pact/provider_states`. A flaw switches one money rule off.
 */
import { Decimal } from 'decimal.js';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type DecimalWalletFlaw = 'no-idempotency' | 'no-signature-check' | 'overdraft';

export interface DecimalWallet {
  url: string;
  stateUrl: string;
  close(): Promise<void>;
}

interface Account {
  balance: Decimal;
  currency: string;
}

interface Answer {
  status: number;
  json: string;
}

const money = (d: Decimal): string => d.toFixed(Math.max(1, d.decimalPlaces()));
const refusal = (status: number, code: string, message: string): Answer => ({ status, json: JSON.stringify({ error: { code, message } }) });

export async function startDecimalWallet(secret: string, flaw?: DecimalWalletFlaw): Promise<DecimalWallet> {
  const accounts = new Map<string, Account>();
  const decided = new Map<string, { raw: string; answer: Answer }>();

  const signatureOf = (raw: Buffer) => createHmac('sha512', secret).update(createHash('md5').update(raw).digest('hex')).digest('base64');

  function balance(body: { operatorUserId?: string }): Answer {
    const account = body.operatorUserId === undefined ? undefined : accounts.get(body.operatorUserId);
    if (!account) return refusal(404, 'UNKNOWN_USER', `user ${body.operatorUserId} is not registered here`);
    return { status: 200, json: `{"balance":${money(account.balance)},"currency":${JSON.stringify(account.currency)}}` };
  }

  function exchange(body: { id: string; action: string; amount: number; operatorUserId: string }, raw: string): Answer {
    const before = decided.get(body.id);
    if (before && flaw !== 'no-idempotency') {
      return before.raw === raw ? before.answer : refusal(409, 'EXCHANGE_ID_REUSED', 'this exchange id came with another body');
    }
    const account = accounts.get(body.operatorUserId);
    if (!account) return refusal(404, 'UNKNOWN_USER', `user ${body.operatorUserId} is not registered here`);
    const amount = new Decimal(String(body.amount));
    let answer: Answer;
    if (body.action === 'CREDIT') {
      account.balance = account.balance.plus(amount);
      answer = { status: 200, json: `{"id":${JSON.stringify(body.id)},"status":"OK","balance":${money(account.balance)}}` };
    } else if (body.action === 'DEBIT') {
      if (account.balance.lessThan(amount) && flaw !== 'overdraft') {
        answer = refusal(400, 'INSUFFICIENT_FUNDS', `cannot take ${money(amount)} from ${money(account.balance)}`);
      } else {
        account.balance = account.balance.minus(amount);
        answer = { status: 200, json: `{"id":${JSON.stringify(body.id)},"status":"OK","balance":${money(account.balance)}}` };
      }
    } else {
      return refusal(400, 'UNSUPPORTED_ACTION', `action ${body.action} is neither CREDIT nor DEBIT`);
    }
    decided.set(body.id, { raw, answer });
    return answer;
  }

  function providerState(body: { state?: string; params?: Record<string, unknown>; action?: string }): Answer {
    if (!body.state) return { status: 200, json: '{}' };
    if (body.action === 'teardown') {
      accounts.clear();
      decided.clear();
      return { status: 200, json: '{}' };
    }
    const params = body.params ?? {};
    switch (body.state) {
      case 'a player exists':
        accounts.set(String(params.operatorUserId), { balance: new Decimal(String(params.balance)), currency: String(params.currency) });
        return { status: 200, json: '{}' };
      case 'no player exists':
        accounts.delete(String(params.operatorUserId));
        return { status: 200, json: '{}' };
      case 'a token exchange was processed': {
        const answer = exchange(params as never, JSON.stringify(params));
        return answer.status === 200 ? { status: 200, json: '{}' } : answer;
      }
      default:
        return refusal(400, 'NO_SUCH_STATE', `unknown state ${body.state}`);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    let answer: Answer;
    try {
      const body = JSON.parse(raw.toString('utf8') || '{}');
      if (req.url === '/_pact/provider_states') answer = providerState(body);
      else if (req.url !== '/trueplay/balance' && req.url !== '/trueplay/token-exchange') answer = refusal(404, 'NO_ROUTE', 'nothing here');
      else if (flaw !== 'no-signature-check' && req.headers['x-request-signature'] !== signatureOf(raw)) answer = refusal(401, 'SIGNATURE_REJECTED', 'signature check failed');
      else if (req.url === '/trueplay/balance') answer = balance(body);
      // The body as a JSON value, not the raw bytes: the same exchange re-sent is the same value.
      else answer = exchange(body, JSON.stringify(body));
    } catch {
      answer = refusal(400, 'BAD_JSON', 'the body is not JSON');
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.json);
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stateUrl: `${url}/_pact/provider_states`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
