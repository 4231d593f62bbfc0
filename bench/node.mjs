// Node table: quietpage (bytes and string input), gumbo parse only (same wasm
// build, same allocator) of the page and of the input quietpage gives gumbo
// (script and style text left out), Readability.js on linkedom and on jsdom. Same
// process, same pages in the same order; each system gets a warm-up pass
// over the first pages, then a timed pass (each page --runs times, the
// median kept). Systems run one after the other, with a full GC in between,
// so one system's garbage is not collected on another's clock.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';

import { createReader } from '../js/index.js';
import { compileCore, instantiateCore } from '../js/loader.js';
import { withUtf8 } from '../js/marshal.js';
import { median, progress, progressDone, summarize, timingTable } from './stats.mjs';

/** The URL every system resolves the page's links against. */
export const PAGE_URL = 'https://bench.example/articles/page.html';
const WARMUP_PAGES = 20;
const GC_EVERY_PAGES = 10;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');

/** A linkedom document with the page's URL (Readability resolves links against it). */
export function linkedomDocument(html) {
  const { document } = parseHTML(html);
  for (const key of ['documentURI', 'baseURI']) {
    try { Object.defineProperty(document, key, { value: PAGE_URL, configurable: true }); } catch { /* read-only */ }
  }
  return document;
}

/**
 * The systems, in table order. run(page) does all the timed work and
 * returns a cleanup function (or nothing) that runs off the clock.
 * @param {URL} wasmUrl the .wasm of the build under test
 */
async function systems(wasmUrl) {
  const reader = await createReader({ wasmUrl });
  // A second instance of the very module the Reader runs, for parseOnly.
  const core = await instantiateCore(await compileCore({ wasmUrl }));
  return [
    { id: 'quietpage-bytes', label: 'quietpage, reader.parse(bytes)',
      run: (page) => { reader.parse(page.bytes, { url: PAGE_URL }); } },
    { id: 'quietpage-string', label: 'quietpage, reader.parse(string)', reference: true,
      run: (page) => { reader.parse(page.html, { url: PAGE_URL }); } },
    { id: 'gumbo', label: 'gumbo parse only (same wasm)',
      run: (page) => { withUtf8(core, page.utf8, (ptr, length) => core.parseOnly(ptr, length, false)); } },
    { id: 'gumbo-stripped', label: 'guard + gumbo, script/style text out',
      run: (page) => { withUtf8(core, page.utf8, (ptr, length) => core.parseOnly(ptr, length, true)); } },
    { id: 'readability-linkedom', label: 'Readability.js + linkedom', peer: true,
      run: (page) => { new Readability(linkedomDocument(page.html)).parse(); } },
    { id: 'readability-jsdom', label: 'Readability.js + jsdom', peer: true, limited: true,
      run: (page) => {
        // A silent console: jsdom reports every CSS it cannot parse.
        const dom = new JSDOM(page.html, { url: PAGE_URL, virtualConsole: new VirtualConsole() });
        new Readability(dom.window.document).parse();
        return () => dom.window.close();
      } },
  ];
}

/** Times one call, counting a throw as a failure (the time still counts). */
function timeOnce(system, page, failures) {
  let cleanup;
  const start = performance.now();
  try {
    cleanup = system.run(page);
  } catch {
    failures.add(page.name);
  }
  const elapsed = performance.now() - start;
  cleanup?.();
  return elapsed;
}

/**
 * @param {import('./pages.mjs').Page[]} pages
 * @param {{ runs: number, jsdomLimit: number, wasmUrl: URL, peers: boolean }} options
 *   peers: false leaves Readability.js out (to compare builds quickly)
 */
export async function runNode(pages, { runs, jsdomLimit, wasmUrl, peers }) {
  const results = [];
  for (const system of await systems(wasmUrl)) {
    if (system.peer && !peers) continue;
    const count = system.limited ? Math.min(jsdomLimit, pages.length) : pages.length;
    const failures = new Set();
    collectGarbage();
    for (const page of pages.slice(0, Math.min(WARMUP_PAGES, count))) timeOnce(system, page, new Set());
    collectGarbage();
    const times = pages.map(() => NaN);
    for (let i = 0; i < count; i++) {
      // Off the clock, for every system alike: jsdom's windows otherwise pile
      // up faster than the collector frees them.
      if (i % GC_EVERY_PAGES === 0) collectGarbage();
      progress(`node: ${system.label}: page ${i + 1}/${count}`);
      const samples = [];
      for (let r = 0; r < runs; r++) samples.push(timeOnce(system, pages[i], failures));
      times[i] = median(samples);
    }
    progressDone();
    results.push({ id: system.id, label: system.label, reference: !!system.reference, times, failures: [...failures] });
  }
  return results;
}

/** The printed table (ratios against quietpage's string input, over the same pages). */
export function nodeTable(results) {
  const reference = results.find((r) => r.reference).times;
  const rows = results.map((r) => ({ label: r.label, ...summarize(r.times, reference) }));
  const notes = results.filter((r) => r.failures.length)
    .map((r) => `${r.label}: threw on ${r.failures.length} page(s) (timed anyway): ${r.failures.slice(0, 5).join(', ')}`);
  const byId = Object.fromEntries(results.map((r) => [r.id, r.times]));
  if (byId['quietpage-bytes'] && byId['gumbo-stripped']) {
    const proper = summarize(byId['quietpage-bytes'], byId['gumbo-stripped']).ratio - 1;
    notes.push(`quietpage parses pages with their script and style text left out (the guard's rewrite; same tree), ` +
      `so its gumbo does less than "gumbo parse only". Extraction proper, quietpage(bytes) over ` +
      `"guard + gumbo, script/style text out": +${(proper * 100).toFixed(1)}%`);
  }
  return [timingTable(rows, { ratioLabel: 'vs quietpage(string)' }), ...notes].join('\n');
}
