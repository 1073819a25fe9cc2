/** Concurrency: many exchanges on one player at once must serialise — no overdraft, no lost update, exact sums. */
import { Decimal } from '../../domain/money.js';
import { isErrorBody, summarize } from '../expect.js';
import type { Check } from '../types.js';

export const concurrencyChecks: Check[] = [
  {
    id: 'concurrency.no-overdraft',
    family: 'concurrency',
    title: 'N concurrent DEBITs never overdraw: exactly the affordable one succeeds',
    basis: 'contract',
    basisReason: 'Reference §2b: a DEBIT beyond the balance is refused; Trueplay sends purchases of different players, and of one player, independently and at once.',
    harm: 'money-moves-wrongly',
    why: 'A read-check-write without a lock or a conditional update lets simultaneous purchases spend the same money twice.',
    async run(ctx) {
      const n = ctx.target.concurrency;
      // One affordable DEBIT: then any two that overlap overdraw, so a burst partly reset by the service's listen
      // queue (retried alone, outside the race) still tests the lock. With n/2 affordable, an overdrawing wallet
      // passed whenever too few calls overlapped. Refusing sound DEBITs under contention is exact-sums' finding.
      const affordable = 1;
      const start = new Decimal(10).mul(affordable);
      const player = await ctx.seedPlayer(start.toString());
      const replies = await ctx.postTogether(
        ctx.target.tokenExchangePath,
        Array.from({ length: n }, (_, i) => ({ body: ctx.exchangeBody(player, 'DEBIT', '10'), label: `DEBIT 10, concurrent ${i + 1} of ${n}` })),
      );
      const ok = replies.filter((r) => r.status === 200);
      const refused = replies.filter((r) => r.status !== null && r.status >= 400 && r.status < 500 && isErrorBody(r.json));
      const other = replies.filter((r) => !ok.includes(r) && !refused.includes(r));
      const together = replies.filter((r) => r.inBurst).length;
      ctx.expect(together >= 2, `only ${together} of ${n} concurrent DEBITs reached the wallet together; the others were reset or refused before it read them, so overdraft under concurrency could not be tested`, 'flow-breaks');
      ctx.expect(ok.length === affordable, `${ok.length} of ${n} DEBITs of 10 on ${start} succeeded; exactly ${affordable} can be afforded`);
      ctx.expect(other.length === 0, `${other.length} answers were neither 200 nor a 4xx with an error body, e.g. ${other[0] ? summarize(other[0]) : ''}`, 'flow-breaks');
      // Each successful DEBIT leaves a different balance behind; a repeat means two of them read the same balance.
      const answered = ok.map((r) => String((r.json as { balance?: unknown } | undefined)?.balance));
      const expected = Array.from({ length: affordable }, (_, i) => String(10 * i));
      const negative = answered.filter((b) => Number(b) < 0);
      ctx.expect(negative.length === 0, `answers showed negative balances: ${negative.join(', ')}`);
      ctx.expect(
        ok.length !== affordable || [...answered].sort((a, b) => Number(a) - Number(b)).join(',') === expected.join(','),
        `the successful DEBITs answered balances ${answered.join(', ')}; expected each of ${expected.join(', ')} once`,
      );
      await ctx.expectBalance(player, '0', `after ${n} concurrent DEBITs of 10 on ${start}`);
    },
  },
  {
    id: 'concurrency.exact-sums',
    family: 'concurrency',
    title: 'Concurrent CREDITs and DEBITs sum exactly to the cent',
    basis: 'contract',
    basisReason: 'Reference §2b: each exchange moves exactly its amount; exchanges of one player can arrive at once (purchases, withdrawals, retries).',
    harm: 'money-moves-wrongly',
    why: 'Lost updates (two writers from the same read) or float arithmetic make the wallet disagree with Trueplay\'s ledger.',
    async run(ctx) {
      const n = ctx.target.concurrency;
      const player = await ctx.seedPlayer('1000.00');
      const moves = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? { action: 'CREDIT' as const, amount: '0.10' } : { action: 'DEBIT' as const, amount: '0.07' }));
      const replies = await ctx.postTogether(
        ctx.target.tokenExchangePath,
        moves.map((move, i) => ({ body: ctx.exchangeBody(player, move.action, move.amount), label: `${move.action} ${move.amount}, concurrent ${i + 1} of ${n}` })),
      );
      const failed = replies.filter((r) => r.status !== 200);
      ctx.expect(failed.length === 0, `${failed.length} of ${n} exchanges did not answer 200, e.g. ${failed[0] ? summarize(failed[0]) : ''}`, 'flow-breaks');
      const expected = moves.reduce((sum, m) => (m.action === 'CREDIT' ? sum.plus(m.amount) : sum.minus(m.amount)), new Decimal('1000.00'));
      await ctx.expectBalance(player, expected, `after ${n} concurrent CREDITs of 0.10 and DEBITs of 0.07 on 1000.00`);
    },
  },
];
