/** Bad input, correctly signed: every case is a 4xx with an error body, never a 5xx, and no money moves. */
import { balanceBody, type TokenExchangeBody } from '../bodies.js';
import type { CheckContext } from '../context.js';
import type { Check, Severity } from '../types.js';

interface BadCase {
  label: string;
  endpoint: 'exchange' | 'balance';
  /** An object is sent as compact JSON; a string or bytes exactly as given. */
  body: unknown;
  expected?: { status?: number; code?: string };
}

/** `fresh()` is a valid CREDIT of 10 for the seeded player with a new id, so no case hides behind an earlier one's answer. */
type CaseMaker = (fresh: () => TokenExchangeBody, player: string, operatorId: number) => BadCase[];

const without = (body: object, key: string) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));
const exchange = (label: string, body: unknown): BadCase => ({ label, endpoint: 'exchange', body });
const balance = (label: string, body: unknown): BadCase => ({ label, endpoint: 'balance', body });
/** Splices raw JSON text in for one field, for values JSON.stringify cannot write (NaN, 1e400). */
const withRawValue = (body: TokenExchangeBody, key: string, raw: string) => JSON.stringify({ ...body, [key]: '__RAW__' }).replace('"__RAW__"', raw);

async function expectAllRefused(ctx: CheckContext, makeCases: CaseMaker): Promise<void> {
  const player = await ctx.seedPlayer('100');
  const fresh = () => ctx.exchangeBody(player, 'CREDIT', '10');
  for (const badCase of makeCases(fresh, player, ctx.target.operatorId)) {
    const body = typeof badCase.body === 'string' || badCase.body instanceof Uint8Array ? badCase.body : JSON.stringify(badCase.body);
    const send = badCase.endpoint === 'exchange' ? ctx.tokenExchange.bind(ctx) : ctx.balance.bind(ctx);
    const reply = await send(body, { label: badCase.label });
    ctx.expectRefused(reply, badCase.label, badCase.expected);
  }
  await ctx.expectBalance(player, '100', 'after every bad call');
}

function badInputCheck(name: string, title: string, severity: Severity, why: string, makeCases: CaseMaker): Check {
  return { id: `bad-input.${name}`, family: 'bad-input', title, severity, why, run: (ctx) => expectAllRefused(ctx, makeCases) };
}

const EXCHANGE_FIELDS = ['id', 'action', 'amount', 'currency', 'exchangeRate', 'tokenAmount', 'operatorId', 'operatorUserId'];

export const badInputChecks: Check[] = [
  badInputCheck(
    'missing-fields',
    'A call missing any required field is a 4xx',
    'high',
    'A missing amount read as undefined or 0, or a missing id that disables idempotency, corrupts the ledger instead of failing loudly.',
    (fresh, player, operatorId) => [
      ...EXCHANGE_FIELDS.map((key) => exchange(`Token Exchange without ${key}`, without(fresh(), key))),
      exchange('Token Exchange {}', {}),
      balance('balance without operatorUserId', without(balanceBody(operatorId, player), 'operatorUserId')),
      balance('balance without operatorId', without(balanceBody(operatorId, player), 'operatorId')),
    ],
  ),
  badInputCheck(
    'wrong-types',
    'Fields of the wrong JSON type are a 4xx, not coerced',
    'high',
    'Coercing "10" or "1" hides a broken sender; a body that is an array or null must not crash the handler into a 5xx that Trueplay retries forever.',
    (fresh, player, operatorId) => [
      exchange('amount as a string "10"', { ...fresh(), amount: '10' }),
      exchange('tokenAmount as a string', { ...fresh(), tokenAmount: '10.1' }),
      exchange('exchangeRate as a string', { ...fresh(), exchangeRate: '1' }),
      exchange('operatorId as a string', { ...fresh(), operatorId: String(operatorId) }),
      exchange('operatorId 1.5', { ...fresh(), operatorId: 1.5 }),
      exchange('id as a number', { ...fresh(), id: 12345 }),
      exchange('operatorUserId as an object', { ...fresh(), operatorUserId: { id: player } }),
      exchange('action as a boolean', { ...fresh(), action: true }),
      exchange('currency as a number', { ...fresh(), currency: 840 }),
      exchange('the body is an array', [fresh()]),
      exchange('the body is a string', JSON.stringify('CREDIT')),
      exchange('the body is null', 'null'),
      exchange('the body is a number', '10'),
      balance('balance with operatorUserId as a number', { operatorId, operatorUserId: 12345 }),
      balance('balance with operatorId as a string', { operatorId: String(operatorId), operatorUserId: player }),
    ],
  ),
  badInputCheck(
    'bad-amounts',
    'Negative, zero, NaN-like and over-precise amounts are a 4xx and move nothing',
    'critical',
    'A negative CREDIT is a DEBIT in disguise (and the reverse); NaN and Infinity poison a balance for good; a parser that accepts NaN turns comparisons false.',
    (fresh) => [
      exchange('CREDIT of -10', { ...fresh(), amount: -10, tokenAmount: 10.1 }),
      exchange('DEBIT of -10', { ...fresh(), action: 'DEBIT', amount: -10, tokenAmount: 10 }),
      exchange('an exchange of 0 tokens for 0', { ...fresh(), amount: 0, tokenAmount: 0 }),
      exchange('tokenAmount -10', { ...fresh(), tokenAmount: -10 }),
      exchange('exchangeRate 0', { ...fresh(), exchangeRate: 0 }),
      exchange('amount "NaN"', { ...fresh(), amount: 'NaN' }),
      exchange('amount "Infinity"', { ...fresh(), amount: 'Infinity' }),
      exchange('amount null', { ...fresh(), amount: null }),
      exchange('amount NaN (bare, not JSON)', withRawValue(fresh(), 'amount', 'NaN')),
      exchange('amount Infinity (bare, not JSON)', withRawValue(fresh(), 'amount', 'Infinity')),
      exchange('amount 1e400 (overflows to Infinity)', withRawValue(fresh(), 'amount', '1e400')),
      exchange('amount with 9 decimals (10.123456789)', { ...fresh(), amount: 10.123456789 }),
    ],
  ),
  badInputCheck(
    'unknown-action',
    'An action other than CREDIT or DEBIT is a 4xx',
    'high',
    'A wallet that treats "anything but CREDIT" as DEBIT (or the reverse) moves money the wrong way when Trueplay adds an action.',
    (fresh) => ['REFUND', 'ROLLBACK', 'credit', 'Debit', 'DEBIT ', ''].map((action) => exchange(`action ${JSON.stringify(action)}`, { ...fresh(), action })),
  ),
  {
    id: 'bad-input.unknown-player',
    family: 'bad-input',
    title: 'An unknown player is 404 USER_NOT_FOUND, and a CREDIT does not create it',
    severity: 'medium',
    why: 'Creating players on the fly from a signed call, or answering 200 with balance 0, hides a mapping bug and strands the money.',
    async run(ctx) {
      const stranger = ctx.freshId('player');
      const notFound = { status: 404, code: 'USER_NOT_FOUND' };
      const balanceOfStranger = () => balanceBody(ctx.target.operatorId, stranger);
      ctx.expectRefused(await ctx.balance(balanceOfStranger(), { label: 'balance of an unknown player' }), 'the balance of an unknown player', notFound);
      ctx.expectRefused(await ctx.tokenExchange(ctx.exchangeBody(stranger, 'CREDIT', '10'), { label: 'CREDIT 10 to an unknown player' }), 'a CREDIT to an unknown player', notFound);
      ctx.expectRefused(await ctx.tokenExchange(ctx.exchangeBody(stranger, 'DEBIT', '10'), { label: 'DEBIT 10 from an unknown player' }), 'a DEBIT from an unknown player', notFound);
      ctx.expectRefused(await ctx.balance(balanceOfStranger(), { label: 'balance of the unknown player again', purpose: 'verify' }), 'the unknown player after the CREDIT', notFound);
    },
  },
  badInputCheck(
    'oversized-strings',
    'Huge ids, player ids and currencies (10 kB to 1 MiB) are a 4xx',
    'medium',
    'A column narrower than the value, or a body read whole into memory, turns an oversized field into a 5xx or an outage.',
    (fresh, _player, operatorId) => [
      exchange('id of 10 000 characters', { ...fresh(), id: 'x'.repeat(10_000) }),
      exchange('operatorUserId of 10 000 characters', { ...fresh(), operatorUserId: 'p'.repeat(10_000) }),
      exchange('currency of 1 000 characters', { ...fresh(), currency: 'U'.repeat(1_000) }),
      exchange('id of 1 MiB', { ...fresh(), id: 'x'.repeat(1024 * 1024) }),
      balance('balance of an operatorUserId of 10 000 characters', { operatorId, operatorUserId: 'p'.repeat(10_000) }),
    ],
  ),
  badInputCheck(
    'malformed-json',
    'Bodies that are not JSON (truncated, single quotes, trailing garbage, bad UTF-8, form data) are a 4xx',
    'high',
    'A parser exception that escapes as a 5xx makes Trueplay retry a call that can never succeed.',
    (fresh) => {
      const text = () => JSON.stringify(fresh());
      const badUtf8 = () => {
        const body = fresh();
        const [head, tail] = JSON.stringify({ ...body, operatorUserId: '__BYTES__' }).split('__BYTES__') as [string, string];
        return Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(tail)]);
      };
      return [
        exchange('truncated JSON', text().slice(0, -12)),
        exchange('single-quoted keys', text().replaceAll('"', "'")),
        exchange('a trailing comma', `${text().slice(0, -1)},}`),
        exchange('trailing garbage', `${text()}xyz`),
        exchange('two objects', `${text()}${text()}`),
        exchange('invalid UTF-8 in operatorUserId', badUtf8()),
        exchange('form-encoded instead of JSON', `id=${fresh().id}&action=CREDIT&amount=10`),
      ];
    },
  ),
];
