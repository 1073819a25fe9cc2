/** Happy path: the balance and both exchange directions work, with exact decimals, large amounts and the player's currency. */
import type { Check } from '../types.js';
import { balanceBody } from '../bodies.js';
import { isMoney } from '../expect.js';

type BalanceAnswer = { operatorUserId: string; balance: number; currency: string };
type ExchangeAnswer = { id: string; status: string; balance: number };

/** One exchange on a player seeded with 100: the answer echoes the id and the new balance, and the balance holds. */
function singleExchange(spec: { id: string; title: string; why: string; action: 'CREDIT' | 'DEBIT'; amount: string; expectedBalance: string }): Check {
  return {
    id: spec.id,
    family: 'happy-path',
    title: spec.title,
    basis: 'contract',
    basisReason: `Reference §2b: Token Exchange ${spec.action} moves exactly \`amount\` and answers 200 {"id","status":"OK","balance"}.`,
    harm: 'money-moves-wrongly',
    why: spec.why,
    async run(ctx) {
      const player = await ctx.seedPlayer('100');
      const exchange = ctx.exchangeBody(player, spec.action, spec.amount);
      const what = `the ${spec.action}`;
      const body = ctx.expectOk<ExchangeAnswer>(await ctx.tokenExchange(exchange, { label: `${spec.action} ${spec.amount}` }), 'tokenExchange', what);
      if (body) {
        ctx.expect(body.id === exchange.id, `the answer's id is ${JSON.stringify(body.id)}, not the exchange's ${exchange.id}`);
        ctx.expectAnsweredBalance(body, spec.expectedBalance, what);
      }
      await ctx.expectBalance(player, spec.expectedBalance, `after ${what}`);
    },
  };
}

export const happyPathChecks: Check[] = [
  {
    id: 'happy-path.balance',
    family: 'happy-path',
    title: 'Get User Balance answers the player, balance and currency',
    basis: 'contract',
    basisReason: 'Reference §2b: Get User Balance answers 200 {"operatorUserId","balance","currency"}, which Trueplay reads before a purchase.',
    harm: 'flow-breaks',
    why: 'Trueplay asks for the casino balance before a token purchase; a wrong or malformed answer blocks every purchase.',
    async run(ctx) {
      const player = await ctx.seedPlayer('250.75');
      const reply = await ctx.balance(balanceBody(ctx.target.operatorId, player), { label: 'ask the balance' });
      const body = ctx.expectOk<BalanceAnswer>(reply, 'getUserBalance', 'the balance call');
      if (!body) return;
      ctx.expect(body.operatorUserId === player, `the answer names ${JSON.stringify(body.operatorUserId)}, not the player asked about (${player})`);
      ctx.expect(isMoney(body.balance, '250.75'), `expected balance 250.75, got ${JSON.stringify(body.balance)}`);
      ctx.expect(body.currency === 'USD', `expected currency USD, got ${JSON.stringify(body.currency)}`);
    },
  },
  singleExchange({
    id: 'happy-path.credit',
    title: 'A CREDIT adds the amount and answers the new balance',
    why: 'A CREDIT pays out tokens the player withdrew; if the money does not arrive, the player lost it.',
    action: 'CREDIT',
    amount: '25',
    expectedBalance: '125',
  }),
  singleExchange({
    id: 'happy-path.debit',
    title: 'A DEBIT takes the amount off and answers the new balance',
    why: 'A DEBIT pays for tokens the player bought; if it is not taken, the operator gives tokens away.',
    action: 'DEBIT',
    amount: '40',
    expectedBalance: '60',
  }),
  {
    id: 'happy-path.two-decimals',
    family: 'happy-path',
    title: 'Cents add up exactly (0.10 + 0.20 − 0.30 = 0)',
    basis: 'contract',
    basisReason: 'Amounts are decimals (reference §1, §2): the wallet and Trueplay\'s ledger must agree to the cent.',
    harm: 'money-moves-wrongly',
    why: 'Binary floating point turns 0.1 + 0.2 into 0.30000000000000004; over many exchanges balances drift and reconciliation fails.',
    async run(ctx) {
      const player = await ctx.seedPlayer('0.10');
      const credit = await ctx.tokenExchange(ctx.exchangeBody(player, 'CREDIT', '0.20'), { label: 'CREDIT 0.20' });
      ctx.expectAnsweredBalance(ctx.expectOk(credit, 'tokenExchange', 'CREDIT 0.20'), '0.30', 'CREDIT 0.20 on 0.10');
      const debit = await ctx.tokenExchange(ctx.exchangeBody(player, 'DEBIT', '0.30'), { label: 'DEBIT 0.30' });
      ctx.expectAnsweredBalance(ctx.expectOk(debit, 'tokenExchange', 'DEBIT 0.30'), '0', 'DEBIT 0.30 on 0.30');
      await ctx.expectBalance(player, '0', 'after 0.10 + 0.20 − 0.30');
    },
  },
  {
    id: 'happy-path.large-amounts',
    family: 'happy-path',
    title: 'Amounts near a billion keep their cents',
    basis: 'contract',
    basisReason: 'Trueplay documents no upper bound on `amount`; currencies with small units reach such amounts in normal play, and each must move exactly.',
    harm: 'money-moves-wrongly',
    why: 'Whales and currencies with small units produce large amounts; a float or a narrow column loses the cents or overflows.',
    async run(ctx) {
      const player = await ctx.seedPlayer('999999999.99');
      const debit = await ctx.tokenExchange(ctx.exchangeBody(player, 'DEBIT', '987654321.98'), { label: 'DEBIT 987654321.98' });
      ctx.expectAnsweredBalance(ctx.expectOk(debit, 'tokenExchange', 'the large DEBIT'), '12345678.01', 'DEBIT 987654321.98 from 999999999.99');
      const credit = await ctx.tokenExchange(ctx.exchangeBody(player, 'CREDIT', '12345678.01'), { label: 'CREDIT 12345678.01' });
      ctx.expectAnsweredBalance(ctx.expectOk(credit, 'tokenExchange', 'the large CREDIT'), '24691356.02', 'CREDIT 12345678.01 on 12345678.01');
      await ctx.expectBalance(player, '24691356.02', 'after the large exchanges');
    },
  },
  {
    id: 'happy-path.currency-echo',
    family: 'happy-path',
    title: 'The balance answers the player\'s own currency (EUR, USDT)',
    basis: 'contract',
    basisReason: 'Reference §2b: the balance answer carries `currency`, and every Token Exchange names the player\'s currency.',
    harm: 'flow-breaks',
    why: 'Trueplay prices tokens in the currency the operator answers; a hard-coded USD misprices every non-USD player.',
    async run(ctx) {
      for (const currency of ['EUR', 'USDT']) {
        const player = await ctx.seedPlayer('42.50', currency);
        const body = ctx.expectOk<BalanceAnswer>(
          await ctx.balance(balanceBody(ctx.target.operatorId, player), { label: `ask the balance of a ${currency} player` }),
          'getUserBalance',
          `the balance of a ${currency} player`,
        );
        if (body) ctx.expect(body.currency === currency, `a ${currency} player's balance came back in ${JSON.stringify(body.currency)}`);
        const credit = await ctx.tokenExchange(ctx.exchangeBody(player, 'CREDIT', '7.50', currency), { label: `CREDIT 7.50 ${currency}` });
        ctx.expectAnsweredBalance(ctx.expectOk(credit, 'tokenExchange', `a CREDIT in ${currency}`), '50', `CREDIT 7.50 ${currency} on 42.50`);
      }
    },
  },
  {
    id: 'happy-path.insufficient-funds',
    family: 'happy-path',
    title: 'A DEBIT beyond the balance is refused (a 4xx with an error body) and moves nothing; exactly the balance is fine',
    basis: 'contract',
    basisReason: 'Reference §2b: a DEBIT beyond the balance is refused; Trueplay restores the tokens only on a 4xx with an error body (§2b, §2e).',
    harm: 'money-moves-wrongly',
    why: 'Anything but a 4xx with an error body leaves the purchase hanging or retried; accepting it lets the balance go negative.',
    async run(ctx) {
      const player = await ctx.seedPlayer('5.00');
      const tooMuch = await ctx.tokenExchange(ctx.exchangeBody(player, 'DEBIT', '5.01'), { label: 'DEBIT 5.01 of 5.00' });
      ctx.expectRefused(tooMuch, 'DEBIT 5.01 of 5.00');
      await ctx.expectBalance(player, '5', 'after the refused DEBIT');
      const all = await ctx.tokenExchange(ctx.exchangeBody(player, 'DEBIT', '5.00'), { label: 'DEBIT 5.00 of 5.00' });
      ctx.expectAnsweredBalance(ctx.expectOk(all, 'tokenExchange', 'DEBIT of the whole balance'), '0', 'DEBIT 5.00 of 5.00');
    },
  },
  {
    id: 'happy-path.insufficient-funds-code',
    family: 'happy-path',
    title: 'A DEBIT beyond the balance answers the reference\'s 400 INSUFFICIENT_FUNDS',
    basis: 'hardening',
    basisReason: 'Reference §2b names 400 INSUFFICIENT_FUNDS, a decision of the sandbox\'s, not Trueplay\'s docs: Trueplay acts on the status class and the error body, so another 4xx or code refuses the DEBIT just as well, and the contract (trueplay-operator.json, "a DEBIT beyond the casino balance") accepts any 4xx with an error body and pins no code.',
    harm: 'convention',
    why: 'The reference\'s code makes the refusal readable in Trueplay\'s logs and in support tickets without a mapping table; the fake Trueplay also tells the player the casino balance is short, where another code shows a failed exchange.',
    async run(ctx) {
      const player = await ctx.seedPlayer('5.00');
      const tooMuch = await ctx.tokenExchange(ctx.exchangeBody(player, 'DEBIT', '5.01'), { label: 'DEBIT 5.01 of 5.00' });
      ctx.expectReferenceAnswer(tooMuch, 'DEBIT 5.01 of 5.00', { status: 400, code: 'INSUFFICIENT_FUNDS' });
    },
  },
];
