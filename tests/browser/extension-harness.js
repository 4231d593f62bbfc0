// Shared by the extension's browser tests and bench/extension.mjs: builds the
// extension, serves the fixture pages, starts headless Chromium with the
// extension loaded, clicks the real toolbar button and waits for the reader.
//
// The real click: a browser-level CDP session's Extensions.triggerAction on
// the page's tab target (it fires action.onClicked and grants activeTab, as a
// user's click does).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

import { bigPage } from '../fixtures/extension/big-page.js';
import { repoRoot, shared } from '../js/helpers.js';

export const CHROMIUM = '/usr/bin/chromium';
export const EXTENSION = join(repoRoot, 'dist', 'extension');
export const FIXTURES = join(repoRoot, 'tests', 'fixtures', 'extension');
export const ARTIFACTS = join(repoRoot, 'artifacts');
export const STRICT_CSP = "default-src 'none'; script-src 'self'; style-src 'self'";
export const NO_IMAGES_CSP = "img-src 'none'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml', '.js': 'text/javascript' };
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Builds dist/extension/ (scripts/build-extension.mjs). */
export function buildExtension() {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build-extension.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** A copy of the built extension with its manifest changed by edit(manifest); returns its folder. */
export function extensionVariant(edit) {
  const dir = mkdtempSync(join(tmpdir(), 'quietpage-extension-variant-'));
  cpSync(EXTENSION, dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest, null, 2));
  return dir;
}

/**
 * Serves tests/fixtures/extension/: /NAME as is, /csp/NAME under STRICT_CSP,
 * /no-images/NAME under NO_IMAGES_CSP, /dialog.html and /overlay.html
 * article.html with dialog.js or overlay.js, /big.html the generated 5 MB page
 * and /long.html a 400 KB one,
 * /franceinfo.html the seed page from ../shared (when there); /tick counts the
 * calls the pages' own scripts make (to see whether they still run).
 */
export async function startServer() {
  const big = bigPage();
  const long = bigPage(400_000);
  const franceinfo = shared('seed', 'franceinfo-telegram.html');
  const ticks = { count: 0 };
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const send = (status, body, headers = {}) => { res.writeHead(status, { 'cache-control': 'no-store', ...headers }); res.end(body); };
    if (path === '/tick') {
      ticks.count += 1;
      send(204, '');
      return;
    }
    if (path === '/big.html' || path === '/long.html') {
      send(200, path === '/big.html' ? big.html : long.html, { 'content-type': TYPES['.html'] });
      return;
    }
    // article.html with a script of the page's own: a modal dialog, overlays.
    const scripted = /^\/(dialog|overlay)\.html$/.exec(path);
    if (scripted) {
      const html = readFileSync(join(FIXTURES, 'article.html'), 'utf8').replace('</body>', `<script src="/${scripted[1]}.js"></script></body>`);
      send(200, html, { 'content-type': TYPES['.html'] });
      return;
    }
    // A three-page article (tests/fixtures/paged/): /news/lighthouse, /2, /3.
    const paged = /^\/news\/lighthouse(?:\/([23]))?$/.exec(path);
    if (paged) {
      send(200, readFileSync(join(repoRoot, 'tests', 'fixtures', 'paged', `page-${paged[1] ?? 1}.html`)), { 'content-type': TYPES['.html'] });
      return;
    }
    if (path === '/franceinfo.html' && franceinfo) {
      send(200, readFileSync(franceinfo), { 'content-type': TYPES['.html'] });
      return;
    }
    const [, policy, name] = /^\/(?:(csp|no-images)\/)?([\w-]+\.(?:html|css|svg|js))$/.exec(path) ?? [];
    if (!name || !existsSync(join(FIXTURES, name))) {
      send(404, 'not found');
      return;
    }
    const headers = { 'content-type': TYPES[extname(name)] };
    if (policy === 'csp') headers['content-security-policy'] = STRICT_CSP;
    if (policy === 'no-images') headers['content-security-policy'] = NO_IMAGES_CSP;
    send(200, readFileSync(join(FIXTURES, name)), headers);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    ticks,
    big,
    hasFranceinfo: Boolean(franceinfo),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/**
 * file-article.html and its image (images/lighthouse.svg) saved in a new
 * folder, as a saved page is: { url, imageUrl, remove() }.
 */
export function savedPage() {
  const dir = mkdtempSync(join(tmpdir(), 'quietpage-file-page-'));
  mkdirSync(join(dir, 'images'));
  cpSync(join(FIXTURES, 'file-article.html'), join(dir, 'file-article.html'));
  cpSync(join(FIXTURES, 'lighthouse.svg'), join(dir, 'images', 'lighthouse.svg'));
  return {
    url: pathToFileURL(join(dir, 'file-article.html')).href,
    imageUrl: pathToFileURL(join(dir, 'images', 'lighthouse.svg')).href,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Starts Chromium with the extension in `dir` (default: the built one).
 * @returns {Promise<Browser>}
 * @typedef {Awaited<ReturnType<typeof launch>>} Browser
 */
export async function launch({ dir = EXTENSION, viewport = { width: 1280, height: 800 }, colorScheme = 'light' } = {}) {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup.sh (it installs Debian's chromium)`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'quietpage-extension-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    colorScheme,
    acceptDownloads: true,
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...ARGS],
  });
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(worker.url()).host;
  // The worker is reported as soon as it starts, before its module has run:
  // a click that arrives before sw.js has added its listener is lost.
  await waitFor('the service worker\'s click listener', () => worker.evaluate(() => chrome.action.onClicked.hasListeners()));
  const cdp = await context.browser().newBrowserCDPSession();
  const page = context.pages()[0] ?? await context.newPage();
  return {
    context,
    worker,
    extensionId,
    cdp,
    page,
    readerUrl: `chrome-extension://${extensionId}/reader.html`,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function waitFor(what, check, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// What the reader view must show, in Chromium and in Firefox alike. The
// helpers below take a Playwright (Chromium) or a Puppeteer (Firefox) page:
// they use only page.evaluate(fn, arg) and page.click(selector), which both have.
export const TITLE = 'The lighthouse keepers who never left';
export const CLUTTER = ['We use cookies', 'Share on Facebook', 'Subscribe to our newsletter', 'Comments (3)',
  'Great piece, thanks', 'Most read', 'Ferry timetable', 'Privacy policy', 'Advertisement'];

/** article.html's reader view (see readerState), served from `origin`. */
export function checkArticle(view, origin) {
  assert.equal(view.title, TITLE);
  assert.match(view.site, /^The Harbour Gazette/);
  assert.equal(view.original, `${origin}/article.html`, 'the site line links to the original page');
  assert.equal(view.author, 'Mara Quinlan');
  assert.match(view.meta, /^March 14, 2024 · \d+ min read$/);
  // Site, title, author, date: each on its own line, top to bottom.
  assert.deepEqual([...view.headerLines].sort((a, b) => a - b), view.headerLines);
  assert.equal(new Set(view.headerLines).size, view.headerLines.length);
  assert.ok(view.paragraphs.length >= 8, `only ${view.paragraphs.length} paragraphs`);
  assert.match(view.paragraphs[0], /^When the last keeper of Carrick Point lighthouse/);
  for (const clutter of CLUTTER) assert.ok(!view.text.includes(clutter), `clutter in the view: ${clutter}`);
  assert.ok(view.imagesFit, 'an image is wider than the text column');
  assert.doesNotMatch(view.fontFamily, /Comic Sans/);
}

/** rtl-article.html's reader view. */
export function checkRightToLeft(view) {
  assert.equal(view.title, 'مكتبة الحي التي يديرها القرّاء');
  assert.equal(view.dir, 'rtl');
  assert.equal(view.direction, 'rtl');
  assert.equal(view.lang, 'ar');
  assert.ok(view.paragraphs.some((p) => p.startsWith('في شارع ضيق خلف السوق القديم')));
  assert.ok(!view.text.includes('جميع الحقوق محفوظة'), 'the footer is not part of the article');
}

/** The franceinfo seed page's reader view, against ../shared/seed/expected.json. */
export function checkFranceinfo(view, expected) {
  assert.equal(view.title, expected.title);
  assert.equal(view.lang, expected.lang);
  assert.match(view.site, new RegExp(`^${expected.siteName}`));
  for (const text of expected.with.filter((t) => t.length > 20)) assert.ok(view.text.includes(text), `missing: ${text}`);
  for (const text of expected.without) assert.ok(!view.text.includes(text), `clutter in the view: ${text}`);
}

/** Opens a panel of the reader's toolbar ('type', 'listen', 'save'). */
export async function openPanel(page, name) {
  const isOpen = () => page.evaluate((name) => document.getElementById(`qp-panel-${name}`).matches(':popover-open'), name);
  if (!(await isOpen())) await page.click(`[data-open="${name}"]`);
  await waitFor(`the ${name} panel`, isOpen);
}

/** Picks a value of a text setting ('theme', 'font', 'width') in the Text panel. */
export async function setting(page, name, value) {
  await openPanel(page, 'type');
  await page.click(`#qp-panel-type [data-setting="${name}"][data-value="${value}"]`);
}

export async function closePanels(page) {
  await page.evaluate(() => { for (const node of document.querySelectorAll('.qp-panel')) if (node.matches(':popover-open')) node.hidePopover(); });
}

/**
 * Sets the dark theme, two sizes up, more line spacing, the wide column and
 * the sans typeface, and checks the view (readerState before and after) and
 * what was stored (storage.local's readerSettings).
 */
export async function changeSettings(page, before, readStored) {
  await setting(page, 'theme', 'dark');
  await page.click('#qp-panel-type .qp-size-up');
  await page.click('#qp-panel-type .qp-size-up');
  await page.click('#qp-panel-type [data-step="lineHeight"][data-delta="1"]');
  await setting(page, 'width', 'wide');
  await setting(page, 'font', 'sans');
  const changed = await readerState(page);
  assert.equal(changed.background, 'rgb(27, 28, 31)');
  assert.notEqual(changed.color, before.color);
  assert.equal(parseFloat(changed.fontSize), 22);
  assert.ok(parseFloat(changed.lineHeight) / 22 > parseFloat(before.lineHeight) / 19, 'more line spacing');
  assert.ok(parseFloat(changed.maxWidth) > parseFloat(before.maxWidth));
  assert.notEqual(changed.fontFamily, before.fontFamily);
  const { readerSettings } = await readStored();
  assert.deepEqual({ ...readerSettings, voices: undefined, rate: undefined },
    { theme: 'dark', font: 'sans', size: 22, lineHeight: 1.75, width: 'wide', voices: undefined, rate: undefined });
  return changed;
}

/** Another reader view (readerState) shows the settings `changed` shows. */
export function checkSameSettings(view, changed) {
  for (const key of ['background', 'color', 'fontSize', 'maxWidth', 'fontFamily', 'lineHeight']) assert.equal(view[key], changed[key], key);
}

/** The reader page's state as the tests check it (a Playwright or a Puppeteer page). */
export function readerState(page) {
  return page.evaluate(() => {
    const article = document.querySelector('.qp-article');
    const paragraph = document.querySelector('.qp-content p');
    const style = (node) => (node ? getComputedStyle(node) : null);
    const text = (selector) => document.querySelector(selector)?.textContent.trim() ?? null;
    return {
      site: text('.qp-site'),
      title: text('.qp-title'),
      author: text('.qp-author'),
      meta: text('.qp-meta'),
      headerLines: [...document.querySelectorAll('.qp-header > *')].map((node) => node.getBoundingClientRect().top),
      paragraphs: [...document.querySelectorAll('.qp-content p')].map((p) => p.textContent.trim()),
      text: document.body.innerText,
      dir: article?.getAttribute('dir') ?? null,
      lang: article?.getAttribute('lang') ?? null,
      direction: style(article)?.direction ?? null,
      background: style(document.documentElement).backgroundColor,
      color: style(paragraph)?.color ?? null,
      fontSize: style(paragraph)?.fontSize ?? null,
      lineHeight: style(paragraph)?.lineHeight ?? null,
      fontFamily: style(paragraph)?.fontFamily ?? null,
      maxWidth: style(article)?.maxWidth ?? null,
      imagesFit: [...document.querySelectorAll('.qp-content img')].every((img) => img.getBoundingClientRect().width <= article.getBoundingClientRect().width + 0.5),
      images: [...document.querySelectorAll('.qp-content img')].map((img) => ({ src: img.src, loaded: img.complete && img.naturalWidth > 0 })),
      message: text('.qp-state-box'),
      original: document.querySelector('.qp-site a')?.href ?? null,
    };
  });
}

/** Clicks the extension's toolbar button for the tab of `page`. */
export async function clickToolbarButton(browser, page = browser.page) {
  const { targetInfos } = await browser.cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const url = page.url();
  const tab = targetInfos.find((target) => target.url === url);
  assert.ok(tab, `no tab target for ${url}`);
  await browser.cdp.send('Extensions.triggerAction', { id: browser.extensionId, targetId: tab.targetId });
}

/**
 * Waits until the tab shows the reader page with an article (resolves
 * 'article', once its first screen is in) or a message ('message').
 */
export async function waitForReader(browser, page = browser.page, timeout = 20_000) {
  await page.waitForURL((url) => url.href.startsWith(browser.readerUrl), { timeout });
  const handle = await page.waitForFunction(() => {
    if (performance.getEntriesByName('quietpage:first-content').length) return 'article';
    const box = document.querySelector('.qp-state-box[role="alert"]');
    return box ? 'message' : null;
  }, null, { timeout, polling: 20 });
  return handle.jsonValue();
}

/** Clicks the toolbar button and waits for the reader (see waitForReader). */
export async function openReader(browser, page = browser.page) {
  await clickToolbarButton(browser, page);
  return waitForReader(browser, page);
}

/** Waits until the reader has put in all of the article. */
export async function waitForComplete(page, timeout = 30_000) {
  await page.waitForFunction(() => performance.getEntriesByName('quietpage:complete').length > 0, null, { timeout, polling: 50 });
}

/**
 * Records every long task (over 50 ms) of each page the context opens, from
 * its very start, as [start, duration] pairs: in window.__longTasks, and, as
 * the page is left (a page navigated away from can't be asked), in its
 * localStorage under 'quietpage-long-tasks' (read it with longTasksOf once
 * back on the page).
 */
export async function recordLongTasks(context) {
  await context.addInitScript(() => {
    const tasks = [];
    window.__longTasks = tasks;
    const take = (entries) => tasks.push(...entries.map((e) => [Math.round(e.startTime), Math.round(e.duration)]));
    const observer = new PerformanceObserver((list) => take(list.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
    addEventListener('pagehide', () => {
      take(observer.takeRecords());
      try {
        localStorage.setItem('quietpage-long-tasks', JSON.stringify(tasks));
      } catch {
        // extension pages and opaque origins: read window.__longTasks instead
      }
    });
  });
}

/** The long tasks a page recorded before it was left (see recordLongTasks), once back on it. */
export async function longTasksOf(page) {
  for (let attempt = 0; ; attempt++) {
    await page.waitForLoadState('load');
    try {
      return await page.evaluate(() => JSON.parse(localStorage.getItem('quietpage-long-tasks') ?? '[]'));
    } catch (error) {
      // Back can land while a restored page is still being swapped in.
      if (attempt === 2 || !/context was destroyed/.test(error.message)) throw error;
    }
  }
}

/** The toolbar button's tooltip for the active tab. */
export function actionTitle(browser) {
  return browser.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return chrome.action.getTitle({ tabId: tab.id });
  });
}

/**
 * Opens the reader on `path` of `server` and measures it: milliseconds from
 * the click to the first screen of the article and to all of it, to the
 * page's HTML being taken and to the end of the parse (the background's
 * clock), and the long tasks of the original page after the click and of the
 * reader page (recordLongTasks must be on). Leaves the tab on the reader.
 */
export async function measureOpen(browser, server, path) {
  const page = browser.page;
  await page.goto(`${server.origin}${path}`);
  await page.waitForLoadState('load');
  // Let the page settle (its first frame's style and layout of a big DOM come
  // after 'load'): its own work is not ours to count.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
  const clickedAt = await page.evaluate(() => performance.now());
  await clickToolbarButton(browser);
  await page.waitForURL((url) => url.href.startsWith(browser.readerUrl));
  const sawProgress = await page.waitForSelector('.qp-state.qp-loading', { state: 'attached', timeout: 2000 }).then(() => true, () => false);
  assert.equal(await waitForReader(browser), 'article');
  await waitForComplete(page);
  await new Promise((resolve) => setTimeout(resolve, 100)); // the last long-task entries
  const reader = await page.evaluate(() => {
    const mark = (name) => performance.timeOrigin + performance.getEntriesByName(name)[0].startTime;
    const { detail } = performance.getEntriesByName('quietpage:timings')[0];
    return {
      firstContent: mark('quietpage:first-content') - detail.clickedAt,
      complete: mark('quietpage:complete') - detail.clickedAt,
      captured: detail.capturedAt - detail.clickedAt,
      parsed: detail.parsedAt - detail.clickedAt,
      readerPageStart: performance.timeOrigin - detail.clickedAt,
      bytes: detail.bytes,
      longTasks: window.__longTasks ?? [],
    };
  });
  await page.goBack();
  const original = (await longTasksOf(page)).filter(([start]) => start >= clickedAt);
  await page.goForward();
  await waitForReader(browser);
  await waitForComplete(page);
  return { ...reader, sawProgress, originalLongTasks: original };
}
