// reader-view/render.js, the one reader renderer (extension, demo, CLI), in
// Node: dates, reading time, the header, the content's rewrites, the pieces
// of progressive rendering, the standalone document and the Markdown file;
// and extension/file-urls.js, the extension's file:// page mapping.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { fileUrlMapping, mhtmlImages } from '../../extension/file-urls.js';
import { parse } from '../../js/index.js';
import {
  DEFAULT_SETTINGS, buildView, fileName, formatDate, joinItems, markdownDocument, normalizeSettings, readerContent,
  readingTimeText, renderArticle, renderDocument, splitContent,
} from '../../reader-view/render.js';
import { bigPage } from '../fixtures/extension/big-page.js';
import { fixture } from './helpers.js';

const article = (fields) => ({
  title: 'Night trains return', byline: null, author: null, dir: null, lang: 'en', content: '<p>Text.</p>', textContent: 'Text.',
  length: 5, excerpt: null, siteName: null, publishedTime: null, modifiedTime: null, leadImage: null, canonicalUrl: null,
  wordCount: 1, readingTime: 1, markdown: null, ...fields,
});

describe('dates and reading time', () => {
  it('shows the calendar day the page published, whatever the reader\'s time zone', () => {
    assert.equal(formatDate('2025-06-18T00:30:00+02:00', 'en'), 'June 18, 2025');
    assert.equal(formatDate('2025-06-18T23:30:00-07:00', 'en'), 'June 18, 2025');
    assert.equal(formatDate('2025-06-18', 'fr'), '18 juin 2025');
    assert.equal(formatDate('Wed, 18 Jun 2025 10:00:00 GMT', 'en-GB'), '18 June 2025');
    assert.equal(formatDate('not a date', 'en'), null);
    assert.equal(formatDate(null, 'en'), null);
    assert.equal(formatDate('2025-06-18', 'xx-invalid-tag-!!'), 'June 18, 2025');
  });

  it('says the reading time in the article\'s language', () => {
    assert.deepEqual(readingTimeText(6.4, 'en-GB'), { text: '6 min read', lang: 'en' });
    assert.deepEqual(readingTimeText(0.2, null), { text: '1 min read', lang: 'en' });
    assert.deepEqual(readingTimeText(3, 'fr'), { text: '3 minutes', lang: 'fr' });
    assert.equal(readingTimeText(0, 'en'), null);
  });
});

describe('the header', () => {
  it('puts site, title, author and date on lines of their own, the site linking to the page', () => {
    const view = buildView(article({ siteName: 'Rail Weekly', author: 'Ada Byron', byline: 'By Ada ByronNovember 15, 2019',
      publishedTime: '2019-11-15T08:00:00Z', readingTime: 4 }), { url: 'https://www.rail.example/night-trains' });
    assert.equal(view.headerHtml, '<header class="qp-header">'
      + '<p class="qp-site"><a href="https://www.rail.example/night-trains" rel="noopener noreferrer">Rail Weekly <span class="qp-host">rail.example</span></a></p>'
      + '<h1 class="qp-title">Night trains return</h1>'
      + '<p class="qp-author">Ada Byron</p>'
      + '<p class="qp-meta"><time class="qp-date" datetime="2019-11-15T08:00:00Z">November 15, 2019</time><span class="qp-sep" aria-hidden="true"> · </span><span class="qp-reading-time">4 min read</span></p>'
      + '</header>');
  });

  it('escapes what the page wrote', () => {
    const view = buildView(article({ title: '<img src=x onerror=alert(1)> & "quotes"', siteName: '</p><script>', author: '<b>' }));
    assert.doesNotMatch(view.headerHtml, /<img|<script|<b>/);
    assert.match(view.headerHtml, /&lt;img src=x onerror=alert\(1\)&gt; &amp; &quot;quotes&quot;/);
  });
});

describe('the content', () => {
  it('drops an opening heading that repeats the title, and only that', () => {
    const repeated = readerContent(article({ content: '<div class="page"><div><h1>Night  trains return</h1><p>Text.</p><h1>Night trains return</h1></div></div>' }));
    assert.equal(repeated, '<div class="page"><div><p>Text.</p><h1>Night trains return</h1></div></div>');
    const other = '<div><h2>Another heading</h2><p>Text.</p></div>';
    assert.equal(readerContent(article({ content: other })), other);
    const late = '<div><p>First.</p><h1>Night trains return</h1></div>';
    assert.equal(readerContent(article({ content: late })), late);
  });

  it('loads images lazily without a referrer, and opens links without one', () => {
    const html = readerContent(article({ content: '<p><img src="https://a.example/1.jpg" alt="x"> <a href="https://b.example/">b</a> <a href="#note">n</a></p>' }));
    assert.equal(html, '<p><img src="https://a.example/1.jpg" alt="x" loading="lazy" decoding="async" referrerpolicy="no-referrer"> '
      + '<a href="https://b.example/" rel="noopener noreferrer">b</a> <a href="#note">n</a></p>');
  });

  it('adds the lead image when the article has no picture of its own', () => {
    assert.match(readerContent(article({ leadImage: 'https://a.example/lead.jpg' })), /^<figure class="qp-lead"><img src="https:\/\/a\.example\/lead\.jpg"/);
    assert.doesNotMatch(readerContent(article({ leadImage: 'https://a.example/lead.jpg', content: '<p><img src="https://a.example/1.jpg"></p>' })), /qp-lead/);
    assert.doesNotMatch(readerContent(article({ leadImage: 'javascript:alert(1)' })), /qp-lead/);
  });

  it('cuts the content into pieces that join back to it, containers opened where a piece would be too big', async () => {
    const { html } = bigPage(600_000);
    const parsed = await parse(html, { url: 'https://news.example/ferry' });
    const content = readerContent(parsed);
    const items = splitContent(content, 8192);
    assert.equal(joinItems(items), content);
    const sizes = [];
    const walk = (list) => list.forEach((item) => (typeof item === 'string' ? sizes.push(item.length) : walk(item.items)));
    walk(items);
    assert.ok(sizes.length > 10, `${sizes.length} pieces`);
    assert.ok(Math.max(...sizes) < 8192 * 2, `a piece of ${Math.max(...sizes)} bytes`);
    for (const page of ['cluttered-news.html', 'table-article.html', 'list-article.html', 'rtl-article.html']) {
      const a = await parse(fixture(page), { url: 'https://x.example/' });
      const c = readerContent(a);
      assert.equal(joinItems(splitContent(c, 256)), c, page);
    }
  });
});

describe('documents', () => {
  it('renders a standalone document without script, with the settings', async () => {
    const a = await parse(fixture('rtl-article.html'), { url: 'https://x.example/a' });
    const html = renderDocument(a, { css: '/* note */\n.qp-article { color: red; }', url: 'https://x.example/a', settings: { theme: 'sepia', size: 22, font: 'nope' } });
    assert.match(html, /^<!doctype html>\n<html lang="ar" dir="rtl" class="qp-reader qp-document" data-theme="sepia" data-font="serif" data-width="medium" style="--qp-size:22px;--qp-line-height:1\.6">/);
    assert.match(html, /<style>\n\.qp-article \{ color: red; \}\n<\/style>/);
    assert.doesNotMatch(html, /<script/i);
    assert.ok(html.includes(renderArticle(a, { url: 'https://x.example/a' })));
  });

  it('writes the Markdown file with a header', () => {
    const md = markdownDocument(article({ title: 'A *bold* claim', author: 'Ada', publishedTime: '2024-03-14', markdown: 'Text.\n' }), { url: 'https://x.example/a b' });
    assert.equal(md, '# A \\*bold\\* claim\n\nAda · March 14, 2024\n\nSource: <https://x.example/a%20b>\n\nText.\n');
  });

  it('names files after the title, without what file systems refuse', () => {
    assert.equal(fileName(article({ title: 'What? A "quote": 1/2 <b>…' }), 'html'), 'What A quote 1 2 b ….html');
    assert.equal(fileName(article({ title: '...' }), 'md'), 'article.md');
  });

  it('keeps valid settings only', () => {
    assert.deepEqual(normalizeSettings({ theme: 'dark', size: 99, lineHeight: 1.9, width: 'wide', font: 'legible', extra: 1 }),
      { ...DEFAULT_SETTINGS, theme: 'dark', lineHeight: 1.9, width: 'wide', font: 'legible' });
    assert.deepEqual(normalizeSettings(null), DEFAULT_SETTINGS);
  });
});

describe('file:// pages in the extension (extension/file-urls.js)', () => {
  it('parses with a stand-in base URL and restores file: URLs, images as data: URLs where captured', async () => {
    assert.equal(fileUrlMapping('https://x.example/'), null);
    const mapping = fileUrlMapping('file:///home/ada/Saved/page.html');
    assert.match(mapping.base, /^https:\/\/qp-[0-9a-f]{24}\.invalid\/home\/ada\/Saved\/page\.html$/);
    const page = '<html><head><title>Tide tables</title></head><body><article><h1>Tide tables</h1>'
      + `<p>${'The harbour office printed its tide tables on a press in the back room for forty years. '.repeat(8)}</p>`
      + '<p><img src="page_files/a.png" srcset="page_files/a.png 1x, page_files/a2.png 2x"> <img src="page_files/b.png"> <a href="other.html">next</a></p></article></body></html>';
    const parsed = await parse(page, { url: mapping.base });
    const restored = mapping.restore(parsed, new Map([['file:///home/ada/Saved/page_files/a.png', 'data:image/png;base64,AAAA']]));
    assert.match(restored.content, /<img src="data:image\/png;base64,AAAA">/);
    assert.match(restored.content, /<img src="file:\/\/\/home\/ada\/Saved\/page_files\/b\.png">/);
    assert.match(restored.content, /<a href="file:\/\/\/home\/ada\/Saved\/other\.html">/);
    assert.doesNotMatch(restored.content, /invalid/);
  });

  it('reads the images of an MHTML capture', () => {
    const mhtml = ['MIME-Version: 1.0', 'Content-Type: multipart/related;', '\ttype="text/html";', '\tboundary="----B"', '',
      '------B', 'Content-Type: text/html', 'Content-Location: file:///p.html', '', '<p>x</p>',
      '------B', 'Content-Type: image/png', 'Content-Transfer-Encoding: base64', 'Content-Location: file:///a.png', '', 'iVBO', 'Rw0K',
      '------B', 'Content-Type: image/svg+xml', 'Content-Transfer-Encoding: quoted-printable', 'Content-Location: file:///b.svg', '', '<svg a=3D"1"/>=', '',
      '------B', 'Content-Type: image/png', 'Content-Transfer-Encoding: base64', 'Content-Location: https://web.example/c.png', '', 'AAAA',
      '------B--', ''].join('\r\n');
    assert.deepEqual([...mhtmlImages(mhtml)], [
      ['file:///a.png', 'data:image/png;base64,iVBORw0K'],
      ['file:///b.svg', `data:image/svg+xml;base64,${btoa('<svg a="1"/>')}`],
    ]);
  });
});
