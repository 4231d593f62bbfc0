import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { createReader, parse, QuietpageError } from '../../js/index.js';
import { CLUTTERED_NEWS_URL, expectedClutteredNews, fixture } from './helpers.js';

const URL_ = 'https://ledger.example/news/floating-library.html';

// An article with the structures the Markdown output has rules for.
const RICH = `<!DOCTYPE html><html lang="en"><head><title>Rich article</title></head><body><article>
  <h1>Rich article</h1>
  <p>The first paragraph is long enough to be taken for content: it talks about harbours, ferries,
  libraries and the people who read in them, with commas, clauses and a link to
  <a href="/guide.html" title="Guide">the reading guide</a> and an <em>emphasised</em> phrase.</p>
  <h2>Details &amp; more</h2>
  <p>A second paragraph keeps the extractor convinced that this is an article, and names *stars*,
  [brackets] and a <a href="javascript:alert(1)">dangerous link</a> that must stay plain text.</p>
  <ul><li>first item</li><li>second item<ol><li>nested</li></ol></li></ul>
  <blockquote><p>A quoted line that people remember from the opening day of the library.</p></blockquote>
  <pre><code class="language-js">const a = \`tick\`;
  return a;</code></pre>
  <figure><img src="/img/deck.jpg" alt="The deck"><figcaption>The reading deck.</figcaption></figure>
  <table><tr><th>Day</th><th>Pier</th></tr><tr><td>Monday</td><td>North | East</td></tr></table>
  <p>The last paragraph closes the article with more words about the timetable, the islands, the
  volunteers and the winter, so that the text is clearly the main content of the page.</p>
</article></body></html>`;

describe('Markdown output', () => {
  let reader;
  before(async () => { reader = await createReader(); });

  it('is null unless requested', () => {
    const article = reader.parse(fixture('cluttered-news.html'), { url: URL_ });
    assert.ok(article);
    assert.ok('markdown' in article);
    assert.equal(article.markdown, null);
    assert.equal(reader.parse(fixture('cluttered-news.html'), { url: URL_, markdown: false }).markdown, null);
  });

  it('returns the article (without its title) as Markdown when asked', () => {
    const article = reader.parse(fixture('cluttered-news.html'), { url: URL_, markdown: true });
    const md = article.markdown;
    assert.equal(typeof md, 'string');
    assert.ok(!md.startsWith('# Harbour town'), 'the title is not repeated');
    assert.match(md, /^The old ferry that carried cars across the sound/);
    assert.match(md, /\n\n## Eleven thousand books\n\n/);
    assert.match(md, /!\[The library ferry at the north pier\]\(https:\/\/ledger\.example\/images\/ferry\.jpg\)\n\n\*The library ferry at the north pier\.\*\n/);
    assert.doesNotMatch(md, /Share on Twitter|We use cookies|Most read|All rights reserved|onerror/);
    assert.ok(md.endsWith('.\n') && !md.endsWith('\n\n'));
    assert.doesNotMatch(md, /\n{3}/);
    // The other fields are unchanged by the option.
    const plain = reader.parse(fixture('cluttered-news.html'), { url: URL_ });
    assert.deepEqual({ ...article, markdown: null }, plain);
  });

  it('writes headings, paragraphs, links, lists, quotes, code, images and tables', () => {
    const md = reader.parse(RICH, { url: 'https://ex.example/a/page.html', markdown: true }).markdown;
    assert.match(md, /\[the reading guide\]\(https:\/\/ex\.example\/guide\.html "Guide"\)/);
    assert.match(md, /an \*emphasised\* phrase/);
    assert.match(md, /\n\n## Details & more\n\n/);
    assert.match(md, /names \\\*stars\\\*, \\\[brackets\\\] and a dangerous link that/);
    assert.doesNotMatch(md, /javascript/);
    assert.match(md, /\n\n- first item\n- second item\n {2}1\. nested\n\n/);
    assert.match(md, /\n\n> A quoted line that people remember/);
    assert.match(md, /\n\n```js\nconst a = `tick`;\n {2}return a;\n```\n\n/);
    assert.match(md, /!\[The deck\]\(https:\/\/ex\.example\/img\/deck\.jpg\)\n\n\*The reading deck\.\*/);
    assert.match(md, /\| Day \| Pier \|\n\| --- \| --- \|\n\| Monday \| North \\\| East \|\n/);
  });

  it('counts toward maxOutputBytes', () => {
    // Escaping makes this article's Markdown much longer than its HTML or text.
    const words = 'star*_[x]`y` and more words, '.repeat(80);
    const html = `<html><body><article><p>${words}</p><p>${words}</p></article></body></html>`;
    const article = reader.parse(html, { markdown: true });
    const limit = Math.max(Buffer.byteLength(article.content), Buffer.byteLength(article.textContent));
    assert.ok(Buffer.byteLength(article.markdown) > limit);
    assert.ok(reader.parse(html, { maxOutputBytes: limit }));
    assert.throws(() => reader.parse(html, { markdown: true, maxOutputBytes: limit }), { code: 'OUTPUT_TOO_LARGE' });
  });

  it('rejects a markdown option that is not a boolean', () => {
    for (const bad of [1, 0, 'yes', 'true', null, {}, []]) {
      assert.throws(() => reader.parse('<p>x</p>', { markdown: bad }),
        (error) => error instanceof QuietpageError && error instanceof Error && error.code === 'INVALID_ARGUMENT',
        String(bad));
    }
    assert.equal(reader.parse(fixture('cluttered-news.html'), { markdown: undefined }).markdown, null);
  });

  it('works through the shared reader and gives the stored Markdown', async () => {
    const html = fixture('cluttered-news.html');
    const article = await parse(html, { url: CLUTTERED_NEWS_URL, markdown: true });
    assert.equal(article.markdown, expectedClutteredNews().markdown);
    await assert.rejects(parse(html, { markdown: 'yes' }), { code: 'INVALID_ARGUMENT' });
  });
});
