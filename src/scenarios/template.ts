/**
 * `${...}` expressions in scenario values: a path into what the run knows so far (`steps.bet1.response.trueplayUserId`,
 * `vars.player`, `campaigns.welcome.id`, `operator.apiKey`) or a seeded faker call (`faker.string.uuid()`,
 * `faker.number.int({"min":1,"max":9})`). A value that is one expression keeps its type; inside text it is spliced
 * in. `$${` writes a literal `${`.
 */

export class TemplateError extends Error {
  override name = 'TemplateError';
}

export type Scope = Record<string, unknown>;

interface Piece {
  literal?: string;
  expression?: string;
}

/** Splits text into literal pieces and expressions, matching braces and skipping quoted strings inside them. */
function split(text: string): Piece[] {
  const pieces: Piece[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      literal += text[i];
      i += 1;
      continue;
    }
    let depth = 1;
    let j = i + 2;
    let quote: string | null = null;
    for (; j < text.length && depth > 0; j += 1) {
      const ch = text[j];
      if (quote) {
        if (ch === '\\') j += 1;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '{') depth += 1;
      else if (ch === '}') depth -= 1;
    }
    if (depth > 0) throw new TemplateError(`unclosed \${ in "${text}"`);
    if (literal) pieces.push({ literal });
    literal = '';
    pieces.push({ expression: text.slice(i + 2, j - 1).trim() });
    i = j;
  }
  if (literal || pieces.length === 0) pieces.push({ literal });
  return pieces;
}

/** Fills every expression in a value tree (strings, arrays, object keys and values). */
export function fill(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') return fillText(value, scope);
  if (Array.isArray(value)) return value.map((item) => fill(item, scope));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [String(fillText(key, scope)), fill(item, scope)]));
  }
  return value;
}

function fillText(text: string, scope: Scope): unknown {
  const pieces = split(text);
  if (pieces.length === 1 && pieces[0]!.expression !== undefined) return evaluate(pieces[0]!.expression, scope);
  return pieces
    .map((p) => {
      if (p.expression === undefined) return p.literal;
      const value = evaluate(p.expression, scope);
      return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    })
    .join('');
}

const CALL = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\((.*)\)$/s;

export function evaluate(expression: string, scope: Scope): unknown {
  const call = CALL.exec(expression);
  if (call) {
    const fn = lookup(call[1]!, scope, expression);
    if (typeof fn !== 'function') throw new TemplateError(`\${${expression}}: ${call[1]} is not a function`);
    let args: unknown[];
    try {
      args = JSON.parse(`[${call[2]}]`) as unknown[];
    } catch {
      throw new TemplateError(`\${${expression}}: the arguments must be JSON values, e.g. faker.number.int({"min":1,"max":9})`);
    }
    const owner = lookup(call[1]!.split('.').slice(0, -1).join('.'), scope, expression);
    return (fn as (...a: unknown[]) => unknown).apply(owner, args);
  }
  const value = lookup(expression, scope, expression);
  if (typeof value === 'function') return (value as () => unknown).call(lookup(expression.split('.').slice(0, -1).join('.'), scope, expression));
  return value;
}

/**
 * Names every object or function inherits (constructor, __proto__, toString, …) are not part of the scope: through
 * them `vars.constructor.constructor("…")` would build a function out of a scenario file. Faker's methods, which
 * live on its classes' prototypes, stay reachable.
 */
function inheritedFromTheLanguage(segment: string): boolean {
  return segment in Object.prototype || segment in Function.prototype;
}

/** Follows `a.b[0].c` (or `a.b.0.c`) through the scope; a missing step names what exists instead. */
function lookup(path: string, scope: Scope, expression: string): unknown {
  const segments = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  let current: unknown = scope;
  const walked: string[] = [];
  for (const segment of segments) {
    const container = current as Record<string, unknown> | null | undefined;
    if (container === null || typeof container !== 'object' && typeof container !== 'function') {
      throw new TemplateError(`\${${expression}}: ${walked.join('.') || 'the scope'} is ${JSON.stringify(container)}, it has no "${segment}"`);
    }
    if (!(segment in (container as object)) || (inheritedFromTheLanguage(segment) && !Object.hasOwn(container as object, segment))) {
      const known = Object.keys(container as object).slice(0, 20).join(', ') || 'nothing yet';
      throw new TemplateError(`\${${expression}}: ${walked.length ? walked.join('.') : 'the scope'} has no "${segment}" (it has: ${known})`);
    }
    current = container[segment];
    walked.push(segment);
  }
  return current;
}
