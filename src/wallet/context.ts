/** What the fake wallet's routes share: its store, its faults, who it is at Trueplay and where Trueplay is. */
import type { WalletStore } from '../store/wallet-store.js';
import type { FaultBook } from '../http/faults.js';

export interface WalletContext {
  store: WalletStore;
  faults: FaultBook;
  /** The operatorId this wallet is at Trueplay; signed calls for another operator are refused (403). */
  operatorId: number;
  /** The operator's X-API-KEY, for the bets the wallet sends to Trueplay as the casino. */
  apiKey: string;
  /** Trueplay's base URL (known only once it listens, hence a function). */
  trueplayUrl: () => string;
  /** Deadline of each call the wallet makes to Trueplay. */
  trueplayTimeoutMs: number;
  now: () => number;
}
