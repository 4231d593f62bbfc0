// Size of what ships (raw and gzip -9) and the Reader's memory over many parses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { createReader } from '../js/index.js';
import { root } from './pages.mjs';
import { progress, progressDone, table } from './stats.mjs';
import { PAGE_URL } from './node.mjs';

const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1);

/** Raw and gzip -9 sizes of the wasm, the glue and js/*.js (each file gzipped on its own). */
export function measureSize(wasmDir) {
  const file = (path, label) => {
    const bytes = readFileSync(path);
    return { label, raw: bytes.length, gzip: gzipped(bytes) };
  };
  const wasm = file(join(wasmDir, 'quietpage_core.wasm'), 'quietpage_core.wasm');
  const glue = file(join(wasmDir, 'quietpage_core.mjs'), 'quietpage_core.mjs (loader glue)');
  const jsDir = join(root, 'js');
  const js = readdirSync(jsDir).filter((name) => name.endsWith('.js')).sort()
    .map((name) => file(join(jsDir, name), `js/${name}`));
  const total = (label, parts) => ({ label, raw: parts.reduce((a, p) => a + p.raw, 0), gzip: parts.reduce((a, p) => a + p.gzip, 0) });
  return {
    files: [wasm, glue, ...js],
    core: total('.wasm + loader .mjs', [wasm, glue]),
    shipping: total('total shipped (wasm + mjs + js/*.js)', [wasm, glue, ...js]),
  };
}

export function sizeTable(size) {
  const rows = [...size.files, size.core, size.shipping]
    .map((f) => [f.label, String(f.raw), kb(f.raw), String(f.gzip), kb(f.gzip)]);
  return table(['file', 'raw bytes', 'raw KB', 'gzip -9 bytes', 'gzip KB'], rows);
}

/**
 * Reader.memoryUsage() after 1, 100 and `parses` parses of a fresh Reader
 * that cycles through the first `cycle` pages (so by parse 100 it has seen
 * every page of the cycle once; growth after that is not explained by a
 * bigger page).
 * @param {import('./pages.mjs').Page[]} pages
 */
export async function measureHeap(pages, { wasmUrl, parses, cycle = 100 }) {
  const set = pages.slice(0, Math.min(cycle, pages.length));
  const reader = await createReader({ wasmUrl });
  const checkpoints = [1, 100, parses].filter((n, i, all) => all.indexOf(n) === i).sort((a, b) => a - b);
  const samples = [];
  const start = performance.now();
  for (let n = 1; n <= parses; n++) {
    reader.parse(set[(n - 1) % set.length].bytes, { url: PAGE_URL });
    if (n % 500 === 0) progress(`heap: parse ${n}/${parses}`);
    if (checkpoints.includes(n)) samples.push({ parses: n, ...reader.memoryUsage() });
  }
  progressDone();
  const largest = Math.max(...set.map((p) => p.bytes.length));
  return { cycle: set.length, largestPage: largest, cycleBytes: set.reduce((a, p) => a + p.bytes.length, 0), seconds: (performance.now() - start) / 1000, samples };
}

export function heapTable(heap) {
  const rows = heap.samples.map((s) => [String(s.parses), String(s.heapBytes), kb(s.heapBytes), String(s.usedBytes), kb(s.usedBytes)]);
  const at = (n) => heap.samples.find((s) => s.parses === n);
  const lines = [
    `cycling through the first ${heap.cycle} pages (${kb(heap.cycleBytes)} KB in all, largest ${kb(heap.largestPage)} KB); ${heap.seconds.toFixed(1)} s`,
    table(['parses', 'heapBytes', 'heap KB', 'usedBytes', 'used KB'], rows),
  ];
  const last = heap.samples[heap.samples.length - 1];
  if (at(100) && last.parses > 100) {
    const pct = (a, b) => `${(((b - a) / a) * 100).toFixed(2)}%`;
    lines.push(`change from 100 to ${last.parses} parses: heapBytes ${pct(at(100).heapBytes, last.heapBytes)}, usedBytes ${pct(at(100).usedBytes, last.usedBytes)}`);
  }
  return lines.join('\n');
}
