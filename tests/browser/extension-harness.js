// Shared by the extension's browser tests and bench/extension.mjs: builds the
// extension, serves the fixture pages, starts headless Chromium with the
// extension loaded, clicks the real toolbar button and waits for the reader.
//
// The real click: a browser-level CDP session's Extensions.triggerAction on
// the page's tab target (it fires action.onClicked and grants activeTab, as a
// user's click does).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';

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
