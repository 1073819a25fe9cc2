/**
 * API docs at /docs: Swagger UI over openapi/trueplay.yaml and openapi/operator.yaml, its scripts served
 * from the installed swagger-ui-dist package, so the page works offline and loads nothing from elsewhere.
 */
import type { Hono } from 'hono';
import type { operations } from '../../openapi/generated/trueplay.js';
import { refusal } from '../../domain/errors.js';
import { contractRouter } from '../../http/contract-routes.js';
import type { SandboxEnv } from '../../http/env.js';
import { readDocsAsset } from './assets.js';
import { renderDocsPage } from './page.js';

export function registerApiDocs(app: Hono<SandboxEnv>): void {
  const operation = contractRouter<operations>(app, 'trueplay');

  operation('getApiDocs', () =>
    new Response(renderDocsPage(), { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }));

  operation('getApiDocsAsset', async ({ params }) => {
    const asset = await readDocsAsset(params.file);
    if (!asset) throw refusal('NOT_FOUND', `no documentation file "${params.file}"`);
    return new Response(asset.body, {
      status: 200,
      headers: { 'content-type': asset.contentType, 'cache-control': 'public, max-age=3600' },
    });
  });
}
