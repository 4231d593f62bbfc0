// The browser extension end to end in headless Chromium: the built
// dist/extension/ is loaded unpacked, the real toolbar button is clicked
// (CDP Extensions.triggerAction, which grants activeTab like a user's click)
// and the extension's reader page is checked — on plain, hostile (modal
// dialog, overlays, img-src 'none', strict CSP) and right-to-left pages;
// history; settings and themes; reading position; read aloud; saving;
// printing. Screenshots go to artifacts/. (Firefox: extension-firefox.test.js.)
//
//   node --test --test-concurrency=1 tests/browser/extension.test.js
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { shared } from '../js/helpers.js';
import {
  ARTIFACTS, EXTENSION, NO_IMAGES_CSP, STRICT_CSP, TITLE, actionTitle, buildExtension, changeSettings, checkArticle,
  checkFranceinfo, checkRightToLeft, checkSameSettings, clickToolbarButton, closePanels, launch, openPanel, openReader,
  readerState, setting, startServer, waitFor, waitForComplete,
} from './extension-harness.js';

const FRANCEINFO_EXPECTED = shared('seed', 'expected.json');

// Read aloud without real voices: a speechSynthesis that records what it is
// asked to say and ends an utterance when the test says so.
function stubSpeech() {
  if (location.protocol !== 'chrome-extension:') return;
  const spoken = [];
  let current = null;
  const voices = [
    { name: 'Test English', lang: 'en-GB', voiceURI: 'test-en', default: true, localService: true },
    { name: 'Test Français', lang: 'fr-FR', voiceURI: 'test-fr', default: false, localService: true },
  ];
  class Utterance extends EventTarget {
    constructor(text) {
      super();
      Object.assign(this, { text, lang: '', voice: null, rate: 1 });
    }
  }
  const synth = new EventTarget();
  Object.assign(synth, {
    getVoices: () => voices,
    speak(utterance) {
      current = utterance;
      spoken.push({ text: utterance.text, lang: utterance.lang, rate: utterance.rate, voice: utterance.voice?.voiceURI ?? null,
        highlighted: document.querySelector('.qp-speaking')?.textContent.replace(/\s+/g, ' ').trim() ?? null });
    },
    cancel() {
      const utterance = current;
      current = null;
      utterance?.dispatchEvent(Object.assign(new Event('error'), { error: 'canceled' }));
    },
    pause() {},
    resume() {},
  });
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
  window.__spoken = spoken;
  window.__endUtterance = () => {
    const utterance = current;
    current = null;
    utterance?.dispatchEvent(new Event('end'));
  };
}

/** Average characters per full line (the last line of each paragraph left out) over the first paragraphs. */
function charactersPerLine(page) {
  return page.evaluate(() => {
    const counts = [];
    for (const p of [...document.querySelectorAll('.qp-content p')].slice(0, 6)) {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const lines = new Map();
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect) continue;
          const top = Math.round(rect.top);
          lines.set(top, (lines.get(top) ?? 0) + 1);
        }
      }
      const full = [...lines.entries()].sort((a, b) => a[0] - b[0]).slice(0, -1).map(([, n]) => n);
      counts.push(...full);
    }
    return counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : 0;
  });
}

/** The text of the paragraph at the reading line (just under the toolbar). */
function paragraphAtTop(page) {
  return page.evaluate(() => {
    const line = document.querySelector('.qp-toolbar').getBoundingClientRect().bottom + 1;
    const p = [...document.querySelectorAll('.qp-content p')].find((node) => node.getBoundingClientRect().bottom > line);
    return p?.textContent.trim().slice(0, 80) ?? null;
  });
}

describe('browser extension in Chromium', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let page;

  before(async () => {
    buildExtension();
    server = await startServer();
    browser = await launch();
    page = browser.page;
    await browser.context.addInitScript(stubSpeech);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the article in its own reader page, with a header of separate lines', async () => {
    await page.goto(`${server.origin}/article.html`);
    // Without the optional host permission, nothing reads the page before the click.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await actionTitle(browser), 'Reader view (Alt+Shift+R)');
    assert.equal(await openReader(browser), 'article');
    assert.ok(page.url().startsWith(`${browser.readerUrl}?id=`), page.url());
    checkArticle(await readerState(page), server.origin);
    assert.equal(await page.title(), TITLE);
    // The toolbar button now closes the reader.
    assert.match(await actionTitle(browser), /Close the reader view/);
    // The keyboard command is declared with its suggested key (headless
    // Chromium binds no keys; the command itself is tested in
    // extension-permissions.test.js, through commands.onCommand).
    const commands = await browser.worker.evaluate(() => chrome.commands.getAll());
    assert.ok(commands.some((c) => c.name === 'toggle-reader'), 'the toggle-reader command is not registered');
    const manifest = JSON.parse(readFileSync(join(EXTENSION, 'manifest.json'), 'utf8'));
    assert.equal(manifest.commands['toggle-reader'].suggested_key.default, 'Alt+Shift+R');
  });

  it('Back returns to the page; Forward and reload keep the reader, at the same place', async () => {
    const readerUrl = page.url();
    await page.goto(`${server.origin}/long.html`);
    assert.equal(await openReader(browser), 'article');
    await waitForComplete(page);
    await page.evaluate(() => document.querySelectorAll('.qp-content p')[30].scrollIntoView());
    await new Promise((resolve) => setTimeout(resolve, 400)); // the position is kept 250 ms after scrolling
    const top = await paragraphAtTop(page);
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('quietpage:complete').length > 0);
    assert.equal(await paragraphAtTop(page), top, 'reload keeps the reading position');
    await page.goBack();
    assert.equal(page.url(), `${server.origin}/long.html`);
    assert.match(await page.title(), /winter to write/);
    await page.goBack();
    assert.equal(page.url(), readerUrl, 'the first reader page is still in history');
    await page.waitForFunction(() => document.querySelector('.qp-title')?.textContent === 'The lighthouse keepers who never left');
    await page.goBack();
    assert.equal(page.url(), `${server.origin}/article.html`);
    await page.goForward();
    await page.waitForFunction(() => document.querySelector('.qp-title')?.textContent === 'The lighthouse keepers who never left');
  });

  it('closes with the toolbar button, the close button and Escape, going back in history', async () => {
    for (const close of [
      () => clickToolbarButton(browser),
      () => page.click('.qp-close'),
      () => page.keyboard.press('Escape'),
    ]) {
      await page.goto(`${server.origin}/article.html`);
      assert.equal(await openReader(browser), 'article');
      const readerUrl = page.url();
      await close();
      await page.waitForURL(`${server.origin}/article.html`);
      assert.ok(await page.locator('#cookie-banner').isVisible(), 'the original page is back');
      // Back, not a new entry in the reader's place: Forward returns to the reader.
      await page.goForward();
      assert.equal(page.url(), readerUrl);
      await page.waitForFunction(() => document.querySelector('.qp-title') !== null);
    }
  });

  it('a modal dialog of the page neither covers the reader nor keeps running its scripts', async () => {
    await page.goto(`${server.origin}/dialog.html`);
    await page.waitForFunction(() => document.querySelector('dialog')?.open);
    await waitFor('the page\'s ticks', () => server.ticks.count > 2);
    assert.equal(await openReader(browser), 'article');
    assert.equal(await page.evaluate(() => document.querySelector('dialog')), null);
    const ticks = server.ticks.count;
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.ok(server.ticks.count - ticks <= 1, `the page's scripts still run: ${server.ticks.count - ticks} ticks`);
    // The reader's controls are the ones under the pointer, and they work.
    const hit = await page.evaluate(() => {
      const b = document.querySelector('[data-open="type"]').getBoundingClientRect();
      return document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2)?.closest('[data-open]')?.dataset.open ?? null;
    });
    assert.equal(hit, 'type');
    await openPanel(page, 'type');
    // Escape closes the panel first, then the reader.
    await page.keyboard.press('Escape');
    assert.ok(!(await page.locator('#qp-panel-type').isVisible()));
    assert.ok(page.url().startsWith(browser.readerUrl), 'Escape with a panel open keeps the reader');
    await page.keyboard.press('Escape');
    await page.waitForURL(`${server.origin}/dialog.html`);
  });

  it('overlays the page adds after load never reach the reader', async () => {
    await page.goto(`${server.origin}/overlay.html`);
    await page.waitForSelector('.paywall-overlay');
    assert.equal(await openReader(browser), 'article');
    await new Promise((resolve) => setTimeout(resolve, 700));
    const state = await page.evaluate(() => ({
      overlays: document.querySelectorAll('.paywall-overlay').length,
      hit: document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.closest('.qp-article, .qp-page') !== null,
    }));
    assert.deepEqual(state, { overlays: 0, hit: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'extension-overlay-page.png') });
  });

  it(`shows the article's images on a page served with "${NO_IMAGES_CSP}"`, async () => {
    const response = await page.goto(`${server.origin}/no-images/article.html`);
    assert.equal(response.headers()['content-security-policy'], NO_IMAGES_CSP);
    assert.equal(await page.evaluate(() => document.querySelector('figure img').naturalWidth), 0, 'the page itself can\'t show it');
    assert.equal(await openReader(browser), 'article');
    await page.waitForFunction(() => document.querySelector('.qp-lead img')?.naturalWidth > 0);
  });

  it(`works on a page served with "${STRICT_CSP}"`, async () => {
    const response = await page.goto(`${server.origin}/csp/article.html`);
    assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
    assert.equal(await openReader(browser), 'article');
    const view = await readerState(page);
    assert.equal(view.title, TITLE);
    assert.ok(view.paragraphs.length >= 8);
  });

  it('renders a right-to-left article right to left', async () => {
    await page.goto(`${server.origin}/rtl-article.html`);
    assert.equal(await openReader(browser), 'article');
    checkRightToLeft(await readerState(page));
  });

  it('says so on a page with no article, with a way back', async () => {
    await page.goto(`${server.origin}/no-article.html`);
    assert.equal(await openReader(browser), 'message');
    assert.match((await readerState(page)).message, /found no article on this page/);
    await page.click('.qp-state-actions .qp-button');
    await page.waitForURL(`${server.origin}/no-article.html`);
  });

  it('settings change the view, persist, and "auto" follows the system\'s dark mode', async () => {
    await page.goto(`${server.origin}/article.html`);
    assert.equal(await openReader(browser), 'article');
    const before = await readerState(page);
    assert.equal(before.background, 'rgb(255, 255, 255)', 'auto theme, light system');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal((await readerState(page)).background, 'rgb(27, 28, 31)', 'auto theme, dark system');
    await setting(page, 'theme', 'light');
    assert.equal((await readerState(page)).background, 'rgb(255, 255, 255)', 'light, whatever the system');
    await setting(page, 'theme', 'sepia');
    assert.equal((await readerState(page)).background, 'rgb(246, 239, 223)');
    await page.emulateMedia({ colorScheme: 'light' });
    const changed = await changeSettings(page, before, () => browser.worker.evaluate(() => chrome.storage.local.get('readerSettings')));
    // Another article opens with the same settings.
    await page.goto(`${server.origin}/csp/article.html`);
    assert.equal(await openReader(browser), 'article');
    checkSameSettings(await readerState(page), changed);
    await openPanel(page, 'type');
    await page.click('#qp-panel-type [data-action="reset"]');
    assert.equal((await readerState(page)).background, 'rgb(255, 255, 255)');
    await closePanels(page);
  });

  it('lines hold 60 to 70 characters by default, in every typeface', async () => {
    await page.goto(`${server.origin}/article.html`);
    assert.equal(await openReader(browser), 'article');
    for (const font of ['serif', 'sans', 'legible']) {
      await setting(page, 'font', font);
      await page.evaluate(() => document.fonts.ready);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const chars = await charactersPerLine(page);
      assert.ok(chars >= 60 && chars <= 70, `${font}: ${chars.toFixed(1)} characters a line`);
    }
    await setting(page, 'font', 'serif');
    await closePanels(page);
  });

  it('keeps the paragraph being read at the top when the text size, spacing or width changes', async () => {
    await page.goto(`${server.origin}/long.html`);
    assert.equal(await openReader(browser), 'article');
    await waitForComplete(page);
    await page.evaluate(() => {
      const p = document.querySelectorAll('.qp-content p')[40];
      window.scrollBy(0, p.getBoundingClientRect().top - document.querySelector('.qp-toolbar').getBoundingClientRect().bottom - 2);
    });
    const top = await paragraphAtTop(page);
    await openPanel(page, 'type');
    for (const control of ['.qp-size-up', '.qp-size-up', '.qp-size-down', '[data-step="lineHeight"][data-delta="1"]',
      '[data-setting="width"][data-value="narrow"]', '[data-setting="font"][data-value="sans"]']) {
      await page.click(`#qp-panel-type ${control}`);
      assert.equal(await paragraphAtTop(page), top, `after ${control}`);
    }
    await page.click('#qp-panel-type [data-action="reset"]');
    await closePanels(page);
  });

  it('reads aloud in the article\'s language, paragraph by paragraph, highlighted', async () => {
    await page.goto(`${server.origin}/article.html`);
    assert.equal(await openReader(browser), 'article');
    await openPanel(page, 'listen');
    const voices = await page.locator('#qp-panel-listen select[aria-label="Voice"] option').allTextContents();
    assert.deepEqual(voices, ['Default voice', 'Test English (en-GB)'], 'only voices of the article\'s language');
    await page.selectOption('#qp-panel-listen select[aria-label="Voice"]', 'test-en');
    await page.click('#qp-panel-listen .qp-play');
    const spoken = () => page.evaluate(() => window.__spoken);
    let said = await spoken();
    assert.equal(said.length, 1);
    assert.deepEqual(said[0], { text: TITLE, lang: 'en', rate: 1, voice: 'test-en', highlighted: TITLE });
    await page.evaluate(() => window.__endUtterance());
    said = await spoken();
    assert.match(said[1].text, /^When the last keeper of Carrick Point/);
    assert.equal(said[1].highlighted, said[1].text);
    await page.selectOption('#qp-panel-listen select[aria-label="Reading speed"]', '1.5');
    await page.click('#qp-panel-listen [data-action="next"]');
    said = await spoken();
    const last = said.at(-1);
    assert.match(last.text, /^Nobody told the keepers/);
    assert.equal(last.rate, 1.5);
    assert.equal(last.highlighted, last.text);
    await page.click('#qp-panel-listen [data-action="previous"]');
    assert.match((await spoken()).at(-1).text, /^When the last keeper/);
    // The paragraph being read is scrolled into view.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.click('#qp-panel-listen [data-action="next"]');
    await page.waitForFunction(() => {
      const r = document.querySelector('.qp-speaking').getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    });
    await page.click('#qp-panel-listen .qp-play'); // pause
    const count = (await spoken()).length;
    await page.evaluate(() => window.__endUtterance());
    assert.equal((await spoken()).length, count, 'nothing more is said after pausing');
    assert.equal(await page.getAttribute('#qp-panel-listen .qp-play', 'aria-label'), 'Read aloud');
    await closePanels(page);
  });

  it('saves the article as HTML and Markdown, copies Markdown, and prints the article only', async () => {
    await page.goto(`${server.origin}/article.html`);
    assert.equal(await openReader(browser), 'article');
    await openPanel(page, 'save');
    const [htmlFile] = await Promise.all([page.waitForEvent('download'), page.click('#qp-panel-save [data-action="html"]')]);
    assert.equal(htmlFile.suggestedFilename(), `${TITLE}.html`);
    const html = readFileSync(await htmlFile.path(), 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    assert.match(html, new RegExp(`<h1 class="qp-title">${TITLE}</h1>`));
    assert.match(html, /<style>[\s\S]*\.qp-article[\s\S]*<\/style>/);
    assert.match(html, /When the last keeper of Carrick Point lighthouse/);
    assert.doesNotMatch(html, /<script/i);

    await openPanel(page, 'save');
    const [mdFile] = await Promise.all([page.waitForEvent('download'), page.click('#qp-panel-save [data-action="markdown"]')]);
    assert.equal(mdFile.suggestedFilename(), `${TITLE}.md`);
    const markdown = readFileSync(await mdFile.path(), 'utf8');
    assert.ok(markdown.startsWith(`# ${TITLE}\n\nMara Quinlan · March 14, 2024\n\nSource: <${server.origin}/article.html>\n\n`), markdown.slice(0, 200));
    assert.match(markdown, /## A logbook nobody reads/);

    // Chromium grants no clipboard permission to extension origins through
    // CDP: the clipboard is a stub that keeps what it is given.
    await page.evaluate(() => {
      navigator.clipboard.write = async ([item]) => { window.__copied = await (await item.getType('text/plain')).text(); };
      navigator.clipboard.writeText = async (text) => { window.__copied = text; };
    });
    await openPanel(page, 'save');
    await page.click('#qp-panel-save [data-action="copy"]');
    await page.locator('#qp-panel-save .qp-note').filter({ hasText: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => window.__copied), markdown);
    await closePanels(page);

    await setting(page, 'theme', 'dark');
    await closePanels(page);
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      toolbar: getComputedStyle(document.querySelector('.qp-toolbar')).display,
      background: getComputedStyle(document.documentElement).backgroundColor,
      color: getComputedStyle(document.querySelector('.qp-content p')).color,
      article: getComputedStyle(document.querySelector('.qp-article')).maxWidth,
    }));
    await page.emulateMedia({ media: null });
    assert.deepEqual(printed, { toolbar: 'none', background: 'rgb(255, 255, 255)', color: 'rgb(0, 0, 0)', article: 'none' });
    await setting(page, 'theme', 'auto');
    await closePanels(page);
  });

  it('fits one toolbar row on a 400 px screen; screenshots of each theme at 1280 and 400 px', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.goto(`${server.origin}/article.html`);
    assert.equal(await openReader(browser), 'article');
    for (const width of [1280, 400]) {
      await page.setViewportSize({ width, height: width === 400 ? 800 : 800 });
      const bar = await page.evaluate(() => {
        const toolbar = document.querySelector('.qp-toolbar');
        const tops = [...toolbar.querySelectorAll('.qp-button')].map((b) => Math.round(b.getBoundingClientRect().top));
        return { height: toolbar.getBoundingClientRect().height, rows: new Set(tops).size, overflow: toolbar.scrollWidth > toolbar.clientWidth };
      });
      assert.ok(bar.height <= 56, `${width} px: toolbar ${bar.height} px high`);
      assert.deepEqual({ rows: bar.rows, overflow: bar.overflow }, { rows: 1, overflow: false }, `${width} px`);
      for (const theme of ['light', 'sepia', 'dark']) {
        await setting(page, 'theme', theme);
        await closePanels(page);
        await page.mouse.move(0, 790);
        await page.screenshot({ path: join(ARTIFACTS, `extension-reader-${theme}-${width}.png`) });
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await setting(page, 'theme', 'auto');
    await closePanels(page);
  });

  it('the options page forgets the stored articles', async () => {
    await page.goto(`${server.origin}/article.html`);
    assert.equal(await openReader(browser), 'article');
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.click('#forget-articles');
    await options.locator('#buttons-status').filter({ hasText: 'forgotten' }).waitFor();
    await options.close();
    await page.reload();
    await page.locator('.qp-state-box').filter({ hasText: 'This article is no longer here' }).waitFor();
    await page.click('.qp-state-actions .qp-button');
    await page.waitForURL(`${server.origin}/article.html`);
  });

  it('reads the franceinfo seed page', { skip: FRANCEINFO_EXPECTED && server?.hasFranceinfo !== false ? false : 'skipped: ../shared/seed (franceinfo-telegram.html, expected.json) is absent' }, async () => {
    if (!server.hasFranceinfo) return;
    const expected = JSON.parse(readFileSync(FRANCEINFO_EXPECTED, 'utf8'));
    await page.goto(`${server.origin}/franceinfo.html`);
    assert.equal(await openReader(browser), 'article');
    checkFranceinfo(await readerState(page), expected);
    await page.screenshot({ path: join(ARTIFACTS, 'extension-reader-franceinfo.png') });
  });
});
