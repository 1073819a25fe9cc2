/** A probe target for tests: the defaults the CLI uses, pointed at a wallet URL and its state-setup URL. */
import type { ProbeTarget } from '../../../src/probe/types.js';

export const DEMO_SECRET = 'demo-secret-key';

export function probeTarget(baseUrl: string, stateUrl: string, overrides: Partial<ProbeTarget> = {}): ProbeTarget {
  return {
    baseUrl,
    stateUrl,
    secret: DEMO_SECRET,
    operatorId: 1,
    balancePath: '/trueplay/balance',
    tokenExchangePath: '/trueplay/token-exchange',
    concurrency: 20,
    timeoutMs: 10_000,
    ...overrides,
  };
}
