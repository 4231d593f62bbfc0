// The reader view in a browser: render.js's markup put in the page a piece at
// a time (the first screen at once, the rest while the browser is idle, so no
// task runs long even for a book-length article), and the toolbar — text
// settings, read aloud, save — around it. Used by the extension's reader page
// and the demo's Reader tab; render.js and reader.css are the parts the CLI
// shares.
import { createNarrator, readableBlocks, voiceSpeaks } from './narrate.js';
import {
  DEFAULT_SETTINGS, LINE_CHARS, SETTING_CHOICES, articleOpenTag, buildView, fileName, markdownDocument,
  normalizeSettings, renderDocument, settingsStyle,
} from './render.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const RATES = [0.75, 1, 1.25, 1.5, 1.75, 2];
// Blocks whose position marks the reading position.
const POSITION_BLOCKS = '.qp-header > *, .qp-content :is(p, h1, h2, h3, h4, h5, h6, li, dt, dd, blockquote, pre, figure, table, hr)';
// How much markup goes in before the first paint, and per idle slice.
const FIRST_SCREEN_BYTES = 12_000;
// Elements whose children may be wrapped in a <div> (see insertNext).
const FLOW = new Set(['div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'details', 'figure']);
const SLICE_MS = 8;
// Markup per idle slice: inserting is quick, laying the text out in the frame
// that follows is what costs (about 1 ms per 2-3 KB of paragraphs).
const SLICE_BYTES = 32_000;

// Icons: stroked paths on a 24x24 grid.
const ICONS = {
  close: 'M6 6l12 12M18 6L6 18',
  listen: 'M4 10v4M8 7v10M12 4v16M16 7v10M20 10v4',
  save: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  play: 'M8 5.5v13l10.5-6.5z',
  pause: 'M8 5v14M16 5v14',
  previous: 'M6 5v14M18 5.5v13L9 12z',
  next: 'M18 5v14M6 5.5v13l9-6.5z',
  minus: 'M6 12h12',
  plus: 'M6 12h12M12 6v12',
  narrow: 'M9 7h6M9 12h6M9 17h6',
  medium: 'M6.5 7h11M6.5 12h11M6.5 17h11',
  wide: 'M3 7h18M3 12h18M3 17h18',
};

function icon(name) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[name]);
  if (name === 'play' || name === 'previous' || name === 'next') path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

/** document.createElement with attributes ('text', 'on' and properties aside) and children. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

const button = (props, ...children) => el('button', { type: 'button', class: 'qp-button', ...props }, ...children);
const label = (text) => el('span', { class: 'qp-label', text });

/** Runs fn when the browser is idle (or soon, where it never is). */
const idle = (fn) => (globalThis.requestIdleCallback
  ? requestIdleCallback(fn, { timeout: 120 })
  : setTimeout(() => fn({ timeRemaining: () => SLICE_MS }), 1));

/** Resolves in the next frame, just before it paints. */
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

// Where markup parses as it would inside an element of this name: table
// parts only parse inside a table (a <tr> anywhere else loses its tags).
const CONTEXTS = {
  table: ['<table>', 'table'],
  thead: ['<table><thead>', 'thead'],
  tbody: ['<table><tbody>', 'tbody'],
  tfoot: ['<table><tfoot>', 'tfoot'],
  tr: ['<table><tbody><tr>', 'tr'],
  colgroup: ['<table><colgroup>', 'colgroup'],
};

/**
 * Parses markup into nodes as the content of an element named `context`
 * (DOMParser's document is inert: nothing in it loads or runs, and its
 * scripts never run once moved; the markup is the core's sanitized output).
 */
function parseNodes(html, context = 'div') {
  const [open, selector] = CONTEXTS[context] ?? ['', 'body'];
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${open}${html}`, 'text/html');
  const container = selector === 'body' ? doc.body : doc.body.querySelector(selector);
  return [...container.childNodes];
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Sets up a reader view in `container`, styled through `root` (the element
 * with the class qp-reader, which holds the settings).
 * @param {{
 *   root: HTMLElement,
 *   container?: HTMLElement,
 *   scroller?: HTMLElement,            the element that scrolls (default: the document)
 *   settings: { load(): Promise<object> | object, save(value: object): void, subscribe?(fn: (value: object) => void): void },
 *   css?: () => Promise<string>,       reader.css's text, for "Download HTML"
 *   onClose?: () => void,              shows a close button (and Escape closes)
 *   closeLabel?: string,
 *   print?: boolean,                   offer "Print"
 *   remember?: boolean,                keep the reading position in history.state (reload, back/forward)
 * }} options
 */
export function createReaderView(options) {
  const { root, onClose } = options;
  const container = options.container ?? root;
  const scroller = options.scroller ?? null; // null: the document scrolls
  let settings = { ...DEFAULT_SETTINGS };
  let extras = { rate: 1, voices: {} };
  let article = null;
  let url = null;
  let view = null;
  let articleNode = null;
  let sampleText = '';
  let narrator = null;
  let rendering = null;

  root.classList.add('qp-reader');
  const body = el('div', { class: 'qp-body' });

  // Links inside the article (footnotes and their back links, contents) go
  // to their target in place: a fragment navigation would add a history
  // entry, and closing the reader goes back in history.
  body.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[href^="#"]');
    if (!link || !articleNode?.contains(link) || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    let id = link.getAttribute('href').slice(1);
    try { id = decodeURIComponent(id); } catch { /* not percent-encoded */ }
    const target = [...articleNode.querySelectorAll('[id]')].find((node) => node.id === id);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: 'start', behavior: 'instant' });
    scrollBy(target.getBoundingClientRect().top - readingLine() - 8);  // below the toolbar
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  });

  // ---------------------------------------------------------------- scrolling

  const viewportTop = () => (scroller ? scroller.getBoundingClientRect().top : 0);
  const viewportHeight = () => (scroller ? scroller.clientHeight : window.innerHeight);
  const scrollBy = (dy) => {
    if (scroller) scroller.scrollTop += dy;
    else window.scrollBy({ top: dy, behavior: 'instant' });
  };
  const scrollTop = () => (scroller ? scroller.scrollTop : window.scrollY);
  const scrollRange = () => (scroller
    ? scroller.scrollHeight - scroller.clientHeight
    : document.documentElement.scrollHeight - window.innerHeight);
  /** The line under the toolbar: where the reading position is. */
  const readingLine = () => Math.max(viewportTop(), toolbar.getBoundingClientRect().bottom) + 1;

  /** The block at the reading line and how far into it the line is (0-1). */
  function readingPosition() {
    if (!articleNode) return null;
    const blocks = articleNode.querySelectorAll(POSITION_BLOCKS);
    if (!blocks.length) return null;
    const line = readingLine();
    // Blocks are in document order, so their tops only grow: binary search
    // for the last block that starts above the line.
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (blocks[mid].getBoundingClientRect().top <= line) lo = mid;
      else hi = mid - 1;
    }
    let index = lo;
    // Past the block's end (a gap, a margin): the next block is the one being read.
    const rect = blocks[index].getBoundingClientRect();
    if (rect.bottom < line && index + 1 < blocks.length) index += 1;
    const r = blocks[index].getBoundingClientRect();
    return { index, block: blocks[index], ratio: r.height > 0 ? Math.min(1, Math.max(0, (line - r.top) / r.height)) : 0 };
  }

  function restorePosition(position) {
    if (!position || !articleNode) return;
    const block = position.block ?? articleNode.querySelectorAll(POSITION_BLOCKS)[position.index];
    if (!block?.isConnected) return;
    const r = block.getBoundingClientRect();
    scrollBy(r.top + position.ratio * r.height - readingLine());
  }

  /** Runs a change that moves the text (size, width, spacing, font) keeping the reading position. */
  function keepingPosition(change) {
    const position = scrollTop() > 0 ? readingPosition() : null;
    change();
    restorePosition(position);
  }

  // ---------------------------------------------------------------- settings

  /** The measure: LINE_CHARS characters of this article's text in its font. */
  function measure() {
    if (!articleNode || !sampleText) return;
    const probe = el('span', { 'aria-hidden': 'true' });
    probe.textContent = sampleText;
    Object.assign(probe.style, { position: 'absolute', visibility: 'hidden', whiteSpace: 'nowrap', insetInlineStart: '0', top: '0' });
    articleNode.querySelector('.qp-content')?.append(probe);
    const em = probe.getBoundingClientRect().width / sampleText.length / settings.size;
    probe.remove();
    if (em > 0.2 && em < 1.5) {
      root.style.setProperty('--qp-char-em', em.toFixed(4));
      unmeasured = false;
    } else {
      unmeasured = true; // not laid out (a hidden tab): measured when it shows
    }
  }
  let unmeasured = false;
  const sized = new ResizeObserver(() => {
    if (unmeasured && articleNode?.offsetWidth) keepingPosition(measure);
  });

  function apply(next, { keep = true } = {}) {
    const previous = settings;
    settings = normalizeSettings(next);
    const run = () => {
      root.dataset.theme = settings.theme;
      root.dataset.font = settings.font;
      root.dataset.width = settings.width;
      for (const declaration of settingsStyle(settings).split(';')) {
        const [name, value] = declaration.split(':');
        root.style.setProperty(name, value);
      }
      if (previous.font !== settings.font || previous.size !== settings.size || !root.style.getPropertyValue('--qp-char-em')) measure();
    };
    if (keep) keepingPosition(run);
    else run();
    syncControls();
    // A web font (the legible face) may arrive later: measure again then.
    if (previous.font !== settings.font && document.fonts?.ready) {
      document.fonts.ready.then(() => keepingPosition(measure));
    }
  }

  function change(update) {
    apply({ ...settings, ...update });
    options.settings.save({ ...settings, ...extras });
  }

  // ---------------------------------------------------------------- toolbar

  const panels = [];
  function panel(id, title, ...content) {
    const node = el('div', { class: 'qp-panel', id, popover: 'auto', role: 'dialog', 'aria-label': title }, ...content);
    panels.push(node);
    return node;
  }
  const section = (heading, ...content) => el('div', { class: 'qp-panel-section', role: 'group', 'aria-label': heading },
    el('p', { class: 'qp-panel-heading', 'aria-hidden': 'true', text: heading }), ...content);
  const choice = (setting, value, text, extra) => button({
    'data-setting': setting, 'data-value': value, 'aria-pressed': 'false',
    on: { click: () => change({ [setting]: value }) },
  }, extra, text ? el('span', { text }) : null);
  const step = (setting, delta, labelText, iconName) => button({
    'data-step': setting, 'data-delta': delta, 'aria-label': labelText, title: labelText,
    on: {
      click: () => {
        const list = SETTING_CHOICES[setting];
        const at = list.indexOf(settings[setting]);
        change({ [setting]: list[Math.min(list.length - 1, Math.max(0, at + delta))] });
      },
    },
  }, iconName ? icon(iconName) : el('span', { text: delta < 0 ? 'A\u2212' : 'A+', class: delta < 0 ? 'qp-size-down' : 'qp-size-up' }));

  const sizeOut = el('output', { 'data-show': 'size' });
  const spacingOut = el('output', { 'data-show': 'lineHeight' });
  const typePanel = panel('qp-panel-type', 'Text and theme',
    section('Theme', el('div', { class: 'qp-segments' },
      ...SETTING_CHOICES.theme.map((theme) => choice('theme', theme, theme === 'auto' ? 'Auto' : `${theme[0].toUpperCase()}${theme.slice(1)}`,
        el('span', { class: 'qp-swatch', 'data-swatch': theme, 'aria-hidden': 'true' }))))),
    section('Typeface', el('div', { class: 'qp-segments' },
      choice('font', 'serif', null, el('span', { class: 'qp-face-serif', text: 'Serif' })),
      choice('font', 'sans', null, el('span', { class: 'qp-face-sans', text: 'Sans' })),
      choice('font', 'legible', null, el('span', { class: 'qp-face-legible', text: 'Legible' })))),
    section('Text size', el('div', { class: 'qp-stepper' }, step('size', -1, 'Smaller text'), sizeOut, step('size', 1, 'Larger text'))),
    section('Line spacing', el('div', { class: 'qp-stepper' },
      step('lineHeight', -1, 'Less line spacing', 'minus'), spacingOut, step('lineHeight', 1, 'More line spacing', 'plus'))),
    section('Line width', el('div', { class: 'qp-segments' },
      choice('width', 'narrow', null, icon('narrow')), choice('width', 'medium', null, icon('medium')), choice('width', 'wide', null, icon('wide')))),
    el('p', { class: 'qp-note' }, button({ class: 'qp-link-button', 'data-action': 'reset', text: 'Reset to defaults', on: { click: () => change({ ...DEFAULT_SETTINGS }) } })));
  for (const width of SETTING_CHOICES.width) {
    const node = typePanel.querySelector(`[data-setting="width"][data-value="${width}"]`);
    node.setAttribute('aria-label', `${width[0].toUpperCase()}${width.slice(1)} lines (${LINE_CHARS[width]} characters)`);
    node.title = node.getAttribute('aria-label');
  }
  for (const face of SETTING_CHOICES.font) {
    typePanel.querySelector(`[data-setting="font"][data-value="${face}"]`).setAttribute('aria-label', `${face[0].toUpperCase()}${face.slice(1)} typeface`);
  }

  // Read aloud
  const playButton = button({ class: 'qp-button qp-play', 'aria-label': 'Read aloud', title: 'Read aloud', on: { click: () => narrator?.toggle(readingPosition()?.index > 0 ? narrationStart() : 0) } }, icon('play'));
  const rateSelect = el('select', { 'aria-label': 'Reading speed', on: { change: () => { extras.rate = Number(rateSelect.value); narrator?.configure({ rate: extras.rate }); saveExtras(); } } },
    ...RATES.map((r) => el('option', { value: r, text: `${r}\u00d7` })));
  const voiceSelect = el('select', { 'aria-label': 'Voice', on: { change: () => chooseVoice(voiceSelect.value) } });
  const listenNote = el('p', { class: 'qp-note', role: 'status' });
  const listenPanel = panel('qp-panel-listen', 'Read aloud',
    el('div', { class: 'qp-transport' },
      button({ 'aria-label': 'Previous paragraph', title: 'Previous paragraph', 'data-action': 'previous', on: { click: () => narrator?.previous() } }, icon('previous')),
      playButton,
      button({ 'aria-label': 'Next paragraph', title: 'Next paragraph', 'data-action': 'next', on: { click: () => narrator?.next() } }, icon('next'))),
    el('div', { class: 'qp-panel-section qp-field' }, el('label', { class: 'qp-panel-heading', text: 'Speed' }), rateSelect),
    el('div', { class: 'qp-panel-section qp-field' }, el('label', { class: 'qp-panel-heading', text: 'Voice' }), voiceSelect),
    listenNote);

  // Save
  const saveNote = el('p', { class: 'qp-note', role: 'status' });
  const saveActions = [
    ['html', 'Download as HTML', () => saveHtml()],
    ['markdown', 'Download as Markdown', () => saveMarkdown()],
    ['copy', 'Copy as Markdown', () => copyMarkdown()],
    options.print !== false ? ['print', 'Print\u2026', () => { hidePanels(); print(); }] : null,
  ].filter(Boolean);
  const savePanel = panel('qp-panel-save', 'Save',
    el('div', { class: 'qp-menu' }, ...saveActions.map(([action, text, fn]) => button({ 'data-action': action, on: { click: fn } }, el('span', { text })))),
    saveNote);

  const opener = (target, name, text, content) => button({
    class: 'qp-button', 'aria-label': text, title: text, 'aria-expanded': 'false', 'aria-controls': target.id, 'data-open': name,
    on: { click: (event) => togglePanel(target, event.currentTarget) },
  }, content, label(text));

  // The article's title shows in the toolbar once its heading has scrolled away.
  const titleNode = el('span', { class: 'qp-toolbar-title', 'aria-hidden': 'true' });
  const titleWatch = new IntersectionObserver(([entry]) => {
    titleNode.classList.toggle('qp-shown', !entry.isIntersecting && entry.boundingClientRect.top < (entry.rootBounds?.top ?? 0) + 60);
  }, { root: scroller, rootMargin: '-52px 0px 0px 0px' });
  const progress = el('span', { class: 'qp-progress', 'aria-hidden': 'true' });
  const closeButton = onClose
    ? button({ class: 'qp-button qp-close', 'aria-label': options.closeLabel ?? 'Close reader view', title: `${options.closeLabel ?? 'Close reader view'} (Esc)`, on: { click: () => onClose() } }, icon('close'))
    : null;
  const toolbar = el('div', { class: 'qp-toolbar', role: 'toolbar', 'aria-label': 'Reader view', lang: 'en', dir: 'ltr' },
    closeButton,
    titleNode,
    opener(typePanel, 'type', 'Text', el('span', { 'aria-hidden': 'true', class: 'qp-face-serif', text: 'Aa' })),
    opener(listenPanel, 'listen', 'Listen', icon('listen')),
    opener(savePanel, 'save', 'Save', icon('save')),
    progress);
  for (const node of panels) {
    node.lang = 'en';
    node.dir = 'ltr';
    node.addEventListener('toggle', (event) => {
      const open = event.newState === 'open';
      toolbar.querySelector(`[aria-controls="${node.id}"]`)?.setAttribute('aria-expanded', String(open));
    });
  }
  for (const node of toolbar.querySelectorAll('[data-open]')) node.disabled = true;

  function hidePanels() {
    for (const node of panels) if (node.matches(':popover-open')) node.hidePopover();
  }

  /** Opens a panel under its button, kept inside the window. */
  function togglePanel(target, opener) {
    if (target.matches(':popover-open')) {
      target.hidePopover();
      return;
    }
    if (target === listenPanel) refreshVoices();
    target.showPopover();
    const anchor = opener.getBoundingClientRect();
    const width = target.offsetWidth;
    const left = Math.min(Math.max(8, anchor.right - width), window.innerWidth - width - 8);
    target.style.left = `${Math.max(8, left)}px`;
    target.style.top = `${Math.round(anchor.bottom + 6)}px`;
  }

  function syncControls() {
    for (const node of [...typePanel.querySelectorAll('[data-setting]')]) {
      node.setAttribute('aria-pressed', String(String(settings[node.dataset.setting]) === node.dataset.value));
    }
    for (const node of typePanel.querySelectorAll('[data-step]')) {
      const list = SETTING_CHOICES[node.dataset.step];
      const at = list.indexOf(settings[node.dataset.step]);
      node.disabled = Number(node.dataset.delta) < 0 ? at <= 0 : at >= list.length - 1;
    }
    sizeOut.textContent = `${settings.size} px`;
    spacingOut.textContent = settings.lineHeight.toFixed(2).replace(/0$/, '');
    rateSelect.value = String(extras.rate);
  }

  // ---------------------------------------------------------------- read aloud

  /** The narration paragraph at the reading position. */
  function narrationStart() {
    const position = readingPosition();
    if (!position) return 0;
    const list = readableBlocks(articleNode);
    const at = list.findIndex((block) => block === position.block || block.contains(position.block) || position.block.contains(block)
      || (position.block.compareDocumentPosition(block) & Node.DOCUMENT_POSITION_FOLLOWING));
    return Math.max(0, at);
  }

  function refreshVoices() {
    if (!narrator) return;
    const lang = view?.lang;
    const all = narrator.voices();
    const matching = all.filter((voice) => voiceSpeaks(voice, lang));
    const chosenUri = extras.voices[langKey()] ?? null;
    voiceSelect.replaceChildren(el('option', { value: '', text: 'Default voice' }),
      ...matching.map((voice) => el('option', { value: voice.voiceURI, text: `${voice.name} (${voice.lang})` })));
    voiceSelect.value = matching.some((voice) => voice.voiceURI === chosenUri) ? chosenUri : '';
    voiceSelect.disabled = matching.length === 0;
    narrator.configure({ voice: matching.find((voice) => voice.voiceURI === voiceSelect.value) ?? null });
    listenNote.textContent = !narrator.supported
      ? 'This browser cannot read aloud.'
      : all.length && !matching.length ? `No voice for this article's language (${lang}) is installed: the browser picks one.` : '';
  }

  const langKey = () => (view?.lang ?? '').toLowerCase().split(/[-_]/)[0] || '*';

  function chooseVoice(uri) {
    if (uri) extras.voices = { ...extras.voices, [langKey()]: uri };
    else {
      const { [langKey()]: _, ...rest } = extras.voices;
      extras.voices = rest;
    }
    narrator?.configure({ voice: narrator.voices().find((voice) => voice.voiceURI === uri) ?? null });
    saveExtras();
  }

  function saveExtras() {
    options.settings.save({ ...settings, ...extras });
  }

  function reveal(block) {
    const r = block.getBoundingClientRect();
    const top = readingLine();
    const bottom = viewportTop() + viewportHeight();
    if (r.top >= top && r.bottom <= bottom) return;
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    block.scrollIntoView({ block: r.height > bottom - top ? 'start' : 'center', behavior: reduce ? 'instant' : 'smooth' });
  }

  function createNarration() {
    narrator?.stop();
    narrator = createNarrator({
      lang: view?.lang ?? null,
      blocks: () => readableBlocks(articleNode),
      reveal,
      onChange: ({ playing }) => {
        playButton.replaceChildren(icon(playing ? 'pause' : 'play'));
        playButton.setAttribute('aria-label', playing ? 'Pause' : 'Read aloud');
        playButton.title = playButton.getAttribute('aria-label');
        toolbar.querySelector('[data-open="listen"]').setAttribute('aria-pressed', String(playing));
      },
    });
    narrator.configure({ rate: extras.rate });
    globalThis.speechSynthesis?.addEventListener?.('voiceschanged', refreshVoices);
    refreshVoices();
    playButton.disabled = !narrator.supported;
  }

  // ---------------------------------------------------------------- saving

  const note = (node, text) => {
    node.textContent = text;
    clearTimeout(node.timer);
    node.timer = setTimeout(() => { node.textContent = ''; }, 4000);
  };

  async function saveHtml() {
    try {
      const css = options.css ? await options.css() : '';
      download(fileName(article, 'html'), 'text/html;charset=utf-8', renderDocument(article, { css, url, settings, view }));
      note(saveNote, 'Saved as HTML.');
    } catch (error) {
      note(saveNote, `Could not save: ${error?.message ?? error}`);
    }
  }

  let loadMarkdown = null;
  const hasMarkdown = () => typeof article?.markdown === 'string' || Boolean(loadMarkdown);
  async function markdown() {
    const text = typeof article.markdown === 'string' ? article.markdown : await loadMarkdown();
    if (typeof text !== 'string') throw new Error('this article has no Markdown');
    return markdownDocument({ ...article, markdown: text }, { url });
  }

  async function saveMarkdown() {
    try {
      download(fileName(article, 'md'), 'text/markdown;charset=utf-8', await markdown());
      note(saveNote, 'Saved as Markdown.');
    } catch (error) {
      note(saveNote, `Could not save: ${error?.message ?? error}`);
    }
  }

  async function copyMarkdown() {
    try {
      // Chromium wants the write started within the click: a promised blob keeps it there.
      if (globalThis.ClipboardItem && navigator.clipboard.write) {
        const blob = markdown().then((text) => new Blob([text], { type: 'text/plain' }));
        await navigator.clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
      } else {
        await navigator.clipboard.writeText(await markdown());
      }
      note(saveNote, 'Copied as Markdown.');
    } catch (error) {
      note(saveNote, `Could not copy: ${error?.message ?? error}`);
    }
  }

  // ---------------------------------------------------------------- page events

  let scrollQueued = false;
  let rememberTimer = 0;
  function onScroll() {
    if (scrollQueued) return;
    scrollQueued = true;
    requestAnimationFrame(() => {
      scrollQueued = false;
      const range = scrollRange();
      progress.style.transform = `scaleX(${range > 0 ? Math.min(1, scrollTop() / range) : 0})`;
    });
    if (options.remember && articleNode) {
      clearTimeout(rememberTimer);
      rememberTimer = setTimeout(rememberPosition, 250);
    }
  }
  function rememberPosition() {
    const position = scrollTop() > 0 ? readingPosition() : null;
    const state = { ...(history.state ?? {}), quietpagePosition: position ? { index: position.index, ratio: position.ratio } : null };
    history.replaceState(state, '');
  }
  (scroller ?? window).addEventListener('scroll', onScroll, { passive: true });

  function onKey(event) {
    if (event.key !== 'Escape' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (panels.some((node) => node.matches(':popover-open'))) return; // the panel closes itself
    if (narrator?.playing) {
      narrator.pause();
      return;
    }
    onClose?.();
  }
  if (onClose) document.addEventListener('keydown', onKey);

  const onPageHide = () => narrator?.stop();
  window.addEventListener('pagehide', onPageHide);

  container.append(toolbar, ...panels, body);

  // Settings arrive once, then follow changes made elsewhere (another tab).
  const loaded = Promise.resolve(options.settings.load()).then((value) => {
    readExtras(value);
    apply(value, { keep: false });
  }, () => apply(DEFAULT_SETTINGS, { keep: false }));
  options.settings.subscribe?.((value) => {
    readExtras(value);
    apply(value);
  });
  function readExtras(value) {
    const rate = Number(value?.rate);
    extras = {
      rate: RATES.includes(rate) ? rate : 1,
      voices: value?.voices && typeof value.voices === 'object'
        ? Object.fromEntries(Object.entries(value.voices).filter(([k, v]) => typeof k === 'string' && typeof v === 'string'))
        : {},
    };
    narrator?.configure({ rate: extras.rate });
  }

  // ---------------------------------------------------------------- states

  function showState(title, text, actions = [], busy = false) {
    cancelRendering();
    narrator?.stop();
    articleNode = null;
    for (const node of toolbar.querySelectorAll('[data-open]')) node.disabled = true;
    const box = el('div', { class: 'qp-state-box', role: busy ? 'status' : 'alert', lang: 'en', dir: 'ltr' },
      el('p', { class: 'qp-state-title', text: title }),
      busy ? el('div', { class: 'qp-busy', 'aria-hidden': 'true' }) : null,
      text ? el('p', { class: 'qp-state-text', text }) : null,
      actions.length ? el('div', { class: 'qp-state-actions' }, ...actions.map(([text, fn]) => button({ on: { click: fn } }, el('span', { text })))) : null);
    body.replaceChildren(el('div', { class: `qp-state${busy ? ' qp-loading' : ''}` }, box));
    body.querySelector('.qp-state-actions .qp-button')?.focus({ preventScroll: true });
  }

  function cancelRendering() {
    if (rendering) rendering.cancelled = true;
    rendering = null;
  }

  /**
   * Puts in the next piece of a stack of [parent, items, next index] frames
   * (depth first); returns its length in characters, 0 when all are in.
   */
  function insertPiece(stack) {
    while (stack.length) {
      const frame = stack.at(-1);
      const [parent, items, at] = frame;
      if (at >= items.length) {
        stack.pop();
        continue;
      }
      frame[2] += 1;
      const item = items[at];
      if (typeof item === 'string') {
        // In a block of flow content each piece gets a box of its own, so
        // the browser lays out the new piece, not all the block's children
        // again: appending stays as cheap at the end of a book as at its
        // start. (A list's or a table's pieces can't be wrapped.)
        if (FLOW.has(parent.localName)) {
          const chunk = el('div', { class: 'qp-chunk' });
          chunk.append(...parseNodes(item));
          parent.append(chunk);
        } else {
          parent.append(...parseNodes(item, parent.localName));
        }
        return item.length;
      }
      const node = parseNodes(item.open + item.close, parent.localName).find((n) => n.nodeType === 1);
      parent.append(node);
      stack.push([node, item.items, 0]);
      return item.open.length;
    }
    return 0;
  }

  /**
   * Appends pieces (buildView's items: a further page of the article) to the
   * article on show (call it once showArticle has resolved). false when no
   * article is shown.
   */
  function appendItems(items) {
    const content = articleNode?.querySelector('.qp-content');
    if (!content) return false;
    const stack = [[content, items, 0]];
    while (insertPiece(stack));
    return true;
  }

  /**
   * Shows an article: the first screen at once, the rest in idle slices.
   * Resolves when all of it is in. `restore` (or the position kept in
   * history.state, with `remember`) scrolls back to where reading was.
   * @param {object} value quietpage's Article
   * @param {{ url?: string, view?: object, restore?: { index: number, ratio: number },
   *          loadMarkdown?: () => Promise<string | null> }} [show]
   *   view: buildView()'s result, when made elsewhere (the extension's background);
   *   loadMarkdown: where the Markdown comes from when the article doesn't carry it
   */
  async function showArticle(value, show = {}) {
    await loaded;
    cancelRendering();
    narrator?.stop();
    article = value;
    url = show.url ?? null;
    view = show.view ?? buildView(article, { url });
    loadMarkdown = show.loadMarkdown ?? null;
    const run = { cancelled: false };
    rendering = run;
    const restore = show.restore ?? (options.remember ? history.state?.quietpagePosition : null);

    const page = parseNodes(`<main class="qp-page">${articleOpenTag(view)}${view.headerHtml}<div class="qp-content"></div></article>${view.footerHtml}</main>`)[0];
    articleNode = page.querySelector('.qp-article');
    const content = articleNode.querySelector('.qp-content');
    body.replaceChildren(page);
    titleNode.textContent = view.title;
    titleNode.classList.remove('qp-shown');
    sized.disconnect();
    sized.observe(articleNode);
    titleWatch.disconnect();
    titleWatch.observe(articleNode.querySelector('.qp-title'));
    for (const node of toolbar.querySelectorAll('[data-open]')) node.disabled = false;
    for (const node of savePanel.querySelectorAll('[data-action="markdown"], [data-action="copy"]')) node.disabled = !hasMarkdown();
    if (!hasMarkdown()) saveNote.textContent = 'Markdown needs the article parsed with { markdown: true }.';
    createNarration();

    // The pieces, depth first: [parent, items, next index] frames.
    const stack = [[content, view.items, 0]];
    const insertNext = () => insertPiece(stack);

    // The first screen.
    let bytes = 0;
    while (stack.length && (bytes < FIRST_SCREEN_BYTES || content.getBoundingClientRect().top + content.offsetHeight < viewportTop() + viewportHeight() * 1.5)) {
      bytes += insertNext();
      if (!sampleText && content.textContent.length > 1200) sampleText = content.textContent.replace(/\s+/g, ' ').trim().slice(0, 1200);
    }
    if (!sampleText) sampleText = content.textContent.replace(/\s+/g, ' ').trim().slice(0, 1200);
    measure();
    dropBrokenLead(content);
    await nextFrame();
    if (run.cancelled) return;
    performance.mark('quietpage:first-content');

    // The rest, a slice at a time, until the kept position is in (then it is
    // restored) and everything is.
    let restored = !restore;
    await new Promise((resolve) => {
      const slice = (deadline) => {
        if (run.cancelled) return resolve();
        const start = performance.now();
        const budget = Math.min(SLICE_MS, Math.max(4, deadline?.timeRemaining?.() ?? SLICE_MS));
        let sliceBytes = 0;
        while (stack.length && sliceBytes < SLICE_BYTES && performance.now() - start < budget) sliceBytes += insertNext();
        if (!restored && (!stack.length || articleNode.querySelectorAll(POSITION_BLOCKS).length > restore.index + 1)) {
          restored = true;
          restorePosition(restore);
        }
        if (stack.length) idle(slice);
        else resolve();
      };
      if (stack.length || !restored) idle(slice);
      else resolve();
    });
    if (run.cancelled) return;
    if (!restored) restorePosition(restore);
    rendering = null;
    performance.mark('quietpage:complete');
    onScroll();
  }

  /** The lead image is optional: when it can't load, it takes no room. */
  function dropBrokenLead(content) {
    const lead = content.querySelector('.qp-lead');
    const image = lead?.querySelector('img');
    if (!image) return;
    if (image.complete && image.naturalWidth === 0 && image.currentSrc) lead.remove();
    else image.addEventListener('error', () => lead.remove(), { once: true });
  }

  return {
    /** A busy state ("Reading this page…"). */
    showLoading(title, text) { showState(title, text, [], true); },
    /** A message with buttons: actions are [label, onClick] pairs. */
    showMessage(title, text, actions) { showState(title, text, actions); },
    showArticle,
    appendItems,
    get settings() { return { ...settings }; },
    toolbar,
    destroy() {
      cancelRendering();
      narrator?.stop();
      sized.disconnect();
      titleWatch.disconnect();
      (scroller ?? window).removeEventListener('scroll', onScroll);
      document.removeEventListener('keydown', onKey);
      window.removeEventListener('pagehide', onPageHide);
      for (const node of panels) node.remove();
      toolbar.remove();
      body.remove();
    },
  };
}
