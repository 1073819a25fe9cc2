/**
 * The Trueplay → operator player-event pact: the optional webhook (reference §1, `POST {operator}/player-event`),
 * one interaction per documented event type. A pact of its own, verified only on request: an operator that never
 * subscribed to events must still pass the default trueplay-operator.json.
 */
import { bodyOf, isCall, type CapturedCall } from '../capture.js';
import { state, type InteractionSpec, type PactSpec, type ProviderState } from '../interaction.js';

export const PLAYER_EVENT_PATH = '/player-event';

type EventKind = { type: 'PLAY_TO_EARN' | 'HOLD_TO_EARN' } | { type: 'BALANCE_CHANGE'; transactionType: string };

const isEventOf = (call: CapturedCall, kind: EventKind) => {
  const body = bodyOf(call);
  const data = (body.data ?? {}) as Record<string, unknown>;
  return isCall(call, 'POST', PLAYER_EVENT_PATH) && call.status < 300 && body.type === kind.type &&
    (kind.type !== 'BALANCE_CHANGE' || data.transactionType === kind.transactionType);
};

/** An operator may look the event's player up: it exists, with whatever casino balance. */
const eventPlayer = (call: CapturedCall): ProviderState[] =>
  [state('a player exists', { operatorUserId: bodyOf(call).operatorUserId as string, balance: 0, currency: 'USD' })];

const PINS = 'pins any 2xx and no body: Trueplay only learns that the operator has the event (its answer\'s body is the operator\'s own); anything else is an unknown outcome and the same event, same requestId, is sent again.';

function eventInteraction(kind: EventKind, what: string): InteractionSpec {
  const name = kind.type === 'BALANCE_CHANGE' ? `BALANCE_CHANGE ${kind.transactionType}` : kind.type;
  return {
    description: `Player event: ${name} (${what}), acknowledged`,
    pins: PINS,
    pick: (call, earlier) => isEventOf(call, kind) && !earlier.some((c) => isEventOf(c, kind)),
    states: eventPlayer,
    acknowledgedOnly: true,
  };
}

export const trueplayOperatorPlayerEventsPact: PactSpec = {
  file: 'trueplay-operator-player-events.json',
  consumer: 'trueplay',
  // Its own provider name, so that a Pact Broker keeps it apart and `verify operator` with a broker never fetches it.
  provider: 'operator-player-events',
  answeredBy: 'operator',
  interactions: [
    eventInteraction({ type: 'PLAY_TO_EARN' }, 'tokens earned on a bet'),
    eventInteraction({ type: 'HOLD_TO_EARN' }, 'a stake came back with its reward'),
    eventInteraction({ type: 'BALANCE_CHANGE', transactionType: 'PROMO_REGISTRATION' }, 'a registration award'),
    eventInteraction({ type: 'BALANCE_CHANGE', transactionType: 'STAKE' }, 'tokens staked'),
    eventInteraction({ type: 'BALANCE_CHANGE', transactionType: 'WITHDRAW' }, 'tokens withdrawn to the casino balance'),
  ],
};
