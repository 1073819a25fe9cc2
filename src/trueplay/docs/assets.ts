/** The Swagger UI files /docs needs, read from node_modules on first use only (start-up never touches them). */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A Map, not an object literal: the name comes from the URL, and `constructor` or `__proto__` must not be found. */
const CONTENT_TYPES = new Map([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
  ['swagger-ui-standalone-preset.js', 'text/javascript; charset=utf-8'],
  ['favicon-32x32.png', 'image/png'],
]);

export interface DocsAsset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

const cache = new Map<string, Promise<DocsAsset>>();
let packageDir: string | undefined;

/** The file, or undefined when it is not one the docs page uses (nothing else in node_modules is reachable). */
export function readDocsAsset(file: string): Promise<DocsAsset> | undefined {
  const contentType = CONTENT_TYPES.get(file);
  if (!contentType) return undefined;
  let asset = cache.get(file);
  if (!asset) {
    packageDir ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    asset = readFile(join(packageDir, file)).then((bytes) => ({ body: new Uint8Array(bytes), contentType }));
    asset.catch(() => cache.delete(file));
    cache.set(file, asset);
  }
  return asset;
}
