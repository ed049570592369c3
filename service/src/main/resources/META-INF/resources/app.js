/*
 * Pulse page: plain JS, no framework, nothing loaded from elsewhere. What it reads (URLs relative to the page):
 *   GET  live/records    Server-Sent Events, read with fetch (X-API-Key when stored; 401 asks for the key):
 *                        data {"records":[{"topic","partition","offset","line"}, ... oldest first],"unshown","dropped"}
 *   GET  live/rates      Server-Sent Events: first {"topics":[...],"sources":["sample","x/stream"],"history":[{"time","rates":{topic: n}}, ...]},
 *                        then {"time","rates"} once a second
 *   GET  sample          emitter status, polled every second; POST sample/start?count=&interval=, POST sample/stop
 *   GET  x/stream        X stream status, polled; POST x/stream/start, POST x/stream/stop
 *   GET  bluesky/stream  Bluesky status, polled; POST bluesky/stream/start|stop
 *   POST messages?key=   application/json or application/x-ndjson; 201 receipt (array for NDJSON) or problem+json
 * A status endpoint or stream that answers 404 is taken as absent: its card/section is hidden, no longer asked.
 * The API key is asked for only after a 401, kept in sessionStorage "pulse.apiKey", sent as X-API-Key.
 */
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const num = (x) => (typeof x === 'number' && isFinite(x) ? x : 0);
  const fmt = (n, digits) => (typeof n === 'number' && isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits || 0 }) : '–');
  const plural = (n, word) => fmt(n) + ' ' + word + (n === 1 ? '' : 's');
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  };
  const show = (e, text) => {
    e.textContent = text == null ? '' : String(text);
    e.hidden = text == null || text === '';
  };
  const when = (iso) => {
    const d = new Date(iso);
    return isNaN(d.getTime()) ? String(iso) : d.toLocaleString('en-US');
  };

  // ---- general notice ----
  const notices = new Map();
  function setNotice(key, text) {
    if (text) notices.set(key, text); else notices.delete(key);
    show($('notice'), Array.from(new Set(notices.values())).join(' · '));
  }
  const LOST = 'Connection lost, reconnecting…';

  // ---- API key ----
  const KEY = 'pulse.apiKey';
  function getKey() {
    try { return sessionStorage.getItem(KEY) || ''; } catch (e) { return ''; }
  }
  function setKey(value) {
    try {
      if (value) sessionStorage.setItem(KEY, value); else sessionStorage.removeItem(KEY);
    } catch (e) { /* storage unavailable: the key lives for this request only */ }
  }
  function withKey(h) {
    const k = getKey();
    if (k) h['X-API-Key'] = k;
    return h;
  }
  const dialog = $('auth-dialog');
  let keyWaiters = [];
  /** Opens the key dialog; resolves true once a key is saved, false if it is dismissed. */
  function askKey(refused) {
    show($('auth-error'), refused ? 'The stored API key was not accepted.' : null);
    $('api-key').value = '';
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal(); else dialog.setAttribute('open', '');
    }
    $('api-key').focus();
    return new Promise((resolve) => keyWaiters.push(resolve));
  }
  function finishKey(saved) {
    const waiters = keyWaiters;
    keyWaiters = [];
    waiters.forEach((resolve) => resolve(saved));
    if (saved) tail.keySaved();
  }
  function closeDialog() {
    if (typeof dialog.close === 'function') dialog.close(); else dialog.removeAttribute('open');
  }
  $('auth-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    setKey($('api-key').value.trim());
    $('api-key').value = '';
    finishKey(true);
    closeDialog();
  });
  $('api-key-cancel').addEventListener('click', () => { closeDialog(); finishKey(false); });
  dialog.addEventListener('close', () => finishKey(false));
  $('auth-open').addEventListener('click', () => { askKey(false); });
  document.querySelectorAll('[data-open-auth]').forEach((b) => b.addEventListener('click', () => { askKey(false); }));

  /** Reads a non-2xx answer as a problem (application/problem+json, or whatever came). */
  async function readProblem(res) {
    let text = '';
    try { text = await res.text(); } catch (e) { /* body lost */ }
    let p = null;
    try { p = JSON.parse(text); } catch (e) { /* not JSON */ }
    if (!p || typeof p !== 'object') {
      const html = /html/i.test(res.headers.get('Content-Type') || '');
      p = { detail: html ? '' : text.slice(0, 300) };
    }
    return {
      status: res.status, title: p.title ? String(p.title) : (res.statusText || 'HTTP error'),
      detail: p.detail ? String(p.detail) : '', line: p.line, column: p.column,
    };
  }
  const problemText = (p) => p.status + ' ' + p.title + (p.detail ? ': ' + p.detail : '');

  /** POST with the key; a 401 asks for the key and sends once more. Resolves {res} or {problem}. */
  async function post(url, init) {
    const send = () => fetch(url, Object.assign({ method: 'POST', cache: 'no-store' }, init,
      { headers: withKey(Object.assign({ Accept: 'application/json, application/problem+json' }, init && init.headers)) }));
    try {
      const hadKey = !!getKey();
      let res = await send();
      if (res.status === 401) {
        const first = await readProblem(res);
        if (!(await askKey(hadKey))) return { status: 401, problem: first };
        res = await send();
      }
      if (!res.ok) return { status: res.status, problem: await readProblem(res) };
      return { status: res.status, res };
    } catch (e) {
      return { status: 0, problem: { status: 0, title: 'Network error', detail: 'Pulse could not be reached' } };
    }
  }

  // ---- Server-Sent Events over fetch ----
  function eventStream(url, opts) {
    let ctrl = null;
    let timer = 0;
    function retry() {
      setNotice(url, LOST);
      clearTimeout(timer);
      timer = setTimeout(connect, 2000);
    }
    function connect() {
      clearTimeout(timer);
      if (ctrl) ctrl.abort();
      const c = ctrl = new AbortController();
      const headers = { Accept: 'text/event-stream' };
      if (opts.auth) withKey(headers);
      const hadKey = !!headers['X-API-Key'];
      fetch(url, { headers, signal: c.signal, cache: 'no-store' }).then((res) => {
        if (c !== ctrl) return 'stale';
        if (res.status === 401 && opts.onAuth) {
          setNotice(url, null);
          discard(res);
          opts.onAuth(hadKey);
          return 'auth';
        }
        if (res.status === 404) {
          setNotice(url, null);
          discard(res);
          opts.onAbsent();
          return 'absent';
        }
        if (!res.ok || !res.body) { discard(res); return 'failed'; }
        setNotice(url, null);
        if (opts.onOpen) opts.onOpen();
        return read(res.body, opts.onEvent).then(() => 'ended');
      }).then((how) => {
        if (c === ctrl && (how === 'failed' || how === 'ended')) retry();
      }, () => {
        if (c === ctrl && !c.signal.aborted) retry();
      });
    }
    return { connect };
  }
  function discard(res) {
    try { if (res.body) res.body.cancel().catch(() => {}); } catch (e) { /* nothing to free */ }
  }
  async function read(body, onEvent) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    let data = [];
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return;
      buf += decoder.decode(chunk.value, { stream: true });
      let i;
      while ((i = buf.search(/[\r\n]/)) >= 0) {
        if (buf[i] === '\r' && i === buf.length - 1) break; // a \r\n may be split across chunks
        const line = buf.slice(0, i);
        buf = buf.slice(i + (buf[i] === '\r' && buf[i + 1] === '\n' ? 2 : 1));
        if (line === '') {
          if (data.length) {
            const text = data.join('\n');
            data = [];
            let parsed;
            try { parsed = JSON.parse(text); } catch (e) { continue; }
            try { if (parsed && typeof parsed === 'object') onEvent(parsed); } catch (e) { /* keep the stream */ }
          }
        } else if (line[0] !== ':') {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          if (field === 'data') {
            let value = colon < 0 ? '' : line.slice(colon + 1);
            if (value[0] === ' ') value = value.slice(1);
            data.push(value);
          }
        }
      }
    }
  }

  // ---- topics and their colors ----
  const PALETTE = ['#2563eb', '#e8590c', '#2f9e44', '#ae3ec9', '#0c8599', '#c92a2a', '#d9a400', '#5c7cfa'];
  const colors = new Map();
  function colorOf(topic) {
    if (!colors.has(topic)) colors.set(topic, PALETTE[colors.size % PALETTE.length]);
    return colors.get(topic);
  }
  let topics = [];
  function setTopics(list) {
    const clean = list.filter((t) => typeof t === 'string' && t !== '');
    clean.forEach(colorOf);
    topics = clean;
    const select = $('tail-topic');
    const chosen = select.value;
    const wanted = [''].concat(clean);
    if (chosen && wanted.indexOf(chosen) < 0) wanted.push(chosen);
    const have = Array.from(select.options).map((o) => o.value);
    if (have.join('\u0000') === wanted.join('\u0000')) return;
    select.replaceChildren(...wanted.map((t) => {
      const o = el('option', null, t === '' ? 'all' : t);
      o.value = t;
      return o;
    }));
    select.value = chosen;
  }

  // ---- live tail ----
  const TAIL_MAX = 200;
  const KEEP = 1000;
  const tail = (function () {
    const list = $('tail');
    let kept = []; // newest last
    let pending = [];
    let paused = false;
    let waitingKey = false;
    let dropped = 0;
    let unshown = 0;
    let queued = false;

    const topicOf = () => $('tail-topic').value;
    const filterOf = () => $('tail-filter').value.trim().toLowerCase();
    function matcher() {
      const topic = topicOf();
      const filter = filterOf();
      return (r) => (!topic || r.topic === topic) && (!filter || r.text.toLowerCase().indexOf(filter) >= 0);
    }
    function item(r) {
      const li = el('li', 'record');
      li.dataset.topic = r.topic;
      li.dataset.partition = r.partition;
      li.dataset.offset = r.offset;
      const badge = el('span', 'badge', r.topic);
      badge.style.background = colorOf(r.topic);
      li.append(badge, el('span', 'line', r.text));
      return li;
    }
    function renderCounts() {
      show($('tail-dropped'), dropped > 0 ? plural(dropped, 'record') + ' not shown: this page fell behind' : null);
      show($('tail-unshown'), unshown > 0
        ? plural(unshown, 'record') + ' passed too fast to show (only the newest are sent)' : null);
    }
    function flush() {
      queued = false;
      renderCounts();
      if (paused || !pending.length) return;
      const match = matcher();
      const frag = document.createDocumentFragment();
      for (let i = pending.length - 1; i >= 0 && frag.childNodes.length < TAIL_MAX; i--) {
        if (match(pending[i])) frag.appendChild(item(pending[i]));
      }
      pending = [];
      list.insertBefore(frag, list.firstChild);
      while (list.childElementCount > TAIL_MAX) list.lastElementChild.remove();
    }
    function renderAll() {
      pending = [];
      const match = matcher();
      const frag = document.createDocumentFragment();
      for (let i = kept.length - 1; i >= 0 && frag.childNodes.length < TAIL_MAX; i--) {
        if (match(kept[i])) frag.appendChild(item(kept[i]));
      }
      list.replaceChildren(frag);
      renderCounts();
    }
    function schedule() {
      if (!queued) { queued = true; requestAnimationFrame(flush); }
    }
    function onEvent(d) {
      const records = Array.isArray(d.records) ? d.records : [];
      for (const r of records) {
        if (!r || typeof r !== 'object') continue;
        const rec = {
          topic: String(r.topic == null ? '' : r.topic), partition: String(r.partition == null ? '' : r.partition),
          offset: String(r.offset == null ? '' : r.offset), text: String(r.line == null ? '' : r.line),
        };
        kept.push(rec);
        if (!paused) pending.push(rec);
      }
      if (kept.length > KEEP) kept = kept.slice(kept.length - KEEP);
      if (pending.length > TAIL_MAX * 2) pending = pending.slice(pending.length - TAIL_MAX);
      unshown += Math.max(0, num(d.unshown));
      dropped += Math.max(0, num(d.dropped));
      schedule();
    }
    const stream = eventStream('live/records', {
      auth: true,
      onEvent,
      onOpen() { waitingKey = false; $('tail-auth').hidden = true; },
      onAuth(hadKey) { waitingKey = true; $('tail-auth').hidden = false; askKey(hadKey); },
      onAbsent() { $('tail-section').hidden = true; },
    });

    $('tail-topic').addEventListener('change', renderAll);
    $('tail-filter').addEventListener('input', renderAll);
    $('tail-pause').addEventListener('click', () => {
      paused = !paused;
      const b = $('tail-pause');
      b.textContent = paused ? 'Resume' : 'Pause';
      b.setAttribute('aria-pressed', String(paused));
      if (!paused) renderAll();
    });
    list.addEventListener('click', (ev) => {
      const li = ev.target.closest && ev.target.closest('.record');
      const sel = window.getSelection ? String(window.getSelection()) : '';
      if (li && !sel) li.classList.toggle('open');
    });
    return {
      start: stream.connect,
      keySaved() { if (waitingKey) { waitingKey = false; stream.connect(); } },
    };
  }());

  // ---- rates chart ----
  const SPAN = 300 * 1000;
  const canvas = $('rates-chart');
  let points = []; // {time, rates}, oldest first
  let drawQueued = false;
  function scheduleDraw() {
    if (!drawQueued) { drawQueued = true; requestAnimationFrame(() => { drawQueued = false; draw(); }); }
  }
  function validPoint(p) {
    return p && typeof p === 'object' && typeof p.time === 'number' && p.rates && typeof p.rates === 'object';
  }
  function onRates(d) {
    if (Array.isArray(d.topics)) setTopics(d.topics);
    if (Array.isArray(d.sources)) {
      // only the sources this Pulse has are asked for: a 404 would be a console error
      sources.forEach((src) => { src.gone = d.sources.indexOf(src.url) < 0; if (src.gone) src.card.hidden = true; });
      pollAll();
    }
    if (Array.isArray(d.history)) points = d.history.filter(validPoint);
    if (validPoint(d)) points.push({ time: d.time, rates: d.rates });
    if (!points.length) return;
    const latest = points[points.length - 1];
    const start = latest.time - SPAN;
    let cut = 0;
    while (cut < points.length && points[cut].time < start) cut++;
    if (cut) points = points.slice(cut);
    if (points.length > 300) points = points.slice(points.length - 300);
    const extra = Object.keys(latest.rates).filter((t) => topics.indexOf(t) < 0);
    if (extra.length) setTopics(topics.concat(extra));
    canvas.setAttribute('data-latest', JSON.stringify(latest.rates));
    renderLegend(latest.rates);
    scheduleDraw();
  }
  function renderLegend(rates) {
    $('rates-legend').replaceChildren(...topics.map((t) => {
      const li = el('li');
      const swatch = el('span', 'swatch');
      swatch.style.background = colorOf(t);
      li.append(swatch, el('span', 'name', t), ' ', el('span', 'rate', fmt(num(rates[t]), 1) + '/s'));
      return li;
    }));
  }
  function niceMax(v) {
    if (!(v > 0)) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }
  function draw() {
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (!w || !h) return;
    const dpr = window.devicePixelRatio || 1;
    const W = Math.round(w * dpr);
    const H = Math.round(h * dpr);
    if (canvas.width !== W || canvas.height !== H) { canvas.width = W; canvas.height = H; }
    const g = canvas.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    const css = getComputedStyle(document.body);
    const muted = css.getPropertyValue('--muted').trim() || '#888';
    const grid = css.getPropertyValue('--line').trim() || '#ddd';
    let max = 0;
    for (const p of points) for (const t of topics) max = Math.max(max, num(p.rates[t]));
    const top = niceMax(max);
    const digits = top < 4 ? 2 : 0;
    g.font = '11px system-ui, sans-serif';
    const labels = [0, 1, 2, 3, 4].map((i) => fmt(top * i / 4, digits));
    const left = Math.ceil(Math.max(...labels.map((l) => g.measureText(l).width))) + 8;
    const right = 8;
    const topPad = 8;
    const bottom = 18;
    const pw = Math.max(1, w - left - right);
    const ph = Math.max(1, h - topPad - bottom);
    const end = points.length ? points[points.length - 1].time : Date.now();
    const x = (t) => left + (t - (end - SPAN)) / SPAN * pw;
    const y = (v) => topPad + ph - v / top * ph;
    g.lineWidth = 1;
    g.strokeStyle = grid;
    g.fillStyle = muted;
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    labels.forEach((l, i) => {
      const yy = Math.round(y(top * i / 4)) + 0.5;
      g.beginPath(); g.moveTo(left, yy); g.lineTo(left + pw, yy); g.stroke();
      g.fillText(l, left - 5, yy);
    });
    g.textBaseline = 'alphabetic';
    for (let m = 5; m >= 0; m--) {
      g.textAlign = m === 5 ? 'left' : m === 0 ? 'right' : 'center';
      g.fillText(m === 0 ? 'now' : '-' + m + 'm', x(end - m * 60000), h - 4);
    }
    g.lineWidth = 1.6;
    g.lineJoin = 'round';
    for (const t of topics) {
      g.strokeStyle = colorOf(t);
      g.beginPath();
      let prev = null;
      for (const p of points) {
        const px = x(p.time);
        const py = y(num(p.rates[t]));
        if (prev === null || p.time - prev > 2500) g.moveTo(px, py); else g.lineTo(px, py);
        prev = p.time;
      }
      g.stroke();
    }
  }
  const rates = eventStream('live/rates', {
    onEvent: onRates,
    onAbsent() { $('rates-section').hidden = true; },
  });
  if (typeof ResizeObserver === 'function') new ResizeObserver(scheduleDraw).observe(canvas);
  window.addEventListener('resize', scheduleDraw);

  // ---- sources ----
  function setState(e, state) {
    const s = state == null ? '' : String(state);
    e.textContent = s;
    e.classList.toggle('good', /^(running|streaming|done|completed)$/.test(s));
    e.classList.toggle('bad', /^(failed|error)$/.test(s));
    e.classList.toggle('busy', /^(starting|connecting|backing-off|stopping)$/.test(s));
  }
  const field = (card, name) => card.querySelector('[data-field="' + name + '"]');
  function renderCommon(card, s) {
    const owner = s.owner;
    show(field(card, 'owner'), owner == null ? null
      : 'owner ' + (typeof owner === 'object' ? JSON.stringify(owner) : owner));
    show(field(card, 'lastError'), s.lastError ? 'last error: ' + s.lastError : null);
  }
  function renderEmitter(card, s) {
    setState($('emitter-state'), s.state);
    const info = [];
    if (s.dataset != null) info.push(String(s.dataset) + (s.topic != null ? ' → ' + s.topic : ''));
    info.push('emitted ' + fmt(num(s.emitted)));
    if (num(s.failed) > 0) info.push('failed ' + fmt(s.failed));
    if (s.resumedFrom != null) info.push('resumed from ' + fmt(num(s.resumedFrom)));
    if (s.startedAt) info.push('started ' + when(s.startedAt));
    show(field(card, 'info'), info.join(' · '));
    const ack = num(s.acknowledged);
    const hasTotal = typeof s.total === 'number' && isFinite(s.total);
    const bar = $('emitter-progress');
    if (hasTotal) {
      bar.max = Math.max(1, s.total);
      bar.value = Math.min(ack, bar.max);
    } else {
      bar.removeAttribute('value');
    }
    $('emitter-counts').textContent = (hasTotal ? fmt(ack) + ' / ' + fmt(s.total) : fmt(ack))
      + ' acknowledged · ' + fmt(num(s.ratePerSecond), 1) + '/s';
    renderCommon(card, s);
  }
  function streamRenderer(counters, extras) {
    return (card, s) => {
      field(card, 'mode').textContent = s.mode == null ? '' : String(s.mode);
      setState(field(card, 'state'), s.state);
      const dl = field(card, 'stats');
      for (const c of counters) {
        let dd = dl.querySelector('[data-k="' + c + '"]');
        if (!dd) {
          const row = el('div');
          dd = el('dd');
          dd.dataset.k = c;
          row.append(el('dt', null, c), dd);
          dl.append(row);
        }
        dd.textContent = fmt(num(s[c]));
      }
      const more = extras.filter((k) => s[k] != null && s[k] !== '').map((k) => k + ' ' + s[k]);
      show(field(card, 'extra'), more.join(' · '));
      show(field(card, 'nextRetryAt'), s.nextRetryAt ? 'next retry ' + when(s.nextRetryAt) : null);
      renderCommon(card, s);
    };
  }
  /** A live source's card, from the one template: ids <name>-source, -state, -mode, -start and -stop. */
  function streamCard(name, title, hidden) {
    const card = $('stream-card').content.firstElementChild.cloneNode(true);
    card.id = name + '-source';
    card.hidden = hidden;
    field(card, 'title').textContent = title;
    for (const part of ['state', 'mode', 'start', 'stop']) field(card, part).id = name + '-' + part;
    $('stream-card').before(card);
    return card;
  }
  function streamSource(name, title, url, counters, extras, gone) {
    return {
      card: streamCard(name, title, gone), url, start: name + '-start', stop: name + '-stop', gone,
      render: streamRenderer(counters, extras),
    };
  }
  const sources = [
    { card: $('emitter'), url: 'sample', render: renderEmitter, start: 'emitter-start', stop: 'emitter-stop' },
    streamSource('x', 'X stream', 'x/stream', ['received', 'published', 'duplicates', 'reconnects', 'malformed'],
      ['source'], false),
    streamSource('bluesky', 'Bluesky Jetstream', 'bluesky/stream',
      ['received', 'published', 'skipped', 'duplicates', 'reconnects'], ['cursor'], true),
  ];
  function poll(src) {
    if (src.gone || Date.now() < (src.quietUntil || 0)) return;
    if (src.busy) { src.again = true; return; }
    src.busy = true;
    fetch(src.url, { headers: { Accept: 'application/json' }, cache: 'no-store' }).then((res) => {
      setNotice('poll', null);
      if (res.status === 404) { src.gone = true; src.card.hidden = true; discard(res); return null; }
      if (!res.ok) { discard(res); return null; }
      return res.json().catch(() => null);
    }).then((s) => {
      if (s && typeof s === 'object' && !src.gone) {
        src.render(src.card, s);
        src.card.hidden = false;
      }
    }, () => {
      setNotice('poll', LOST);
      src.quietUntil = Date.now() + 1900; // while Pulse is away, ask every 2 s instead of every second
    }).then(() => {
      src.busy = false;
      if (src.again) { src.again = false; poll(src); }
    });
  }
  function pollAll() {
    if (!document.hidden) sources.forEach(poll);
  }
  async function act(src, url, buttons) {
    buttons.forEach((b) => { b.disabled = true; });
    const out = await post(url);
    buttons.forEach((b) => { b.disabled = false; });
    show(src.card.querySelector('.card-problem'), out.problem ? problemText(out.problem) : null);
    if (out.res) {
      try {
        const s = await out.res.json();
        if (s && typeof s === 'object') src.render(src.card, s);
      } catch (e) { /* the poll below shows it */ }
    }
    poll(src);
  }
  sources.forEach((src) => {
    const start = $(src.start);
    const stop = $(src.stop);
    start.addEventListener('click', () => {
      let url = src.url + '/start';
      if (src.card.id === 'emitter') {
        const q = new URLSearchParams();
        const count = $('emitter-count').value.trim();
        const interval = $('emitter-interval').value.trim();
        if (count) q.set('count', count);
        if (interval) q.set('interval', interval);
        const qs = q.toString();
        url = 'sample/start' + (qs ? '?' + qs : '');
      }
      act(src, url, [start, stop]);
    });
    stop.addEventListener('click', () => { act(src, src.url + '/stop', [start, stop]); });
  });

  // ---- send ----
  function place(r) {
    if (!r || typeof r !== 'object') return '?';
    return String(r.topic == null ? '?' : r.topic) + (r.partition != null ? '-' + r.partition : '')
      + (r.offset != null ? '@' + r.offset : '');
  }
  function receiptText(body) {
    if (!Array.isArray(body)) return 'sent to ' + place(body);
    if (!body.length) return 'sent nothing';
    const first = body[0] || {};
    const last = body[body.length - 1] || {};
    if (body.length === 1) return 'sent 1 record to ' + place(first);
    const same = body.every((r) => r && r.topic === first.topic && r.partition === first.partition);
    if (same && first.offset != null && last.offset != null) {
      return 'sent ' + plural(body.length, 'record') + ' to ' + place(first) + '..' + last.offset;
    }
    return 'sent ' + plural(body.length, 'record') + ': ' + place(first) + ' .. ' + place(last);
  }
  $('send-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const button = $('send-button');
    const result = $('send-result');
    const key = $('send-key').value;
    button.disabled = true;
    const out = await post('messages' + (key !== '' ? '?key=' + encodeURIComponent(key) : ''), {
      headers: { 'Content-Type': $('send-type').value }, body: $('send-body').value,
    });
    button.disabled = false;
    result.setAttribute('data-status', String(out.status));
    if (out.res) {
      let body = null;
      try { body = await out.res.json(); } catch (e) { /* 2xx without JSON */ }
      result.replaceChildren(el('span', 'ok', body ? receiptText(body) : 'sent (' + out.status + ')'));
      return;
    }
    const p = out.problem;
    const box = el('div', 'error');
    box.id = 'send-problem';
    box.append(el('strong', null, (p.status ? p.status + ' ' : '') + p.title));
    if (p.detail) box.append(el('div', null, p.detail));
    if (p.line != null && p.column != null) box.append(el('div', null, 'line ' + p.line + ', column ' + p.column));
    else if (p.line != null) box.append(el('div', null, 'line ' + p.line));
    result.replaceChildren(box);
  });

  // ---- start ----
  tail.start();
  rates.connect();
  pollAll();
  setInterval(pollAll, 1000);
  document.addEventListener('visibilitychange', pollAll);
}());
