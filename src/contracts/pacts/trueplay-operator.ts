/** The Trueplay → operator pact: Get User Balance and Token Exchange as reference §2b has an operator answer them. */
import { decimalOf, toWireNumber } from '../../domain/money.js';
import { bodyOf, errorCodeOf, isCall, responseOf, type CapturedCall } from '../capture.js';
import { state, type PactSpec, type ProviderState } from '../interaction.js';

export const BALANCE_PATH = '/trueplay/balance';
export const TOKEN_EXCHANGE_PATH = '/trueplay/token-exchange';

/**
 * The X-REQUEST-SIGNATURE of the bad-signature interaction. `verify operator` re-signs every request with the
 * operator's secret except one carrying exactly this value, so that interaction still arrives wrongly signed.
 */
export const WRONG_SIGNATURE = 'wrong-signature-kept-by-the-verifier';

const isExchange = (call: CapturedCall, status: number, action: string) =>
  isCall(call, 'POST', TOKEN_EXCHANGE_PATH, status) && bodyOf(call).action === action;

/** An exchange id the player's wallet has not answered 2xx before: the first time it moved money. */
const isFirstTime = (call: CapturedCall, earlier: CapturedCall[]) =>
  !earlier.some((c) => isCall(c, 'POST', TOKEN_EXCHANGE_PATH) && c.status < 300 && bodyOf(c).id === bodyOf(call).id);

/** `a player exists` with the balance the player had before this exchange (the answer's balance, undone). */
function playerBefore(call: CapturedCall): ProviderState {
  const { operatorUserId, amount, action, currency } = bodyOf(call);
  const after = decimalOf(responseOf(call).balance as number);
  const moved = decimalOf(amount as number);
  const balance = toWireNumber(action === 'CREDIT' ? after.minus(moved) : after.plus(moved));
  return state('a player exists', { operatorUserId: operatorUserId as string, balance, currency: currency as string });
}

export const trueplayOperatorPact: PactSpec = {
  file: 'trueplay-operator.json',
  consumer: 'trueplay',
  provider: 'operator',
  answeredBy: 'operator',
  interactions: [
    {
      description: 'Get User Balance: a known player',
      pins: 'pins status 200 and balance by value (100, 100.0 and 100.00 alike): Trueplay reads only the balance, to refuse a purchase the casino balance does not cover; operatorUserId and currency are not read.',
      reads: ['balance'],
      pick: (call) => isCall(call, 'POST', BALANCE_PATH, 200),
      states: (call) => {
        const { operatorUserId, balance, currency } = responseOf(call);
        return [state('a player exists', { operatorUserId, balance, currency })];
      },
    },
    {
      description: 'Get User Balance: an unknown player',
      pins: 'pins any 4xx (404 shown) and the error body by shape, not its code: Trueplay treats every refusal of Get User Balance alike (nothing is exchanged), so the status within 4xx is the operator\'s.',
      pick: (call) => isCall(call, 'POST', BALANCE_PATH, 404),
      states: (call) => [state('no player exists', { operatorUserId: bodyOf(call).operatorUserId })],
    },
    {
      description: 'Token Exchange: a CREDIT (the player withdrew tokens) adds the amount to the casino balance',
      pins: 'pins status 200 (Trueplay completes the exchange on any 2xx) and the balance after, by value: the amount was added exactly; id and status are not read.',
      reads: ['balance'],
      pick: (call, earlier) => isExchange(call, 200, 'CREDIT') && isFirstTime(call, earlier),
      states: (call) => [playerBefore(call)],
    },
    {
      description: 'Token Exchange: a DEBIT (the player bought tokens) takes the amount off the casino balance',
      pins: 'pins status 200 (Trueplay credits the bought tokens on any 2xx) and the balance after, by value: the amount was taken off exactly; id and status are not read.',
      reads: ['balance'],
      pick: (call, earlier) => isExchange(call, 200, 'DEBIT') && isFirstTime(call, earlier),
      states: (call) => [playerBefore(call)],
    },
    {
      // Written from the first CREDIT: the replay must get that first answer again and move no money.
      description: 'Token Exchange: the same exchange sent again returns the first answer and moves no money',
      pins: 'pins status 200 and the first answer\'s balance, by value: Trueplay retries an exchange whose outcome it did not learn, and the retry must move no money.',
      reads: ['balance'],
      pick: (call, earlier) => isExchange(call, 200, 'CREDIT') && isFirstTime(call, earlier),
      states: (call) => [playerBefore(call), state('a token exchange was processed', bodyOf(call))],
    },
    {
      description: 'Token Exchange: a DEBIT beyond the casino balance',
      pins: 'pins any 4xx (400 shown) and the error body by shape, not its code: Trueplay takes every 4xx with an error body as a final refusal (nothing moved, the exchange is not retried, the player keeps the money); reference §2b names 400 INSUFFICIENT_FUNDS, a decision of ours, which the fake Trueplay only uses to word its message to the player.',
      pick: (call) => isExchange(call, 400, 'DEBIT') && errorCodeOf(call) === 'INSUFFICIENT_FUNDS',
      states: (call, earlier) => {
        const setup = [...earlier].reverse().find((c) => c.path === '/sandbox/players' && bodyOf(c).operatorUserId === bodyOf(call).operatorUserId);
        if (!setup) throw new Error(`player ${String(bodyOf(call).operatorUserId)} was not set up through POST /sandbox/players earlier in the scenario`);
        const { operatorUserId, balance, currency } = bodyOf(setup);
        return [state('a player exists', { operatorUserId, balance, currency })];
      },
    },
    {
      description: 'Token Exchange: a request with a wrong X-REQUEST-SIGNATURE',
      pins: 'pins any 4xx (401 shown) and the error body by shape, not its code: any refusal fails the exchange and Trueplay gives the tokens back; reference §2b names 401 INVALID_SIGNATURE, a decision of ours that Trueplay does not act on. A 2xx here (a forged call honoured) or a 5xx fails.',
      pick: (call) => isCall(call, 'POST', TOKEN_EXCHANGE_PATH, 401) && call.headers['x-request-signature'] === WRONG_SIGNATURE,
      states: (call, earlier) => {
        const setup = [...earlier].reverse().find((c) => c.path === '/sandbox/players' && bodyOf(c).operatorUserId === bodyOf(call).operatorUserId);
        const { operatorUserId, balance, currency } = setup ? bodyOf(setup) : { ...bodyOf(call), balance: 0 };
        return [state('a player exists', { operatorUserId, balance, currency })];
      },
    },
  ],
};
