// The browser extension end to end in Firefox: the Firefox package
// (dist/extension-firefox/) is installed as a temporary add-on in Debian's
// headless Firefox ESR, driven by puppeteer-core over WebDriver BiDi; its
// toolbar button is clicked through Firefox's own handler and its shortcut
// pressed as a trusted key press (see extension-firefox-harness.js). Checked:
// the reader page and its header, clutter gone, Back/Forward/reload, closing
// by button, × and Escape, a page's modal dialog, a strict-CSP page, right to
// left, no article, settings (applied, stored, shared by the next article,
// "auto" following dark mode), the options page. Then web-ext lint checks the
// Firefox package. Screenshots go to artifacts/.
//
//   node --test --test-concurrency=1 tests/browser/extension-firefox.test.js
//
// Skipped when /usr/bin/firefox-esr is absent (scripts/setup.sh installs it).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { repoRoot, shared } from '../js/helpers.js';
import {
  ARTIFACTS, CLUTTER, NO_IMAGES_CSP, STRICT_CSP, TITLE, buildExtension, changeSettings, checkArticle, checkFranceinfo,
  checkRightToLeft, checkSameSettings, closePanels, openPanel, readerState, savedPage, setting, startServer, waitFor,
} from './extension-harness.js';
import {
  FIREFOX, FIREFOX_EXTENSION, actionTitle, browserCommand, clickToolbarButton, goTo, launchFirefox, loadInTab,
  openReader, pressShortcut, setColorScheme, tabUrl, waitForPage, waitForReader,
} from './extension-firefox-harness.js';

const SKIP = existsSync(FIREFOX) ? false : `skipped: ${FIREFOX} is absent (scripts/setup.sh installs Debian's firefox-esr)`;
const FRANCEINFO_EXPECTED = shared('seed', 'expected.json');

const background = (page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

/** Waits for the reader's background colour to become `color` (a colour scheme set in the browser reaches the page a moment later). */
async function backgroundBecomes(page, color) {
  await page.waitForFunction((color) => getComputedStyle(document.documentElement).backgroundColor === color, { timeout: 10_000 }, color)
    .catch(async () => assert.equal(await background(page), color));
}

describe('browser extension in Firefox', { skip: SKIP, timeout: 300_000 }, () => {
  let server;
  let firefox;
  let page;

  before(async () => {
    buildExtension();
    server = await startServer();
    firefox = await launchFirefox();
    page = firefox.page;
  });

  after(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('opens the article in its own reader page, with a header of separate lines', async () => {
    await goTo(firefox, `${server.origin}/article.html`);
    assert.equal(await actionTitle(firefox), 'Reader view (Alt+Shift+R)');
    assert.equal(await openReader(firefox), 'article');
    const url = await tabUrl(page);
    assert.ok(url.startsWith(`${firefox.readerUrl}?id=`), url);
    checkArticle(await readerState(page), server.origin);
    assert.equal(await page.title(), TITLE);
    // The images load: the reader page's policy allows them.
    await page.waitForFunction(() => document.querySelector('.qp-lead img')?.naturalWidth > 0, { timeout: 30_000 });
    assert.match(await actionTitle(firefox), /Close the reader view/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'extension-firefox-reader.png') });
  });

  it('closes with the toolbar button, the close button and Escape, going back in history', async () => {
    for (const close of [
      () => clickToolbarButton(firefox),
      () => page.click('.qp-close'),
      () => page.keyboard.press('Escape'),
    ]) {
      await goTo(firefox, `${server.origin}/article.html`);
      assert.equal(await openReader(firefox), 'article');
      const readerUrl = await tabUrl(page);
      await close();
      await waitForPage(firefox, `${server.origin}/article.html`);
      assert.ok(await page.$eval('#cookie-banner', (node) => node.checkVisibility()), 'the original page is back');
      assert.equal(await actionTitle(firefox), 'Reader view (Alt+Shift+R)');
      // Back, not a new entry in the reader's place: Forward returns to the reader.
      await browserCommand(firefox, 'forward');
      await waitForPage(firefox, readerUrl);
      await page.waitForFunction(() => document.querySelector('.qp-title') !== null, { timeout: 30_000 });
    }
  });

  it('Alt+Shift+R opens and closes the reader', async () => {
    await goTo(firefox, `${server.origin}/article.html`);
    await pressShortcut(firefox, 'R', { altKey: true, shiftKey: true });
    assert.equal(await waitForReader(firefox), 'article');
    assert.equal((await readerState(page)).title, TITLE);
    await pressShortcut(firefox, 'R', { altKey: true, shiftKey: true });
    await waitForPage(firefox, `${server.origin}/article.html`);
  });

  it('Back returns to the page; Forward and reload keep the reader', async () => {
    await goTo(firefox, `${server.origin}/article.html`);
    assert.equal(await openReader(firefox), 'article');
    const readerUrl = await tabUrl(page);
    await browserCommand(firefox, 'back');
    await waitForPage(firefox, `${server.origin}/article.html`);
    await browserCommand(firefox, 'forward');
    await waitForPage(firefox, readerUrl);
    await page.waitForFunction((title) => document.querySelector('.qp-title')?.textContent === title, { timeout: 30_000 }, TITLE);
    await browserCommand(firefox, 'reload');
    await waitForPage(firefox, readerUrl);
    assert.equal(await waitForReader(firefox), 'article');
    assert.equal((await readerState(page)).title, TITLE);
  });

  it('works after Firefox suspended the background (an event page): the click wakes it, a reload reads the stored article', async () => {
    // As about:debugging's "Terminate background script" does (a tab's
    // events may wake it again at once: then once more).
    const suspend = () => waitFor('the background to stop', async () => {
      const state = await firefox.inChrome((ext) => ext.backgroundState);
      if (state === 'running') await firefox.inChrome((ext) => ext.terminateBackground({ ignoreDevToolsAttached: true }));
      return state === 'stopped';
    }, 30_000);
    await goTo(firefox, `${server.origin}/article.html`);
    await suspend();
    assert.equal(await openReader(firefox), 'article');
    assert.equal((await readerState(page)).title, TITLE);
    // The article the stopped background parsed is in IndexedDB.
    await suspend();
    await browserCommand(firefox, 'reload');
    assert.equal(await waitForReader(firefox), 'article');
    assert.equal((await readerState(page)).title, TITLE);
    await clickToolbarButton(firefox);
    await waitForPage(firefox, `${server.origin}/article.html`);
  });

  it('a modal dialog of the page neither covers the reader nor keeps running its scripts', async () => {
    await goTo(firefox, `${server.origin}/dialog.html`);
    await page.waitForFunction(() => document.querySelector('dialog')?.open);
    await waitFor('the page\'s ticks', () => server.ticks.count > 2);
    assert.equal(await openReader(firefox), 'article');
    assert.equal(await page.evaluate(() => document.querySelector('dialog')), null);
    const ticks = server.ticks.count;
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.ok(server.ticks.count - ticks <= 1, `the page's scripts still run: ${server.ticks.count - ticks} ticks`);
    await page.keyboard.press('Escape');
    await waitForPage(firefox, `${server.origin}/dialog.html`);
  });

  it(`works on a page served with "${STRICT_CSP}"`, async () => {
    const response = await goTo(firefox, `${server.origin}/csp/article.html`);
    assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
    assert.equal(await openReader(firefox), 'article');
    const view = await readerState(page);
    assert.equal(view.title, TITLE);
    assert.ok(view.paragraphs.length >= 8);
    for (const clutter of CLUTTER) assert.ok(!view.text.includes(clutter), `clutter in the view: ${clutter}`);
  });

  it(`shows the article's images on a page served with "${NO_IMAGES_CSP}"`, async () => {
    const response = await goTo(firefox, `${server.origin}/no-images/article.html`);
    assert.equal(response.headers()['content-security-policy'], NO_IMAGES_CSP);
    assert.equal(await page.evaluate(() => document.querySelector('figure img').naturalWidth), 0, 'the page itself can\'t show it');
    assert.equal(await openReader(firefox), 'article');
    await page.waitForFunction(() => document.querySelector('.qp-lead img')?.naturalWidth > 0, { timeout: 30_000 });
  });

  it('renders a right-to-left article right to left', async () => {
    await goTo(firefox, `${server.origin}/rtl-article.html`);
    assert.equal(await openReader(firefox), 'article');
    checkRightToLeft(await readerState(page));
  });

  it('says so on a page with no article, with a way back', async () => {
    await goTo(firefox, `${server.origin}/no-article.html`);
    assert.equal(await openReader(firefox), 'message');
    assert.match((await readerState(page)).message, /found no article on this page/);
    await page.click('.qp-state-actions .qp-button');
    await waitForPage(firefox, `${server.origin}/no-article.html`);
  });

  it('settings change the view, persist, and "auto" follows the system\'s dark mode', async () => {
    await goTo(firefox, `${server.origin}/article.html`);
    assert.equal(await openReader(firefox), 'article');
    const before = await readerState(page);
    assert.equal(before.background, 'rgb(255, 255, 255)', 'auto theme, light system');
    await setColorScheme(firefox, 'dark');
    await backgroundBecomes(page, 'rgb(27, 28, 31)'); // auto theme, dark system
    await setting(page, 'theme', 'light');
    assert.equal(await background(page), 'rgb(255, 255, 255)', 'light, whatever the system');
    await setting(page, 'theme', 'sepia');
    assert.equal(await background(page), 'rgb(246, 239, 223)');
    await setColorScheme(firefox, null);
    const changed = await changeSettings(page, before, () => page.evaluate(() => browser.storage.local.get('readerSettings')));
    await closePanels(page);
    await page.screenshot({ path: join(ARTIFACTS, 'extension-firefox-reader-dark.png') });
    // Another article opens with the same settings.
    await goTo(firefox, `${server.origin}/csp/article.html`);
    assert.equal(await openReader(firefox), 'article');
    checkSameSettings(await readerState(page), changed);
    await openPanel(page, 'type');
    await page.click('#qp-panel-type [data-action="reset"]');
    assert.equal(await background(page), 'rgb(255, 255, 255)');
    await closePanels(page);
  });

  it('the options page forgets the stored articles', async () => {
    await goTo(firefox, `${server.origin}/article.html`);
    assert.equal(await openReader(firefox), 'article');
    const readerUrl = await tabUrl(page);
    await loadInTab(firefox, `${firefox.origin}/options.html`);
    await waitForPage(firefox, `${firefox.origin}/options.html`);
    assert.equal(await page.$eval('[data-permission="pageCapture"]', (box) => box.closest('section').hidden), true,
      'no pageCapture option in Firefox');
    await page.click('#forget-articles');
    await page.waitForFunction(() => document.querySelector('#buttons-status')?.textContent.includes('forgotten'), { timeout: 30_000 });
    await browserCommand(firefox, 'back');
    await waitForPage(firefox, readerUrl);
    await browserCommand(firefox, 'reload');
    await page.waitForFunction(() => document.querySelector('.qp-state-box')?.textContent.includes('This article is no longer here'), { timeout: 30_000 });
    await page.click('.qp-state-actions .qp-button');
    await waitForPage(firefox, `${server.origin}/article.html`);
  });

  it('reads a file:// page (the click\'s activeTab is enough); its local images show their alt text', async () => {
    const saved = savedPage();
    try {
      await goTo(firefox, saved.url);
      assert.equal(await openReader(firefox), 'article');
      const view = await readerState(page);
      assert.equal(view.title, 'Saving the tide tables');
      assert.equal(view.original, saved.url, 'the header links to the file');
      // Firefox lets no extension page load a file: URL, and has no pageCapture.
      assert.deepEqual(view.images, [{ src: saved.imageUrl, loaded: false }]);
      await browserCommand(firefox, 'back');
      await waitForPage(firefox, saved.url);
    } finally {
      saved.remove();
    }
  });

  it('the options page\'s switch grants the optional host permission: article pages are marked as they load, not a link directory or a home page', async () => {
    // Firefox asks before granting: its prompt is answered "Allow" by the
    // preference that turns it off.
    const switchOn = async (on) => {
      await loadInTab(firefox, `${firefox.origin}/options.html`);
      await waitForPage(firefox, `${firefox.origin}/options.html`);
      await waitFor('the switch', () => page.evaluate(() => document.getElementById('auto-detect') !== null));
      await page.click('#auto-detect');
      await waitFor(`the switch ${on ? 'on' : 'off'}`, async () => (await page.$eval('#auto-detect', (box) => box.checked)) === on
        && (await page.evaluate(() => browser.permissions.contains({ origins: ['http://*/*'] }))) === on);
    };
    await firefox.inChrome(() => Services.prefs.setBoolPref('extensions.webextOptionalPermissionPrompts', false));
    await switchOn(true);
    try {
      await goTo(firefox, `${server.origin}/article.html`);
      await waitFor('the article mark', async () => /this page is an article/.test(await actionTitle(firefox)), 15_000);
      for (const name of ['link-directory.html', 'no-article.html']) {
        await goTo(firefox, `${server.origin}/${name}`);
        // The check runs when the page has loaded: give it time to (wrongly) mark.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        assert.equal(await actionTitle(firefox), 'Reader view (Alt+Shift+R)', name);
      }
    } finally {
      await switchOn(false);
      await firefox.inChrome(() => Services.prefs.clearUserPref('extensions.webextOptionalPermissionPrompts'));
    }
  });

  it('reads the franceinfo seed page', { skip: FRANCEINFO_EXPECTED ? false : 'skipped: ../shared/seed (franceinfo-telegram.html, expected.json) is absent' }, async () => {
    const expected = JSON.parse(readFileSync(FRANCEINFO_EXPECTED, 'utf8'));
    await goTo(firefox, `${server.origin}/franceinfo.html`);
    assert.equal(await openReader(firefox), 'article');
    checkFranceinfo(await readerState(page), expected);
  });
});

// web-ext lint's notes for a reviewer, not faults: HTML put in with innerHTML
// or insertAdjacentHTML (the linter can't see where it comes from). Each is
// the core's sanitized output: serialize() hands Readability's serializer the
// article in an inert document (the extension passes no serializer), and the
// reader view puts the article's pieces in (extension/README.md, Firefox).
// Any other warning, or one more of these, fails.
const REVIEWED = {};

it('web-ext lint: the Firefox package has no errors, and no warnings but the reviewed ones', { timeout: 60_000 }, () => {
  if (!existsSync(join(FIREFOX_EXTENSION, 'manifest.json'))) buildExtension();
  const webExt = join(repoRoot, 'node_modules', '.bin', 'web-ext');
  assert.ok(existsSync(webExt), 'web-ext is missing: npm install (it is a devDependency)');
  let output;
  try {
    output = execFileSync(webExt, ['lint', '--source-dir', FIREFOX_EXTENSION, '--output', 'json'], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WEB_EXT_NO_UPDATE_CHECK: '1' },
    });
  } catch (error) {
    output = error.stdout; // exits non-zero when it found errors; the JSON says which
  }
  const report = JSON.parse(output);
  const describe = (e) => `${e.code}: ${e.message} (${e.file ?? ''}${e.line ? `:${e.line}` : ''})`;
  assert.deepEqual(report.errors.map(describe), []);
  const warnings = {};
  for (const warning of report.warnings) {
    console.log(`web-ext lint warning ${describe(warning)}`);
    const key = `${warning.code} ${warning.file}`;
    warnings[key] = (warnings[key] ?? 0) + 1;
  }
  assert.deepEqual(warnings, REVIEWED);
});
