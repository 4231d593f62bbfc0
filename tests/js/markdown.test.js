import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import * as commonmark from 'commonmark';
import { parseHTML } from 'linkedom';
import MarkdownIt from 'markdown-it';
import { marked } from 'marked';

import { createReader, parse, QuietpageError } from '../../js/index.js';
import { CLUTTERED_NEWS_URL, expectedClutteredNews, fixture, repoRoot } from './helpers.js';

const PROSE = 'The council bought the ship for a symbolic sum last spring, and volunteers spent the winter on it. '.repeat(4);

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

// The Markdown as CommonMark renderers read it: commonmark (the reference,
// defaults), marked (defaults: GFM) and markdown-it (raw HTML allowed).
const RENDERERS = {
  commonmark: (md) => new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(md)),
  marked: (md) => marked.parse(md),
  'markdown-it': (md) => markdownIt.render(md),
};
const markdownIt = new MarkdownIt({ html: true });
// What Markdown itself makes: any other element is raw HTML that got through.
const MARKDOWN_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre',
  'code', 'em', 'strong', 'del', 's', 'a', 'img', 'br', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

const bodyOf = (html) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body;

const FORMAT = { em: 'em', i: 'em', strong: 'strong', b: 'strong', del: 'del', s: 'del', code: 'code', kbd: 'code', a: 'a' };
/** Each non-space character with the formatting around it (strikethrough only `withDel`). */
function characters(root, withDel) {
  const out = [];
  const walk = (node, formats) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        for (const ch of child.textContent) if (!/\s/.test(ch)) out.push({ ch, formats });
      } else if (child.nodeType === 1) {
        const f = FORMAT[child.localName];
        walk(child, f && (withDel || f !== 'del') && !formats.includes('code') ? [...formats, f].sort() : formats);
      }
    }
  };
  walk(root, []);
  return withDel ? out : out.filter(({ ch }) => ch !== '~');
}

/** Everything unsafe or not made by Markdown in a renderer's output. */
function problemsIn(html) {
  const found = [];
  for (const el of bodyOf(html).querySelectorAll('*')) {
    if (!MARKDOWN_TAGS.has(el.localName)) found.push(`<${el.localName}>`);
    for (const { name, value } of el.attributes) {
      if (/^on/i.test(name)) found.push(`${el.localName}[${name}]`);
      if ((name === 'href' || name === 'src') && !/^(https?:|mailto:)/i.test(value.trim())) found.push(`${name}=${value}`);
    }
  }
  return found;
}

// The red-team's Markdown findings (issue 19) and relatives, each embedded in an article.
const MARKDOWN_VECTORS = [
  '<p><code>&lt;img src=x onerror="alert(1)"&gt;</code><code>a``b</code></p>',
  '<h2><kbd>&lt;img src=x onerror=alert(1)&gt;</kbd><samp>a``b</samp></h2>',
  '<ul><li><tt>[x](javascript:alert(1))</tt><code>a``b</code></li></ul>',
  '<table><tr><th>h</th></tr><tr><td><code>a\\|&lt;img src=x onerror=alert(1)&gt;</code></td><td><code>`</code><code>[x](javascript:alert(1))</code></td></tr></table>',
  '<p>Look!<a href="https://x.example/i.png">pic</a></p>',
  '<p>See https://x.example/<code>&lt;img src=x onerror=alert(1)&gt;</code> and https://x.example/&lt;img src=x onerror=alert(1)&gt;</p>',
  '<p><a href="/a"><code>]`(javascript:alert(1))</code></a><code>&lt;img src=x onerror=alert(1)&gt;</code></p>',
  '<p><em><a href="/p"><img src="/i.png" alt="a"><b>x~~</b></a><code>&lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1))</code></em></p>',
  '<p><b>a</b><b><code>&lt;img src=x onerror=alert(1)&gt;</code></b><b>b</b></p>',
  '<pre>```\n&lt;img src=x onerror=alert(1)&gt;\n````</pre><table><tr><td><pre>`&lt;/td&gt;&lt;img src=x onerror=alert(1)&gt;|</pre></td></tr></table>',
];

// Footnotes, formulas and code blocks (issue 18): what their Markdown may not let through.
const LONGFORM_VECTORS = Object.values(JSON.parse(readFileSync(join(repoRoot, 'tests', 'fixtures', 'markdown-vectors.json'), 'utf8'))).flat();

describe('Markdown output, rendered', () => {
  let reader;
  before(async () => { reader = await createReader(); });

  const article = (vector) => `<html><body><article><h1>Test</h1><p>${PROSE}</p>${vector}<p>${PROSE}</p></article></body></html>`;

  it('never lets raw HTML or a script URL through commonmark, marked or markdown-it (issue 19)', () => {
    for (const vector of [...MARKDOWN_VECTORS, ...LONGFORM_VECTORS]) {
      const { markdown } = reader.parse(article(vector), { url: 'https://example.com/news/a.html', markdown: true });
      for (const [name, render] of Object.entries(RENDERERS)) {
        assert.deepEqual(problemsIn(render(markdown)), [], `${name}: ${vector}\n${markdown}`);
      }
    }
  });

  it('the CLI\'s --format markdown too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quietpage-md-'));
    const page = join(dir, 'page.html');
    writeFileSync(page, article(MARKDOWN_VECTORS.join('\n')));
    const md = execFileSync(process.execPath, [join(repoRoot, 'bin', 'quietpage.js'), page, '--format', 'markdown',
      '--url', 'https://example.com/news/a.html'], { encoding: 'utf8' });
    assert.match(md, /```<img src=x onerror="alert\(1\)">a``b```/);
    for (const [name, render] of Object.entries(RENDERERS)) assert.deepEqual(problemsIn(render(md)), [], name);
  });

  it('footnotes: every reference is [^n], every note a complete definition at the end (issue 18)', () => {
    const { content, markdown } = reader.parse(fixture('footnotes-article.html'),
      { url: 'https://en.wiki.example/wiki/Tidal_locking', markdown: true });
    const html = bodyOf(content);
    // The HTML's references (links to a note) and notes (list items linked to).
    const notes = [...html.querySelectorAll('li[id^="qp-cite_note"]')];
    const references = [...html.querySelectorAll('a[href^="#qp-cite_note"]')];
    assert.equal(notes.length, 3);
    assert.equal(references.length, 4);
    const noteIds = [...new Set(references.map((a) => decodeURIComponent(a.getAttribute('href').slice(1))))];
    assert.deepEqual(markdown.match(/\[\^\d+\](?!:)/g), ['[^1]', '[^2]', '[^2]', '[^3]']);
    // The definitions close the Markdown, in the order of first reference,
    // each with its note's text (what follows the links back).
    const definitions = markdown.slice(markdown.indexOf('\n[^1]: ') + 1).split('\n\n');
    assert.equal(definitions.length, notes.length);
    noteIds.forEach((id, i) => {
      const note = html.querySelector(`[id="${id}"]`);
      const text = note.lastElementChild.textContent.replace(/\s+/g, ' ').trim();
      // The definition, as a renderer without footnotes shows it.
      const shown = bodyOf(RENDERERS.commonmark(definitions[i])).textContent.replace(/\s+/g, ' ').trim();
      assert.ok(shown.startsWith(`[^${i + 1}]: `) && shown.endsWith(text), `${shown} ends with ${text}`);
    });
    // The references read as "[^n]" there too, and links stay links.
    const rendered = bodyOf(RENDERERS.commonmark(markdown));
    assert.equal(rendered.textContent.match(/\[\^\d\](?!:)/g).length, 4);
    assert.ok(rendered.querySelector('a[href="https://en.wiki.example/wiki/Tidal_locking#Timescale"]'));
  });

  it('formulas: $TeX$ inline and $$TeX$$ on a line of its own, read as text without math (issue 18)', () => {
    const { markdown } = reader.parse(fixture('math-article.html'), { url: 'https://ex.example/q.html', markdown: true });
    for (const formula of ['$a{x}^{2}+b x+c=0$', '$\\Delta = b^2 - 4ac$', '\n\n$$x = \\frac{-b \\pm \\sqrt{\\Delta}}{2a}$$\n\n',
      '${x}_{1}+{x}_{2}=−\\frac{b}{a}$', '$x_1 x_2 = \\frac{c}{a}$', '\n\n$$a(x - x_1)(x - x_2) = 0$$\n\n', '$x=1$']) {
      assert.ok(markdown.includes(formula), `${formula} in\n${markdown}`);
    }
    // Renderers without math show the TeX as it is written.
    for (const [name, render] of Object.entries(RENDERERS)) {
      const text = bodyOf(render(markdown)).textContent;
      for (const tex of ['$\\Delta = b^2 - 4ac$', '$$x = \\frac{-b \\pm \\sqrt{\\Delta}}{2a}$$', '$x_1 x_2 = \\frac{c}{a}$']) {
        assert.ok(text.includes(tex), `${name}: ${tex}`);
      }
    }
  });

  it('emphasis and strong next to punctuation, words, links and each other render as in the HTML (issue 16)', () => {
    // Cases CommonMark can write: every character keeps exactly its formatting.
    const CASES = ['foo<em>bar</em>baz', '<em>a</em>.', '(<strong>x</strong>)', '“<em>quoted</em>”', '<b>bold</b>, <i>it</i>!',
      'end.<em>Start</em>', 'l’<em>été</em>', '<b>中文</b>字', '<em>—dash—</em>', '<em>it’s</em>',
      'snake_case <em>word</em> a_b_c', 'x_<em>y</em>_z', '5*<em>3</em>*2', '<em>*</em> <b>_</b> <i>[</i>',
      '<em>a</em><strong>b</strong>', '<strong>a</strong><em>b</em>', 'a<em>b</em><em>c</em>d', '<i>1</i>2<b>3</b>',
      'x<em> spaced </em>y', '<strong>a<em>b</em>c</strong>', '<em>a<strong>b</strong>c</em>', '<b><i>both</i></b>',
      '<i>(<b>b</b>)</i>', '<em>a <a href="/l">link</a> b</em>', '<a href="/l"><em>in</em> link</a>',
      '<em><a href="/l">whole link</a></em>', '<a href="/l">a<b>b</b></a>c', '<b>[<a href="/l">x</a>]</b>',
      '<code>x</code><em>y</em>', '<em>a</em><code>b</code>', '<del>gone</del> <s>a</s><del>b</del>'];
    const html = `<html><body><article><h1>Cases</h1><p>${PROSE}</p>${CASES.map((c, i) => `<p>case${i} ${c} end</p>`).join('')}</article></body></html>`;
    const { content, markdown } = reader.parse(html, { url: 'https://example.com/e.html', markdown: true });
    for (const [name, withDel] of [['commonmark', false], ['marked', true], ['markdown-it', true]]) {
      const expected = characters(bodyOf(content), withDel);
      const got = characters(bodyOf(RENDERERS[name](markdown)), withDel);
      assert.equal(got.map((c) => c.ch).join(''), expected.map((c) => c.ch).join(''), `${name}: the text`);
      for (let k = 0; k < got.length; k++) {
        assert.deepEqual(got[k].formats, expected[k].formats,
          `${name}: ${got[k].ch} at ${k}, in ${got.slice(Math.max(0, k - 12), k + 4).map((c) => c.ch).join('')}`);
      }
    }
  });

  it('renders the text and formatting of the HTML output (commonmark, markdown-it)', () => {
    // Seeded random inline markup, adjacent and nested, between punctuation.
    let seed = 19;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = (list) => list[Math.floor(random() * list.length)];
    const WORDS = ['word', 'x1', '.', ',', '(', ')', '"', '!', '?', '-', '*', '_', '`', '~', '#', '&', '&amp;', '&lt;b&gt;',
      '[', ']', '\\', 'é', '中', '“', '”', '—', '1.', '😀', ':', 'https://u.example/', 'www.w.example'];
    const TAGS = ['em', 'strong', 'b', 'i', 'del', 'code', 'kbd', 'a', 'span', 'img', 'br'];
    const inline = (depth, inLink) => {
      let s = '';
      for (let k = 1 + Math.floor(random() * 4); k > 0; k--) {
        const r = random();
        if (r < 0.3 || depth > 3) s += pick(WORDS);
        else if (r < 0.45) s += pick([' ', ' ', '\n']);
        else {
          let tag = pick(TAGS);
          if (tag === 'a' && inLink) tag = 'span';
          if (tag === 'img') s += `<img src="/i.png" alt="${pick(['', 'alt', 'a*b'])}">`;
          else if (tag === 'br') s += '<br>';
          else s += `<${tag}${tag === 'a' ? ` href="/${pick(['p', 'q(1)', 'a b'])}"` : ''}>${inline(depth + 1, inLink || tag === 'a')}</${tag}>`;
        }
      }
      return s;
    };
    const blocks = [];
    for (let i = 0; i < 300; i++) {
      const body = `start${i} ${inline(0, false)} end${i}`;
      blocks.push(pick([`<p>${body}</p>`, `<ul><li>${body}</li></ul>`, `<h3>${body}</h3>`, `<blockquote><p>${body}</p></blockquote>`]));
    }
    const html = `<html><body><article><h1>Generated</h1><p>${PROSE}</p>${blocks.join('\n')}</article></body></html>`;
    const { content, markdown } = reader.parse(html, { url: 'https://example.com/g.html', markdown: true });
    for (const [name, withDel] of [['commonmark', false], ['markdown-it', true]]) {
      const expected = characters(bodyOf(content), withDel);
      const got = characters(bodyOf(RENDERERS[name](markdown)), withDel);
      assert.equal(got.map((c) => c.ch).join(''), expected.map((c) => c.ch).join(''), `${name}: the text`);
      let dropped = 0;
      for (let k = 0; k < got.length; k++) {
        const extra = got[k].formats.filter((f) => !expected[k].formats.includes(f));
        assert.deepEqual(extra, [], `${name}: formatting the HTML does not have, at ${k} (${got[k].ch})`);
        if (expected[k].formats.some((f) => !got[k].formats.includes(f))) dropped++;
      }
      // Markup whose delimiters could not open or close where they stand is
      // left out (its text kept): a minority, in this punctuation-heavy text.
      assert.ok(dropped < got.length / 4, `${name}: ${dropped} of ${got.length} characters lost formatting`);
    }
  });
});
