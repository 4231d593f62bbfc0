#!/usr/bin/env node
// npm run bench: how fast and how small quietpage is, beside Readability.js.
//
//   node bench/run.mjs [--limit N] [--only node|browser|size|longform|extension] [--wasm DIR]
//                      [--runs N] [--json FILE] [--jsdom-limit N] [--heap-parses N] [--no-peers]
//
// Prints three sections (see bench/RESULTS.md for a recorded run):
//   node     quietpage vs Readability.js (linkedom, jsdom) vs gumbo parse only
//   browser  Chromium: quietpage on the main thread and in a worker vs
//            DOMParser + Readability.js
//   size     .wasm / glue / js sizes (raw, gzip -9) and the heap over 10,000 parses
//   longform one long article, generated in four shapes from 0.1 to 8 MB, and the
//            largest real pages: MB/s and growth exponent of quietpage, gumbo
//            alone and Readability.js, in Node and in Chromium
//   coldstart the first parses after createReader() (fresh processes and browser
//            contexts): first parse over the tenth
// then the performance targets, each with the measured value and whether it
// was met.
// Timing is reported, never asserted. Pages come from ../shared (or
// $QUIETPAGE_SHARED); without them the run is skipped (exit 0).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';

const HELP = `usage: node bench/run.mjs [options]
  --limit N          only the first N pages
  --only SECTION     node, browser, size, longform, coldstart (default: all five) or
                     extension (the browser extension's click-to-reader timings:
                     bench/extension.mjs)
  --wasm DIR         the build to measure: DIR/quietpage_core.{wasm,mjs} (default dist/wasm)
  --runs N           time each page N times and keep the median (default 1; the
                     longform series keeps the best of N, at least 2)
  --json FILE        also write every measurement (per page) to FILE
  --jsdom-limit N    Readability.js + jsdom on the first N pages only (default: all; it is slow)
  --heap-parses N    parses for the heap check (default 10000)
  --cold-samples N   cold starts per mode in the coldstart section (default 7)
  --no-peers         leave Readability.js out (quietpage and gumbo only: to compare builds)
  -h, --help         this text`;

const { values: args } = parseArgs({
  options: {
    limit: { type: 'string' },
    only: { type: 'string' },
    wasm: { type: 'string' },
    runs: { type: 'string', default: '1' },
    json: { type: 'string' },
    'jsdom-limit': { type: 'string' },
    'heap-parses': { type: 'string', default: '10000' },
    'cold-samples': { type: 'string', default: '7' },
    'no-peers': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const count = (name, fallback) => {
  const value = args[name] === undefined ? fallback : Number(args[name]);
  if (value !== Infinity && (!Number.isInteger(value) || value < 1)) {
    console.error(`--${name} must be a positive integer\n${HELP}`);
    process.exit(2);
  }
  return value;
};
const SECTIONS = ['node', 'browser', 'size', 'longform', 'coldstart'];
if (args.only === 'extension') {
  // Its own pages (tests/fixtures/extension/), no corpus needed.
  const { EXTENSION_NOTE, extensionTable, runExtension } = await import('./extension.mjs');
  const report = await runExtension({ runs: args.runs === '1' ? 10 : Number(args.runs) });
  console.log(`\n## Extension (Chromium ${report.version}; load average ${report.load.toFixed(1)})\n`);
  console.log(extensionTable(report));
  console.log(`\n${EXTENSION_NOTE}`);
  process.exit(0);
}
if (args.only && !SECTIONS.includes(args.only)) {
  console.error(`--only must be one of ${SECTIONS.join(', ')}\n${HELP}`);
  process.exit(2);
}
const sections = args.only ? [args.only] : SECTIONS;
const limit = count('limit', Infinity);
const runs = count('runs', 1);
const jsdomLimit = count('jsdom-limit', Infinity);
const heapParses = count('heap-parses', 10000);
const coldSamples = count('cold-samples', 7);
const peers = !args['no-peers'];

// Readability.js + jsdom needs a large heap for the biggest pages: run again
// with one when Node's default limit is lower.
const HEAP_MB = 8192;
if (getHeapStatistics().heap_size_limit < HEAP_MB * 1024 * 1024 * 0.9 && !process.env.QUIETPAGE_BENCH_CHILD) {
  const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, ...process.execArgv, process.argv[1], ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, QUIETPAGE_BENCH_CHILD: '1' } });
  process.exit(child.status ?? 1);
}

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const defaultWasmDir = join(root, 'dist', 'wasm');
const wasmDir = resolve(args.wasm ?? defaultWasmDir);
for (const name of ['quietpage_core.wasm', 'quietpage_core.mjs']) {
  if (!existsSync(join(wasmDir, name))) {
    console.error(`bench: ${join(wasmDir, name)} not found (build it first, or pass --wasm DIR)`);
    process.exit(1);
  }
}
// js/loader.js imports the glue from dist/wasm/: point that import at the
// build under test before anything loads js/.
if (wasmDir !== defaultWasmDir) {
  register('./wasm-hooks.mjs', import.meta.url, {
    data: { from: pathToFileURL(defaultWasmDir).href + '/', to: pathToFileURL(wasmDir).href + '/' },
  });
}
const wasmUrl = pathToFileURL(join(wasmDir, 'quietpage_core.wasm'));

const { loadPages, pageFiles, sharedDir, SOURCES } = await import('./pages.mjs');
const files = pageFiles();
if (!files) {
  console.log(`bench: skipped, the pages are not there (${SOURCES.map((s) => join(sharedDir, s)).join(', ')}); ` +
    'they live beside the checkout, in ../shared (or set $QUIETPAGE_SHARED)');
  process.exit(0);
}
const pages = loadPages(files.slice(0, limit));
const pageBytes = pages.reduce((a, p) => a + p.bytes.length, 0);

function tryCommand(command, commandArgs) {
  try {
    return execFileSync(command, commandArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0].trim();
  } catch {
    return 'unknown';
  }
}
const cpuModel = /model name\s*:\s*(.*)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? cpus()[0]?.model;
const machine = {
  cpu: cpuModel,
  cores: cpus().length,
  node: process.version,
  emcc: tryCommand('emcc', ['--version']),
};
const report = { command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(), machine, wasmDir, runs, pages: pages.map((p) => p.name) };

console.log(`quietpage bench: ${pages.length} pages (${(pageBytes / 1048576).toFixed(1)} MB) from ${sharedDir}`);
console.log(`wasm: ${wasmDir}; runs per page: ${runs} (median kept)`);
console.log(`machine: ${machine.cpu}, ${machine.cores} cores; Node ${machine.node}; ${machine.emcc}`);

if (sections.includes('node')) {
  const { nodeTable, runNode } = await import('./node.mjs');
  console.log(`\n## Node (ms per page; warm-up first${peers ? `; Readability.js + jsdom on ${Math.min(jsdomLimit, pages.length)} pages` : ''})\n`);
  report.node = await runNode(pages, { runs, jsdomLimit, wasmUrl, peers });
  console.log(nodeTable(report.node));
}

if (sections.includes('browser')) {
  const { browserTable, runBrowser } = await import('./browser.mjs');
  console.log('\n## Chromium (ms per page; warm-up first)\n');
  report.browser = await runBrowser(pages, { runs, wasmDir, peers });
  machine.chromium = report.browser.version;
  console.log(`Chromium ${report.browser.version}\n`);
  console.log(browserTable(report.browser));
}

if (sections.includes('size')) {
  const { heapTable, measureHeap, measureSize, sizeTable } = await import('./size.mjs');
  console.log('\n## Size\n');
  report.size = measureSize(wasmDir);
  console.log(sizeTable(report.size));
  console.log(`\n## Heap (Reader.memoryUsage() of one Reader)\n`);
  report.heap = await measureHeap(pages, { wasmUrl, parses: heapParses });
  console.log(heapTable(report.heap));
}

if (sections.includes('longform')) {
  const { SIZES_MB, longformPages, longformSummary, longformTable, runLongformBrowser, runLongformNode } = await import('./longform.mjs');
  const series = longformPages({ sharedDir, loadPages });
  console.log(`\n## Long articles (best of ${Math.max(2, runs)}; generated pages of ${SIZES_MB.join(', ')} MB, then the largest real pages)\n`);
  const node = await runLongformNode(series, { runs, wasmUrl, peers });
  console.log(`Node\n\n${longformTable(series, node, 'quietpage')}`);
  const browser = await runLongformBrowser(series, { runs, wasmDir, peers });
  console.log(`\nChromium ${browser.version}\n\n${longformTable(series, browser, 'quietpage-main')}`);
  report.longform = { pages: series.map((p) => ({ name: p.name, shape: p.shape, bytes: p.utf8.length })), node, browser };
  report.longformSummary = {
    node: longformSummary(series, node, 'quietpage'),
    browser: longformSummary(series, browser, 'quietpage-main'),
  };
}

if (sections.includes('coldstart')) {
  const {
    coldStartPage, coldStartTable, EAGER_WASM_FLAGS, firstOverTenth, runColdStartBrowser, runColdStartNode,
  } = await import('./coldstart.mjs');
  const page = coldStartPage(sharedDir);
  const { PAGE_URL } = await import('./node.mjs');
  console.log(`\n## Cold start (${page.name}, ${(page.size / 1024).toFixed(0)} KB; medians of ${coldSamples} fresh processes or browser contexts)\n`);
  const node = runColdStartNode(page, { samples: coldSamples, wasmDir, url: PAGE_URL });
  const eager = runColdStartNode(page, { samples: coldSamples, wasmDir, url: PAGE_URL, nodeFlags: EAGER_WASM_FLAGS });
  const browser = await runColdStartBrowser(page, { samples: coldSamples, wasmDir });
  report.coldstart = { page: page.name, node, nodeEager: eager, browser };
  report.coldstartSummary = { node: firstOverTenth(node), main: firstOverTenth(browser.main), worker: firstOverTenth(browser.worker) };
  console.log(coldStartTable([
    { label: 'Node, createReader()', samples: node },
    { label: `Node ${EAGER_WASM_FLAGS.join(' ')}`, samples: eager },
    { label: `Chromium ${browser.version}, main thread`, samples: browser.main },
    { label: 'Chromium, Web Worker (quietpage/worker)', samples: browser.worker },
  ]));
}

const { checkTargets, targetsTable } = await import('./targets.mjs');
report.targets = checkTargets(report);
if (report.targets.length) {
  console.log('\n## Targets (from the issue; ratios of totals over the same pages)\n');
  console.log(targetsTable(report.targets));
}

if (args.json) {
  writeFileSync(args.json, JSON.stringify(report, null, 1));
  console.log(`\nwrote ${args.json}`);
}
