/** The fake operator wallet (placeholder until the wallet lands): every path answers 404 in the contract's error shape. */
import { Hono } from 'hono';
import type { SqliteDatabase } from '../store/database.js';
import { notFoundResponse } from '../http/errors.js';

export interface WalletAppOptions {
  db: SqliteDatabase;
  operatorId: number;
  apiKey: string;
  secretKey: string;
  trueplayUrl: () => string;
  logError?: (error: unknown) => void;
}

export function createWalletApp(_options: WalletAppOptions) {
  const app = new Hono();
  app.notFound(notFoundResponse);
  return { app };
}
