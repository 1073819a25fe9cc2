/** Everything the fake Trueplay's routes share: the store, the journal, the clock, options and a few hooks. */
import type { Context } from 'hono';
import type { FaultBook } from '../http/faults.js';
import type { JournalStore } from '../store/journal-store.js';
import type { TrueplayStore } from '../store/trueplay-store.js';
import type { SandboxClock } from './clock.js';

export interface TrueplayOptions {
  /** How long a loyalty page link stays valid, in sandbox-clock milliseconds. */
  loyaltySessionTtlMs: number;
  /** CSP frame-ancestors of the loyalty page: who may embed it in an iframe. */
  frameAncestors: string;
  /** Token Exchange calls to the operator: per-attempt deadline, and how many tries before the outcome stays unknown. */
  exchangeTimeoutMs: number;
  exchangeAttempts: number;
  exchangeBackoffMs: number;
}

export const DEFAULT_TRUEPLAY_OPTIONS: TrueplayOptions = {
  loyaltySessionTtlMs: 60 * 60 * 1000,
  frameAncestors: '*',
  exchangeTimeoutMs: 5000,
  exchangeAttempts: 4,
  exchangeBackoffMs: 200,
};

export interface TrueplayContext {
  store: TrueplayStore;
  journal: JournalStore;
  clock: SandboxClock;
  /** Faults injected into the calls operators make (`/sandbox/faults`). */
  faults: FaultBook;
  options: TrueplayOptions;
  /** Where operators added without a callbackBaseUrl are called: the fake wallet started alongside. */
  defaultCallbackBaseUrl: string | null;
  /** Signs loyalty page links; kept in the database so links survive a restart. */
  sessionSecret: string;
  /** The base URL others reach this server at, for links it hands out and documents it serves (src/http/public-url.ts). */
  publicUrl(c: Context): string;
  /** The same for the fake wallet started alongside; null when there is none (tests of the app alone). */
  walletPublicUrl(c: Context): string | null;
  /** Brings the sandbox back to its start state (demo operator alone, real time). */
  resetToStart(): void;
  /** The data part of resetToStart (faults stay): the demo operator alone, real time. */
  resetData(): void;
}
