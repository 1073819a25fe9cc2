/** Zod building blocks for step parameters: any value may also be a `${...}` expression filled in at run time. */
import { z } from 'zod';

const EXPRESSION = /\$\{[^}]+\}/;
const shown = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

/**
 * `schema`, or a string holding a `${...}` expression filled in at run time (a captured value, a var, a faker
 * call). A value that is neither is reported as "expected <what> or a ${...} expression, received …".
 */
export function orExpression<T extends z.ZodType>(schema: T, what: string) {
  const error = (issue: { input?: unknown }) => `expected ${what} or a \${...} expression, received ${shown(issue.input)}`;
  return z.union([
    schema,
    z.string({ error }).regex(EXPRESSION, { error }).describe('a ${...} expression, e.g. ${steps.bet1.response.trueplayUserId}'),
  ]);
}

const described = <T extends z.ZodType>(schema: T, description?: string) => (description ? schema.describe(description) : schema);

export const num = (description?: string) => described(orExpression(z.number(), 'a number'), description);
export const int = (description?: string) => described(orExpression(z.number().int(), 'a whole number'), description);
export const bool = (description?: string) => described(orExpression(z.boolean(), 'true or false'), description);
export const oneOf = <T extends z.ZodEnum>(values: T, description?: string) =>
  described(orExpression(values, `one of ${values.options.join(', ')}`), description);
export const text = (description?: string) => {
  const schema = z.string();
  return description ? schema.describe(description) : schema;
};

export const operatorUserId = text("the player's id on the operator side");
export const campaignId = int('a campaign id, e.g. ${campaigns.welcome.id}');
export const currency = text('ISO 4217 code; defaults to the acting operator\'s currency');
export const transactionId = text('defaults to a generated, repeatable id');
export const isoTime = text('an ISO 8601 UTC time, e.g. 2026-03-02T09:00:00Z');

export const campaignType = z.enum(['REGISTRATION', 'KYC', 'DEPOSIT', 'CASHBACK', 'TOKEN_PURCHASE', 'CUSTOM']);
export const campaignStatus = z.enum(['DRAFT', 'ACTIVE', 'DEACTIVATED', 'EXPIRED', 'DELETED']);
export const transactionType = z.enum(['BET', 'WIN', 'ROLLBACK', 'BONUS_BET', 'BONUS_WIN']);

/** Appends a query string made of the defined values. */
export function withQuery(path: string, query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export const segment = (value: unknown) => encodeURIComponent(String(value));
