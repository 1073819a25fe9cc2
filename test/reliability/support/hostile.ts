/**
 * Hostile mutations of a well-formed request: broken JSON, wrong content types, prototype-pollution keys, huge
 * strings, deep nesting, NUL bytes, numbers as strings, 1e308, negative zero, invalid UTF-8, junk in the URL.
 * Each one is a thing a careless or malicious client really sends; every one must get a clean 4xx (or, where
 * the contract allows it, be accepted), never a 5xx.
 */
import fc from 'fast-check';

export interface WireRequest {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The JSON body as text, or raw bytes once a mutation made it something no string can hold. */
  body?: string | Uint8Array;
  chunked?: boolean;
}

const utf8 = new TextEncoder();
const bytesOf = (body: string | Uint8Array | undefined) => (body === undefined ? new Uint8Array() : typeof body === 'string' ? utf8.encode(body) : body);

/** Values as raw JSON text, so that what JSON.stringify cannot write (1e400, -0, duplicate keys) still goes out. */
export const HOSTILE_VALUES: readonly string[] = [
  '"10"', '"1e3"', '"-0"', '"NaN"', '"Infinity"', '" 10 "',
  '1e308', '-1e308', '1E400', '-0', '-0.0', '5e-324', '1e-400', '0.30000000000000004', '9007199254740993',
  '123456789012345678901234567890', '10.000000000000000000001', '-1', '1e9', '1000000000.01',
  'true', 'false', 'null', '[]', '{}', '[1,2]', '{"a":1}',
  '""', '" "', '"\\u0000"', '"a\\u0000b"', '"\\ud800"', '"\\udfff\\ud800"', '"\u{1F600}"', '"é"',
  `"${'x'.repeat(300)}"`, '"__proto__"', '"constructor"', '"toString"', '"hasOwnProperty"', '"../../etc/passwd"', '"<script>alert(1)</script>"',
  '"\' OR 1=1 --"', '"%s%n%x"',
];

const POLLUTION = [
  '"__proto__":{"polluted":"yes"}',
  '"constructor":{"prototype":{"polluted":"yes"}}',
  '"__proto__":{"__proto__":{"polluted":"yes"}}',
  '"prototype":{"polluted":"yes"}',
  '"hasOwnProperty":"nope"',
  '"toString":1',
  '"valueOf":{}',
];

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  '',
  'application/jsonx',
  '*/*',
];

const INVALID_UTF8: readonly number[][] = [[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]];

const JUNK_SEGMENTS = ['%ZZ', '%', '%00', '%E0%A4%A', '..', '%2e%2e%2f', '%2F', 'a'.repeat(3000), '%F0%9F%98%80', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '%20', '\u00e9'];

function topLevelKeys(text: string | undefined): string[] {
  try {
    const value = text === undefined ? undefined : JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  } catch {
    return [];
  }
}

/** The body with `key` set to raw JSON text (added when absent). */
function withRawField(text: string, key: string, raw: string): string {
  const value = JSON.parse(text) as Record<string, unknown>;
  const marker = '\u0001RAW\u0001';
  value[key] = marker;
  return JSON.stringify(value).replace(JSON.stringify(marker), () => raw);
}

function insertAfterBrace(text: string, member: string): string {
  const at = text.indexOf('{');
  if (at < 0) return `{${member}}`;
  const rest = text.slice(at + 1).trimStart();
  return `${text.slice(0, at + 1)}${member}${rest.startsWith('}') ? '' : ','}${rest}`;
}

function splice(bytes: Uint8Array, at: number, insert: number[]): Uint8Array {
  const out = new Uint8Array(bytes.byteLength + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at), at + insert.length);
  return out;
}

/** One arbitrary mutation of `base`; the label says what was done, for the failure report. */
export function mutate(base: WireRequest): fc.Arbitrary<WireRequest> {
  const text = typeof base.body === 'string' ? base.body : undefined;
  const keys = topLevelKeys(text);
  const keyArb = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), fc.constant('extraField')) : fc.constant('extraField');
  const mutations: fc.Arbitrary<WireRequest>[] = [
    fc.constantFrom(...CONTENT_TYPES).map((type) => ({
      ...base,
      label: `${base.label} content-type=${JSON.stringify(type)}`,
      headers: type === '' ? withoutContentType(base.headers) : { ...base.headers, 'content-type': type },
    })),
    fc.constantFrom(...JUNK_SEGMENTS).chain((junk) =>
      fc.constantFrom('replace', 'append', 'query').map((how) => ({
        ...base,
        label: `${base.label} url-junk(${how}:${junk.slice(0, 20)})`,
        path:
          how === 'append' ? `${base.path.split('?')[0]}/${junk}` :
          how === 'query' ? `${base.path}${base.path.includes('?') ? '&' : '?'}${junk}=${junk}&__proto__[polluted]=yes` :
          base.path.replace(/\/[^/?]+(?=[?]|$)/, `/${junk}`),
      })),
    ),
    fc.constantFrom('PUT', 'DELETE', 'PATCH', 'GET', 'POST', 'OPTIONS', 'HEAD').map((method) => ({ ...base, label: `${base.label} method=${method}`, method })),
    fc.constantFrom('x'.repeat(10_000), 'é', 'demo-api-key ', ' demo-api-key', 'DEMO-API-KEY', '\t').map((key) => ({
      ...base,
      label: `${base.label} x-api-key-junk`,
      headers: { ...base.headers, 'x-api-key': key },
    })),
    fc.constantFrom('null', '[]', '"x"', '0', 'true', '', ' ', '{}', '[{}]', '{"":""}', '\ufeff{}').map((body) => ({ ...base, label: `${base.label} body=${JSON.stringify(body)}`, body })),
    fc.integer({ min: 70 * 1024, max: 200 * 1024 }).chain((size) =>
      fc.boolean().map((chunked) => ({
        ...base,
        label: `${base.label} oversize(${size}${chunked ? ', chunked' : ''})`,
        body: insertAfterBrace(text ?? '{}', `"padding":"${'p'.repeat(size)}"`),
        chunked,
      })),
    ),
  ];
  if (text !== undefined) {
    mutations.push(
      fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => ({ ...base, label: `${base.label} truncated@${cut}`, body: text.slice(0, cut) })),
      fc.tuple(fc.constantFrom(...INVALID_UTF8), fc.nat({ max: text.length })).map(([bad, at]) => ({
        ...base,
        label: `${base.label} invalid-utf8@${at}`,
        body: splice(bytesOf(text), at, bad),
      })),
      fc.tuple(keyArb, fc.constantFrom(...INVALID_UTF8)).map(([key, bad]) => {
        // Invalid bytes inside a string value, where a lenient decoder would let them through.
        const [before, after] = withRawField(text, key, '"\u0002"').split('\u0002');
        return { ...base, label: `${base.label} invalid-utf8-in(${key})`, body: new Uint8Array([...utf8.encode(before!), ...bad, ...utf8.encode(after!)]) };
      }),
      fc.nat({ max: text.length }).map((at) => ({ ...base, label: `${base.label} nul-byte@${at}`, body: splice(bytesOf(text), at, [0]) })),
      fc.tuple(keyArb, fc.constantFrom(...HOSTILE_VALUES)).map(([key, raw]) => ({
        ...base,
        label: `${base.label} ${key}=${raw.slice(0, 40)}`,
        body: withRawField(text, key, raw),
      })),
      fc.constantFrom(...POLLUTION).map((member) => ({ ...base, label: `${base.label} pollution(${member.slice(0, 30)})`, body: insertAfterBrace(text, member) })),
      fc.tuple(keyArb, fc.integer({ min: 1000, max: 30_000 }), fc.constantFrom('[', '{"a":')).map(([key, depth, open]) => {
        const close = open === '[' ? ']' : '}';
        const deep = `${open.repeat(depth)}${open === '[' ? '' : '1'}${close.repeat(depth)}`;
        return { ...base, label: `${base.label} deep(${key},${depth},${open})`, body: withRawField(text, key, deep) };
      }),
      fc.tuple(keyArb, fc.integer({ min: 1000, max: 60_000 }), fc.constantFrom('x', 'é', '\u{1F600}', '\\u0000')).map(([key, length, unit]) => ({
        ...base,
        label: `${base.label} huge(${key},${length}×${unit})`,
        body: withRawField(text, key, `"${unit.repeat(Math.floor(length / Math.max(1, utf8.encode(unit).length)))}"`),
      })),
      keyArb.map((key) => {
        const value = JSON.parse(text) as Record<string, unknown>;
        delete value[key];
        return { ...base, label: `${base.label} without(${key})`, body: JSON.stringify(value) };
      }),
      fc.tuple(keyArb, fc.constantFrom(...HOSTILE_VALUES)).map(([key, raw]) => ({
        ...base,
        label: `${base.label} duplicate-key(${key})`,
        body: `${text.replace(/}\s*$/, '')},${JSON.stringify(key)}:${raw}}`,
      })),
      fc.integer({ min: 1, max: 40 }).map((depth) => ({
        ...base,
        label: `${base.label} wrapped(${depth})`,
        body: `${'['.repeat(depth)}${text}${']'.repeat(depth)}`,
      })),
    );
  }
  return fc.oneof(...mutations);
}

function withoutContentType(headers: Record<string, string>): Record<string, string> {
  const { ['content-type']: _dropped, ...rest } = headers;
  return rest;
}

export function bodyBytes(request: WireRequest): Uint8Array | undefined {
  return request.body === undefined ? undefined : bytesOf(request.body);
}
