// quietpage reader: the extension's background (a module service worker in
// Chromium, a module background script in Firefox).
//
// The WebAssembly core runs here and not in the content script: a content
// script's WebAssembly obeys the page's Content-Security-Policy, so pages
// served with `script-src 'self'` (no 'wasm-unsafe-eval') would break it. The
// extension's own CSP allows it ('wasm-unsafe-eval' in the manifest) on every
// page. The content script sends the page's HTML here, gets the Article back
// and renders it.
import { createReader } from './js/reader.js';

const api = globalThis.browser ?? globalThis.chrome;

const TITLE = 'Reader view (Alt+Shift+R)';
const ICON_SIZES = [16, 32, 48, 128];
const iconPaths = (name) => Object.fromEntries(ICON_SIZES.map((size) => [size, `icons/${name}-${size}.png`]));

// What the toolbar button shows for one tab.
const TAB_STATES = {
  article: { icon: iconPaths('icon-active'), title: 'Reader view: this page is an article (Alt+Shift+R)', badge: '' },
  none: { icon: iconPaths('icon'), title: 'Reader view: no article found on this page', badge: '' },
  unavailable: { icon: iconPaths('icon'), title: 'Reader view is not available on this page', badge: '×' },
  reset: { icon: iconPaths('icon'), title: TITLE, badge: '' },
};

// Pages whose article badge is checked on load, once the user granted the
// optional host permissions (see options.html).
const AUTO_DETECT_ORIGINS = ['http://*/*', 'https://*/*'];

// Below this many characters of text, an article must also pass
// isProbablyReaderable() (the core's default charThreshold).
const MIN_ARTICLE_CHARS = 500;

/** @type {Promise<import('./js/reader.js').Reader> | null} */
let readerPromise = null;

function getReader() {
  if (!readerPromise) {
    readerPromise = createReader();
    readerPromise.catch(() => { readerPromise = null; });
  }
  return readerPromise;
}

/** Marks a tab's toolbar button; errors (tab closed meanwhile) are ignored. */
async function markTab(tabId, state) {
  const { icon, title, badge } = TAB_STATES[state];
  await Promise.all([
    api.action.setIcon({ tabId, path: icon }),
    api.action.setTitle({ tabId, title }),
    api.action.setBadgeText({ tabId, text: badge }),
  ]).catch(() => {});
}

/** Only web and file pages give the core a usable base URL. */
function baseUrl(url) {
  return typeof url === 'string' && /^(https?|file):/i.test(url) ? url : undefined;
}

// Chromium sometimes runs the click's listener a moment before the activeTab
// grant of that click applies ("Cannot access contents of the page", seen on
// the first click after start-up): injection is retried briefly.
const INJECT_RETRY_DELAYS = [0, 50, 150, 400];

/**
 * Opens or closes the reader view in a tab: injects the content script, which
 * toggles the view (it stays installed in the tab's isolated world).
 */
async function toggleReader(tab) {
  if (tab?.id === undefined || tab.id < 0) return;
  for (const delay of INJECT_RETRY_DELAYS) {
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      await api.scripting.executeScript({ target: { tabId: tab.id }, files: ['content.js'] });
      return;
    } catch (error) {
      if (delay === INJECT_RETRY_DELAYS.at(-1)) {
        // Browser pages (chrome://, about:), extension galleries, the PDF
        // viewer: no extension may script them.
        console.warn(`quietpage: no reader view in tab ${tab.id}: ${error?.message ?? error}`);
      }
    }
  }
  await markTab(tab.id, 'unavailable');
}

async function parsePage({ html, url }, tabId) {
  if (typeof html !== 'string') throw new TypeError('no page HTML received');
  const reader = await getReader();
  await reader.ready();
  let article = reader.parse(html, { url: baseUrl(url) });
  // Like Readability, parse() returns the best block of any page, even a home
  // page's list of links. A short text on a page that doesn't look like an
  // article is not worth a reader view.
  if (article && article.length < MIN_ARTICLE_CHARS && !reader.isProbablyReaderable(html)) article = null;
  await markTab(tabId, article ? 'article' : 'none');
  return { article };
}

/** With the optional host permissions granted: marks article pages on load. */
async function detectArticle(tabId) {
  const granted = await api.permissions.contains({ origins: AUTO_DETECT_ORIGINS }).catch(() => false);
  if (!granted) return;
  let html;
  try {
    const [injection] = await api.scripting.executeScript({
      target: { tabId },
      func: () => (document.contentType === 'text/html' ? document.documentElement.outerHTML : null),
    });
    html = injection?.result;
  } catch {
    return; // a page the extension may not script
  }
  if (typeof html !== 'string') return;
  try {
    const reader = await getReader();
    await reader.ready();
    if (reader.isProbablyReaderable(html)) await markTab(tabId, 'article');
  } catch {
    // A page the core refuses (e.g. over its size limits) is simply not marked.
  }
}

api.action.onClicked.addListener((tab) => { toggleReader(tab); });

api.commands.onCommand.addListener(async (command, tab) => {
  if (command !== 'toggle-reader') return;
  const target = tab ?? (await api.tabs.query({ active: true, currentWindow: true }))[0];
  toggleReader(target);
});

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id || !sender.tab || message?.type !== 'quietpage:parse') return false;
  parsePage(message, sender.tab.id).then(sendResponse, (error) => {
    sendResponse({ error: { code: error?.code ?? 'INTERNAL', message: String(error?.message ?? error) } });
  });
  return true; // sendResponse is called asynchronously
});

api.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.status === 'loading') markTab(tabId, 'reset');
  else if (changeInfo.status === 'complete') detectArticle(tabId);
});
