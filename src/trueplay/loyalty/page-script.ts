/**
 * The loyalty page's only script (inline, no build step): sends the buy/withdraw forms with fetch, shows the
 * result or the error's message, then re-renders balance, campaigns and history from GET {page}/state.
 * Its formatting mirrors format.ts. Everything dynamic goes in as text nodes, never as HTML.
 */
export const LOYALTY_PAGE_SCRIPT = String.raw`
(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('loyalty-data').textContent);
  const t = data.labels;
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
  const tokenFormat = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 2 });
  const signedFormat = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  const percentFormat = new Intl.NumberFormat(data.locale, { style: 'percent', maximumFractionDigits: 2 });
  const plainMoney = new Intl.NumberFormat(data.locale, { minimumFractionDigits: 2, maximumFractionDigits: 8 });
  const dateFormat = new Intl.DateTimeFormat(data.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const money = (amount, currency) => {
    try {
      return new Intl.NumberFormat(data.locale, { style: 'currency', currency, maximumFractionDigits: 8 }).format(amount);
    } catch {
      return plainMoney.format(amount) + ' ' + currency;
    }
  };
  const label = (key, fallback) => (typeof t[key] === 'string' ? t[key] : fallback);
  const el = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };
  const $ = (id) => document.getElementById(id);

  const campaignReward = (c) => {
    if (c.type === 'CASHBACK') return fill(t.rewardCashback, { percent: percentFormat.format((c.percent ?? 0) / 100), period: label('period' + (c.period ?? 'DAILY'), '') });
    if (c.type === 'DEPOSIT' && c.percent !== null) return fill(t.rewardDepositPercent, { percent: percentFormat.format(c.percent / 100) });
    if (c.type === 'TOKEN_PURCHASE') return fill(t.rewardPurchasePercent, { percent: percentFormat.format((c.percent ?? 0) / 100) });
    return fill(t.rewardTokens, { tokens: tokenFormat.format(c.tokens ?? 0) });
  };

  const stakeEntry = (s) => fill(t.stakeEntry, {
    tokens: tokenFormat.format(s.tokenAmount), period: label('period' + s.period, s.period),
    reward: tokenFormat.format(s.reward), date: dateFormat.format(new Date(s.endsAt)),
  });

  const historyRow = (entry, names) => {
    const exchange = entry.kind === 'EXCHANGE';
    const statusCode = exchange ? (entry.status ?? 'PENDING') : 'OK';
    const campaign = names.get(entry.campaignId) ?? label('campaign' + entry.campaignType, '');
    const sign = (exchange && entry.action === 'CREDIT') || entry.kind === 'PLAY_TO_EARN_ROLLBACK' || entry.kind === 'STAKE' ? -1 : 1;
    const event = entry.kind === 'PLAY_TO_EARN' ? t.eventPlayToEarn
      : entry.kind === 'PLAY_TO_EARN_ROLLBACK' ? t.eventPlayToEarnRollback
      : entry.kind === 'STAKE' ? t.eventStake
      : entry.kind === 'HOLD_TO_EARN' ? t.eventHoldToEarn
      : exchange ? (entry.action === 'DEBIT' ? t.eventPurchase : t.eventWithdrawal) : fill(t.eventAward, { campaign });
    const tokens = statusCode === 'FAILED' ? tokenFormat.format(entry.tokenAmount) : signedFormat.format(sign * entry.tokenAmount);
    const amount = exchange && entry.amount !== null && entry.currency !== null ? money(entry.amount, entry.currency) : '—';
    return el('tr', { 'data-kind': entry.kind, 'data-status': statusCode },
      el('td', {}, dateFormat.format(new Date(entry.at))),
      el('td', {}, event),
      el('td', { class: 'num' }, tokens),
      el('td', { class: 'num' }, amount),
      el('td', {}, el('span', { class: 'badge badge-' + statusCode.toLowerCase() }, label('status' + statusCode, statusCode))));
  };

  const render = (state) => {
    $('token-balance').textContent = tokenFormat.format(state.tokenBalance);
    $('campaign-list').replaceChildren(...state.campaigns.map((c) => el('li', { class: 'campaign', 'data-campaign-id': String(c.id) },
      el('span', { class: 'campaign-type' }, label('campaign' + c.type, c.type)),
      el('strong', { class: 'campaign-name' }, c.name),
      el('span', { class: 'campaign-reward' }, campaignReward(c)),
      el('span', { class: 'campaign-ends' }, c.endsAt ? fill(t.endsAt, { date: dateFormat.format(new Date(c.endsAt)) }) : t.noEndDate))));
    $('no-campaigns').hidden = state.campaigns.length > 0;
    $('stake-list').replaceChildren(...state.stakes.map((s) => el('li', { class: 'stake', 'data-stake-id': s.id }, stakeEntry(s))));
    $('no-stakes').hidden = state.stakes.length > 0;
    const names = new Map(state.campaigns.map((c) => [c.id, c.name]));
    const history = [...state.history].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    $('history-rows').replaceChildren(...history.map((entry) => historyRow(entry, names)));
    $('history-table').hidden = history.length === 0;
    $('no-history').hidden = history.length > 0;
  };

  const result = $('exchange-result');
  const problem = $('exchange-error');
  const report = (text) => problem.append(el('p', {}, text));
  const messageOf = (reply) => reply.payload?.error?.message ?? 'HTTP ' + reply.status;
  const call = async (method, path, body) => {
    const response = await fetch(data.basePath + path, {
      method,
      cache: 'no-store',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let payload = null;
    try {
      payload = await response.json();
    } catch {
      payload = null;
    }
    return { ok: response.ok, status: response.status, payload };
  };

  const refresh = async () => {
    try {
      const reply = await call('GET', '/state');
      if (reply.ok && reply.payload) render(reply.payload);
      else report(t.refreshFailed + ' ' + messageOf(reply));
    } catch {
      report(t.refreshFailed + ' ' + t.networkError);
    }
  };

  /**
   * Both forms: the token amount is checked first (a number input always writes it with a dot; at most 2 decimals,
   * as the contract allows), then send(tokenAmount) runs with the button busy, and the page is refreshed after.
   */
  const sendTokens = async (form, send, { marksFormBusy = false } = {}) => {
    const input = form.elements.namedItem('tokenAmount');
    const button = form.querySelector('button[type="submit"]');
    result.textContent = '';
    problem.replaceChildren();
    if (!/^\d+(\.\d{1,2})?$/.test(input.value) || Number(input.value) <= 0) {
      report(t.invalidAmount);
      input.focus();
      return;
    }
    const idle = button.textContent;
    button.disabled = true;
    button.textContent = t.working;
    if (marksFormBusy) form.setAttribute('aria-busy', 'true');
    try {
      if (await send(Number(input.value))) input.value = '';
    } catch {
      report(t.networkError);
    } finally {
      button.disabled = false;
      button.textContent = idle;
      if (marksFormBusy) form.removeAttribute('aria-busy');
    }
    await refresh();
  };

  /** Answers whether it was done (the amount is then cleared). */
  const exchange = async (tokenAmount, form) => {
    const reply = await call('POST', '/' + form.dataset.exchange, { tokenAmount });
    if (!reply.ok || !reply.payload?.exchange) {
      report(t.exchangeFailed + ' ' + messageOf(reply));
      return false;
    }
    const { exchange: sent, status, tokenBalance } = reply.payload;
    const done = status === 'PENDING'
      ? t.exchangePending
      : fill(sent.action === 'DEBIT' ? t.purchaseDone : t.withdrawalDone, { amount: money(sent.amount, sent.currency) });
    result.textContent = done + ' ' + fill(t.newBalance, { balance: tokenFormat.format(tokenBalance) });
    // A pending exchange must not look done: it has its own colour (and words) until the casino answers.
    result.dataset.status = status === 'PENDING' ? 'pending' : 'ok';
    $('token-balance').textContent = tokenFormat.format(tokenBalance);
    return true;
  };

  const stakeForm = $('stake-form');
  const stake = async (tokenAmount) => {
    const period = stakeForm.elements.namedItem('period').value;
    const reply = await call('POST', '/stake', { tokenAmount, period });
    if (!reply.ok || !reply.payload?.stake) {
      report(t.stakeFailed + ' ' + messageOf(reply));
      return false;
    }
    const { stake: made, tokenBalance } = reply.payload;
    result.textContent = fill(t.stakeDone, { tokens: tokenFormat.format(made.tokenAmount), date: dateFormat.format(new Date(made.endsAt)) })
      + ' ' + fill(t.newBalance, { balance: tokenFormat.format(tokenBalance) });
    return true;
  };
  stakeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void sendTokens(stakeForm, stake);
  });

  for (const form of document.querySelectorAll('form[data-exchange]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      // An earlier answer's colour goes with its words.
      delete result.dataset.status;
      void sendTokens(form, (tokenAmount) => exchange(tokenAmount, form), { marksFormBusy: true });
    });
  }
  document.body.dataset.ready = 'true';
})();
`;
