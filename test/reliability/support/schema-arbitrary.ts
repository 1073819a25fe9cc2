/**
 * JSON Schema (as written in openapi/*.yaml) → fast-check arbitrary. Hand-written because the npm packages
 * for this are either on fast-check 1 (json-schema-fast-check 0.0.6) or bring their own unseeded randomness
 * (openapi-fuzzer-core), and the fuzz run must replay from one seed. It covers the keywords our contracts use;
 * `if`/`then`/`not` are not solved, so some values break them on purpose and must get a clean 400.
 */
import fc from 'fast-check';
import { loadContract, type ContractName } from '../../../src/openapi/documents.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Schema = Record<string, any>;

export interface SchemaArbitraryOptions {
  /** Replaces the generator of a component schema, by name (e.g. OperatorUserId), to steer values into the domain. */
  components?: Record<string, fc.Arbitrary<unknown>>;
  /** Replaces the generator of an object property, by property name, wherever it appears. */
  properties?: Record<string, fc.Arbitrary<unknown>>;
}

const FILE_TO_CONTRACT: Record<string, ContractName> = { './trueplay.yaml': 'trueplay', './operator.yaml': 'operator' };

export function createSchemaArbitraries(options: SchemaArbitraryOptions = {}) {
  const cache = new Map<string, fc.Arbitrary<unknown>>();

  function resolve(where: ContractName, ref: string): { where: ContractName; pointer: string; node: Schema } {
    const [file, pointer = ''] = ref.split('#');
    const target = file ? FILE_TO_CONTRACT[file] : where;
    if (!target) throw new Error(`cannot resolve $ref ${ref}`);
    const node = pointer
      .slice(1)
      .split('/')
      .reduce((at: any, key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], loadContract(target).document);
    if (!node) throw new Error(`$ref ${ref} points at nothing`);
    return { where: target, pointer, node };
  }

  function arbitrary(schema: Schema, where: ContractName): fc.Arbitrary<unknown> {
    if (schema.$ref) {
      const { where: target, pointer, node } = resolve(where, schema.$ref);
      const name = pointer.startsWith('/components/schemas/') ? pointer.slice('/components/schemas/'.length) : undefined;
      if (name && options.components?.[name]) return options.components[name]!;
      const key = `${target}#${pointer}`;
      let cached = cache.get(key);
      if (!cached) cache.set(key, (cached = arbitrary(node, target)));
      return cached;
    }
    if ('const' in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
    const alternatives = schema.oneOf ?? schema.anyOf;
    if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((s: Schema) => arbitrary(s, where)));
    if (Array.isArray(schema.allOf) && !schema.type && !schema.properties) {
      // `allOf: [$ref]` plus annotations is how the contracts document a field; generate from the shapes.
      const shapes = schema.allOf.filter((s: Schema) => !s.if);
      if (shapes.length === 1) return arbitrary(shapes[0], where);
    }
    if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type: string) => arbitrary({ ...schema, type }, where)));
    switch (schema.type) {
      case 'string':
        return stringArbitrary(schema);
      case 'number':
        return numberArbitrary(schema, false);
      case 'integer':
        return numberArbitrary(schema, true);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(schema.items ? arbitrary(schema.items, where) : fc.jsonValue(), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 6, Math.max(6, schema.minItems ?? 0)),
        });
      case 'object':
        return objectArbitrary(schema, where);
      default:
        return schema.properties ? objectArbitrary(schema, where) : fc.jsonValue({ maxDepth: 2 });
    }
  }

  function objectArbitrary(schema: Schema, where: ContractName): fc.Arbitrary<unknown> {
    const properties: Record<string, Schema> = schema.properties ?? {};
    const model = Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [name, options.properties?.[name] ?? arbitrary(property, where)]),
    );
    const known = fc.record(model, { requiredKeys: schema.required ?? [] });
    if (schema.additionalProperties === false) return known;
    // Extra fields are allowed (and must be ignored): sometimes send a few.
    const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
    return fc.tuple(known, fc.option(extra, { freq: 4 })).map(([value, more]) => ({ ...(more ?? {}), ...(value as object) }));
  }

  return {
    /** An arbitrary for the schema at `pointer` in a contract (e.g. a request body's pointer). */
    at(where: ContractName, pointer: string): fc.Arbitrary<unknown> {
      return arbitrary({ $ref: `#${pointer}` }, where);
    },
    of: arbitrary,
  };
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 200);
  if (schema.format === 'date-time') return dateTime;
  if (schema.format === 'uri') return fc.constantFrom('http://127.0.0.1:1', 'http://127.0.0.1:9/base/', 'not a uri');
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    // fast-check's stringMatching has no lookarounds: generate from the pattern without them, keep what matches.
    const simplified = new RegExp(schema.pattern.replace(/\(\?[=!][^)]*\)/g, ''));
    return fc.stringMatching(simplified).filter((s) => pattern.test(s) && s.length <= (schema.maxLength ?? Infinity));
  }
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme-ascii' }) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: awkwardCharacter }) },
  );
}

/** Any grapheme, plus the code units that trip naive handling (fast-check's 'binary' unit is far slower to sample). */
const awkwardCharacter = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e', '\ufeff', '\u00e9', '\u{1F600}', '%', '\\', '"', "'", '/', '\n') },
);

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const lowest = schema.exclusiveMinimum ?? schema.minimum ?? -1e12;
  const highest = schema.exclusiveMaximum ?? schema.maximum ?? 1e12;
  const inRange = (n: number) =>
    (schema.minimum === undefined || n >= schema.minimum) &&
    (schema.exclusiveMinimum === undefined || n > schema.exclusiveMinimum) &&
    (schema.maximum === undefined || n <= schema.maximum) &&
    (schema.exclusiveMaximum === undefined || n < schema.exclusiveMaximum);
  const small = fc.integer({ min: Math.ceil(Math.max(lowest, -1000)), max: Math.floor(Math.min(highest, 1000)) });
  if (integer) {
    return fc.oneof(
      { weight: 6, arbitrary: small },
      { weight: 1, arbitrary: fc.integer({ min: Math.max(Math.ceil(lowest), -(2 ** 31)), max: Math.min(Math.floor(highest), 2 ** 31) }) },
      { weight: 1, arbitrary: fc.constantFrom(lowest, highest, Number.MAX_SAFE_INTEGER, 1e21).filter((n) => Number.isInteger(n) && inRange(n)) },
    ).filter(inRange);
  }
  // Decimals with 0..10 places: most carry few enough for the contract, some carry too many (a 400 at the service).
  const decimal = fc
    .tuple(fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 0, max: 10 }))
    .map(([units, places]) => Number((units / 10 ** places).toFixed(places)));
  return fc.oneof(
    { weight: 5, arbitrary: decimal },
    { weight: 2, arbitrary: small },
    { weight: 1, arbitrary: fc.double({ min: Math.max(lowest, -1e15), max: Math.min(highest, 1e15), noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.constantFrom(lowest, highest, 0.1 + 0.2, 1e-7, 5e-324) },
  ).filter(inRange);
}

/** ISO 8601 times: mostly plain UTC ones near today, plus the edges the date-time format admits. */
const dateTime: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '2025-06-30T23:59:60Z',
      '2025-01-06T12:00:00+14:00',
      '2025-01-06t12:00:00z',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999999999Z',
      '2025-01-06T12:00:00.123456789Z',
      '1970-01-01T00:00:00Z',
      '2025-02-30T00:00:00Z',
      '2025-01-06 12:00:00Z',
    ),
  },
);
