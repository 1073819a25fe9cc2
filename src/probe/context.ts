/**
 * What a check works with: fresh ids, players seeded through the state-setup URL, signed calls to the
 * service, and a record of every request and answer. Broken expectations are collected, not thrown, so
 * one run of a check says everything that is wrong with it.
 */
import { signBody, SIGNATURE_HEADER } from '../signing/signature.js';
import { Decimal, decimalOf } from '../domain/money.js';
import { balanceBody, tokenExchangeBody, type ExchangeAction, type TokenExchangeBody } from './bodies.js';
import { errorCode, is5xx, isErrorBody, isMoney, successShapeProblems, summarize, type SignedOperation } from './expect.js';
import { sendInPieces, type ChunkedSend } from './chunked-send.js';
import { exchangeRecord, postRaw, type PostRequest, type Reply } from './http.js';
import type { Exchange, ProbeTarget } from './types.js';

/** Thrown to stop a check whose next step would make no sense (e.g. the player could not be seeded). */
export class CheckFailed extends Error {}

export interface SendOptions {
  label: string;
  purpose?: Exchange['purpose'];
  /** undefined: the valid signature over the bytes sent; null: no header; a string: that header value. */
  signature?: string | null;
}

type Body = object | string | Uint8Array;

export class CheckContext {
  readonly problems: string[] = [];
  readonly exchanges: Exchange[] = [];
  private ids = 0;

  constructor(
    readonly target: ProbeTarget,
    /** Prefix of every id this check makes, unique per run and check so checks never share a player. */
    private readonly idPrefix: string,
  ) {}

  freshId(kind: 'player' | 'exchange'): string {
    this.ids += 1;
    return `${this.idPrefix}-${kind === 'player' ? 'p' : 'x'}${this.ids}`;
  }

  /** Records a broken expectation; returns the condition so a check can skip what depends on it. */
  expect(condition: boolean, problem: string): boolean {
    if (!condition) this.problems.push(problem);
    return condition;
  }

  fail(problem: string): never {
    this.problems.push(problem);
    throw new CheckFailed(problem);
  }

  // ---- talking to the service ------------------------------------------------------------------

  /** Seeds a fresh player through the state-setup URL, as Pact's `verify operator` does. */
  async seedPlayer(balance: string, currency = 'USD'): Promise<string> {
    const operatorUserId = this.freshId('player');
    const body = JSON.stringify({ state: 'a player exists', params: { operatorUserId, balance: Number(balance), currency }, action: 'setup' });
    const request: PostRequest = { url: this.target.stateUrl, body, headers: { 'content-type': 'application/json' }, timeoutMs: this.target.timeoutMs };
    const { reply, durationMs } = await postRaw(request);
    this.exchanges.push(exchangeRecord('setup', `seed ${operatorUserId} with ${balance} ${currency}`, request, reply, durationMs));
    if (reply.status === null || reply.status < 200 || reply.status > 299) {
      this.fail(`could not seed a player through the state URL ${this.target.stateUrl}: ${summarize(reply)}`);
    }
    return operatorUserId;
  }

  exchangeBody(operatorUserId: string, action: ExchangeAction, amount: string, currency?: string): TokenExchangeBody {
    return tokenExchangeBody({ id: this.freshId('exchange'), action, amount, operatorId: this.target.operatorId, operatorUserId, currency });
  }

  /** POSTs to a path of the service: objects are sent as compact JSON, strings and bytes exactly as given. */
  async post(path: string, body: Body, options: SendOptions): Promise<Reply> {
    const bytes = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const signature = options.signature === undefined ? signBody(this.target.secret, bytes) : options.signature;
    if (signature !== null) headers[SIGNATURE_HEADER] = signature;
    const request: PostRequest = { url: this.urlOf(path), body: bytes, headers, timeoutMs: this.target.timeoutMs };
    const { reply, durationMs } = await postRaw(request);
    this.exchanges.push(exchangeRecord(options.purpose ?? 'probe', options.label, request, reply, durationMs));
    return reply;
  }

  /** POSTs a signed body in slow pieces over its own connection (see chunked-send.ts); may hang up half-way. */
  async postInPieces(path: string, body: string, options: SendOptions & Omit<ChunkedSend, 'url' | 'headers' | 'body' | 'timeoutMs'>): Promise<Reply> {
    const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(this.target.secret, body) };
    const url = this.urlOf(path);
    const { reply, durationMs } = await sendInPieces({ ...options, url, headers, body: Buffer.from(body), timeoutMs: this.target.timeoutMs });
    this.exchanges.push(exchangeRecord(options.purpose ?? 'probe', options.label, { url, body, headers, timeoutMs: this.target.timeoutMs }, reply, durationMs));
    return reply;
  }

  private urlOf(path: string): string {
    return `${this.target.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  tokenExchange(body: Body, options: SendOptions): Promise<Reply> {
    return this.post(this.target.tokenExchangePath, body, options);
  }

  balance(body: Body, options: SendOptions): Promise<Reply> {
    return this.post(this.target.balancePath, body, options);
  }

  // ---- shared expectations ---------------------------------------------------------------------

  /** A 200 whose body matches the contract; returns the body, or undefined after recording what was wrong. */
  expectOk<T = Record<string, unknown>>(reply: Reply, operation: SignedOperation, what: string): T | undefined {
    if (!this.expect(reply.status === 200, `${what}: expected 200, got ${summarize(reply)}`)) return undefined;
    const problems = successShapeProblems(operation, reply);
    if (!this.expect(problems.length === 0, `${what}: the 200 body breaks the contract (${problems.join('; ')})`)) return undefined;
    return reply.json as T;
  }

  /**
   * A refusal: the status (or any 4xx), an Error body (else Trueplay retries it as an unknown outcome) and,
   * when the contract names one, the error code.
   */
  expectRefused(reply: Reply, what: string, expected: { status?: number; code?: string } = {}): boolean {
    const { status, code } = expected;
    if (is5xx(reply) || reply.status === null) return this.expect(false, `${what}: expected ${status ?? 'a 4xx'}, got ${summarize(reply)}`);
    const statusOk = status === undefined ? reply.status >= 400 && reply.status < 500 : reply.status === status;
    if (!this.expect(statusOk, `${what}: expected ${status ?? 'a 4xx'}, got ${summarize(reply)}`)) return false;
    if (!this.expect(isErrorBody(reply.json), `${what}: the ${reply.status} has no {"error":{"code","message"}} body, so Trueplay would retry it as an unknown outcome (got ${summarize(reply)})`)) return false;
    return code === undefined || this.expect(errorCode(reply.json) === code, `${what}: expected error code ${code}, got ${errorCode(reply.json)}`);
  }

  /** Reads the player's balance through the signed balance call; stops the check if it cannot be read. */
  async balanceOf(operatorUserId: string, label = `read ${operatorUserId}'s balance`): Promise<Decimal> {
    const reply = await this.balance(balanceBody(this.target.operatorId, operatorUserId), { label, purpose: 'verify' });
    const body = this.expectOk<{ balance: number }>(reply, 'getUserBalance', label);
    if (!body) throw new CheckFailed(label);
    return decimalOf(body.balance);
  }

  async expectBalance(operatorUserId: string, expected: string | Decimal, when: string): Promise<boolean> {
    const balance = await this.balanceOf(operatorUserId, `read the balance ${when}`);
    return this.expect(balance.equals(new Decimal(expected)), `balance ${when}: expected exactly ${new Decimal(expected).toString()}, got ${balance.toString()}`);
  }

  /** The balance in a Token Exchange 200 is the exact expected decimal. */
  expectAnsweredBalance(body: { balance?: unknown } | undefined, expected: string | Decimal, what: string): boolean {
    if (!body) return false;
    return this.expect(isMoney(body.balance, expected), `${what}: expected balance ${new Decimal(expected).toString()} in the answer, got ${JSON.stringify(body.balance)}`);
  }
}
