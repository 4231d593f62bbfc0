// Issue 19's seven findings, checked on a native build's corpus_runner: each
// vector in an article, the outputs checked as the regression tests check
// them (Markdown rendered with commonmark, marked and markdown-it with HTML
// on). Run it on today's build and on one of the code the issue was filed
// against (bench/RESULTS.md, "Issue 19's findings on the old code"):
//   node bench/findings19.mjs build/native/corpus_runner
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as commonmark from 'commonmark';
import MarkdownIt from 'markdown-it';
import { marked } from 'marked';

const runner = process.argv[2];
if (!runner) {
  console.error('usage: node bench/findings19.mjs CORPUS_RUNNER');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'findings19-'));
const PROSE = 'This paragraph is ordinary article prose, long enough that the extractor takes the article around it. '.repeat(4);
const article = (vector) => `<html><body><article><h1>Test</h1><p>${PROSE}</p>${vector}<p>${PROSE}</p></article></body></html>`;

// The article's fields (--full), the wall time and the peak memory of the run.
function run(html, name) {
  const page = join(dir, `${name}.html`);
  writeFileSync(page, html);
  const start = process.hrtime.bigint();
  const out = execFileSync('/usr/bin/time', ['-f', '%M', runner, '--url', 'https://example.com/news/a.html', '--full', page],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { result: JSON.parse(out.split('\n').find((l) => l.startsWith('{'))), seconds };
}
function runWithMemory(html, name) {
  const page = join(dir, `${name}.html`);
  writeFileSync(page, html);
  const r = spawnSync('/usr/bin/time', ['-f', 'maxrss %M', runner, '--full', page], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return { kb: Number((r.stderr.match(/maxrss (\d+)/) || [0, 0])[1]), error: (r.stdout.match(/"error":"([^"]*)"/) || [0, ''])[1] };
}
const field = (r, key) => r.result[key] ?? r.result.article?.[key] ?? '';

const RENDERERS = {
  commonmark: (md) => new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(md)),
  marked: (md) => marked.parse(md),
  'markdown-it': (md) => new MarkdownIt({ html: true }).render(md),
};
// Script in the rendered Markdown: an event handler, a javascript: URL, or
// an image the page never had (finding 7).
function unsafe(markdown) {
  const found = [];
  for (const [name, render] of Object.entries(RENDERERS)) {
    const html = render(markdown);
    if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html) || /(href|src)\s*=\s*"?\s*javascript:/i.test(html) ||
        /<img[^>]*i\.png/.test(html))
      found.push(name);
  }
  return found;
}

const rows = [];
function check(finding, what, ok, detail) {
  rows.push({ finding, what, ok, detail });
}

// 1, 2, 7: Markdown that runs script in a renderer.
const markdownVectors = [
  [1, 'adjacent code spans', '<p><code>&lt;img src=x onerror="alert(1)"&gt;</code><code>a``b</code></p>'],
  [1, 'kbd and samp in a heading', '<h2><kbd>&lt;img src=x onerror=alert(1)&gt;</kbd><samp>a``b</samp></h2>'],
  [1, 'tt and code in a list item', '<ul><li><tt>[x](javascript:alert(1))</tt><code>a``b</code></li></ul>'],
  [2, 'escaped pipe in a table cell', '<table><tr><th>h</th><th>i</th></tr><tr><td><code>a\\|&lt;img src=x onerror=alert(1)&gt;</code></td><td>b</td></tr></table>'],
  [7, "'!' before a link", '<p>Look!<a href="https://x.example/i.png">pic</a></p>'],
];
for (const [finding, what, vector] of markdownVectors) {
  const r = run(article(vector), `f${finding}`);
  const md = field(r, 'markdown');
  const bad = unsafe(md);
  check(finding, what, bad.length === 0, bad.length ? `runs in ${bad.join(', ')}` : 'no script, no image');
}

// 3: the guard's view of the tree builder.
const REPLACEMENT = '\uFFFD';
for (const [what, vector] of [
  ['<plaintext> inside <svg>', '<svg><plaintext></plaintext></svg><p>[&#4294967393;]</p>'],
  ['<xmp> inside <select>', '<select><xmp></select><p>[&#4294967393;]</p>'],
]) {
  const r = run(article(vector), 'f3');
  const text = field(r, 'textContent');
  const shown = text.includes(`[${REPLACEMENT}]`) ? '[U+FFFD]' : (text.match(/\[[^\]]*\]/) || ['(none)'])[0];
  check(3, `${what}: a too-long reference after it`, shown === '[U+FFFD]', `text shows ${shown}`);
}
{
  const r = run(article('<svg><p>x</p><xmp>[&#99999999999;]</xmp>'), 'f3x');
  const content = field(r, 'content');
  const shown = (content.match(/\[[^\]]*\]/) || ['(none)'])[0];
  check(3, '<xmp> after a breakout from <svg>: raw text', shown === '[&amp;#99999999999;]', `content shows ${shown}`);
}
for (const [what, item] of [['<tr><td>cell x 2,100', '<tr><td>cell'], ['<li><p>item x 2,100', '<li><p>item']]) {
  const wrap = item.startsWith('<tr>') ? ['<table>', '</table>'] : ['<ul>', '</ul>'];
  const r = run(article(`${wrap[0]}${item.repeat(2100)}${wrap[1]}<div hidden>SECRET</div><p>after <a href="/l">the link</a></p>`), 'f3d');
  const text = field(r, 'textContent');
  const content = field(r, 'content');
  const ok = !text.includes('SECRET') && /<a [^>]*href="https:\/\/example.com\/l"/.test(content);
  check(3, `${what}, then hidden text and a link`, ok, `hidden text ${text.includes('SECRET') ? 'leaks' : 'stays out'}, link ${/href="https:\/\/example.com\/l"/.test(content) ? 'kept' : 'lost'}`);
}

// 4: colspan amplification, peak memory of the whole run.
{
  let table = '<table>';
  for (let i = 0; i < 20000; ++i) table += '<tr><td colspan=1000>c</td></tr>';
  table += '</table>';
  const { kb, error } = runWithMemory(article(table), 'f4');
  check(4, `table of 20,000 cells with colspan=1000 (${Math.round(article(table).length / 1024)} KB)`, kb < 256 * 1024,
    `peak memory ${Math.round(kb / 1024)} MB${error ? `, ${error}` : ''}`);
}

// 5: 10x the input, at most 15x the time.
for (const [what, unit, n] of [
  ['distinct attributes on an end tag', (k) => `<p>x</p${Array.from({ length: k }, (_, i) => ` a${i}`).join('')}>`, 2000],
  ['<div/> repeated', (k) => '<div/>x'.repeat(k), 2000],
]) {
  const small = run(article(unit(n)), 'f5a').seconds;
  const large = run(article(unit(10 * n)), 'f5b').seconds;
  const ratio = large / small;
  check(5, `${what}: ${n} and ${10 * n}`, ratio <= 15, `${small.toFixed(2)} s, ${large.toFixed(2)} s: ${ratio.toFixed(1)}x`);
}

// 6: video frames only from players' embed paths.
{
  const r = run(article('<iframe src="https://web.archive.org/web/2024id_/https://evil.example/"></iframe><iframe src="https://upload.wikimedia.org/x.html"></iframe>'), 'f6');
  const content = field(r, 'content');
  check(6, 'archive.org page and upload.wikimedia.org page as frames', !/<iframe/.test(content),
    /<iframe/.test(content) ? 'an <iframe> is kept' : 'no <iframe>');
}

rmSync(dir, { recursive: true, force: true });
console.log('| finding | input | holds | what came out |\n|---:|---|---|---|');
for (const r of rows) console.log(`| ${r.finding} | ${r.what} | ${r.ok ? 'yes' : 'NO'} | ${r.detail} |`);
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
