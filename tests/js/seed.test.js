// The page quietpage was born from: every field and snippet of
// ../shared/seed/expected.json must come out of franceinfo-telegram.html.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

import { createReader } from '../../js/index.js';
import { shared } from './helpers.js';

const seed = shared('seed', 'expected.json');
const normalize = (s) => s.replace(/\s+/g, ' ').trim();

it('extracts the seed page as expected', { skip: seed ? false : 'skipped: ../shared/seed not found (only present in the development checkout)' }, async () => {
  const expected = JSON.parse(readFileSync(seed, 'utf8'));
  const html = readFileSync(join(shared('seed'), 'franceinfo-telegram.html'), 'utf8');
  const reader = await createReader();
  const article = reader.parse(html, { url: expected.url });
  assert.ok(article, 'an article is found');
  for (const field of ['title', 'lang', 'siteName', 'byline', 'publishedTime']) {
    assert.equal(article[field], expected[field], field);
  }
  const text = normalize(article.textContent);
  for (const snippet of expected.with) assert.ok(text.includes(normalize(snippet)), `missing: ${snippet}`);
  for (const snippet of expected.without) assert.ok(!text.includes(normalize(snippet)), `should be gone: ${snippet}`);
  assert.equal(reader.isProbablyReaderable(html), true);
});
