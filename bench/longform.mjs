// Long-article series: pages that are one long article, generated in four
// shapes at sizes from 0.1 to 8 MB, plus the largest real pages of
// ../shared/corpus. Each system's best time of --runs on each page gives
// MB/s (of the page's UTF-8 bytes), and a least-squares line through
// log(time) over log(size) gives each shape's growth exponent k
// (time ∝ size^k; 1 is linear).
//
// Node: quietpage (reader.parse of the string), gumbo alone over the same
// UTF-8 bytes (the bench-only parseOnly export), Readability.js + linkedom.
// Chromium (--only longform, or a full run): quietpage on the main thread and
// DOMParser + Readability.js, in one page (bench/browser-harness.mjs).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

import { createReader } from '../js/index.js';
import { compileCore, instantiateCore } from '../js/loader.js';
import { withUtf8 } from '../js/marshal.js';
import { BROWSER_ARGS, CHROMIUM } from './browser.mjs';
import { PAGE_URL, linkedomDocument } from './node.mjs';
import { startServer } from './server.mjs';
import { progress, progressDone, table } from './stats.mjs';

export const SIZES_MB = [0.1, 0.25, 0.5, 1, 2, 4, 8];
const REAL_PAGES = 6;
// Readability.js + linkedom runs at about 0.1 MB/s on the generated pages
// (minutes for one 8 MB page): it is timed up to this size ("-" above).
const LINKEDOM_MAX_MB = 2;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');

// ---------------------------------------------------------------- pages

/** A small deterministic generator (mulberry32), so every run sees the same pages. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('the of and to in a is that for it as was with be by on not he this are or his from at which but ' +
  'have an they you were her she there been one all we their has would when if so no will more can out some ' +
  'river harbour council evening winter engineer letters railway summer garden village morning market history ' +
  'journey mountain question silence argument evidence archive library century distance weather coastline ' +
  'measured remembered carried described travelled discovered finished followed returned considered').split(' ');

function words(rand, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]);
  return out.join(' ');
}
const sentence = (rand, n) => {
  const s = words(rand, n);
  return s[0].toUpperCase() + s.slice(1) + '.';
};

/** Body blocks per shape: each call returns one block of the article's HTML. */
const SHAPES = {
  // Paragraphs with a link and an emphasis each, a heading every 12.
  paragraphs: (rand, i) => (i % 12 === 0 ? `<h2>${sentence(rand, 5)}</h2>\n` : '') +
    `<p>${sentence(rand, 14)} ${words(rand, 6)} <a href="/notes/${i}">${words(rand, 3)}</a> ${words(rand, 9)} ` +
    `<em>${words(rand, 4)}</em> ${sentence(rand, 12)}</p>\n`,
  // Lists of ten items (a sentence and a link each) under a heading and a short paragraph.
  lists: (rand, i) => {
    let html = `<h3>${sentence(rand, 4)}</h3>\n<p>${sentence(rand, 16)}</p>\n<ul>\n`;
    for (let k = 0; k < 10; k++) html += `<li>${sentence(rand, 9)} <a href="/item/${i}-${k}">${words(rand, 2)}</a></li>\n`;
    return `${html}</ul>\n`;
  },
  // Data tables of 20 rows and 5 columns with a caption, a paragraph between them.
  tables: (rand, i) => {
    let html = `<p>${sentence(rand, 20)}</p>\n<table><caption>${sentence(rand, 5)}</caption>\n<thead><tr>`;
    for (let c = 0; c < 5; c++) html += `<th>${words(rand, 1)}</th>`;
    html += '</tr></thead>\n<tbody>\n';
    for (let r = 0; r < 20; r++) {
      html += '<tr>';
      for (let c = 0; c < 5; c++) html += `<td>${c ? (i * 31 + r * 7 + c) % 1000 : words(rand, 2)}</td>`;
      html += '</tr>\n';
    }
    return `${html}</tbody></table>\n`;
  },
  // Paragraphs of text inside eight levels of inline elements, twice each.
  nested: (rand, i) => {
    const nest = (depth) => (depth === 0 ? words(rand, 5)
      : `<${['span', 'em', 'strong', 'a href="#n' + i + '"', 'b', 'i', 'code', 'small'][depth - 1]}>${words(rand, 2)} ` +
        `${nest(depth - 1)}</${['span', 'em', 'strong', 'a', 'b', 'i', 'code', 'small'][depth - 1]}>`);
    return `<p>${sentence(rand, 8)} ${nest(8)} ${words(rand, 6)} ${nest(8)} ${sentence(rand, 6)}</p>\n`;
  },
};
export const SHAPE_NAMES = Object.keys(SHAPES);

const NAV = ['Home', 'World', 'Politics', 'Science', 'Culture', 'Sport', 'Opinion', 'Archive']
  .map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`).join('');

/** One long-article page of `shape`, about `mb` MB of UTF-8 (ASCII) text. */
export function longPage(shape, mb) {
  const rand = random(0x9e3779b9 ^ SHAPE_NAMES.indexOf(shape));
  const target = Math.round(mb * 1048576);
  const head = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>A long read (${shape})</title>` +
    `<meta name="description" content="A generated long article."></head>\n<body>\n` +
    `<header class="site-header"><nav class="menu"><ul>${NAV}</ul></nav></header>\n<main><article>\n` +
    `<h1>A long read (${shape})</h1>\n<p class="byline">By A. Writer</p>\n`;
  const tail = '</article></main>\n<aside class="related"><h2>Related</h2><ul>' + NAV + '</ul></aside>\n' +
    '<footer class="site-footer"><p>Copyright the publisher.</p><ul>' + NAV + '</ul></footer>\n</body></html>\n';
  const parts = [head];
  let length = head.length + tail.length;
  for (let i = 0; length < target; i++) {
    const block = SHAPES[shape](rand, i);
    parts.push(block);
    length += block.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** The largest pages of every corpus in ../shared/corpus (by file size), as bench pages. */
function largestRealPages(sharedDir, loadPages) {
  const corpus = join(sharedDir, 'corpus');
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.html?$/i.test(entry.name) && !/expected\.html$/.test(entry.name)) files.push({ path, size: statSync(path).size });
    }
  };
  try {
    walk(corpus);
  } catch {
    return [];
  }
  files.sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
  return loadPages(files.slice(0, REAL_PAGES).map((f) => f.path));
}

const encoder = new TextEncoder();

/**
 * The series' pages: every shape at every size, then the largest real pages.
 * @returns {{ name: string, shape: string | null, mb: number, html: string, utf8: Uint8Array, bytes: Uint8Array }[]}
 */
export function longformPages({ sharedDir, loadPages, sizes = SIZES_MB }) {
  const pages = [];
  for (const shape of SHAPE_NAMES) {
    for (const mb of sizes) {
      const html = longPage(shape, mb);
      const utf8 = encoder.encode(html);
      pages.push({ name: `${shape} ${mb} MB`, shape, mb, html, utf8, bytes: utf8 });
    }
  }
  for (const page of largestRealPages(sharedDir, loadPages)) pages.push({ ...page, shape: null, mb: page.utf8.length / 1048576 });
  return pages;
}

// ---------------------------------------------------------------- timing

/** Least-squares slope of log(ms) over log(bytes): the growth exponent k. */
export function growthExponent(points) {
  const xs = points.map((p) => Math.log(p.bytes));
  const ys = points.map((p) => Math.log(p.ms));
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxx ? sxy / sxx : NaN;
}

// A call this slow is timed once: its noise is small beside it, and
// Readability.js + linkedom takes minutes on the 8 MB pages.
const ONCE_MS = 5000;

/** Best of `runs` calls (ms), at least two unless the first took ONCE_MS; a full GC before each, off the clock. */
function best(fn, runs) {
  let min = Infinity;
  for (let r = 0; r < Math.max(2, runs) && (r === 0 || min < ONCE_MS); r++) {
    collectGarbage();
    const start = performance.now();
    fn();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

async function nodeSystems(wasmUrl, peers) {
  const reader = await createReader({ wasmUrl });
  const core = await instantiateCore(await compileCore({ wasmUrl }));
  const systems = [
    { id: 'quietpage', label: 'quietpage', run: (page) => reader.parse(page.html, { url: PAGE_URL }) },
    { id: 'gumbo', label: 'gumbo only', run: (page) => withUtf8(core, page.utf8, (ptr, length) => core.parseOnly(ptr, length, false)) },
  ];
  if (peers) {
    systems.push({ id: 'readability', label: 'Readability.js+linkedom', maxMB: LINKEDOM_MAX_MB,
      run: (page) => new Readability(linkedomDocument(page.html)).parse() });
  }
  return systems;
}

/**
 * Node: every system on every page, best of `runs`.
 * @returns {{ systems: { id, label }[], times: Record<string, number[]> }} ms per page, per system id
 */
export async function runLongformNode(pages, { runs, wasmUrl, peers }) {
  const systems = await nodeSystems(wasmUrl, peers);
  const times = {};
  for (const system of systems) {
    // Warm-up: the smallest page of each shape, twice.
    for (const page of pages.filter((p) => p.mb === SIZES_MB[0])) { system.run(page); system.run(page); }
    times[system.id] = pages.map((page, i) => {
      if (system.maxMB && page.utf8.length > system.maxMB * 1048576) return NaN;
      progress(`longform node: ${system.label}: ${i + 1}/${pages.length} (${page.name})`);
      return best(() => system.run(page), runs);
    });
  }
  progressDone();
  return { systems: systems.map(({ id, label }) => ({ id, label })), times };
}

/** Chromium: quietpage on the main thread and DOMParser + Readability.js, best of `runs`, in one page. */
export async function runLongformBrowser(pages, { runs, wasmDir, peers }) {
  const server = await startServer(pages, wasmDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS });
  try {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(`${server.origin}/`);
    await tab.evaluate(async (count) => {
      window.bench = await import('/bench/harness.mjs');
      return window.bench.setup(count, { worker: false });
    }, pages.length);
    const systems = [{ id: 'quietpage-main', label: 'quietpage' }];
    if (peers) systems.push({ id: 'readability-domparser', label: 'DOMParser+Readability.js' });
    const times = {};
    for (const system of systems) {
      const warm = pages.map((p, i) => i).filter((i) => pages[i].mb === SIZES_MB[0]);
      times[system.id] = [];
      for (let i = 0; i < pages.length; i++) {
        progress(`longform chromium: ${system.label}: ${i + 1}/${pages.length} (${pages[i].name})`);
        times[system.id].push(await tab.evaluate(({ id, index, runs, warm }) => window.bench.best(id, index, runs, warm),
          { id: system.id, index: i, runs, warm: i === 0 ? warm : [] }));
      }
    }
    progressDone();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { version: browser.version(), systems, times };
  } finally {
    await browser.close();
    await server.close();
  }
}

// ---------------------------------------------------------------- tables

const mbps = (page, ms) => page.utf8.length / 1048576 / (ms / 1000);

/**
 * Per page: each system's ms and MB/s, and quietpage over every other system;
 * then per shape, each system's growth exponent.
 * @param {string} reference the id of quietpage's row
 */
export function longformTable(pages, { systems, times }, reference) {
  const others = systems.filter((s) => s.id !== reference);
  const header = ['page', 'MB', ...systems.flatMap((s) => [`${s.label} ms`, 'MB/s']), ...others.map((s) => `vs ${s.label}`)];
  const rows = pages.map((page, i) => [
    page.name,
    (page.utf8.length / 1048576).toFixed(2),
    ...systems.flatMap((s) => (Number.isFinite(times[s.id][i])
      ? [times[s.id][i].toFixed(1), mbps(page, times[s.id][i]).toFixed(1)] : ['-', '-'])),
    ...others.map((s) => (Number.isFinite(times[s.id][i]) ? `${(times[reference][i] / times[s.id][i]).toFixed(2)}x` : '-')),
  ]);
  const growth = table(['shape', ...systems.map((s) => `k ${s.label}`)], SHAPE_NAMES.map((shape) => [
    shape,
    ...systems.map((s) => growthExponent(pages.map((p, i) => ({ p, ms: times[s.id][i] }))
      .filter(({ p, ms }) => p.shape === shape && Number.isFinite(ms)).map(({ p, ms }) => ({ bytes: p.utf8.length, ms })))
      .toFixed(3)),
  ]));
  return `${table(header, rows)}\n\nGrowth exponent k (time ∝ size^k, least squares on log-log over ${SIZES_MB.join(', ')} MB; ` +
    `Readability.js + linkedom up to ${LINKEDOM_MAX_MB} MB):\n\n${growth}`;
}

/** What the targets check: per generated page, quietpage's MB/s and its ratios; per shape, k. */
export function longformSummary(pages, result, reference) {
  const generated = pages.map((p, i) => ({ p, i })).filter(({ p }) => p.shape);
  const at = (id) => generated.map(({ i }) => result.times[id]?.[i]);
  return {
    minMBps: Math.min(...generated.map(({ p, i }) => mbps(p, result.times[reference][i]))),
    ratios: Object.fromEntries(result.systems.filter((s) => s.id !== reference).map((s) => [s.id,
      Math.max(...at(reference).map((t, k) => t / at(s.id)[k]).filter(Number.isFinite))])),
    maxK: Math.max(...SHAPE_NAMES.map((shape) => growthExponent(generated.filter(({ p }) => p.shape === shape)
      .map(({ p, i }) => ({ bytes: p.utf8.length, ms: result.times[reference][i] }))))),
  };
}
