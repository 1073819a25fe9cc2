/**
 * Validates requests (and, in tests, responses) against the OpenAPI documents with Ajv. Schemas are compiled
 * where they stand in the document, lazily on first use, so start-up pays nothing for routes not yet called.
 */
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { refusal, type RefusalDetail } from '../domain/errors.js';
import { warning, type Warning } from '../domain/warnings.js';
import { loadContract, type ContractDocument, type OpenApiOperation } from './documents.js';
import { quoteRule } from './rules.js';

/** Ajv loads with the first request that needs it, not at start-up (it is a sixth of the start-up's imports). */
function loadAjv() {
  const require = createRequire(import.meta.url);
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  // ajv-formats ships CommonJS: its function is the module's default export.
  const addFormats = (require('ajv-formats') as { default: (ajv: Ajv2020) => Ajv2020 }).default;
  return { Ajv, addFormats };
}

function createAjv(coerceTypes: boolean): Ajv2020 {
  const { Ajv, addFormats } = loadAjv();
  // strict: false relaxes schema-authoring checks, and strictNumbers with them: a body 1e400 (JSON.parse gives
  // Infinity) then passed as an integer. Bodies get it back. Coerced parameters cannot (Ajv then skips the
  // maximum of a coerced value), so validateRequest refuses non-finite parameters itself.
  const ajv = new Ajv({ allErrors: true, strict: false, strictNumbers: !coerceTypes, validateSchema: false, coerceTypes });
  addFormats(ajv);
  for (const contract of [loadContract('trueplay'), loadContract('operator')]) ajv.addSchema(contract.document, contract.id);
  return ajv;
}

let bodies: Ajv2020 | undefined;
let parameters: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function compile(key: string, make: () => ValidateFunction): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) compiled.set(key, (validate = make()));
  return validate;
}

function details(errors: ErrorObject[] | null | undefined, prefix: string): RefusalDetail[] {
  return (errors ?? []).map((e) => {
    const extra =
      e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` :
      e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : '';
    return { path: `${prefix}${e.instancePath}` || '/', message: `${e.message ?? 'is invalid'}${extra}` };
  });
}

export interface RequestParts {
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
}

/** One operation's checks, compiled on its first call and kept: a request then pays only for the validating. */
interface RequestPlan {
  /** Absent when the operation declares no such parameters: nothing to check or coerce. */
  path?: ValidateFunction;
  query?: ValidateFunction;
  body?: ValidateFunction;
  /** The `x-lenient` body schema, for operators whose validation is lenient. */
  lenientBody?: ValidateFunction;
}

const plans = new WeakMap<OpenApiOperation, RequestPlan>();

function planOf(contract: ContractDocument, operation: OpenApiOperation): RequestPlan {
  let plan = plans.get(operation);
  if (plan) return plan;
  // Ajv is made only when an operation has something to check: a first call without parameters or body (the
  // wallet's fault list, which start-up checks poll) then costs no Ajv at all.
  plan = {};
  for (const where of ['path', 'query'] as const) {
    const declared = operation.parameters.filter((p) => p.in === where);
    if (declared.length === 0) continue;
    plan[where] = compile(`${contract.name}:${operation.operationId}:${where}`, () =>
      (parameters ??= createAjv(true)).compile({
        type: 'object',
        properties: Object.fromEntries(declared.map((p) => [p.name, { $ref: `${contract.id}#${p.schemaPointer}` }])),
        required: declared.filter((p) => p.required || where === 'path').map((p) => p.name),
      }),
    );
  }
  if (operation.requestBodyPointer) {
    plan.body = compile(`${contract.name}:${operation.operationId}:body`, () =>
      (bodies ??= createAjv(false)).compile({ $ref: `${contract.id}#${operation.requestBodyPointer}` }),
    );
  }
  if (operation.lenient) {
    const pointer = operation.lenient.bodyPointer;
    plan.lenientBody = compile(`${contract.name}:${operation.operationId}:lenient-body`, () =>
      (bodies ??= createAjv(false)).compile({ $ref: `${contract.id}#${pointer}` }),
    );
  }
  plans.set(operation, plan);
  return plan;
}

/**
 * Checks path and query parameters (coercing "10" to 10 where the schema says integer) and the JSON body. A body
 * that breaks only the operation's documented rule (it fails the body schema but passes its `x-lenient` one) is
 * refused with that rule quoted; when `lenient` (the operator's validation), it is accepted and each problem comes
 * back as a DOCUMENTED_FIELD_MISSING warning instead.
 */
export function validateRequest(contract: ContractDocument, operation: OpenApiOperation, parts: RequestParts, lenient = false) {
  const plan = planOf(contract, operation);
  const problems: RefusalDetail[] = [];
  const coerced: { params: Record<string, unknown>; query: Record<string, unknown>; warnings?: Warning[] } = { params: parts.params, query: parts.query };
  for (const where of ['path', 'query'] as const) {
    const validate = plan[where];
    if (!validate) continue;
    const values = where === 'path' ? { ...parts.params } : { ...parts.query };
    if (!validate(values)) problems.push(...details(validate.errors, where === 'path' ? '/path' : '/query'));
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === 'number' && !Number.isFinite(value)) problems.push({ path: `/${where}/${name}`, message: 'must be a finite number' });
    }
    coerced[where === 'path' ? 'params' : 'query'] = values;
  }
  let warnings: Warning[] | undefined;
  if (plan.body && !plan.body(parts.body)) {
    const bodyProblems = details(plan.body.errors, '/body');
    // Only on a refusal: a valid body (nearly every call) pays for one schema, as before.
    if (problems.length === 0 && plan.lenientBody?.(parts.body)) {
      const rule = operation.lenient!.rule;
      if (!lenient) {
        throw refusal('VALIDATION_ERROR', `${bodyProblems[0]!.path} ${bodyProblems[0]!.message}: ${quoteRule(rule)}`, bodyProblems);
      }
      warnings = bodyProblems.map((p) => warning('DOCUMENTED_FIELD_MISSING', `${p.path} ${p.message}: ${quoteRule(rule)}`));
    } else {
      problems.push(...bodyProblems);
    }
  }
  if (problems.length > 0) {
    throw refusal('VALIDATION_ERROR', `the request does not match the contract: ${problems[0]!.path} ${problems[0]!.message}`, problems);
  }
  if (warnings) coerced.warnings = warnings;
  return coerced;
}

/** Returns what is wrong with a response body, or an empty list; used by tests to hold the servers to the contract. */
export function responseProblems(
  contract: ContractDocument,
  operation: OpenApiOperation,
  status: number,
  body: unknown,
): string[] {
  const declared = operation.responsePointers.get(String(status)) ?? operation.responsePointers.get('default');
  if (!declared) return [`${operation.operationId} answered ${status}, which the contract does not declare`];
  if (!declared.schemaPointer) return [];
  bodies ??= createAjv(false);
  const validate = compile(`${contract.name}:${operation.operationId}:response:${status}`, () =>
    bodies!.compile({ $ref: `${contract.id}#${declared.schemaPointer}` }),
  );
  return validate(body) ? [] : details(validate.errors, '').map((d) => `${d.path} ${d.message}`);
}
