import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { createReader, isProbablyReaderable, parse, QuietpageError } from '../../js/index.js';
import { CLUTTERED_NEWS_URL, expectedClutteredNews, fixture } from './helpers.js';

const URL_ = 'https://ledger.example/news/floating-library.html';

describe('Reader', () => {
  let reader;
  before(async () => { reader = await createReader(); });

  it('extracts the article and metadata from a cluttered page', () => {
    const article = reader.parse(fixture('cluttered-news.html'), { url: URL_ });
    assert.ok(article);
    assert.equal(article.title, 'Harbour town opens its first floating library');
    assert.equal(article.byline, 'Mara Jensen');
    assert.equal(article.siteName, 'The Coastal Ledger');
    assert.equal(article.lang, 'en');
    assert.equal(article.publishedTime, '2024-03-14T09:30:00Z');
    assert.match(article.textContent, /The old ferry that carried cars/);
    assert.doesNotMatch(article.textContent, /Share on Twitter|We use cookies|Most read|All rights reserved/);
    assert.match(article.content, /<img src="https:\/\/ledger\.example\/images\/ferry\.jpg"/);
    assert.equal(article.length, article.textContent.length);
  });

  it('keeps figure captions in textContent unless textCaptions is false; content keeps them either way', () => {
    const caption = 'The library ferry at the north pier.';
    const withCaptions = reader.parse(fixture('cluttered-news.html'), { url: URL_ });
    const without = reader.parse(fixture('cluttered-news.html'), { url: URL_, textCaptions: false });
    assert.ok(withCaptions.textContent.includes(caption));
    assert.ok(!without.textContent.includes(caption));
    assert.equal(without.length, without.textContent.length);
    assert.ok(without.content.includes(`<figcaption>${caption}</figcaption>`));
    assert.equal(without.content, withCaptions.content);
    assert.throws(() => reader.parse(fixture('cluttered-news.html'), { textCaptions: 'no' }),
      (error) => error instanceof QuietpageError && error.code === 'INVALID_ARGUMENT');
  });

  it('returns a superset of Readability\'s parse() result', () => {
    const article = reader.parse(fixture('cluttered-news.html'));
    for (const key of ['title', 'byline', 'dir', 'lang', 'content', 'textContent', 'length', 'excerpt', 'siteName', 'publishedTime']) {
      assert.ok(key in article, key);
    }
    assert.equal(article.dir, null); // absent values are null, as in Readability
  });

  it('keeps right-to-left direction', () => {
    const article = reader.parse(fixture('rtl-article.html'));
    assert.equal(article.dir, 'rtl');
    assert.equal(article.lang, 'ar');
  });

  it('returns null when there is no article', () => {
    assert.equal(reader.parse(''), null);
    assert.equal(reader.parse('<html><body><div></div></body></html>'), null);
  });

  it('accepts URL objects and resolves links against them', () => {
    const article = reader.parse(fixture('cluttered-news.html'), { url: new URL(URL_) });
    assert.match(article.content, /https:\/\/ledger\.example\/images\/ferry\.jpg/);
  });

  it('reports bad arguments as QuietpageError with a code', () => {
    const cases = [
      [() => reader.parse(42), 'INVALID_ARGUMENT'],
      [() => reader.parse(null), 'INVALID_ARGUMENT'],
      [() => reader.parse('<p>x</p>', 'nope'), 'INVALID_ARGUMENT'],
      [() => reader.parse('<p>x</p>', { url: 12 }), 'INVALID_ARGUMENT'],
      [() => reader.parse('<p>x</p>', { charThreshold: -1 }), 'INVALID_ARGUMENT'],
      [() => reader.parse('<p>x</p>', { url: 'not a url' }), 'INVALID_URL'],
      [() => reader.isProbablyReaderable(undefined), 'INVALID_ARGUMENT'],
    ];
    for (const [fn, code] of cases) {
      assert.throws(fn, (error) => error instanceof QuietpageError && error instanceof Error && error.code === code);
    }
    // The reader still works afterwards.
    assert.ok(reader.parse(fixture('cluttered-news.html')));
  });

  it('tells readerable pages apart', () => {
    assert.equal(reader.isProbablyReaderable(fixture('cluttered-news.html')), true);
    assert.equal(reader.isProbablyReaderable('<p>short</p>'), false);
    // The options are honoured: an article shorter than minContentLength is no article.
    assert.equal(reader.isProbablyReaderable(fixture('cluttered-news.html'), { minContentLength: 100_000 }), false);
  });

  it('returns the stored article, every field, byte for byte', () => {
    const article = reader.parse(fixture('cluttered-news.html'), { url: CLUTTERED_NEWS_URL, markdown: true });
    assert.deepEqual(article, expectedClutteredNews());
  });
});

describe('convenience functions', () => {
  it('parse() and isProbablyReaderable() share a lazily created reader', async () => {
    const article = await parse(fixture('cluttered-news.html'));
    assert.equal(article.title, 'Harbour town opens its first floating library');
    assert.equal(await isProbablyReaderable(fixture('cluttered-news.html')), true);
    await assert.rejects(parse(1), { code: 'INVALID_ARGUMENT' });
  });

  it('createReader accepts the wasm bytes directly', async () => {
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(new URL('../../dist/wasm/quietpage_core.wasm', import.meta.url));
    const reader = await createReader({ wasmBinary: bytes });
    assert.ok(reader.parse(fixture('cluttered-news.html')));
    await assert.rejects(createReader({ wasmBinary: new Uint8Array([0, 1, 2]) }), { code: 'WASM_LOAD_FAILED' });
  });

  it('warms up on load unless told not to; the warm-up page goes through the whole pipeline', async () => {
    const { WARM_UP_CHARS, warmUpPage } = await import('../../js/warmup.js');
    const cold = await createReader({ warmUp: false });
    const page = warmUpPage(WARM_UP_CHARS);
    assert.ok(page.length >= WARM_UP_CHARS);
    const article = cold.parse(page);
    assert.ok(article && article.length > WARM_UP_CHARS / 3, 'an article of most of the page');
    assert.equal(article.byline, 'A. Writer');
    assert.doesNotMatch(article.textContent, /Advertisement|Related|Publisher/);
    await assert.rejects(createReader({ warmUp: 'no' }), { code: 'INVALID_ARGUMENT' });
  });
});
