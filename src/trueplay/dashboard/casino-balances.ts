/** How the dashboard learns a player's casino balance: from the fake wallet's store, for the wallet's own operator only. */
import { fromAmountUnits, type Decimal } from '../../domain/money.js';
import type { WalletStore } from '../../store/wallet-store.js';

export interface CasinoBalance {
  balance: Decimal;
  currency: string;
}

/** undefined when the wallet does not know the player, or the user belongs to an operator the wallet does not serve. */
export type CasinoBalanceOf = (operatorId: number, operatorUserId: string) => CasinoBalance | undefined;

export function casinoBalancesFromWallet(wallet: Pick<WalletStore, 'player'>, walletOperatorId: number): CasinoBalanceOf {
  return (operatorId, operatorUserId) => {
    if (operatorId !== walletOperatorId) return undefined;
    const player = wallet.player(operatorUserId);
    return player && { balance: fromAmountUnits(player.balanceUnits), currency: player.currency };
  };
}
