// The Markdown output must be as safe as the HTML one in the renderers people
// use: commonmark (defaults), marked (defaults: GFM) and markdown-it with raw
// HTML allowed, each running in a real Chromium page. Every fixture's and
// every XSS vector's Markdown (tests/fixtures/xss-vectors.json and, for
// footnotes, formulas and code blocks, markdown-vectors.json, each also
// put in the places where Markdown differs: headings, list items, table
// cells, next to code spans, emphasis, bare URLs and links) is rendered by
// all three and inserted into the page with a trap for any script that
// runs; then the DOM must hold only what Markdown makes, with http(s) and
// mailto URLs only. Generated vectors (payloads next to fence-, cell- and
// link-breaking fragments) bring the distinct vectors past 400.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, it } from 'node:test';

import { chromium } from 'playwright-core';

import { createReader } from '../../js/index.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// The renderers' browser builds (UMD: window.commonmark, window.marked, window.markdownit).
const RENDERER_SCRIPTS = ['commonmark/dist/commonmark.min.js', 'marked/lib/marked.umd.js',
  'markdown-it/dist/browser/markdown-it.umd.min.js'].map((path) => fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url)));

const fixtures = new URL('../fixtures/', import.meta.url);
const vectors = Object.values(JSON.parse(readFileSync(new URL('xss-vectors.json', fixtures), 'utf8'))).flat();
// Footnotes, formulas and code blocks (issue 18): labels and note texts that
// would be link definitions, TeX with raw HTML, links, backticks, dollars,
// code language names that would break their fence.
const longform = Object.values(JSON.parse(readFileSync(new URL('markdown-vectors.json', fixtures), 'utf8'))).flat();

// Each vector as it is, and in the places the Markdown writer treats apart.
const PLACES = [
  (v) => v,
  (v) => `<h2>${v}</h2>`,
  (v) => `<ul><li>${v}</li><li>b</li></ul>`,
  (v) => `<table><tr><th>h</th><th>i</th></tr><tr><td>${v}</td><td><code>\`</code></td></tr></table>`,
  (v) => `<p><code>a\`\`b</code>${v}<kbd>&lt;img src=x onerror="pwned('next-to-code')"&gt;</kbd></p>`,
  (v) => `<p>x<b>${v}</b><b><code>&lt;b&gt;</code></b>!<a href="/after">${v}</a></p>`,
  (v) => `<p>See https://x.example/${v}<code>&lt;img src=x onerror="pwned('after-url')"&gt;</code></p>`,
];
// Generated vectors: a payload that is live Markdown or HTML if it escapes
// its text, next to the fragments that break code fences, table cells,
// links and emphasis, inside and between the inline elements the writer
// treats apart, in the blocks it treats apart. Distinct by construction.
const PAYLOADS = ['&lt;img src=x onerror="pwned(\'gen\')"&gt;', '[x](javascript:pwned(\'gen\'))',
  '![x](javascript:pwned(\'gen\'))', '&lt;script&gt;pwned(\'gen\')&lt;/script&gt;', '&lt;javascript:pwned(\'gen\')&gt;',
  '&lt;a href="javascript:pwned(\'gen\')"&gt;x&lt;/a&gt;', '&lt;svg onload=pwned(\'gen\')&gt;',
  '[x][r]\n[r]: javascript:pwned(\'gen\')'];
const FRAGMENTS = ['`', '``', '```', '\\', '\\|', '|', ']', '](', '*', '_', '~~', '!', '&lt;', '&amp;lt;', '\\`'];
const INLINE = [(t) => t, (t) => `<code>${t}</code>`, (t) => `<kbd>${t}</kbd>`, (t) => `<samp>${t}</samp>`,
  (t) => `<tt>${t}</tt>`, (t) => `<em>${t}</em>`, (t) => `<strong>${t}</strong>`, (t) => `<del>${t}</del>`,
  (t) => `<a href="/g">${t}</a>`];
const BLOCKS = [(t) => `<p>${t}</p>`, (t) => `<h3>${t}</h3>`, (t) => `<ul><li>${t}</li></ul>`,
  (t) => `<table><tr><th>h</th><th>i</th></tr><tr><td>${t}</td><td>c</td></tr></table>`];
const generated = [...new Set(Array.from({ length: 420 }, (_, i) => {
  const first = INLINE[i % INLINE.length];
  const second = INLINE[Math.floor(i / INLINE.length) % INLINE.length];
  const fragment = FRAGMENTS[(i * 7) % FRAGMENTS.length];
  const payload = PAYLOADS[Math.floor(i / 3) % PAYLOADS.length];
  return BLOCKS[(i * 5) % BLOCKS.length](`${first(fragment + payload)}${second(fragment + PAYLOADS[i % PAYLOADS.length])}`);
}))];

const prose = 'The council bought the ship for a symbolic sum last spring, and volunteers spent the winter on it. ';
const embed = (snippet) => `<html><head><title>Test article about ferries and libraries</title></head><body>
  <article><h1>Test article</h1><p>${prose.repeat(4)}</p>${snippet}<p>${prose.repeat(4)}</p></article></body></html>`;

let browser;
before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup.sh (it installs Debian's chromium)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});
after(async () => { await browser?.close(); });

it('no fixture or vector runs script or carries a script URL once its Markdown is rendered', { timeout: 300_000 }, async () => {
  const reader = await createReader();
  const markdowns = [];
  for (const name of readdirSync(fixtures).filter((f) => f.endsWith('.html'))) {
    const article = reader.parse(readFileSync(new URL(name, fixtures), 'utf8'), { url: 'https://example.com/news/a.html', markdown: true });
    markdowns.push({ what: name, markdown: article.markdown });
  }
  let vectorCount = 0;
  for (const vector of [...vectors, ...longform]) {
    for (const place of PLACES) {
      const snippet = place(vector);
      const article = reader.parse(embed(snippet), { url: 'https://example.com/news/article.html', markdown: true });
      if (!article?.markdown) continue;
      markdowns.push({ what: snippet, markdown: article.markdown });
      vectorCount++;
    }
  }
  for (const vector of generated) {
    const article = reader.parse(embed(vector), { url: 'https://example.com/news/article.html', markdown: true });
    if (!article?.markdown) continue;
    markdowns.push({ what: vector, markdown: article.markdown });
  }
  // The red-team set (issue 19) had 431 vectors: at least 400 distinct ones here.
  assert.ok(vectors.length + generated.length >= 400, `${vectors.length} + ${generated.length} distinct vectors`);
  assert.ok(longform.length >= 20, `${longform.length} footnote, formula and code vectors`);
  assert.ok(vectorCount >= 7 * 100, `${vectorCount} vectors in their places`);

  const page = await browser.newPage();
  const ran = [];
  page.on('dialog', (dialog) => { ran.push(`dialog: ${dialog.message()}`); dialog.dismiss(); });
  await page.exposeFunction('reportPwned', (what) => ran.push(what));
  await page.setContent('<!doctype html><html><body><main id="out"></main></body></html>');
  for (const path of RENDERER_SCRIPTS) await page.addScriptTag({ path });
  await page.evaluate(() => {
    window.pwned = (what) => window.reportPwned(String(what));
    window.alert = window.confirm = window.prompt = window.pwned;
  });

  const problems = await page.evaluate((items) => {
    const renderers = {
      commonmark: (md) => new window.commonmark.HtmlRenderer().render(new window.commonmark.Parser().parse(md)),
      marked: (md) => window.marked.parse(md),
      'markdown-it': (md) => window.markdownit({ html: true }).render(md),
    };
    // What Markdown itself makes: any other element is raw HTML that got through.
    const allowed = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code',
      'em', 'strong', 'del', 's', 'a', 'img', 'br', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
    const found = [];
    const out = document.getElementById('out');
    // The trap works: raw HTML that markdown-it lets through runs.
    const canary = document.createElement('section');
    canary.innerHTML = renderers['markdown-it']('<img src=x onerror="pwned(\'canary\')">');
    out.append(canary);
    for (const { what, markdown } of items) {
      for (const [name, render] of Object.entries(renderers)) {
        const section = document.createElement('section');
        section.innerHTML = render(markdown);
        out.append(section);
        for (const el of section.querySelectorAll('*')) {
          if (!allowed.has(el.localName)) found.push(`${name}: <${el.localName}> from ${what}`);
          for (const { name: attr, value } of el.attributes) {
            if (/^on/i.test(attr)) found.push(`${name}: ${el.localName}[${attr}] from ${what}`);
            if (['href', 'src'].includes(attr) && !/^(https?:|mailto:)/i.test(value.trim())) {
              found.push(`${name}: ${el.localName}[${attr}=${value}] from ${what}`);
            }
          }
        }
      }
    }
    for (const el of out.querySelectorAll('a')) {
      el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      el.focus();
    }
    return found;
  }, markdowns);
  // Let images fail and handlers (if any) fire.
  await page.waitForTimeout(1500);
  await page.close();
  assert.ok(ran.includes('canary'), 'the trap catches script that runs');
  assert.deepEqual(ran.filter((what) => what !== 'canary'), [], 'script ran');
  assert.deepEqual(problems, [], 'raw HTML or a script URL in the rendered Markdown');
});
