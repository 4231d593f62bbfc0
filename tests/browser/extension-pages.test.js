// Articles split over pages in the extension: a three-page article from a
// local server (tests/fixtures/paged/). With the host permission for the site
// (a copy of the built extension whose manifest grants it: Chromium's prompt
// can't be answered headless), the reader appends pages 2 and 3 under a page
// break each, says how it goes, and a reload shows all three. Without it, the
// reader offers to load them, once per site.
//
//   node --test --test-concurrency=1 tests/browser/extension-pages.test.js
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';

import { buildExtension, extensionVariant, launch, openReader, startServer, waitForComplete } from './extension-harness.js';

const PAGE_TEXTS = ['switched off in 1989', 'Restoring the clockwork', 'the light is out'];

function contentState(page) {
  return page.evaluate(() => ({
    text: document.querySelector('.qp-content')?.textContent ?? '',
    breaks: document.querySelectorAll('.qp-content hr.qp-page-break').length,
    status: document.querySelector('.qp-pages[role="status"]')?.textContent ?? null,
    buttons: [...document.querySelectorAll('.qp-pages button')].map((b) => b.textContent),
    ids: [...document.querySelectorAll('.qp-content [id]')].map((e) => e.id),
  }));
}

describe('the extension on an article split over pages', { timeout: 180_000 }, () => {
  let server;
  const cleanup = [];
  after(async () => {
    for (const fn of cleanup.reverse()) await fn();
    await server?.close();
  });

  it('with the site\'s permission, loads pages 2 and 3 into the reader, and keeps them', async () => {
    buildExtension();
    server ??= await startServer();
    const variant = extensionVariant((manifest) => { manifest.host_permissions = ['http://127.0.0.1/*']; });
    cleanup.push(() => rmSync(variant, { recursive: true, force: true }));
    const browser = await launch({ dir: variant });
    cleanup.push(() => browser.close());
    const { page } = browser;
    // Every status the line shows, as it shows it.
    await page.addInitScript(() => {
      window.__pagesStatus = [];
      new MutationObserver(() => {
        const text = document.querySelector('.qp-pages')?.textContent;
        if (text && window.__pagesStatus.at(-1) !== text) window.__pagesStatus.push(text);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.goto(`${server.origin}/news/lighthouse`);
    assert.equal(await openReader(browser), 'article');
    await page.waitForFunction(() => /All 3 pages/.test(document.querySelector('.qp-pages')?.textContent ?? ''), null, { timeout: 30_000 });
    const state = await contentState(page);
    const at = PAGE_TEXTS.map((t) => state.text.indexOf(t));
    assert.ok(at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1])), `pages in order: ${at}`);
    assert.equal(state.breaks, 2);
    assert.doesNotMatch(state.text, /More news|Previous/);
    assert.equal(new Set(state.ids).size, state.ids.length, `ids unique: ${state.ids}`);
    const statuses = await page.evaluate(() => window.__pagesStatus);
    assert.ok(statuses.some((s) => /Loading page 2/.test(s)), statuses.join(' | '));
    assert.ok(statuses.some((s) => /Page 2 added; loading page 3/.test(s)), statuses.join(' | '));
    // Page 2's footnote and its back link lead to each other, in place (no
    // history entry: closing the reader goes back in history).
    const before = await page.evaluate(() => history.length);
    for (const [link, target] of [['#qp-p2-note-1', 'qp-p2-note-1'], ['#qp-p2-ref-1', 'qp-p2-ref-1']]) {
      await page.click(`.qp-content a[href="${link}"]`);
      const where = await page.evaluate((id) => {
        const top = document.getElementById(id).getBoundingClientRect().top;
        return { top, below: document.querySelector('.qp-toolbar').getBoundingClientRect().bottom, height: innerHeight, hash: location.hash };
      }, target);
      assert.ok(where.top >= where.below && where.top < where.height / 2, `${target} in view below the toolbar: ${JSON.stringify(where)}`);
      assert.equal(where.hash, '');
    }
    assert.equal(await page.evaluate(() => history.length), before);
    // The stored article has the three pages: a reload shows them, with no line.
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('quietpage:first-content').length > 0);
    await waitForComplete(page);
    const reloaded = await contentState(page);
    assert.ok(PAGE_TEXTS.every((t) => reloaded.text.includes(t)), 'all pages after a reload');
    assert.equal(reloaded.breaks, 2);
    assert.equal(reloaded.status, null);
  });

  it('without it, offers to load the pages, and asks no more on a site that said no', async () => {
    buildExtension();
    server ??= await startServer();
    const browser = await launch();
    cleanup.push(() => browser.close());
    const { page } = browser;
    await page.goto(`${server.origin}/news/lighthouse`);
    assert.equal(await openReader(browser), 'article');
    await page.waitForSelector('.qp-pages button');
    const offer = await contentState(page);
    assert.match(offer.status, /continues on further pages.*127\.0\.0\.1/);
    assert.deepEqual(offer.buttons, ['Load all pages', 'Not for this site']);
    assert.equal(offer.breaks, 0);
    await page.click('.qp-pages button:text("Not for this site")');
    assert.equal(await page.locator('.qp-pages').count(), 0);
    // The next visit on the site: no offer.
    await page.goBack();
    await page.waitForURL(`${server.origin}/news/lighthouse`);
    await page.mouse.click(5, 300);
    assert.equal(await openReader(browser), 'article');
    await waitForComplete(page);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await page.locator('.qp-pages').count(), 0);
  });
});
