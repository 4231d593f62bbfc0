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
  for (let i = 0; i < 200; i++) {
    try { reader.parse(42); } catch { /* errors must not leak either */ }
    try { reader.parse(html, { maxOutputBytes: 10 }); } catch { /* nor limits */ }
    reader.isProbablyReaderable(html);
  }
  const after = reader.memoryUsage();
  assert.equal(after.usedBytes, baseline.usedBytes);
  assert.equal(after.heapBytes, baseline.heapBytes);
});
