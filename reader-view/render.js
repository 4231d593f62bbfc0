// quietpage's reader view, as HTML strings: the one renderer behind the
// extension's reader page, the demo's Reader tab, the CLI's standalone HTML
// output and the extension's "Download HTML". It needs no DOM (it runs in
// Node, in a service worker and in pages alike); its styles are reader.css in
// this folder, and controls.js adds the toolbar in a browser.
//
// The article's HTML comes from quietpage's core, which writes well-formed,
// sanitized markup (allowlisted tags, attributes and URL schemes; quoted,
// escaped attribute values; no comments, scripts or raw text elements). This
// module only walks that markup's tags: it never adds markup from the page.

/** Reader settings: the choices, and the default of each. */
export const SETTING_CHOICES = Object.freeze({
  theme: Object.freeze(['auto', 'light', 'sepia', 'dark']),
  font: Object.freeze(['serif', 'sans', 'legible']),
  size: Object.freeze([14, 15, 16, 17, 18, 19, 20, 22, 24, 26, 28, 32]),
  lineHeight: Object.freeze([1.3, 1.45, 1.6, 1.75, 1.9, 2.1]),
  width: Object.freeze(['narrow', 'medium', 'wide']),
});

export const DEFAULT_SETTINGS = Object.freeze({ theme: 'auto', font: 'serif', size: 19, lineHeight: 1.6, width: 'medium' });

/** Characters per line each width aims at (the default, medium: 65). */
export const LINE_CHARS = Object.freeze({ narrow: 55, medium: 65, wide: 80 });

/** The settings in `value` that are valid, the defaults for the rest. */
export function normalizeSettings(value) {
  const settings = { ...DEFAULT_SETTINGS };
  if (value && typeof value === 'object') {
    for (const [key, choices] of Object.entries(SETTING_CHOICES)) {
      if (choices.includes(value[key])) settings[key] = value[key];
    }
  }
  return settings;
}

// ------------------------------------------------------------------ text

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and double-quoted attribute values. */
export const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The text of escaped HTML text (the entities quietpage's serializer writes, and numeric ones). */
function unescapeHtml(text) {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (match, dec, hex, name) => {
    if (dec || hex) {
      const code = dec ? Number(dec) : parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return ENTITIES[name.toLowerCase()] ?? match;
  });
}

const oneLine = (text) => String(text ?? '').replace(/\s+/g, ' ').trim();

/** The host of a URL without "www.", or null. */
export function hostName(url) {
  try {
    const { hostname, protocol } = new URL(url);
    if (protocol === 'file:') return null;
    return hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

const DATE_OPTIONS = { dateStyle: 'long', timeZone: 'UTC' };

/**
 * A publication date as the page published it: the calendar day written in
 * the timestamp ("2025-06-18T00:30:00+02:00" is 18 June wherever the reader
 * is, never shifted into the reader's time zone), in the article's language.
 * Values that don't start with an ISO date are read by Date and shown in UTC.
 * null for no or an unreadable date.
 * @param {string | null | undefined} value
 * @param {string | null} [lang]
 */
export function formatDate(value, lang) {
  if (!value) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const date = iso ? new Date(Date.UTC(+iso[1], +iso[2] - 1, +iso[3])) : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return dateFormat(lang).format(date);
}

function dateFormat(lang) {
  try {
    if (lang) return new Intl.DateTimeFormat(lang, DATE_OPTIONS);
  } catch {
    // an unknown language tag: the English format below
  }
  return new Intl.DateTimeFormat('en', DATE_OPTIONS);
}

/**
 * The reading time: "6 min read" in English, the article's language's "6
 * minutes" otherwise (with the language it is written in).
 * @returns {{ text: string, lang: string } | null}
 */
export function readingTimeText(readingTime, lang) {
  if (!(readingTime > 0)) return null;
  const minutes = Math.max(1, Math.round(readingTime));
  if (lang && !/^en\b/i.test(lang)) {
    try {
      return { text: new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes), lang };
    } catch {
      // an unknown language tag: English below
    }
  }
  return { text: `${minutes} min read`, lang: 'en' };
}

// ------------------------------------------------------------------ markup

// Tags in quietpage's output (see src/serialize.cc): comments are skipped,
// attribute values may be quoted either way or not at all.
const TAG = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * The markup's elements as a flat list in document order, each with where
 * it starts and ends in `html` and its parent's index (-1 at the top).
 * Unclosed elements end where their parent does; stray end tags are ignored.
 * @returns {{ tag: string, start: number, openEnd: number, closeStart: number, end: number, parent: number }[]}
 */
function elements(html) {
  const list = [];
  const open = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (!m[2]) continue; // a comment
    const tag = m[2].toLowerCase();
    if (m[1]) {
      const at = open.findLastIndex((i) => list[i].tag === tag);
      if (at < 0) continue;
      // Elements left open inside it end where it does.
      for (const i of open.splice(at + 1)) list[i].closeStart = list[i].end = m.index;
      const i = open.pop();
      list[i].closeStart = m.index;
      list[i].end = TAG.lastIndex;
      continue;
    }
    const element = { tag, start: m.index, openEnd: TAG.lastIndex, closeStart: undefined, end: undefined, parent: open.at(-1) ?? -1 };
    list.push(element);
    if (VOID.has(tag)) {
      element.closeStart = element.end = TAG.lastIndex;
    } else {
      open.push(list.length - 1);
    }
  }
  for (const i of open) {
    list[i].closeStart = html.length;
    list[i].end = html.length;
  }
  return list;
}

/** An attribute's value in an open tag (as written, still escaped), or null. */
function attribute(openTag, name) {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'=<>\`]+))`, 'i').exec(openTag);
  return m ? (m[1] ?? m[2] ?? m[3]) : null;
}

/** The open tag with attributes added, unless the tag already has them. */
function withAttributes(openTag, attrs) {
  let extra = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (attribute(openTag, name) === null) extra += ` ${name}="${escapeHtml(value)}"`;
  }
  if (!extra) return openTag;
  const close = openTag.endsWith('/>') ? 2 : 1;
  return `${openTag.slice(0, -close).trimEnd()}${extra}${openTag.slice(-close)}`;
}

const normalize = (text) => oneLine(text).toLowerCase();
const LEADING_WRAPPERS = new Set(['div', 'section', 'article', 'header', 'hgroup']);

/**
 * The article's HTML as the reader shows it: the opening heading dropped when
 * it repeats the title shown above it, images loaded lazily and without a
 * referrer, links opened without a referrer, and the lead image added when
 * the article has no picture of its own.
 */
export function readerContent(article) {
  const html = String(article.content ?? '');
  const list = elements(html);
  const drop = repeatedTitle(html, list, article.title);
  let out = '';
  let at = 0;
  let dropped = false;
  const skipTitle = () => {
    out += html.slice(at, drop.start);
    at = drop.end;
    dropped = true;
  };
  for (const el of list) {
    if (drop && !dropped && el.start >= drop.start) {
      if (el.start < drop.end) continue;
      skipTitle();
    }
    let attrs = null;
    if (el.tag === 'img') attrs = { loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' };
    else if (el.tag === 'a' && /^(https?|file):/i.test(attribute(html.slice(el.start, el.openEnd), 'href') ?? '')) attrs = { rel: 'noopener noreferrer' };
    if (!attrs) continue;
    out += html.slice(at, el.start) + withAttributes(html.slice(el.start, el.openEnd), attrs);
    at = el.openEnd;
  }
  if (drop && !dropped) skipTitle();
  out += html.slice(at);
  // (file: only ever comes from the extension's file-page mapping: the core writes http(s) only.)
  const lead = typeof article.leadImage === 'string' && /^(https?|file):/i.test(article.leadImage)
    && !list.some((el) => el.tag === 'img' || el.tag === 'picture' || el.tag === 'video');
  return lead
    ? `<figure class="qp-lead"><img src="${escapeHtml(article.leadImage)}" alt="" decoding="async" referrerpolicy="no-referrer"></figure>${out}`
    : out;
}

/** The opening h1-h3 (inside leading wrappers only) when its text is the title. */
function repeatedTitle(html, list, title) {
  if (!title) return null;
  let parent = -1;
  let from = 0;
  for (;;) {
    const index = list.findIndex((el, i) => el.parent === parent && i >= from);
    if (index < 0) return null;
    const el = list[index];
    const before = html.slice(parent < 0 ? 0 : list[parent].openEnd, el.start);
    if (before.replace(/<[^>]*>/g, '').trim()) return null; // text comes first
    if (/^h[1-3]$/.test(el.tag)) {
      const text = unescapeHtml(html.slice(el.openEnd, el.closeStart).replace(/<[^>]*>/g, ''));
      return normalize(text) === normalize(title) ? el : null;
    }
    if (!LEADING_WRAPPERS.has(el.tag)) return null;
    parent = index;
    from = index + 1;
  }
}

// ------------------------------------------------------------------ pieces

const CONTAINERS = new Set(['div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote',
  'ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'tfoot', 'details', 'figure']);

/**
 * The content cut into pieces that can be inserted one after the other, so a
 * browser can show the first screen before the rest is in: runs of sibling
 * nodes up to about `chunkBytes` of markup, and, for a container too big for
 * one piece, { open, close, items } with its children cut the same way.
 * Joined back (joinItems), the pieces are the content again, byte for byte.
 * @param {string} html
 * @param {number} [chunkBytes]
 * @returns {Item[]}
 * @typedef {string | { open: string, close: string, items: Item[] }} Item
 */
export function splitContent(html, chunkBytes = 16_384) {
  const list = elements(html);
  const children = new Map();
  list.forEach((el, i) => {
    if (!children.has(el.parent)) children.set(el.parent, []);
    children.get(el.parent).push(i);
  });
  const split = (parent, from, to) => {
    const items = [];
    let run = '';
    let at = from;
    const flush = () => {
      if (run) items.push(run);
      run = '';
    };
    for (const i of children.get(parent) ?? []) {
      const el = list[i];
      run += html.slice(at, el.start);
      at = el.end;
      const size = el.end - el.start;
      if (size > chunkBytes && CONTAINERS.has(el.tag) && children.has(i)) {
        flush();
        items.push({ open: html.slice(el.start, el.openEnd), close: html.slice(el.closeStart, el.end), items: split(i, el.openEnd, el.closeStart) });
        continue;
      }
      if (run && run.length + size > chunkBytes) flush();
      run += html.slice(el.start, el.end);
    }
    run += html.slice(at, to);
    flush();
    return items;
  };
  return split(-1, 0, html.length);
}

/** The markup of split pieces (splitContent's inverse). */
export function joinItems(items) {
  return items.map((item) => (typeof item === 'string' ? item : item.open + joinItems(item.items) + item.close)).join('');
}

// ------------------------------------------------------------------ the view

/**
 * Everything the reader shows for an article, as markup pieces.
 * @param {object} article quietpage's Article
 * @param {{ url?: string, chunkBytes?: number }} [options] url: the page's address (the header links to it)
 */
export function buildView(article, { url, chunkBytes } = {}) {
  const lang = article.lang || null;
  const dir = article.dir === 'rtl' || article.dir === 'ltr' ? article.dir : null;
  const source = [url, article.canonicalUrl].find((u) => typeof u === 'string' && /^(https?|file):/i.test(u)) ?? null;
  const host = hostName(source);
  const title = oneLine(article.title) || host || 'Article';
  const site = oneLine(article.siteName) || host;
  const author = oneLine(article.author ?? article.byline) || null;
  const date = formatDate(article.publishedTime, lang);
  const time = readingTimeText(article.readingTime, lang);

  const header = ['<header class="qp-header">'];
  if (site || source) {
    const label = escapeHtml(site ?? 'Original page');
    const showHost = host && site !== host ? ` <span class="qp-host">${escapeHtml(host)}</span>` : '';
    header.push(source
      ? `<p class="qp-site"><a href="${escapeHtml(source)}" rel="noopener noreferrer">${label}${showHost}</a></p>`
      : `<p class="qp-site">${label}</p>`);
  }
  header.push(`<h1 class="qp-title">${escapeHtml(title)}</h1>`);
  if (author) header.push(`<p class="qp-author">${escapeHtml(author)}</p>`);
  const meta = [];
  if (date) meta.push(`<time class="qp-date" datetime="${escapeHtml(article.publishedTime)}">${escapeHtml(date)}</time>`);
  if (time) meta.push(`<span class="qp-reading-time"${time.lang !== lang ? ` lang="${time.lang}"` : ''}>${escapeHtml(time.text)}</span>`);
  if (meta.length) header.push(`<p class="qp-meta">${meta.join('<span class="qp-sep" aria-hidden="true"> · </span>')}</p>`);
  header.push('</header>');

  const footer = source
    ? `<footer class="qp-footer" lang="en" dir="ltr">Original page: <a href="${escapeHtml(source)}" rel="noopener noreferrer">${escapeHtml(source)}</a></footer>`
    : '';
  return {
    lang,
    dir,
    title,
    source,
    headerHtml: header.join(''),
    items: splitContent(readerContent(article), chunkBytes),
    footerHtml: footer,
  };
}

const langDir = (view) => `${view.lang ? ` lang="${escapeHtml(view.lang)}"` : ''}${view.dir ? ` dir="${view.dir}"` : ''}`;

/** The article element's open tag for a view. */
export const articleOpenTag = (view) => `<article class="qp-article"${langDir(view)}>`;

/** The page part of the reader (header, article, footer) as one string. */
export function renderArticle(article, options = {}) {
  const view = options.view ?? buildView(article, options);
  return `<main class="qp-page">${articleOpenTag(view)}${view.headerHtml}<div class="qp-content">${joinItems(view.items)}</div></article>${view.footerHtml}</main>`;
}

/** The inline style of the reader root: the numeric settings. */
export const settingsStyle = (settings) => `--qp-size:${settings.size}px;--qp-line-height:${settings.lineHeight}`;

// What a saved article may load: images and media from the web, inline styles,
// frames (the core keeps only sandboxed players of known video sites); no
// script, no plugin, no form.
const DOCUMENT_CSP = "default-src 'none'; img-src http: https: data:; media-src http: https:; frame-src https:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * A standalone HTML document of the article, styled like the reader view (the
 * CLI's default output and the extension's "Download HTML"): no script, a
 * Content-Security-Policy that allows none, the reader's CSS inlined.
 * @param {object} article quietpage's Article
 * @param {{ css: string, url?: string, settings?: object, view?: object }} options css: reader.css's
 *   text; view: buildView()'s result for the article, when already made
 */
export function renderDocument(article, { css, url, settings, view: built } = {}) {
  const view = built ?? buildView(article, { url, chunkBytes: Infinity });
  const s = normalizeSettings(settings);
  return `<!doctype html>
<html${langDir(view)} class="qp-reader qp-document" data-theme="${s.theme}" data-font="${s.font}" data-width="${s.width}" style="${settingsStyle(s)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="quietpage">
<title>${escapeHtml(view.title)}</title>
<style>
${String(css ?? '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\n\s*\n/g, '\n').trim()}
</style>
</head>
<body>
${renderArticle(article, { view })}
</body>
</html>
`;
}

/** Text as one line of Markdown with its inline syntax escaped. */
export const markdownInline = (text) => oneLine(text).replace(/[\\`*_[\]<>#|]/g, '\\$&');

/**
 * The article as a Markdown file: its title, author, date and source, then
 * quietpage's Markdown of the content (the article must have been parsed with
 * `markdown: true`).
 */
export function markdownDocument(article, { url } = {}) {
  const lines = [`# ${markdownInline(article.title) || 'Article'}`, ''];
  const author = oneLine(article.author ?? article.byline);
  const date = formatDate(article.publishedTime, article.lang);
  const meta = [author, date].filter(Boolean).map(markdownInline).join(' · ');
  if (meta) lines.push(meta, '');
  const source = [url, article.canonicalUrl].find((u) => typeof u === 'string' && /^(https?|file):/i.test(u));
  if (source) lines.push(`Source: <${source.replace(/[<>\s]/g, encodeURIComponent)}>`, '');
  const body = String(article.markdown ?? '').trim();
  return `${lines.join('\n')}${body ? `\n${body}\n` : ''}`.replace(/^\n+/, '');
}

/** A file name for the article: its title, shortened, without characters file systems refuse. */
export function fileName(article, extension) {
  const base = oneLine(article.title)
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, ' ')
    .replace(/[\s.]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim();
  return `${base || 'article'}.${extension}`;
}
