// Readability.js's options against Readability.js itself, on Mozilla's test
// pages (../shared/corpus/readability): with each option set, both find the
// same articles, keep the same classes, read no JSON-LD, and refuse the same
// documents past maxElemsToParse. Readability runs on linkedom (as in
// scripts/eval.mjs), and on jsdom, as in its own test suite, where elements
// are counted. Skips when ../shared is absent.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';

import { createReader } from '../../js/index.js';
import { shared } from './helpers.js';

const corpus = shared('corpus', 'readability');
const URL_ = 'http://fakehost/test/page.html';

const words = (text) => (text ?? '').split(/\s+/).filter(Boolean);
// Word-bag F1 of two texts.
function f1(a, b) {
  const count = new Map();
  for (const w of words(a)) count.set(w, (count.get(w) ?? 0) + 1);
  let common = 0;
  const bw = words(b);
  for (const w of bw) {
    const n = count.get(w);
    if (n) { common++; count.set(w, n - 1); }
  }
  const total = words(a).length + bw.length;
  return total ? (2 * common) / total : 1;
}

function linkedomDocument(html) {
  const { document } = parseHTML(html);
  for (const key of ['documentURI', 'baseURI']) {
    try { Object.defineProperty(document, key, { value: URL_, configurable: true }); } catch { /* read-only */ }
  }
  return document;
}
function readability(html, options, document = linkedomDocument(html)) {
  try {
    return new Readability(document, options).parse();
  } catch (error) {
    return { error };
  }
}
const classesIn = (html) => new Set([...(html ?? '').matchAll(/ class="([^"]*)"/g)].flatMap((m) => m[1].split(/\s+/)).filter(Boolean));

describe('Readability.js options on Mozilla\'s pages', { skip: corpus ? false : 'skipped: ../shared/corpus/readability not found' }, () => {
  let reader;
  let pages;
  before(async () => {
    reader = await createReader();
    pages = readdirSync(corpus).sort().map((name) => ({ name, html: readFileSync(join(corpus, name, 'source.html'), 'utf8') }));
  });

  // Over the pages where both find an article: the share where the texts
  // agree (word F1 >= 0.9), with the options and without.
  function agreement(options) {
    let same = 0;
    let both = 0;
    for (const { html } of pages) {
      const theirs = readability(html, options);
      const ours = reader.parse(html, { url: URL_, ...options });
      if (!theirs?.textContent || !ours) continue;
      both++;
      if (f1(theirs.textContent, ours.textContent) >= 0.9) same++;
    }
    return { same, both };
  }

  it('finds the same articles with charThreshold, nbTopCandidates and linkDensityModifier as without', (t) => {
    const base = agreement({});
    t.diagnostic(`no options: ${base.same} of ${base.both} alike`);
    for (const options of [{ charThreshold: 2000 }, { nbTopCandidates: 2 }, { linkDensityModifier: 0.2 }]) {
      const { same, both } = agreement(options);
      t.diagnostic(`${JSON.stringify(options)}: ${same} of ${both} alike`);
      assert.ok(both >= base.both - 3, `${JSON.stringify(options)}: ${both} articles found by both, ${base.both} without`);
      assert.ok(same / both >= base.same / base.both - 0.05,
        `${JSON.stringify(options)}: ${same} of ${both} alike, ${base.same} of ${base.both} without`);
    }
  });

  it('keeps the classes Readability keeps (keepClasses, classesToPreserve)', (t) => {
    let theirs = 0;
    let found = 0;
    for (const { name, html } of pages) {
      const r = readability(html, { keepClasses: true });
      const ours = reader.parse(html, { url: URL_, keepClasses: true });
      if (!r?.content || !ours || f1(r.textContent, ours.textContent) < 0.9) continue;
      const mine = classesIn(ours.content);
      for (const c of classesIn(r.content)) {
        if (c === 'page' || !/^[\w-]+$/.test(c)) continue; // the wrapper's; unsafe names are not kept
        theirs++;
        if (mine.has(c)) found++;
      }
      // Without keepClasses, only the preserved names (and the wrapper's).
      const preserved = reader.parse(html, { url: URL_, classesToPreserve: ['caption', 'note'] });
      for (const c of classesIn(preserved.content)) {
        assert.ok(['page', 'caption', 'note'].includes(c) || /^(language|lang)-/.test(c), `${name}: class ${c}`);
      }
    }
    t.diagnostic(`keepClasses: ${found} of Readability's ${theirs} kept classes kept`);
    assert.ok(theirs > 100 && found / theirs >= 0.85, `${found} of Readability's ${theirs} kept classes kept`);
  });

  it('reads no JSON-LD with disableJSONLD, as Readability', (t) => {
    let pagesWithJsonLd = 0;
    let same = 0;
    for (const { html } of pages) {
      if (!/application\/ld\+json/i.test(html)) continue;
      const r = readability(html, { disableJSONLD: true });
      const ours = reader.parse(html, { url: URL_, disableJSONLD: true });
      if (!r?.content || !ours) continue;
      pagesWithJsonLd++;
      if ((r.title ?? '') === ours.title && (r.byline ?? null) === ours.byline) same++;
    }
    t.diagnostic(`disableJSONLD: ${same} of ${pagesWithJsonLd} pages with JSON-LD have Readability's title and byline`);
    assert.ok(pagesWithJsonLd >= 10 && same / pagesWithJsonLd >= 0.7,
      `${same} of ${pagesWithJsonLd} pages with JSON-LD: same title and byline`);
  });

  it('refuses the documents Readability refuses past maxElemsToParse', () => {
    for (const { name, html } of pages) {
      const { window } = new JSDOM(html, { url: URL_, virtualConsole: new VirtualConsole() });
      const elements = window.document.getElementsByTagName('*').length;
      // One under the count: Readability refuses (before it changes or parses
      // anything), and so does quietpage.
      const theirs = readability(html, { maxElemsToParse: elements - 1 }, window.document);
      window.close();
      assert.match(String(theirs?.error?.message), /Aborting parsing document/, name);
      assert.throws(() => reader.parse(html, { url: URL_, maxElemsToParse: elements - 1 }), { code: 'TOO_MANY_ELEMENTS' }, name);
      // At the count, Readability goes on (it refuses only past the limit), and so does quietpage.
      assert.doesNotThrow(() => reader.parse(html, { url: URL_, maxElemsToParse: elements }), name);
    }
  });
});
