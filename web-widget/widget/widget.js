/*
 * Signpost chat widget: one script tag adds a launcher button and a chat panel to any page.
 *
 *   <script src="https://signpost.example/widget.js" data-signpost-url="https://signpost.example"></script>
 *
 * data-signpost-url is optional (default: the origin the script came from). Speaks /ws/chat as in
 * web-widget/PROTOCOL.md. No framework and no build step. Message text is only ever put into the
 * page as text nodes, never as HTML. localStorage keeps the session id and nothing else: the
 * server is the record, so a reload asks for the whole conversation again (resume with last_seq 0).
 */
(function () {
  'use strict';
  if (window.SignpostWidget) {
    return;
  }

  var PING_MS = 25000;
  var TYPING_MS = 10000;
  var RESEND_AFTER_RECONNECT_MS = 4000;
  var MAX_TEXT = 2000;
  var HANDOFF = { payload: '/human_handoff', title: 'Talk to a person' };

  var script = document.currentScript || document.querySelector('script[data-signpost-url],script[src$="widget.js"]');
  var base = (script && script.getAttribute('data-signpost-url')) ||
    (script && script.src ? new URL(script.src, location.href).origin : location.origin);
  base = base.replace(/\/+$/, '');
  var socketUrl = base.replace(/^http/i, 'ws') + '/ws/chat';
  var storeKey = 'signpost.session:' + base;

  var CSS = [
    '.spw-root{font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#212b32;}',
    /* A host page's blunt "* {...}" rules must not reach inside the widget. */
    '.spw-root *,.spw-root *::before,.spw-root *::after{box-sizing:border-box;line-height:inherit;letter-spacing:inherit;word-spacing:inherit;text-transform:none;}',
    '.spw-vh{position:absolute!important;width:1px!important;height:1px!important;margin:-1px!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important;}',
    '.spw-btn{font:inherit;font-weight:bold;min-height:44px;min-width:44px;padding:8px 14px;border-radius:4px;border:2px solid #005eb8;background:#fff;color:#005eb8;cursor:pointer;text-align:center;margin:0;}',
    '.spw-btn:hover{background:#e8f1f8;}',
    '.spw-btn--primary{background:#005eb8;color:#fff;}',
    '.spw-btn--primary:hover{background:#003d78;border-color:#003d78;}',
    '.spw-btn[disabled]{opacity:.6;cursor:default;}',
    '.spw-root a{color:#005eb8;text-decoration:underline;}',
    '.spw-root a:hover{color:#7c2855;}',
    /* Focus as on NHS sites, set in full so the host page's own focus styles cannot hide it. */
    '.spw-root button:focus-visible,.spw-root a:focus-visible{outline:3px solid transparent;outline-offset:0;background:#ffeb3b;color:#212b32;box-shadow:0 0 0 3px #ffeb3b,0 0 0 6px #212b32;text-decoration:none;}',
    '.spw-root input:focus-visible,.spw-log:focus-visible{outline:3px solid #ffeb3b;outline-offset:0;box-shadow:0 0 0 6px #212b32;}',
    '.spw-launcher{position:fixed;right:16px;bottom:16px;z-index:2147483000;display:flex;align-items:center;gap:8px;font-size:18px;padding:10px 18px;border-radius:28px;box-shadow:0 2px 8px rgba(0,0,0,.35);}',
    '.spw-launcher svg{width:24px;height:24px;flex:none;}',
    '.spw-badge{background:#d5281b;color:#fff;border-radius:12px;padding:0 8px;font-size:14px;}',
    '.spw-panel{position:fixed;right:16px;bottom:16px;z-index:2147483001;width:380px;max-width:calc(100vw - 32px);height:620px;max-height:calc(100vh - 32px);display:flex;flex-direction:column;background:#fff;border:1px solid #768692;border-radius:8px;box-shadow:0 4px 24px rgba(0,0,0,.35);overflow:hidden;}',
    '.spw-panel[hidden],.spw-root [hidden]{display:none!important;}',
    '.spw-head{display:flex;align-items:center;justify-content:space-between;gap:8px;background:#005eb8;color:#fff;padding:6px 8px 6px 16px;}',
    '.spw-title{font-size:18px;font-weight:bold;margin:0;color:#fff;}',
    '.spw-close{background:transparent;border-color:transparent;color:#fff;font-size:24px;line-height:1;padding:4px 10px;}',
    '.spw-close:hover{background:#003d78;}',
    '.spw-emergency{margin:0;padding:8px 16px;background:#fde9e8;border-left:6px solid #d5281b;font-size:15px;}',
    '.spw-emergency strong{color:#212b32;}',
    '.spw-status{margin:0;padding:8px 16px;font-size:15px;background:#fff9c4;border-bottom:1px solid #d8dde0;}',
    '.spw-status--joined{background:#e6f4ea;border-left:6px solid #007f3b;}',
    '.spw-status--waiting{background:#e8f1f8;border-left:6px solid #005eb8;}',
    '.spw-log{flex:1 1 auto;overflow-y:auto;padding:12px 12px 4px;background:#f0f4f5;min-height:96px;}',
    '.spw-list{list-style:none;margin:0;padding:0;}',
    '.spw-msg{margin:0 0 10px;display:flex;flex-direction:column;align-items:flex-start;}',
    '.spw-bubble{max-width:88%;padding:8px 12px;border-radius:12px;background:#fff;border:1px solid #d8dde0;white-space:pre-wrap;overflow-wrap:anywhere;}',
    '.spw-msg--user{align-items:flex-end;}',
    '.spw-msg--user .spw-bubble{background:#005eb8;color:#fff;border-color:#005eb8;}',
    '.spw-msg--navigator .spw-bubble{background:#e6f4ea;border-color:#007f3b;}',
    '.spw-msg--event{align-items:center;}',
    '.spw-msg--event .spw-bubble{background:transparent;border:0;font-size:15px;font-style:italic;text-align:center;color:#4c6272;max-width:100%;}',
    '.spw-who{font-size:14px;font-weight:bold;color:#4c6272;margin:0 4px 2px;}',
    '.spw-pending .spw-bubble{opacity:.85;}',
    '.spw-note{font-size:14px;color:#4c6272;margin:2px 4px 0;}',
    '.spw-note--error{color:#aa2116;font-weight:bold;}',
    '.spw-replies{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px;}',
    '.spw-typing{margin:0 0 8px;font-size:15px;color:#4c6272;}',
    '.spw-dot{display:inline-block;width:6px;height:6px;margin-left:3px;border-radius:50%;background:#4c6272;}',
    '.spw-form{display:flex;gap:8px;padding:10px 12px 4px;border-top:1px solid #d8dde0;}',
    '.spw-input{flex:1 1 auto;min-width:0;font:inherit;min-height:44px;padding:8px 10px;border:2px solid #4c6272;border-radius:4px;color:#212b32;background:#fff;margin:0;}',
    '.spw-foot{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:8px;padding:4px 12px 10px;}',
    '.spw-small{font-size:14px;color:#4c6272;margin:0;}',
    '@media (prefers-reduced-motion:no-preference){',
    '.spw-panel{animation:spw-in .15s ease-out;}',
    '.spw-dot{animation:spw-blink 1.2s infinite both;}.spw-dot:nth-child(2){animation-delay:.2s;}.spw-dot:nth-child(3){animation-delay:.4s;}',
    '@keyframes spw-in{from{opacity:0;transform:translateY(12px);}to{opacity:1;transform:none;}}',
    '@keyframes spw-blink{0%,80%,100%{opacity:.25;}40%{opacity:1;}}}',
    /* A phone, or a desktop window zoomed to 400%: the panel takes the whole screen. */
    '@media (max-width:480px){.spw-panel{right:0;bottom:0;top:0;left:0;width:100%;max-width:none;height:100%;max-height:none;border-radius:0;border:0;}',
    '.spw-launcher{right:8px;bottom:8px;}}',
    /* Very little height (zoomed in): the whole panel scrolls rather than squashing the conversation. */
    '@media (max-height:480px){.spw-panel{overflow-y:auto;}.spw-log{flex:none;overflow:visible;min-height:0;}}'
  ].join('\n');

  // ---- DOM helpers: text only, never HTML from a message ----

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text != null) {
      node.textContent = text;
    }
    return node;
  }

  function button(text, className) {
    var node = el('button', 'spw-btn' + (className ? ' ' + className : ''), text);
    node.type = 'button';
    return node;
  }

  // Web addresses (with or without a scheme) and UK phone numbers become links; the rest stays text.
  var LINKS = /\b(?:https?:\/\/[^\s<>"]+|www\.[^\s<>"]+|(?:[a-z0-9-]+\.)+(?:uk|com|org|net)(?:\/[^\s<>"]*)?|0\d{2,4}[ \u00a0]?\d{3}[ \u00a0]?\d{3,4}\b)/gi;

  function appendText(parent, text) {
    var lines = String(text).split('\n');
    lines.forEach(function (line, index) {
      if (index > 0) {
        parent.appendChild(document.createElement('br'));
      }
      appendLinkified(parent, line);
    });
  }

  function appendLinkified(parent, line) {
    var last = 0;
    var match;
    LINKS.lastIndex = 0;
    while ((match = LINKS.exec(line)) !== null) {
      var found = match[0].replace(/[.,;:!?)\]]+$/, '');
      if (!found) {
        continue;
      }
      var href;
      if (/^0\d/.test(found)) {
        href = 'tel:' + found.replace(/\D/g, '');
      } else if (/^https?:\/\//i.test(found)) {
        href = found;
      } else {
        href = 'https://' + found;
      }
      parent.appendChild(document.createTextNode(line.slice(last, match.index)));
      var link = el('a', null, found);
      link.href = href;
      if (href.indexOf('tel:') !== 0) {
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        link.appendChild(el('span', 'spw-vh', ' (opens in a new tab)'));
      }
      parent.appendChild(link);
      last = match.index + found.length;
      LINKS.lastIndex = last;
    }
    parent.appendChild(document.createTextNode(line.slice(last)));
  }

  function readSession() {
    try {
      return window.localStorage.getItem(storeKey);
    } catch (e) {
      return null;
    }
  }

  function writeSession(id) {
    try {
      if (id) {
        window.localStorage.setItem(storeKey, id);
      } else {
        window.localStorage.removeItem(storeKey);
      }
    } catch (e) {
      // Storage refused (private browsing): the conversation lasts as long as the page.
    }
  }

  // ---- Building the launcher and the panel ----

  var ui = {};

  function build() {
    var style = el('style');
    style.textContent = CSS;
    document.head.appendChild(style);

    var root = el('div', 'spw-root');
    root.id = 'signpost-widget';

    ui.launcher = button('', 'spw-btn--primary spw-launcher');
    ui.launcher.setAttribute('aria-expanded', 'false');
    ui.launcher.setAttribute('aria-controls', 'spw-panel');
    ui.launcher.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" ' +
      'd="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';
    ui.launcherText = el('span', null, 'Chat with Signpost');
    ui.badge = el('span', 'spw-badge');
    ui.badge.hidden = true;
    ui.launcher.appendChild(ui.launcherText);
    ui.launcher.appendChild(ui.badge);
    ui.launcher.addEventListener('click', open);

    var panel = ui.panel = el('section', 'spw-panel');
    panel.id = 'spw-panel';
    panel.hidden = true;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-labelledby', 'spw-title');
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' || event.key === 'Esc') {
        event.preventDefault();
        close();
      }
    });

    var head = el('div', 'spw-head');
    var title = el('h2', 'spw-title', 'Signpost: health and care help');
    title.id = 'spw-title';
    ui.close = button('\u00d7', 'spw-close');
    ui.close.setAttribute('aria-label', 'Close chat');
    ui.close.addEventListener('click', close);
    head.appendChild(title);
    head.appendChild(ui.close);

    var emergency = el('p', 'spw-emergency');
    var strong = el('strong', null, 'In an emergency call ');
    var call999 = el('a', null, '999');
    call999.href = 'tel:999';
    strong.appendChild(call999);
    strong.appendChild(document.createTextNode('.'));
    emergency.appendChild(strong);
    emergency.appendChild(document.createTextNode(' For urgent help that is not an emergency, call '));
    var call111 = el('a', null, 'NHS 111');
    call111.href = 'tel:111';
    emergency.appendChild(call111);
    emergency.appendChild(document.createTextNode('.'));

    ui.status = el('p', 'spw-status');
    ui.status.setAttribute('role', 'status');
    ui.status.hidden = true;

    ui.log = el('div', 'spw-log');
    ui.log.setAttribute('role', 'log');
    // New messages are announced once by ui.announcer; the log itself would re-read replays.
    ui.log.setAttribute('aria-live', 'off');
    ui.log.setAttribute('aria-label', 'Conversation');
    ui.log.tabIndex = 0;
    ui.list = el('ol', 'spw-list');
    ui.log.appendChild(el('p', 'spw-small', 'Ask me about health and care services in Dudley. I\'m a computer, not a person. Don\'t share more personal details than you need to.'));
    ui.log.appendChild(ui.list);
    ui.typing = el('p', 'spw-typing');
    ui.typing.hidden = true;
    ui.typing.appendChild(document.createTextNode('Signpost is writing a reply'));
    for (var i = 0; i < 3; i++) {
      var dot = el('span', 'spw-dot');
      dot.setAttribute('aria-hidden', 'true');
      ui.typing.appendChild(dot);
    }
    ui.log.appendChild(ui.typing);

    var form = ui.form = el('form', 'spw-form');
    form.noValidate = true;
    var label = el('label', 'spw-vh', 'Your message');
    label.htmlFor = 'spw-input';
    ui.input = el('input', 'spw-input');
    ui.input.id = 'spw-input';
    ui.input.type = 'text';
    ui.input.autocomplete = 'off';
    ui.input.maxLength = MAX_TEXT;
    ui.input.placeholder = 'Type your message';
    ui.send = button('Send', 'spw-btn--primary');
    ui.send.type = 'submit';
    form.appendChild(label);
    form.appendChild(ui.input);
    form.appendChild(ui.send);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var text = ui.input.value.trim();
      if (!text) {
        ui.input.focus();
        return;
      }
      ui.input.value = '';
      sendFrame({ type: 'message', text: text.slice(0, MAX_TEXT) }, text);
    });

    var foot = el('div', 'spw-foot');
    ui.human = button(HANDOFF.title);
    ui.human.addEventListener('click', function () {
      sendFrame({ type: 'button', payload: HANDOFF.payload, title: HANDOFF.title }, HANDOFF.title);
      ui.input.focus();
    });
    foot.appendChild(ui.human);
    foot.appendChild(el('p', 'spw-small', 'Press Escape to close.'));

    ui.announcer = el('div', 'spw-vh');
    ui.announcer.setAttribute('aria-live', 'polite');

    panel.appendChild(head);
    panel.appendChild(emergency);
    panel.appendChild(ui.status);
    panel.appendChild(ui.log);
    panel.appendChild(form);
    panel.appendChild(foot);
    root.appendChild(ui.launcher);
    root.appendChild(panel);
    root.appendChild(ui.announcer);
    document.body.appendChild(root);
  }

  // ---- Opening and closing ----

  var unread = 0;

  function open() {
    ui.panel.hidden = false;
    ui.launcher.hidden = true;
    ui.launcher.setAttribute('aria-expanded', 'true');
    unread = 0;
    showUnread();
    connect();
    scrollToEnd();
    ui.input.focus();
  }

  function close() {
    ui.panel.hidden = true;
    ui.launcher.hidden = false;
    ui.launcher.setAttribute('aria-expanded', 'false');
    ui.launcher.focus();
  }

  function isOpen() {
    return !ui.panel.hidden;
  }

  function showUnread() {
    ui.badge.hidden = unread === 0;
    ui.badge.textContent = unread ? unread + ' new' : '';
  }

  function announce(text) {
    var line = el('p', null, text);
    ui.announcer.appendChild(line);
    while (ui.announcer.childNodes.length > 3) {
      ui.announcer.removeChild(ui.announcer.firstChild);
    }
  }

  function scrollToEnd() {
    ui.log.scrollTop = ui.log.scrollHeight;
    var last = ui.list.lastElementChild;
    if (last && ui.panel.scrollHeight > ui.panel.clientHeight && last.scrollIntoView) {
      last.scrollIntoView({ block: 'nearest' });
    }
  }

  // ---- The conversation as the server tells it ----

  var sessionId = readSession();
  var lastSeq = 0; // the highest seq shown, with no gap before it
  var resyncFrom = -1; // lastSeq at the time a gap made us ask for a replay
  var pending = []; // frames sent and not yet echoed: {frame, text, item}
  var handoff = { state: 'none', navigator: '' };
  var typingTimer = null;
  // Button payloads and what the buttons said: a server that echoes a payload is shown the title.
  var titles = {};
  titles[HANDOFF.payload] = HANDOFF.title;
  var quietUntil = 0; // redrawing a conversation after a reload: no announcements, no unread count

  function displayName(name) {
    return name ? name.charAt(0).toUpperCase() + name.slice(1) : '';
  }

  function onFrame(frame) {
    switch (frame.type) {
      case 'session':
        if (frame.session_id && frame.session_id !== sessionId) {
          sessionId = frame.session_id;
        }
        writeSession(sessionId);
        if (frame.resumed === true && lastSeq === 0) {
          quietUntil = Date.now() + 1500;
        }
        return;
      case 'user':
      case 'bot':
      case 'navigator':
      case 'handoff':
        return onTranscript(frame);
      case 'typing':
        return showTyping(true);
      case 'error':
        return onError(frame);
      default:
        return; // pong, and anything newer than this widget
    }
  }

  function onTranscript(frame) {
    var seq = frame.seq;
    if (typeof seq !== 'number' || seq <= lastSeq) {
      return; // already shown (frames can arrive twice after a resume)
    }
    if (seq > lastSeq + 1) {
      // A gap: ask once for what we missed; the replay brings this frame again.
      if (resyncFrom !== lastSeq && socket && socket.readyState === 1 && sessionId) {
        resyncFrom = lastSeq;
        rawSend({ type: 'resume', session_id: sessionId, last_seq: lastSeq });
      }
      return;
    }
    lastSeq = seq;
    resyncFrom = -1;
    render(frame);
  }

  function render(frame) {
    if (frame.type !== 'bot' && frame.type !== 'handoff') {
      clearReplies();
    }
    var item;
    if (frame.type === 'user') {
      var said = titles.hasOwnProperty(frame.text) ? titles[frame.text] : frame.text;
      var waiting = takePending(frame.text, said);
      item = message('user', 'You said:', said);
      if (waiting && waiting.item.parentNode) {
        ui.list.replaceChild(item, waiting.item);
      } else {
        ui.list.appendChild(item);
      }
    } else if (frame.type === 'bot') {
      showTyping(false);
      clearReplies();
      item = message('bot', 'Signpost said:', frame.text);
      addReplies(item, frame.buttons);
      ui.list.appendChild(item);
      incoming('Signpost: ' + frame.text);
    } else if (frame.type === 'navigator') {
      showTyping(false);
      var name = displayName(frame.navigator || handoff.navigator) || 'A care navigator';
      item = message('navigator', '', frame.text);
      item.insertBefore(el('span', 'spw-who', name + ', care navigator, said:'), item.firstChild);
      ui.list.appendChild(item);
      incoming(name + ': ' + frame.text);
    } else {
      item = onHandoff(frame);
      ui.list.appendChild(item);
    }
    item.setAttribute('data-seq', String(frame.seq));
    scrollToEnd();
  }

  function message(kind, who, text) {
    var item = el('li', 'spw-msg spw-msg--' + kind);
    item.setAttribute('data-kind', kind);
    var bubble = el('div', 'spw-bubble');
    if (who) {
      bubble.appendChild(el('span', 'spw-vh', who + ' '));
    }
    appendText(bubble, text);
    item.appendChild(bubble);
    return item;
  }

  function incoming(text) {
    if (Date.now() < quietUntil) {
      return;
    }
    announce(text);
    if (!isOpen()) {
      unread++;
      showUnread();
    }
  }

  function addReplies(item, buttons) {
    if (!buttons || !buttons.length) {
      return;
    }
    var group = el('div', 'spw-replies');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Suggested replies');
    buttons.forEach(function (choice) {
      if (!choice || typeof choice.payload !== 'string') {
        return;
      }
      var title = choice.title || choice.payload;
      titles[choice.payload] = title;
      var reply = button(title);
      reply.addEventListener('click', function () {
        group.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
        sendFrame({ type: 'button', payload: choice.payload, title: title }, title);
        ui.input.focus();
      });
      group.appendChild(reply);
    });
    item.appendChild(group);
  }

  function clearReplies() {
    ui.list.querySelectorAll('.spw-replies').forEach(function (group) {
      if (!group.contains(document.activeElement)) {
        group.parentNode.removeChild(group);
      } else {
        group.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
      }
    });
  }

  function onHandoff(frame) {
    var name = displayName(frame.navigator) || 'A care navigator';
    var text;
    if (frame.state === 'waiting') {
      handoff = { state: 'waiting', navigator: '' };
      text = 'You asked to talk to a person. A care navigator will join as soon as they can.';
    } else if (frame.state === 'joined') {
      handoff = { state: 'joined', navigator: displayName(frame.navigator) };
      text = name + ', a care navigator, joined the conversation.';
    } else {
      handoff = { state: 'none', navigator: '' };
      text = (frame.navigator ? name + ' has left' : 'The care navigator has left') +
        '. Signpost\'s automated assistant will answer from now on.';
    }
    showHandoff();
    incoming(text);
    return message('event', '', text);
  }

  function showHandoff() {
    var waiting = handoff.state === 'waiting';
    var joined = handoff.state === 'joined';
    ui.human.hidden = waiting || joined;
    if (joined) {
      setStatus('You\'re talking to ' + (handoff.navigator || 'a person') + ', a care navigator', 'joined');
    } else if (waiting) {
      setStatus('Waiting for a care navigator. You can keep writing here.', 'waiting');
    } else if (!connectionProblem) {
      setStatus('');
    }
  }

  function setStatus(text, kind) {
    ui.status.textContent = text;
    ui.status.className = 'spw-status' + (kind ? ' spw-status--' + kind : '');
    ui.status.hidden = !text;
  }

  function showTyping(on) {
    clearTimeout(typingTimer);
    ui.typing.hidden = !on;
    if (on) {
      typingTimer = setTimeout(function () { ui.typing.hidden = true; }, TYPING_MS);
      scrollToEnd();
    }
  }

  function onError(frame) {
    var code = frame.error;
    if (code === 'unknown_session' || code === 'no_session') {
      // The server no longer knows this conversation: start a fresh one with the next message.
      sessionId = null;
      writeSession(null);
      lastSeq = 0;
      resyncFrom = -1;
      ui.list.textContent = '';
      handoff = { state: 'none', navigator: '' };
      showHandoff();
      notice('Your earlier conversation has ended. You can start a new one here.');
      return;
    }
    if (code === 'idle_timeout') {
      idle = true; // the server closes the socket; the next message reconnects and resumes
      return;
    }
    if (code === 'unavailable' || code === 'rate_limited' || code === 'busy') {
      var why = {
        rate_limited: 'That was a lot of messages at once. Please wait a moment, then send it again.',
        busy: 'We\'re very busy just now and that message didn\'t reach us. Please wait a moment, then send it again.',
        unavailable: 'Sorry, that message didn\'t reach us. Please send it again.'
      }[code];
      var failed = pending.slice();
      if (failed.length) {
        failed.forEach(function (p) { fail(p, why); });
      } else {
        notice(why);
      }
      return;
    }
    notice('Sorry, something went wrong' + (frame.detail ? ': ' + frame.detail : '.'));
  }

  function notice(text) {
    var item = message('event', '', text);
    ui.list.appendChild(item);
    announce(text);
    scrollToEnd();
  }

  // ---- Sending: what the person wrote shows as "sending" until the server echoes it ----

  function sendFrame(frame, text) {
    var item = el('li', 'spw-msg spw-msg--user spw-pending');
    var bubble = el('div', 'spw-bubble');
    bubble.appendChild(el('span', 'spw-vh', 'You said: '));
    appendText(bubble, text);
    item.appendChild(bubble);
    var note = el('p', 'spw-note', 'Sending\u2026');
    item.appendChild(note);
    ui.list.appendChild(item);
    scrollToEnd();
    var entry = { frame: frame, text: text, item: item, note: note, timer: null, sent: false };
    pending.push(entry);
    transmit(entry);
  }

  function transmit(entry) {
    entry.note.textContent = 'Sending\u2026';
    entry.note.className = 'spw-note';
    var old = entry.item.querySelector('.spw-resend');
    if (old) {
      old.parentNode.removeChild(old);
    }
    if (socket && socket.readyState === 1 && attached) {
      rawSend(entry.frame);
      entry.sent = true;
    } else {
      entry.sent = false;
      connect(); // sent when the socket is open (and the session resumed)
    }
  }

  function takePending(text, said) {
    for (var i = 0; i < pending.length; i++) {
      if (pending[i].text === said || pending[i].text === text || pending[i].frame.payload === text) {
        var entry = pending.splice(i, 1)[0];
        clearTimeout(entry.timer);
        return entry;
      }
    }
    return null;
  }

  function fail(entry, why) {
    clearTimeout(entry.timer);
    entry.sent = false;
    entry.note.textContent = why;
    entry.note.className = 'spw-note spw-note--error';
    if (!entry.item.querySelector('.spw-resend')) {
      var again = button('Send again', 'spw-resend');
      again.addEventListener('click', function () {
        var keep = document.activeElement === again;
        transmit(entry);
        if (keep) {
          ui.input.focus();
        }
      });
      entry.item.appendChild(again);
    }
    announce(why);
  }

  // ---- The socket: connect, resume, keep alive, reconnect with backoff ----

  var socket = null;
  var attached = false; // the socket is open and, for a known session, resumed
  var attempts = 0;
  var reconnectTimer = null;
  var pingTimer = null;
  var idle = false;
  var connectionProblem = false;

  function connect() {
    if (socket && (socket.readyState === 0 || socket.readyState === 1)) {
      return;
    }
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    var ws;
    try {
      ws = new WebSocket(socketUrl);
    } catch (e) {
      scheduleReconnect();
      return;
    }
    socket = ws;
    attached = false;
    ws.onopen = function () {
      idle = false;
      if (connectionProblem) {
        connectionProblem = false;
        showHandoff();
      }
      if (sessionId) {
        // After a reload lastSeq is 0: the server replays the whole conversation.
        rawSend({ type: 'resume', session_id: sessionId, last_seq: lastSeq });
      }
      attached = true;
      pending.forEach(function (entry) {
        clearTimeout(entry.timer);
        if (!entry.sent) {
          rawSend(entry.frame);
          entry.sent = true;
        } else {
          // Sent just before the socket dropped, it may or may not have been kept: the replay
          // brings it back if it was; if not, offer to send it again (never twice on our own).
          entry.timer = setTimeout(function () {
            if (pending.indexOf(entry) >= 0) {
              fail(entry, 'This message may not have been sent.');
            }
          }, RESEND_AFTER_RECONNECT_MS);
        }
      });
      clearInterval(pingTimer);
      pingTimer = setInterval(function () { rawSend({ type: 'ping' }); }, PING_MS);
    };
    ws.onmessage = function (event) {
      attempts = 0; // the server answers: the next drop starts the backoff again
      var frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (frame && typeof frame.type === 'string') {
        onFrame(frame);
      }
    };
    ws.onclose = function (event) {
      if (socket !== ws) {
        return;
      }
      clearInterval(pingTimer);
      socket = null;
      attached = false;
      showTyping(false);
      if (event.code === 1009) {
        pending.forEach(function (entry) { fail(entry, 'That message was too long to send.'); });
      }
      pending.forEach(function (entry) { clearTimeout(entry.timer); });
      if (idle && !pending.length) {
        return; // the server let an idle conversation go: resume when the person next writes
      }
      scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    if (reconnectTimer) {
      return;
    }
    attempts++;
    if (attempts > 1 && !connectionProblem) {
      connectionProblem = true;
      setStatus('Connection lost. Trying to reconnect\u2026 Your conversation is kept.', '');
    }
    var delay = Math.min(15000, 500 * Math.pow(2, attempts - 1)) * (0.75 + Math.random() * 0.5);
    reconnectTimer = setTimeout(function () {
      reconnectTimer = null;
      connect();
    }, attempts === 1 ? 250 : delay);
  }

  function rawSend(frame) {
    if (socket && socket.readyState === 1) {
      socket.send(JSON.stringify(frame));
    }
  }

  window.addEventListener('online', function () {
    if (!socket && (sessionId || pending.length) && !idle) {
      attempts = 0;
      connect();
    }
  });

  function start() {
    build();
    if (sessionId) {
      connect(); // redraw the conversation so far, even before the panel opens
    }
  }

  window.SignpostWidget = {
    open: function () { open(); },
    close: function () { close(); },
    server: base
  };

  if (document.body) {
    start();
  } else {
    document.addEventListener('DOMContentLoaded', start);
  }
}());
