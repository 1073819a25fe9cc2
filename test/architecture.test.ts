/**
 * The import rules of ARCHITECTURE.md, read from the source: the domain imports only the domain and its
 * libraries, no service imports hono or src/http, and only the Node adapter reads Node's request.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file imports (static or dynamic), local ones as paths from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specifiers.map((specifier) => (specifier.startsWith('.') ? relative(ROOT, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts') : specifier));
}

const files = sourceFiles(SRC);
const inFolder = (folder: string) => files.filter((file) => relative(ROOT, file).startsWith(`${folder}/`));
const offending = (group: string[], allowed: (specifier: string) => boolean) =>
  group.flatMap((file) => importsOf(file).filter((specifier) => !allowed(specifier)).map((specifier) => `${relative(ROOT, file)} imports ${specifier}`));

describe('the import rules of ARCHITECTURE.md', () => {
  it('reads the imports it judges (the rules below are not vacuous)', () => {
    expect(inFolder('src/domain').length).toBeGreaterThan(10);
    expect(importsOf(join(SRC, 'trueplay/services/game-transactions.ts'))).toContain('src/domain/cashback.ts');
    expect(importsOf(join(SRC, 'http/errors.ts'))).toContain('hono/http-exception');
  });

  it('the domain imports only the domain and its libraries', () => {
    const libraries = new Set(['decimal.js', 'node:crypto']);
    expect(offending(inFolder('src/domain'), (s) => s.startsWith('src/domain/') || libraries.has(s))).toEqual([]);
  });

  it('no service imports hono or src/http', () => {
    const services = [...inFolder('src/trueplay/services'), ...inFolder('src/wallet/services')];
    expect(services.length).toBeGreaterThan(5);
    expect(offending(services, (s) => !(s === 'hono' || s.startsWith('hono/') || s.startsWith('src/http/')))).toEqual([]);
  });

  it("only the Node adapter reads Node's request (pact-js's request filter gets one from its own proxy)", () => {
    const readers = files.filter((file) => /\bIncomingMessage\b/.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file));
    expect(readers.sort()).toEqual(['src/contracts/resign-filter.ts', 'src/http/node-adapter.ts']);
  });
});
