/**
 * What a check works with: fresh ids, players seeded through the state-setup URL, signed calls to the
 * service, and a record of every request and answer. Broken expectations are collected, not thrown, so
 * one run of a check says everything that is wrong with it.
 */
import { setTimeout as pause } from 'node:timers/promises';
import { controlHeaders } from '../http/control-access.js';
import { signBody, SIGNATURE_HEADER } from '../signing/signature.js';
import { Decimal, decimalOf } from '../domain/money.js';
import { balanceBody, tokenExchangeBody, type ExchangeAction, type TokenExchangeBody } from './bodies.js';
import { errorCode, is2xx, isErrorBody, isMoney, successShapeProblems, summarize, type SignedOperation } from './expect.js';
import { sendInPieces, type ChunkedSend } from './chunked-send.js';
import { exchangeRecord, postRaw, type PostRequest, type Reply } from './http.js';
import type { Exchange, Harm, ProbeTarget } from './types.js';

/** Thrown to stop a check whose next step would make no sense (e.g. the player could not be seeded). */
export class CheckFailed extends Error {}

export interface SendOptions {
  label: string;
  purpose?: Exchange['purpose'];
  /** undefined: the valid signature over the bytes sent; null: no header; a string: that header value. */
  signature?: string | null;
}

type Body = object | string | Uint8Array;

const CONNECTION_RETRIES = 3;

/** No HTTP answer because the connection was reset, refused or broken (not a timeout, not a status). */
const isConnectionFailure = (reply: Reply) => reply.status === null && /\b(ECONNRESET|ECONNREFUSED|EPIPE)\b/.test(reply.error ?? '');

/** A reply to a call fired together with others; `inBurst` is false when its first try never reached the service
 * (reset or refused) and the answer came from a retry sent alone, outside the race. */
export type BurstReply = Reply & { inBurst: boolean };

export class CheckContext {
  readonly problems: string[] = [];
  /** The harm of each problem, in the same order: what decides the failed check's severity. */
  readonly harms: Harm[] = [];
  readonly exchanges: Exchange[] = [];
  private ids = 0;

  constructor(
    readonly target: ProbeTarget,
    /** Prefix of every id this check makes, unique per run and check so checks never share a player. */
    private readonly idPrefix: string,
    /** The check's own harm: what a broken expectation means unless it says otherwise. */
    readonly harm: Harm = 'flow-breaks',
  ) {}

  freshId(kind: 'player' | 'exchange'): string {
    this.ids += 1;
    return `${this.idPrefix}-${kind === 'player' ? 'p' : 'x'}${this.ids}`;
  }

  /** Records a broken expectation and its harm; returns the condition so a check can skip what depends on it. */
  expect(condition: boolean, problem: string, harm: Harm = this.harm): boolean {
    if (!condition) {
      this.problems.push(problem);
      this.harms.push(harm);
    }
    return condition;
  }

  fail(problem: string, harm: Harm = this.harm): never {
    this.expect(false, problem, harm);
    throw new CheckFailed(problem);
  }

  // ---- talking to the service ------------------------------------------------------------------

  /** Seeds a fresh player through the state-setup URL, as Pact's `verify operator` does. */
  async seedPlayer(balance: string, currency = 'USD'): Promise<string> {
    const operatorUserId = this.freshId('player');
    const body = JSON.stringify({ state: 'a player exists', params: { operatorUserId, balance: Number(balance), currency }, action: 'setup' });
    const request: PostRequest = { url: this.target.stateUrl, body, headers: { 'content-type': 'application/json' }, timeoutMs: this.target.timeoutMs };
    // The token goes on the wire only, never into the reports' record of the call.
    const { reply, durationMs } = await postRaw({ ...request, headers: { ...request.headers, ...controlHeaders(this.target.controlToken) } });
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

  /**
   * POSTs signed bodies at once: each goes out whole but for its last byte, and the last bytes leave together once
   * every request is that far, so the service starts handling them all in the same instant (a race needs that).
   */
  postTogether(path: string, bodies: { body: object; label: string }[]): Promise<BurstReply[]> {
    let arrived = 0;
    let release!: () => void;
    const allThere = new Promise<void>((resolve) => (release = resolve));
    return Promise.all(
      bodies.map(async ({ body, label }) => {
        // A call arrives at the barrier with all but its last byte sent, or when it ends without getting there (its
        // connection reset before the first byte, say): else the others would wait for it forever.
        let here = false;
        const arrive = () => {
          if (here) return;
          here = true;
          arrived += 1;
          if (arrived === bodies.length) release();
        };
        const atBarrier = async () => {
          arrive();
          await allThere;
        };
        const text = JSON.stringify(body);
        let reply: Reply;
        try {
          reply = await this.postInPieces(path, text, { label, piecesPerHalf: 1, pauseMs: 0, splitAt: text.length - 1, midway: atBarrier });
        } finally {
          arrive();
        }
        const inBurst = !isConnectionFailure(reply);
        return { ...(await this.retryIfConnectionFailed(path, text, label, reply)), inBurst };
      }),
    );
  }

  /**
   * A burst of fresh connections can be reset or refused before the service read a byte (a small listen backlog,
   * e.g. Python's socketserver with its 5): no HTTP answer, an unknown outcome, which Trueplay retries with the same
   * `id` (reference §2b). So does the probe, backing off, and the checks judge the settled answer; every try is in the
   * report. Timeouts and 5xx are not retried here: they stay what the checks call them.
   */
  private async retryIfConnectionFailed(path: string, text: string, label: string, reply: Reply): Promise<Reply> {
    for (let retry = 1; retry <= CONNECTION_RETRIES && isConnectionFailure(reply); retry += 1) {
      await pause(50 * 2 ** (retry - 1));
      reply = await this.post(path, text, { label: `${label}, retry ${retry} after ${reply.error}` });
    }
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

  /** A 200 whose body matches the contract; returns the body, or undefined after recording what was wrong (the flow breaks). */
  expectOk<T = Record<string, unknown>>(reply: Reply, operation: SignedOperation, what: string): T | undefined {
    if (!this.expect(reply.status === 200, `${what}: expected 200, got ${summarize(reply)}`, 'flow-breaks')) return undefined;
    const problems = successShapeProblems(operation, reply);
    if (!this.expect(problems.length === 0, `${what}: the 200 body breaks the contract (${problems.join('; ')})`, 'flow-breaks')) return undefined;
    return reply.json as T;
  }

  /**
   * A refusal as the contract knows it: a 4xx (any) with an error body, else Trueplay retries it as an unknown outcome.
   * A 2xx is the call honoured (`honoured`: what that means, by default the check's harm); anything else breaks the flow.
   * Which 4xx and which code are the reference's conventions: see expectReferenceAnswer.
   */
  expectRefused(reply: Reply, what: string, honoured: Harm = this.harm): boolean {
    if (is2xx(reply.status)) return this.expect(false, `${what}: expected a 4xx with an error body, but it was accepted: ${summarize(reply)}`, honoured);
    if (!this.expect(reply.status !== null && reply.status >= 400 && reply.status < 500, `${what}: expected a 4xx with an error body, got ${summarize(reply)}`, 'flow-breaks')) return false;
    return this.expect(isErrorBody(reply.json), `${what}: the ${reply.status} has no {"error":{"code","message"}} body, so Trueplay would retry it as an unknown outcome (got ${summarize(reply)})`, 'flow-breaks');
  }

  /** The status and error code the reference gives a refusal (hardening: Trueplay acts on the status class and the error body). */
  expectReferenceAnswer(reply: Reply, what: string, expected: { status: number; code: string }): boolean {
    const code = errorCode(reply.json);
    return this.expect(
      reply.status === expected.status && code === expected.code,
      `${what}: the reference answers ${expected.status} ${expected.code}; got ${reply.status === null ? summarize(reply) : `${reply.status}${code === undefined ? ' without an error code' : ` ${code}`}`}`,
    );
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
    return this.expect(balance.equals(new Decimal(expected)), `balance ${when}: expected exactly ${new Decimal(expected).toString()}, got ${balance.toString()}`, 'money-moves-wrongly');
  }

  /** The balance in a Token Exchange 200 is the exact expected decimal. */
  expectAnsweredBalance(body: { balance?: unknown } | undefined, expected: string | Decimal, what: string): boolean {
    if (!body) return false;
    return this.expect(isMoney(body.balance, expected), `${what}: expected balance ${new Decimal(expected).toString()} in the answer, got ${JSON.stringify(body.balance)}`);
  }
}
