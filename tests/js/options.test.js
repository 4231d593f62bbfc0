// The API's argument checks (js/options.js) on the main thread: option names,
// Readability's options, URL objects, page types. The same checks in the
// worker client are in worker.test.js.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

import { JSDOM } from 'jsdom';

import { createReader, isProbablyReaderable, parse } from '../../js/index.js';
import { fixture, repoRoot } from './helpers.js';

const TITLE = 'Harbour town opens its first floating library';
const invalid = (pattern) => ({ name: 'QuietpageError', code: 'INVALID_ARGUMENT', message: pattern });

describe('options', () => {
  let reader;
  before(async () => { reader = await createReader(); });

  it('refuses unknown option names, naming the option and the known ones', async () => {
    assert.throws(() => reader.parse('<p>x</p>', { urll: 'https://a.example/' }),
      invalid(/^unknown option "urll" for parse\(\); known options: url, charset, .*maxOutputBytes/));
    assert.throws(() => reader.isProbablyReaderable('<p>x</p>', { minContentLen: 5 }),
      invalid(/^unknown option "minContentLen" for isProbablyReaderable\(\); known options: url, charset, minContentLength, minScore$/));
    assert.equal(reader.isProbablyReaderable('<p>x</p>', { url: 'https://a.example/' }), false);  // url is one of its options
    await assert.rejects(parse('<p>x</p>', { maxdepth: 3 }), invalid(/unknown option "maxdepth" for parse\(\) \(did you mean maxDepth\?\)/));
    await assert.rejects(isProbablyReaderable('<p>x</p>', { bogus: true }), invalid(/unknown option "bogus"/));
  });

  it('says what to do about the Readability.js option quietpage does not take', () => {
    assert.throws(() => reader.isProbablyReaderable('<p>x</p>', { visibilityChecker: () => true }), invalid(/reads HTML, not a DOM/));
  });

  it('checks the types of Readability.js\'s options', () => {
    assert.throws(() => reader.parse('<p>x</p>', { keepClasses: 'yes' }), invalid(/options.keepClasses must be a boolean/));
    assert.throws(() => reader.parse('<p>x</p>', { classesToPreserve: 'caption' }), invalid(/classesToPreserve must be an array of class names/));
    assert.throws(() => reader.parse('<p>x</p>', { classesToPreserve: ['a b'] }), invalid(/classesToPreserve must be an array of class names/));
    assert.throws(() => reader.parse('<p>x</p>', { maxElemsToParse: -1 }), invalid(/maxElemsToParse must be an integer/));
    assert.throws(() => reader.parse('<p>x</p>', { linkDensityModifier: 'x' }), invalid(/linkDensityModifier must be a number/));
    assert.throws(() => reader.parse('<p>x</p>', { allowedVideoRegex: 'youtube' }), invalid(/allowedVideoRegex must be a RegExp, got a string/));
    assert.deepEqual(reader.defaults().parse.classesToPreserve, []);
  });

  it('takes options set to undefined as absent, and refuses options that are not an object', () => {
    assert.equal(reader.parse(fixture('cluttered-news.html'), { url: undefined, keepClasses: undefined }).title, TITLE);
    assert.throws(() => reader.parse('<p>x</p>', ['url']), invalid(/options of parse\(\) must be an object, got an array/));
    assert.throws(() => reader.parse('<p>x</p>', 'https://a.example/'), invalid(/must be an object, got a string/));
  });

  it('takes URL objects, of this realm or another (jsdom\'s), for options.url', () => {
    const foreign = new new JSDOM('').window.URL('https://ledger.example/news/a.html');
    assert.ok(!(foreign instanceof URL));
    for (const url of [new URL('https://ledger.example/news/a.html'), foreign]) {
      assert.match(reader.parse(fixture('cluttered-news.html'), { url }).content, /https:\/\/ledger\.example\/images\/ferry\.jpg/);
    }
  });

  it('accepts debug (a boolean, no effect) and refuses a serializer without a DOM', () => {
    assert.equal(reader.parse(fixture('cluttered-news.html'), { debug: true }).title, TITLE);
    assert.throws(() => reader.parse('<p>x</p>', { debug: 'yes' }), invalid(/options\.debug must be a boolean/));
    assert.throws(() => reader.parse('<p>x</p>', { serializer: (el) => el }), invalid(/options\.serializer needs a DOM/));
    assert.throws(() => reader.parse('<p>x</p>', { serializer: 'innerHTML' }), invalid(/options\.serializer must be a function, got a string/));
  });

  it('explains the page inputs people try first', async () => {
    assert.throws(() => reader.parse({ nodeType: 9, documentElement: {} }), invalid(/got an object: pass its HTML, e\.g\. document\.documentElement\.outerHTML/));
    assert.throws(() => reader.parse(new Response('<p>x</p>')), invalid(/got a Response: pass its bytes, e\.g\. await response\.arrayBuffer\(\)/));
    assert.throws(() => reader.parse(new URL('https://a.example/')), invalid(/got a URL: fetch the page/));
    assert.throws(() => reader.isProbablyReaderable(null), invalid(/html must be a string or bytes \(Uint8Array, ArrayBuffer\), got null$/));
  });

  it('checks createReader()\'s options and takes wasmUrl as a URL object or a path relative to the current directory', async () => {
    await assert.rejects(createReader({ wasmURL: 'x' }), invalid(/unknown option "wasmURL" for createReader\(\) \(did you mean wasmUrl\?\)/));
    const wasm = join(repoRoot, 'dist', 'wasm', 'quietpage_core.wasm');
    assert.equal((await createReader({ wasmUrl: pathToFileURL(wasm) })).parse(fixture('cluttered-news.html')).title, TITLE);
    const relative = join('dist', 'wasm', 'quietpage_core.wasm');
    process.chdir(repoRoot);
    assert.equal((await createReader({ wasmUrl: relative })).parse(fixture('cluttered-news.html')).title, TITLE);
    await assert.rejects(createReader({ wasmUrl: 'no/such/file.wasm' }), { code: 'WASM_LOAD_FAILED', message: /no such file/ });
  });
});
