// Cold start: the first parses after createReader(), each in a fresh process
// (Node) or a fresh browser context (Chromium: main thread, and a Web Worker
// through quietpage/worker), so the WebAssembly is compiled, instantiated and
// run from nothing every time. Per sample: the time createReader() (or the
// worker's ready()) takes, then parses 1 to 10 of one page; the table gives
// the median over the samples and the first parse over the tenth.
//
// The page: the Mozilla corpus page closest to 100 KB (a news article).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { median, table } from './stats.mjs';

const PARSES = 10;
const TARGET_BYTES = 100 * 1024;

/** The Mozilla corpus page whose size is closest to 100 KB. */
export function coldStartPage(sharedDir) {
  const dir = join(sharedDir, 'corpus', 'readability');
  let best = null;
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'source.html');
    let size;
    try { size = statSync(file).size; } catch { continue; }
    if (!best || Math.abs(size - TARGET_BYTES) < Math.abs(best.size - TARGET_BYTES)) best = { name: `readability/${name}`, file, size };
  }
  return best;
}

// The child: one cold start in this process, as JSON on stdout.
async function child(file, wasmDir, url) {
  const start = performance.now();
  const { createReader } = await import('../js/index.js');
  const html = readFileSync(file, 'utf8');
  const imported = performance.now();
  const reader = await createReader({ wasmUrl: pathToFileURL(join(wasmDir, 'quietpage_core.wasm')) });
  const created = performance.now();
  const parses = [];
  for (let i = 0; i < PARSES; i++) {
    const t = performance.now();
    reader.parse(html, { url });
    parses.push(performance.now() - t);
  }
  process.stdout.write(JSON.stringify({ import: imported - start, create: created - imported, parses }));
}

/**
 * Node: `samples` fresh processes, started with `nodeFlags` (V8's flags:
 * EAGER_WASM_FLAGS compile the whole module with the optimizing compiler up
 * front).
 * js/loader.js imports the glue from dist/wasm: a --wasm build elsewhere
 * must have the same glue (it does when only the C++ changed).
 */
export function runColdStartNode(page, { samples, wasmDir, url, nodeFlags = [] }) {
  const out = [];
  for (let i = 0; i < samples; i++) {
    const r = spawnSync(process.execPath, [...nodeFlags, fileURLToPath(import.meta.url), '--child', page.file, wasmDir, url], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cold start child failed: ${r.stderr}`);
    out.push(JSON.parse(r.stdout));
  }
  return out;
}

/**
 * V8 flags that compile all of a WebAssembly module with the optimizing
 * compiler when it loads, instead of function by function with the baseline
 * compiler and optimizing what turns out hot (the README's advice for servers).
 */
export const EAGER_WASM_FLAGS = ['--no-liftoff', '--no-wasm-lazy-compilation'];

/**
 * Chromium: `samples` fresh contexts on the bench server; in each, the
 * main-thread Reader and then a worker Reader, each created and then parsing
 * the page ten times.
 */
export async function runColdStartBrowser(page, { samples, wasmDir }) {
  const { chromium } = await import('playwright-core');
  const { BROWSER_ARGS, CHROMIUM } = await import('./browser.mjs');
  const { startServer } = await import('./server.mjs');
  const { loadPages } = await import('./pages.mjs');
  const server = await startServer(loadPages([page.file]), wasmDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS });
  const result = { main: [], worker: [] };
  try {
    for (let i = 0; i < samples; i++) {
      for (const mode of ['main', 'worker']) {
        const context = await browser.newContext();
        const tab = await context.newPage();
        await tab.goto(`${server.origin}/`);
        result[mode].push(await tab.evaluate(async ({ mode, count }) => {
          const html = await (await fetch('/page/0')).text();
          const start = performance.now();
          let reader;
          if (mode === 'main') {
            reader = await (await import('/js/index.js')).createReader();
          } else {
            reader = (await import('/js/worker-client.js')).createWorkerReader();
            await reader.ready();
          }
          const create = performance.now() - start;
          const parses = [];
          for (let k = 0; k < count; k++) {
            const t = performance.now();
            await reader.parse(html, { url: location.href });
            parses.push(performance.now() - t);
          }
          reader.terminate?.();
          return { create, parses };
        }, { mode, count: PARSES }));
        await context.close();
      }
    }
    return { version: browser.version(), ...result };
  } finally {
    await browser.close();
    await server.close();
  }
}

const ms = (v) => v.toFixed(1);

/** One row per mode: medians of create, first, second and tenth parse, and first/tenth. */
export function coldStartTable(rows) {
  return table(['where', 'samples', 'load + createReader ms', 'parse 1 ms', 'parse 2 ms', 'parse 10 ms', 'parse 1 / parse 10'],
    rows.map(({ label, samples }) => {
      const first = median(samples.map((s) => s.parses[0]));
      const tenth = median(samples.map((s) => s.parses[PARSES - 1]));
      return [label, String(samples.length), ms(median(samples.map((s) => (s.import ?? 0) + s.create))), ms(first),
        ms(median(samples.map((s) => s.parses[1]))), ms(tenth), `${(first / tenth).toFixed(2)}x`];
    }));
}

/** First parse over the tenth (medians), per mode. */
export const firstOverTenth = (samples) => median(samples.map((s) => s.parses[0])) / median(samples.map((s) => s.parses[PARSES - 1]));

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
