// Drives the Firefox package of the extension (dist/extension-firefox/) in
// Debian's Firefox ESR with puppeteer-core over WebDriver BiDi (Playwright
// can't drive a stock Firefox). The pages, the fixtures' server and the build
// are extension-harness.js's.
//
// The toolbar button is clicked the way Firefox itself does it: Firefox runs
// with the remote agent's system access (MOZ_REMOTE_ALLOW_SYSTEM_ACCESS), which
// lets BiDi evaluate script in the browser window's chrome scope ("moz:scope":
// "chrome") and there call the button's own handler, browserActionFor(ext)
// .triggerAction(window): the code the button's click and the _execute_action
// shortcut run, which grants activeTab and fires action.onClicked. No test
// code goes into the extension. Keyboard shortcuts are pressed as trusted key
// events in the browser window (nsITextInputProcessor, as Firefox's own tests
// do): synthetic key presses sent to the page never reach `commands`.
//
// The reader page is read through the same puppeteer Page as the tab it
// replaced: the extension navigates the tab, and page.evaluate runs in
// whatever document the tab shows. But Firefox's BiDi reports no load events
// for moz-extension:// documents, so puppeteer's page.url() and its waits for
// a navigation don't follow them: the tab's address is asked from the page
// itself (tabUrl), and Back, Forward, reload and opening an extension page
// go through the browser window (browserCommand, loadInTab), as the browser's
// own buttons do, not through puppeteer's goBack() and goto(). (System access
// would let goto() navigate to moz-extension://, but its wait for the load
// would never end.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import puppeteer from 'puppeteer-core';

import { repoRoot } from '../js/helpers.js';
import { waitFor } from './extension-harness.js';

export const FIREFOX = '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION = join(repoRoot, 'dist', 'extension-firefox');
// The add-on's internal UUID, pinned so that its pages have a known address.
const UUID = '5f0c7a2e-9d41-4b8e-a6f3-2c1d0e9b7a58';

/**
 * Starts Firefox and installs the extension in `dir` (default: the built
 * Firefox package) as a temporary add-on.
 * @returns {Promise<Firefox>}
 * @typedef {Awaited<ReturnType<typeof launchFirefox>>} Firefox
 */
export async function launchFirefox({ dir = FIREFOX_EXTENSION } = {}) {
  const geckoId = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    enableExtensions: true,
    // The window's size: puppeteer's viewport emulation left pages at Firefox's default size.
    defaultViewport: null,
    args: ['--width=1280', '--height=900'],
    protocolTimeout: 120_000,
    env: { ...process.env, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: UUID }) },
  });
  try {
    const id = await browser.installExtension(dir);
    assert.equal(id, geckoId);
    const page = (await browser.pages())[0] ?? await browser.newPage();
    const firefox = {
      browser,
      page,
      geckoId,
      origin: `moz-extension://${UUID}`,
      readerUrl: `moz-extension://${UUID}/reader.html`,
      /**
       * Runs fn(ext, action, ...args) in the browser window's chrome scope:
       * ext is the add-on's Extension, action its toolbar button
       * (browserActionFor). Returns what fn returns, through JSON. Raw BiDi
       * commands go through browser.connection, which puppeteer doesn't
       * document (puppeteer-core is pinned).
       */
      async inChrome(fn, ...args) {
        const { result: { contexts } } = await browser.connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
        const window = contexts.find((context) => context.url === 'chrome://browser/content/browser.xhtml');
        assert.ok(window, 'no browser window in the chrome scope');
        const expression = `(async () => {
          const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
          const ext = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(geckoId)});
          const action = ext && ExtensionParent.apiManager.global.browserActionFor(ext);
          return JSON.stringify(await (${fn})(ext, action, ...${JSON.stringify(args)}) ?? null);
        })()`;
        const { result } = await browser.connection.send('script.evaluate', {
          expression, target: { context: window.context }, awaitPromise: true,
        });
        if (result.type === 'exception') throw new Error(`in the chrome scope: ${result.exceptionDetails.text}`);
        return JSON.parse(result.result.value);
      },
      close: () => browser.close(),
    };
    // A click before the background has added its listeners would be lost.
    await waitFor('the extension\'s background', () => firefox.inChrome((ext) => ext?.backgroundState === 'running'), 30_000);
    return firefox;
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Clicks the toolbar button for the selected tab (see the top of this file). */
export async function clickToolbarButton(firefox) {
  await firefox.inChrome((ext, action) => { action.triggerAction(window); });
}

/** The toolbar button's tooltip for the selected tab. */
export function actionTitle(firefox) {
  return firefox.inChrome((ext, action) => action.action.getProperty(window.gBrowser.selectedTab, 'title'));
}

/**
 * Presses a key with modifiers (e.g. 'R', { altKey: true, shiftKey: true })
 * in the browser window, as a trusted event: the browser's own key handling
 * (the extensions' shortcuts among it) sees it as a user's key press.
 */
export async function pressShortcut(firefox, key, modifiers) {
  await firefox.inChrome((ext, action, key, modifiers) => {
    const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
    tip.beginInputTransactionForTests(window);
    const names = { altKey: ['Alt', 'AltLeft'], shiftKey: ['Shift', 'ShiftLeft'], ctrlKey: ['Control', 'ControlLeft'] };
    const held = Object.keys(modifiers).filter((name) => modifiers[name]).map((name) => new KeyboardEvent('', { key: names[name][0], code: names[name][1] }));
    for (const event of held) tip.keydown(event);
    const event = new KeyboardEvent('', { key, code: `Key${key.toUpperCase()}`, keyCode: key.toUpperCase().charCodeAt(0) });
    tip.keydown(event);
    tip.keyup(event);
    for (const event of held.reverse()) tip.keyup(event);
  }, key, modifiers);
}

/** The address of the document the tab of `page` shows (null while it changes). */
export function tabUrl(page) {
  return page.evaluate(() => location.href).catch(() => null);
}

/** The browser's Back ('back'), Forward ('forward') or Reload ('reload') button, for the selected tab. */
export async function browserCommand(firefox, command) {
  const method = { back: 'goBack', forward: 'goForward', reload: 'reload' }[command];
  await firefox.inChrome((ext, action, method) => { window.gBrowser[method](); }, method);
}

/** Loads `url` in the selected tab, as typed in the address bar (any scheme, moz-extension: too). */
export async function loadInTab(firefox, url) {
  await firefox.inChrome((ext, action, url) => {
    window.gBrowser.selectedBrowser.fixupAndLoadURIString(url, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
  }, url);
}

/** The colour scheme pages see: 'dark', 'light', or null for the system's. */
export async function setColorScheme(firefox, scheme) {
  await firefox.inChrome((ext, action, scheme) => {
    const PREF = 'layout.css.prefers-color-scheme.content-override';
    if (scheme === null) Services.prefs.clearUserPref(PREF);
    else Services.prefs.setIntPref(PREF, scheme === 'dark' ? 0 : 1);
  }, scheme);
}

/**
 * Waits until the tab shows the reader page with an article (resolves
 * 'article', once its first screen is in) or a message ('message').
 */
export async function waitForReader(firefox, page = firefox.page, timeout = 30_000) {
  let url = null;
  await waitFor('the reader page', async () => (url = await tabUrl(page))?.startsWith(firefox.readerUrl), timeout)
    .catch((error) => { throw new Error(`${error.message} (the tab shows ${url})`); });
  const handle = await page.waitForFunction(() => {
    if (performance.getEntriesByName('quietpage:first-content').length) return 'article';
    const box = document.querySelector('.qp-state-box[role="alert"]');
    return box ? 'message' : null;
  }, { timeout, polling: 50 });
  return handle.jsonValue();
}

/** Clicks the toolbar button and waits for the reader (see waitForReader). */
export async function openReader(firefox) {
  await clickToolbarButton(firefox);
  return waitForReader(firefox);
}

/**
 * Opens a web page in the tab and waits until the tab shows it, loaded
 * (puppeteer's goto() alone can return early when it leaves an extension
 * page, of which it saw no load); resolves with goto()'s response.
 */
export async function goTo(firefox, url, page = firefox.page) {
  const response = await page.goto(url);
  await waitForPage(firefox, url, page);
  return response;
}

/** Waits until the tab shows `url`, its document loaded. */
export async function waitForPage(firefox, url, page = firefox.page, timeout = 30_000) {
  await waitFor(url, () => page.evaluate(() => `${document.readyState} ${location.href}`).catch(() => null)
    .then((state) => state === `complete ${url}`), timeout);
}
