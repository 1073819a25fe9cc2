/** Step kinds played on the loyalty page as the player: visit it, read its state, buy, withdraw and stake tokens. */
import { z } from 'zod';
import { stepKind, type StepKind, type StepRuntime } from './types.js';
import { num, operatorUserId, text, withQuery } from './values.js';

const page = {
  operatorUserId: operatorUserId.describe('the player; a fresh link is asked for with Get Loyalty Page first').optional(),
  url: text('a link returned earlier, e.g. ${steps.link.response.url}, instead of operatorUserId').optional(),
  lang: text('the page language when a link is asked for').optional(),
};

const pageParams = z.strictObject(page).refine((p) => (p.operatorUserId === undefined) !== (p.url === undefined), {
  message: 'give exactly one of operatorUserId and url',
});
const exchangeParams = z.strictObject({ ...page, tokenAmount: num() }).refine((p) => (p.operatorUserId === undefined) !== (p.url === undefined), {
  message: 'give exactly one of operatorUserId and url',
});

const stakeParams = z.strictObject({ ...page, tokenAmount: num(), period: z.enum(['PT8H', 'P1D', 'P3D']) })
  .refine((p) => (p.operatorUserId === undefined) !== (p.url === undefined), { message: 'give exactly one of operatorUserId and url' });

/** The page's path: from the given link, or from a link asked for now (links expire, so none is reused). */
async function pagePath(p: { operatorUserId?: string; url?: string; lang?: string }, runtime: StepRuntime): Promise<string> {
  if (p.url !== undefined) return new URL(p.url, 'http://sandbox.invalid').pathname;
  const link = await runtime.send({
    side: 'trueplay', method: 'GET', path: withQuery('/api/v1/loyalty-page', { operatorUserId: p.operatorUserId, lang: p.lang }), apiKey: true,
  });
  const url = (link.response.body as { url?: unknown } | null)?.url;
  if (link.response.status !== 200 || typeof url !== 'string') {
    throw new Error(`Get Loyalty Page for ${p.operatorUserId} answered ${link.response.status} ${link.response.text.slice(0, 200)}`);
  }
  return new URL(url).pathname;
}

const who = (p: { operatorUserId?: string; url?: string }) => p.operatorUserId ?? 'the linked player';

const stakeKind = stepKind({
  summary: 'Stake tokens on the loyalty page (POST {link}/stake, Hold to Earn): back with the reward when the period ends',
  params: stakeParams,
  describe: (p) => `${who(p)} stakes ${p.tokenAmount} tokens for ${p.period}`,
  call: async (p, runtime) => ({
    side: 'trueplay', method: 'POST', path: `${await pagePath(p, runtime)}/stake`, body: { tokenAmount: p.tokenAmount, period: p.period },
  }),
});

export const loyaltySteps: Record<string, StepKind> = {
  visit: stepKind({
    summary: 'Open the loyalty page (GET {link}) as the player; the first visit creates the user',
    params: pageParams,
    describe: (p) => `${who(p)} opens the loyalty page`,
    call: async (p, runtime) => ({ side: 'trueplay', method: 'GET', path: await pagePath(p, runtime) }),
  }),

  loyaltyState: stepKind({
    summary: "Read the loyalty page's data (GET {link}/state): balance, campaigns, history",
    params: pageParams,
    describe: (p) => `loyalty page state of ${who(p)}`,
    call: async (p, runtime) => ({ side: 'trueplay', method: 'GET', path: `${await pagePath(p, runtime)}/state` }),
  }),

  purchase: stepKind({
    summary: 'Buy tokens on the loyalty page (POST {link}/purchase): a DEBIT Token Exchange to the operator',
    params: exchangeParams,
    describe: (p) => `${who(p)} buys ${p.tokenAmount} tokens`,
    call: async (p, runtime) => ({
      side: 'trueplay', method: 'POST', path: `${await pagePath(p, runtime)}/purchase`, body: { tokenAmount: p.tokenAmount },
    }),
  }),

  withdraw: stepKind({
    summary: 'Withdraw tokens on the loyalty page (POST {link}/withdraw): a CREDIT Token Exchange to the operator',
    params: exchangeParams,
    describe: (p) => `${who(p)} withdraws ${p.tokenAmount} tokens`,
    call: async (p, runtime) => ({
      side: 'trueplay', method: 'POST', path: `${await pagePath(p, runtime)}/withdraw`, body: { tokenAmount: p.tokenAmount },
    }),
  }),

  stake: stakeKind,
};
