/**
 * The optional player-event webhook (reference §2f): one signed event per movement of a user's tokens, for an
 * operator that turned events on. The event is queued in the transaction that moved the tokens (so it exists
 * exactly when the movement does), then delivered: a 2xx or a 4xx with an error body is an answer; anything else
 * leaves the outcome unknown and the same bytes, requestId included, are sent again, as Token Exchange does.
 */
import { randomUUID } from 'node:crypto';
import { playerEventOf, type TokenMovement } from '../../domain/player-events.js';
import type { OperatorRecord, PlayerEventRecord, TrueplayStore } from '../../store/trueplay-store.js';
import type { TrueplayOptions } from '../context.js';
import type { CallOperator } from './operator-client.js';

/** Call inside the store transaction that moved the tokens, after the move (the event carries the new balance). */
export function announceMovement(store: TrueplayStore, operator: OperatorRecord, userId: number, movement: TokenMovement, now: number): void {
  if (!operator.playerEventsEnabled || !operator.callbackBaseUrl) return;
  const user = store.userById(userId);
  if (!user) return;
  const requestId = randomUUID();
  const event = playerEventOf(movement, { requestId, operatorUserId: user.operatorUserId, at: now, balanceUnits: user.tokenUnits });
  store.insertPlayerEvent({ requestId, operatorId: operator.operatorId, userId, body: JSON.stringify(event), createdAt: now });
}

export function createPlayerEventSender(
  store: TrueplayStore,
  callOperator: CallOperator,
  now: () => number,
  options: Pick<TrueplayOptions, 'exchangeTimeoutMs' | 'exchangeAttempts' | 'exchangeBackoffMs'>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
) {
  const inFlight = new Map<string, Promise<void>>();

  async function deliver(event: PlayerEventRecord): Promise<void> {
    const operator = store.operatorById(event.operatorId);
    if (!operator) return;
    const operatorUserId = (JSON.parse(event.body) as { operatorUserId: string }).operatorUserId;
    let attempts = event.attempts;
    for (let attempt = 0; attempt < options.exchangeAttempts; attempt += 1) {
      if (attempt > 0) await sleep(options.exchangeBackoffMs * 2 ** (attempt - 1));
      const outcome = await callOperator({ operator, path: operator.playerEventPath, bodyText: event.body, timeoutMs: options.exchangeTimeoutMs, operatorUserId });
      attempts += 1;
      if (outcome.kind === 'answered') {
        const refused = outcome.status >= 300;
        store.finishPlayerEvent(event.requestId, refused ? 'REFUSED' : 'DELIVERED', attempts, refused ? `HTTP_${outcome.status}` : null, now());
        return;
      }
      store.touchPlayerEvent(event.requestId, attempts, outcome.reason, now());
    }
  }

  /** Sends each event not already on its way; one at a time, oldest first, so a user's events arrive in order. */
  function send(events: PlayerEventRecord[]): Promise<void> {
    let chain = Promise.resolve();
    for (const event of events) {
      if (inFlight.has(event.requestId)) continue;
      const sending = (chain = chain.then(() => deliver(event)).finally(() => inFlight.delete(event.requestId)));
      inFlight.set(event.requestId, sending);
    }
    return chain;
  }

  let queue = Promise.resolve();
  // The webhook is informative: it never slows or fails the call that caused it. Events go out once the commit
  // that queued them is done (the unit of work says when), in the order they were queued.
  const stopListening = store.onPlayerEventsCommitted(() => {
    queue = queue.then(() => send(store.pendingPlayerEvents('fresh')));
  });
  return {
    /** Sends again every event still without an answer (periodically, and after a restart). */
    async retryPending(): Promise<void> {
      await send(store.pendingPlayerEvents('all'));
    },
    /** Waits for events still on their way (shutdown, tests). */
    async drain(): Promise<void> {
      await queue;
      await Promise.allSettled([...inFlight.values()]);
    },
    /** No more sending on commits (the app is closing). */
    stop: stopListening,
  };
}
