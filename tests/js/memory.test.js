// The wasm heap must not grow across parses: every allocation of a parse is
// released when it returns (the core uses one arena per call).
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { createReader } from '../../js/index.js';
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
