// Shared by the JS tests: fixtures from the repo, and ../shared when present.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = process.env.QUIETPAGE_SHARED ?? join(repoRoot, '..', 'shared');

export function fixture(name) {
  return readFileSync(join(repoRoot, 'tests', 'fixtures', name), 'utf8');
}

/** Path inside ../shared, or null (with the reason) when it is absent. */
export function shared(...parts) {
  const path = join(sharedDir, ...parts);
  return existsSync(path) ? path : null;
}

/**
 * The article stored for tests/fixtures/cluttered-news.html parsed with
 * `url` and `markdown: true` (tests/fixtures/cluttered-news.expected.json,
 * written by corpus_runner --full; tests/core/extract_test.cc says how to
 * write it again), in the shape parse() returns: absent texts are null.
 */
export const CLUTTERED_NEWS_URL = 'https://ledger.example/news/floating-library.html';
export function expectedClutteredNews() {
  const stored = JSON.parse(fixture('cluttered-news.expected.json'));
  const article = {};
  for (const [name, value] of Object.entries(stored)) {
    if (['file', 'error', 'found', 'readerable'].includes(name)) continue;
    article[name] = value === '' && name !== 'title' ? null : value;
  }
  article.length = article.textContent.length;
  return article;
}
