/**
 * Subset matching of an expected value against an actual one: objects may hold more keys than stated, arrays match
 * item by item (same length), numbers compare by value, and an object whose keys all start with `$` is a matcher:
 * {$type}, {$regex}, {$absent: true}, {$contains}, {$unordered: [...]}, {$length}, {$gt}, {$gte}, {$lt}, {$lte}, {$any: true}.
 */

export interface Mismatch {
  /** Where in the value, e.g. `body.awards[0].tokenAmount`. */
  path: string;
  expected: unknown;
  actual: unknown;
  message: string;
}

const MATCHERS = new Set(['$type', '$regex', '$absent', '$contains', '$unordered', '$length', '$gt', '$gte', '$lt', '$lte', '$any']);

export function isMatcher(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

export function matchSubset(expected: unknown, actual: unknown, path: string, present = true): Mismatch[] {
  if (isMatcher(expected)) return matchMatcher(expected, actual, path, present);
  if (!present) return [{ path, expected, actual: undefined, message: `${path} is missing` }];
  if (expected === null || typeof expected !== 'object') {
    if (typeof expected === 'number' && typeof actual === 'number' ? expected === actual : Object.is(expected, actual)) return [];
    return [{ path, expected, actual, message: `${path} is ${show(actual)}, expected ${show(expected)}` }];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, expected, actual, message: `${path} is ${show(actual)}, expected an array` }];
    if (actual.length !== expected.length) {
      return [{ path, expected, actual, message: `${path} has ${actual.length} items, expected ${expected.length}` }];
    }
    return expected.flatMap((item, i) => matchSubset(item, actual[i], `${path}[${i}]`));
  }
  if (typeOf(actual) !== 'object') return [{ path, expected, actual, message: `${path} is ${show(actual)}, expected an object` }];
  const object = actual as Record<string, unknown>;
  return Object.entries(expected).flatMap(([key, item]) =>
    matchSubset(item, object[key], path ? `${path}.${key}` : key, Object.prototype.hasOwnProperty.call(object, key)),
  );
}

function matchMatcher(matcher: Record<string, unknown>, actual: unknown, path: string, present: boolean): Mismatch[] {
  const fail = (message: string): Mismatch[] => [{ path, expected: matcher, actual, message: `${path} ${message}` }];
  const unknown = Object.keys(matcher).filter((key) => !MATCHERS.has(key));
  if (unknown.length > 0) return fail(`uses unknown matcher ${unknown.join(', ')} (known: ${[...MATCHERS].join(', ')})`);
  if (matcher.$absent === true) return present ? fail(`is ${show(actual)}, expected it to be absent`) : [];
  if (!present) return fail('is missing');
  if (matcher.$any === true) return [];
  if (matcher.$type !== undefined && typeOf(actual) !== matcher.$type) return fail(`is ${show(actual)}, expected a ${matcher.$type}`);
  if (matcher.$regex !== undefined && !(typeof actual === 'string' && new RegExp(String(matcher.$regex)).test(actual))) {
    return fail(`is ${show(actual)}, expected to match /${matcher.$regex}/`);
  }
  if (matcher.$length !== undefined) {
    const length = typeof actual === 'string' || Array.isArray(actual) ? actual.length : undefined;
    if (length !== matcher.$length) return fail(`has length ${length ?? 'none'}, expected ${matcher.$length}`);
  }
  if (matcher.$contains !== undefined) {
    const wanted = matcher.$contains;
    const found = typeof actual === 'string' ? typeof wanted === 'string' && actual.includes(wanted)
      : Array.isArray(actual) && actual.some((item) => matchSubset(wanted, item, path).length === 0);
    if (!found) return fail(`is ${show(actual)}, expected it to contain ${show(wanted)}`);
  }
  if (matcher.$unordered !== undefined) {
    const wanted = matcher.$unordered;
    if (!Array.isArray(wanted) || !Array.isArray(actual) || actual.length !== wanted.length) {
      return fail(`is ${show(actual)}, expected the ${Array.isArray(wanted) ? wanted.length : '?'} items of ${show(wanted)} in any order`);
    }
    const unused = [...actual];
    for (const item of wanted) {
      const at = unused.findIndex((candidate) => matchSubset(item, candidate, path).length === 0);
      if (at < 0) return fail(`has no item matching ${show(item)} (in any order): ${show(actual)}`);
      unused.splice(at, 1);
    }
  }
  for (const [op, test] of [['$gt', (a: number, b: number) => a > b], ['$gte', (a: number, b: number) => a >= b],
    ['$lt', (a: number, b: number) => a < b], ['$lte', (a: number, b: number) => a <= b]] as const) {
    if (matcher[op] === undefined) continue;
    if (typeof actual !== 'number' || !test(actual, Number(matcher[op]))) return fail(`is ${show(actual)}, expected ${op.slice(1)} ${matcher[op]}`);
  }
  return [];
}

export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
