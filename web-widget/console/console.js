/*
 * Signpost navigator console: plain JavaScript, no framework, no build step.
 *
 * The staff token lives in the variable `session` only, never in localStorage or
 * sessionStorage: a reload asks for the password again (see web-widget/PROTOCOL.md).
 * Everything from the server is put on the page as text (textContent), never as HTML.
 */
(function () {
  'use strict';

  var REFERRAL_FIELDS = [
    ['service', 'Service'], ['referral_for', 'Referral for'], ['referrer_name', 'Referrer'],
    ['referrer_role', 'Referrer role'], ['referrer_organisation', 'Referrer organisation'],
    ['person_name', 'Name'], ['date_of_birth', 'Date of birth'], ['nhs_number', 'NHS number'],
    ['postcode', 'Postcode'], ['phone_number', 'Phone'], ['referral_reason', 'Reason'],
    ['urgency', 'Urgency'], ['consent', 'Consent']
  ];
  var OUTCOMES = { handed_back: 'handed back to the bot', resolved: 'resolved', referred: 'referred',
    signposted: 'signposted', no_contact: 'no contact' };
  var CHANNEL_LABELS = { web: 'Web chat', whatsapp: 'WhatsApp', voice: 'Phone', rest: 'REST API' };
  var PRIORITY_LABELS = { safety: 'Safety', urgent: 'Urgent', routine: 'Routine' };
  var PAGE_TITLES = { signin: 'Sign in', queue: 'Queue', conversation: 'Conversation', services: 'Services',
    reports: 'Reports', forbidden: 'Not available' };
  var PAGE_ROLES = { queue: ['navigator', 'admin'], conversation: ['navigator', 'admin'],
    services: ['service_admin', 'admin'], reports: ['navigator', 'service_admin', 'admin'] };

  /** {token, username, roles}; null when signed out. Memory only. */
  var session = null;
  var socket = null;
  var socketRetry = 0;
  var socketTimer = null;
  var pingTimer = null;
  var queue = { waiting: [], mine: [], receivedAt: 0 };
  var announcedWaiting = null;
  var current = null; // the open conversation: {id, data, keys, buffered}
  var servicesCache = [];
  var expiryTimer = null;

  function $(id) { return document.getElementById(id); }

  /** Makes an element: el('p', {class: 'x'}, 'text', child...). Strings become text nodes. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === 'text') node.textContent = value;
      else if (name.indexOf('on') === 0) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : value);
    });
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(node, c); });
    else node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  function announce(text) {
    var region = $('announcer');
    region.textContent = '';
    // A fresh text node a moment later is what screen readers notice.
    setTimeout(function () { region.textContent = text; }, 50);
  }

  function show(id, text) {
    var node = $(id);
    node.textContent = text || '';
    node.hidden = !text;
  }

  function channelName(id) {
    return CHANNEL_LABELS[id] || id || 'unknown';
  }

  function capitalised(text) {
    text = String(text || '');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function humanise(key) {
    var text = String(key).replace(/_/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /** Text with URLs made into links; everything else stays text. */
  function linkified(text) {
    var parts = [];
    var pattern = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      parts.push(text.slice(last, match.index));
      parts.push(el('a', { href: match[0], target: '_blank', rel: 'noopener noreferrer' }, match[0]));
      last = match.index + match[0].length;
    }
    parts.push(text.slice(last));
    return parts;
  }

  function formatTime(iso) {
    if (!iso) return '';
    var date = new Date(iso);
    if (isNaN(date)) return iso;
    return date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  function formatClock(iso) {
    var date = new Date(iso);
    return isNaN(date) ? '' : date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  }

  function waited(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    if (seconds < 60) return 'waited under a minute';
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) return 'waited ' + minutes + ' min';
    return 'waited ' + Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
  }

  function ago(iso) {
    var seconds = (Date.now() - new Date(iso).getTime()) / 1000;
    if (!(seconds >= 0)) return '';
    if (seconds < 3600) return Math.max(1, Math.floor(seconds / 60)) + ' min ago';
    if (seconds < 172800) return Math.floor(seconds / 3600) + ' h ago';
    return Math.floor(seconds / 86400) + ' days ago';
  }

  function hasRole(roles) {
    return !!session && session.roles.some(function (role) { return roles.indexOf(role) >= 0; });
  }

  // ---------------------------------------------------------------- HTTP

  /** Calls the staff API; resolves {status, body}; a 401 signs the navigator out. */
  function api(method, path, body) {
    var init = { method: method, headers: { Accept: 'application/json' } };
    if (session) init.headers.Authorization = 'Bearer ' + session.token;
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      return response.text().then(function (text) {
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = { detail: text }; }
        if (response.status === 401 && path !== '/api/login' && session) {
          signOut('Your session has ended. Please sign in again.');
        }
        return { status: response.status, body: parsed || {} };
      });
    }, function () {
      return { status: 0, body: { error: 'network', detail: 'Signpost could not be reached. Check your connection and try again.' } };
    });
  }

  function problem(result, fallback) {
    return (result.body && result.body.detail) || fallback || ('Something went wrong (' + result.status + ').');
  }

  // ---------------------------------------------------------------- sign in and out

  function signIn(event) {
    event.preventDefault();
    var username = $('signin-username').value.trim();
    var password = $('signin-password').value;
    if (!username || !password) {
      show('signin-error', 'Enter your username and password.');
      (username ? $('signin-password') : $('signin-username')).focus();
      return;
    }
    $('signin-submit').disabled = true;
    api('POST', '/api/login', { username: username, password: password }).then(function (result) {
      $('signin-submit').disabled = false;
      if (result.status !== 200) {
        show('signin-error', result.status === 401 ? 'The username or password is wrong.' : problem(result));
        $('signin-password').value = '';
        $('signin-password').focus();
        return;
      }
      show('signin-error', '');
      $('signin-password').value = '';
      session = { token: result.body.token, username: username, roles: result.body.roles || [] };
      // The token stops working after expires_in seconds: ask for the password again then, not at the next click.
      if (result.body.expires_in > 0) {
        expiryTimer = setTimeout(function () {
          signOut('Your session has ended. Please sign in again.');
        }, Math.min(result.body.expires_in * 1000 - 30000, 2147483647));
      }
      $('who-name').textContent = 'Signed in as ' + username;
      $('who').hidden = false;
      $('nav').hidden = false;
      Array.prototype.forEach.call(document.querySelectorAll('#nav li'), function (item) {
        item.hidden = !hasRole(item.getAttribute('data-roles').split(' '));
      });
      if (hasRole(PAGE_ROLES.queue)) connect();
      var wanted = location.hash && location.hash !== '#/signin' ? location.hash : '#/' + firstPage();
      if (location.hash === wanted) route(); else location.hash = wanted;
    });
  }

  function firstPage() {
    return ['queue', 'services', 'reports'].filter(function (page) { return hasRole(PAGE_ROLES[page]); })[0] || 'forbidden';
  }

  function signOut(reason) {
    session = null;
    current = null;
    clearTimeout(expiryTimer);
    disconnect();
    queue = { waiting: [], mine: [], receivedAt: 0 };
    announcedWaiting = null;
    servicesCache = [];
    $('who').hidden = true;
    $('nav').hidden = true;
    clear($('waiting-list'));
    clear($('mine-list'));
    clear($('transcript'));
    clear($('services-list'));
    clear($('charts'));
    show('signin-error', typeof reason === 'string' ? reason : '');
    if (location.hash !== '#/signin') location.hash = '#/signin';
    else route();
  }

  // ---------------------------------------------------------------- pages

  function route() {
    var parts = (location.hash || '').replace(/^#\/?/, '').split('/');
    var page = parts[0] || 'signin';
    if (!session) page = 'signin';
    else if (page === 'signin') page = firstPage();
    else if (!PAGE_ROLES[page]) page = firstPage();
    else if (!hasRole(PAGE_ROLES[page])) page = 'forbidden';

    Array.prototype.forEach.call(document.querySelectorAll('.page'), function (section) {
      section.hidden = section.id !== 'page-' + page;
    });
    Array.prototype.forEach.call(document.querySelectorAll('#nav a'), function (link) {
      var on = link.getAttribute('data-page') === page || (page === 'conversation' && link.getAttribute('data-page') === 'queue');
      if (on) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    });
    document.title = PAGE_TITLES[page] + ' - Signpost console';

    if (page !== 'conversation' && current) closeConversation();
    if (page === 'signin') {
      $('signin-username').focus();
      return;
    }
    if (page === 'conversation') openConversation(decodeURIComponent(parts.slice(1).join('/')));
    if (page === 'services') loadServices();
    if (page === 'reports') loadReport();
    if (page === 'queue') renderQueue();
    // Move focus to the new page's heading, so keyboard and screen reader users start there.
    var heading = document.querySelector('#page-' + page + ' h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }

  // ---------------------------------------------------------------- the live socket

  function connect() {
    disconnect();
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/console';
    setConnection('connecting', 'Connecting…');
    var ws;
    try { ws = new WebSocket(url); } catch (e) { scheduleReconnect(); return; }
    socket = ws;
    ws.onopen = function () { ws.send(JSON.stringify({ type: 'auth', token: session.token })); };
    ws.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      onFrame(frame);
    };
    ws.onclose = function (event) {
      if (socket !== ws) return;
      socket = null;
      clearInterval(pingTimer);
      if (!session) return;
      if (event.code === 1008) {
        // The error frame before the close said why (not a navigator, or the token has expired).
        if ($('connection').getAttribute('data-state') !== 'refused') {
          setConnection('refused', 'Live queue unavailable: sign in again.');
        }
        return;
      }
      scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    setConnection('offline', 'Reconnecting…');
    // While the socket is down the queue is read over HTTP, so it is at most one retry old.
    api('GET', '/api/escalations').then(function (result) {
      if (result.status === 200 && !socket && session) {
        queue = { waiting: result.body.waiting || [], mine: result.body.mine || [], receivedAt: Date.now() };
        announceQueue();
        renderQueue();
      }
    });
    var delay = Math.min(10000, 500 * Math.pow(2, socketRetry++));
    socketTimer = setTimeout(function () { if (session) connect(); }, delay);
  }

  function disconnect() {
    clearTimeout(socketTimer);
    clearInterval(pingTimer);
    if (socket) {
      var ws = socket;
      socket = null;
      try { ws.close(1000); } catch (e) { /* closing anyway */ }
    }
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  }

  function setConnection(state, text) {
    var node = $('connection');
    node.setAttribute('data-state', state);
    node.textContent = text;
  }

  function onFrame(frame) {
    switch (frame.type) {
      case 'ready':
        socketRetry = 0;
        setConnection('live', 'Live');
        pingTimer = setInterval(function () { send({ type: 'ping' }); }, 25000);
        if (current) {
          // Anything said while the socket was down is fetched again.
          send({ type: 'watch', conversation_id: current.id });
          refreshConversation();
        }
        break;
      case 'queue':
        queue = { waiting: frame.waiting || [], mine: frame.mine || [], receivedAt: Date.now() };
        announceQueue();
        renderQueue();
        if (current && current.data) renderConversationSide();
        break;
      case 'entry':
        if (current && frame.conversation_id === current.id && frame.entry) addEntry(frame.entry, true);
        break;
      case 'error':
        if (frame.error === 'unauthorised' || frame.error === 'unauthorized') {
          setConnection('refused', 'Live queue unavailable: ' + (frame.detail || 'not allowed'));
        }
        break;
      default:
        break;
    }
  }

  // ---------------------------------------------------------------- queue

  function announceQueue() {
    var ids = queue.waiting.map(function (e) { return e.id; });
    if (announcedWaiting === null) {
      announcedWaiting = ids;
      if (ids.length) announce(ids.length + ' waiting in the queue.');
      return;
    }
    var added = queue.waiting.filter(function (e) { return announcedWaiting.indexOf(e.id) < 0; });
    var gone = announcedWaiting.filter(function (id) { return ids.indexOf(id) < 0; }).length;
    announcedWaiting = ids;
    var parts = added.map(function (e) {
      return 'New in the queue: ' + (PRIORITY_LABELS[e.priority] || e.priority) + ', ' + e.reason + '.';
    });
    if (gone) parts.push(gone + ' left the queue.');
    if (parts.length) announce(parts.join(' ') + ' ' + ids.length + ' waiting.');
  }

  function waitedNow(escalation) {
    return (escalation.waiting_seconds || 0) + (Date.now() - queue.receivedAt) / 1000;
  }

  function priorityBadge(priority) {
    var label = PRIORITY_LABELS[priority] || humanise(priority || 'routine');
    return el('span', { class: 'badge badge-' + (priority || 'routine') },
      priority === 'safety' ? el('span', { 'aria-hidden': 'true', class: 'badge-icon' }, '⚠ ') : null,
      label);
  }

  function detailsSummary(details) {
    var keys = Object.keys(details || {});
    if (!keys.length) return null;
    return el('p', { class: 'row-details' }, keys.slice(0, 4).map(function (key, i) {
      return [i ? ' · ' : '', humanise(key) + ': ' + details[key]];
    }));
  }

  function renderQueue() {
    if (!session) return;
    // The lists are redrawn on every change: keep keyboard focus on the same control, or on the
    // list's heading when its line has gone, rather than dropping it to the top of the page.
    var active = document.activeElement;
    var row = active && active.closest ? active.closest('#waiting-list > li, #mine-list > li') : null;
    var focusRow = row ? row.id : null;
    var focusList = row ? row.parentNode.id : null;
    var errors = {};
    Array.prototype.forEach.call(document.querySelectorAll('#waiting-list .row-error'), function (node) {
      if (node.textContent) errors[node.id] = node.textContent;
    });
    var waitingList = clear($('waiting-list'));
    queue.waiting.forEach(function (escalation) {
      var rowId = 'esc-' + escalation.id;
      waitingList.appendChild(el('li', { class: 'queue-row priority-' + escalation.priority, id: rowId,
        'data-escalation': escalation.id, 'data-conversation': escalation.conversation_id },
        el('div', { class: 'row-main' },
          el('h3', { class: 'row-title', id: rowId + '-title' }, priorityBadge(escalation.priority), ' ', capitalised(escalation.reason) || 'No reason given'),
          el('p', { class: 'row-meta' },
            el('span', {}, 'Channel: ' + channelName(escalation.channel)), ' · ',
            el('span', { class: 'waited', 'data-waited': escalation.id }, waited(waitedNow(escalation)))),
          detailsSummary(escalation.details),
          el('p', { class: 'row-error', id: rowId + '-error' }, errors[rowId + '-error'] || '')),
        el('div', { class: 'row-actions' },
          el('button', { type: 'button', class: 'claim', 'aria-describedby': rowId + '-title',
            onclick: function (event) { claim(escalation, event.currentTarget); } }, 'Claim'))));
    });
    $('waiting-count').textContent = '(' + queue.waiting.length + ')';
    $('waiting-empty').hidden = queue.waiting.length > 0;

    var mineList = clear($('mine-list'));
    queue.mine.forEach(function (escalation) {
      mineList.appendChild(el('li', { class: 'queue-row mine priority-' + escalation.priority, id: 'mine-' + escalation.id },
        el('div', { class: 'row-main' },
          el('h3', { class: 'row-title' }, priorityBadge(escalation.priority), ' ', capitalised(escalation.reason) || 'No reason given'),
          el('p', { class: 'row-meta' }, 'Channel: ' + channelName(escalation.channel)),
          detailsSummary(escalation.details)),
        el('div', { class: 'row-actions' },
          el('a', { class: 'button', href: '#/conversation/' + encodeURIComponent(escalation.conversation_id) },
            'Open', el('span', { class: 'visually-hidden' }, ': ' + (escalation.reason || 'conversation'))))));
    });
    $('mine-count').textContent = '(' + queue.mine.length + ')';
    $('mine-empty').hidden = queue.mine.length > 0;

    if (focusRow) {
      var again = document.getElementById(focusRow);
      var control = again && again.querySelector('button, a');
      var fallback = focusList === 'waiting-list' ? $('waiting-title') : $('mine-title');
      if (!control) fallback.setAttribute('tabindex', '-1');
      (control || fallback).focus();
    }
  }

  function tickWaits() {
    queue.waiting.forEach(function (escalation) {
      var node = document.querySelector('[data-waited="' + CSS.escape(escalation.id) + '"]');
      if (node) {
        var text = waited(waitedNow(escalation));
        if (node.textContent !== text) node.textContent = text;
      }
    });
  }

  function claim(escalation, button) {
    button.disabled = true;
    show('queue-message', '');
    var error = $('esc-' + escalation.id + '-error');
    api('POST', '/api/escalations/' + encodeURIComponent(escalation.id) + '/claim').then(function (result) {
      button.disabled = false;
      if (result.status === 200) {
        announce('Claimed. Opening the conversation.');
        location.hash = '#/conversation/' + encodeURIComponent(escalation.conversation_id);
      } else if (result.status === 409) {
        var holder = result.body.holder || 'another navigator';
        // Beside the line, and announced (the line goes when the queue next changes).
        if (error) error.textContent = 'Already claimed by ' + holder + '.';
        $('queue-message').setAttribute('role', 'alert');
        show('queue-message', 'Someone else got there first: ' + holder + ' has claimed “' + capitalised(escalation.reason) + '”.');
      } else {
        $('queue-message').setAttribute('role', 'alert');
        show('queue-message', result.status === 404 ? 'That conversation is no longer in the queue.' : problem(result));
      }
    });
  }

  // ---------------------------------------------------------------- conversation

  function entryKey(entry) {
    if (entry.seq !== undefined && entry.seq !== null) return 'seq:' + entry.seq;
    return [entry.type, entry.at, entry.text || '', entry.category || '', entry.navigator || ''].join('|');
  }

  function openConversation(id) {
    if (current && current.id === id) {
      refreshConversation();
      return;
    }
    current = { id: id, data: null, keys: {}, buffered: [] };
    $('close-form').reset();
    $('reply-text').value = '';
    $('note-text').value = '';
    $('conversation-title').textContent = 'Conversation';
    $('conversation-meta').textContent = 'Loading…';
    show('conversation-message', '');
    clear($('transcript'));
    clear($('transcript-live'));
    clear($('slots'));
    clear($('draft'));
    $('safety-banner').hidden = true;
    send({ type: 'watch', conversation_id: id });
    refreshConversation();
  }

  function closeConversation() {
    send({ type: 'unwatch' });
    current = null;
  }

  function refreshConversation() {
    var opened = current;
    api('GET', '/api/conversations/' + encodeURIComponent(opened.id)).then(function (result) {
      if (current !== opened) return;
      if (result.status !== 200) {
        $('conversation-meta').textContent = '';
        show('conversation-message', result.status === 404 ? 'There is no such conversation.' : problem(result));
        return;
      }
      opened.data = result.body;
      opened.keys = {};
      clear($('transcript'));
      (result.body.transcript || []).forEach(function (entry) { addEntry(entry, false); });
      // Entries that arrived over the socket while this was loading.
      opened.buffered.forEach(function (entry) { addEntry(entry, true); });
      opened.buffered = [];
      renderConversationSide();
      scrollTranscript();
    });
  }

  function renderConversationSide() {
    var data = current.data;
    var mine = queue.mine.filter(function (e) { return e.conversation_id === current.id; })[0];
    var handoff = data.handoff || { state: 'none' };
    // The reason it was escalated: from the queue, else from the transcript's last "waiting" line.
    var waitingLines = (data.transcript || []).filter(function (e) { return e.type === 'handoff' && e.state === 'waiting' && e.text; });
    var reason = (mine && mine.reason) || (waitingLines.length ? waitingLines[waitingLines.length - 1].text : '');
    $('conversation-title').textContent = reason ? capitalised(reason) : 'Conversation';
    document.title = (reason ? capitalised(reason) + ' - ' : '') + 'Conversation - Signpost console';
    var state = handoff.state === 'joined'
      ? 'Navigator ' + (handoff.navigator || '') + ' has joined'
      : handoff.state === 'waiting' ? 'Waiting for a navigator' : 'With the bot';
    $('conversation-meta').textContent = 'Channel: ' + channelName(data.channel) + ' · ' + state;

    var slots = data.slots || {};
    var list = clear($('slots'));
    Object.keys(slots).forEach(function (key) {
      if (slots[key] === null || slots[key] === '') return;
      list.appendChild(el('div', {}, el('dt', {}, humanise(key)), el('dd', {}, String(slots[key]))));
    });
    $('slots-empty').hidden = list.childNodes.length > 0;
    var draft = clear($('draft'));
    REFERRAL_FIELDS.forEach(function (field) {
      var value = slots[field[0]];
      if (value === undefined || value === null || value === '') return;
      draft.appendChild(el('div', {}, el('dt', {}, field[1]), el('dd', {}, String(value))));
    });
    $('draft-empty').hidden = draft.childNodes.length > 0;
    renderSafety();
  }

  function renderSafety() {
    var flags = (current.data && current.data.safety) || [];
    var list = clear($('safety-list'));
    flags.forEach(function (flag) {
      list.appendChild(el('li', {}, el('strong', {}, humanise(flag.category)),
        flag.phrase ? ' – matched “' + flag.phrase + '”' : '', flag.at ? ' at ' + formatClock(flag.at) : ''));
    });
    $('safety-banner').hidden = flags.length === 0;
  }

  function entryNode(entry) {
    var type = entry.type;
    var who;
    var body = entry.text ? linkified(entry.text) : [];
    if (type === 'user') who = 'Person';
    else if (type === 'bot') who = 'Bot';
    else if (type === 'navigator') who = 'Navigator' + (entry.navigator ? ' ' + entry.navigator : '');
    else if (type === 'note') who = 'Note by ' + (entry.navigator || 'a navigator') + ' (staff only)';
    else if (type === 'safety') {
      who = 'Safety flag';
      body = ['Safety concern: ' + humanise(entry.category || 'unknown') + (entry.text ? ' (matched “' + entry.text + '”)' : '')];
    } else if (type === 'handoff') {
      who = 'Handoff';
      body = [entry.state === 'waiting' ? 'Put in the navigators’ queue' + (entry.text ? ': ' + capitalised(entry.text) : '') + '.'
        : entry.state === 'joined' ? (entry.navigator || 'A navigator') + ' joined.'
        : entry.state === 'left' ? (entry.navigator || 'The navigator') + ' left'
          + (entry.text ? ' (' + (OUTCOMES[entry.text] || entry.text) + ')' : '') + '; the bot is back.'
        : 'Handoff: ' + (entry.state || '')];
    } else who = humanise(type || 'entry');
    var buttons = (entry.buttons || []).length
      ? el('p', { class: 'entry-buttons' }, 'Buttons offered: ' + entry.buttons.map(function (b) { return b.title; }).join(', '))
      : null;
    return el('li', { class: 'entry entry-' + type },
      el('p', { class: 'entry-head' },
        type === 'safety' ? el('span', { 'aria-hidden': 'true' }, '⚠ ') : null,
        el('span', { class: 'entry-who' }, who),
        entry.at ? el('time', { datetime: entry.at, class: 'entry-time' }, formatClock(entry.at)) : null),
      el('p', { class: 'entry-text' }, body), buttons);
  }

  function addEntry(entry, live) {
    if (!current) return;
    if (!current.data) {
      current.buffered.push(entry);
      return;
    }
    var key = entryKey(entry);
    if (current.keys[key]) return;
    current.keys[key] = true;
    $('transcript').appendChild(entryNode(entry));
    if (!live) return;
    if (entry.type === 'safety') {
      current.data.safety = (current.data.safety || []).concat([{ category: entry.category, phrase: entry.text || '', at: entry.at }]);
      renderSafety();
    }
    if (entry.type === 'handoff') {
      current.data.transcript = (current.data.transcript || []).concat([entry]);
      current.data.handoff = { state: entry.state === 'left' ? 'none' : entry.state, navigator: entry.navigator || '' };
      renderConversationSide();
    }
    if (entry.type === 'user' || entry.type === 'safety' || entry.type === 'bot') {
      var said = entry.type === 'user' ? 'The person said: ' + entry.text
        : entry.type === 'bot' ? 'The bot said: ' + entry.text
        : 'Safety concern flagged: ' + humanise(entry.category || '');
      var log = $('transcript-live');
      log.appendChild(el('p', {}, said));
      while (log.childNodes.length > 5) log.removeChild(log.firstChild);
    }
    scrollTranscript();
  }

  function scrollTranscript() {
    var list = $('transcript');
    list.scrollTop = list.scrollHeight;
  }

  function postToConversation(kind, textarea, done) {
    var text = textarea.value.trim();
    if (!text || !current) {
      textarea.focus();
      return;
    }
    var opened = current;
    api('POST', '/api/conversations/' + encodeURIComponent(opened.id) + '/' + kind, { text: text }).then(function (result) {
      if (result.status === 201 || result.status === 200) {
        textarea.value = '';
        show('conversation-message', '');
        announce(done);
        // The socket brings the entry; fetching covers a socket that is down.
        if (!socket && current === opened) refreshConversation();
      } else {
        show('conversation-message', result.status === 403 || result.status === 409
          ? 'Only the navigator holding this conversation can do that. ' + problem(result, '') : problem(result));
      }
      textarea.focus();
    });
  }

  function release(outcome) {
    if (!current) return;
    var opened = current;
    api('POST', '/api/conversations/' + encodeURIComponent(opened.id) + '/release', { outcome: outcome }).then(function (result) {
      if (result.status === 200) {
        show('queue-message', 'Conversation ' + OUTCOMES[outcome] + '.');
        $('queue-message').setAttribute('role', 'status');
        location.hash = '#/queue';
      } else {
        show('conversation-message', problem(result));
      }
    });
  }

  // ---------------------------------------------------------------- services

  function loadServices() {
    show('services-message', 'Loading services…');
    api('GET', '/api/services').then(function (result) {
      if (result.status !== 200) {
        show('services-message', problem(result));
        return;
      }
      show('services-message', '');
      servicesCache = Array.isArray(result.body) ? result.body : [];
      renderServices();
    });
  }

  function renderServices() {
    var filter = $('services-filter').value.trim().toLowerCase();
    var list = clear($('services-list'));
    servicesCache.filter(function (service) {
      return !filter || (service.name + ' ' + service.provider + ' ' + (service.categories || []).join(' ')).toLowerCase().indexOf(filter) >= 0;
    }).forEach(function (service) { list.appendChild(serviceCard(service)); });
    if (!list.childNodes.length) list.appendChild(el('li', { class: 'empty' }, 'No services match.'));
  }

  function availabilityText(availability) {
    if (!availability) return 'Availability not reported yet.';
    var parts = [availability.accepting_referrals ? 'Accepting referrals' : 'Not accepting referrals'];
    if (availability.wait_weeks !== null && availability.wait_weeks !== undefined) {
      parts.push('wait about ' + availability.wait_weeks + (availability.wait_weeks === 1 ? ' week' : ' weeks'));
    }
    return parts.join(', ') + '.';
  }

  function serviceCard(service) {
    var id = 'svc-' + service.id;
    var a = service.availability;
    var accepting = el('input', { type: 'checkbox', id: id + '-accepting', checked: a ? a.accepting_referrals : true });
    var wait = el('input', { type: 'number', id: id + '-wait', min: '0', max: '520', step: '1', inputmode: 'numeric',
      value: a && a.wait_weeks !== null && a.wait_weeks !== undefined ? String(a.wait_weeks) : '' });
    var note = el('input', { type: 'text', id: id + '-note', maxlength: '500', value: a ? a.note || '' : '' });
    var status = el('p', { class: 'service-status', id: id + '-status', role: 'status' });
    var confirmed = el('p', { class: 'confirmed', id: id + '-confirmed' }, a
      ? 'Last confirmed ' + formatTime(a.updated_at) + ' (' + ago(a.updated_at) + ') by ' + a.updated_by
      : 'Never confirmed.');
    if (a && Date.now() - new Date(a.updated_at).getTime() > 30 * 86400000) {
      confirmed.classList.add('stale');
      confirmed.appendChild(document.createTextNode(' Over a month old: please check.'));
    }

    function save(event) {
      event.preventDefault();
      var weeks = wait.value.trim();
      if (weeks !== '' && !/^\d{1,3}$/.test(weeks)) {
        status.textContent = 'Enter the wait as a whole number of weeks, or leave it empty.';
        wait.focus();
        return;
      }
      var body = { accepting_referrals: accepting.checked, wait_weeks: weeks === '' ? null : Number(weeks), note: note.value.trim() };
      status.textContent = 'Saving…';
      api('PUT', '/api/services/' + encodeURIComponent(service.id) + '/availability', body).then(function (result) {
        if (result.status !== 200) {
          status.textContent = problem(result);
          return;
        }
        var index = servicesCache.indexOf(service);
        if (index >= 0) servicesCache[index] = result.body;
        var card = serviceCard(result.body);
        card.querySelector('.service-status').textContent = 'Saved: ' + availabilityText(result.body.availability);
        var old = $(id);
        old.parentNode.replaceChild(card, old);
        card.querySelector('button[type=submit]').focus();
      });
    }

    return el('li', { class: 'card service', id: id },
      el('h2', { class: 'service-name', id: id + '-name' }, service.name),
      el('p', { class: 'service-provider' }, service.provider,
        (service.categories || []).length ? ' · ' + service.categories.map(humanise).join(', ') : ''),
      el('p', { class: 'availability ' + (a ? (a.accepting_referrals ? 'accepting' : 'closed') : 'unknown') },
        el('span', { 'aria-hidden': 'true' }, a ? (a.accepting_referrals ? '✓ ' : '✕ ') : '? '),
        availabilityText(a), a && a.note ? ' ' + a.note : ''),
      confirmed,
      el('form', { class: 'availability-form', 'aria-labelledby': id + '-name', onsubmit: save },
        el('div', { class: 'check' }, accepting, el('label', { for: id + '-accepting' }, 'Accepting referrals')),
        el('div', { class: 'field field-short' }, el('label', { for: id + '-wait' }, 'Current wait (weeks)'), wait),
        el('div', { class: 'field field-wide' }, el('label', { for: id + '-note' }, 'Note'), note),
        el('div', { class: 'actions' },
          el('button', { type: 'submit' }, 'Save and confirm',
            el('span', { class: 'visually-hidden' }, ': ' + service.name)))),
      status);
  }

  // ---------------------------------------------------------------- reports

  function isoDate(date) {
    return date.getFullYear() + '-' + String(date.getMonth() + 1).padStart(2, '0') + '-' + String(date.getDate()).padStart(2, '0');
  }

  function reportRange() {
    if (!$('report-to').value) {
      var today = new Date();
      $('report-to').value = isoDate(today);
      $('report-from').value = isoDate(new Date(today.getTime() - 29 * 86400000));
    }
    return { from: $('report-from').value, to: $('report-to').value };
  }

  function loadReport(event) {
    if (event) event.preventDefault();
    var range = reportRange();
    if (!range.from || !range.to || range.to < range.from) {
      show('reports-message', 'Choose a “from” date on or before the “to” date.');
      return;
    }
    show('reports-message', 'Loading the report…');
    api('GET', '/api/reports/summary?from=' + encodeURIComponent(range.from) + '&to=' + encodeURIComponent(range.to)).then(function (result) {
      if (result.status !== 200) {
        show('reports-message', problem(result));
        return;
      }
      show('reports-message', 'Showing ' + formatDay(range.from) + ' to ' + formatDay(range.to) + '.');
      renderCharts(result.body, range);
    });
  }

  function downloadCsv() {
    var range = reportRange();
    show('reports-message', 'Preparing the CSV…');
    var path = '/api/reports/summary.csv?from=' + encodeURIComponent(range.from) + '&to=' + encodeURIComponent(range.to);
    // A plain link cannot carry the bearer token, so fetch and hand the browser a blob.
    fetch(path, { headers: { Authorization: 'Bearer ' + session.token } }).then(function (response) {
      if (!response.ok) throw new Error('The CSV could not be made (' + response.status + ').');
      return response.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var link = el('a', { href: url, download: 'signpost-summary-' + range.from + '-to-' + range.to + '.csv', hidden: true });
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(url); link.remove(); }, 1000);
      show('reports-message', 'The CSV for ' + formatDay(range.from) + ' to ' + formatDay(range.to) + ' has been downloaded.');
    }).catch(function (error) { show('reports-message', error.message); });
  }

  function formatDay(iso) {
    var date = new Date(iso + 'T12:00:00');
    return isNaN(date) ? iso : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  }

  function daysBetween(from, to) {
    var days = [];
    var day = new Date(from + 'T12:00:00');
    var end = new Date(to + 'T12:00:00');
    while (day <= end && days.length < 366) {
      days.push(isoDate(day));
      day = new Date(day.getTime() + 86400000);
    }
    return days;
  }

  // Colours and fill patterns: series differ by pattern as well as colour (WCAG 1.4.1).
  var SERIES = [
    { colour: '#005eb8', pattern: 'solid' }, { colour: '#b35c00', pattern: 'stripes' },
    { colour: '#007f3b', pattern: 'dots' }, { colour: '#6b2c91', pattern: 'cross' },
    { colour: '#4c6272', pattern: 'solid' }
  ];
  var SVG = 'http://www.w3.org/2000/svg';
  var chartCount = 0;

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function patternDefs(prefix) {
    var defs = svg('defs');
    SERIES.forEach(function (series, i) {
      var pattern = svg('pattern', { id: prefix + '-p' + i, width: 6, height: 6, patternUnits: 'userSpaceOnUse' },
        svg('rect', { width: 6, height: 6, fill: series.colour }));
      if (series.pattern === 'stripes') pattern.appendChild(svg('path', { d: 'M0,6 L6,0', stroke: '#fff', 'stroke-width': 1.5 }));
      if (series.pattern === 'dots') pattern.appendChild(svg('circle', { cx: 3, cy: 3, r: 1.3, fill: '#fff' }));
      if (series.pattern === 'cross') pattern.appendChild(svg('path', { d: 'M0,3 H6 M3,0 V6', stroke: '#fff', 'stroke-width': 1.2 }));
      defs.appendChild(pattern);
    });
    return defs;
  }

  function swatch(prefix, i) {
    return svg('svg', { width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false', class: 'swatch' },
      svg('rect', { width: 16, height: 16, fill: 'url(#' + prefix + '-p' + (i % SERIES.length) + ')', stroke: '#212b32' }));
  }

  /** A figure: heading, a short text summary, the SVG drawing, and a table with the same figures. */
  function figure(title, summary, drawing, table, legend) {
    var id = 'chart-' + (++chartCount);
    var section = el('section', { class: 'chart card', 'aria-labelledby': id + '-title' },
      el('h2', { id: id + '-title' }, title),
      el('p', { id: id + '-summary', class: 'chart-summary' }, summary));
    if (drawing) {
      drawing.setAttribute('role', 'img');
      drawing.setAttribute('aria-labelledby', id + '-title');
      drawing.setAttribute('aria-describedby', id + '-summary');
      drawing.insertBefore(svg('title', {}, title), drawing.firstChild);
      section.appendChild(el('div', { class: 'chart-drawing' }, drawing));
    }
    if (legend) section.appendChild(legend);
    if (table) {
      section.appendChild(el('details', { class: 'chart-table' },
        el('summary', {}, 'Show the figures as a table', el('span', { class: 'visually-hidden' }, ': ' + title)), table));
    }
    return section;
  }

  function tableOf(caption, head, rows) {
    return el('table', {},
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, head.map(function (h, i) { return el('th', { scope: 'col', class: i ? 'num' : null }, h); }))),
      el('tbody', {}, rows.map(function (row) {
        return el('tr', {}, row.map(function (cell, i) {
          return i === 0 ? el('th', { scope: 'row' }, String(cell)) : el('td', { class: 'num' }, String(cell));
        }));
      })));
  }

  function legendOf(prefix, names) {
    return el('ul', { class: 'legend', 'aria-label': 'Key' }, names.map(function (name, i) {
      var item = el('li', {});
      item.appendChild(swatch(prefix, i));
      item.appendChild(document.createTextNode(' ' + name));
      return item;
    }));
  }

  /** An axis top that splits into four whole, round steps. */
  function niceMax(value) {
    var step = Math.max(1, Math.ceil(value / 4));
    var power = Math.pow(10, Math.floor(Math.log10(step)));
    var nice = [1, 2, 2.5, 3, 4, 5, 10].map(function (m) { return m * power; })
      .filter(function (m) { return m >= step && Math.round(m) === m; })[0];
    return 4 * (nice || step);
  }

  /** Vertical bars by day: stacked by series (parts of a whole) or side by side (separate measures). */
  function dayBars(prefix, days, series, valueOf, sideBySide, nameOf) {
    nameOf = nameOf || String;
    var width = 640, height = 240, left = 40, bottom = 40, top = 10;
    var totals = days.map(function (day) {
      var values = series.map(function (s) { return valueOf(day, s); });
      return sideBySide ? Math.max.apply(null, values) : values.reduce(function (a, b) { return a + b; }, 0);
    });
    var max = niceMax(Math.max.apply(null, totals.concat([0])));
    var plotWidth = width - left - 10;
    var band = plotWidth / Math.max(1, days.length);
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, class: 'chart-svg', focusable: 'false' }, patternDefs(prefix));
    for (var t = 0; t <= 4; t++) {
      var y = top + (height - top - bottom) * (1 - t / 4);
      chart.appendChild(svg('line', { x1: left, x2: width - 10, y1: y, y2: y, class: 'grid' }));
      chart.appendChild(svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, String(max * t / 4)));
    }
    var labelEvery = Math.ceil(days.length / 8);
    days.forEach(function (day, i) {
      var x = left + i * band + band * 0.15;
      var barWidth = Math.max(1, band * 0.7);
      var base = height - bottom;
      series.forEach(function (s, j) {
        var value = valueOf(day, s);
        if (!value) return;
        var h = (height - top - bottom) * value / max;
        var w = sideBySide ? barWidth / series.length : barWidth;
        base = sideBySide ? height - bottom - h : base - h;
        chart.appendChild(svg('rect', { x: sideBySide ? x + j * w : x, y: base, width: w, height: h, fill: 'url(#' + prefix + '-p' + (j % SERIES.length) + ')',
          stroke: '#fff', 'stroke-width': 0.5 }, svg('title', {}, formatDay(day) + ', ' + nameOf(s) + ': ' + value)));
      });
      if (i % labelEvery === 0) {
        chart.appendChild(svg('text', { x: x + barWidth / 2, y: height - bottom + 16, 'text-anchor': 'middle', class: 'axis' },
          day.slice(8) + '/' + day.slice(5, 7)));
      }
    });
    chart.appendChild(svg('line', { x1: left, x2: width - 10, y1: height - bottom, y2: height - bottom, class: 'axis-line' }));
    return chart;
  }

  /** Horizontal bars with their labels and values written beside them. */
  function hBars(prefix, rows, colourIndex) {
    var rowHeight = 28, labelWidth = 230, width = 640;
    var height = Math.max(1, rows.length) * rowHeight + 10;
    var max = Math.max.apply(null, rows.map(function (r) { return r[1]; }).concat([1]));
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, class: 'chart-svg', focusable: 'false' }, patternDefs(prefix));
    rows.forEach(function (row, i) {
      var y = 5 + i * rowHeight;
      var w = (width - labelWidth - 60) * row[1] / max;
      var label = String(row[0]);
      chart.appendChild(svg('text', { x: labelWidth - 8, y: y + 17, 'text-anchor': 'end', class: 'label' },
        label.length > 32 ? label.slice(0, 31) + '…' : label));
      chart.appendChild(svg('rect', { x: labelWidth, y: y + 4, width: Math.max(row[1] ? 2 : 0, w), height: rowHeight - 10,
        fill: 'url(#' + prefix + '-p' + ((colourIndex || 0) % SERIES.length) + ')' }));
      chart.appendChild(svg('text', { x: labelWidth + w + 6, y: y + 17, class: 'value' }, String(row[1])));
    });
    return chart;
  }

  function duration(seconds) {
    seconds = Math.round(Number(seconds) || 0);
    if (seconds < 60) return seconds + ' s';
    if (seconds < 3600) return Math.round(seconds / 60) + ' min';
    return Math.floor(seconds / 3600) + ' h ' + Math.round((seconds % 3600) / 60) + ' min';
  }

  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  function sum(object) {
    return Object.keys(object || {}).reduce(function (total, key) { return total + (Number(object[key]) || 0); }, 0);
  }

  function renderCharts(report, range) {
    var charts = clear($('charts'));
    var days = daysBetween(report.from || range.from, report.to || range.to);

    // Conversations per day by channel.
    var byDay = report.conversations_by_day_and_channel || {};
    var channels = [];
    Object.keys(byDay).forEach(function (day) {
      Object.keys(byDay[day]).forEach(function (channel) { if (channels.indexOf(channel) < 0) channels.push(channel); });
    });
    channels.sort();
    var total = days.reduce(function (n, day) { return n + sum(byDay[day]); }, 0);
    var busiest = days.reduce(function (best, day) { return sum(byDay[day]) > sum(byDay[best]) ? day : best; }, days[0]);
    charts.appendChild(figure('Conversations per day by channel',
      total ? plural(total, 'conversation') + '; busiest day ' + formatDay(busiest) + ' with ' + sum(byDay[busiest]) + '. Channels: '
        + channels.map(function (c) { return channelName(c) + ' ' + days.reduce(function (n, d) { return n + ((byDay[d] || {})[c] || 0); }, 0); }).join(', ') + '.'
        : 'No conversations in this period.',
      dayBars('conv', days, channels.length ? channels : ['web'], function (day, channel) { return (byDay[day] || {})[channel] || 0; },
        false, channelName),
      tableOf('Conversations per day by channel', ['Day'].concat(channels.map(channelName), ['Total']),
        days.filter(function (day) { return sum(byDay[day]) > 0; }).map(function (day) {
          return [formatDay(day)].concat(channels.map(function (c) { return (byDay[day] || {})[c] || 0; }), [sum(byDay[day])]);
        })),
      channels.length ? legendOf('conv', channels.map(channelName)) : null));

    // Containment.
    var containment = report.containment || {};
    var sessions = containment.sessions || 0;
    var contained = containment.without_a_person || 0;
    var rate = sessions ? Math.round(100 * contained / sessions) : 0;
    var containmentSvg = svg('svg', { viewBox: '0 0 640 60', class: 'chart-svg', focusable: 'false' }, patternDefs('cont'),
      svg('rect', { x: 0, y: 10, width: 640, height: 30, fill: 'url(#cont-p1)' }),
      svg('rect', { x: 0, y: 10, width: 640 * (sessions ? contained / sessions : 0), height: 30, fill: 'url(#cont-p0)' }),
      svg('text', { x: 6, y: 56, class: 'axis' }, sessions ? rate + '% without a person' : 'No sessions'));
    charts.appendChild(figure('Containment',
      sessions ? contained + ' of ' + sessions + ' conversations (' + rate + '%) ended without needing a person; '
        + (sessions - contained) + ' were escalated.' : 'No conversations in this period.',
      containmentSvg,
      tableOf('Containment', ['Conversations', 'Count'], [['Without a person', contained], ['Escalated to a person', sessions - contained], ['All', sessions]]),
      legendOf('cont', ['Without a person', 'Escalated to a person'])));

    // Escalations and safety events.
    var events = report.escalations_and_safety_events_by_day || {};
    var byPriority = report.escalations_by_priority || {};
    var byCategory = report.safety_events_by_category || {};
    var escalationTotal = sum(byPriority);
    var safetyTotal = sum(byCategory);
    charts.appendChild(figure('Escalations and safety events',
      plural(escalationTotal, 'escalation') + ' (' + (Object.keys(byPriority).map(function (p) { return p + ' ' + byPriority[p]; }).join(', ') || 'none')
        + ') and ' + plural(safetyTotal, 'safety event') + ' (' + (Object.keys(byCategory).map(function (c) { return humanise(c).toLowerCase() + ' ' + byCategory[c]; }).join(', ') || 'none') + ').',
      dayBars('esc', days, ['Escalations', 'Safety events'], function (day, series) {
        var counts = events[day] || {};
        return series === 'Escalations' ? counts.escalations || 0 : counts.safety_events || 0;
      }, true),
      tableOf('Escalations and safety events by day', ['Day', 'Escalations', 'Safety events'],
        days.filter(function (day) { return events[day]; }).map(function (day) {
          return [formatDay(day), events[day].escalations || 0, events[day].safety_events || 0];
        }).concat(Object.keys(byPriority).map(function (p) { return ['Escalations, ' + p + ' priority', byPriority[p], '']; }))
          .concat(Object.keys(byCategory).map(function (c) { return ['Safety: ' + humanise(c), '', byCategory[c]]; }))),
      legendOf('esc', ['Escalations', 'Safety events'])));

    // Handoffs: how long people waited for a navigator, and how navigators left.
    var outcomes = report.escalation_outcomes || {};
    var waits = report.navigator_wait_seconds || {};
    var outcomeRows = Object.keys(OUTCOMES).map(function (id) { return [capitalised(OUTCOMES[id]), outcomes[id] || 0]; });
    var left = outcomeRows.reduce(function (n, r) { return n + r[1]; }, 0);
    charts.appendChild(figure('Handoffs to navigators',
      (waits.joined ? (waits.joined === 1 ? '1 person' : waits.joined + ' people') + ' reached a navigator; the median wait was '
        + duration(waits.median) + ' and the longest ' + duration(waits.longest) + '. ' : 'Nobody reached a navigator in this period. ')
        + (left ? 'Navigators left ' + plural(left, 'conversation') + ': ' + outcomeRows.filter(function (r) { return r[1]; })
          .map(function (r) { return r[0].toLowerCase() + ' ' + r[1]; }).join(', ') + '.' : ''),
      hBars('out', outcomeRows, 3),
      tableOf('Handoffs to navigators', ['Figure', 'Value'], outcomeRows.map(function (r) { return ['Left: ' + r[0].toLowerCase(), r[1]]; })
        .concat([['Reached a navigator', waits.joined || 0], ['Median wait', waits.joined ? duration(waits.median) : '–'],
          ['Longest wait', waits.joined ? duration(waits.longest) : '–']]))));

    // Capacity gaps.
    var gaps = report.capacity_gaps_by_category_and_locality || {};
    var gapRows = [];
    Object.keys(gaps).forEach(function (category) {
      Object.keys(gaps[category]).forEach(function (locality) {
        gapRows.push([humanise(category) + ' · ' + locality, gaps[category][locality], category, locality]);
      });
    });
    gapRows.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
    var shown = gapRows.slice(0, 15);
    charts.appendChild(figure('Capacity gaps by category and locality',
      gapRows.length ? 'Nobody could be found ' + plural(gapRows.reduce(function (n, r) { return n + r[1]; }, 0), 'time')
        + '; the largest gap: ' + gapRows[0][0] + ' (' + gapRows[0][1] + ').' + (gapRows.length > 15 ? ' The chart shows the 15 largest; the table has all.' : '')
        : 'No capacity gaps recorded in this period.',
      gapRows.length ? hBars('gap', shown, 1) : null,
      gapRows.length ? tableOf('Capacity gaps', ['Category', 'Locality', 'Times'], gapRows.map(function (r) { return [humanise(r[2]), r[3], r[1]]; })) : null));

    // Friends and Family Test.
    var fft = report.friends_and_family_test || {};
    var ratings = ['Very good', 'Good', 'Neither good nor poor', 'Poor', 'Very poor', "Don't know"];
    var fftRows = ratings.map(function (r) { return [r, fft[r] || 0]; });
    var answers = fftRows.reduce(function (n, r) { return n + r[1]; }, 0);
    charts.appendChild(figure('Friends and Family Test',
      answers ? plural(answers, 'answer') + '; ' + (fft.percent_positive === null || fft.percent_positive === undefined ? 'no' : fft.percent_positive + '%')
        + ' rated their experience good or very good.' : 'No Friends and Family Test answers in this period.',
      hBars('fft', fftRows, 2),
      tableOf('Friends and Family Test answers', ['Answer', 'Count'], fftRows.concat([['Positive (%)', fft.percent_positive === null || fft.percent_positive === undefined ? '–' : fft.percent_positive]]))));
  }

  // ---------------------------------------------------------------- wiring

  document.addEventListener('DOMContentLoaded', function () {
    $('signin-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', function () { signOut(); announce('Signed out.'); });
    $('reply-form').addEventListener('submit', function (event) {
      event.preventDefault();
      postToConversation('messages', $('reply-text'), 'Reply sent.');
    });
    $('note-form').addEventListener('submit', function (event) {
      event.preventDefault();
      postToConversation('notes', $('note-text'), 'Note added.');
    });
    // Enter sends a reply; Shift+Enter makes a new line.
    $('reply-text').addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $('reply-form').requestSubmit();
      }
    });
    $('hand-back').addEventListener('click', function () { release('handed_back'); });
    $('close-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var chosen = document.querySelector('input[name=outcome]:checked');
      if (!chosen) {
        show('conversation-message', 'Choose an outcome to close the conversation.');
        $('outcome-resolved').focus();
        return;
      }
      release(chosen.value);
    });
    $('services-filter').addEventListener('input', renderServices);
    $('reports-form').addEventListener('submit', loadReport);
    $('report-csv').addEventListener('click', downloadCsv);
    window.addEventListener('hashchange', route);
    setInterval(tickWaits, 5000);
    route();
  });

  // For the browser tests: the token must not be reachable from storage.
  window.signpostConsole = { signedIn: function () { return !!session; } };
}());
