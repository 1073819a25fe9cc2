/** The wallet's players as its control API and provider states change them: each change one unit of work. */
import type { WalletPlayerRecord, WalletStore } from '../../store/wallet-store.js';

/** Creates the player, or sets an existing one's balance and currency. */
export function savePlayer(store: WalletStore, player: WalletPlayerRecord): void {
  store.run(() => store.upsertPlayer(player));
}

export function removePlayer(store: WalletStore, operatorUserId: string): void {
  store.run(() => store.deletePlayer(operatorUserId));
}

/** Back to an empty wallet: no players, no answered exchanges, no received events. */
export function emptyWallet(store: WalletStore): void {
  store.run(() => store.wipe());
}

/** Puts players back as they were (absent ones removed) and forgets the exchanges they had answered after `exchangeMark`. */
export function restorePlayers(store: WalletStore, exchangeMark: number, playersBefore: Map<string, WalletPlayerRecord | undefined>): void {
  store.run(() => {
    for (const [operatorUserId, before] of playersBefore) {
      store.forgetExchangesSince(exchangeMark, operatorUserId);
      if (before) store.upsertPlayer(before);
      else store.deletePlayer(operatorUserId);
    }
  });
}
