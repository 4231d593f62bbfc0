// parsePages(): an article split over pages, followed through the caller's
// fetch function and joined (js/pages.js), on the hand-written three-page
// article in tests/fixtures/paged/.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parse, parsePages } from '../../js/index.js';
import { createWorkerReader } from '../../js/worker-client-node.js';
import { fixture } from './helpers.js';

const FIRST = 'https://ledger.example/news/lighthouse';
const PAGES = { [FIRST]: 'page-1.html', [`${FIRST}/2`]: 'page-2.html', [`${FIRST}/3`]: 'page-3.html' };
const page = (n) => fixture(`paged/page-${n}.html`);

/** A fetch over the fixtures that records what it was asked for. */
function site(overrides = {}) {
  const asked = [];
  const fetch = async (url) => {
    asked.push(url);
    if (url in overrides) return overrides[url]();
    if (!(url in PAGES)) return new Response('not found', { status: 404 });
    return fixture(`paged/${PAGES[url]}`);
  };
  return { fetch, asked };
}

const invalid = (pattern) => ({ name: 'QuietpageError', code: 'INVALID_ARGUMENT', message: pattern });

describe('parsePages', () => {
  it('each page of the fixture names the next one, the last none', async () => {
    assert.equal((await parse(page(1), { url: FIRST })).nextPageUrl, `${FIRST}/2`);
    assert.equal((await parse(page(2), { url: `${FIRST}/2` })).nextPageUrl, `${FIRST}/3`);
    assert.equal((await parse(page(3), { url: `${FIRST}/3` })).nextPageUrl, null);
    // No page URL: nothing to number from.
    assert.equal((await parse(page(1))).nextPageUrl, null);
  });

  it('joins the three pages in order, under a page break each', async () => {
    const { fetch, asked } = site();
    const progress = [];
    const article = await parsePages(page(1), { url: FIRST, fetch, markdown: true, onPage: (p) => progress.push([p.page, p.url, Boolean(p.article)]) });
    assert.deepEqual(asked, [`${FIRST}/2`, `${FIRST}/3`]);
    assert.deepEqual(progress, [[2, `${FIRST}/2`, true], [3, `${FIRST}/3`, true]]);
    assert.deepEqual(article.pageUrls, [FIRST, `${FIRST}/2`, `${FIRST}/3`]);
    assert.equal(article.nextPageUrl, null);
    assert.equal(article.title, 'The village that lit its lighthouse again');
    const order = ['switched off in 1989', 'Restoring the clockwork', 'The light itself came last', 'the light is out'];
    const at = order.map((s) => article.content.indexOf(s));
    assert.ok(at.every((i, k) => i > 0 && (k === 0 || i > at[k - 1])), `content in page order: ${at}`);
    assert.equal(article.content.match(/<hr class="qp-page-break" aria-label="Page \d">/g).length, 2);
    assert.match(article.textContent, /switched off in 1989[\s\S]*\n\nRestoring the clockwork[\s\S]*the light is out\.$/);
    assert.equal(article.length, article.textContent.length);
    assert.equal(article.markdown.split('\n\n---\n\n').length, 3);
    // No pager, no menu, no related links in the article.
    assert.doesNotMatch(article.content, /Previous|More news|Older stories/);
    // Summed over the pages.
    const one = await parse(page(1), { url: FIRST });
    assert.ok(article.wordCount > 2 * one.wordCount);
  });

  it('keeps each page\'s footnotes apart: page n\'s ids get a prefix of their own', async () => {
    const article = await parsePages(page(1), { url: FIRST, fetch: site().fetch });
    for (const prefix of ['qp-', 'qp-p2-']) {
      assert.match(article.content, new RegExp(`<sup id="${prefix}ref-1"><a href="#${prefix}note-1">`));
      assert.match(article.content, new RegExp(`<li id="${prefix}note-1">[^<]*<a href="#${prefix}ref-1">`));
    }
    const ids = [...article.content.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, `ids unique: ${ids}`);
    // And the Markdown's footnote labels.
    const { markdown } = await parsePages(page(1), { url: FIRST, fetch: site().fetch, markdown: true });
    assert.match(markdown, /rusted solid, and .*\[\^1\]\n\n\[\^1\]: The slates were found on the beach/s);
    assert.match(markdown, /set the clock going .*\[\^p2-1\]\n\n\[\^p2-1\]: The crank now hangs beside the cottage door\.\n/s);
  });

  it('stops at maxPages, and says which page it did not take', async () => {
    const { fetch, asked } = site();
    const article = await parsePages(page(1), { url: FIRST, fetch, maxPages: 2 });
    assert.deepEqual(asked, [`${FIRST}/2`]);
    assert.deepEqual(article.pageUrls, [FIRST, `${FIRST}/2`]);
    assert.equal(article.nextPageUrl, `${FIRST}/3`);
    const single = await parsePages(page(1), { url: FIRST, fetch, maxPages: 1 });
    assert.equal(single.content, (await parse(page(1), { url: FIRST })).content);
  });

  it('stops at a repeated page and at a page without an article', async () => {
    const repeated = site({ [`${FIRST}/3`]: () => page(2) });
    const twice = await parsePages(page(1), { url: FIRST, fetch: repeated.fetch });
    assert.deepEqual(twice.pageUrls, [FIRST, `${FIRST}/2`]);
    assert.equal(twice.nextPageUrl, null);
    const missing = site({ [`${FIRST}/2`]: () => '<!doctype html><title>Not found</title><h1>Page not found</h1><p>Sorry.</p>' });
    const alone = await parsePages(page(1), { url: FIRST, fetch: missing.fetch });
    assert.deepEqual(alone.pageUrls, [FIRST]);
    assert.equal(alone.nextPageUrl, null);
  });

  it('stops, leaving nextPageUrl set, at a failed fetch or a redirect to another origin', async () => {
    for (const failure of [
      () => { throw new TypeError('fetch failed'); },
      () => new Response('gone', { status: 503 }),
      () => ({ ok: true, url: 'https://elsewhere.example/2', arrayBuffer: async () => new TextEncoder().encode(page(2)).buffer }),
    ]) {
      const article = await parsePages(page(1), { url: FIRST, fetch: site({ [`${FIRST}/2`]: failure }).fetch });
      assert.deepEqual(article.pageUrls, [FIRST]);
      assert.equal(article.nextPageUrl, `${FIRST}/2`);
    }
  });

  it('takes Responses and bytes from fetch, and a URL object', async () => {
    const fetch = async (url) => new Response(fixture(`paged/${PAGES[url]}`));
    assert.equal((await parsePages(page(1), { url: new URL(FIRST), fetch })).pageUrls.length, 3);
    const bytes = async (url) => new TextEncoder().encode(fixture(`paged/${PAGES[url]}`));
    assert.equal((await parsePages(page(1), { url: FIRST, fetch: bytes })).pageUrls.length, 3);
  });

  it('checks its options', async () => {
    const { fetch } = site();
    await assert.rejects(parsePages(page(1)), invalid(/needs options: \{ url, fetch \}/));
    await assert.rejects(parsePages(page(1), { fetch }), invalid(/needs options\.url/));
    await assert.rejects(parsePages(page(1), { url: '/news/lighthouse', fetch }), invalid(/needs options\.url/));
    await assert.rejects(parsePages(page(1), { url: FIRST }), invalid(/needs options\.fetch/));
    await assert.rejects(parsePages(page(1), { url: FIRST, fetch, maxPages: 21 }), invalid(/maxPages must be an integer from 1 to 20/));
    await assert.rejects(parsePages(page(1), { url: FIRST, fetch, onPage: 1 }), invalid(/onPage must be a function/));
    await assert.rejects(parsePages(page(1), { url: FIRST, fetch, maxpages: 2 }), invalid(/unknown option "maxpages"/));
    await assert.rejects(parsePages(page(1), { url: FIRST, fetch: async () => 42 }), invalid(/must give a string, bytes or a Response/));
    assert.equal(await parsePages('', { url: FIRST, fetch }), null);
  });

  it('works the same on quietpage/worker: pages fetched here, parsed in the worker', async (t) => {
    const reader = createWorkerReader();
    t.after(() => reader.terminate());
    const { fetch, asked } = site();
    const progress = [];
    const inWorker = await reader.parsePages(page(1), { url: FIRST, fetch, markdown: true, onPage: (p) => progress.push(p.page) });
    const here = await parsePages(page(1), { url: FIRST, fetch: site().fetch, markdown: true });
    assert.deepEqual(asked, [`${FIRST}/2`, `${FIRST}/3`]);
    assert.deepEqual(progress, [2, 3]);
    assert.deepEqual(inWorker, here);
    const missing = site({ [`${FIRST}/2`]: () => '<!doctype html><title>Not found</title><h1>Page not found</h1><p>Sorry.</p>' });
    assert.deepEqual((await reader.parsePages(page(1), { url: FIRST, fetch: missing.fetch })).pageUrls, [FIRST]);
    await assert.rejects(reader.parsePages(page(1), { url: FIRST }), invalid(/needs options\.fetch/));
    await assert.rejects(reader.parsePages(page(1), { url: FIRST, fetch, serializer: (s) => s }), invalid(/serializer/));
    assert.equal(await reader.parsePages('', { url: FIRST, fetch }), null);
  });
});
