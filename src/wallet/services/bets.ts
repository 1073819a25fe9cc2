/**
 * The wallet playing as the casino: it debits the stake, reports the BET to Trueplay's /api/v1/accept with the
 * operator's X-API-KEY and, when a win is asked for and the BET was accepted, credits the win and reports a WIN
 * that references the BET (for Sportsbook a WIN of 0 settles it as lost). Money moves whatever Trueplay answers:
 * the casino's books do not depend on its loyalty provider.
 */
import { randomUUID } from 'node:crypto';
import { refusal } from '../../domain/errors.js';
import { gameFieldsOf } from '../../domain/sample-game.js';
import { WALLET_ORIGIN_HEADER } from '../../store/journal-store.js';
import type { WalletContext } from '../context.js';
import { credit, debit, moneyOf, moneyUnits, type BalanceChange } from '../balances.js';
import { requireCurrency, requirePlayer, type Schemas } from '../players.js';

type Outcome = Schemas['TransactionOutcome'];

const TRANSACTION_ID_MAX = 128;

export async function placeBet(ctx: WalletContext, request: Schemas['BetRequest']): Promise<Schemas['BetResult']> {
  const stakeUnits = moneyUnits(request.amount, 'amount');
  const winUnits = request.win === undefined ? null : moneyUnits(request.win, 'win');
  const betId = request.transactionId ?? `bet-${randomUUID()}`;

  const currency = ctx.store.run(() => {
    const player = requirePlayer(ctx.store, request.operatorUserId);
    if (request.currency !== undefined) requireCurrency(player, request.currency);
    const afterStake = orRefuse(debit(player.balanceUnits, stakeUnits));
    // Refuse up front a win the wallet could not hold, rather than after the BET went out.
    if (winUnits !== null) orRefuse(credit(afterStake, winUnits));
    ctx.store.setBalance(player.operatorUserId, afterStake, ctx.now());
    return player.currency;
  });

  const common = { operatorUserId: request.operatorUserId, ...gameFieldsOf(request), currency };
  // The stake is debited on disk before Trueplay hears of the bet, as a casino would do it.
  await ctx.store.durable();
  const bet = await sendGameTransaction(ctx, { ...common, transactionId: betId, referenceTransactionId: null, type: 'BET', amount: request.amount });

  let win: Outcome | null = null;
  if (winUnits !== null && bet.status === 200) {
    ctx.store.run(() => {
      const player = requirePlayer(ctx.store, request.operatorUserId);
      ctx.store.setBalance(player.operatorUserId, orRefuse(credit(player.balanceUnits, winUnits)), ctx.now());
    });
    win = await sendGameTransaction(ctx, { ...common, transactionId: winIdFor(betId), referenceTransactionId: betId, type: 'WIN', amount: request.win });
  }
  return { bet, win, balance: moneyOf(requirePlayer(ctx.store, request.operatorUserId).balanceUnits) };
}

function orRefuse(change: BalanceChange): bigint {
  if (!change.ok) throw refusal(change.code, change.message);
  return change.balanceUnits;
}

/** The WIN's own id, derived from the BET's so a replayed bet replays its win too; unique while transaction ids are. */
function winIdFor(betId: string): string {
  const derived = `${betId}-win`;
  return derived.length <= TRANSACTION_ID_MAX ? derived : `win-${randomUUID()}`;
}

/** One Send Game Transaction; never throws for Trueplay's behaviour (no answer is status null). */
async function sendGameTransaction(ctx: WalletContext, body: Record<string, unknown> & { transactionId: string }): Promise<Outcome> {
  try {
    const response = await fetch(`${ctx.trueplayUrl()}/api/v1/accept`, {
      method: 'POST',
      // Marks the call as the wallet's own, so the recorder replays the bet (POST /sandbox/bets), not its calls.
      headers: { 'content-type': 'application/json', 'x-api-key': ctx.apiKey, [WALLET_ORIGIN_HEADER]: 'wallet' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ctx.trueplayTimeoutMs),
    });
    return { transactionId: body.transactionId, status: response.status, response: jsonObjectOrNull(await response.text()) };
  } catch {
    return { transactionId: body.transactionId, status: null, response: null };
  }
}

function jsonObjectOrNull(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
