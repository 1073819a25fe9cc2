/** The optional player-event webhook: a signed BALANCE_CHANGE when an award or exchange moved tokens, if the operator turned it on. */
import { randomUUID } from 'node:crypto';
import { fromTokenUnits, toWireNumber } from '../../domain/money.js';
import type { OperatorRecord, TrueplayStore } from '../../store/trueplay-store.js';
import type { CallOperator } from './operator-client.js';

/** Trueplay's event timestamps are "yyyy-MM-dd HH:mm:ss" in UTC. */
export const eventTimestamp = (instant: number) => new Date(instant).toISOString().slice(0, 19).replace('T', ' ');

export function createPlayerEventSender(store: TrueplayStore, callOperator: CallOperator, now: () => number, timeoutMs: number) {
  const inFlight = new Set<Promise<unknown>>();
  // The balance last announced per user (a new user starts at 0). Callers say when tokens *may* have moved (any
  // bet, a KYC no-op, a refused exchange); an event goes out only when the balance really differs.
  const announced = new Map<string, number>();
  return {
    balanceChanged(operator: OperatorRecord, operatorUserId: string): void {
      if (!operator.playerEventsEnabled || !operator.callbackBaseUrl) return;
      const user = store.user(operator.operatorId, operatorUserId);
      if (!user || (announced.get(user.trueplayUserId) ?? 0) === user.tokenUnits) return;
      announced.set(user.trueplayUserId, user.tokenUnits);
      const event = {
        requestId: randomUUID(),
        operatorUserId,
        createdAt: eventTimestamp(now()),
        type: 'BALANCE_CHANGE',
        data: { trueplayUserId: user.trueplayUserId, tokenBalance: toWireNumber(fromTokenUnits(user.tokenUnits)) },
      };
      // Fire and forget: the webhook is informative and must never slow or fail the call that caused it.
      const sending = callOperator({ operator, path: operator.playerEventPath, bodyText: JSON.stringify(event), timeoutMs, operatorUserId });
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
    },
    /** Waits for events still on their way (shutdown, tests). */
    async drain(): Promise<void> {
      await Promise.allSettled([...inFlight]);
    },
  };
}
