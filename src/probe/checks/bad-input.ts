/**
 * Bad input, correctly signed. Each case says what the contract needs: `refuse` (the call cannot be carried out as
 * Trueplay meant it, so it must be a 4xx with an error body and move nothing) or `ifAccepted` (a field the wallet need
 * not read is off: accepting it is allowed, as long as exactly that move happens). The contract check of a group sends
 * every case (never a 5xx or a hang, never a wrong move); its hardening twin advises refusing the `ifAccepted` ones too.
 */
import { Decimal } from '../../domain/money.js';
import { balanceBody, type TokenExchangeBody } from '../bodies.js';
import type { CheckContext } from '../context.js';
import { isErrorBody, summarize } from '../expect.js';
import type { Check, Harm } from '../types.js';

interface BadCase {
  label: string;
  endpoint: 'exchange' | 'balance';
  /** An object is sent as compact JSON; a string or bytes exactly as given. */
  body: unknown;
  /** 'refuse', or the signed change of the seeded player's balance a wallet that accepts the call must make. */
  need: 'refuse' | { ifAccepted: string };
}

/** `fresh()` is a valid CREDIT of 10 for the seeded player with a new id, so no case hides behind an earlier one's answer. */
type CaseMaker = (fresh: () => TokenExchangeBody, player: string, operatorId: number) => BadCase[];

const without = (body: object, key: string) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));
const refuse = (endpoint: BadCase['endpoint']) => (label: string, body: unknown): BadCase => ({ label, endpoint, body, need: 'refuse' });
const mayAccept = (endpoint: BadCase['endpoint'], move: string) => (label: string, body: unknown): BadCase => ({ label, endpoint, body, need: { ifAccepted: move } });
/** A Token Exchange that must be refused; one that may be accepted as the CREDIT of 10 it still is (or another move). */
const mustRefuse = refuse('exchange');
const mayCredit10 = mayAccept('exchange', '10');
/** Splices raw JSON text in for one field, for values JSON.stringify cannot write (NaN, 1e400). */
const withRawValue = (body: TokenExchangeBody, key: string, raw: string) => JSON.stringify({ ...body, [key]: '__RAW__' }).replace('"__RAW__"', raw);

/** The body with its fresh id padded to `length` characters: still unique, so no other check's call answers for it. */
const padId = (body: TokenExchangeBody, length: number) => ({ ...body, id: body.id.padEnd(length, 'x') });

const isStatus = (status: number | null, from: number, to: number) => status !== null && status >= from && status <= to;

async function sendCases(ctx: CheckContext, makeCases: CaseMaker, judge: 'contract' | 'hardening'): Promise<void> {
  const player = await ctx.seedPlayer('100');
  const fresh = () => ctx.exchangeBody(player, 'CREDIT', '10');
  let expected = new Decimal(100);
  const cases = makeCases(fresh, player, ctx.target.operatorId).filter((c) => judge === 'contract' || c.need !== 'refuse');
  for (const badCase of cases) {
    const body = typeof badCase.body === 'string' || badCase.body instanceof Uint8Array ? badCase.body : JSON.stringify(badCase.body);
    const send = badCase.endpoint === 'exchange' ? ctx.tokenExchange.bind(ctx) : ctx.balance.bind(ctx);
    const reply = await send(body, { label: badCase.label });
    const { need, label } = badCase;
    // It stopped reading the body and hung up: a refusal of it (nothing it never read can move money; the balance at the
    // end says). Its answer, a 413 as often as not, may or may not reach the probe before its close's reset does, so
    // the verdict must not depend on which: the exchange in the report says what happened.
    if (reply.bodyCutOff) continue;
    if (judge === 'hardening') {
      ctx.expect(isStatus(reply.status, 400, 499) && isErrorBody(reply.json), `${label}: accepted rather than refused with a 4xx and an error body (${summarize(reply)})`);
    } else if (need === 'refuse') {
      // Honouring a Token Exchange that cannot be what Trueplay meant moves money; a balance answer for it misleads.
      ctx.expectRefused(reply, label, badCase.endpoint === 'exchange' ? 'money-moves-wrongly' : 'flow-breaks');
    } else if (isStatus(reply.status, 200, 299)) {
      // Accepted: allowed, if exactly its move happens (the balance at the end says). The answer's form is not judged:
      // the openapi limits (an id's length, say) are the sandbox's, and Trueplay never sends such a call.
      if (badCase.endpoint === 'exchange') expected = expected.plus(need.ifAccepted);
    } else {
      ctx.expect(isStatus(reply.status, 400, 499), `${label}: expected a 4xx or an accepted call, got ${summarize(reply)}; a 5xx or no answer makes Trueplay retry a call that can never succeed`, 'flow-breaks');
    }
  }
  if (judge === 'contract') await ctx.expectBalance(player, expected, 'after every bad call (each accepted one moving exactly its amount)');
}

interface Group {
  name: string;
  title: string;
  harm: Harm;
  basisReason: string;
  why: string;
  cases: CaseMaker;
  /** The hardening twin for the cases a wallet may accept; none when every case must be refused. */
  strict?: { name: string; title: string; harm: Harm; basisReason: string; why: string };
}

function checksOf(group: Group): Check[] {
  const contract: Check = {
    id: `bad-input.${group.name}`,
    family: 'bad-input',
    title: group.title,
    basis: 'contract',
    basisReason: group.basisReason,
    harm: group.harm,
    why: group.why,
    run: (ctx) => sendCases(ctx, group.cases, 'contract'),
  };
  if (!group.strict) return [contract];
  const { strict } = group;
  return [contract, { id: `bad-input.${strict.name}`, family: 'bad-input', title: strict.title, basis: 'hardening', basisReason: strict.basisReason, harm: strict.harm, why: strict.why, run: (ctx) => sendCases(ctx, group.cases, 'hardening') }];
}

const NEEDED_FIELDS = ['id', 'action', 'amount', 'operatorUserId'];
const UNREAD_FIELDS = ['currency', 'exchangeRate', 'tokenAmount', 'operatorId'];

const GROUPS: Group[] = [
  {
    name: 'missing-fields',
    title: 'A call missing a field the exchange needs (id, action, amount, operatorUserId) is a 4xx; no missing field crashes it or moves money wrongly',
    harm: 'money-moves-wrongly',
    basisReason: 'Reference §2b: id (idempotency), action (direction), amount (what moves) and operatorUserId (whose money) decide the exchange; bad input is a 4xx with an error body and a 5xx is a defect (§2).',
    why: 'A missing amount read as undefined or 0, or a missing id that disables idempotency, corrupts the ledger instead of failing loudly.',
    cases: (fresh, player, operatorId) => [
      ...NEEDED_FIELDS.map((key) => mustRefuse(`Token Exchange without ${key}`, without(fresh(), key))),
      ...UNREAD_FIELDS.map((key) => mayCredit10(`Token Exchange without ${key}`, without(fresh(), key))),
      mustRefuse('Token Exchange {}', {}),
      refuse('balance')('balance without operatorUserId', without(balanceBody(operatorId, player), 'operatorUserId')),
      mayAccept('balance', '0')('balance without operatorId', without(balanceBody(operatorId, player), 'operatorId')),
    ],
    strict: {
      name: 'strict-fields',
      title: 'Fields a wallet need not read (currency, exchangeRate, tokenAmount, operatorId) are still required',
      harm: 'convention',
      basisReason: 'Trueplay always sends these fields, so a wallet that does not read them loses nothing by accepting a call without them.',
      why: 'Requiring every field Trueplay sends catches a misconfigured sender (or a second operator) early.',
    },
  },
  {
    name: 'wrong-types',
    title: 'Fields of the wrong JSON type never crash the wallet or move money wrongly; a body that is not an object is a 4xx',
    harm: 'money-moves-wrongly',
    basisReason: 'Reference §2: bad input is a 4xx with an error body and a 5xx is a defect; a coerced value that is accepted must still move exactly the amount.',
    why: 'A body that is an array or null must not crash the handler into a 5xx that Trueplay retries forever, and "10" + 100 must not become "10010".',
    cases: (fresh, player, operatorId) => [
      mayCredit10('amount as a string "10"', { ...fresh(), amount: '10' }),
      mayCredit10('tokenAmount as a string', { ...fresh(), tokenAmount: '10.1' }),
      mayCredit10('exchangeRate as a string', { ...fresh(), exchangeRate: '1' }),
      mayCredit10('operatorId as a string', { ...fresh(), operatorId: String(operatorId) }),
      mayCredit10('operatorId 1.5', { ...fresh(), operatorId: 1.5 }),
      // A random number, so no other check (or run) has used it as an id.
      mayCredit10('id as a number', { ...fresh(), id: 1e9 + Math.floor(Math.random() * 1e9) }),
      mayCredit10('currency as a number', { ...fresh(), currency: 840 }),
      mustRefuse('operatorUserId as an object', { ...fresh(), operatorUserId: { id: player } }),
      mustRefuse('action as a boolean', { ...fresh(), action: true }),
      mustRefuse('the body is an array', [fresh()]),
      mustRefuse('the body is a string', JSON.stringify('CREDIT')),
      mustRefuse('the body is null', 'null'),
      mustRefuse('the body is a number', '10'),
      refuse('balance')('balance with operatorUserId as an object', { operatorId, operatorUserId: { id: player } }),
      mayAccept('balance', '0')('balance with operatorId as a string', { operatorId: String(operatorId), operatorUserId: player }),
    ],
    strict: {
      name: 'strict-types',
      title: 'Fields of the wrong JSON type are refused, not coerced',
      harm: 'convention',
      basisReason: 'Trueplay sends each field in its documented type; coercing a value it never sends loses nothing, refusing it is good practice.',
      why: 'Coercing "10" or "1" hides a broken sender that will one day send something coercion gets wrong.',
    },
  },
  {
    name: 'bad-amounts',
    title: 'Negative, zero and non-finite amounts are a 4xx and move nothing (a CREDIT of -50 must not take money)',
    harm: 'money-moves-wrongly',
    basisReason: 'Reference §1, §2c: `amount` is what the player pays or receives for tokens, always positive; a negative CREDIT is a DEBIT nobody asked for.',
    why: 'A negative CREDIT is a DEBIT in disguise (and the reverse); NaN and Infinity poison a balance for good; a parser that accepts NaN turns comparisons false.',
    cases: (fresh) => [
      mustRefuse('CREDIT of -50', { ...fresh(), amount: -50, tokenAmount: 50.51 }),
      mustRefuse('DEBIT of -10', { ...fresh(), action: 'DEBIT', amount: -10, tokenAmount: 10 }),
      mustRefuse('an exchange of 0 tokens for 0', { ...fresh(), amount: 0, tokenAmount: 0 }),
      mustRefuse('amount "NaN"', { ...fresh(), amount: 'NaN' }),
      mustRefuse('amount "Infinity"', { ...fresh(), amount: 'Infinity' }),
      mustRefuse('amount null', { ...fresh(), amount: null }),
      mustRefuse('amount NaN (bare, not JSON)', withRawValue(fresh(), 'amount', 'NaN')),
      mustRefuse('amount Infinity (bare, not JSON)', withRawValue(fresh(), 'amount', 'Infinity')),
      mustRefuse('amount 1e400 (overflows to Infinity)', withRawValue(fresh(), 'amount', '1e400')),
      mayCredit10('tokenAmount -10', { ...fresh(), tokenAmount: -10 }),
      mayCredit10('exchangeRate 0', { ...fresh(), exchangeRate: 0 }),
      mayAccept('exchange', '10.123456789')('amount with 9 decimals (10.123456789)', { ...fresh(), amount: 10.123456789 }),
    ],
    strict: {
      name: 'strict-amounts',
      title: 'Impossible token amounts and rates, and amounts beyond 8 decimals, are refused',
      harm: 'exposure',
      basisReason: 'A wallet moves `amount`; it need not read tokenAmount or exchangeRate, and the 8-decimal limit is the sandbox\'s decision, not Trueplay\'s.',
      why: 'A body whose token amount or rate is impossible was not computed by Trueplay; refusing it closes a door a future bug could walk through.',
    },
  },
  {
    name: 'unknown-action',
    title: 'An action other than CREDIT or DEBIT is a 4xx; a variant that is accepted moves money the way it names',
    harm: 'money-moves-wrongly',
    basisReason: 'Reference §1: `action` is CREDIT or DEBIT; anything else cannot be carried out as Trueplay meant it.',
    why: 'A wallet that treats "anything but CREDIT" as DEBIT (or the reverse) moves money the wrong way when Trueplay adds an action.',
    cases: (fresh) => [
      ...['REFUND', 'ROLLBACK', ''].map((action) => mustRefuse(`action ${JSON.stringify(action)}`, { ...fresh(), action })),
      mayCredit10('action "credit"', { ...fresh(), action: 'credit' }),
      mayAccept('exchange', '-10')('action "Debit"', { ...fresh(), action: 'Debit' }),
      mayAccept('exchange', '-10')('action "DEBIT " (trailing space)', { ...fresh(), action: 'DEBIT ' }),
    ],
    strict: {
      name: 'strict-actions',
      title: 'Actions in another case or with spaces are refused',
      harm: 'convention',
      basisReason: 'Trueplay sends CREDIT and DEBIT exactly; reading "credit" as CREDIT loses nothing, but exact matching is the reference\'s form.',
      why: 'Exact matching makes a sender bug visible instead of letting it through on a guess.',
    },
  },
  {
    name: 'oversized-strings',
    title: 'Huge ids, player ids and currencies (10 kB to 1 MiB) never crash the wallet or credit an unknown player',
    harm: 'flow-breaks',
    basisReason: 'Reference §2: bad input is a 4xx with an error body and a 5xx is a defect; Trueplay documents no length limits, so accepting a long id is allowed.',
    why: 'A column narrower than the value, or a body read whole into memory, turns an oversized field into a 5xx or an outage.',
    cases: (fresh, _player, operatorId) => [
      mayCredit10('id of 10 000 characters', padId(fresh(), 10_000)),
      mayCredit10('currency of 1 000 characters', { ...fresh(), currency: 'U'.repeat(1_000) }),
      mayCredit10('id of 1 MiB', padId(fresh(), 1024 * 1024)),
      mustRefuse('operatorUserId of 10 000 characters (no such player)', { ...fresh(), operatorUserId: 'p'.repeat(10_000) }),
      refuse('balance')('balance of an operatorUserId of 10 000 characters (no such player)', { operatorId, operatorUserId: 'p'.repeat(10_000) }),
    ],
    strict: {
      name: 'length-limits',
      title: 'Ids and currencies far longer than any real one are refused',
      harm: 'exposure',
      basisReason: 'Trueplay documents no length limits, so a limit is the wallet\'s own choice; having one bounds memory and storage per call.',
      why: 'A limit checked before storing bounds what a buggy or hostile sender can make the wallet store or hold in memory.',
    },
  },
  {
    name: 'malformed-json',
    title: 'Bodies that are not JSON (truncated, single quotes, trailing garbage, bad UTF-8, form data) are a 4xx',
    harm: 'flow-breaks',
    basisReason: 'Reference §2: all bodies are JSON, bad input is a 4xx with an error body and a 5xx is a defect.',
    why: 'A parser exception that escapes as a 5xx makes Trueplay retry a call that can never succeed.',
    cases: (fresh) => {
      const text = () => JSON.stringify(fresh());
      const badUtf8 = () => {
        const body = fresh();
        const [head, tail] = JSON.stringify({ ...body, operatorUserId: '__BYTES__' }).split('__BYTES__') as [string, string];
        return Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(tail)]);
      };
      return [
        mustRefuse('truncated JSON', text().slice(0, -12)),
        mustRefuse('single-quoted keys', text().replaceAll('"', "'")),
        mustRefuse('a trailing comma', `${text().slice(0, -1)},}`),
        mustRefuse('trailing garbage', `${text()}xyz`),
        mustRefuse('two objects', `${text()}${text()}`),
        mustRefuse('invalid UTF-8 in operatorUserId', badUtf8()),
        mustRefuse('form-encoded instead of JSON', `id=${fresh().id}&action=CREDIT&amount=10`),
      ];
    },
  },
];

export const badInputChecks: Check[] = [
  ...GROUPS.slice(0, 4).flatMap(checksOf),
  {
    id: 'bad-input.unknown-player',
    family: 'bad-input',
    title: 'An unknown player is refused (a 4xx with an error body), and a CREDIT does not create it',
    basis: 'contract',
    basisReason: 'Reference §2b: the wallet answers for its own players; §2 refuses an unknown user with a 4xx. Crediting a player nobody has strands the money.',
    harm: 'money-moves-wrongly',
    why: 'Creating players on the fly from a signed call, or answering 200 with balance 0, hides a mapping bug and strands the money.',
    async run(ctx) {
      const stranger = ctx.freshId('player');
      const balanceOfStranger = () => balanceBody(ctx.target.operatorId, stranger);
      ctx.expectRefused(await ctx.balance(balanceOfStranger(), { label: 'balance of an unknown player' }), 'the balance of an unknown player', 'flow-breaks');
      ctx.expectRefused(await ctx.tokenExchange(ctx.exchangeBody(stranger, 'CREDIT', '10'), { label: 'CREDIT 10 to an unknown player' }), 'a CREDIT to an unknown player');
      ctx.expectRefused(await ctx.tokenExchange(ctx.exchangeBody(stranger, 'DEBIT', '10'), { label: 'DEBIT 10 from an unknown player' }), 'a DEBIT from an unknown player');
      ctx.expectRefused(await ctx.balance(balanceOfStranger(), { label: 'balance of the unknown player again', purpose: 'verify' }), 'the unknown player after the CREDIT (was it created?)');
    },
  },
  ...GROUPS.slice(4).flatMap(checksOf),
];
