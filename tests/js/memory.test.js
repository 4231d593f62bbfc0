// The wasm heap must not grow across parses: every allocation of a parse is
// released when it returns (the core uses one arena per call).
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { createReader } from '../../js/index.js';
import { compileCore, instantiateCore } from '../../js/loader.js';
import { callParse } from '../../js/marshal.js';
import { fixture } from './helpers.js';

it('does not leak across 10,000 parses, errors included', async () => {
  const reader = await createReader();
  const html = fixture('cluttered-news.html');
  const small = fixture('rtl-article.html');
  reader.parse(html);
  const baseline = reader.memoryUsage();
  for (let i = 0; i < 1000; i++) reader.parse(html);
  for (let i = 0; i < 9000; i++) reader.parse(small);
  // Errors the core itself raises, after it allocated (parse(42) would be
  // refused in JavaScript, before any wasm memory is touched).
  const coreError = (options) => assert.throws(() => reader.parse(html, options), { name: 'QuietpageError' });
  for (let i = 0; i < 200; i++) {
    coreError({ url: 'not a url' });
    coreError({ maxElements: 10 });
    coreError({ maxOutputBytes: 10 });
    coreError({ maxMemoryBytes: 1024 });
    reader.isProbablyReaderable(html);
  }
  const after = reader.memoryUsage();
  assert.equal(after.usedBytes, baseline.usedBytes);
  assert.equal(after.heapBytes, baseline.heapBytes);
});

it('gives the memory of an oversized parse back (the instance is replaced)', async () => {
  const reader = await createReader();
  const huge = `<p>${'word, '.repeat(1_500_000)}</p>`;
  const article = reader.parse(huge, { markdown: true });
  assert.equal(article.length, 'word, '.repeat(1_500_000).trim().length);
  assert.ok(reader.memoryUsage().heapBytes <= 64 * 1024 * 1024, `${reader.memoryUsage().heapBytes} bytes`);
  assert.equal(reader.parse(fixture('rtl-article.html')).dir, 'rtl');
});

it('reports an exhausted WebAssembly memory as OUT_OF_MEMORY, never an abort', async () => {
  // The core's memory taken up to its 2 GiB maximum but a few MB, then given
  // back 256 KB at a time: a parse fails in gumbo's arena or in the core's
  // own allocations (operator new: built without exceptions, it used to
  // abort the instance), and either way is an OUT_OF_MEMORY QuietpageError.
  const core = await instantiateCore(await compileCore());
  const html = `<article>${'<p>Words of a paragraph, with <a href="/x">a link</a> and <em>emphasis</em>.</p>'.repeat(20_000)}</article>`;
  const blocks = [];
  for (const size of [64 << 20, 1 << 20, 256 << 10]) {
    for (let p = core._malloc(size); p; p = core._malloc(size)) blocks.push(p);
  }
  const outcomes = new Set();
  for (let free = 0; blocks.length && free < 16 << 20; free += 256 << 10) {
    core._free(blocks.pop());
    try {
      callParse(core, html, {});
      outcomes.add('parsed');
      break; // enough memory from here on
    } catch (error) {
      assert.equal(error.code, 'OUT_OF_MEMORY', String(error?.stack ?? error));
      outcomes.add(error.message);
    }
  }
  assert.ok(outcomes.has('the WebAssembly memory is exhausted (it cannot grow any further)'), [...outcomes].join(' | '));
  assert.ok(outcomes.has('parsed'), [...outcomes].join(' | '));
});
