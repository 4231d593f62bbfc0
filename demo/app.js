// The quietpage demo page. Every parse runs in a Web Worker through the
// package's worker API, so the page stays responsive while the WebAssembly
// core works; this module only gathers input, hands the original page to
// its preview frame and renders the Article. With "Compare with
// Readability.js" on, Readability.js reads the same page in a worker of its
// own, and its article shows where the preview was.
//
// The page runs under a strict CSP (see index.html): no inline script or
// style, frames and media from this origin only. The previews are frames of
// preview.html, which has a policy of its own (see preview-frame.js); embeds
// in the article become links.
import { createWorkerReader } from '/js/worker-client.js';
import { decodeHtml, detectEncoding } from '/js/decode.js';
import { notHtmlReason } from '/js/sniff.js';
import { createReaderView } from '/reader-view/controls.js';
import { escapeHtml, renderDocument } from '/reader-view/render.js';

const $ = (id) => document.getElementById(id);

const els = {
  sample: $('sample'),
  sampleForm: $('sample-form'),
  urlForm: $('url-form'),
  url: $('url'),
  pasteForm: $('paste-form'),
  paste: $('paste'),
  pasteHeld: $('paste-held'),
  pasteHeldText: $('paste-held-text'),
  pasteHeldClear: $('paste-held-clear'),
  baseUrl: $('base-url'),
  file: $('file'),
  original: $('original'),
  originalTitle: $('original-title'),
  originalNote: $('original-note'),
  compareToggle: $('compare-toggle'),
  readabilityFrame: $('readability'),
  result: $('result'),
  resultBody: $('result-body'),
  statusSource: $('status-source'),
  statusEncoding: $('status-encoding'),
  statusTimeWrap: $('status-time-wrap'),
  parseTime: $('parse-time'),
  statusReadability: $('status-readability'),
  readabilityTime: $('readability-time'),
  statusCore: $('status-core'),
  noarticleReason: $('noarticle-reason'),
  showAnyway: $('show-anyway'),
  errorCode: $('error-code'),
  errorMessage: $('error-message'),
  errorHint: $('error-hint'),
  readerPanel: $('panel-reader'),
  markdownOut: $('markdown-out'),
  markdownMissing: $('markdown-missing'),
  textOut: $('text-out'),
  jsonOut: $('json-out'),
  dropOverlay: $('drop-overlay'),
  themeToggle: $('theme-toggle'),
};

const STATES = ['empty', 'loading', 'noarticle', 'error', 'article'];

/** Shows one of the result states (and hides the others). */
function showState(name) {
  for (const state of STATES) $(`state-${state}`).hidden = state !== name;
  els.resultBody.setAttribute('aria-busy', String(name === 'loading'));
}

/** A value kept in localStorage, or `fallback` (none, or no storage). */
function stored(key, fallback) {
  try {
    return localStorage.getItem(key) ?? fallback;
  } catch {
    return fallback;
  }
}

/** Keeps a value in localStorage (null removes it); without storage it lasts until reload. */
function store(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage can be unavailable (privacy settings).
  }
}

// ---------------------------------------------------------------- theme

const THEME_KEY = 'quietpage-demo-theme';
const systemDark = matchMedia('(prefers-color-scheme: dark)');

function effectiveTheme() {
  return document.documentElement.dataset.theme ?? (systemDark.matches ? 'dark' : 'light');
}

function syncThemeToggle() {
  els.themeToggle.setAttribute('aria-pressed', String(effectiveTheme() === 'dark'));
}

els.themeToggle.addEventListener('click', () => {
  const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
  // Choosing the system's own theme again means "follow the system".
  const followSystem = next === (systemDark.matches ? 'dark' : 'light');
  if (followSystem) delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = next;
  store(THEME_KEY, followSystem ? null : next);
  syncThemeToggle();
  showReadabilityResult();
});
systemDark.addEventListener('change', () => {
  syncThemeToggle();
  showReadabilityResult();
});
syncThemeToggle();

// ---------------------------------------------------------------- tabs

const tabs = [...document.querySelectorAll('[role="tab"]')];

function selectTab(tab, { focus = false } = {}) {
  for (const t of tabs) {
    const selected = t === tab;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !selected;
  }
  if (focus) tab.focus();
}

for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(tab));
  // Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation).
  tab.addEventListener('keydown', (event) => {
    const i = tabs.indexOf(tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length], { focus: true });
  });
}

// ---------------------------------------------------------------- copy buttons

for (const button of document.querySelectorAll('button.copy')) {
  const label = button.textContent;
  button.addEventListener('click', async () => {
    const text = $(button.dataset.copy).textContent;
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Copy failed';
    }
    setTimeout(() => { button.textContent = label; }, 1500);
  });
}

// ---------------------------------------------------------------- the worker

const reader = createWorkerReader();
const coreStart = performance.now();
let coreError = null;
const coreReady = reader.ready().then(
  () => { els.statusCore.textContent = `core loaded in ${formatMs(performance.now() - coreStart)}`; },
  (error) => { coreError = error; els.statusCore.textContent = 'core failed to load'; },
);

function formatMs(ms) {
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

// ---------------------------------------------------------------- previews

const PREVIEW_CSS = new URL('preview.css', location.href).href;
// The preview shows at most this much of a page: in a browser that runs
// sandboxed frames in the page's own process (not Chromium), laying out a
// huge page would hold this page up too.
const PREVIEW_MAX_CHARS = 2 * 1024 * 1024;

/**
 * One of the demo's frames (preview.html, readability.html; see
 * preview-frame.js), loaded with the first message: pages are posted to it,
 * and it parses, cleans and shows them itself. Only the latest page counts:
 * one sent before the frame is ready replaces the one waiting.
 * @param {HTMLIFrameElement} frame
 * @param {string} src
 */
function createFrame(frame, src) {
  let ready = false;
  let waiting = [];
  let requests = 0;
  const answers = new Map();
  const post = (message) => {
    if (ready) frame.contentWindow.postMessage(message, '*');
    else waiting = [...waiting.filter((m) => m.type !== message.type), message];
    // Loaded when first needed.
    if (!frame.hasAttribute('src')) frame.src = src;
  };
  addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow) return;
    if (event.data?.type === 'ready') {
      ready = true;
      for (const message of waiting) frame.contentWindow.postMessage(message, '*');
      waiting = [];
    } else if (answers.has(event.data?.id)) {
      answers.get(event.data.id)(event.data);
      answers.delete(event.data.id);
    }
  });
  return {
    /** @param {string} html @param {{ base?: string | null, stylesheet?: string | null }} [options] */
    show(html, { base = null, stylesheet = null } = {}) {
      post({ type: 'show', html, base, stylesheet });
    },
    /** Posts a request ({ type, ... }); resolves with the frame's answer. */
    request(message) {
      const id = ++requests;
      post({ ...message, id });
      return new Promise((resolve) => answers.set(id, resolve));
    },
  };
}

const originalPreview = createFrame(els.original, 'preview.html');
const readabilityFrame = createFrame(els.readabilityFrame, 'readability.html');
let originalNote = '';

/** Previews the original page (its first PREVIEW_MAX_CHARS characters). */
function showOriginal(html, base) {
  let shown = html;
  originalNote = 'Preview without scripts or embeds.';
  if (html.length > PREVIEW_MAX_CHARS) {
    // Cut before a tag rather than inside one.
    const cut = html.lastIndexOf('<', PREVIEW_MAX_CHARS);
    shown = html.slice(0, cut > 0 ? cut : PREVIEW_MAX_CHARS);
    originalNote = `Preview of the first ${shown.length.toLocaleString('en')} of ${html.length.toLocaleString('en')} characters, without scripts or embeds.`;
  }
  originalPreview.show(shown, { base, stylesheet: PREVIEW_CSS });
  syncLeftPane();
}

function clearOriginal() {
  originalNote = 'Nothing to preview.';
  originalPreview.show('');
  syncLeftPane();
}

/** A page with one message, for the Readability.js frame. */
function messagePage(title, text = '') {
  return `<!DOCTYPE html><html lang="en" style="color-scheme: ${effectiveTheme()}"><body class="preview-message"><p class="preview-message-title">${escapeHtml(title)}</p>`
    + `${text ? `<p>${escapeHtml(text)}</p>` : ''}</body></html>`;
}

// ---------------------------------------------------------------- rendering

let readerCss = null;
/** reader.css's text, for saved articles and the Readability.js frame (fetched once). */
const fetchReaderCss = () => {
  readerCss ??= fetch('/reader-view/reader.css').then((response) => {
    if (!response.ok) throw new Error(`reader.css: HTTP ${response.status}`);
    return response.text();
  }).catch((error) => {
    readerCss = null;
    throw error;
  });
  return readerCss;
};

// The Reader tab: the reader view the extension and the CLI use too
// (reader-view/), with its settings kept in this browser's localStorage.
const READER_SETTINGS_KEY = 'quietpage-reader-settings';
const readerView = createReaderView({
  root: els.readerPanel,
  scroller: els.resultBody,
  settings: {
    load() {
      try {
        return JSON.parse(stored(READER_SETTINGS_KEY, 'null'));
      } catch {
        return null;
      }
    },
    save(value) {
      store(READER_SETTINGS_KEY, JSON.stringify(value));
      showReadabilityResult();
    },
  },
  css: fetchReaderCss,
});

// Links in the article open in a new tab (the demo stays put); links within it don't.
els.readerPanel.addEventListener('click', (event) => {
  const link = event.target.closest?.('.qp-page a[href]');
  if (link && !link.getAttribute('href').startsWith('#')) link.target = '_blank';
}, true);

function setText(el, text) {
  el.textContent = text ?? '';
  el.hidden = !text;
}

/** A link standing in for an embed that the page's CSP can't show. */
function embedLink(doc, kind, src) {
  const p = doc.createElement('p');
  p.className = 'embed-link';
  let host = '';
  try { host = new URL(src).host; } catch { /* keep it empty */ }
  if (!src) {
    p.textContent = `Embedded ${kind} (no source)`;
    return p;
  }
  const a = doc.createElement('a');
  a.href = src;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.textContent = `Embedded ${kind}${host ? ` from ${host}` : ''} — open in a new tab`;
  p.append(a);
  return p;
}

/**
 * The article as the Reader tab shows it: embeds swapped for links (the demo
 * page's CSP allows frames and media only from its own origin), in an inert
 * <template> — only when there are any, as a long article takes a while to
 * parse and write back.
 */
function demoArticle(article) {
  if (!/<(?:iframe|video|audio)\b/i.test(article.content)) return article;
  const template = document.createElement('template');
  template.innerHTML = article.content;
  const root = template.content;
  for (const frame of root.querySelectorAll('iframe')) {
    frame.replaceWith(embedLink(document, 'video', frame.getAttribute('src')));
  }
  for (const media of root.querySelectorAll('video, audio')) {
    const src = media.getAttribute('src') ?? media.querySelector('source[src]')?.getAttribute('src');
    media.replaceWith(embedLink(document, media.localName, src));
  }
  return { ...article, content: template.innerHTML };
}

// The reader view's pieces are cut in view-worker.js; where that worker can't
// run, showArticle cuts them here.
let viewWorker = null;
let viewRequests = 0;
function buildViewOffThread(article, url) {
  try {
    viewWorker ??= new Worker('view-worker.js', { type: 'module' });
  } catch {
    return Promise.resolve(undefined);
  }
  const id = ++viewRequests;
  // Only what the view shows goes across, not the text and Markdown.
  const { textContent, markdown, ...shown } = article;
  return new Promise((resolve) => {
    const done = (view) => {
      viewWorker?.removeEventListener('message', onMessage);
      viewWorker?.removeEventListener('error', onError);
      resolve(view);
    };
    const onMessage = ({ data }) => { if (data.id === id) done(data.view); };
    const onError = (event) => {
      event.preventDefault();
      viewWorker = null;
      done(undefined);
    };
    viewWorker.addEventListener('message', onMessage);
    viewWorker.addEventListener('error', onError);
    viewWorker.postMessage({ id, article: shown, url });
  });
}

/** Fills the result's tabs. @param {object} shown demoArticle(article) @param {object} [view] its view */
function renderArticle(article, shown, view, url) {
  const dir = article.dir ?? 'auto';
  readerView.showArticle(shown, { url, view });

  // Markdown: requested with { markdown: true }; a core built before that
  // option existed ignores it and returns no `markdown` field.
  const hasMarkdown = typeof article.markdown === 'string';
  els.markdownMissing.hidden = hasMarkdown;
  els.markdownOut.hidden = !hasMarkdown;
  els.markdownOut.textContent = hasMarkdown ? article.markdown : '';
  document.querySelector('[data-copy="markdown-out"]').disabled = !hasMarkdown;

  for (const out of [els.textOut, els.markdownOut]) {
    out.dir = dir;
    if (article.lang) out.lang = article.lang;
    else out.removeAttribute('lang');
  }
  els.textOut.textContent = article.textContent;

  const { content, textContent, markdown, ...metadata } = article;
  els.jsonOut.textContent = JSON.stringify(metadata, null, 2);
}

/** Shows an error in the result pane; nothing stale stays beside it. */
function showError(error, hint) {
  els.errorCode.textContent = error?.code ?? 'ERROR';
  els.errorMessage.textContent = error?.message ?? String(error);
  els.errorHint.textContent = hint ?? '';
  els.errorHint.hidden = !hint;
  showState('error');
  currentPage = null;
  clearOriginal();
  showReadabilityResult();
}

// ---------------------------------------------------------------- Readability.js

// The comparison: Readability.js (the @mozilla/readability devDependency,
// served by scripts/serve.mjs) reads the same page in readability.html's
// frame — a sandboxed frame, in a process of its own in Chromium, on an
// inert DOMParser copy of the page — and its article shows there, rendered
// like the Reader tab's.
const COMPARE_KEY = 'quietpage-demo-compare';
const compare = {
  on: stored(COMPARE_KEY, '') === 'on',
  version: null, // @mozilla/readability's, once asked for
  note: '',
  // The page it last read (or is reading): currentPage's value then.
  page: null,
  // What it made of that page: the frame's answer.
  result: null,
};

/** The left pane: the original page, or Readability.js's article. */
function syncLeftPane() {
  if (compare.on && compare.version === null) {
    compare.version = '';
    fetch('/vendor/readability/package.json')
      .then((response) => (response.ok ? response.json() : null))
      .then((info) => {
        compare.version = typeof info?.version === 'string' ? info.version : '';
        syncLeftPane();
      }, () => {});
  }
  els.compareToggle.setAttribute('aria-pressed', String(compare.on));
  els.original.hidden = compare.on;
  els.readabilityFrame.hidden = !compare.on;
  els.originalTitle.textContent = compare.on ? `Readability.js${compare.version ? ` ${compare.version}` : ''}` : 'Original page';
  els.originalNote.textContent = compare.on ? compare.note : originalNote;
  els.statusReadability.hidden = !compare.on || !els.readabilityTime.textContent;
}

function showReadability({ title, text, html, base = null, note = '', ms }) {
  readabilityFrame.show(html ?? messagePage(title, text), { base, stylesheet: html ? null : PREVIEW_CSS });
  compare.note = note;
  els.readabilityTime.textContent = ms === undefined ? '' : formatMs(ms);
  syncLeftPane();
}

/** Has Readability.js read the current page, if the comparison is on and it hasn't yet. */
async function runReadability() {
  const page = currentPage;
  if (!compare.on || !page || compare.page === page) return;
  compare.page = page;
  compare.result = null;
  showReadabilityResult();
  const answer = await readabilityFrame.request({ type: 'readability', html: page.html, url: page.url ?? null });
  if (page !== compare.page) return;
  // Timed in the frame: its parse of the page and Readability's work. (Timed
  // from here, it would count the frame's drawing of the page it showed before.)
  compare.result = answer.error ? answer : { ...answer, ms: answer.domMs + answer.readabilityMs };
  showReadabilityResult();
}

/** Shows where Readability.js is with the page, or what it made of it (in the Reader tab's settings). */
async function showReadabilityResult() {
  const result = compare.result;
  if (!compare.on) return;
  if (!currentPage) {
    showReadability({ title: 'Nothing to compare', text: 'Readability.js reads the page quietpage reads.' });
    return;
  }
  if (compare.page !== currentPage) {
    showReadability({ title: 'Readability.js reads the page once quietpage has.' });
    return;
  }
  if (!result) {
    showReadability({ title: 'Readability.js is reading the page…' });
    return;
  }
  if (result.error) {
    showReadability({ title: 'Readability.js failed on this page', text: result.error });
    return;
  }
  const { article, ms, domMs, readabilityMs } = result;
  const note = `${formatMs(ms)}: DOMParser ${formatMs(domMs)}, then Readability ${formatMs(readabilityMs)}, in a sandboxed frame.`;
  if (!article) {
    showReadability({ title: 'No article found', text: 'Readability.js returned null for this page.', note, ms });
    return;
  }
  let css = '';
  try {
    css = await fetchReaderCss();
  } catch {
    // Unstyled, but there.
  }
  if (result !== compare.result || !compare.on) return;
  // The same renderer as the Reader tab, in its settings (the theme as this
  // page shows it), so only the extraction differs. Readability's HTML is not
  // sanitized: the frame runs none of its scripts (see preview-frame.js).
  const settings = readerView.settings;
  if (settings.theme === 'auto') settings.theme = effectiveTheme();
  const url = compare.page.url ?? null;
  showReadability({ html: renderDocument(article, { css, url: url ?? undefined, settings }), base: url, note, ms });
}

els.compareToggle.addEventListener('click', () => {
  compare.on = !compare.on;
  store(COMPARE_KEY, compare.on ? 'on' : null);
  syncLeftPane();
  if (currentPage && compare.page !== currentPage) runReadability();
  else showReadabilityResult();
});

// ---------------------------------------------------------------- parsing

let generation = 0;
let pendingArticle = null;
// The page on show: { html, url } (decoded HTML and its URL), for Readability.js.
let currentPage = null;

function setStatus({ source, encoding, ms }) {
  els.statusSource.textContent = source;
  setText(els.statusEncoding, encoding);
  els.statusTimeWrap.hidden = ms === undefined;
  els.parseTime.textContent = ms === undefined ? '' : formatMs(ms);
}

const ENCODING_SOURCES = {
  bom: 'from its byte-order mark',
  hint: 'from the Content-Type header',
  meta: 'from its <meta charset>',
  'utf-8': 'valid UTF-8',
  default: 'not UTF-8: the windows-1252 fallback',
};

// What to do about input that is not a page, by where it came from.
const NOT_HTML_HINTS = {
  paste: 'Paste the HTML source of a page (View Page Source, then select all and copy).',
  file: 'Open a web page saved as HTML (.html, .htm).',
  url: 'That address does not serve a web page.',
};

/**
 * Shows a NOT_HTML error, and returns true, when the input is not an HTML
 * page (an image, JSON, plain text...), rather than extract a garbage
 * "article" from it.
 */
function refusedAsNotHtml(input, { contentType, charset, label, name, kind }) {
  const reason = notHtmlReason(input, { contentType, charset });
  if (!reason) return false;
  setStatus({ source: label });
  showError({ code: 'NOT_HTML', message: `${name} is ${reason}, not an HTML page.` }, NOT_HTML_HINTS[kind]);
  return true;
}

/**
 * Previews and parses one page.
 * @param {{ input: string | Uint8Array, charset?: string, contentType?: string, url?: string,
 *           previewBase?: string | null, label: string, name: string, kind: 'sample' | 'paste' | 'file' | 'url' }} page
 *   contentType: the HTTP Content-Type it came with; name: what it is called in messages
 */
async function parsePage(page) {
  const { input, charset, url, previewBase = url ?? null, label } = page;
  const current = ++generation;
  pendingArticle = null;
  if (refusedAsNotHtml(input, page)) return;
  showState('loading');
  let encoding;
  let html = input;
  if (typeof input !== 'string') {
    const detected = detectEncoding(input, charset);
    encoding = `${detected.encoding} (${ENCODING_SOURCES[detected.source]})`;
    html = decodeHtml(input, charset);
  }
  setStatus({ source: label, encoding });
  showOriginal(html, previewBase);
  currentPage = { html, url };
  showReadabilityResult();

  await coreReady;
  if (current !== generation) return;
  if (coreError) {
    showError(coreError, 'Build the WebAssembly core with `npm run build` (or start the demo with `npm start`), then reload.');
    return;
  }
  try {
    // A hostile page fails with TIMEOUT instead of tying up the worker: 2 s,
    // and 1 s more per MB so that long honest pages still get through.
    const size = typeof input === 'string' ? input.length : input.byteLength;
    const options = { charset, markdown: true, timeoutMs: 2000 + Math.ceil(size / 1e6) * 1000 };
    if (url) options.url = url;
    // The same gate as a browser's reader-mode button: is there enough prose?
    const readerable = await reader.isProbablyReaderable(input, { charset });
    const start = performance.now();
    const article = await reader.parse(input, options);
    const ms = performance.now() - start;
    if (current !== generation) return;
    setStatus({ source: label, encoding, ms });
    runReadability();
    if (!article) {
      els.noarticleReason.textContent = 'quietpage found no text to extract from this page.';
      els.showAnyway.hidden = true;
      showState('noarticle');
      return;
    }
    const shown = demoArticle(article);
    const view = await buildViewOffThread(shown, url);
    if (current !== generation) return;
    renderArticle(article, shown, view, url);
    if (!readerable) {
      els.noarticleReason.textContent = 'This page has too little prose to be an article (isProbablyReaderable() is false), '
        + 'so a browser would not offer reader mode here. parse() still returns its best guess.';
      els.showAnyway.hidden = false;
      pendingArticle = article;
      showState('noarticle');
      return;
    }
    showState('article');
  } catch (error) {
    if (current !== generation) return;
    setStatus({ source: label, encoding });
    showError(error);
  }
}

els.showAnyway.addEventListener('click', () => {
  if (!pendingArticle) return;
  pendingArticle = null;
  showState('article');
  $('tab-reader').focus();
});

// ---------------------------------------------------------------- narrow screens

// Where the panes stack (style.css), the result is below the sources: bring
// it into view, and focus it, when the visitor asks for a page. The scroll
// goes to the status line just above it (what was read, how fast), whose
// text changes with the page: its top stays put when it does.
const stacked = matchMedia('(max-width: 860px)');
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

function revealResult() {
  if (!stacked.matches) return;
  els.result.focus({ preventScroll: true });
  $('status').scrollIntoView({ block: 'start', behavior: reducedMotion.matches ? 'instant' : 'smooth' });
}

// ---------------------------------------------------------------- permalinks

/** Puts the fetched page's address in this page's URL (?url=...), or takes it out. */
function setPermalink(pageUrl) {
  // Only what would break the query is escaped, so the address stays readable.
  const query = pageUrl ? `?url=${encodeURIComponent(pageUrl).replace(/%(?:3A|2F|40)/gi, decodeURIComponent)}` : '';
  if (location.search !== query) history.replaceState(history.state, '', `${location.pathname}${query}`);
}

// ---------------------------------------------------------------- inputs

let samples = [];

async function loadSampleList() {
  try {
    const response = await fetch('samples/index.json');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    samples = await response.json();
  } catch (error) {
    els.sample.replaceChildren(new Option('Samples unavailable', ''));
    els.sample.disabled = true;
    showError({ code: 'SAMPLES_UNAVAILABLE', message: `could not load samples/index.json: ${error.message}` });
    return;
  }
  els.sample.replaceChildren(...samples.map((s) => new Option(s.title, s.file)));
  els.sample.disabled = false;
}

async function loadSample(file) {
  const sample = samples.find((s) => s.file === file);
  if (!sample) return;
  setPermalink(null);
  const label = `Sample: ${sample.title}`;
  // A later choice made while this sample downloads wins.
  const current = ++generation;
  try {
    const served = new URL(`samples/${encodeURIComponent(sample.file)}`, location.href);
    const response = await fetch(served);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (current !== generation) return;
    // The parse gets the page's public URL; the preview resolves against
    // where this server keeps it, so its stylesheet loads.
    await parsePage({
      input: bytes,
      charset: response.headers.get('content-type') ?? undefined,
      url: sample.url,
      previewBase: served.href,
      label,
      name: sample.file,
      kind: 'sample',
    });
  } catch (error) {
    if (current !== generation) return;
    setStatus({ source: label });
    showError({ code: 'SAMPLE_UNAVAILABLE', message: `could not load ${sample.file}: ${error.message}` });
  }
}

els.sample.addEventListener('change', () => {
  revealResult();
  loadSample(els.sample.value);
});
els.sampleForm.addEventListener('submit', (event) => {
  event.preventDefault();
  revealResult();
  loadSample(els.sample.value);
});

/** The URL typed in a box, with https:// added when the scheme is missing. */
function typedUrl(value) {
  const text = value.trim();
  if (!text) return '';
  return /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
}

async function fetchAndParse(target) {
  const current = ++generation;
  const label = `Web page: ${target}`;
  setPermalink(target);
  setStatus({ source: `Fetching ${target}…` });
  showState('loading');
  let response;
  try {
    response = await fetch(`/api/fetch?url=${encodeURIComponent(target)}`);
  } catch (error) {
    if (current !== generation) return;
    setStatus({ source: label });
    showError({ code: 'NETWORK', message: `the demo server did not answer: ${error.message}` });
    return;
  }
  if (current !== generation) return;
  if (!response.ok) {
    // The server explains failures as { error: { code, message } }.
    let problem = { code: `HTTP_${response.status}`, message: response.statusText };
    try { problem = (await response.json()).error ?? problem; } catch { /* not JSON */ }
    setStatus({ source: label });
    showError(problem);
    return;
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (current !== generation) return;
  const finalUrl = response.headers.get('X-Upstream-Url') || target;
  const contentType = response.headers.get('X-Upstream-Content-Type') || undefined;
  setPermalink(finalUrl);
  await parsePage({
    input: bytes,
    charset: contentType,
    contentType,
    url: finalUrl,
    label: finalUrl === target ? label : `Web page: ${finalUrl} (redirected from ${target})`,
    name: finalUrl,
    kind: 'url',
  });
}

/** Fetches and parses the page at a typed (or ?url=) address, after checking it. */
function openUrl(text) {
  const target = typedUrl(text);
  if (!target) {
    els.url.focus();
    return;
  }
  revealResult();
  // The server checks these too; answering here saves a round trip (and the
  // browser's "failed to load" console line for the 400).
  let parsed;
  try {
    parsed = new URL(target);
  } catch {
    ++generation;
    setStatus({ source: `Web page: ${target}` });
    showError({ code: 'BAD_URL', message: `not a valid absolute URL: ${target}` });
    return;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    ++generation;
    setStatus({ source: `Web page: ${target}` });
    showError({ code: 'BAD_SCHEME', message: `only http and https URLs can be fetched, not ${parsed.protocol}` });
    return;
  }
  fetchAndParse(parsed.href);
}

els.urlForm.addEventListener('submit', (event) => {
  event.preventDefault();
  openUrl(els.url.value);
});

/** The optional base URL of the "Your HTML" card, if it is a valid absolute URL. */
function pastedBase() {
  const text = typedUrl(els.baseUrl.value);
  if (!text) return undefined;
  try {
    return new URL(text).href;
  } catch {
    return null;
  }
}

// A big paste stays out of the text box: a box holding megabytes of text
// takes seconds to lay out, and the page would freeze. It is kept aside,
// and the card says so.
const HOLD_PASTE_CHARS = 64 * 1024;
let heldPaste = null;

function holdPaste(text) {
  heldPaste = text;
  els.paste.value = '';
  els.paste.hidden = true;
  els.pasteHeldText.textContent = `${text.length.toLocaleString('en')} characters of HTML pasted, kept out of the box so the page stays responsive.`;
  els.pasteHeld.hidden = false;
}

function dropHeldPaste() {
  heldPaste = null;
  els.pasteHeld.hidden = true;
  els.paste.hidden = false;
}

els.paste.addEventListener('paste', (event) => {
  const text = event.clipboardData?.getData('text/plain') ?? '';
  if (text.length <= HOLD_PASTE_CHARS) return;
  event.preventDefault();
  holdPaste(text);
});
els.pasteHeldClear.addEventListener('click', () => {
  dropHeldPaste();
  els.paste.focus();
});

els.pasteForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const html = heldPaste ?? els.paste.value;
  if (!html.trim()) {
    els.paste.focus();
    return;
  }
  revealResult();
  setPermalink(null);
  const base = pastedBase();
  if (base === null) {
    ++generation;
    setStatus({ source: 'Pasted HTML' });
    showError({ code: 'INVALID_URL', message: `the base URL is not an absolute URL: ${els.baseUrl.value}` });
    return;
  }
  parsePage({
    input: html,
    url: base,
    label: `Pasted HTML (${html.length.toLocaleString('en')} characters)`,
    name: 'The pasted text',
    kind: 'paste',
  });
});

async function parseFile(file) {
  if (!file) return;
  revealResult();
  setPermalink(null);
  const current = ++generation;
  const base = pastedBase();
  if (base === null) {
    setStatus({ source: `File: ${file.name}` });
    showError({ code: 'INVALID_URL', message: `the base URL is not an absolute URL: ${els.baseUrl.value}` });
    return;
  }
  const page = { url: base ?? undefined, label: `File: ${file.name} (${file.size.toLocaleString('en')} bytes)`, name: file.name, kind: 'file' };
  // A video or an archive is known by its first bytes: no need to read it all.
  const head = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
  if (current !== generation || refusedAsNotHtml(head, page)) return;
  // Bytes, not text: quietpage picks the encoding like a browser would.
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (current !== generation) return;
  parsePage({ ...page, input: bytes });
}

els.file.addEventListener('change', () => {
  parseFile(els.file.files[0]);
  // Choosing the same file again should parse it again.
  els.file.value = '';
});

// Drag and drop anywhere on the page. dragenter/dragleave fire for every
// child element crossed, so count them to know when the drag really left.
let dragDepth = 0;
const carriesFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
document.addEventListener('dragenter', (event) => {
  if (!carriesFiles(event)) return;
  event.preventDefault();
  dragDepth += 1;
  els.dropOverlay.hidden = false;
});
document.addEventListener('dragover', (event) => {
  if (!carriesFiles(event)) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
});
document.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) els.dropOverlay.hidden = true;
});
document.addEventListener('drop', (event) => {
  if (!carriesFiles(event)) return;
  event.preventDefault();
  dragDepth = 0;
  els.dropOverlay.hidden = true;
  parseFile(event.dataTransfer.files[0]);
});

// ---------------------------------------------------------------- start

clearOriginal();
showReadabilityResult();
await loadSampleList();
// A permalink (?url=...) opens that page; otherwise the first sample shows.
const permalink = new URLSearchParams(location.search).get('url');
if (permalink) {
  els.url.value = permalink;
  openUrl(permalink);
} else if (samples.length) {
  loadSample(els.sample.value);
}
