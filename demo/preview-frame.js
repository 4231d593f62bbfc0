// The script of the demo's frames (preview.html: the original page;
// readability.html: Readability.js's article). It receives a page's HTML from
// the demo (app.js: createFrame), parses it here — in the frame, which
// Chromium runs in a process of its own (a sandboxed frame), so not on the
// demo's main thread — takes out everything that would run, navigate, load
// from elsewhere against this frame's policy or write to the console, and
// shows the rest. In readability.html it also runs Readability.js on an inert
// copy of a page (a DOMParser document: nothing in it runs or loads).
'use strict';

// Elements the preview never keeps: scripts; frames, media and plugins (the
// policy refuses them); what would act on its own (refresh, base, preloads).
const DROP = 'script, iframe, frame, frameset, object, embed, applet, portal, fencedframe, video, audio, '
  + 'meta[http-equiv], base, link:not([rel~="stylesheet" i])';
// Attributes that would run script, make a request the sandbox's null origin
// fails (CORS, integrity) or focus the frame (refused in a frame from another origin).
const DROP_ATTRIBUTE = /^(?:on|crossorigin$|integrity$|autofocus$|nonce$|ping$)/i;

/**
 * @param {{ html: string, base: string | null, stylesheet: string | null }} page
 *   base: where relative URLs point (null: nowhere); stylesheet: one to add first
 */
function show({ html, base, stylesheet }) {
  // DOMParser neither runs scripts nor loads anything, and parses as a browser
  // with scripting off would: <noscript> holds markup, shown in place below.
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const el of doc.querySelectorAll(DROP)) el.remove();
  for (const el of doc.querySelectorAll('noscript')) el.replaceWith(...el.childNodes);
  // <use> of another document's symbols: a cross-origin request the browser refuses.
  for (const el of doc.querySelectorAll('use')) {
    const href = el.getAttribute('href') ?? el.getAttribute('xlink:href') ?? '';
    if (!href.startsWith('#')) el.remove();
  }
  for (const el of doc.querySelectorAll('*')) {
    for (const name of el.getAttributeNames()) if (DROP_ATTRIBUTE.test(name)) el.removeAttribute(name);
  }
  // about:blank as a base leaves relative URLs unresolvable: nothing is requested.
  const baseElement = doc.createElement('base');
  baseElement.href = base ?? 'about:blank';
  doc.head.prepend(baseElement);
  if (stylesheet) {
    const link = doc.createElement('link');
    link.rel = 'stylesheet';
    link.href = stylesheet;
    baseElement.after(link);
  }
  document.replaceChild(document.adoptNode(doc.documentElement), document.documentElement);
  scrollTo(0, 0);
}

// Readability's result: every field (they are all strings and numbers).
const ARTICLE_FIELDS = ['title', 'byline', 'dir', 'lang', 'content', 'textContent', 'length', 'excerpt', 'siteName', 'publishedTime'];

/**
 * Readability.js on the page, timed.
 * @param {{ html: string, url: string | null }} page url: the page's address, for relative URLs
 */
function readability({ html, url }) {
  if (typeof Readability !== 'function') throw new Error('Readability.js did not load: run npm ci (it is the @mozilla/readability devDependency)');
  const start = performance.now();
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // Readability makes links and images absolute against the document's base
  // URL, this frame's own without a <base>: the page's, or none at all.
  let base = 'about:blank';
  try {
    if (url) base = new URL(doc.querySelector('base[href]')?.getAttribute('href') ?? '', url).href;
  } catch {
    // an unusable <base>: relative URLs stay relative
  }
  for (const el of doc.querySelectorAll('base')) el.remove();
  const baseElement = doc.createElement('base');
  baseElement.href = base;
  doc.head.prepend(baseElement);
  const parsed = performance.now();
  const result = new Readability(doc).parse();
  const done = performance.now();
  return {
    article: result && Object.fromEntries(ARTICLE_FIELDS.map((key) => [key, result[key] ?? null])),
    domMs: parsed - start,
    readabilityMs: done - parsed,
  };
}

addEventListener('message', (event) => {
  const { data } = event;
  if (event.source !== parent) return;
  if (data?.type === 'show') {
    show(data);
  } else if (data?.type === 'readability') {
    let reply;
    try {
      reply = { ...readability(data), id: data.id, type: 'readability' };
    } catch (error) {
      reply = { error: String(error?.message ?? error), id: data.id, type: 'readability' };
    }
    parent.postMessage(reply, '*');
  }
});

// The preview is for looking only: no link is followed, no form sent.
for (const type of ['click', 'submit', 'auxclick']) document.addEventListener(type, (event) => event.preventDefault(), true);

parent.postMessage({ type: 'ready' }, '*');
