/** X-REQUEST-SIGNATURE: only the exact bytes signed with the operator's secret may move money; everything else is 401. */
import { createHash, createHmac } from 'node:crypto';
import { signBody } from '../../signing/signature.js';
import { balanceBody, sortedKeys, type TokenExchangeBody } from '../bodies.js';
import type { CheckContext } from '../context.js';
import { summarize } from '../expect.js';
import type { Check, Harm } from '../types.js';

interface Forgery {
  name: string;
  title: string;
  /** Contract when honouring it would let a forger in; hardening when the bytes' content was signed and only the scheme is loose. */
  basis: Check['basis'];
  basisReason: string;
  harm: Harm;
  why: string;
  /** The bytes to send and the signature header (null: none) for a valid CREDIT body. */
  forge(body: TokenExchangeBody, secret: string): { bytes: string; signature: string | null };
}

const compact = (body: object) => JSON.stringify(body);

const FORGERIES: Forgery[] = [
  {
    name: 'missing',
    title: 'No X-REQUEST-SIGNATURE header is refused',
    basis: 'contract',
    basisReason: 'Reference §1, §2b: every call Trueplay makes is signed; an unsigned call is not from Trueplay.',
    harm: 'forged-call-honoured',
    why: 'Without the header check anyone who can reach the wallet can credit any player.',
    forge: (body) => ({ bytes: compact(body), signature: null }),
  },
  {
    name: 'wrong-secret',
    title: 'A signature made with another secret is refused',
    basis: 'contract',
    basisReason: 'Reference §1: the signature is an HMAC with the operator\'s secretKey; only its holder can make one.',
    harm: 'forged-call-honoured',
    why: 'A wallet that only checks the header is present (or its format) trusts anyone who has seen one request.',
    forge: (body, secret) => ({ bytes: compact(body), signature: signBody(`not-${secret}`, compact(body)) }),
  },
  {
    name: 'tampered-body',
    title: 'A valid signature over amount 10 sent with amount 1000 is refused',
    basis: 'contract',
    basisReason: 'Reference §1, §2b: the signature is over the raw body bytes sent; a changed body no longer matches it.',
    harm: 'forged-call-honoured',
    why: 'A signature that is not checked against the body lets a man in the middle rewrite the amount.',
    forge: (body, secret) => ({ bytes: compact({ ...body, amount: 1000, tokenAmount: 1010.1 }), signature: signBody(secret, compact(body)) }),
  },
  {
    name: 'reordered-keys',
    title: 'A signature over the same JSON with keys sorted is refused (signature over different bytes)',
    basis: 'hardening',
    basisReason: 'The content was signed, so nothing forged is honoured; but the documented scheme is over the exact bytes, and a verifier that is not will drift from it.',
    harm: 'exposure',
    why: 'The signature is over the exact bytes; a wallet that canonicalises JSON before verifying accepts bytes nobody signed.',
    forge: (body, secret) => ({ bytes: compact(body), signature: signBody(secret, compact(sortedKeys(body))) }),
  },
  {
    name: 'whitespace-added',
    title: 'A signature over the compact body sent pretty-printed is refused',
    basis: 'hardening',
    basisReason: 'The content was signed, so nothing forged is honoured; but the documented scheme is over the exact bytes (signature.exact-bytes-accepted is the contract side).',
    harm: 'exposure',
    why: 'A wallet that re-serialises the parsed body before verifying accepts bytes nobody signed, and rejects Trueplay\'s real formatting.',
    forge: (body, secret) => ({ bytes: JSON.stringify(body, null, 2), signature: signBody(secret, compact(body)) }),
  },
  {
    name: 'uppercase-md5',
    title: 'A signature over the UPPERCASE hex MD5 is refused',
    basis: 'hardening',
    basisReason: 'Making either case still needs the secret, so nothing forged is honoured; the documented scheme uses lowercase hex only.',
    harm: 'exposure',
    why: 'The scheme is HMAC over the lowercase hex MD5; accepting either case means the verifier is not the scheme Trueplay uses, and will drift from it.',
    forge: (body, secret) => {
      const upper = createHash('md5').update(compact(body)).digest('hex').toUpperCase();
      return { bytes: compact(body), signature: createHmac('sha512', secret).update(upper).digest('base64') };
    },
  },
  {
    name: 'empty-body',
    title: 'An empty body carrying a real body\'s signature is refused, not a 5xx',
    basis: 'contract',
    basisReason: 'Reference §2: bad input is a 4xx with an error body and a 5xx is a defect; an empty body can be refused as unsigned or as invalid, either way.',
    harm: 'flow-breaks',
    why: 'A verifier that skips empty bodies, or parses before it verifies, answers unauthenticated callers with details of the contract.',
    forge: (body, secret) => ({ bytes: '', signature: signBody(secret, compact(body)) }),
  },
];

async function expectForgeryRefused(ctx: CheckContext, forgery: Forgery): Promise<void> {
  const player = await ctx.seedPlayer('100');
  const { bytes, signature } = forgery.forge(ctx.exchangeBody(player, 'CREDIT', '10'), ctx.target.secret);
  const reply = await ctx.tokenExchange(bytes, { label: `CREDIT 10, signature ${forgery.name}`, signature });
  if (forgery.basis === 'contract') {
    ctx.expectRefused(reply, `a Token Exchange with signature ${forgery.name}`);
  } else {
    // Hardening: any refusal will do (which one is signature.refusal-code's business), but no 2xx and no 5xx.
    ctx.expect(reply.status !== null && reply.status >= 400 && reply.status < 500, `a Token Exchange with signature ${forgery.name}: expected it refused (a 4xx), got ${summarize(reply)}`);
  }
  if (forgery.name === 'missing') {
    const balance = await ctx.balance(balanceBody(ctx.target.operatorId, player), { label: 'balance without a signature', signature: null });
    // An unsigned balance call moves nothing but tells a stranger a player's balance: the flow's privacy breaks.
    ctx.expectRefused(balance, 'a balance call without a signature', 'flow-breaks');
  }
  // A hardening check does not judge money (the contract checks do); a contract one does.
  if (forgery.basis === 'contract') await ctx.expectBalance(player, '100', 'after the forged call');
}

/** The forgeries whose refusal the reference spells out as 401 INVALID_SIGNATURE. */
const REFUSAL_CODE_CASES: { label: string; forge: (body: TokenExchangeBody, secret: string) => { bytes: string; signature: string | null } }[] = [
  { label: 'no signature', forge: (body) => ({ bytes: compact(body), signature: null }) },
  { label: 'a signature with another secret', forge: (body, secret) => ({ bytes: compact(body), signature: signBody(`not-${secret}`, compact(body)) }) },
  { label: 'a signature over another body', forge: (body, secret) => ({ bytes: compact({ ...body, amount: 1000 }), signature: signBody(secret, compact(body)) }) },
];

export const signatureChecks: Check[] = [
  ...FORGERIES.map((forgery): Check => ({
    id: `signature.${forgery.name}`,
    family: 'signature',
    title: forgery.title,
    basis: forgery.basis,
    basisReason: forgery.basisReason,
    harm: forgery.harm,
    why: forgery.why,
    run: (ctx) => expectForgeryRefused(ctx, forgery),
  })),
  {
    id: 'signature.refusal-code',
    family: 'signature',
    title: 'A missing or wrong signature answers the reference\'s 401 INVALID_SIGNATURE',
    basis: 'hardening',
    basisReason: 'The reference names 401 INVALID_SIGNATURE, but Trueplay acts on the status class and the error body: another 4xx or code refuses the forgery just as well.',
    harm: 'convention',
    why: 'When a real call is refused for its signature (a rotated secret, a proxy that rewrites bodies), the reference\'s answer says so at once.',
    async run(ctx) {
      const player = await ctx.seedPlayer('100');
      for (const { label, forge } of REFUSAL_CODE_CASES) {
        const { bytes, signature } = forge(ctx.exchangeBody(player, 'CREDIT', '10'), ctx.target.secret);
        ctx.expectReferenceAnswer(await ctx.tokenExchange(bytes, { label: `CREDIT 10 with ${label}`, signature }), `a Token Exchange with ${label}`, { status: 401, code: 'INVALID_SIGNATURE' });
      }
    },
  },
  {
    id: 'signature.exact-bytes-accepted',
    family: 'signature',
    title: 'A correctly signed body in another key order and layout is accepted',
    basis: 'contract',
    basisReason: 'Reference §1, §2b: the signature is over the exact bytes sent, whatever their layout; Trueplay does not promise a key order or spacing.',
    harm: 'flow-breaks',
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
