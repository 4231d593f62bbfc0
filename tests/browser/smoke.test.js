// The wasm build loads and parses in a real browser: on a page's main thread
// (ES module import, fetch + compile of the .wasm) and in a Web Worker
// (quietpage/worker), served from a loopback HTTP server.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, it } from 'node:test';

import { chromium } from 'playwright-core';

import { fixture, repoRoot } from '../js/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

let server;
let origin;
let browser;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup.sh (it installs Debian's chromium)`);
  // Serves js/ and dist/wasm/ from the repo, and one empty page.
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>smoke</title>');
      return;
    }
    if (!path.startsWith('/js/') && !path.startsWith('/dist/wasm/')) { res.writeHead(404); res.end(); return; }
    try {
      const body = await readFile(join(repoRoot, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

const html = fixture('cluttered-news.html');
const url = 'https://ledger.example/news/floating-library.html';

it('parses on the main thread of a page', { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/`);
  const result = await page.evaluate(async ({ html, url }) => {
    const { createReader } = await import('/js/index.js');
    const reader = await createReader();
    const article = reader.parse(html, { url });
    return { title: article.title, text: article.textContent, readerable: reader.isProbablyReaderable(html) };
  }, { html, url });
  assert.equal(result.title, 'Harbour town opens its first floating library');
  assert.match(result.text, /The old ferry that carried cars/);
  assert.doesNotMatch(result.text, /Share on Twitter|We use cookies/);
  assert.equal(result.readerable, true);
  assert.deepEqual(errors, []);
  await page.close();
});

it('parses in a Web Worker through quietpage/worker', { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  const result = await page.evaluate(async ({ html, url }) => {
    const { createWorkerReader } = await import('/js/worker-client.js');
    const reader = createWorkerReader();
    try {
      const article = await reader.parse(new TextEncoder().encode(html), { url });
      let error = null;
      try { await reader.parse(42); } catch (e) { error = e.code; }
      return { title: article?.title, error };
    } finally {
      await reader.terminate();
    }
  }, { html, url });
  assert.equal(result.title, 'Harbour town opens its first floating library');
  assert.equal(result.error, 'INVALID_ARGUMENT');
  await page.close();
});
