// Scholarly pages in a real browser: the footnotes of a Wikipedia-like
// article (tests/fixtures/footnotes-article.html) work both ways once
// extracted, and the formulas of tests/fixtures/math-article.html (MathML,
// KaTeX, MathJax 2 and 3) come out as MathML that Chromium lays out as
// mathematics. Each article is shown the way the CLI writes it (the reader
// view's standalone document, reader-view/render.js).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { chromium } from 'playwright-core';

import { createReader } from '../../js/index.js';
import { renderDocument } from '../../reader-view/render.js';
import { fixture, repoRoot } from '../js/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const css = readFileSync(join(repoRoot, 'reader-view', 'reader.css'), 'utf8');

describe('footnotes and formulas in Chromium', { timeout: 120_000 }, () => {
  let browser;
  let reader;
  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup.sh (it installs Debian's chromium)`);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    reader = await createReader();
  });
  after(async () => { await browser?.close(); });

  async function show(name, url) {
    const article = reader.parse(fixture(name), { url });
    assert.ok(article, name);
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.setContent(renderDocument(article, { css, url }));
    return page;
  }

  it('a footnote reference leads to its note, and the note back to the reference', async () => {
    const page = await show('footnotes-article.html', 'https://en.wiki.example/wiki/Tidal_locking');
    const inView = (id) => page.evaluate((target) => {
      const { top, bottom } = document.getElementById(target).getBoundingClientRect();
      return top > -5 && bottom <= innerHeight; // a <sup> rises a little above its line's top
    }, id);
    const pairs = [
      ['qp-cite_note-1', 'qp-cite_ref-1'],
      ['qp-cite_note-Barnes2010-2', 'qp-cite_ref-Barnes2010_2-1'],
      ['qp-cite_note-M%C3%BCller-3', 'qp-cite_ref-M%C3%BCller_3-0'],
    ];
    for (const [note, ref] of pairs) {
      const noteId = decodeURIComponent(note);
      const refId = decodeURIComponent(ref);
      await page.click(`[id="${refId}"] a`);
      assert.equal(decodeURIComponent(await page.evaluate(() => location.hash)), `#${noteId}`);
      assert.ok(await inView(noteId), `${noteId} in view`);
      // The note's back link to this reference.
      await page.click(`[id="${noteId}"] a[href="#${ref}"]`);
      assert.ok(await inView(refId), `${refId} in view`);
    }
    // The contents link too.
    await page.click('a[href="#qp-Timescale"]');
    assert.ok(await inView('qp-Timescale'));
    await page.close();
  });

  it('formulas are MathML, laid out as mathematics', async () => {
    const page = await show('math-article.html', 'https://math.example/quadratic');
    const layout = await page.evaluate(() => {
      const box = (el) => el.getBoundingClientRect();
      const maths = [...document.querySelectorAll('.qp-content math')];
      const fracs = [...document.querySelectorAll('.qp-content mfrac')].map((f) => {
        const [num, den] = f.children;
        return { over: box(num).bottom <= box(den).top + 1, rule: box(f).height > box(num).height + box(den).height - 1 };
      });
      const sups = [...document.querySelectorAll('.qp-content msup')].map((s) => box(s.children[1]).top < box(s.children[0]).top);
      // A displayed formula: a block of its own, its content centred in it.
      const blocks = maths.filter((m) => m.getAttribute('display') === 'block').map((m) => {
        const line = box(m);
        const formula = box(m.firstElementChild);
        return {
          own: getComputedStyle(m).display.startsWith('block') && formula.width < line.width / 2,
          centred: Math.abs((formula.left - line.left) - (line.right - formula.right)) < 4,
        };
      });
      return {
        count: maths.length,
        sized: maths.every((m) => box(m).width > 0 && box(m).height > 0),
        mathml: maths.every((m) => m.namespaceURI === 'http://www.w3.org/1998/Math/MathML'),
        fracs,
        sups,
        blocks,
        // TeX annotations and the renderers' own boxes are not shown.
        text: document.querySelector('.qp-content').innerText,
      };
    });
    assert.ok(layout.count >= 6, `${layout.count} formulas`);
    assert.ok(layout.sized && layout.mathml);
    assert.ok(layout.fracs.length >= 2 && layout.fracs.every((f) => f.over && f.rule), JSON.stringify(layout.fracs));
    assert.ok(layout.sups.length >= 2 && layout.sups.every(Boolean), JSON.stringify(layout.sups));
    assert.ok(layout.blocks.length >= 2 && layout.blocks.every((b) => b.own && b.centred), JSON.stringify(layout.blocks));
    // KaTeX's TeX annotation is not shown, nor its boxes, nor maction's other choice...
    assert.doesNotMatch(layout.text, /\\Delta|\\sqrt|click to see the other root|−b±√Δ2a/);
    // ...and MathJax 2's TeX (it has no MathML) is shown once, as text.
    assert.equal(layout.text.split('x_1 x_2 = \\frac{c}{a}').length, 2);
    await page.close();
  });
});
