/** Step kinds played on the fake operator wallet: its players, casino bets, and signed calls to it (faults: faults.ts). */
import { z } from 'zod';
import { stepKind, type StepKind } from './types.js';
import { currency, num, operatorUserId, segment, text, transactionId } from './values.js';

export const casinoSteps: Record<string, StepKind> = {
  seedPlayer: stepKind({
    summary: 'Create or overwrite a wallet player with a casino balance (wallet POST /sandbox/players)',
    params: z.strictObject({ operatorUserId, balance: num('the casino balance'), currency: currency.optional() }),
    describe: (p) => `wallet player ${p.operatorUserId} with ${p.balance}`,
    call: (p, runtime) => ({
      side: 'wallet', method: 'POST', path: '/sandbox/players', body: { ...p, currency: p.currency ?? runtime.operator.currency },
    }),
  }),

  player: stepKind({
    summary: "Read a wallet player's casino balance (wallet GET /sandbox/players/{operatorUserId})",
    params: z.strictObject({ operatorUserId }),
    describe: (p) => `casino balance of ${p.operatorUserId}`,
    call: (p) => ({ side: 'wallet', method: 'GET', path: `/sandbox/players/${segment(p.operatorUserId)}` }),
  }),

  casinoBet: stepKind({
    summary: 'Play a bet as the casino (wallet POST /sandbox/bets): debits the player, sends the BET (and the WIN when `win` is given) to Trueplay as the demo operator',
    params: z.strictObject({
      operatorUserId,
      amount: num('the stake'),
      win: num('when given, a WIN of this amount follows, referencing the BET (Sportsbook: 0 = lost)').optional(),
      transactionId: transactionId.optional(),
      gameType: text('defaults to Slot').optional(),
      gameProvider: text().optional(),
      gameCode: text().optional(),
      gameName: text().optional(),
      currency: currency.optional(),
    }),
    describe: (p) => `casino bet ${p.amount}${p.win !== undefined ? `, win ${p.win}` : ''} ${p.gameType ?? 'Slot'} for ${p.operatorUserId}`,
    call: (p) => ({ side: 'wallet', method: 'POST', path: '/sandbox/bets', body: p }),
  }),

  walletCall: stepKind({
    summary: "A signed call to the wallet as Trueplay makes it (§2b): signed with the acting operator's secret unless `secretKey` or `signature` says otherwise",
    params: z.strictObject({
      path: text('defaults to /trueplay/token-exchange').optional(),
      body: z.unknown().describe('the JSON body'),
      secretKey: text('sign with this secret instead (a wrong secret gives a wrong signature)').optional(),
      signature: z.union([z.string(), z.null()]).describe('send this X-REQUEST-SIGNATURE as is; null sends none').optional(),
    }),
    describe: (p) => {
      const action = (p.body as { action?: string } | null)?.action;
      const how = p.signature !== undefined ? (p.signature === null ? 'unsigned' : 'with a given signature') : p.secretKey ? 'signed with another secret' : 'signed';
      return `${how} call to wallet ${p.path ?? '/trueplay/token-exchange'}${action ? ` (${action})` : ''}`;
    },
    call: (p) => ({
      side: 'wallet',
      method: 'POST',
      path: p.path ?? '/trueplay/token-exchange',
      body: p.body,
      sign: p.signature === null ? undefined : p.signature !== undefined ? { signature: p.signature } : { secretKey: p.secretKey },
    }),
  }),
};
