/**
 * The dashboard's browser script, inlined into the page: draws /sandbox/overview, follows
 * /sandbox/journal/stream (server-sent events, read over fetch), sends the control token when the sandbox asks for one, filters and expands journal entries, moves the clock.
 * Plain ES2020 in a string (no build step); data is only ever put into the page as text, never as HTML.
 */
export const DASHBOARD_SCRIPT = String.raw`
(function () {
  'use strict';
  var MAX_ENTRIES = 2000;
  var entries = new Map();      // journal entry id -> { entry, row, details }
  var maxSeenId = 0;
  var clock = null;             // { now (ms), frozen, readAt (ms) }
  var refreshTimer = null;
  var $ = function (selector) { return document.querySelector(selector); };
  var DIRECTION_LABELS = {};
  JSON.parse($('#dashboard-data').textContent).directions.forEach(function (d) { DIRECTION_LABELS[d.value] = d.label; });
  var sequence = window.TrueplaySequence;

  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) for (var key in props) {
      if (key === 'text') node.textContent = props[key];
      else if (key === 'className') node.className = props[key];
      else if (key.slice(0, 5) === 'data-') node.setAttribute(key, props[key]);
      else node[key] = props[key];
    }
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }
  function cell(text, className) { return el('td', { text: text === null || text === undefined ? '' : String(text), className: className || '' }); }
  function fill(tbody, rows, columns, emptyText) {
    tbody.replaceChildren.apply(tbody, rows.length ? rows : [el('tr', { className: 'empty' }, [el('td', { colSpan: columns, text: emptyText })])]);
  }
  function notice(text, isError) {
    var node = $('#notice');
    node.textContent = text;
    node.className = isError ? 'error' : '';
  }
  function errorText(body, status) {
    return body && body.error ? body.error.code + ': ' + body.error.message : 'HTTP ' + status;
  }
  // ---- the control token: a sandbox listening beyond this machine locks /sandbox/...; asked for once, kept for the tab ----
  var TOKEN_KEY = 'trueplay-sandbox.control-token';
  var asking = null;
  var declined = false;
  function storedToken() { try { return sessionStorage.getItem(TOKEN_KEY); } catch (e) { return null; } }
  function isLocked(response) { return response.status === 401 && /^Bearer/i.test(response.headers.get('www-authenticate') || ''); }
  function askForToken() {
    // Calls refused at the same moment share one question; a cancelled question is not asked again in this tab.
    if (declined) return Promise.resolve(false);
    if (!asking) {
      asking = Promise.resolve().then(function () {
        var given = window.prompt('This sandbox\'s control API is locked. Control token (printed by trueplay-sandbox start, or the one it was given):');
        asking = null;
        if (!given || !given.trim()) { declined = true; return false; }
        sessionStorage.setItem(TOKEN_KEY, given.trim());
        return true;
      });
    }
    return asking;
  }
  function controlFetch(path, init) {
    var send = function () {
      var token = storedToken();
      var headers = Object.assign({}, init && init.headers, token ? { authorization: 'Bearer ' + token } : {});
      return fetch(path, Object.assign({}, init, { headers: headers })).then(function (response) { return { response: response, token: token }; });
    };
    return send().then(function (sent) {
      if (!isLocked(sent.response)) return sent.response;
      // A wrong token is forgotten (unless another call already replaced it) and asked for again.
      if (sent.token && storedToken() === sent.token) sessionStorage.removeItem(TOKEN_KEY);
      return askForToken().then(function (got) { return got ? send().then(function (again) { return again.response; }) : sent.response; });
    });
  }
  function requestJson(method, path, body) {
    return controlFetch(path, {
      method: method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (response) {
      return response.text().then(function (text) {
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
        if (!response.ok) throw new Error(errorText(parsed, response.status));
        return parsed;
      });
    });
  }

  // ---- overview: clock, operators, users, campaigns ----
  function renderClock() {
    if (!clock) return;
    var now = clock.frozen ? clock.now : clock.now + (Date.now() - clock.readAt);
    $('#clock-now').textContent = new Date(now).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
    $('#clock-now').setAttribute('datetime', new Date(now).toISOString());
    var mode = $('#clock-mode');
    mode.textContent = clock.frozen ? 'frozen' : 'real time';
    mode.className = 'badge' + (clock.frozen ? '' : ' live');
  }
  function setClock(value) {
    clock = { now: Date.parse(value.now), frozen: value.frozen, readAt: Date.now() };
    renderClock();
  }
  function money(value, currency) { return value === null ? '—' : value + (currency ? ' ' + currency : ''); }

  function renderOverview(overview) {
    setClock(overview.clock);
    var operatorNames = new Map(overview.operators.map(function (o) { return [o.operatorId, o.name]; }));
    fill($('#operators tbody'), overview.operators.map(function (o) {
      return el('tr', { 'data-operator-id': String(o.operatorId) }, [
        cell(o.operatorId), cell(o.name), cell(o.apiKey, 'long'), cell(o.secretKey, 'long'), cell(o.currency), cell(o.exchangeRate),
        cell(o.withdrawalFeePercent + ' % / ' + o.purchaseFeePercent + ' %'),
        cell(o.callbackBaseUrl === null ? '(none)' : o.callbackBaseUrl, 'long'), cell(o.playerEventsEnabled ? 'on' : 'off'),
      ]);
    }), 9, 'no operators');

    fill($('#users tbody'), overview.users.map(function (u) {
      // The user's id is a button, so the keyboard can do what a click on the row does.
      var pick = el('button', { type: 'button', className: 'link-button', text: u.operatorUserId, title: 'filter the journal and draw the sequence of ' + u.operatorUserId });
      var row = el('tr', { 'data-user': u.operatorUserId }, [
        cell(operatorNames.get(u.operatorId) || u.operatorId), el('td', {}, [pick]), cell(u.trueplayUserId, 'long'), cell(u.kyc ? 'yes' : 'no'),
        cell(u.tokenBalance, 'num'), cell(money(u.casinoBalance, u.casinoCurrency), 'num'),
      ]);
      row.addEventListener('click', function () {
        $('#filter-user').value = u.operatorUserId;
        $('#sequence-subject').value = u.operatorUserId;
        applyFilters();
        drawSequence();
      });
      return row;
    }), 6, 'no users yet: the first /api/v1/accept, Create User or loyalty page visit creates one');
    $('#users-count').textContent = overview.users.length + (overview.usersTruncated ? '+ (first 1000 shown)' : '');
    $('#sequence-subjects').replaceChildren.apply($('#sequence-subjects'), overview.users.map(function (u) { return el('option', { value: u.operatorUserId }); }));

    fill($('#campaigns tbody'), overview.campaigns.map(function (item) {
      var c = item.campaign;
      var award = c.tokens !== null ? c.tokens + ' tokens' + (c.type === 'CUSTOM' ? ' per awarded user' : '')
        : c.percent + ' %' + (c.period ? ' ' + c.period.toLowerCase() : '') + (c.type === 'TOKEN_PURCHASE' ? ' of tokens bought' : '');
      var window = c.startsAt.slice(0, 16).replace('T', ' ') + ' → ' + (c.endsAt ? c.endsAt.slice(0, 16).replace('T', ' ') : '∞');
      var who = item.participants.length === 0 ? el('span', { text: String(c.participantCount) + (c.maxUsers ? ' / ' + c.maxUsers : '') })
        : el('details', {}, [el('summary', { text: c.participantCount + (c.maxUsers ? ' / ' + c.maxUsers : '') }),
            el('span', { text: item.participants.join(', ') + (c.participantCount > item.participants.length ? ', …' : '') })]);
      return el('tr', { 'data-campaign-id': String(c.id) }, [
        cell(c.id), cell(operatorNames.get(c.operatorId) || c.operatorId), cell(c.name), cell(c.type), cell(c.status),
        cell(award), cell(window), el('td', {}, [who]),
      ]);
    }), 8, 'no campaigns: POST /sandbox/campaigns or the config file creates them');
  }

  function refreshOverview() {
    return requestJson('GET', '/sandbox/overview').then(renderOverview, function (error) { notice('overview: ' + error.message, true); });
  }
  function refreshSoon() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(function () { refreshTimer = null; refreshOverview(); }, 250);
  }

  document.querySelectorAll('[data-advance]').forEach(function (button) {
    button.addEventListener('click', function () {
      moveClock({ advance: button.getAttribute('data-advance') }, 'advanced by ' + button.textContent);
    });
  });
  $('#clock-real-time').addEventListener('click', function () { moveClock({ realTime: true }, 'back to real time'); });
  function moveClock(body, what) {
    return requestJson('POST', '/sandbox/clock', body).then(function (result) {
      setClock(result);
      var awards = result.settled.reduce(function (sum, s) { return sum + s.awards; }, 0);
      notice('clock ' + what + (result.settled.length ? '; settled ' + result.settled.length + ' cashback period(s), ' + awards + ' award(s)' : ''));
      refreshOverview();
    }, function (error) { notice('clock: ' + error.message, true); });
  }

  // ---- journal ----
  var filters = { user: '', path: '', status: '', direction: '', warnings: false };
  function readFilters() {
    filters = {
      user: $('#filter-user').value.trim(),
      path: $('#filter-path').value.trim(),
      status: $('#filter-status').value.trim().toLowerCase(),
      direction: $('#filter-direction').value,
      warnings: $('#filter-warnings').checked,
    };
  }
  function statusMatches(status, wanted) {
    if (!wanted) return true;
    if (/^[1-5]xx$/.test(wanted)) return status !== null && String(status).charAt(0) === wanted.charAt(0);
    if (wanted === 'none') return status === null;
    return String(status) === wanted;
  }
  function visible(entry) {
    return (!filters.user || entry.operatorUserId === filters.user)
      && (!filters.path || entry.path.indexOf(filters.path) !== -1)
      && statusMatches(entry.status, filters.status)
      && (!filters.direction || entry.direction === filters.direction)
      && (!filters.warnings || warningsOf(entry).length > 0);
  }
  function warningsOf(entry) { return entry.warnings || []; }
  function applyFilters() {
    readFilters();
    entries.forEach(function (item) {
      var show = visible(item.entry);
      item.row.hidden = !show;
      if (item.details) item.details.hidden = !show || !item.row.classList.contains('open');
    });
    countEntries();
  }
  function countEntries() {
    var shown = 0;
    entries.forEach(function (item) { if (!item.row.hidden) shown++; });
    $('#journal-count').textContent = shown === entries.size ? entries.size + ' entries' : shown + ' of ' + entries.size + ' entries';
  }
  $('#journal-filters').addEventListener('input', applyFilters);
  $('#journal-filters').addEventListener('reset', function () { setTimeout(applyFilters, 0); });
  $('#journal-filters').addEventListener('submit', function (event) { event.preventDefault(); });

  function pretty(value) {
    if (value === null || value === undefined) return '(none)';
    return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  }
  function toggle(item) {
    var open = !item.row.classList.contains('open');
    item.row.classList.toggle('open', open);
    item.row.querySelector('button.expand').setAttribute('aria-expanded', String(open));
    if (open && !item.details) {
      var e = item.entry;
      // The bodies scroll when wide: focusable, so a keyboard can scroll them too.
      var grid = el('div', { className: 'details-grid' }, [
        el('div', {}, [el('h3', { text: 'request headers' }), el('pre', { className: 'request-headers', tabIndex: 0, text: pretty(e.requestHeaders) })]),
        el('div', {}, [el('h3', { text: 'request body' }), el('pre', { className: 'request-body', tabIndex: 0, text: pretty(e.requestBody) })]),
        el('div', {}, [el('h3', { text: 'response body (' + (e.status === null ? 'no answer' : e.status) + ')' }),
          el('pre', { className: 'response-body', tabIndex: 0, text: pretty(e.responseBody) })]),
      ]);
      if (warningsOf(e).length > 0) {
        grid.appendChild(el('div', { className: 'warnings' }, [el('h3', { text: 'warnings' }),
          el('ul', {}, warningsOf(e).map(function (w) { return el('li', { text: w.code + ': ' + w.message }); }))]));
      }
      item.details = el('tr', { className: 'details', 'data-details-for': String(e.id) }, [el('td', { colSpan: 8 }, [grid])]);
      item.row.after(item.details);
    }
    if (item.details) item.details.hidden = !open;
  }

  function addEntry(entry, live) {
    // The stream only ever sends ids above what this page has seen, unless POST /sandbox/reset restarted them.
    if (live && entry.id <= maxSeenId) clearJournal();
    if (entries.has(entry.id)) return;
    maxSeenId = Math.max(maxSeenId, entry.id);
    var statusClass = entry.status === null ? 'status-none' : 'status-' + String(entry.status).charAt(0);
    var expand = el('button', { type: 'button', className: 'expand link-button', text: String(entry.id), title: 'headers and bodies of entry ' + entry.id });
    expand.setAttribute('aria-expanded', 'false');
    var path = cell(sequence.shortPath(entry.path), 'path');
    // A loyalty link's session makes its paths long: the table shows the last segment, the full path on hover.
    if (path.textContent !== entry.path) path.title = entry.path;
    var warned = warningsOf(entry);
    var statusCell = cell(entry.status === null ? 'no answer' : entry.status, statusClass);
    if (warned.length > 0) {
      statusCell.appendChild(el('span', { className: 'badge warned', text: '⚠ ' + warned.length,
        title: warned.map(function (w) { return w.code; }).join(', ') }));
    }
    var row = el('tr', { className: 'entry' + (live ? ' new' : '') + (warned.length > 0 ? ' has-warnings' : ''), 'data-id': String(entry.id), 'data-direction': entry.direction }, [
      el('td', {}, [expand]), cell(entry.at.slice(11, 23)),
      cell(DIRECTION_LABELS[entry.direction] || entry.direction, 'dir'),
      cell(entry.method), path, statusCell,
      cell(entry.durationMs, 'num'), cell(entry.operatorUserId),
    ]);
    var item = { entry: entry, row: row, details: null };
    row.addEventListener('click', function () { toggle(item); });
    if (live && sequence.concerns(entry, subject())) drawSequenceSoon();
    row.hidden = !visible(entry);
    var tbody = $('#journal tbody');
    // Newest on top.
    tbody.insertBefore(row, tbody.firstChild);
    entries.set(entry.id, item);
    if (entries.size > MAX_ENTRIES) {
      var oldest = entries.keys().next().value;
      var gone = entries.get(oldest);
      gone.row.remove();
      if (gone.details) gone.details.remove();
      entries.delete(oldest);
    }
  }
  function clearJournal() {
    entries.forEach(function (item) { item.row.remove(); if (item.details) item.details.remove(); });
    entries.clear();
    maxSeenId = 0;
    drawSequenceSoon();
  }

  // ---- sequence diagram of one user or exchange, redrawn as its calls arrive ----
  var drawPending = false;
  function subject() { return $('#sequence-subject').value.trim(); }
  function drawSequence() {
    var ordered = [];
    entries.forEach(function (item) { ordered.push(item.entry); });
    ordered.sort(function (a, b) { return a.id - b.id; });
    var drawn = sequence.draw($('#sequence'), ordered, subject());
    $('#sequence-count').textContent = subject() ? drawn + ' call(s) of ' + subject() : 'nothing selected';
  }
  function drawSequenceSoon() {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(function () { drawPending = false; drawSequence(); });
  }
  $('#sequence-form').addEventListener('input', drawSequence);
  $('#sequence-form').addEventListener('submit', function (event) { event.preventDefault(); });
  window.addEventListener('resize', drawSequenceSoon);

  // The live journal over fetch, not EventSource: only fetch can send the control token. Each reconnection asks
  // for what came after the newest entry shown, as an EventSource's Last-Event-ID would.
  function follow() {
    var state = $('#stream-state');
    var retry = function () {
      state.textContent = 'reconnecting…';
      state.className = 'badge down';
      setTimeout(follow, 2000);
    };
    controlFetch('/sandbox/journal/stream?afterId=' + maxSeenId, { headers: { accept: 'text/event-stream' } }).then(function (response) {
      if (!response.ok || !response.body) return retry();
      state.textContent = 'live';
      state.className = 'badge live';
      var reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      var buffer = '';
      var read = function () {
        return reader.read().then(function (chunk) {
          if (chunk.done) return retry();
          buffer = (buffer + chunk.value).replace(/\r\n?/g, '\n');
          var events = buffer.split('\n\n');
          buffer = events.pop();
          events.forEach(receive);
          return read();
        });
      };
      return read();
    }).catch(retry);
  }
  function receive(block) {
    var type = 'message';
    var data = [];
    block.split('\n').forEach(function (line) {
      if (line.indexOf('event:') === 0) type = line.slice(6).trim();
      else if (line.indexOf('data:') === 0) data.push(line.slice(5).replace(/^ /, ''));
    });
    if (type !== 'entry' || data.length === 0) return;
    addEntry(JSON.parse(data.join('\n')), true);
    countEntries();
    refreshSoon();
  }

  // A link cannot carry the token: with one, the scenario file is fetched and handed to the browser as a download.
  $('#save-scenario').addEventListener('click', function (event) {
    if (!storedToken()) return;
    event.preventDefault();
    controlFetch($('#save-scenario').getAttribute('href')).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.blob();
    }).then(function (blob) {
      var link = el('a', { href: URL.createObjectURL(blob), download: 'recorded-scenario.yaml' });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }, function (error) { notice('save as scenario: ' + error.message, true); });
  });

  setInterval(renderClock, 1000);
  // Control-API changes (campaigns, operators) leave no journal entry: look again now and then.
  setInterval(function () { if (!document.hidden) refreshOverview(); }, 5000);
  window.addEventListener('focus', refreshOverview);

  Promise.all([refreshOverview(), requestJson('GET', '/sandbox/journal?limit=500')]).then(function (results) {
    results[1].items.forEach(function (entry) { addEntry(entry, false); });
    countEntries();
    drawSequence();
    follow();
  }, function (error) {
    notice('journal: ' + error.message, true);
    follow();
  });
})();
`;
