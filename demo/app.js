// The quietpage demo page. Every parse runs in a Web Worker through the
// package's worker API, so the page stays responsive while the WebAssembly
// core works; this module only gathers input, previews the original page and
// renders the Article.
//
// The page runs under a strict CSP (see index.html): no inline script or
// style, frames and media from this origin only. Everything below keeps to
// it: the preview drops what the policy would block (so the console stays
// clean), and embeds in the article become links.
import { createWorkerReader } from '/js/worker-client.js';
import { decodeHtml, detectEncoding } from '/js/decode.js';
import { createReaderView } from '/reader-view/controls.js';

const $ = (id) => document.getElementById(id);

const els = {
  sample: $('sample'),
  sampleForm: $('sample-form'),
  urlForm: $('url-form'),
  url: $('url'),
  pasteForm: $('paste-form'),
  paste: $('paste'),
  baseUrl: $('base-url'),
  file: $('file'),
  original: $('original'),
  resultBody: $('result-body'),
  statusSource: $('status-source'),
  statusEncoding: $('status-encoding'),
  statusTimeWrap: $('status-time-wrap'),
  parseTime: $('parse-time'),
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
  document.documentElement.dataset.theme = next;
  try {
    // Choosing the system's own theme again means "follow the system".
    if (next === (systemDark.matches ? 'dark' : 'light')) {
      localStorage.removeItem(THEME_KEY);
      delete document.documentElement.dataset.theme;
    } else {
      localStorage.setItem(THEME_KEY, next);
    }
  } catch {
    // Without storage the choice lasts until the page is reloaded.
  }
  syncThemeToggle();
});
systemDark.addEventListener('change', syncThemeToggle);
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

// ---------------------------------------------------------------- preview

const PREVIEW_CSS = new URL('preview.css', location.href).href;

// Elements the preview never keeps: script is off in the sandbox anyway, and
// the rest would load from other origins against the page's CSP (frames,
// media, plugins) or act on their own (refresh, base).
const PREVIEW_DROP = 'script, iframe, frame, frameset, object, embed, applet, portal, fencedframe, video, audio, '
  + 'meta[http-equiv], base, link:not([rel~="stylesheet" i]), style';

/**
 * The original page as the srcdoc of a sandboxed iframe: parsed (DOMParser
 * neither runs scripts nor loads anything), stripped of what the demo's CSP
 * would refuse — the srcdoc document inherits that policy — and given a
 * <base> so its relative URLs resolve where the page came from.
 * @param {string} html
 * @param {string | null} baseHref where relative URLs point, or null for nowhere
 */
function previewDocument(html, baseHref) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const el of doc.querySelectorAll(PREVIEW_DROP)) el.remove();
  // about:blank as a base makes relative URLs unresolvable: nothing is requested.
  const base = doc.createElement('base');
  base.href = baseHref ?? 'about:blank';
  const resolveAgainst = baseHref ? new URL(baseHref) : null;
  for (const link of doc.querySelectorAll('link')) {
    // Stylesheets stay only when they come from this origin (style-src 'self').
    let href = null;
    try { href = resolveAgainst ? new URL(link.getAttribute('href') ?? '', resolveAgainst) : null; } catch { /* bad URL */ }
    if (!href || href.origin !== location.origin) link.remove();
  }
  for (const el of doc.querySelectorAll('*')) {
    for (const { name } of [...el.attributes]) {
      // Inline styles and handlers are refused by the CSP; autofocus is refused in cross-origin frames.
      if (name.startsWith('on') || name === 'style' || name === 'autofocus') el.removeAttribute(name);
    }
  }
  const sheet = doc.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = PREVIEW_CSS;
  doc.head.prepend(base, sheet);
  return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`;
}

function showPreview(html, baseHref) {
  els.original.srcdoc = previewDocument(html, baseHref);
}

function clearPreview() {
  els.original.srcdoc = previewDocument('', null);
}

// ---------------------------------------------------------------- rendering

// The Reader tab: the reader view the extension and the CLI use too
// (reader-view/), with its settings kept in this browser's localStorage.
const READER_SETTINGS_KEY = 'quietpage-reader-settings';
const readerView = createReaderView({
  root: els.readerPanel,
  scroller: els.resultBody,
  settings: {
    load() {
      try {
        return JSON.parse(localStorage.getItem(READER_SETTINGS_KEY) ?? 'null');
      } catch {
        return null;
      }
    },
    save(value) {
      try {
        localStorage.setItem(READER_SETTINGS_KEY, JSON.stringify(value));
      } catch {
        // Without storage the settings last until the page is reloaded.
      }
    },
  },
  css: () => fetch('/reader-view/reader.css').then((response) => response.text()),
});

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
 * The article as the Reader tab shows it. Its sanitized HTML goes through an
 * inert <template> first, where embeds are swapped for links (the demo page's
 * CSP allows frames and media only from its own origin) and links open in a
 * new tab.
 */
function demoArticle(article) {
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
  for (const a of root.querySelectorAll('a[href]')) {
    if (a.getAttribute('href').startsWith('#')) continue;
    a.target = '_blank';
  }
  return { ...article, content: template.innerHTML };
}

function renderArticle(article, url) {
  const dir = article.dir ?? 'auto';
  readerView.showArticle(demoArticle(article), { url });

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

function showError(error, hint) {
  els.errorCode.textContent = error?.code ?? 'ERROR';
  els.errorMessage.textContent = error?.message ?? String(error);
  els.errorHint.textContent = hint ?? '';
  els.errorHint.hidden = !hint;
  showState('error');
}

// ---------------------------------------------------------------- parsing

let generation = 0;
let pendingArticle = null;

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

/**
 * Previews and parses one page.
 * @param {{ input: string | Uint8Array, charset?: string, url?: string,
 *           previewBase?: string | null, label: string }} page
 */
async function parsePage({ input, charset, url, previewBase = url ?? null, label }) {
  const current = ++generation;
  pendingArticle = null;
  showState('loading');
  let encoding;
  let html = input;
  if (typeof input !== 'string') {
    const detected = detectEncoding(input, charset);
    encoding = `${detected.encoding} (${ENCODING_SOURCES[detected.source]})`;
    html = decodeHtml(input, charset);
  }
  setStatus({ source: label, encoding });
  showPreview(html, previewBase);

  await coreReady;
  if (current !== generation) return;
  if (coreError) {
    showError(coreError, 'Build the WebAssembly core with `npm run build` (or start the demo with `npm start`), then reload.');
    return;
  }
  try {
    const options = { charset, markdown: true };
    if (url) options.url = url;
    // The same gate as a browser's reader-mode button: is there enough prose?
    const readerable = await reader.isProbablyReaderable(input, { charset });
    const start = performance.now();
    const article = await reader.parse(input, options);
    const ms = performance.now() - start;
    if (current !== generation) return;
    setStatus({ source: label, encoding, ms });
    if (!article) {
      els.noarticleReason.textContent = 'quietpage found no text to extract from this page.';
      els.showAnyway.hidden = true;
      showState('noarticle');
      return;
    }
    renderArticle(article, url);
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
    });
  } catch (error) {
    if (current !== generation) return;
    setStatus({ source: label });
    showError({ code: 'SAMPLE_UNAVAILABLE', message: `could not load ${sample.file}: ${error.message}` });
  }
}

els.sample.addEventListener('change', () => loadSample(els.sample.value));
els.sampleForm.addEventListener('submit', (event) => {
  event.preventDefault();
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
  await parsePage({
    input: bytes,
    charset: response.headers.get('X-Upstream-Content-Type') || undefined,
    url: finalUrl,
    label: finalUrl === target ? label : `Web page: ${finalUrl} (redirected from ${target})`,
  });
}

els.urlForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const target = typedUrl(els.url.value);
  if (!target) {
    els.url.focus();
    return;
  }
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

els.pasteForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const html = els.paste.value;
  if (!html.trim()) {
    els.paste.focus();
    return;
  }
  const base = pastedBase();
  if (base === null) {
    ++generation;
    setStatus({ source: 'Pasted HTML' });
    showError({ code: 'INVALID_URL', message: `the base URL is not an absolute URL: ${els.baseUrl.value}` });
    return;
  }
  parsePage({ input: html, url: base, label: `Pasted HTML (${html.length.toLocaleString()} characters)` });
});

const HTML_FILE = /\.(x?html?|xht)$/i;

async function parseFile(file) {
  if (!file) return;
  const current = ++generation;
  const label = `File: ${file.name}`;
  // Dropped files can be anything: accept HTML by name or type, or untyped text.
  if (!HTML_FILE.test(file.name) && !/html|xml/.test(file.type) && !(file.type === '' || file.type.startsWith('text/'))) {
    setStatus({ source: label });
    showError({ code: 'UNSUPPORTED_FILE', message: `${file.name} is not an HTML file (${file.type})` });
    return;
  }
  const base = pastedBase();
  if (base === null) {
    setStatus({ source: label });
    showError({ code: 'INVALID_URL', message: `the base URL is not an absolute URL: ${els.baseUrl.value}` });
    return;
  }
  // Bytes, not text: quietpage picks the encoding like a browser would.
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (current !== generation) return;
  parsePage({
    input: bytes,
    url: base ?? undefined,
    label: `File: ${file.name} (${bytes.length.toLocaleString()} bytes)`,
  });
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

clearPreview();
await loadSampleList();
if (samples.length) loadSample(els.sample.value);
