/** Resilience: a slow sender and a sender that hangs up half-way must not block others, half-apply, or take the service down. */
import { balanceBody } from '../bodies.js';
import { isMoney, summarize } from '../expect.js';
import type { Check } from '../types.js';

export const resilienceChecks: Check[] = [
  {
    id: 'resilience.slow-client',
    family: 'resilience',
    title: 'A body sent in slow pieces is handled, and other calls are answered meanwhile',
    basis: 'hardening',
    basisReason: 'Trueplay calls server to server and documents no slow sending; surviving a 1-second body is good practice against slow networks and proxies.',
    harm: 'exposure',
    why: 'Mobile networks and proxies deliver bodies slowly; a wallet that reads bodies on a blocking thread or with a tiny timeout stalls or drops real exchanges.',
    async run(ctx) {
      const slowPlayer = await ctx.seedPlayer('100');
      const otherPlayer = await ctx.seedPlayer('50');
      const body = JSON.stringify(ctx.exchangeBody(slowPlayer, 'CREDIT', '10'));
      const reply = await ctx.postInPieces(ctx.target.tokenExchangePath, body, {
        label: 'CREDIT 10, sent in 10 pieces 100 ms apart',
        piecesPerHalf: 5,
        pauseMs: 100,
        midway: async () => {
          const other = await ctx.balance(balanceBody(ctx.target.operatorId, otherPlayer), { label: 'another player\'s balance while the slow body is half-sent' });
          const answer = ctx.expectOk<{ balance: number }>(other, 'getUserBalance', 'a balance call while a slow body was half-sent');
          if (answer) ctx.expect(isMoney(answer.balance, '50'), `the other player's balance came back as ${JSON.stringify(answer.balance)}, expected 50`);
        },
      });
      ctx.expectAnsweredBalance(ctx.expectOk(reply, 'tokenExchange', 'the slowly sent CREDIT'), '110', 'the slowly sent CREDIT');
      await ctx.expectBalance(slowPlayer, '110', 'after the slow CREDIT');
    },
  },
  {
    id: 'resilience.aborted-body',
    family: 'resilience',
    title: 'A request that hangs up half-way moves nothing; the service answers afterwards and the same id still works',
    basis: 'contract',
    basisReason: 'Reference §2e: Trueplay times out and retries the same `id`; a request that never arrived whole must not move money nor burn the id.',
    harm: 'money-moves-wrongly',
    why: 'Trueplay times out and retries; a half-received body must neither move money, nor burn the id, nor crash the process.',
    async run(ctx) {
      const player = await ctx.seedPlayer('100');
      const exchange = ctx.exchangeBody(player, 'CREDIT', '10');
      const body = JSON.stringify(exchange);
      await ctx.postInPieces(ctx.target.tokenExchangePath, body, { label: 'CREDIT 10, hung up half-way through the body', piecesPerHalf: 2, pauseMs: 20, abortMidway: true });
      await ctx.postInPieces(ctx.target.tokenExchangePath, body, { label: 'CREDIT 10, hung up after the first byte of the body', piecesPerHalf: 1, pauseMs: 20, abortMidway: true, splitAt: 1 });
      await ctx.expectBalance(player, '100', 'after two aborted CREDITs');
      const retry = await ctx.tokenExchange(exchange, { label: 'the same CREDIT 10, sent whole' });
      const answer = ctx.expectOk(retry, 'tokenExchange', 'the whole CREDIT after the aborted ones');
      if (!answer) ctx.expect(false, `the id of an aborted request could not be used again: ${summarize(retry)}`);
      ctx.expectAnsweredBalance(answer, '110', 'the whole CREDIT after the aborted ones');
      await ctx.expectBalance(player, '110', 'after the whole CREDIT');
    },
  },
];
