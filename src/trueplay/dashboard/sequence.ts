/**
 * The dashboard's sequence diagram, as a browser script inlined before the page's own: the journal entries of one
 * user or one exchange drawn as calls between the parties (player, operator, Trueplay, wallet), in SVG, with
 * retries, injected faults, pending answers and settlement marked. Plain ES2020 in a string (no build step);
 * every label goes in as a text node. It defines `window.TrueplaySequence = { draw, exchangeIdOf, concerns }`.
 */
export const SEQUENCE_SCRIPT = String.raw`
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var MAX_MESSAGES = 80;
  var NAMES = { player: 'player', operator: 'operator', trueplay: 'Trueplay', wallet: 'wallet', control: 'control' };

  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    for (var key in attributes) node.setAttribute(key, String(attributes[key]));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function body(value) { return value && typeof value === 'object' ? value : {}; }

  /** The exchange an entry is about: the Token Exchange id it sent, or the one the loyalty page answered. */
  function exchangeIdOf(entry) {
    var sent = body(entry.requestBody), answered = body(entry.responseBody);
    if (typeof sent.id === 'string' && entry.direction === 'trueplay->operator') return sent.id;
    if (answered.exchange && typeof answered.exchange.id === 'string') return answered.exchange.id;
    return null;
  }
  function userOf(entry) {
    if (entry.operatorUserId) return entry.operatorUserId;
    var sent = body(entry.requestBody);
    return typeof sent.operatorUserId === 'string' ? sent.operatorUserId : null;
  }
  function concerns(entry, subject) {
    return !!subject && (userOf(entry) === subject || exchangeIdOf(entry) === subject);
  }

  /** Who called whom: the journal's direction, and the loyalty page's calls as the player's (older journals). */
  function partiesOf(entry) {
    if (entry.direction === 'trueplay->operator') return ['trueplay', 'wallet'];
    if (entry.direction === 'player->trueplay' || entry.path.indexOf('/loyalty/') === 0) return ['player', 'trueplay'];
    if (entry.direction === 'control') return ['control', 'trueplay'];
    return ['operator', 'trueplay'];
  }
  function shortPath(path) {
    var loyalty = /^\/loyalty\/[^/]+(\/.*)?$/.exec(path);
    if (loyalty) return '/loyalty/…' + (loyalty[1] || '');
    return path.length > 34 ? '…' + path.slice(-33) : path;
  }

  /** One call and its answer, with what the diagram marks on it, and when each happened (real ms). */
  function messagesOf(entries) {
    var tries = new Map();
    return entries.slice(-MAX_MESSAGES).map(function (entry) {
      // An entry is journaled when its answer is known: it was sent durationMs before that.
      var end = Date.parse(entry.realAt || entry.at);
      var parties = partiesOf(entry);
      var answer = body(entry.responseBody);
      var code = answer.error && answer.error.code;
      var id = exchangeIdOf(entry);
      var marks = [];
      if (entry.direction === 'trueplay->operator' && id) {
        var n = (tries.get(id) || 0) + 1;
        tries.set(id, n);
        if (n > 1) marks.push('retry');
      }
      if (code === 'INJECTED_FAULT') marks.push('fault');
      if (entry.status === null) marks.push('no-answer');
      if (answer.status === 'PENDING') marks.push('pending');
      var exchangeCall = entry.direction === 'trueplay->operator' && /token-exchange/.test(entry.path);
      if ((exchangeCall && entry.status !== null && entry.status >= 200 && entry.status < 300) || (answer.status === 'OK' && answer.exchange)) marks.push('settled');
      if (Array.isArray(answer.settled) && answer.settled.length > 0) marks.push('settled');
      var reply = entry.status === null ? 'no answer' : String(entry.status) + (code ? ' ' + code : '');
      if (marks.indexOf('pending') !== -1) reply += ' PENDING';
      return { entry: entry, from: parties[0], to: parties[1], call: entry.method + ' ' + shortPath(entry.path), reply: reply, marks: marks,
        exchangeId: id, start: end - (entry.durationMs || 0), end: end };
    });
  }

  /**
   * Calls and answers in the order they happened. Journal times are whole milliseconds, so a Token Exchange made
   * while the loyalty page's call waited is put inside that call explicitly (same exchange id, answered before it).
   */
  function eventsOf(messages) {
    messages.forEach(function (inner) {
      if (inner.entry.direction !== 'trueplay->operator' || !inner.exchangeId) return;
      messages.forEach(function (outer) {
        if (outer === inner || outer.from !== 'player' || outer.exchangeId !== inner.exchangeId || inner.end > outer.end + 1) return;
        inner.start = Math.max(inner.start, outer.start + 0.001);
        inner.end = Math.min(inner.end, outer.end - 0.001);
      });
    });
    var events = [];
    messages.forEach(function (m) { events.push({ kind: 'call', at: m.start, m: m }, { kind: 'reply', at: m.end, m: m }); });
    events.sort(function (a, b) { return a.at - b.at || a.m.entry.id - b.m.entry.id || (a.kind === 'call' ? -1 : 1); });
    return events;
  }

  /** Draws the diagram into an <svg>, sized to its container's width; returns the number of calls drawn. */
  function draw(target, entries, subject) {
    var messages = messagesOf(entries.filter(function (entry) { return concerns(entry, subject); }));
    var order = ['player', 'control', 'operator', 'trueplay', 'wallet'];
    var used = { operator: true, trueplay: true, wallet: true };
    messages.forEach(function (m) { used[m.from] = true; used[m.to] = true; });
    var parties = order.filter(function (p) { return used[p]; });
    var width = Math.max(320, target.parentNode.clientWidth || 600);
    var lane = width / parties.length;
    var x = {};
    parties.forEach(function (p, i) { x[p] = Math.round(lane * i + lane / 2); });
    var top = 40, step = 26;
    var height = top + messages.length * step * 2 + 8;
    target.replaceChildren();
    target.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    target.setAttribute('width', String(width));
    target.setAttribute('height', String(height));
    var defs = svg('defs', {});
    ['call', 'reply', 'fault', 'pending', 'settled'].forEach(function (kind) {
      var marker = svg('marker', { id: 'arrow-' + kind, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
      marker.appendChild(svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'head head-' + kind }));
      defs.appendChild(marker);
    });
    target.appendChild(defs);
    parties.forEach(function (p) {
      var group = svg('g', { class: 'party', 'data-party': p });
      group.appendChild(svg('text', { x: x[p], y: 18, 'text-anchor': 'middle', class: 'party-name' }, NAMES[p]));
      group.appendChild(svg('line', { x1: x[p], y1: 26, x2: x[p], y2: height - 8, class: 'lifeline' }));
      target.appendChild(group);
    });
    eventsOf(messages).forEach(function (event, i) {
      var m = event.m, y = top + i * step;
      var kind = event.kind === 'call' ? 'call'
        : m.marks.indexOf('fault') !== -1 || m.marks.indexOf('no-answer') !== -1 ? 'fault'
        : m.marks.indexOf('pending') !== -1 ? 'pending' : m.marks.indexOf('settled') !== -1 ? 'settled' : 'reply';
      var from = event.kind === 'call' ? m.from : m.to, to = event.kind === 'call' ? m.to : m.from;
      var classes = event.kind === 'call'
        ? 'message call' + m.marks.map(function (k) { return k === 'settled' ? '' : ' ' + k; }).join('')
        : 'message reply reply-' + kind;
      var group = svg('g', { class: classes, 'data-from': from, 'data-to': to, 'data-entry-id': m.entry.id, 'data-marks': m.marks.join(' ') });
      group.appendChild(svg('title', {}, '#' + m.entry.id + ' ' + m.entry.method + ' ' + m.entry.path + ' → ' + m.reply));
      group.appendChild(svg('line', { x1: x[from], y1: y + 10, x2: x[to], y2: y + 10, 'marker-end': 'url(#arrow-' + kind + ')' }));
      var label = event.kind === 'call'
        ? (m.marks.indexOf('retry') !== -1 ? '↻ retry · ' : '') + m.call
        : (kind === 'fault' ? '⚠ fault · ' : kind === 'pending' ? '◔ pending · ' : kind === 'settled' ? '✓ settled · ' : '') + m.reply;
      // On a narrow screen the lanes are close: a label that would not fit between them keeps only its essentials.
      if (label.length * 6 > Math.abs(x[to] - x[from]) + 40) {
        label = event.kind === 'call'
          ? (m.marks.indexOf('retry') !== -1 ? '↻ ' : '') + m.entry.method + ' …/' + m.entry.path.split('/').pop()
          : ({ fault: '⚠ ', pending: '◔ ', settled: '✓ ' }[kind] || '') + m.reply.split(' ')[0];
      }
      group.appendChild(svg('text', { x: (x[from] + x[to]) / 2, y: y + 5, 'text-anchor': 'middle' }, label));
      target.appendChild(group);
    });
    return messages.length;
  }

  window.TrueplaySequence = { draw: draw, exchangeIdOf: exchangeIdOf, concerns: concerns, shortPath: shortPath };
})();
`;
