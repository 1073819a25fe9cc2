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
  <style>body { margin: 0; } .topbar-wrapper .link { visibility: hidden; } #back { display: block; padding: 8px 24px; background: #1b1b1b; color: #fff; font: 14px sans-serif; }
    #rules { max-width: 1460px; margin: 16px auto 0; padding: 0 20px; font: 14px sans-serif; color: #3b4151; }
    #rules summary { font-size: 20px; font-weight: 600; cursor: pointer; }
    #rules table { border-collapse: collapse; width: 100%; margin-top: 8px; }
    #rules td, #rules th { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
    #rules code { font-size: 12px; }
    .basis { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; white-space: nowrap; }
    .basis-documented { background: #49cc9033; color: #1b6e44; } .basis-decided { background: #fca13033; color: #8a4b00; }</style>
</head>
<body>
  <a id="back" href="/">← dashboard</a>
  <details id="rules" open>
    <summary>Rules and where each comes from</summary>
    <p>From <code>GET /sandbox/rules</code>: <b>documented</b> rules follow Trueplay's public docs (refused under an
      operator's default <code>validation: documented</code>), <b>decided</b> ones are the sandbox's choice where the
      docs are silent. Operations and schemas below show theirs as <code>x-basis</code>.</p>
    <table><thead><tr><th>code</th><th>rule</th><th>basis</th><th>source or reason</th></tr></thead><tbody></tbody></table>
  </details>
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
      // x-basis, x-source and x-reason beside each operation and schema.
      showExtensions: true,
    });
    // The rule list above both documents, from the same source as GET /sandbox/rules.
    fetch('/sandbox/rules').then(function (response) { return response.json(); }).then(function (list) {
      var tbody = document.querySelector('#rules tbody');
      list.items.filter(function (rule) { return rule.kind === 'rule' || rule.kind === 'warning'; }).forEach(function (rule) {
        var row = document.createElement('tr');
        row.setAttribute('data-rule', rule.code);
        var cells = [rule.code, rule.text + (rule.lenient ? ' (lenient: a warning)' : ''), rule.kind === 'warning' ? 'warning' : rule.basis, rule.source || rule.reason];
        cells.forEach(function (text, i) {
          var td = document.createElement('td');
          if (i === 0) { var code = document.createElement('code'); code.textContent = text; td.appendChild(code); }
          else if (i === 2) { var badge = document.createElement('span'); badge.className = 'basis basis-' + rule.basis; badge.textContent = text === 'warning' ? 'decided · warning' : text; td.appendChild(badge); }
          else if (i === 3 && rule.source) { var a = document.createElement('a'); a.href = rule.source; a.textContent = rule.source; td.appendChild(a); }
          else td.textContent = text;
          row.appendChild(td);
        });
        tbody.appendChild(row);
      });
    });
  </script>
</body>
</html>`.toString();
}
