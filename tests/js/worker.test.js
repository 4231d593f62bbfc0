// quietpage/worker in Node (js/worker-client-node.js: a worker thread): the
// same results as a Reader, and every failure a QuietpageError on a promise
// that settles — arguments that can't be cloned, a worker that can't start,
// crashes or is terminated.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { createReader } from '../../js/index.js';
import { createWorkerReader } from '../../js/worker-client-node.js';
import { fixture, repoRoot } from './helpers.js';

const TITLE = 'Harbour town opens its first floating library';
const invalid = (pattern) => ({ name: 'QuietpageError', code: 'INVALID_ARGUMENT', message: pattern });
const workerFailed = (pattern) => ({ name: 'QuietpageError', code: 'WORKER_FAILED', message: pattern });

it('parses in a worker thread with the same results and errors', async () => {
  const reader = createWorkerReader();
  await reader.ready();
  const article = await reader.parse(fixture('cluttered-news.html'), { url: 'https://ledger.example/a.html' });
  assert.equal(article.title, TITLE);
  assert.match(article.content, /https:\/\/ledger\.example\/images\/ferry\.jpg/);
  assert.equal(await reader.isProbablyReaderable(fixture('cluttered-news.html')), true);
  await assert.rejects(reader.parse(42), { name: 'QuietpageError', code: 'INVALID_ARGUMENT' });
  await assert.rejects(reader.parse('<p>x</p>', { url: 'not a url' }), { name: 'QuietpageError', code: 'INVALID_URL' });
  // Concurrent calls each get their own answer: four different pages, and
  // the worker's replies match what the same calls give in this thread.
  const pages = ['rtl-article.html', 'cluttered-news.html', 'list-article.html', 'short-article.html'];
  const direct = await createReader();
  const expected = pages.map((name) => direct.parse(fixture(name))?.title);
  assert.equal(new Set(expected).size, pages.length);
  const results = await Promise.all(pages.map((name) => reader.parse(fixture(name))));
  assert.deepEqual(results.map((a) => a?.title), expected);
  await reader.terminate();
  await assert.rejects(reader.parse('<p>x</p>'), workerFailed(/terminated/));
});

describe('arguments a worker can\'t take', () => {
  let reader;
  before(() => { reader = createWorkerReader(); });
  after(() => reader.terminate());

  it('takes URL objects for options.url and the load options', async () => {
    const article = await reader.parse(fixture('cluttered-news.html'), { url: new URL('https://ledger.example/a.html') });
    assert.match(article.content, /https:\/\/ledger\.example\/images\/ferry\.jpg/);
    const own = createWorkerReader({ wasmUrl: pathToFileURL(join(repoRoot, 'dist', 'wasm', 'quietpage_core.wasm')) });
    try {
      await own.ready();
    } finally {
      await own.terminate();
    }
  });

  it('refuses a serializer function, a DOM node and other uncloneable values with a clear INVALID_ARGUMENT', async () => {
    await assert.rejects(reader.parse('<p>x</p>', { serializer: (el) => el.innerHTML }),
      invalid(/options\.serializer can't be sent to a worker \(functions can't be cloned\): call it on article\.content/));
    await assert.rejects(reader.parse({ nodeType: 9 }), invalid(/document\.documentElement\.outerHTML/));
    await assert.rejects(reader.parse('<p>x</p>', { charset: () => 'utf-8' }),
      invalid(/^the arguments of parse\(\) can't be sent to the worker: .*could not be cloned/));
    await assert.rejects(reader.parse('<p>x</p>', { url: Symbol('u') }), invalid(/can't be sent to the worker/));
    await assert.rejects(reader.isProbablyReaderable(new Uint8Array(4), { minScore: { valueOf: () => 5, f() {} } }),
      invalid(/the arguments of isProbablyReaderable\(\) can't be sent to the worker/));
    // The worker is fine afterwards.
    assert.equal((await reader.parse(fixture('cluttered-news.html'))).title, TITLE);
  });

  it('refuses unknown option names, naming them, before posting', async () => {
    await assert.rejects(reader.parse('<p>x</p>', { keepclasses: true }), invalid(/unknown option "keepclasses" for parse\(\) \(did you mean keepClasses\?\)/));
    await assert.rejects(reader.isProbablyReaderable('<p>x</p>', { minscore: 1 }), invalid(/unknown option "minscore" .*did you mean minScore/));
    assert.throws(() => createWorkerReader({ workerURL: 'x' }), invalid(/unknown option "workerURL" for createWorkerReader\(\)/));
    assert.throws(() => createWorkerReader({ wasmUrl: 'http://[bad' }), { name: 'QuietpageError', code: 'INVALID_URL', message: /options\.wasmUrl is not a URL/ });
    assert.equal(await reader.parse('<p>x</p>', { debug: false }).then((a) => a?.title ?? null), '');
  });

  it('takes Readability\'s options, allowedVideoRegex as the RegExp it is', async () => {
    const page = `<article><p class="lead">${'Words, words and more words, in a sentence. '.repeat(15)}</p>` +
      '<p><iframe src="https://videos.example/embed/7"></iframe></p></article>';
    const plain = await reader.parse(page);
    assert.doesNotMatch(plain.content, /iframe|class="lead"/);
    const widened = await reader.parse(page, { allowedVideoRegex: /videos\.example\/embed/, keepClasses: true });
    assert.match(widened.content, /<iframe src="https:\/\/videos\.example\/embed\/7" sandbox="/);
    assert.match(widened.content, /<p class="lead">/);
  });
});

describe('a worker that fails', () => {
  let dir;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'quietpage-worker-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects every call when the worker script is missing', async () => {
    const reader = createWorkerReader({ workerUrl: pathToFileURL(join(dir, 'missing.js')) });
    await assert.rejects(reader.ready(), workerFailed(/^the quietpage worker failed: .*missing\.js/));
    await assert.rejects(reader.parse('<p>x</p>'), workerFailed(/missing\.js/));
  });

  it('rejects pending calls when the worker throws or exits', async () => {
    writeFileSync(join(dir, 'throws.mjs'), 'throw new Error("broken build");\n');
    const throws = createWorkerReader({ workerUrl: pathToFileURL(join(dir, 'throws.mjs')) });
    await assert.rejects(throws.parse('<p>x</p>'), workerFailed(/^the quietpage worker failed: broken build$/));

    writeFileSync(join(dir, 'exits.mjs'), 'import { parentPort } from "node:worker_threads";\nparentPort.on("message", () => process.exit(3));\n');
    const exits = createWorkerReader({ workerUrl: pathToFileURL(join(dir, 'exits.mjs')).href });
    await assert.rejects(exits.ready(), workerFailed(/^the quietpage worker stopped \(exit code 3\)$/));
    await assert.rejects(exits.isProbablyReaderable('<p>x</p>'), workerFailed(/exit code 3/));
  });

  it('lets Node exit when no call is pending, without terminate()', { timeout: 30_000 }, async () => {
    const script = `
import { createWorkerReader } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'js', 'worker-client-node.js')).href)};
const reader = createWorkerReader();
const article = await reader.parse('<article><h1>Hi</h1><p>Some words in a paragraph, for the test.</p></article>');
console.log(article.textContent.length > 0);
`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 });
    assert.equal(stdout, 'true\n');
  });
});
