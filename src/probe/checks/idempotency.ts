/** Idempotency by exchange id: Trueplay retries the same id until it gets an answer, so replays must move money once. */
import type { Check } from '../types.js';
import type { CheckContext } from '../context.js';
import { summarize } from '../expect.js';
import type { Reply } from '../http.js';

const REPLAYS = 10;

/** What Trueplay reads in a Token Exchange answer: the status and the used success fields (other fields may differ). */
const answerOf = (reply: Reply) => {
  const json = reply.json as { id?: unknown; status?: unknown; balance?: unknown } | undefined;
  return JSON.stringify([reply.status, json?.id, json?.status, json?.balance]);
};

/**
 * Every replay answered 200 with the first answer's id, status and balance; says which did not. A 4xx on a replay
 * makes Trueplay restore tokens that were already paid for, so it is money, not form.
 */
function expectSameAnswers(ctx: CheckContext, replies: Reply[], what: string): void {
  const first = replies[0]!;
  if (!ctx.expect(first.status === 200, `${what}: the first call answered ${summarize(first)}, expected 200`, 'flow-breaks')) return;
  const differing = replies.map((reply, i) => ({ reply, i })).filter(({ reply }) => answerOf(reply) !== answerOf(first));
  const example = differing[0];
  if (example) ctx.expect(false, `${what}: ${differing.length} of ${replies.length} answers differ from the first (${summarize(first)}), e.g. call ${example.i + 1}: ${summarize(example.reply)}`);
}

export const idempotencyChecks: Check[] = [
  {
    id: 'idempotency.sequential-replay',
    family: 'idempotency',
    title: `The same exchange sent ${REPLAYS}× in a row moves money once and answers the same`,
    basis: 'contract',
    basisReason: 'Reference §2b: the same `id` again returns the first answer and moves no money; Trueplay retries every unknown outcome with the same `id`.',
    harm: 'money-moves-wrongly',
    why: 'Trueplay retries an exchange whose answer it did not get (timeout, 5xx); without idempotency each retry pays the player again.',
    async run(ctx) {
      const player = await ctx.seedPlayer('100');
      const exchange = ctx.exchangeBody(player, 'CREDIT', '10');
      const replies: Reply[] = [];
      for (let i = 1; i <= REPLAYS; i++) replies.push(await ctx.tokenExchange(exchange, { label: `CREDIT 10, call ${i} of ${REPLAYS}` }));
      expectSameAnswers(ctx, replies, 'sequential replays');
      ctx.expectAnsweredBalance(ctx.expectOk(replies[0]!, 'tokenExchange', 'the first CREDIT'), '110', 'the first CREDIT');
      await ctx.expectBalance(player, '110', `after ${REPLAYS} identical CREDITs of 10 on 100`);
    },
  },
  {
    id: 'idempotency.concurrent-replay',
    family: 'idempotency',
    title: `The same exchange sent ${REPLAYS}× at once moves money once and answers the same`,
    basis: 'contract',
    basisReason: 'Reference §2b and §2e: a retry with the same `id` can arrive while the first attempt is still being handled; it must move no money.',
    harm: 'money-moves-wrongly',
    why: 'A retry can overtake a slow first attempt; a check-then-insert without a lock or unique key debits the player twice.',
    async run(ctx) {
      const player = await ctx.seedPlayer('100');
      const exchange = ctx.exchangeBody(player, 'DEBIT', '10');
      const replies = await ctx.postTogether(
        ctx.target.tokenExchangePath,
        Array.from({ length: REPLAYS }, (_, i) => ({ body: exchange, label: `DEBIT 10, concurrent call ${i + 1} of ${REPLAYS}` })),
      );
      expectSameAnswers(ctx, replies, 'concurrent replays');
      ctx.expectAnsweredBalance(ctx.expectOk(replies[0]!, 'tokenExchange', 'the DEBIT'), '90', 'the DEBIT');
      await ctx.expectBalance(player, '90', `after ${REPLAYS} concurrent identical DEBITs of 10 on 100`);
    },
  },
  {
    id: 'idempotency.conflicting-body',
    family: 'idempotency',
    title: 'A different body under a used id is refused (a 4xx with an error body) and moves nothing',
    basis: 'contract',
    basisReason: 'Reference §2b: an `id` moves money once; Trueplay would book the new amount on a 2xx, so accepting either body misstates what moved.',
    harm: 'money-moves-wrongly',
    why: 'An id reused with another amount is a bug or an attack; answering the old result or applying the new one silently corrupts the ledger.',
    run: (ctx) => sendConflictingBodies(ctx, (reply, what) => ctx.expectRefused(reply, what), true),
  },
  {
    id: 'idempotency.conflict-code',
    family: 'idempotency',
    title: 'A different body under a used id answers the reference\'s 409 DUPLICATE_TRANSACTION',
    basis: 'hardening',
    basisReason: 'The reference names 409 DUPLICATE_TRANSACTION, but Trueplay acts on the status class and the error body: another 4xx or code works the same.',
    harm: 'convention',
    why: 'The reference\'s code says at once that the id was reused, which is what whoever reads the logs needs to know.',
    run: (ctx) => sendConflictingBodies(ctx, (reply, what) => ctx.expectReferenceAnswer(reply, what, { status: 409, code: 'DUPLICATE_TRANSACTION' }), false),
  },
];

/** A CREDIT of 10, then the same id with amount 20 and as a DEBIT, each judged by `judge`; the balance checked when asked. */
async function sendConflictingBodies(ctx: CheckContext, judge: (reply: Reply, what: string) => unknown, checkBalance: boolean): Promise<void> {
  const player = await ctx.seedPlayer('100');
  const exchange = ctx.exchangeBody(player, 'CREDIT', '10');
  ctx.expectOk(await ctx.tokenExchange(exchange, { label: 'CREDIT 10' }), 'tokenExchange', 'the first CREDIT');
  judge(await ctx.tokenExchange({ ...exchange, amount: 20, tokenAmount: 20.2 }, { label: 'same id, amount 20' }), 'the same id with amount 20');
  judge(await ctx.tokenExchange({ ...exchange, action: 'DEBIT' }, { label: 'same id, DEBIT instead of CREDIT' }), 'the same id as a DEBIT');
  if (checkBalance) await ctx.expectBalance(player, '110', 'after the conflicting bodies');
}
