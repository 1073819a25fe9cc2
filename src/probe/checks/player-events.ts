/**
 * The optional player-event webhook (reference §1: `POST {operator}/player-event`, signed like every Trueplay call;
 * §2f: an unknown outcome is sent again with the same requestId). Run only when the probe is given the operator's
 * event path (`--player-event-path`): an operator that never subscribed has nothing here to judge.
 */
import { randomUUID } from 'node:crypto';
import { eventTimestamp } from '../../domain/player-events.js';
import type { Check } from '../types.js';
import type { CheckContext } from '../context.js';
import { is2xx, summarize } from '../expect.js';

/** A documented PLAY_TO_EARN event for a player seeded through the state URL. */
async function eventFor(ctx: CheckContext) {
  const operatorUserId = await ctx.seedPlayer('100');
  return { requestId: randomUUID(), operatorUserId, createdAt: eventTimestamp(Date.now()), type: 'PLAY_TO_EARN', data: { amount: 0.05, balance: 100.05 } };
}

export const playerEventChecks: Check[] = [
  {
    id: 'player-events.forged-refused',
    family: 'player-events',
    title: 'An event with a wrong or missing X-REQUEST-SIGNATURE is refused',
    basis: 'hardening',
    basisReason: 'Reference §1: Trueplay signs its player events like every call; the docs do not say what the operator must answer to a bad one, and an event moves no money.',
    harm: 'exposure',
    why: 'Whoever can reach the endpoint could otherwise make the casino show a player balances and rewards Trueplay never sent.',
    async run(ctx) {
      const event = await eventFor(ctx);
      const path = ctx.target.playerEventPath!;
      const unsigned = await ctx.post(path, event, { label: 'PLAY_TO_EARN without a signature', signature: null });
      ctx.expect(!is2xx(unsigned.status), `an unsigned event was acknowledged: ${summarize(unsigned)}`);
      const forged = await ctx.post(path, event, { label: 'PLAY_TO_EARN signed with another secret', signature: 'Zm9yZ2Vk'.padEnd(86, 'A') + '==' });
      ctx.expect(!is2xx(forged.status), `an event with a forged signature was acknowledged: ${summarize(forged)}`);
    },
  },
  {
    id: 'player-events.same-request-id-acknowledged',
    family: 'player-events',
    title: 'An event sent again with the same requestId is acknowledged again',
    basis: 'hardening',
    basisReason: 'Reference §2f (decided): an event whose answer Trueplay did not get is sent again, same bytes and requestId; the docs say nothing of the answer to a repeat.',
    harm: 'convention',
    why: 'A repeat is how a lost answer is recovered: refusing it (409, 5xx) makes it look undelivered; acting on it twice shows the player a reward twice.',
    async run(ctx) {
      const event = await eventFor(ctx);
      const path = ctx.target.playerEventPath!;
      const first = await ctx.post(path, event, { label: 'PLAY_TO_EARN' });
      if (!ctx.expect(is2xx(first.status), `a signed, documented event was not acknowledged: ${summarize(first)}`)) return;
      const again = await ctx.post(path, event, { label: 'the same PLAY_TO_EARN again (same requestId, same bytes)' });
      ctx.expect(is2xx(again.status), `the same event again was answered ${summarize(again)}, not 2xx: Trueplay would count it undelivered`);
    },
  },
];
