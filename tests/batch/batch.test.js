// quietpage-batch, run as a child process over web archives this test writes
// (plain, gzipped per record as Common Crawl does, gzipped whole), folders
// and lists of pages: one JSON line per page in input order, the JavaScript
// API's fields and values, damaged records counted and skipped, and the
// exit codes of the command line (0 articles, 2 none, 1 error).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';

import { parse } from '../../js/index.js';
import { BATCH, jsonLines, repoRoot, run } from './helpers.js';
import { FRENCH_PAGE, windows1252 } from './fixtures.js';
import { httpResponse, pageRecords, warcFile, warcinfo, warcRecord } from './warc.js';

const fixture = (name) => readFileSync(join(repoRoot, 'tests', 'fixtures', name));

const NO_ARTICLE_PAGE = '<!doctype html><html><head><title>Empty</title></head><body><img src="a.png"></body></html>';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

function chunked(buffer) {
  const half = Math.floor(buffer.length / 2);
  const parts = [buffer.subarray(0, half), buffer.subarray(half)];
  return Buffer.concat([...parts.flatMap((p) => [Buffer.from(`${p.length.toString(16)}\r\n`), p, Buffer.from('\r\n')]), Buffer.from('0\r\n\r\n')]);
}

/** The pages of the fixture archive, in order, and what each must give. */
const PAGES = [
  { url: 'https://news.example/harbour.html', response: { body: fixture('cluttered-news.html') }, expect: 'article' },
  { url: 'https://news.example/pixel.png', response: { contentType: 'image/png', body: PNG }, expect: 'NOT_HTML' },
  {
    url: 'https://journal.example/bibliotheque',
    response: { contentType: 'text/html; charset=windows-1252', body: windows1252(FRENCH_PAGE) },
    expect: 'article',
  },
  { url: 'https://news.example/gone', response: { status: 404, body: NO_ARTICLE_PAGE }, expect: 'HTTP_STATUS' },
  {
    url: 'https://news.example/list.html',
    response: {
      body: chunked(gzipSync(fixture('list-article.html'))),
      headers: { 'Transfer-Encoding': 'chunked', 'Content-Encoding': 'gzip' },
    },
    expect: 'article',
  },
  { url: 'https://news.example/empty', response: { body: NO_ARTICLE_PAGE }, expect: 'NO_ARTICLE' },
];

function fixtureRecords() {
  const records = [warcinfo()];
  PAGES.forEach(({ url, response }, i) => {
    records.push(...pageRecords(url, response));
    if (i === 2) {
      records.push(warcRecord({ type: 'metadata', uri: url, contentType: 'application/warc-fields', block: 'fetchTimeMs: 12\r\n' }));
      // A resource record: the page itself, no HTTP.
      records.push(warcRecord({ type: 'resource', uri: 'file:///media.html', contentType: 'text/html', block: fixture('media-article.html') }));
    }
  });
  return records;
}
const EXPECTED = [...PAGES.slice(0, 3).map((p) => p.expect), 'article', ...PAGES.slice(3).map((p) => p.expect)];
const URLS = [...PAGES.slice(0, 3).map((p) => p.url), 'file:///media.html', ...PAGES.slice(3).map((p) => p.url)];

/** A response record whose file ends inside its content. */
function truncatedRecord() {
  const whole = warcRecord({
    type: 'response', uri: 'https://news.example/cut', contentType: 'application/http; msgtype=response',
    block: httpResponse({ body: fixture('cluttered-news.html') }),
  });
  return whole.subarray(0, whole.length - 2000);
}

const outcome = (line) => line.error ?? 'article';

let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'quietpage-batch-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name, bytes) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function batch(args, options) {
  const result = await run(BATCH, args, options);
  return { ...result, get lines() { return jsonLines(result.stdout); } };
}

describe('quietpage-batch', { skip: existsSync(BATCH) ? false : `${BATCH} not built (bash scripts/build.sh native)` }, () => {
  it('writes one line per page of a WARC in record order, plain or gzipped per record or whole', async () => {
    const records = [...fixtureRecords(), truncatedRecord()];
    const outputs = [];
    for (const gzip of ['none', 'record', 'whole']) {
      const summary = join(dir, `summary-${gzip}.json`);
      const { code, stdout, lines } = await batch(['-q', '--summary-json', summary, write(`f-${gzip}.warc${gzip === 'none' ? '' : '.gz'}`, warcFile(records, gzip))]);
      assert.equal(code, 0);
      assert.deepEqual(lines.map(outcome), [...EXPECTED, 'MALFORMED_RECORD'], `gzip: ${gzip}`);
      assert.deepEqual(lines.map((l) => l.url), [...URLS, 'https://news.example/cut']);
      const s = JSON.parse(readFileSync(summary, 'utf8'));
      assert.equal(s.pages, 8);
      assert.equal(s.articles, 4);
      assert.deepEqual(s.errors, { HTTP_STATUS: 1, MALFORMED_RECORD: 1, NOT_HTML: 1, NO_ARTICLE: 1 });
      assert.equal(s.otherRecords, 1 + PAGES.length + 1); // warcinfo, requests, metadata
      outputs.push(stdout);
    }
    assert.equal(outputs[1], outputs[0]);
    assert.equal(outputs[2], outputs[0]);
  });

  it("gives the JavaScript API's fields and values for each article (charset from HTTP, chunked, gzip)", async () => {
    const { lines } = await batch(['-q', write('fields.warc', warcFile(fixtureRecords()))]);
    const bodies = [fixture('cluttered-news.html'), windows1252(FRENCH_PAGE), fixture('media-article.html'), fixture('list-article.html')];
    const charsets = [undefined, 'text/html; charset=windows-1252', 'text/html', undefined];
    const articles = lines.filter((l) => !l.error);
    assert.equal(articles.length, 4);
    for (const [i, line] of articles.entries()) {
      const expected = await parse(bodies[i], { url: line.url, charset: charsets[i] });
      const { content, markdown, length, ...fields } = expected;
      assert.deepEqual(line, { url: line.url, ...fields }, line.url);
      assert.deepEqual(Object.keys(line), ['url', ...Object.keys(fields).filter((k) => k !== 'textContent'), 'textContent']);
    }
    const french = articles[1];
    assert.equal(french.title, 'La bibliothèque flottante ouvre');
    assert.match(french.textContent, /Déjà vu — “quoted” : la bibliothèque de l’île .* 5 € par an\./);
    for (const line of lines.filter((l) => l.error)) {
      assert.deepEqual(Object.keys(line), ['url', 'error', 'message']);
      assert.equal(typeof line.message, 'string');
    }
  });

  it('adds the HTML and the Markdown when asked, and leaves out pages without an article', async () => {
    const warc = write('options.warc.gz', warcFile(fixtureRecords(), 'record'));
    const { lines } = await batch(['-q', '--html', '--markdown', '--articles-only', warc]);
    assert.equal(lines.length, 4);
    const expected = await parse(fixture('cluttered-news.html'), { url: PAGES[0].url, markdown: true });
    assert.equal(lines[0].content, expected.content);
    assert.equal(lines[0].markdown, expected.markdown);
    assert.deepEqual(Object.keys(lines[0]).slice(-3), ['textContent', 'markdown', 'content']);
    // Parse options by their JavaScript names.
    const strict = await batch(['-q', '--charThreshold', '100000', '--maxElements', '50', warc]);
    assert.ok(strict.lines.some((l) => l.error === 'TOO_MANY_ELEMENTS'));
  });

  it('counts damaged records and reads on: a wrong Content-Length, corrupt gzip, a file cut short', async () => {
    const good = (n) => pageRecords(`https://news.example/page-${n}`, { body: fixture('cluttered-news.html') })[1];
    // A Content-Length 40 bytes short: the record ends early, then junk.
    const short = good(1).toString('latin1').replace(/Content-Length: (\d+)/, (_, n) => `Content-Length: ${Number(n) - 40}`);
    const plain = warcFile([good(0), Buffer.from(short, 'latin1'), good(2)]);
    let { code, lines } = await batch(['-q', write('short.warc', plain)]);
    assert.equal(code, 0);
    assert.deepEqual(lines.map(outcome), ['article', 'article', 'MALFORMED_RECORD', 'article']);
    assert.equal(lines[3].url, 'https://news.example/page-2');

    // One gzip member corrupted in its middle: that record is lost, the next is read.
    const members = [good(0), good(1), good(2)].map((r) => gzipSync(r));
    const broken = Buffer.from(members[1]);
    broken.fill(0x55, 40, 400);
    ({ code, lines } = await batch(['-q', write('corrupt.warc.gz', Buffer.concat([members[0], broken, members[2]]))]));
    assert.equal(code, 0);
    assert.deepEqual(lines.map(outcome), ['article', 'MALFORMED_RECORD', 'article']);
    assert.equal(lines[2].url, 'https://news.example/page-2');
    // Corrupt near a member's end (the record is cut), then a member broken
    // from its start (a record lost whole): each counted once, in place.
    const endBroken = Buffer.from(members[1]);
    endBroken.fill(0x55, endBroken.length - 300, endBroken.length - 100);
    const startBroken = Buffer.from(members[2]);
    startBroken.fill(0, 3, 30);
    const fourth = gzipSync(good(3));
    ({ lines } = await batch(['-q', write('corrupt2.warc.gz', Buffer.concat([members[0], endBroken, startBroken, fourth, Buffer.alloc(50)]))]));
    assert.deepEqual(lines.map((l) => [l.url, outcome(l)]), [
      ['https://news.example/page-0', 'article'],
      ['https://news.example/page-1', 'MALFORMED_RECORD'],
      [null, 'MALFORMED_RECORD'],
      ['https://news.example/page-3', 'article'],
    ]);

    // The file ends inside a gzip member.
    const cut = Buffer.concat(members).subarray(0, members[0].length + members[1].length + 200);
    ({ code, lines } = await batch(['-q', write('cut.warc.gz', cut)]));
    assert.deepEqual(lines.map(outcome), ['article', 'article', 'MALFORMED_RECORD']);

    // Not a WARC at all: one damaged record, no article (exit 2).
    ({ code, lines } = await batch(['-q', write('notes.txt', 'just some notes\n')]));
    assert.equal(code, 2);
    assert.deepEqual(lines.map(outcome), ['MALFORMED_RECORD']);
  });

  it('skips records over maxInputBytes without reading them into memory', async () => {
    const big = pageRecords('https://news.example/big', { body: `<p>${'x'.repeat(300_000)}</p>` })[1];
    const next = pageRecords('https://news.example/next', { body: fixture('cluttered-news.html') })[1];
    const { lines } = await batch(['-q', '--maxInputBytes', '100000', write('big.warc', warcFile([big, next]))]);
    assert.deepEqual(lines.map(outcome), ['INPUT_TOO_LARGE', 'article']);
  });

  it('writes the same bytes whatever the number of threads', async () => {
    const pages = ['cluttered-news.html', 'list-article.html', 'media-article.html', 'rtl-article.html', 'short-article.html', 'table-article.html'];
    const records = Array.from({ length: 60 }, (_, i) => pageRecords(`https://news.example/${i}`, { body: fixture(pages[i % pages.length]) })[1]);
    const warc = write('many.warc.gz', warcFile(records, 'record'));
    const one = await batch(['-q', '-j1', warc]);
    const three = await batch(['-q', '--threads', '3', warc]);
    assert.equal(one.lines.length, 60);
    assert.equal(three.stdout, one.stdout);
    assert.deepEqual(one.lines.map((l) => l.url), records.map((_, i) => `https://news.example/${i}`));
  });

  it('reads folders (sorted, recursively), lists of URL<TAB>path, single pages and standard input', async () => {
    const site = join(dir, 'site');
    mkdirSync(join(site, 'b'), { recursive: true });
    writeFileSync(join(site, 'b', 'list.html'), fixture('list-article.html'));
    writeFileSync(join(site, 'a.htm'), fixture('cluttered-news.html'));
    writeFileSync(join(site, 'notes.txt'), 'not a page');
    writeFileSync(join(site, 'latin.html'), windows1252(FRENCH_PAGE.replace('<head>', '<head><meta charset="iso-8859-1">')));
    let { code, lines } = await batch(['-q', site]);
    assert.equal(code, 0);
    assert.deepEqual(lines.map((l) => l.file), ['a.htm', 'b/list.html', 'latin.html'].map((f) => join(site, f)));
    assert.ok(lines.every((l) => l.url === null && !l.error));
    assert.match(lines[2].textContent, /Déjà vu — “quoted”/);

    const list = write('pages.tsv', `# url<TAB>path\nhttps://news.example/a\tsite/a.htm\n\nsite/b/list.html\nhttps://news.example/gone\tsite/missing.html\n`);
    ({ code, lines } = await batch(['-q', '--list', list, join(site, 'a.htm')]));
    assert.equal(code, 0);
    assert.deepEqual(lines.map((l) => [l.url, l.file, outcome(l)]), [
      ['https://news.example/a', join(dir, 'site/a.htm'), 'article'],
      [null, join(dir, 'site/b/list.html'), 'article'],
      ['https://news.example/gone', join(dir, 'site/missing.html'), 'UNREADABLE'],
      [null, join(site, 'a.htm'), 'article'],
    ]);
    const relative = await parse(fixture('cluttered-news.html'), { url: 'https://news.example/a' });
    assert.equal(lines[0].leadImage, relative.leadImage);

    ({ code, lines } = await batch(['-q', '-'], { input: warcFile(fixtureRecords(), 'record') }));
    assert.equal(code, 0);
    assert.deepEqual(lines.map(outcome), EXPECTED);
  });

  it('writes valid JSON for any bytes (a URL that is not UTF-8)', async () => {
    const record = pageRecords('https://news.example/caf\u00e9', { body: fixture('cluttered-news.html') })[1];
    const latin1Url = Buffer.from(record.toString('latin1'), 'latin1'); // the é as one byte 0xE9
    const { lines } = await batch(['-q', write('bytes.warc', latin1Url)]);
    assert.equal(lines[0].url, 'https://news.example/caf\ufffd');
  });

  it('exits 2 without an article, 1 on errors, with a summary on standard error', async () => {
    let r = await batch([write('none.warc', warcFile(pageRecords('https://news.example/empty', { body: NO_ARTICLE_PAGE })))]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^quietpage-batch: 1 pages, 0 articles, 1 without an article \(NO_ARTICLE 1\); [\d.]+ s, \d+ pages\/s, \d+ threads/m);
    r = await batch([join(dir, 'no-such.warc')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot read .*no-such\.warc/);
    for (const args of [['--bogus', 'x.warc'], ['-j', '0', 'x.warc'], ['--maxDepth', 'deep', 'x.warc'], [], ['--url', 'https://a.example/', 'x.warc']]) {
      r = await batch(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, /^quietpage-batch: .*--help/);
    }
    r = await batch(['--help']);
    assert.equal(r.code, 0);
    for (const flag of ['--charThreshold', '--nbTopCandidates', '--maxInputBytes', '--maxElements', '--maxDepth', '--markdown', '--html', '--list', '--threads']) {
      assert.ok(r.stdout.includes(flag), flag);
    }
  });
});
