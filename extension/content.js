// quietpage reader: the reader view, injected into a tab by the background
// when the toolbar button or Alt+Shift+R is used. Injecting it again toggles
// the view (the first injection stays in the extension's isolated world).
//
// The page itself is never modified: the view is a fixed, full-viewport host
// element with a closed shadow root, appended after <body>; its styles are
// constructed style sheets (not subject to the page's CSP, not reachable by the
// page's styles). Closing removes the host and the sheets, so the page's own
// nodes, listeners and scroll position are exactly as they were.
(() => {
  'use strict';

  const installed = globalThis.__quietpageReaderView;
  if (installed) {
    try {
      installed.toggle();
      return;
    } catch {
      // Left over from a previous version of the extension: replace it.
      try { installed.close(); } catch { /* already gone */ }
    }
  }

  const api = globalThis.browser ?? globalThis.chrome;
  const HOST_TAG = 'quietpage-reader';
  const SETTINGS_KEY = 'readerSettings';
  const FONT_SIZES = [14, 15, 16, 17, 18, 19, 20, 22, 24, 26, 28, 32];
  const THEMES = ['light', 'sepia', 'dark'];
  const WIDTHS = ['narrow', 'medium', 'wide'];
  const FONTS = ['serif', 'sans'];
  const DEFAULTS = Object.freeze({ theme: 'light', fontSize: 19, width: 'medium', font: 'serif' });
  const SVG_NS = 'http://www.w3.org/2000/svg';

  // Styles of the host element, in the page's document.
  const DOCUMENT_CSS = `
${HOST_TAG} {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: 0 !important;
  z-index: 2147483647 !important;
  width: auto !important;
  height: auto !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  overflow: hidden !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
}
html { overflow: hidden !important; }
@media print {
  html { overflow: visible !important; }
  html > body { display: none !important; }
  ${HOST_TAG} { position: static !important; overflow: visible !important; }
}`;

  // Styles of the reader view, inside the shadow root.
  const VIEW_CSS = `
:host { all: initial; }
*, *::before, *::after { box-sizing: border-box; }
.qp-root {
  --qp-size: ${DEFAULTS.fontSize}px;
  --qp-measure: 66ch;
  --qp-serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, "Iowan Old Style", Georgia, "Noto Serif", "DejaVu Serif", serif;
  --qp-sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
  --qp-mono: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  --qp-text-font: var(--qp-serif);
  position: absolute;
  inset: 0;
  overflow: auto;
  overscroll-behavior: contain;
  background: var(--qp-bg);
  color: var(--qp-fg);
  font-family: var(--qp-sans);
  font-size: 16px;
  line-height: 1.5;
  text-rendering: optimizeLegibility;
  -webkit-font-smoothing: antialiased;
  -webkit-text-size-adjust: 100%;
  outline: none;
}
.qp-root[data-theme="light"] {
  color-scheme: light;
  --qp-bg: #ffffff; --qp-fg: #1f1f1f; --qp-muted: #5f6368; --qp-rule: #e3e3e3;
  --qp-link: #0b57d0; --qp-bar: rgba(255, 255, 255, 0.92); --qp-control: #f1f3f4; --qp-control-on: #1f1f1f; --qp-control-on-fg: #ffffff;
  --qp-quote: #c6c6c6; --qp-code: #f3f3f3; --qp-mark: #fff1a8;
}
.qp-root[data-theme="sepia"] {
  color-scheme: light;
  --qp-bg: #f6efdf; --qp-fg: #3b2e1e; --qp-muted: #7a6650; --qp-rule: #e2d5bb;
  --qp-link: #8a4b08; --qp-bar: rgba(246, 239, 223, 0.92); --qp-control: #ebe0c8; --qp-control-on: #3b2e1e; --qp-control-on-fg: #f6efdf;
  --qp-quote: #cdb891; --qp-code: #ece2cb; --qp-mark: #f2d98a;
}
.qp-root[data-theme="dark"] {
  color-scheme: dark;
  --qp-bg: #1b1c1f; --qp-fg: #e4e2dd; --qp-muted: #a19f9a; --qp-rule: #34363b;
  --qp-link: #8ab4f8; --qp-bar: rgba(27, 28, 31, 0.92); --qp-control: #2b2d31; --qp-control-on: #e4e2dd; --qp-control-on-fg: #1b1c1f;
  --qp-quote: #4a4d54; --qp-code: #26282c; --qp-mark: #5c4f12;
}
.qp-root[data-font="sans"] { --qp-text-font: var(--qp-sans); }
.qp-root[data-width="narrow"] { --qp-measure: 54ch; }
.qp-root[data-width="medium"] { --qp-measure: 66ch; }
.qp-root[data-width="wide"] { --qp-measure: 84ch; }

/* Toolbar */
.qp-toolbar {
  position: sticky;
  top: 0;
  z-index: 1;
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 6px 14px;
  padding: 8px 16px;
  background: var(--qp-bar);
  border-bottom: 1px solid var(--qp-rule);
  -webkit-backdrop-filter: saturate(1.4) blur(10px);
  backdrop-filter: saturate(1.4) blur(10px);
  font: 500 13px/1 var(--qp-sans);
  direction: ltr;
}
.qp-brand { font-weight: 650; letter-spacing: 0.01em; color: var(--qp-muted); margin-inline-end: auto; }
.qp-group { display: inline-flex; align-items: center; gap: 2px; padding: 2px; border-radius: 999px; background: var(--qp-control); }
button {
  font: inherit;
  color: inherit;
  appearance: none;
  border: 0;
  margin: 0;
  background: transparent;
  cursor: pointer;
}
.qp-button {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  min-width: 32px;
  height: 28px;
  padding: 0 9px;
  border-radius: 999px;
  color: var(--qp-fg);
  transition: background-color 120ms ease, color 120ms ease;
}
.qp-button:hover { background: color-mix(in srgb, var(--qp-fg) 10%, transparent); }
.qp-button[aria-pressed="true"] { background: var(--qp-control-on); color: var(--qp-control-on-fg); }
.qp-button:focus-visible, .qp-close:focus-visible, .qp-panel-button:focus-visible, a:focus-visible { outline: 2px solid var(--qp-link); outline-offset: 2px; }
.qp-button svg { width: 18px; height: 18px; fill: none; stroke: currentColor; stroke-width: 1.8; stroke-linecap: round; }
.qp-swatch { width: 16px; height: 16px; border-radius: 50%; border: 1px solid rgba(128, 128, 128, 0.55); display: inline-block; }
.qp-swatch[data-theme="light"] { background: #ffffff; }
.qp-swatch[data-theme="sepia"] { background: #f6efdf; }
.qp-swatch[data-theme="dark"] { background: #1b1c1f; }
.qp-face-serif { font-family: var(--qp-serif); font-size: 15px; }
.qp-face-sans { font-family: var(--qp-sans); font-size: 14px; }
.qp-size-down { font-size: 12px; }
.qp-size-up { font-size: 16px; }
.qp-close {
  display: inline-flex; align-items: center; justify-content: center;
  width: 32px; height: 32px; border-radius: 50%;
  color: var(--qp-fg); background: var(--qp-control);
}
.qp-close:hover { background: color-mix(in srgb, var(--qp-fg) 14%, var(--qp-control)); }
.qp-close svg { width: 16px; height: 16px; stroke: currentColor; stroke-width: 2; stroke-linecap: round; }

/* Article */
.qp-page { padding: 40px 24px 96px; }
.qp-article {
  max-width: var(--qp-measure);
  margin: 0 auto;
  font-family: var(--qp-text-font);
  font-size: var(--qp-size);
  line-height: 1.65;
  overflow-wrap: break-word;
  hyphens: auto;
  font-kerning: normal;
  font-variant-ligatures: common-ligatures;
}
.qp-header { margin-bottom: 2em; padding-bottom: 1.25em; border-bottom: 1px solid var(--qp-rule); }
.qp-site {
  margin: 0 0 0.7em;
  font: 650 0.72em/1.3 var(--qp-sans);
  letter-spacing: 0.08em;
  text-transform: uppercase;
  color: var(--qp-muted);
}
.qp-title {
  margin: 0 0 0.45em;
  font-family: var(--qp-text-font);
  font-size: 1.9em;
  font-weight: 700;
  line-height: 1.18;
  letter-spacing: -0.012em;
  text-wrap: balance;
}
.qp-meta { margin: 0; font: 0.8em/1.5 var(--qp-sans); color: var(--qp-muted); }
.qp-meta > * + *::before { content: "\\00b7"; margin: 0 0.55em; }
.qp-byline { color: var(--qp-fg); font-weight: 550; }
.qp-lead { margin: 0 0 1.6em; }

.qp-content > :first-child { margin-top: 0; }
.qp-content p, .qp-content ul, .qp-content ol, .qp-content dl, .qp-content blockquote,
.qp-content pre, .qp-content figure, .qp-content table, .qp-content details { margin: 0 0 1.05em; }
.qp-content h1, .qp-content h2, .qp-content h3, .qp-content h4, .qp-content h5, .qp-content h6 {
  font-family: var(--qp-text-font);
  line-height: 1.25;
  font-weight: 700;
  margin: 1.7em 0 0.55em;
  text-wrap: balance;
}
.qp-content h1 { font-size: 1.5em; }
.qp-content h2 { font-size: 1.35em; }
.qp-content h3 { font-size: 1.17em; }
.qp-content h4, .qp-content h5, .qp-content h6 { font-size: 1em; }
.qp-content a { color: var(--qp-link); text-decoration-thickness: 0.06em; text-underline-offset: 0.16em; }
.qp-content a:hover { text-decoration-thickness: 0.12em; }
.qp-content ul, .qp-content ol { padding-inline-start: 1.6em; }
.qp-content li + li { margin-top: 0.35em; }
.qp-content blockquote {
  margin-inline: 0;
  padding-block: 0.1em;
  padding-inline: 1.1em 0;
  border-inline-start: 3px solid var(--qp-quote);
  color: color-mix(in srgb, var(--qp-fg) 82%, var(--qp-bg));
  font-style: italic;
}
.qp-content img, .qp-content video, .qp-content svg, .qp-content picture, .qp-content canvas, .qp-content iframe {
  max-width: 100%;
  height: auto;
}
.qp-content img { display: block; margin: 0 auto; border-radius: 3px; }
.qp-content p img, .qp-content a img { display: inline-block; }
.qp-content iframe { display: block; width: 100%; aspect-ratio: 16 / 9; border: 0; }
.qp-content figure { margin-inline: 0; }
.qp-content figcaption, .qp-content caption {
  margin-top: 0.6em;
  font: 0.78em/1.45 var(--qp-sans);
  color: var(--qp-muted);
  text-align: start;
}
.qp-content hr { border: 0; border-top: 1px solid var(--qp-rule); margin: 2em 0; }
.qp-content pre, .qp-content code, .qp-content kbd, .qp-content samp { font-family: var(--qp-mono); font-size: 0.86em; }
.qp-content code { background: var(--qp-code); padding: 0.1em 0.3em; border-radius: 3px; }
.qp-content pre { background: var(--qp-code); padding: 0.9em 1em; border-radius: 6px; overflow: auto; line-height: 1.5; hyphens: none; }
.qp-content pre code { background: none; padding: 0; font-size: 1em; }
.qp-content table { border-collapse: collapse; display: block; max-width: 100%; overflow-x: auto; font-size: 0.88em; }
.qp-content th, .qp-content td { border: 1px solid var(--qp-rule); padding: 0.4em 0.6em; text-align: start; vertical-align: top; }
.qp-content th { background: var(--qp-code); }
.qp-content mark { background: var(--qp-mark); color: inherit; }
.qp-content sup, .qp-content sub { line-height: 0; }

.qp-footer {
  max-width: var(--qp-measure);
  margin: 3em auto 0;
  padding-top: 1.2em;
  border-top: 1px solid var(--qp-rule);
  font: 13px/1.5 var(--qp-sans);
  color: var(--qp-muted);
  overflow-wrap: anywhere;
}
.qp-footer a { color: inherit; }

/* Message panel (no article, error) and loading state */
.qp-panel-wrap { min-height: 100%; display: grid; place-items: center; padding: 24px; }
.qp-panel {
  max-width: 30rem;
  padding: 28px 30px 24px;
  border-radius: 14px;
  background: var(--qp-control);
  border: 1px solid var(--qp-rule);
  text-align: center;
  box-shadow: 0 10px 30px rgba(0, 0, 0, 0.08);
}
.qp-panel-title { margin: 0 0 0.5em; font: 650 19px/1.3 var(--qp-sans); }
.qp-panel-text { margin: 0 0 1.3em; font: 15px/1.55 var(--qp-sans); color: var(--qp-muted); }
.qp-panel-button {
  padding: 9px 20px;
  border-radius: 999px;
  background: var(--qp-control-on);
  color: var(--qp-control-on-fg);
  font: 600 14px/1 var(--qp-sans);
}
.qp-loading {
  min-height: 100%;
  display: grid;
  place-items: center;
  font: 15px/1.5 var(--qp-sans);
  color: var(--qp-muted);
  opacity: 0;
  animation: qp-appear 200ms ease 250ms forwards;
}
@keyframes qp-appear { to { opacity: 1; } }
@media (prefers-reduced-motion: reduce) {
  .qp-button { transition: none; }
  .qp-loading { animation-duration: 1ms; }
}
@media (max-width: 560px) {
  .qp-page { padding: 24px 18px 72px; }
  .qp-brand { display: none; }
}

/* Print: the article only, black on white */
@media print {
  .qp-root { position: static; overflow: visible; background: #fff; color: #000; --qp-fg: #000; --qp-muted: #444; --qp-link: #000; --qp-rule: #bbb; --qp-code: #f2f2f2; }
  .qp-toolbar, .qp-footer, .qp-loading { display: none; }
  .qp-page { padding: 0; }
  .qp-article { max-width: none; font-size: 11.5pt; }
  .qp-content a { text-decoration: underline; }
  .qp-content img, .qp-content figure, .qp-content pre, .qp-content blockquote { break-inside: avoid; }
  .qp-content h1, .qp-content h2, .qp-content h3, .qp-content h4 { break-after: avoid; }
  .qp-content iframe { display: none; }
}`;

  /** @type {null | { close(): void }} the open view */
  let view = null;

  function toggle() {
    if (view) view.close();
    else open();
  }

  globalThis.__quietpageReaderView = {
    toggle,
    close() { view?.close(); },
  };

  // --- small DOM helpers ---------------------------------------------------

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    node.append(...children.filter((child) => child !== null && child !== undefined));
    return node;
  }

  /** A stroked icon: `lines` are [x1, y1, x2, y2] on a 24x24 grid. */
  function icon(lines) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    for (const [x1, y1, x2, y2] of lines) {
      const line = document.createElementNS(SVG_NS, 'line');
      line.setAttribute('x1', x1);
      line.setAttribute('y1', y1);
      line.setAttribute('x2', x2);
      line.setAttribute('y2', y2);
      svg.append(line);
    }
    return svg;
  }

  /**
   * Applies a style sheet to a document or shadow root; returns its remover.
   * Constructed sheets are not subject to the page's CSP; a <style> element is
   * the fallback where they can't be adopted.
   */
  function applyStyles(target, css, fallbackParent) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
      if (target.adoptedStyleSheets.includes(sheet)) {
        return () => { target.adoptedStyleSheets = target.adoptedStyleSheets.filter((s) => s !== sheet); };
      }
    } catch {
      // fall through
    }
    const style = el('style', { text: css });
    fallbackParent.append(style);
    return () => style.remove();
  }

  // --- settings --------------------------------------------------------------

  function validSettings(value) {
    const s = { ...DEFAULTS };
    if (value && typeof value === 'object') {
      if (THEMES.includes(value.theme)) s.theme = value.theme;
      if (WIDTHS.includes(value.width)) s.width = value.width;
      if (FONTS.includes(value.font)) s.font = value.font;
      if (FONT_SIZES.includes(value.fontSize)) s.fontSize = value.fontSize;
    }
    return s;
  }

  async function loadSettings() {
    try {
      const stored = await api.storage.local.get(SETTINGS_KEY);
      return validSettings(stored?.[SETTINGS_KEY]);
    } catch {
      return { ...DEFAULTS };
    }
  }

  function saveSettings(settings) {
    api.storage.local.set({ [SETTINGS_KEY]: settings }).catch(() => {});
  }

  // --- article content ---------------------------------------------------------

  const DROP = 'script, style, link, meta, base, object, embed, frame, frameset, noscript, template, input, button, select, textarea';

  /**
   * The article's HTML (already sanitized by the core) as inert nodes: parsed
   * by DOMParser (which runs nothing), then swept again so that nothing active
   * can reach the page even if the core's allowlist changed.
   */
  function articleNodes(html) {
    const doc = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
    for (const node of doc.querySelectorAll(DROP)) node.remove();
    // Some sites wrap the whole page in a <form>: keep what it holds.
    for (const form of doc.body.querySelectorAll('form')) form.replaceWith(...form.childNodes);
    for (const node of doc.body.querySelectorAll('*')) {
      for (const { name, value } of [...node.attributes]) {
        const lower = name.toLowerCase();
        if (lower.startsWith('on') || lower === 'style' || lower === 'srcdoc' ||
            (/^(href|src|action|formaction|xlink:href|poster|data)$/.test(lower) &&
             /^\s*(javascript|vbscript|data:text\/html)/i.test(value))) {
          node.removeAttribute(name);
        }
      }
      if (node.localName === 'img') {
        node.setAttribute('decoding', 'async');
        node.setAttribute('loading', 'lazy');
      }
      if (node.localName === 'a' && node.hasAttribute('href')) {
        node.setAttribute('rel', 'noopener noreferrer');
      }
    }
    return [...doc.body.childNodes];
  }

  function formatDate(value, lang) {
    if (!value) return null;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return null;
    const options = { year: 'numeric', month: 'long', day: 'numeric' };
    try {
      return new Intl.DateTimeFormat(lang || undefined, options).format(date);
    } catch {
      return new Intl.DateTimeFormat(undefined, options).format(date);
    }
  }

  /** "5 min read" for English pages, else the page's language's "5 minutes". */
  function formatReadingTime(minutes, lang) {
    if (lang && !/^en\b/i.test(lang)) {
      try {
        const text = new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
        return { lang, text };
      } catch {
        // an unknown language tag: English below
      }
    }
    return { lang: 'en', dir: 'ltr', text: `${minutes} min read` };
  }

  const normalize = (text) => text.replace(/\s+/g, ' ').trim().toLowerCase();

  /** The first child element of parent, unless text comes before it. */
  function leadingElement(parent) {
    for (const child of parent.childNodes) {
      if (child.nodeType === Node.ELEMENT_NODE) return child;
      if (child.nodeType === Node.TEXT_NODE && child.textContent.trim()) return null;
    }
    return null;
  }

  /** Removes the article's opening heading when it repeats the title shown above it. */
  function dropRepeatedTitle(content, title) {
    for (let node = leadingElement(content); node; node = leadingElement(node)) {
      if (/^h[1-3]$/.test(node.localName)) {
        if (normalize(node.textContent) === normalize(title)) node.remove();
        return;
      }
      if (!/^(div|section|article|header|hgroup)$/.test(node.localName)) return;
    }
  }

  function hostName(url) {
    try {
      return new URL(url).hostname.replace(/^www\./, '');
    } catch {
      return null;
    }
  }

  // --- the view ----------------------------------------------------------------

  async function open() {
    // Images, plain text and XML documents have no HTML page to replace.
    if (!(document.documentElement instanceof HTMLHtmlElement)) return;
    // The page as it is now (before the view is attached), and where it is.
    const html = document.documentElement.outerHTML;
    const url = location.href;
    const scroll = { left: window.scrollX, top: window.scrollY };
    const previousFocus = document.activeElement;

    const host = document.createElement(HOST_TAG);
    const shadow = host.attachShadow({ mode: 'closed' });
    const removeDocumentStyles = applyStyles(document, DOCUMENT_CSS, host);
    const removeViewStyles = applyStyles(shadow, VIEW_CSS, shadow);
    // No theme until the settings are read (a few milliseconds): transparent
    // rather than a white flash for dark-theme readers.
    const root = el('div', { class: 'qp-root', tabindex: '-1', role: 'document' });
    root.append(el('div', { class: 'qp-loading', role: 'status', text: 'Reading this page\u2026' }));
    shadow.append(root);

    // Keys typed in the view are not the page's business (its shortcuts, its
    // key handlers); Escape closes the view wherever the focus is.
    const stop = (event) => event.stopPropagation();
    for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, stop);
    const onKey = (event) => {
      if (event.key === 'Escape' && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        event.preventDefault();
        event.stopImmediatePropagation();
        current.close();
      }
    };
    window.addEventListener('keydown', onKey, true);

    const current = {
      closed: false,
      close() {
        if (this.closed) return;
        this.closed = true;
        window.removeEventListener('keydown', onKey, true);
        host.remove();
        removeViewStyles();
        removeDocumentStyles();
        window.scrollTo({ left: scroll.left, top: scroll.top, behavior: 'instant' });
        if (previousFocus instanceof HTMLElement && previousFocus.isConnected && previousFocus !== document.body) {
          previousFocus.focus({ preventScroll: true });
        }
        if (view === this) view = null;
      },
    };
    view = current;

    document.documentElement.append(host);
    root.focus({ preventScroll: true });

    const settingsPromise = loadSettings();
    settingsPromise.then((settings) => { if (!current.closed) applySettings(root, settings); });
    let response;
    try {
      response = await api.runtime.sendMessage({ type: 'quietpage:parse', html, url });
    } catch (error) {
      response = { error: { code: 'MESSAGE_FAILED', message: String(error?.message ?? error) } };
    }
    const settings = await settingsPromise;
    if (current.closed) return;

    if (!response || response.error) {
      const detail = response?.error?.message ?? 'The extension did not answer.';
      root.replaceChildren(messagePanel(current, 'quietpage could not read this page', detail));
    } else if (!response.article) {
      root.replaceChildren(messagePanel(current, 'quietpage found no article on this page',
        'This page does not look like an article: it may be a home page, a list or an app. The page is unchanged.'));
    } else {
      root.replaceChildren(...articleView(current, root, response.article, settings, url));
    }
    applySettings(root, settings);
    root.scrollTop = 0;
    root.focus({ preventScroll: true });
  }

  function applySettings(root, settings) {
    root.dataset.theme = settings.theme;
    root.dataset.width = settings.width;
    root.dataset.font = settings.font;
    root.style.setProperty('--qp-size', `${settings.fontSize}px`);
    for (const button of root.querySelectorAll('[data-setting]')) {
      const { setting, value } = button.dataset;
      button.setAttribute('aria-pressed', String(String(settings[setting]) === value));
    }
    const down = root.querySelector('.qp-size-down');
    const up = root.querySelector('.qp-size-up');
    if (down) down.disabled = settings.fontSize === FONT_SIZES[0];
    if (up) up.disabled = settings.fontSize === FONT_SIZES[FONT_SIZES.length - 1];
  }

  function messagePanel(current, title, text) {
    const button = el('button', { class: 'qp-panel-button', type: 'button', text: 'Close', on: { click: () => current.close() } });
    const panel = el('div', { class: 'qp-panel-wrap' },
      el('section', { class: 'qp-panel', role: 'alertdialog', 'aria-labelledby': 'qp-panel-title', lang: 'en', dir: 'ltr' },
        el('h1', { class: 'qp-panel-title', id: 'qp-panel-title', text: title }),
        el('p', { class: 'qp-panel-text', text }),
        button));
    queueMicrotask(() => button.focus({ preventScroll: true }));
    return panel;
  }

  function toolbar(current, root, settings) {
    const update = (change) => {
      Object.assign(settings, change);
      applySettings(root, settings);
      saveSettings({ ...settings });
    };
    const choice = (setting, value, label, content) => el('button', {
      class: 'qp-button', type: 'button', title: label, 'aria-label': label,
      'data-setting': setting, 'data-value': value, 'aria-pressed': 'false',
      on: { click: () => update({ [setting]: value }) },
    }, content);
    const resize = (step) => {
      const index = FONT_SIZES.indexOf(settings.fontSize);
      const next = FONT_SIZES[Math.min(FONT_SIZES.length - 1, Math.max(0, index + step))];
      update({ fontSize: next });
    };

    return el('div', { class: 'qp-toolbar', role: 'toolbar', 'aria-label': 'Reader view settings', lang: 'en' },
      el('button', {
        class: 'qp-close', type: 'button', title: 'Close reader view (Esc)', 'aria-label': 'Close reader view',
        on: { click: () => current.close() },
      }, icon([[6, 6, 18, 18], [18, 6, 6, 18]])),
      el('span', { class: 'qp-brand', text: 'quietpage' }),
      el('div', { class: 'qp-group', role: 'group', 'aria-label': 'Theme' },
        ...THEMES.map((theme) => choice('theme', theme, `${theme[0].toUpperCase()}${theme.slice(1)} theme`,
          el('span', { class: 'qp-swatch', 'data-theme': theme })))),
      el('div', { class: 'qp-group', role: 'group', 'aria-label': 'Text size' },
        el('button', { class: 'qp-button qp-size-down', type: 'button', title: 'Smaller text', 'aria-label': 'Smaller text', text: 'A\u2212', on: { click: () => resize(-1) } }),
        el('button', { class: 'qp-button qp-size-up', type: 'button', title: 'Larger text', 'aria-label': 'Larger text', text: 'A+', on: { click: () => resize(1) } })),
      el('div', { class: 'qp-group', role: 'group', 'aria-label': 'Line width' },
        choice('width', 'narrow', 'Narrow lines', icon([[9, 7, 15, 7], [9, 12, 15, 12], [9, 17, 15, 17]])),
        choice('width', 'medium', 'Medium lines', icon([[6.5, 7, 17.5, 7], [6.5, 12, 17.5, 12], [6.5, 17, 17.5, 17]])),
        choice('width', 'wide', 'Wide lines', icon([[3, 7, 21, 7], [3, 12, 21, 12], [3, 17, 21, 17]]))),
      el('div', { class: 'qp-group', role: 'group', 'aria-label': 'Typeface' },
        choice('font', 'serif', 'Serif typeface', el('span', { class: 'qp-face-serif', text: 'Serif' })),
        choice('font', 'sans', 'Sans-serif typeface', el('span', { class: 'qp-face-sans', text: 'Sans' }))));
  }

  function articleView(current, root, article, settings, url) {
    const lang = article.lang || document.documentElement.lang || null;
    const dir = article.dir === 'rtl' || article.dir === 'ltr' ? article.dir : 'auto';
    const title = article.title || document.title || hostName(url) || '';
    const byline = article.byline || article.author;
    const date = formatDate(article.publishedTime, lang);
    const minutes = article.readingTime > 0 ? Math.max(1, Math.round(article.readingTime)) : 0;
    const readingTime = minutes ? formatReadingTime(minutes, lang) : null;

    const meta = el('p', { class: 'qp-meta' },
      byline ? el('span', { class: 'qp-byline', text: byline }) : null,
      date ? el('time', { datetime: article.publishedTime, text: date }) : null,
      readingTime ? el('span', { class: 'qp-time', title: 'Reading time', ...readingTime }) : null);

    const content = el('div', { class: 'qp-content' });
    content.append(...articleNodes(article.content));
    dropRepeatedTitle(content, title);

    // The lead image, when the article's body has no picture of its own.
    let lead = null;
    if (article.leadImage && /^https?:/i.test(article.leadImage) && !content.querySelector('img, picture, video')) {
      const image = el('img', { src: article.leadImage, alt: '', decoding: 'async' });
      lead = el('figure', { class: 'qp-lead' }, image);
      // An optional picture: when it can't load (offline, blocked by the
      // page's CSP), it takes no room.
      image.addEventListener('error', () => lead.remove(), { once: true });
      content.prepend(lead);
    }

    const source = [article.canonicalUrl, url].find((u) => typeof u === 'string' && /^(https?|file):/i.test(u));
    const articleNode = el('article', { class: 'qp-article', lang, dir },
      el('header', { class: 'qp-header' },
        article.siteName ? el('p', { class: 'qp-site', text: article.siteName }) : null,
        el('h1', { class: 'qp-title', text: title }),
        meta.childElementCount ? meta : null),
      content);

    const footer = source
      ? el('footer', { class: 'qp-footer', lang: 'en', dir: 'ltr' },
        'Original page: ', el('a', { href: source, rel: 'noopener noreferrer', text: source }))
      : null;

    return [toolbar(current, root, settings), el('main', { class: 'qp-page' }, articleNode, footer)];
  }

  toggle();
})();
