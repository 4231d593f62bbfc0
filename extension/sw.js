// quietpage reader: the extension's background (a module service worker in
// Chromium, a module background script in Firefox).
//
// A click on the toolbar button (or the toggle-reader command) takes the
// page's HTML, sends the tab to the extension's own reader page
// (reader.html?id=…&url=…, a new history entry: Back returns to the page) and
// parses the HTML here with the WebAssembly core while that page loads. The
// article goes to IndexedDB (store.js), where the reader page finds it again
// after a reload. The page itself can't paint over the reader, script it or
// restrict what it loads: it is no longer there.
//
// The core runs here and not in the page: a content script's WebAssembly
// obeys the page's Content-Security-Policy; the extension's own policy allows
// it ('wasm-unsafe-eval' in the manifest) whatever the page says.
import { followPages, renumberIds } from './js/pages.js';
import { createReader } from './js/reader.js';
import { buildView } from './reader-view/render.js';
import { fileUrlMapping, mhtmlImages } from './file-urls.js';
import { markTab } from './action.js';
import { getMarkdown, getRecord, putRecord } from './store.js';

const api = globalThis.browser ?? globalThis.chrome;

const READER_PAGE = api.runtime.getURL('reader.html');
// Pages larger than this are not checked in advance for the toolbar mark
// (the check parses the whole page; the click still works on any size).
const AUTO_DETECT_MAX_CHARS = 3_000_000;

const now = () => performance.timeOrigin + performance.now();

/** @type {Promise<import('./js/reader.js').Reader> | null} */
let readerPromise = null;

// No warm-up parses (createReader's default): here they ran on the click's
// path, before the page was even taken (the background is one thread), and
// cost the first click after start-up more than the first parse gains
// (bench/extension.mjs: first screen ~520 -> ~250 ms).
function getReader() {
  if (!readerPromise) {
    readerPromise = createReader({ warmUp: false });
    readerPromise.catch(() => { readerPromise = null; });
  }
  return readerPromise;
}

// A page's HTML crosses from the page to the background in slices of this
// many characters, one task each: turning a 5 MB string into a message in one
// go would block the page for as long again as serializing it did.
const SLICE_CHARS = 1 << 20;

/**
 * Runs in the page (the extension's isolated world): takes its HTML, keeps it
 * there for the slices, and returns its address, title, length and first
 * slice; null for what is not an HTML page.
 */
function takePage(sliceChars) {
  if (!(document.documentElement instanceof HTMLHtmlElement) || !/html/.test(document.contentType)) return null;
  const html = document.documentElement.outerHTML;
  globalThis.__quietpageTaken = html.length > sliceChars ? html : null;
  return { url: location.href, title: document.title, length: html.length, html: html.slice(0, sliceChars) };
}

/** Runs in the page: one more slice of the HTML takePage kept; the last one lets it go. */
function takeSlice(from, to) {
  const html = globalThis.__quietpageTaken ?? '';
  if (to >= html.length) globalThis.__quietpageTaken = null;
  return html.slice(from, to);
}

// Chromium sometimes runs the click's listener a moment before the activeTab
// grant of that click applies ("Cannot access contents of the page", seen on
// the first click after start-up): taking the page is retried briefly.
const RETRY_DELAYS = [0, 50, 150, 400];

async function capture(tabId) {
  let failure;
  for (const delay of RETRY_DELAYS) {
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      const run = async (func, args) => (await api.scripting.executeScript({ target: { tabId }, func, args }))[0]?.result;
      const page = await run(takePage, [SLICE_CHARS]);
      if (!page) return null;
      const slices = [page.html];
      for (let at = SLICE_CHARS; at < page.length; at += SLICE_CHARS) slices.push(await run(takeSlice, [at, at + SLICE_CHARS]));
      const html = slices.join('');
      if (html.length !== page.length) throw new Error('the page changed while it was taken');
      return { url: page.url, title: page.title, html };
    } catch (error) {
      failure = error;
    }
  }
  // Browser pages (chrome://, about:), extension galleries, the PDF viewer,
  // file: pages without file access: no extension may script them.
  console.warn(`quietpage: no reader view in tab ${tabId}: ${failure?.message ?? failure}`);
  return null;
}

/**
 * A file: page's images as data: URLs (see file-urls.js), taken while the page
 * is still open, where the optional pageCapture permission is granted.
 */
async function fileImages(tabId, url) {
  if (!url.startsWith('file:') || !api.pageCapture) return undefined;
  if (!(await api.permissions.contains({ permissions: ['pageCapture'] }).catch(() => false))) return undefined;
  // Chromium backs the capture with a temporary file that is sometimes gone
  // before it is read ("A requested file or directory could not be found"):
  // capturing again works.
  let failure;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const capture = await api.pageCapture.saveAsMHTML({ tabId });
      return mhtmlImages(await capture.text());
    } catch (error) {
      failure = error;
    }
  }
  console.warn(`quietpage: no images for ${url}: ${failure?.message ?? failure}`);
  return undefined;
}

/**
 * The address of the reader page shown in a tab, or null. The tab's URL is
 * visible after a click or the shortcut (activeTab), and then it alone says:
 * runtime.getContexts, which finds the extension's own page without it, also
 * lists a reader page the tab has left and keeps in its back/forward cache
 * (the click then went back to that page's article instead of reading the
 * page shown).
 */
async function readerPageIn(tab) {
  if (typeof tab.url === 'string' && tab.url !== '') return tab.url.startsWith(READER_PAGE) ? tab.url : null;
  if (!api.runtime.getContexts) return null;
  const contexts = await api.runtime.getContexts({ contextTypes: ['TAB'], tabIds: [tab.id] }).catch(() => []);
  return contexts.map((context) => context.documentUrl).find((url) => typeof url === 'string' && url.startsWith(READER_PAGE)) ?? null;
}

/**
 * Leaves the reader page. The page goes back itself (history.back()):
 * tabs.goBack() would skip the original page's entry when Chromium's history
 * intervention marked it (a page left without a user gesture in it).
 */
async function closeReader(tab, readerUrl) {
  const closed = await api.runtime.sendMessage({ type: 'quietpage:close', tabId: tab.id }).catch(() => false);
  if (closed) return;
  try {
    await api.tabs.goBack(tab.id);
  } catch {
    const original = new URL(readerUrl).searchParams.get('url');
    if (original) await api.tabs.update(tab.id, { url: original }).catch(() => {});
  }
}

// Parses under way, by id: the reader page asks for its article while the
// parse runs (store.js has it afterwards).
const jobs = new Map();
const JOB_KEEP_MS = 60_000;
// One parse may take this long, plus PARSE_TIMEOUT_MS_PER_MB for each MB of
// the page: a hostile page then fails with TIMEOUT instead of tying up the
// background (the parse is synchronous), and long honest pages get through.
const PARSE_TIMEOUT_MS = 2000;
const PARSE_TIMEOUT_MS_PER_MB = 1000;

/**
 * Parses a captured page into the record the reader page shows:
 * { id, url, savedAt, timings, status: 'article' | 'none' | 'error', article, view, error }.
 */
async function readPage(id, page, timings, images) {
  const record = { id, url: page.url, savedAt: Date.now(), timings, status: 'none', article: null, view: null, error: null };
  let markdown = null;
  try {
    const reader = await getReader();
    await reader.ready();
    const mapping = fileUrlMapping(page.url);
    const url = mapping ? mapping.base : (/^https?:/i.test(page.url) ? page.url : undefined);
    let article = reader.parse(page.html, {
      url, markdown: true, timeoutMs: PARSE_TIMEOUT_MS + Math.ceil(page.html.length / 1e6) * PARSE_TIMEOUT_MS_PER_MB,
    });
    // Like Readability, parse() returns the best block of any page, even a
    // home page's list of links: a short text on a page that doesn't look
    // like an article is not worth a reader view.
    // Below the core's default charThreshold, an article must also pass isProbablyReaderable().
    if (article && article.length < reader.defaults().parse.charThreshold && !reader.isProbablyReaderable(page.html)) article = null;
    if (article && mapping) article = mapping.restore(article, images);
    timings.parsedAt = now();
    if (article) {
      // The reader page gets render.js's pieces ready to insert, and the
      // metadata; the Markdown is stored apart, the text not at all.
      const { content, textContent, markdown: text, ...meta } = article;
      markdown = text;
      record.view = buildView(article, { url: page.url });
      record.article = meta;
      record.status = 'article';
    }
  } catch (error) {
    timings.parsedAt = now();
    record.status = 'error';
    record.error = { code: error?.code ?? 'INTERNAL', message: String(error?.message ?? error) };
  }
  return { record, markdown };
}

/**
 * An article's next pages, on a port the reader page opened
 * ('quietpage:pages', then { id }): with the host permission for the page's
 * origin, each next page is fetched (with the site's cookies, as the tab
 * would), parsed and sent as it comes ({ type: 'page', page, url, items }:
 * buildView's pieces), then { type: 'done', pages, nextPageUrl } — or
 * { type: 'failed', message }. The stored record gets the pages too, so a
 * reload shows them all.
 */
async function followArticle(port, id) {
  const send = (message) => {
    try { port.postMessage(message); } catch { /* the reader page is gone: the record still gets the pages */ }
  };
  const record = await (jobs.get(id) ?? getRecord(id)).catch(() => null);
  const first = record?.article;
  if (record?.status !== 'article' || !first?.nextPageUrl || first.pageUrls || !/^https?:/i.test(record.url)) {
    send({ type: 'failed', message: 'no further pages to follow' });
    return;
  }
  const origins = [`${new URL(record.url).origin}/*`];
  if (!(await api.permissions.contains({ origins }).catch(() => false))) {
    send({ type: 'failed', message: `no permission for ${origins[0]}` });
    return;
  }
  const reader = await getReader();
  await reader.ready();
  const { charThreshold } = reader.defaults().parse;
  const markdowns = [await getMarkdown(id).catch(() => null)];
  const items = [...record.view.items];
  let wordCount = first.wordCount;
  let readingTime = first.readingTime;
  const joined = await followPages({ ...first, content: '', textContent: '', markdown: null }, {
    url: record.url,
    fetch: (url) => fetch(url, { credentials: 'include' }),
    parse: (html, url) => {
      const article = reader.parse(html, { url, markdown: true });
      return article && (article.length >= charThreshold || reader.isProbablyReaderable(html)) ? article : null;
    },
    onPage: ({ page, url, article }) => {
      if (!article) return;
      // Each page's pieces under a page break, its ids its own; the lead
      // image is the first page's.
      const pageItems = [`<hr class="qp-page-break" aria-label="Page ${page}">`, ...buildView({ ...article, content: renumberIds(article.content, page), leadImage: null }, { url }).items];
      items.push(...pageItems);
      markdowns.push(article.markdown);
      wordCount += article.wordCount;
      readingTime += article.readingTime;
      send({ type: 'page', page, url, items: pageItems });
    },
  });
  const pages = joined.pageUrls.length;
  const article = { ...first, wordCount, readingTime, nextPageUrl: joined.nextPageUrl, pageUrls: joined.pageUrls };
  // The header's reading time is the pages' together.
  const { headerHtml } = buildView({ ...article, content: '' }, { url: record.url });
  const stitched = { ...record, article, view: { ...record.view, headerHtml, items } };
  const markdown = markdowns.every((text) => typeof text === 'string') ? markdowns.join('\n\n---\n\n') : markdowns[0];
  await putRecord(stitched, markdown).catch((error) => console.warn(`quietpage: could not store the pages: ${error?.message ?? error}`));
  if (jobs.has(id)) jobs.set(id, Promise.resolve(stitched));
  send({ type: 'done', pages, nextPageUrl: joined.nextPageUrl });
}

api.runtime.onConnect.addListener((port) => {
  if (port.name !== 'quietpage:pages' || port.sender?.id !== api.runtime.id) return;
  port.onMessage.addListener((message) => {
    if (typeof message?.id !== 'string') return;
    followArticle(port, message.id).catch((error) => {
      try { port.postMessage({ type: 'failed', message: String(error?.message ?? error) }); } catch { /* the reader page is gone */ }
    });
  });
});

async function openReader(tab, clickedAt) {
  // The core loads while the page's HTML is being taken. (Not when the
  // background starts: any tab's update wakes it, and most wakes read nothing.)
  getReader();
  const page = await capture(tab.id);
  if (!page) {
    await markTab(tab.id, 'unavailable');
    return;
  }
  const images = await fileImages(tab.id, page.url);
  const id = crypto.randomUUID();
  const timings = { clickedAt, capturedAt: now(), bytes: page.html.length };
  const query = new URLSearchParams({ id, url: page.url });
  // The reader page loads while the core parses.
  const navigated = api.tabs.update(tab.id, { url: `${READER_PAGE}?${query}` });
  const job = readPage(id, page, timings, images).then(({ record, markdown }) => {
    // Stored for reloads, Back/Forward and saving: the reader page that is
    // loading now gets the record from here at once.
    putRecord(record, markdown).catch((error) => console.warn(`quietpage: could not store the article: ${error?.message ?? error}`));
    return record;
  });
  jobs.set(id, job);
  job.finally(() => setTimeout(() => jobs.delete(id), JOB_KEEP_MS));
  await navigated.catch(() => {});
}

async function toggleReader(tab, clickedAt = now()) {
  if (tab?.id === undefined || tab.id < 0) return;
  const readerUrl = await readerPageIn(tab);
  if (readerUrl) await closeReader(tab, readerUrl);
  else await openReader(tab, clickedAt);
}

/** With the host permission for the page's site granted: marks article pages as they load. */
async function detectArticle(tabId, url) {
  // Without permission for the tab's site its URL is not even visible.
  if (typeof url !== 'string' || !/^(https?|file):/i.test(url)) return;
  const origins = [`${new URL(url).origin.replace(/^null$/, 'file://')}/*`];
  const granted = await api.permissions.contains({ origins }).catch(() => false);
  if (!granted) return;
  let html;
  try {
    const [injection] = await api.scripting.executeScript({
      target: { tabId },
      func: () => (/html/.test(document.contentType) && document.documentElement.outerHTML.length < 3_000_000 ? document.documentElement.outerHTML : null),
    });
    html = injection?.result;
  } catch {
    return; // a page the extension may not script
  }
  if (typeof html !== 'string' || html.length > AUTO_DETECT_MAX_CHARS) return;
  try {
    const reader = await getReader();
    await reader.ready();
    // isProbablyReaderable alone, whatever the text's length: a link
    // directory is long but is no article.
    if (reader.isProbablyReaderable(html)) await markTab(tabId, 'article');
  } catch {
    // A page the core refuses (e.g. over its size limits) is simply not marked.
  }
}

api.action.onClicked.addListener((tab) => toggleReader(tab, now()));

api.commands.onCommand.addListener(async (command, tab) => {
  if (command !== 'toggle-reader') return;
  const clickedAt = now();
  const target = tab ?? (await api.tabs.query({ active: true, currentWindow: true }))[0];
  toggleReader(target, clickedAt);
});

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  if (message?.type === 'quietpage:forget') {
    jobs.clear(); // the options page cleared store.js: nothing stays here either
    return false;
  }
  if (message?.type !== 'quietpage:record' || typeof message.id !== 'string') return false;
  const job = jobs.get(message.id);
  if (!job) {
    sendResponse(null); // not parsed by this background: the reader page has store.js
    return false;
  }
  job.then(sendResponse, () => sendResponse(null));
  // After this navigation's reset (onUpdated, below), which may have waited for the parse.
  if (sender.tab?.id !== undefined) markTab(sender.tab.id, 'reading');
  return true; // sendResponse is called asynchronously
});

api.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
  if (changeInfo.status === 'loading' && !tab?.url?.startsWith(READER_PAGE)) markTab(tabId, 'reset');
  else if (changeInfo.status === 'complete') detectArticle(tabId, tab?.url);
});
