/** Server-rendered loyalty page (no build step): balance, campaigns, history, and the buy/withdraw forms. */
import { randomBytes } from 'node:crypto';
import { html, raw } from 'hono/html';
import { minimumTokens } from '../../domain/exchange.js';
import { toWireNumber, type Decimal } from '../../domain/money.js';
import type { OperatorRecord } from '../../store/trueplay-store.js';
import type { Schemas } from '../wire.js';
import { createFormatters, newestFirst } from './format.js';
import { fill, labelsFor, localeOf, type LoyaltyLabels } from './i18n.js';
import { LOYALTY_PAGE_SCRIPT } from './page-script.js';
import { LOYALTY_PAGE_STYLE } from './page-style.js';
import { STAKE_PERIODS } from '../../domain/hold-to-earn.js';

export interface LoyaltyPageModel {
  state: Schemas['LoyaltyState'];
  /** The exchange terms shown under the balance. */
  operator: Pick<OperatorRecord, 'currency' | 'exchangeRate' | 'withdrawalFeePercent' | 'purchaseFeePercent'>;
  /** The page's own path: the forms post to `{basePath}/purchase` and `/withdraw`, the script reads `{basePath}/state`. */
  basePath: string;
}

/**
 * The page as a response. A fresh nonce lets only our own inline style and script run (so even a missed escape
 * could not run a script), and `frame-ancestors` says who may embed it; there is no X-Frame-Options on purpose.
 */
export function loyaltyPageResponse(model: LoyaltyPageModel, frameAncestors: string): Response {
  return pageResponse(200, frameAncestors, (nonce) => renderLoyaltyPage({ ...model, nonce }));
}

/** What went wrong with a link, as the player is told it: each kind has its own title, text and way out. */
export type LinkProblem = 'expired' | 'invalid' | 'closed';

/**
 * The page a player's browser gets instead of a JSON error when the link cannot open (the status stays): what
 * happened, in the link's language, and that the casino can open a new link. Styled like the loyalty page.
 */
export function linkProblemResponse(status: number, problem: LinkProblem, lang: string, frameAncestors: string): Response {
  return pageResponse(status, frameAncestors, (nonce) => renderLinkProblemPage(problem, lang, nonce));
}

const PROBLEM_LABELS = {
  expired: ['linkExpiredTitle', 'linkExpiredText', 'newLinkHint'],
  invalid: ['linkInvalidTitle', 'linkInvalidText', 'newLinkHint'],
  closed: ['programClosedTitle', 'programClosedText', 'closedHint'],
} as const satisfies Record<LinkProblem, readonly [keyof LoyaltyLabels, keyof LoyaltyLabels, keyof LoyaltyLabels]>;

export function renderLinkProblemPage(problem: LinkProblem, lang: string, nonce: string): string {
  const t = labelsFor(lang);
  const [title, text, hint] = PROBLEM_LABELS[problem].map((key) => t[key]);
  return html`${pageHead(localeOf(lang), `${title} · ${t.title}`, nonce)}
<body data-link-problem="${problem}">
<main>
  <header><p class="program">${t.title}</p></header>
  <section class="card problem problem-${problem}" aria-labelledby="problem-title">
    <h1 id="problem-title">${title}</h1>
    <p id="problem-text">${text}</p>
    <p id="problem-hint">${hint}</p>
  </section>
</main>
</body>
</html>`.toString();
}

function pageResponse(status: number, frameAncestors: string, render: (nonce: string) => string): Response {
  const nonce = randomBytes(16).toString('base64');
  return new Response(render(nonce), {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': loyaltyPagePolicy(nonce, frameAncestors),
      'cache-control': 'no-store',
      // The session in the URL is the credential: never hand it on in a Referer.
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    },
  });
}

export function loyaltyPagePolicy(nonce: string, frameAncestors: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

export function renderLoyaltyPage({ state, operator, basePath, nonce }: LoyaltyPageModel & { nonce: string }): string {
  const t = labelsFor(state.lang);
  const f = createFormatters(state.lang, t);
  const names = new Map(state.campaigns.map((c) => [c.id, c.name]));
  const history = newestFirst(state.history).map((entry) => f.historyRow(entry, names));
  const clientData = { basePath, locale: f.locale, labels: t };

  return html`${pageHead(f.locale, t.title, nonce)}
<body>
<main>
  <header>
    <h1>${t.title}</h1>
    <p class="player">${t.player}: <span id="operator-user-id">${state.operatorUserId}</span></p>
  </header>

  <section class="card balance" aria-labelledby="balance-title">
    <div>
      <h2 id="balance-title">${t.balance}</h2>
      <p class="balance-value" id="token-balance" aria-live="polite">${f.tokens(state.tokenBalance)}</p>
    </div>
    <ul class="terms">
      <li>${fill(t.rate, { amount: f.money(toWireNumber(operator.exchangeRate), operator.currency) })}</li>
      <li>${fill(t.withdrawalFee, { percent: f.percent(toWireNumber(operator.withdrawalFeePercent)) })}</li>
      <li>${fill(t.purchaseFee, { percent: f.percent(toWireNumber(operator.purchaseFeePercent)) })}</li>
    </ul>
  </section>

  <section class="actions">
    ${exchangeForm('purchase', 'buy', t.buyTitle, t.buyHelp, t.buyButton, t, minimumTokens('DEBIT', operator), f.tokens)}
    ${exchangeForm('withdraw', 'withdraw', t.withdrawTitle, t.withdrawHelp, t.withdrawButton, t, minimumTokens('CREDIT', operator), f.tokens)}
  </section>
  <div class="notice" id="exchange-result" role="status" aria-live="polite"></div>
  <div class="notice" id="exchange-error" role="alert"></div>

  <section class="actions">
    <form class="card" id="stake-form" data-stake aria-labelledby="stake-title" novalidate>
      <h2 id="stake-title">${t.stakeTitle}</h2>
      <p id="stake-help">${t.stakeHelp} ${fill(t.stakeLimit, { tokens: f.tokens(state.holdToEarn.maxStakePerUser) })}</p>
      <label for="stake-amount">${t.tokenAmount}</label>
      <input id="stake-amount" name="tokenAmount" type="number" min="0.01" step="0.01" inputmode="decimal" required aria-describedby="stake-help">
      <label for="stake-period">${t.stakePeriod}</label>
      <select id="stake-period" name="period">${STAKE_PERIODS.map(
        (period) => html`<option value="${period}"${raw(period === 'P1D' ? ' selected' : '')}>${fill(t.periodReward, {
          period: t[`period${period}`], percent: f.percent(state.holdToEarn.periods[period]) })}</option>`,
      )}</select>
      <button type="submit">${t.stakeButton}</button>
    </form>
    <section class="card stakes" aria-labelledby="stakes-title">
      <h2 id="stakes-title">${t.activeStakes}</h2>
      <ul id="stake-list">${state.stakes.map((stake) => html`<li class="stake" data-stake-id="${stake.id}">${f.stakeEntry(stake)}</li>`)}</ul>
      <p class="empty" id="no-stakes"${hiddenIf(state.stakes.length > 0)}>${t.noStakes}</p>
    </section>
  </section>

  <section class="card campaigns" aria-labelledby="campaigns-title">
    <h2 id="campaigns-title">${t.campaigns}</h2>
    <ul id="campaign-list">${state.campaigns.map(
      (c) => html`
      <li class="campaign" data-campaign-id="${c.id}">
        <span class="campaign-type">${(t as Record<string, string>)[`campaign${c.type}`] ?? c.type}</span>
        <strong class="campaign-name">${c.name}</strong>
        <span class="campaign-reward">${f.campaignReward(c)}</span>
        <span class="campaign-ends">${c.endsAt ? fill(t.endsAt, { date: f.dateTime(c.endsAt) }) : t.noEndDate}</span>
      </li>`,
    )}</ul>
    <p class="empty" id="no-campaigns"${hiddenIf(state.campaigns.length > 0)}>${t.noCampaigns}</p>
  </section>

  <section class="card history" aria-labelledby="history-title">
    <h2 id="history-title">${t.history}</h2>
    <div class="table-wrap">
      <table id="history-table"${hiddenIf(history.length === 0)}>
        <caption>${t.historyCaption}</caption>
        <thead><tr>
          <th scope="col">${t.colDate}</th><th scope="col">${t.colEvent}</th><th scope="col" class="num">${t.colTokens}</th>
          <th scope="col" class="num">${t.colAmount}</th><th scope="col">${t.colStatus}</th>
        </tr></thead>
        <tbody id="history-rows">${history.map(
          (row) => html`
          <tr data-status="${row.statusCode}"><td>${row.date}</td><td>${row.event}</td><td class="num">${row.tokens}</td><td class="num">${row.amount}</td><td><span class="badge badge-${row.statusCode.toLowerCase()}">${row.status}</span></td></tr>`,
        )}</tbody>
      </table>
    </div>
    <p class="empty" id="no-history"${hiddenIf(history.length > 0)}>${t.noHistory}</p>
  </section>
</main>
<script type="application/json" id="loyalty-data">${raw(scriptSafeJson(clientData))}</script>
<script nonce="${nonce}">${raw(LOYALTY_PAGE_SCRIPT)}</script>
</body>
</html>`.toString();
}

/** The head both pages share: language, phone-width viewport, no Referer, the title, our one (nonce'd) stylesheet. */
function pageHead(locale: string, title: string, nonce: string) {
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style nonce="${nonce}">${raw(LOYALTY_PAGE_STYLE)}</style>
</head>`;
}

/** A form; `least` is the fewest tokens whose exchange is worth a minor unit (fewer is AMOUNT_TOO_SMALL), null for none. */
function exchangeForm(
  action: 'purchase' | 'withdraw', id: string, title: string, help: string, button: string, t: LoyaltyLabels,
  least: Decimal | null, tokens: (amount: number) => string,
) {
  const min = least === null ? '0.01' : least.toString();
  return html`<form class="card" id="${id}-form" data-exchange="${action}" aria-labelledby="${id}-title" novalidate>
      <h2 id="${id}-title">${title}</h2>
      <p id="${id}-help">${help}</p>
      <p class="minimum" id="${id}-minimum" data-minimum="${min}"${hiddenIf(least === null)}>${fill(t.minimumTokens, { tokens: tokens(Number(min)) })}</p>
      <label for="${id}-amount">${t.tokenAmount}</label>
      <input id="${id}-amount" name="tokenAmount" type="number" min="${min}" step="0.01" inputmode="decimal" required aria-describedby="${id}-help ${id}-minimum">
      <button type="submit">${button}</button>
    </form>`;
}

const hiddenIf = (hidden: boolean) => raw(hidden ? ' hidden' : '');

/** JSON inside <script>: `<` is escaped so no text can close the element or open a comment. */
const scriptSafeJson = (value: unknown) =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
