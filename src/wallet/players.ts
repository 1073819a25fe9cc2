/** Wallet players on the wire, and the lookups every route needs. */
import type { components } from '../openapi/generated/operator.js';
import { refusal } from '../domain/errors.js';
import type { WalletPlayerRecord, WalletStore } from '../store/wallet-store.js';
import { moneyOf } from './balances.js';

export type Schemas = components['schemas'];

export function playerToWire(player: WalletPlayerRecord): Schemas['Player'] {
  return { operatorUserId: player.operatorUserId, balance: moneyOf(player.balanceUnits), currency: player.currency };
}

export function requirePlayer(store: WalletStore, operatorUserId: string): WalletPlayerRecord {
  const player = store.player(operatorUserId);
  if (!player) throw refusal('USER_NOT_FOUND', `the wallet has no player ${operatorUserId}; create one with POST /sandbox/players`);
  return player;
}

/** A signed call names the operator; this wallet is one operator and refuses calls meant for another. */
export function requireOwnOperator(ownOperatorId: number, operatorId: number): void {
  if (operatorId !== ownOperatorId) {
    throw refusal('OPERATOR_MISMATCH', `this wallet is operator ${ownOperatorId}, not operator ${operatorId}`);
  }
}

export function requireCurrency(player: WalletPlayerRecord, currency: string): void {
  if (currency !== player.currency) {
    throw refusal('CURRENCY_MISMATCH', `player ${player.operatorUserId} holds ${player.currency}, not ${currency}`);
  }
}
