// The extension's reader page, reader.html?id=ID&url=ORIGINAL: shows the
// article the background parsed (asked from the background while it parses,
// read from store.js afterwards, e.g. after a reload) with the shared reader
// view (reader-view/). Closing it goes back to the original page.
import { markTab } from './action.js';
import { createReaderView } from './reader-view/controls.js';
import { hostName } from './reader-view/render.js';
import { getMarkdown, getRecord } from './store.js';

const api = globalThis.browser ?? globalThis.chrome;
// What reader-early.js asked for while this module graph loaded.
const asked = globalThis.quietpageAsked;
const SETTINGS_KEY = asked.settingsKey;

const params = new URLSearchParams(location.search);
const id = params.get('id');
const original = params.get('url');

// Leaving: Back to the page (so that Forward returns to the reader), or to its
// address when there is nothing to go back to (a reader page opened or
// restored on its own). Not navigation.canGoBack: it counts only entries of
// the reader page's own origin, never the page it came from. The fallback
// waits for a Back that doesn't happen; leaving the page (Back did happen)
// cancels it, or it would fire when the page comes back from the
// back/forward cache.
function close() {
  if (history.length <= 1) {
    if (original) location.replace(original);
    return;
  }
  history.back();
  if (!original) return;
  const fallback = setTimeout(() => location.replace(original), 1500);
  addEventListener('pagehide', () => clearTimeout(fallback), { once: true });
}

const settings = {
  load: () => asked.settings,
  save: (value) => { api.storage.local.set({ [SETTINGS_KEY]: value }).catch(() => {}); },
  subscribe: (fn) => api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[SETTINGS_KEY]) fn(changes[SETTINGS_KEY].newValue);
  }),
};

history.scrollRestoration = 'manual';
const reader = createReaderView({
  root: document.documentElement,
  container: document.body,
  settings,
  css: () => fetch('reader-view/reader.css').then((response) => response.text()),
  onClose: close,
  print: true,
  remember: true,
});
reader.showLoading('Reading this page\u2026', hostName(original) ?? original ?? '');

// The toolbar button says it closes the reader. (Marked again once the
// article is in: the background, busy parsing, may reset the button for this
// navigation after the first mark.)
const tabId = api.tabs.getCurrent().then((tab) => tab?.id, () => undefined);
const markReading = () => tabId.then((id) => id !== undefined && markTab(id, 'reading'));
markReading();
// The toolbar button and the shortcut close the reader through the background.
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id || message?.type !== 'quietpage:close') return false;
  tabId.then((id) => {
    if (id !== message.tabId) return;
    close();
    sendResponse(true);
  });
  return true;
});

/**
 * The record: from the background when this page was just opened (its parse
 * may still be running), from store.js after a reload or Back/Forward, or
 * when the background no longer has it.
 */
async function record() {
  if (!id) return null;
  const stored = () => getRecord(id).catch(() => null);
  const fromBackground = () => api.runtime.sendMessage({ type: 'quietpage:record', id }).catch(() => null);
  // Just opened: the background was asked already.
  if (asked.record) return (await asked.record) ?? stored();
  return (await stored()) ?? fromBackground();
}

// Articles split over pages (article.nextPageUrl): the background fetches
// the next pages with the optional host permission for the page's site, asked
// here once per site (from a click: browsers ask only during one); a refusal
// is remembered, and the options page's switch grants every site at once. The
// pages are appended under a page break as they come, with their progress in
// a status line below the article.
const PAGES_ASKED_KEY = 'pagesAskedOrigins';

function pagesLine() {
  const line = document.createElement('div');
  line.className = 'qp-pages';
  line.setAttribute('role', 'status');
  const text = document.createElement('p');
  line.append(text);
  document.querySelector('.qp-content')?.after(line);
  return { line, say: (message) => { text.textContent = message; } };
}

function followPages({ say }) {
  let pages = 1;
  say('Loading page 2\u2026');
  const port = api.runtime.connect({ name: 'quietpage:pages' });
  port.onMessage.addListener((message) => {
    if (message?.type === 'page') {
      reader.appendItems(message.items);
      pages = message.page;
      say(`Page ${pages} added; loading page ${pages + 1}\u2026`);
    } else if (message?.type === 'done') {
      say(message.nextPageUrl ? `${message.pages} pages; the next one could not be loaded.` : `All ${message.pages} pages of this article.`);
      port.disconnect();
    } else if (message?.type === 'failed') {
      say(`${pages} ${pages === 1 ? 'page' : 'pages'}: ${message.message}.`);
      port.disconnect();
    }
  });
  port.postMessage({ id });
}

async function offerPages({ article, url }) {
  if (!article.nextPageUrl || article.pageUrls || !/^https?:/i.test(url ?? '')) return;
  const origin = new URL(url).origin;
  const permission = { origins: [`${origin}/*`] };
  if (await api.permissions.contains(permission).catch(() => false)) {
    followPages(pagesLine());
    return;
  }
  const asked = (await api.storage.local.get(PAGES_ASKED_KEY).catch(() => null))?.[PAGES_ASKED_KEY] ?? [];
  if (asked.includes(origin)) return;
  const remember = () => api.storage.local.set({ [PAGES_ASKED_KEY]: [...asked, origin] }).catch(() => {});
  const shown = pagesLine();
  shown.say(`This article continues on further pages. To load them, quietpage needs to read ${new URL(url).host}.`);
  const actions = document.createElement('div');
  actions.className = 'qp-state-actions';
  const action = (text, fn) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'qp-button';
    button.textContent = text;
    button.addEventListener('click', fn);
    actions.append(button);
  };
  action('Load all pages', async () => {
    const granted = await api.permissions.request(permission).catch(() => false);
    actions.remove();
    if (granted) {
      followPages(shown);
    } else {
      remember();
      shown.say('Not loaded: the permission was not granted. The options page can grant it for every site.');
    }
  });
  action('Not for this site', () => {
    remember();
    shown.line.remove();
  });
  shown.line.append(actions);
}

const back = ['Back to the page', close];
const shown = await record();
markReading();
if (!shown) {
  reader.showMessage('This article is no longer here',
    'quietpage keeps the last 30 articles you opened. Open the page again and use the reader view there.',
    original ? [['Open the original page', () => location.replace(original)]] : []);
} else if (shown.status === 'error') {
  reader.showMessage('quietpage could not read this page', `${shown.error.code}: ${shown.error.message}`, [back]);
} else if (shown.status !== 'article') {
  reader.showMessage('quietpage found no article on this page',
    'It does not look like an article: it may be a home page, a list of links or an app.', [back]);
} else {
  document.title = shown.view.title;
  performance.mark('quietpage:timings', { detail: shown.timings });
  await reader.showArticle(shown.article, {
    url: shown.url,
    view: shown.view,
    loadMarkdown: () => getMarkdown(id),
  });
  offerPages(shown);
}
