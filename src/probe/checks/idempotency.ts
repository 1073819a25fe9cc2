/** Idempotency by exchange id: Trueplay retries the same id until it gets an answer, so replays must move money once. */
import type { Check } from '../types.js';
import type { CheckContext } from '../context.js';
import { summarize } from '../expect.js';
import type { Reply } from '../http.js';

const REPLAYS = 10;

/** Every replay answered 200 with the same body as the first; says which did not. */
function expectSameAnswers(ctx: CheckContext, replies: Reply[], what: string): void {
  const first = replies[0]!;
  if (!ctx.expect(first.status === 200, `${what}: the first call answered ${summarize(first)}, expected 200`)) return;
  const firstJson = JSON.stringify(first.json);
  const differing = replies
    .map((reply, i) => ({ reply, i }))
    .filter(({ reply }) => reply.status !== 200 || JSON.stringify(reply.json) !== firstJson);
  const example = differing[0];
  if (example) ctx.expect(false, `${what}: ${differing.length} of ${replies.length} answers differ from the first (${firstJson}), e.g. call ${example.i + 1}: ${summarize(example.reply)}`);
}

export const idempotencyChecks: Check[] = [
  {
    id: 'idempotency.sequential-replay',
    family: 'idempotency',
    title: `The same exchange sent ${REPLAYS}× in a row moves money once and answers the same`,
    severity: 'critical',
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
    severity: 'critical',
    why: 'A retry can overtake a slow first attempt; a check-then-insert without a lock or unique key debits the player twice.',
    async run(ctx) {
      const player = await ctx.seedPlayer('100');
      const exchange = ctx.exchangeBody(player, 'DEBIT', '10');
      const replies = await Promise.all(
        Array.from({ length: REPLAYS }, (_, i) => ctx.tokenExchange(exchange, { label: `DEBIT 10, concurrent call ${i + 1} of ${REPLAYS}` })),
      );
      expectSameAnswers(ctx, replies, 'concurrent replays');
      ctx.expectAnsweredBalance(ctx.expectOk(replies[0]!, 'tokenExchange', 'the DEBIT'), '90', 'the DEBIT');
      await ctx.expectBalance(player, '90', `after ${REPLAYS} concurrent identical DEBITs of 10 on 100`);
    },
  },
  {
    id: 'idempotency.conflicting-body',
    family: 'idempotency',
    title: 'A different body under a used id is 409 DUPLICATE_TRANSACTION and moves nothing',
    severity: 'high',
    why: 'An id reused with another amount is a bug or an attack; answering the old result or applying the new one silently corrupts the ledger.',
    async run(ctx) {
      const player = await ctx.seedPlayer('100');
      const exchange = ctx.exchangeBody(player, 'CREDIT', '10');
      ctx.expectOk(await ctx.tokenExchange(exchange, { label: 'CREDIT 10' }), 'tokenExchange', 'the first CREDIT');
      const changed = { ...exchange, amount: 20, tokenAmount: 20.2 };
      ctx.expectRefused(await ctx.tokenExchange(changed, { label: 'same id, amount 20' }), 'the same id with amount 20', { status: 409, code: 'DUPLICATE_TRANSACTION' });
      const flipped = { ...exchange, action: 'DEBIT' };
      ctx.expectRefused(await ctx.tokenExchange(flipped, { label: 'same id, DEBIT instead of CREDIT' }), 'the same id as a DEBIT', { status: 409, code: 'DUPLICATE_TRANSACTION' });
      await ctx.expectBalance(player, '110', 'after the conflicting bodies');
    },
  },
];
