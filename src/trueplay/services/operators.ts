/** Operators (casinos) known to the fake Trueplay, including the demo operator every sandbox starts with. */
import { randomBytes } from 'node:crypto';
import { DEMO_OPERATOR } from '../../demo-operator.js';
import { refusal } from '../../domain/errors.js';
import { decimalOf } from '../../domain/money.js';
import { DEFAULT_HOLD_TO_EARN, type HoldToEarnTerms } from '../../domain/hold-to-earn.js';
import { DEFAULT_VALIDATION } from '../../domain/validation.js';
import type { OperatorRecord, TrueplayStore } from '../../store/trueplay-store.js';
import type { Schemas } from '../wire.js';

/** Within Trueplay's "usually 0.01–0.5 % of the bet" (reference §2f). */
export const DEFAULT_PLAY_TO_EARN_PERCENT = 0.1;

export const DEFAULT_CALLBACK_PATHS = {
  balancePath: '/trueplay/balance',
  tokenExchangePath: '/trueplay/token-exchange',
  playerEventPath: '/player-event',
} as const;

export interface DemoOperatorOptions {
  apiKey: string;
  secretKey: string;
  callbackBaseUrl: string | null;
  playerEventsEnabled?: boolean;
  /** Set when the demo operator is created (and again on reset); default 0.1. */
  playToEarnPercent?: number;
}

export function addOperator(
  store: TrueplayStore,
  request: Partial<Schemas['CreateOperatorRequest']> & { name: string },
  now: number,
  operatorId?: number,
): OperatorRecord {
  return store.run(() => {
    const apiKey = request.apiKey ?? `tp_${randomBytes(16).toString('hex')}`;
    if (store.operatorByApiKey(apiKey)) throw refusal('API_KEY_TAKEN', 'another operator already uses this apiKey');
    const id = store.insertOperator({
      operatorId,
      name: request.name,
      apiKey,
      secretKey: request.secretKey ?? randomBytes(24).toString('base64url'),
      callbackBaseUrl: request.callbackBaseUrl?.replace(/\/+$/, '') ?? null,
      balancePath: request.balancePath ?? DEFAULT_CALLBACK_PATHS.balancePath,
      tokenExchangePath: request.tokenExchangePath ?? DEFAULT_CALLBACK_PATHS.tokenExchangePath,
      playerEventPath: request.playerEventPath ?? DEFAULT_CALLBACK_PATHS.playerEventPath,
      playerEventsEnabled: request.playerEventsEnabled ?? false,
      currency: request.currency ?? 'USD',
      exchangeRate: decimalOf(request.exchangeRate ?? 1),
      withdrawalFeePercent: decimalOf(request.withdrawalFeePercent ?? 1),
      purchaseFeePercent: decimalOf(request.purchaseFeePercent ?? 0),
      playToEarnPercent: decimalOf(request.playToEarnPercent ?? DEFAULT_PLAY_TO_EARN_PERCENT),
      holdToEarn: holdToEarnTerms(request.holdToEarn ?? DEFAULT_HOLD_TO_EARN),
      validation: request.validation ?? DEFAULT_VALIDATION,
      createdAt: now,
    });
    return store.operatorById(id)!;
  });
}

const holdToEarnTerms = (terms: Schemas['HoldToEarn']): HoldToEarnTerms => ({
  periods: { PT8H: decimalOf(terms.periods.PT8H), P1D: decimalOf(terms.periods.P1D), P3D: decimalOf(terms.periods.P3D) },
  maxStakePerUser: decimalOf(terms.maxStakePerUser),
});

/**
 * Changes any subset of an operator's settings (an unknown operatorId is 404; a key another operator uses, 409).
 * `enabled: false` keeps its key recognised but refused with 403.
 */
export function updateOperator(store: TrueplayStore, operatorId: number, change: Schemas['UpdateOperatorRequest']): OperatorRecord {
  return store.run(() => {
    const operator = store.operatorById(operatorId);
    if (!operator) throw refusal('OPERATOR_NOT_FOUND', `no operator ${operatorId}`);
    if (change.apiKey !== undefined && change.apiKey !== operator.apiKey && store.operatorByApiKey(change.apiKey)) {
      throw refusal('API_KEY_TAKEN', 'another operator already uses this apiKey');
    }
    const { exchangeRate, withdrawalFeePercent, purchaseFeePercent, playToEarnPercent, holdToEarn, callbackBaseUrl, ...plain } = change;
    store.updateOperator({
      ...operator,
      ...plain,
      callbackBaseUrl: callbackBaseUrl === undefined ? operator.callbackBaseUrl : callbackBaseUrl.replace(/\/+$/, ''),
      exchangeRate: exchangeRate === undefined ? operator.exchangeRate : decimalOf(exchangeRate),
      withdrawalFeePercent: withdrawalFeePercent === undefined ? operator.withdrawalFeePercent : decimalOf(withdrawalFeePercent),
      purchaseFeePercent: purchaseFeePercent === undefined ? operator.purchaseFeePercent : decimalOf(purchaseFeePercent),
      playToEarnPercent: playToEarnPercent === undefined ? operator.playToEarnPercent : decimalOf(playToEarnPercent),
      holdToEarn: holdToEarn === undefined ? operator.holdToEarn : holdToEarnTerms(holdToEarn),
    });
    return store.operatorById(operatorId)!;
  });
}

/** The demo operator (src/demo-operator.ts) with the keys it was started with: USD at 1 currency unit per token, callbacks to the fake wallet. */
export function addDemoOperator(store: TrueplayStore, options: DemoOperatorOptions, now: number): OperatorRecord {
  return addOperator(
    store,
    {
      name: DEMO_OPERATOR.name,
      apiKey: options.apiKey,
      secretKey: options.secretKey,
      callbackBaseUrl: options.callbackBaseUrl ?? undefined,
      playerEventsEnabled: options.playerEventsEnabled ?? false,
      playToEarnPercent: options.playToEarnPercent,
    },
    now,
    DEMO_OPERATOR.operatorId,
  );
}
