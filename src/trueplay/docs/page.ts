/** The /docs page: Swagger UI with both OpenAPI documents as this sandbox serves them (naming its real URLs). */
import { html } from 'hono/html';

export function renderDocsPage(): string {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>trueplay-sandbox API docs</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
  <style>body { margin: 0; } .topbar-wrapper .link { visibility: hidden; } #back { position: absolute; top: 18px; left: 24px; color: #fff; font: 14px sans-serif; z-index: 1; }</style>
</head>
<body>
  <a id="back" href="/">← dashboard</a>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      urls: [
        { url: '/openapi/trueplay.yaml', name: 'fake Trueplay (trueplay.yaml)' },
        { url: '/openapi/operator.yaml', name: 'operator side (operator.yaml)' },
      ],
      dom_id: '#swagger-ui',
      deepLinking: true,
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: 'StandaloneLayout',
      // No online validator badge: the page must not reach outside the sandbox.
      validatorUrl: null,
    });
  </script>
</body>
</html>`.toString();
}
