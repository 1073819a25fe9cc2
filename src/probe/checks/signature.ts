/** X-REQUEST-SIGNATURE: only the exact bytes signed with the operator's secret may move money; everything else is 401. */
import { createHash, createHmac } from 'node:crypto';
import { signBody } from '../../signing/signature.js';
import { balanceBody, sortedKeys, type TokenExchangeBody } from '../bodies.js';
import type { CheckContext } from '../context.js';
import type { Check, Severity } from '../types.js';

interface Forgery {
  name: string;
  title: string;
  severity: Severity;
  why: string;
  /** The bytes to send and the signature header (null: none) for a valid CREDIT body. */
  forge(body: TokenExchangeBody, secret: string): { bytes: string; signature: string | null };
}

const compact = (body: object) => JSON.stringify(body);

const FORGERIES: Forgery[] = [
  {
    name: 'missing',
    title: 'No X-REQUEST-SIGNATURE header is 401',
    severity: 'critical',
    why: 'Without the header check anyone who can reach the wallet can credit any player.',
    forge: (body) => ({ bytes: compact(body), signature: null }),
  },
  {
    name: 'wrong-secret',
    title: 'A signature made with another secret is 401',
    severity: 'critical',
    why: 'A wallet that only checks the header is present (or its format) trusts anyone who has seen one request.',
    forge: (body, secret) => ({ bytes: compact(body), signature: signBody(`not-${secret}`, compact(body)) }),
  },
  {
    name: 'tampered-body',
    title: 'A valid signature over amount 10 sent with amount 1000 is 401',
    severity: 'critical',
    why: 'A signature that is not checked against the body lets a man in the middle rewrite the amount.',
    forge: (body, secret) => ({ bytes: compact({ ...body, amount: 1000, tokenAmount: 1010.1 }), signature: signBody(secret, compact(body)) }),
  },
  {
    name: 'reordered-keys',
    title: 'A signature over the same JSON with keys sorted is 401 (signature over different bytes)',
    severity: 'high',
    why: 'The signature is over the exact bytes; a wallet that canonicalises JSON before verifying accepts bytes nobody signed.',
    forge: (body, secret) => ({ bytes: compact(body), signature: signBody(secret, compact(sortedKeys(body))) }),
  },
  {
    name: 'whitespace-added',
    title: 'A signature over the compact body sent pretty-printed is 401',
    severity: 'high',
    why: 'A wallet that re-serialises the parsed body before verifying accepts bytes nobody signed, and rejects Trueplay\'s real formatting.',
    forge: (body, secret) => ({ bytes: JSON.stringify(body, null, 2), signature: signBody(secret, compact(body)) }),
  },
  {
    name: 'uppercase-md5',
    title: 'A signature over the UPPERCASE hex MD5 is 401',
    severity: 'medium',
    why: 'The scheme is HMAC over the lowercase hex MD5; accepting either case means the verifier is not the scheme Trueplay uses, and will drift from it.',
    forge: (body, secret) => {
      const upper = createHash('md5').update(compact(body)).digest('hex').toUpperCase();
      return { bytes: compact(body), signature: createHmac('sha512', secret).update(upper).digest('base64') };
    },
  },
  {
    name: 'empty-body',
    title: 'An empty body carrying a real body\'s signature is 401',
    severity: 'high',
    why: 'A verifier that skips empty bodies, or parses before it verifies, answers unauthenticated callers with details of the contract.',
    forge: (body, secret) => ({ bytes: '', signature: signBody(secret, compact(body)) }),
  },
];

async function expectForgeryRefused(ctx: CheckContext, forgery: Forgery): Promise<void> {
  const player = await ctx.seedPlayer('100');
  const { bytes, signature } = forgery.forge(ctx.exchangeBody(player, 'CREDIT', '10'), ctx.target.secret);
  const reply = await ctx.tokenExchange(bytes, { label: `CREDIT 10, signature ${forgery.name}`, signature });
  ctx.expectRefused(reply, `a Token Exchange with signature ${forgery.name}`, { status: 401, code: 'INVALID_SIGNATURE' });
  if (forgery.name === 'missing') {
    const balance = await ctx.balance(balanceBody(ctx.target.operatorId, player), { label: 'balance without a signature', signature: null });
    ctx.expectRefused(balance, 'a balance call without a signature', { status: 401, code: 'INVALID_SIGNATURE' });
  }
  await ctx.expectBalance(player, '100', 'after the forged call');
}

export const signatureChecks: Check[] = [
  ...FORGERIES.map((forgery): Check => ({
    id: `signature.${forgery.name}`,
    family: 'signature',
    title: forgery.title,
    severity: forgery.severity,
    why: forgery.why,
    run: (ctx) => expectForgeryRefused(ctx, forgery),
  })),
  {
    id: 'signature.exact-bytes-accepted',
    family: 'signature',
    title: 'A correctly signed body in another key order and layout is accepted',
    severity: 'high',
    why: 'Trueplay signs the bytes it sends, whatever their layout; a wallet that verifies a re-serialised body refuses genuine calls.',
    async run(ctx) {
      const player = await ctx.seedPlayer('100');
      const bytes = JSON.stringify(sortedKeys(ctx.exchangeBody(player, 'CREDIT', '10')), null, 1);
      ctx.expectAnsweredBalance(
        ctx.expectOk(await ctx.tokenExchange(bytes, { label: 'CREDIT 10, keys sorted, pretty-printed, signed over those bytes' }), 'tokenExchange', 'a re-formatted, correctly signed CREDIT'),
        '110',
        'the re-formatted CREDIT',
      );
    },
  },
];
