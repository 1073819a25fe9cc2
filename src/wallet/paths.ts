/**
 * Where the wallet serves Trueplay's calls. Each operator's configuration at Trueplay may name its own paths;
 * the routes stay registered at the contract's paths and a configured path is mapped onto them at routing time.
 */
import { getPath as defaultGetPath } from 'hono/utils/url';
import { loadContract } from '../openapi/documents.js';

export interface WalletPaths {
  balance: string;
  tokenExchange: string;
  playerEvent: string;
}

const OPERATIONS: Record<keyof WalletPaths, string> = {
  balance: 'getUserBalance',
  tokenExchange: 'tokenExchange',
  playerEvent: 'receivePlayerEvent',
};

/** The paths openapi/operator.yaml gives the signed calls: the wallet's defaults. */
export function contractPaths(): WalletPaths {
  const contract = loadContract('operator');
  const pathOf = (operationId: string) => contract.operations.get(operationId)!.path;
  return { balance: pathOf(OPERATIONS.balance), tokenExchange: pathOf(OPERATIONS.tokenExchange), playerEvent: pathOf(OPERATIONS.playerEvent) };
}

/** Routes a configured path to its contract path; a contract path no longer configured is not served. */
export function routeConfiguredPaths(configured: WalletPaths): (request: Request) => string {
  const contract = contractPaths();
  if (new Set(Object.values(configured)).size !== Object.keys(OPERATIONS).length) {
    throw new Error(`the wallet's paths must be distinct: ${JSON.stringify(configured)}`);
  }
  const aliases = new Map<string, string>();
  for (const key of Object.keys(OPERATIONS) as (keyof WalletPaths)[]) aliases.set(configured[key], contract[key]);
  const configuredPaths = new Set(Object.values(configured));
  const retired = new Set(Object.values(contract).filter((path) => !configuredPaths.has(path)));
  if ([...aliases].every(([from, to]) => from === to)) return defaultGetPath;
  return (request) => {
    const path = defaultGetPath(request);
    return aliases.get(path) ?? (retired.has(path) ? `/.not-served${path}` : path);
  };
}
