#!/usr/bin/env node
// npm run bench:hostile: the inputs that were quadratic (issue 19, finding 5),
// each at size n and 10n, through the release build; prints a table of the
// times and their ratio (linear: 10x; quadratic: 100x).
//   node bench/hostile.mjs [--runs N] [--wasm DIR]
import { register } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { fastestParse, HOSTILE_CASES } from './hostile-cases.mjs';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, wasm: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (args.help) {
  console.log('usage: node bench/hostile.mjs [--runs N] [--wasm DIR]   (fastest of N runs per size, default 3)');
  process.exit(0);
}
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs must be a positive integer');
  process.exit(2);
}
const defaultWasmDir = resolve(import.meta.dirname, '..', 'dist', 'wasm');
const wasmDir = resolve(args.wasm ?? defaultWasmDir);
// js/loader.js imports the glue from dist/wasm/: point it at --wasm (as bench/run.mjs does).
if (wasmDir !== defaultWasmDir) {
  register('./wasm-hooks.mjs', import.meta.url, {
    data: { from: pathToFileURL(defaultWasmDir).href + '/', to: pathToFileURL(wasmDir).href + '/' },
  });
}
const { createReader } = await import('../js/index.js');
const reader = await createReader({ wasmUrl: pathToFileURL(join(wasmDir, 'quietpage_core.wasm')) });

const rows = [];
for (const c of HOSTILE_CASES) {
  const options = { markdown: Boolean(c.markdown) };
  const small = c.html(c.small);
  const large = c.html(c.small * 10);
  fastestParse(reader, small, options, 1);  // warm-up
  const a = fastestParse(reader, small, options, runs);
  const b = fastestParse(reader, large, options, runs);
  const outcome = a.outcome === b.outcome ? a.outcome : `${a.outcome}, ${b.outcome}`;
  rows.push([c.name, `${c.small}`, `${(small.length / 1e3).toFixed(0)} KB`, a.ms.toFixed(1), `${(large.length / 1e6).toFixed(2)} MB`,
    b.ms.toFixed(1), (b.ms / a.ms).toFixed(1), outcome]);
}
const head = ['case', 'n', 'size (n)', 'ms (n)', 'size (10n)', 'ms (10n)', 'ratio', 'result'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => (i === 0 || i === 7 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
console.log(line(head));
console.log(`|${widths.map((w, i) => (i === 0 || i === 7 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`\nfastest of ${runs} runs per size; linear is 10x, quadratic 100x`);
