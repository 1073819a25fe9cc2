/**
 * Bad requests derived from openapi/trueplay.yaml: for each operation, its contract example (or the given path
 * values) mutated one way at a time — malformed JSON, wrong types, missing required fields, unknown enum values,
 * over-long strings, bad amounts, NUL bytes in ids, `__proto__` keys, bad parameters. New operations get the same.
 */
import { loadContract, type ContractDocument, type OpenApiOperation } from '../../../src/openapi/documents.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Schema = Record<string, any>;

export interface BadRequest {
  operationId: string;
  label: string;
  method: string;
  path: string;
  keyed: boolean;
  /** The exact body text to send, or undefined for none. */
  body?: string;
  /** 400 unless said otherwise. */
  status?: number;
}

/** A schema with its $refs (local or into the sibling document) followed, and the name of the component it came from. */
interface Resolved {
  schema: Schema;
  refs: string[];
  /** The document the schema stands in, against which its own local $refs resolve. */
  doc: ContractDocument;
}

function documentFor(ref: string, current: ContractDocument): [ContractDocument, string] {
  const [file, pointer] = ref.split('#');
  const doc = file ? loadContract(file.replace('./', '').replace('.yaml', '') as 'trueplay' | 'operator') : current;
  return [doc, pointer ?? ''];
}

function at(doc: ContractDocument, pointer: string): Schema {
  return pointer
    .slice(1)
    .split('/')
    .reduce((node: any, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc.document);
}

/** Follows $ref and merges allOf members, keeping every component name met on the way (e.g. Money, OperatorUserId). */
function resolve(schema: Schema, doc: ContractDocument, refs: string[] = []): Resolved {
  if (schema.$ref) {
    const [target, pointer] = documentFor(schema.$ref, doc);
    const { $ref: _ref, ...rest } = schema;
    const inner = resolve(at(target, pointer), target, [...refs, pointer.split('/').pop()!]);
    return { schema: { ...inner.schema, ...rest }, refs: inner.refs, doc: inner.doc };
  }
  if (schema.allOf) {
    let merged: Resolved = { schema: {}, refs, doc };
    for (const member of schema.allOf) {
      const part = resolve(member, doc, merged.refs);
      merged = { schema: { ...merged.schema, ...part.schema, properties: { ...merged.schema.properties, ...part.schema.properties } }, refs: part.refs, doc };
    }
    const { allOf: _allOf, ...rest } = schema;
    return { schema: { ...merged.schema, ...rest, properties: { ...merged.schema.properties, ...rest.properties } }, refs: merged.refs, doc };
  }
  return { schema, refs, doc };
}

const types = (schema: Schema): string[] => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);

/** A value of the wrong JSON type for what the schema allows. */
function wrongType(schema: Schema, value: unknown): unknown {
  const allowed = types(schema);
  if (allowed.includes('string') || typeof value === 'string') return 12345;
  if (allowed.includes('number') || allowed.includes('integer') || typeof value === 'number') return String(value ?? 1);
  if (allowed.includes('boolean') || typeof value === 'boolean') return 'true';
  if (allowed.includes('array') || Array.isArray(value)) return { not: 'an array' };
  return 'not an object';
}

/** Stands for the JSON text 1e400, which JSON.stringify cannot write: JSON.parse reads it as Infinity. */
const INFINITY = '\u0000infinity\u0000';
const json = (value: unknown) => JSON.stringify(value).replaceAll(JSON.stringify(INFINITY), '1e400');

/** A string the schema's pattern refuses, if one of a few usual suspects is. */
function patternMisfit(schema: Schema): string | undefined {
  if (typeof schema.pattern !== 'string') return undefined;
  const pattern = new RegExp(schema.pattern, 'u');
  return ['1!', 'no-slash', 'a\u0000b', 'P1Y'].find((candidate) => !pattern.test(candidate));
}

const ID_COMPONENTS = new Set(['OperatorUserId', 'TransactionId', 'TrueplayUserId']);

/** Values that break one property of a body, each with a label (and the status it must get when not 400). */
function propertyMutations(name: string, resolved: Resolved, value: unknown): [string, unknown, number?][] {
  const { schema, refs } = resolved;
  const out: [string, unknown, number?][] = [[`${name}: wrong type`, wrongType(schema, value)]];
  if (schema.enum) out.push([`${name}: unknown enum value`, 'NOT_A_VALUE']);
  if (schema.const !== undefined) out.push([`${name}: not the constant`, typeof schema.const === 'boolean' ? !schema.const : 'NOT_A_VALUE']);
  if (typeof schema.maxLength === 'number') {
    const text = typeof value === 'string' ? value : 'x';
    out.push([`${name}: longer than maxLength ${schema.maxLength}`, text + 'a'.repeat(schema.maxLength)]);
  }
  const misfit = patternMisfit(schema);
  if (misfit !== undefined) out.push([`${name}: not matching ${schema.pattern}`, misfit]);
  if (schema.format === 'date-time') out.push([`${name}: not a date-time`, '2030-02-30T25:00:00Z'], [`${name}: no time zone`, '2030-01-07T00:00:00']);
  if (schema.format === 'uri') out.push([`${name}: not a URI`, 'not a uri']);
  if (refs.some((r) => ID_COMPONENTS.has(r)) || (types(schema).includes('string') && /Id$/.test(name))) {
    out.push([`${name}: NUL byte`, 'a\u0000b'], [`${name}: empty`, '']);
  }
  if (refs.includes('Money')) out.push([`${name}: 9 decimals`, 1.123456789]);
  if (refs.includes('TokenAmount')) out.push([`${name}: 3 decimals`, 1.125]);
  if (types(schema).some((t) => t === 'number' || t === 'integer')) {
    // 1e308 is over every maximum; an id without one is a well-formed id of nothing (404).
    if (typeof schema.maximum === 'number' || typeof schema.exclusiveMaximum === 'number') out.push([`${name}: 1e308`, 1e308]);
    else if (refs.some((r) => r === 'OperatorId' || r === 'CampaignId')) out.push([`${name}: 1e308`, 1e308, 404]);
    out.push([`${name}: number as a string`, String(value ?? 1)], [`${name}: 1e400 (Infinity once parsed)`, INFINITY]);
    if (typeof schema.minimum === 'number' || typeof schema.exclusiveMinimum === 'number') out.push([`${name}: negative`, -1]);
    if (types(schema).includes('integer')) out.push([`${name}: fraction`, 1.5]);
  }
  if (types(schema).includes('array')) {
    const items = resolve(schema.items ?? {}, resolved.doc);
    const sample = Array.isArray(value) && value.length > 0 ? value[0] : 'x';
    out.push([`${name}: empty array`, []]);
    if (typeof schema.maxItems === 'number') out.push([`${name}: more than maxItems`, Array.from({ length: schema.maxItems + 1 }, (_, i) => `${sample}-${i}`)]);
    for (const [label, bad, status] of propertyMutations(`${name}[0]`, items, sample)) out.push([label, [bad], status]);
  }
  return out;
}

/** The object schema a body example belongs to: the branch of a oneOf whose required properties it has. */
function objectSchema(resolved: Resolved, example: Record<string, unknown>): Schema {
  const { schema, doc } = resolved;
  if (!schema.oneOf) return schema;
  const branches = schema.oneOf.map((b: Schema) => resolve(b, doc).schema);
  return branches.find((b: Schema) => (b.required ?? []).every((r: string) => r in example)) ?? branches[0];
}

function bodyMutations(op: OpenApiOperation, doc: ContractDocument, example: Record<string, unknown>): [string, string, number?][] {
  const resolved = resolve(at(doc, op.requestBodyPointer!), doc);
  const schema = objectSchema(resolved, example);
  const out: [string, string, number?][] = [
    ['malformed JSON', '{"truncated": '],
    ['empty body', ''],
    ['JSON array', '[]'],
    ['JSON null', 'null'],
    ['JSON string', '"text"'],
    ['JSON number', '42'],
    ['body over the size limit', json({ ...example, padding: 'x'.repeat(70 * 1024) }), 413],
  ];
  for (const name of schema.required ?? []) {
    const { [name]: _gone, ...rest } = example;
    out.push([`missing required ${name}`, json(rest)]);
    out.push([`required ${name} only under __proto__`, `{"__proto__":${json({ [name]: example[name] })},${json(rest).slice(1)}`.replace(',}', '}')]);
  }
  for (const [name, value] of Object.entries(example)) {
    const property = schema.properties?.[name];
    if (!property) continue;
    for (const [label, bad, status] of propertyMutations(name, resolve(property, resolved.doc), value)) out.push([label, json({ ...example, [name]: bad }), status]);
  }
  if (schema.additionalProperties === false) {
    out.push(['unknown property', json({ ...example, unexpected: 1 })]);
    out.push(['__proto__ key', `{"__proto__":{"polluted":true},${json(example).slice(1)}`]);
  }
  return out;
}

/** Bad values of one path or query parameter. */
function parameterMutations(name: string, resolved: Resolved, where: 'path' | 'query'): [string, string | undefined][] {
  const { schema, refs } = resolved;
  const out: [string, string | undefined][] = [];
  const isNumber = types(schema).some((t) => t === 'integer' || t === 'number');
  if (isNumber) {
    out.push([`${name}: not a number`, 'abc'], [`${name}: 1e400`, '1e400']);
    if (types(schema).includes('integer')) out.push([`${name}: fraction`, '1.5']);
    if (typeof schema.minimum === 'number') out.push([`${name}: below minimum`, String(schema.minimum - 1)]);
    if (typeof schema.maximum === 'number') out.push([`${name}: above maximum`, String(schema.maximum + 1)]);
  }
  if (schema.enum) out.push([`${name}: unknown enum value`, 'NOT_A_VALUE']);
  if (typeof schema.maxLength === 'number') out.push([`${name}: longer than maxLength`, (schema.pattern === '^/' ? '/' : '') + 'a'.repeat(schema.maxLength + 1)]);
  const misfit = patternMisfit(schema);
  if (misfit !== undefined) out.push([`${name}: not matching ${schema.pattern}`, misfit]);
  if (refs.some((r) => ID_COMPONENTS.has(r))) out.push([`${name}: NUL byte`, 'a\u0000b']);
  if (where === 'query' && types(schema).includes('string') && !schema.enum && !schema.pattern && !refs.length) out.push([`${name}: empty`, '']);
  return out;
}

export interface PathValues {
  [parameter: string]: string;
}

/**
 * Every bad request for every operation of the fake Trueplay's contract. `valid` gives a valid value for each path
 * parameter and each required query parameter (so only one thing is wrong at a time); an operation needing a value
 * not given makes this throw, so a new endpoint cannot slip past.
 */
export function badRequests(valid: PathValues): { requests: BadRequest[]; uncovered: string[] } {
  const doc = loadContract('trueplay');
  const requests: BadRequest[] = [];
  const uncovered: string[] = [];
  for (const op of doc.operations.values()) {
    const operation = at(doc, `/paths/${op.path.replace(/~/g, '~0').replace(/\//g, '~1')}/${op.method.toLowerCase()}`);
    const keyed = (operation.security ?? doc.document.security ?? []).some((s: object) => 'ApiKey' in s);
    const value = (name: string) => {
      if (!(name in valid)) throw new Error(`give a valid value for the parameter "${name}" of ${op.operationId}`);
      return valid[name]!;
    };
    const params = op.parameters.filter((p) => p.in === 'path' || p.in === 'query');
    const build = (overrides: Record<string, string | undefined>) => {
      let path = op.path;
      const query = new URLSearchParams();
      for (const p of params) {
        const given = p.name in overrides ? overrides[p.name] : p.in === 'path' || p.required ? value(p.name) : undefined;
        if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(given ?? ''));
        else if (given !== undefined) query.set(p.name, given);
      }
      const search = query.toString();
      return search ? `${path}?${search}` : path;
    };
    const add = (label: string, path: string, body?: string, status?: number) =>
      requests.push({ operationId: op.operationId, label, method: op.method, path, keyed, body, status });

    const before = requests.length;
    for (const p of params) {
      const resolved = resolve(at(doc, p.schemaPointer), doc);
      for (const [label, bad] of parameterMutations(p.name, resolved, p.in as 'path' | 'query')) {
        add(`${p.in} ${label}`, build({ [p.name]: bad }), op.requestBodyPointer ? bodyExample(operation) : undefined);
      }
      if (p.in === 'query' && p.required) add(`query: missing required ${p.name}`, build({ [p.name]: undefined }));
    }
    if (op.requestBodyPointer) {
      const example = JSON.parse(bodyExample(operation));
      for (const [label, body, status] of bodyMutations(op, doc, example)) add(`body ${label}`, build({}), body, status);
    }
    if (requests.length === before) uncovered.push(op.operationId);
  }
  return { requests, uncovered };
}

function bodyExample(operation: Schema): string {
  const examples = operation.requestBody?.content?.['application/json']?.examples ?? {};
  const first = Object.values<Schema>(examples)[0];
  if (!first) throw new Error(`${operation.operationId} has a request body but no example to start bad requests from`);
  return JSON.stringify(first.value);
}
