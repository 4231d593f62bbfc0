// quietpage's output is injected into trusted pages (a reader view), so it
// must not be able to run script however the input is crafted. Each vector
// of tests/fixtures/xss-vectors.json is embedded in an article, extracted,
// and the output is inserted into a real Chromium page with innerHTML — and
// again after a serialize/parse round trip (mutation XSS) — with a trap for
// any script that runs.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';

import { chromium } from 'playwright-core';

import { createReader } from '../../js/index.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const vectors = JSON.parse(readFileSync(new URL('../fixtures/xss-vectors.json', import.meta.url), 'utf8'));

const prose = 'The council bought the ship for a symbolic sum last spring, and volunteers spent the winter on it. ';
const embed = (vector) => `<html><head><title>Test article about ferries and libraries</title></head><body>
  <article><h1>Test article</h1><p>${prose.repeat(4)}</p>${vector}<p>${prose.repeat(4)}</p>${vector}</article></body></html>`;

let browser;
before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup.sh (it installs Debian's chromium)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});
after(async () => { await browser?.close(); });

it('no vector runs script after extraction', { timeout: 120_000 }, async () => {
  const reader = await createReader();
  const outputs = [];
  for (const [kind, list] of Object.entries(vectors)) {
    for (const vector of list) {
      const article = reader.parse(embed(vector), { url: 'https://example.com/news/article.html' });
      assert.ok(article, `an article for ${kind}: ${vector}`);
      outputs.push({ kind, vector, html: article.content });
    }
  }

  const page = await browser.newPage();
  const ran = [];
  page.on('dialog', (dialog) => { ran.push(`dialog: ${dialog.message()}`); dialog.dismiss(); });
  await page.exposeFunction('reportPwned', (what) => ran.push(what));
  await page.setContent('<!doctype html><html><body><main id="out"></main></body></html>');
  await page.evaluate(() => {
    window.pwned = (what) => window.reportPwned(String(what));
    window.alert = window.confirm = window.prompt = window.pwned;
  });

  await page.evaluate((items) => {
    const out = document.getElementById('out');
    for (const { html } of items) {
      const direct = document.createElement('section');
      direct.innerHTML = html;
      out.append(direct);
      // Mutation XSS: what the browser serializes back and parses again.
      const roundTrip = document.createElement('section');
      roundTrip.innerHTML = direct.innerHTML;
      out.append(roundTrip);
    }
    for (const el of out.querySelectorAll('a, button, details, input')) {
      el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      el.focus?.();
    }
  }, outputs);
  // Let images fail, animations begin and frames load.
  await page.waitForTimeout(1500);

  // Static checks on the live DOM, on top of the trap.
  // MathML: the presentation subset (src/serialize.cc's kMathElements), with
  // layout attributes only; no maction, mglyph or annotation-xml. Ids: only
  // the "qp-" ones in-article links point to (src/anchors.h).
  const problems = await page.evaluate((mathElements) => {
    const found = [];
    for (const el of document.querySelectorAll('#out *')) {
      const tag = el.localName;
      if (['script', 'style', 'object', 'embed', 'form', 'base', 'meta', 'link', 'svg', 'template'].includes(tag)) found.push(`<${tag}>`);
      if (el.namespaceURI === 'http://www.w3.org/1998/Math/MathML' && !mathElements.includes(tag)) found.push(`<${tag}> (MathML)`);
      if (tag === 'iframe' && !el.hasAttribute('sandbox')) found.push('iframe without sandbox');
      // Players' embed paths only, not hosts that serve any page (issue 19, finding 6).
      if (tag === 'iframe' && /^https?:\/\/([^/]*\.)?archive\.org\/(?!embed\/)/i.test(el.src)) found.push(`iframe ${el.src}`);
      for (const { name, value } of el.attributes) {
        if (/^on/i.test(name) || /:/.test(name) || ['style', 'srcdoc', 'formaction', 'name'].includes(name)) found.push(`${tag}[${name}]`);
        if (name === 'id' && !value.startsWith('qp-')) found.push(`${tag}[id=${value}]`);
        if (['href', 'src', 'poster', 'cite', 'action'].includes(name) && !/^(https?:|mailto:|#|data:image\/)/i.test(value.trim())) found.push(`${tag}[${name}=${value}]`);
      }
    }
    return found;
  }, ['math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msub', 'msup', 'msubsup',
    'munder', 'mover', 'munderover', 'mmultiscripts', 'mprescripts', 'none', 'mfrac', 'msqrt', 'mroot',
    'mstyle', 'merror', 'mpadded', 'mphantom', 'menclose', 'mfenced', 'mtable', 'mtr', 'mtd']);
  await page.close();
  assert.deepEqual(ran, [], 'script ran');
  assert.deepEqual(problems, [], 'unsafe markup in the DOM');
  assert.ok(outputs.length >= 80);
});
