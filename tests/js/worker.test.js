import assert from 'node:assert/strict';
import { it } from 'node:test';

import { createWorkerReader } from '../../js/worker-client-node.js';
import { fixture } from './helpers.js';

it('parses in a worker thread with the same results and errors', async () => {
  const reader = createWorkerReader();
  await reader.ready();
  const article = await reader.parse(fixture('cluttered-news.html'), { url: 'https://ledger.example/a.html' });
  assert.equal(article.title, 'Harbour town opens its first floating library');
  assert.match(article.content, /https:\/\/ledger\.example\/images\/ferry\.jpg/);
  assert.equal(await reader.isProbablyReaderable(fixture('cluttered-news.html')), true);
  await assert.rejects(reader.parse(42), { name: 'QuietpageError', code: 'INVALID_ARGUMENT' });
  // Calls are answered in order, concurrently issued or not.
  const results = await Promise.all([1, 2, 3].map(() => reader.parse(fixture('rtl-article.html'))));
  assert.deepEqual(results.map((a) => a.dir), ['rtl', 'rtl', 'rtl']);
  await reader.terminate();
  await assert.rejects(reader.parse('<p>x</p>'), { name: 'QuietpageError', code: 'WORKER_FAILED' });
});
