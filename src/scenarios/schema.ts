/**
 * The scenario file format as a zod schema: the one definition behind the loader's checks, the TypeScript types
 * and scenarios/scenario.schema.json (which editors use to autocomplete). Steps are built from the step-kind table.
 */
import { z } from 'zod';
import { VALIDATION_MODES } from '../domain/validation.js';
import { JOURNAL_DIRECTIONS } from '../store/journal-store.js';
import { campaignFields } from './steps/control.js';
import { stepKinds } from './steps/index.js';
import { currency, int, isoTime, num, operatorUserId, text } from './steps/values.js';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'a name of letters, digits, _ and -, starting with a letter or _');

const statusExpectation = z
  .union([z.number().int(), z.array(z.number().int()).min(1), z.enum(['2xx', '3xx', '4xx', '5xx'])])
  .describe('the HTTP status: a number, a list of allowed ones, or a class like 4xx (default: 2xx)');

const balances = (what: string) =>
  z
    .record(z.string(), z.union([num(), z.null()]))
    .describe(`${what} after the step, by operatorUserId (keys may be \${...}); null: no such player`);

export const journalExpectation = z
  .strictObject({
    scope: z.enum(['step', 'scenario']).describe('entries of this step only (default), or of the whole run so far').optional(),
    direction: z.enum(JOURNAL_DIRECTIONS).optional(),
    method: text().optional(),
    path: text('the path; * matches any run of characters but /, ** anything; the query is ignored unless the pattern has one').optional(),
    status: z.union([z.number().int(), z.null()]).describe('null: no answer came').optional(),
    requestBody: z.unknown().describe('a subset the request body must match').optional(),
    responseBody: z.unknown().describe('a subset the response body must match').optional(),
    count: z
      .union([int(), z.strictObject({ $gt: z.number().optional(), $gte: z.number().optional(), $lt: z.number().optional(), $lte: z.number().optional() })])
      .describe('exactly this many entries match, or a range like {$gte: 3} (default: at least one)')
      .optional(),
  })
  .describe('journal entries that must exist: the ones matching every given field are counted')
  .meta({ id: 'JournalExpectation' });

export const expectation = z
  .strictObject({
    status: statusExpectation.optional(),
    body: z
      .unknown()
      .describe('a subset the response body must match: objects may have more keys, arrays match item by item; matchers: {$type}, {$regex}, {$absent: true}, {$contains}, {$unordered: [...]}, {$length}, {$gte}, {$lte}, {$any: true}')
      .optional(),
    text: text('a string the raw response body must contain').optional(),
    tokenBalance: balances('Trueplay token balances').optional(),
    casinoBalance: balances('wallet (casino) balances').optional(),
    journal: z.array(journalExpectation).optional(),
    warnings: z
      .array(text())
      .describe("the warnings the step's calls were accepted with, by code (GET /sandbox/rules lists them): [] for none, or exactly these codes")
      .optional(),
  })
  .describe('what must come out of the step')
  .meta({ id: 'Expectation' });

const commonStepFields = {
  id: identifier.describe('a name for later references: ${steps.<id>.response…}').optional(),
  name: text('what this step shows, for people reading the file or the report').optional(),
  operator: identifier.describe('act as this operator from setup.operators (default: setup.operator, or the demo operator)').optional(),
  expect: expectation.optional(),
};

/** One strict object per step kind: `{<kind>: params, id?, name?, operator?, expect?}`. */
export const stepSchemas: Record<string, z.ZodType> = Object.fromEntries(
  Object.entries(stepKinds).map(([kind, def]) => [
    kind,
    z.strictObject({ [kind]: def.params, ...commonStepFields }).describe(`${kind}: ${def.summary}`),
  ]),
);

export const stepSchema = z.union(Object.values(stepSchemas) as [z.ZodType, z.ZodType, ...z.ZodType[]]);

export const operatorSettings = z
  .strictObject({
    name: text().optional(),
    apiKey: text('generated when absent').optional(),
    secretKey: text("defaults to the target's demo secret, so the fake wallet accepts its calls").optional(),
    callbackBaseUrl: text('defaults to the fake wallet').optional(),
    balancePath: text().optional(),
    tokenExchangePath: text().optional(),
    playerEventPath: text().optional(),
    playerEventsEnabled: z.boolean().optional(),
    currency: currency.optional(),
    exchangeRate: num('currency units per token (default 1)').optional(),
    withdrawalFeePercent: num('default 1').optional(),
    purchaseFeePercent: num('default 0').optional(),
    playToEarnPercent: num('Play to Earn: percent of each real-money BET paid in tokens (default 0.1; 0 = off)').optional(),
    holdToEarn: z
      .strictObject({ periods: z.strictObject({ PT8H: num(), P1D: num(), P3D: num() }), maxStakePerUser: num() })
      .describe('Hold to Earn: reward percent per stake period, and tokens one user may hold staked (default 0.05 / 0.2 / 0.75 %, 5,000)')
      .optional(),
    validation: z
      .enum(VALIDATION_MODES)
      .describe("documented (default): Trueplay's documented rules are refused; lenient: accepted, with a warning")
      .optional(),
  })
  .describe('an operator added with POST /sandbox/operators')
  .meta({ id: 'OperatorSettings' });

const setupCampaign = z
  .strictObject({ ...campaignFields, operator: identifier.describe('the operator it belongs to (default: the scenario\'s)').optional() })
  .describe('a campaign created before the steps; its wire form is ${campaigns.<key>}');

const setupPlayer = z
  .strictObject({
    operatorUserId,
    balance: num('the casino balance in the wallet'),
    currency: currency.optional(),
  })
  .describe('a wallet player seeded before the steps');

export const setupSchema = z
  .strictObject({
    clock: isoTime.describe('freeze the sandbox clock here first: any instant, past or future (the run starts on a fresh sandbox)').optional(),
    operator: operatorSettings.describe('settings of the scenario\'s own operator (added; every step acts as it). Absent: the demo operator').optional(),
    operators: z.record(identifier, operatorSettings).describe('more operators, by name, for steps with `operator: <name>`').optional(),
    campaigns: z.record(identifier, setupCampaign).optional(),
    players: z.array(setupPlayer).optional(),
  })
  .describe('what exists before the first step');

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1).describe('the rule or flow this file shows'),
    description: z.string().optional(),
    seed: z.union([z.number().int(), z.string()]).describe('faker seed: the same seed gives the same generated values').optional(),
    vars: z
      .record(identifier, z.unknown())
      .describe('values computed once, in order, before the steps (may use ${faker.…} and earlier vars): ${vars.<name>}')
      .optional(),
    setup: setupSchema.optional(),
    steps: z.array(stepSchema).min(1),
  })
  .meta({
    title: 'trueplay-sandbox scenario',
    description: 'A scenario file: set up both sides of a Trueplay integration, play ordered steps, and state what must come out.',
  });

export type ScenarioFile = z.infer<typeof scenarioSchema>;
export type Expectation = z.infer<typeof expectation>;
export type JournalExpectation = z.infer<typeof journalExpectation>;
export type OperatorSettings = z.infer<typeof operatorSettings>;
export type SetupSchema = z.infer<typeof setupSchema>;

/** A step after loading: its kind, parameters and common fields. */
export interface ScenarioStep {
  kind: string;
  params: unknown;
  id?: string;
  name?: string;
  operator?: string;
  expect?: Expectation;
  /** 1-based line in the file, for reports. */
  line?: number;
}

/** The JSON Schema editors use (scenarios/scenario.schema.json). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
}
