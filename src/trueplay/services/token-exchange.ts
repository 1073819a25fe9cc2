/**
 * Token purchase (DEBIT) and withdrawal (CREDIT) started from the loyalty page. Tokens are reserved first and
 * move for good only when the operator answers 2xx; a 4xx restores them; an unknown outcome is retried with the
 * same id, backing off, and stays PENDING (tokens reserved) until an answer comes. Never lost, never doubled.
 */
import { randomUUID } from 'node:crypto';
import { refusal } from '../../domain/errors.js';
import { exchangeAmount, minimumTokens, type ExchangeAction } from '../../domain/exchange.js';
import { Decimal, TOKEN_PLACES, decimalOf, fitsTokenLimit, fromTokenUnits, tokenLimitExceeded, toTokenUnits, toWireNumber, exactValue } from '../../domain/money.js';
import type { OperatorRecord, TokenExchangeRecord, TrueplayStore, UserRecord } from '../../store/trueplay-store.js';
import type { CallOperator, OperatorOutcome } from '../outbound/operator-client.js';
import type { TrueplayOptions } from '../context.js';
import type { Schemas } from '../wire.js';
import { announceMovement } from '../outbound/player-events.js';
import { isLive, purchaseBonus } from '../../domain/campaigns.js';
import { awardTransactionType } from '../../domain/player-events.js';

export interface ExchangeDeps {
  store: TrueplayStore;
  callOperator: CallOperator;
  options: Pick<TrueplayOptions, 'exchangeTimeoutMs' | 'exchangeAttempts' | 'exchangeBackoffMs'>;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Done (the tokens moved), pending (the operator's answer is still unknown; the tokens stay reserved and the
 * exchange is retried) or refused by the operator (nothing moved).
 */
export type ExchangeOutcome =
  | { kind: 'done' | 'pending'; result: Schemas['LoyaltyExchangeResult'] }
  | { kind: 'refused'; code: 'INSUFFICIENT_FUNDS' | 'EXCHANGE_FAILED'; message: string };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Tokens that would be bought or withdrawn for nothing: the money amount rounds to 0 in the currency. */
function amountTooSmall(action: ExchangeAction, tokens: Decimal, operator: OperatorRecord) {
  const least = minimumTokens(action, operator);
  const verb = action === 'DEBIT' ? 'bought' : 'withdrawn';
  const worth = `${tokens} tokens are worth 0.00 ${operator.currency} at ${operator.exchangeRate} ${operator.currency} per token`;
  return refusal(
    'AMOUNT_TOO_SMALL',
    least === null ? `${worth} after the ${operator.withdrawalFeePercent} % withdrawal fee; no amount of tokens can be withdrawn` : `${worth}; at least ${least} tokens can be ${verb}`,
    [{ field: 'tokenAmount', message: least === null ? 'nothing can be withdrawn at this fee' : `at least ${least}` }],
  );
}

/**
 * The tokens and money of an exchange the request asks for, refused as bad input before anything moves: more than
 * 2 decimal places, or so few tokens that the money amount rounds to 0 (AMOUNT_TOO_SMALL).
 */
export function requireExchange(action: ExchangeAction, requestedTokens: number, operator: OperatorRecord): { tokens: Decimal; amount: Decimal } {
  const tokens = requireTokenAmount(requestedTokens);
  const amount = exchangeAmount(action, tokens, operator);
  if (amount.isZero()) throw amountTooSmall(action, tokens, operator);
  return { tokens, amount };
}

/** A tokenAmount from the wire as a Decimal; more than 2 decimal places is bad input. Check it before anything moves. */
export function requireTokenAmount(requestedTokens: number): Decimal {
  return exactValue(requestedTokens, TOKEN_PLACES, 'tokenAmount');
}

export async function exchangeTokens(
  deps: ExchangeDeps,
  operator: OperatorRecord,
  user: UserRecord,
  action: ExchangeAction,
  requestedTokens: number,
): Promise<ExchangeOutcome> {
  const { tokens, amount } = requireExchange(action, requestedTokens, operator);
  const body = tokenExchangeBody(randomUUID(), action, amount, tokens, operator, user);
  if (action === 'DEBIT') await requireCasinoFunds(deps, operator, user, amount);

  const tokenUnits = toTokenUnits(tokens);
  deps.store.run(() => {
    const holder = deps.store.userById(user.id);
    if (!holder) throw resetMeanwhile();
    // Tokens the casino has paid for are credited whatever the balance then: the limit is checked before the call.
    if (action === 'DEBIT' && !fitsTokenLimit(holder.tokenUnits, tokenUnits)) throw tokenLimitExceeded(`buying ${tokens} tokens`);
    // A withdrawal reserves the tokens now, so two at once can never spend them twice.
    if (action === 'CREDIT' && !deps.store.takeTokens(user.id, tokenUnits)) {
      throw refusal('INSUFFICIENT_TOKENS', `the user holds ${fromTokenUnits(deps.store.userById(user.id)!.tokenUnits)} tokens, fewer than ${tokens}`);
    }
    const now = deps.now();
    deps.store.insertExchange({
      id: body.id,
      operatorId: operator.operatorId,
      userId: user.id,
      action,
      tokenUnits,
      amount: amount.toString(),
      currency: body.currency,
      exchangeRate: operator.exchangeRate.toString(),
      status: 'PENDING',
      body: JSON.stringify(body),
      createdAt: now,
      updatedAt: now,
    });
  });
  // The reservation must be on disk before the operator can act on it: a crash after the call then finds it
  // PENDING and retries the same id, instead of forgetting an exchange the casino may have paid.
  await deps.store.durable();
  const pending = deps.store.exchange(body.id);
  if (!pending) throw resetMeanwhile();
  const exchange = await deliverExchange(deps, operator, pending);
  const after = deps.store.userById(user.id);
  if (!exchange || !after) throw resetMeanwhile();
  const tokenBalance = toWireNumber(fromTokenUnits(after.tokenUnits));
  if (exchange.status === 'COMPLETED') return { kind: 'done', result: { status: 'OK', exchange: body, tokenBalance } };
  if (exchange.status === 'PENDING') return { kind: 'pending', result: { status: 'PENDING', exchange: body, tokenBalance } };
  return {
    kind: 'refused',
    code: exchange.refusalCode === 'INSUFFICIENT_FUNDS' ? 'INSUFFICIENT_FUNDS' : 'EXCHANGE_FAILED',
    message: exchange.lastError ?? 'the operator refused the exchange',
  };
}

/**
 * Sends (or re-sends, with the same id and bytes) a PENDING exchange until it has an outcome or the tries run out.
 * Undefined when the exchange is gone meanwhile (a sandbox reset while the operator was being asked).
 */
export async function deliverExchange(deps: ExchangeDeps, operator: OperatorRecord, exchange: TokenExchangeRecord): Promise<TokenExchangeRecord | undefined> {
  const sleep = deps.sleep ?? defaultSleep;
  let attempts = exchange.attempts;
  for (let attempt = 0; attempt < deps.options.exchangeAttempts; attempt += 1) {
    if (attempt > 0) await sleep(deps.options.exchangeBackoffMs * 2 ** (attempt - 1));
    const outcome = await deps.callOperator({
      operator,
      path: operator.tokenExchangePath,
      bodyText: exchange.body,
      timeoutMs: deps.options.exchangeTimeoutMs,
      operatorUserId: (JSON.parse(exchange.body) as { operatorUserId: string }).operatorUserId,
    });
    attempts += 1;
    if (outcome.kind === 'answered') {
      settleExchange(deps, operator, exchange, outcome, attempts);
      return deps.store.exchange(exchange.id);
    }
    deps.store.touchExchange(exchange.id, attempts, outcome.reason, deps.now());
  }
  return deps.store.exchange(exchange.id);
}

/**
 * An exchange waits on the operator, and meanwhile the sandbox can be reset: its user and the exchange are then
 * gone. Writing on would break a foreign key (500); the honest answer is that there is nothing left to act on.
 */
const resetMeanwhile = () =>
  refusal('USER_NOT_FOUND', 'the sandbox was reset while this exchange was under way: the user and the exchange are gone; open the page again');

/** Retries every exchange whose outcome is still unknown (after a restart, or periodically). */
export async function retryPendingExchanges(deps: ExchangeDeps): Promise<number> {
  let settled = 0;
  for (const exchange of deps.store.pendingExchanges()) {
    const operator = deps.store.operatorById(exchange.operatorId);
    if (!operator) continue;
    const after = await deliverExchange(deps, operator, exchange);
    if (after && after.status !== 'PENDING') settled += 1;
  }
  return settled;
}

function settleExchange(
  deps: ExchangeDeps,
  operator: OperatorRecord,
  exchange: TokenExchangeRecord,
  outcome: Extract<OperatorOutcome, { kind: 'answered' }>,
  attempts: number,
) {
  const now = deps.now();
  deps.store.run(() => {
    if (outcome.status < 300) {
      if (!deps.store.finishExchange(exchange.id, 'COMPLETED', attempts, null, now)) return;
      // A purchase credits its tokens only now; a withdrawal's were taken at reservation, and is announced once
      // it is final (a refused one gives them back: nothing moved).
      if (exchange.action === 'DEBIT') deps.store.addTokens(exchange.userId, exchange.tokenUnits);
      const movement = exchange.action === 'DEBIT'
        ? { transactionType: 'DEPOSIT' as const, tokenUnits: exchange.tokenUnits }
        : { transactionType: 'WITHDRAW' as const, tokenUnits: -exchange.tokenUnits };
      announceMovement(deps.store, operator, exchange.userId, { type: 'BALANCE_CHANGE', ...movement }, now);
      if (exchange.action === 'DEBIT') payPurchaseBonuses(deps.store, operator, exchange, now);
      return;
    }
    const error = (outcome.body as { error?: { code?: string; message?: string } }).error;
    const code = error?.code ?? `HTTP_${outcome.status}`;
    const refused = { code, message: `${code}: ${error?.message ?? 'refused by the operator'}` };
    if (!deps.store.finishExchange(exchange.id, 'FAILED', attempts, refused, now)) return;
    if (exchange.action === 'CREDIT') deps.store.addTokens(exchange.userId, exchange.tokenUnits);
  });
}

/** TOKEN_PURCHASE campaigns: each live one the buyer takes part in pays percent of the tokens bought, once per purchase. */
function payPurchaseBonuses(store: TrueplayStore, operator: OperatorRecord, exchange: TokenExchangeRecord, now: number) {
  for (const campaign of store.campaignsMarkedActive(operator.operatorId, 'TOKEN_PURCHASE')) {
    if (!isLive(campaign, now) || !store.isParticipant(campaign.id, exchange.userId)) continue;
    const tokenUnits = toTokenUnits(purchaseBonus(campaign, fromTokenUnits(exchange.tokenUnits)));
    if (tokenUnits <= 0) continue;
    const paid = store.award({
      operatorId: operator.operatorId, userId: exchange.userId, campaignId: campaign.id, campaignType: 'TOKEN_PURCHASE',
      source: `purchase:${exchange.id}`, tokenUnits, createdAt: now,
    });
    if (paid) announceMovement(store, operator, exchange.userId, { type: 'BALANCE_CHANGE', transactionType: awardTransactionType('TOKEN_PURCHASE', null), tokenUnits }, now);
  }
}

/** The Token Exchange body, in the field order of Trueplay's own example. */
function tokenExchangeBody(
  id: string,
  action: ExchangeAction,
  amount: Decimal,
  tokens: Decimal,
  operator: OperatorRecord,
  user: UserRecord,
): Schemas['TokenExchangeRequest'] {
  return {
    id,
    action,
    amount: toWireNumber(amount),
    currency: operator.currency,
    exchangeRate: toWireNumber(operator.exchangeRate),
    tokenAmount: toWireNumber(tokens),
    operatorId: operator.operatorId,
    operatorUserId: user.operatorUserId,
  };
}

/** Before a purchase, Trueplay asks the operator for the casino balance and refuses when it is short. */
async function requireCasinoFunds(deps: ExchangeDeps, operator: OperatorRecord, user: UserRecord, amount: Decimal) {
  const outcome = await deps.callOperator({
    operator,
    path: operator.balancePath,
    bodyText: JSON.stringify({ operatorId: operator.operatorId, operatorUserId: user.operatorUserId }),
    timeoutMs: deps.options.exchangeTimeoutMs,
    operatorUserId: user.operatorUserId,
  });
  if (outcome.kind === 'unknown') {
    throw refusal('EXCHANGE_FAILED', `the operator did not answer Get User Balance (${outcome.reason}); nothing was exchanged`);
  }
  if (outcome.status >= 300) {
    const error = (outcome.body as { error?: { code?: string } }).error;
    throw refusal('EXCHANGE_FAILED', `the operator refused Get User Balance (${outcome.status} ${error?.code ?? ''}); nothing was exchanged`);
  }
  const balance = (outcome.body as { balance?: unknown }).balance;
  if (typeof balance !== 'number' && typeof balance !== 'string') {
    throw refusal('EXCHANGE_FAILED', 'the operator answered Get User Balance without a balance; nothing was exchanged');
  }
  if (decimalOf(balance).lt(amount)) {
    throw refusal('INSUFFICIENT_FUNDS', `the casino balance ${balance} is less than the ${amount} this purchase costs`);
  }
}
