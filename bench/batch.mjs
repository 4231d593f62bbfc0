#!/usr/bin/env node
// npm run bench:batch: quietpage at scale, natively. Packs every page of
// ../shared/corpus (Mozilla's, trafilatura-dev, textgold-dev) into a
// temporary web archive gzipped per record as Common Crawl writes it, then
// measures pages per second:
//   quietpage-batch   the archive -> JSON lines, with 1 and 2 threads
//   Python            quietpage.extract_warc() (the same lines, one thread),
//                     quietpage.parse() over the archive's pages (read first,
//                     off the clock) on 1 and 2 threads
//   JavaScript        reader.parse(bytes) (the WebAssembly build), for scale
// Each is run --runs times, in rounds of every system in turn, and each
// column keeps the best run: other processes share the machine's cores, and
// the best run is the one they disturbed least. "pages per CPU s" is pages
// over the process's CPU time (user + system, every thread: quietpage-batch
// -j1 reads and inflates the archive on a second thread): what one core
// does. Timing is reported, never asserted.
//
//   node bench/batch.mjs [--runs N] [--limit N] [--json FILE]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { createReader } from '../js/index.js';
import { pageRecords, warcFile, warcinfo } from '../tests/batch/warc.js';
import { root, sharedDir } from './pages.mjs';
import { table } from './stats.mjs';

const HELP = `usage: node bench/batch.mjs [options]
  --runs N      run each measurement N times, keep the best (default 5)
  --limit N     only the first N pages
  --json FILE   also write the results to FILE
  -h, --help    this text`;

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    limit: { type: 'string' },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a positive integer\n${HELP}`);
  process.exit(2);
}

const BATCH = join(root, 'build', 'native', 'quietpage-batch');
const PYTHON_PATH = join(root, 'build', 'native', 'python');
const PYTHON = '/usr/bin/python3';
if (!existsSync(BATCH)) {
  console.error(`bench:batch: ${BATCH} not built (bash scripts/build.sh native)`);
  process.exit(1);
}

/** The corpus pages in a fixed order, with the URLs the corpora give them. */
function corpusPages() {
  const corpus = join(sharedDir, 'corpus');
  if (!existsSync(corpus)) return null;
  const pages = [];
  const readability = join(corpus, 'readability');
  for (const name of readdirSync(readability).sort()) {
    pages.push({ url: `http://fakehost/test/${name}.html`, file: join(readability, name, 'source.html') });
  }
  const trafilatura = join(corpus, 'trafilatura-dev');
  const evaldata = JSON.parse(readFileSync(join(trafilatura, 'evaldata.json'), 'utf8'));
  for (const url of Object.keys(evaldata).sort()) {
    // Some keys are names ("hard::site.html"), not URLs.
    pages.push({ url: /^https?:\/\//.test(url) ? url : `http://trafilatura.example/${encodeURIComponent(evaldata[url].file)}`, file: join(trafilatura, 'html', evaldata[url].file) });
  }
  const textgold = join(corpus, 'textgold-dev');
  const truth = JSON.parse(readFileSync(join(textgold, 'ground-truth.json'), 'utf8'));
  for (const id of Object.keys(truth).sort()) pages.push({ url: truth[id].url, file: join(textgold, 'html', `${id}.html`) });
  return pages;
}

let pages = corpusPages();
if (!pages) {
  console.log(`bench:batch: skipped (${join(sharedDir, 'corpus')} not found)`);
  process.exit(0);
}
if (args.limit) pages = pages.slice(0, Number(args.limit));
for (const page of pages) page.bytes = readFileSync(page.file);
const megabytes = pages.reduce((total, page) => total + page.bytes.length, 0) / 1e6;

const dir = mkdtempSync(join(tmpdir(), 'quietpage-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const warc = join(dir, 'corpus.warc.gz');
writeFileSync(warc, warcFile([warcinfo(), ...pages.flatMap((page) => pageRecords(page.url, { body: page.bytes }))], 'record'));

// Every measurement: { system, threads, run() -> { pages, articles, seconds, cpuSeconds } }.
const measurements = [];

function batch(threads) {
  const summary = join(dir, 'summary.json');
  const out = spawnSync(BATCH, ['-q', `-j${threads}`, '--summary-json', summary, '-o', '/dev/null', warc], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`quietpage-batch failed: ${out.stderr}`);
  const { pages: n, articles, seconds, cpuSeconds } = JSON.parse(readFileSync(summary, 'utf8'));
  return { pages: n, articles, seconds, cpuSeconds };
}
for (const threads of [1, 2]) measurements.push({ system: `quietpage-batch -j${threads}`, threads, run: () => batch(threads) });

// The Python measurements, in a process of their own each time.
const PYTHON_BENCH = String.raw`
import json, sys, time
from concurrent.futures import ThreadPoolExecutor
import quietpage
warc, what = sys.argv[1], sys.argv[2]
def clock(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    pages, articles = fn()
    return {"pages": pages, "articles": articles, "seconds": time.perf_counter() - wall, "cpuSeconds": time.process_time() - cpu}
def lines():
    n = a = 0
    for line in quietpage.extract_warc(warc):
        n += 1
        a += '"error"' not in line[:2000]
    return n, a
if what == "extract_warc":
    print(json.dumps(clock(lines)))
else:
    pages = [p for p in quietpage.read_warc(warc) if not p.error]
    def one(p):
        try:
            return quietpage.parse(p.body, url=p.url, charset=p.content_type) is not None
        except quietpage.QuietpageError:
            return False
    def run():
        with ThreadPoolExecutor(max_workers=int(what)) as pool:
            found = list(pool.map(one, pages, chunksize=8))
        return len(found), sum(found)
    print(json.dumps(clock(run)))
`;
const python = (what) => {
  const out = spawnSync(PYTHON, ['-c', PYTHON_BENCH, warc, what], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: PYTHON_PATH } });
  if (out.status !== 0) throw new Error(`python failed: ${out.stderr}`);
  return JSON.parse(out.stdout);
};
if (existsSync(PYTHON) && existsSync(join(PYTHON_PATH, 'quietpage', '__init__.py'))) {
  measurements.push({ system: 'Python extract_warc()', threads: 1, run: () => python('extract_warc') });
  measurements.push({ system: 'Python parse(), 1 thread', threads: 1, run: () => python('1') });
  measurements.push({ system: 'Python parse(), 2 threads', threads: 2, run: () => python('2') });
} else {
  console.error('bench:batch: the Python binding is not built: its rows are left out');
}

// The WebAssembly build on the same bytes, for scale (one thread).
const reader = await createReader();
measurements.push({
  system: 'JavaScript reader.parse(bytes) (wasm)',
  threads: 1,
  run: () => {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    let articles = 0;
    for (const page of pages) {
      try {
        if (reader.parse(page.bytes, { url: page.url })) articles++;
      } catch { /* no article */ }
    }
    const used = process.cpuUsage(cpu);
    return { pages: pages.length, articles, seconds: (performance.now() - wall) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  },
});

// Rounds of every measurement in turn, so that a busy spell of the machine
// doesn't fall on one system only; each column keeps its best run.
const results = measurements.map(({ system, threads }) => ({ system, threads, pagesPerSecond: 0, pagesPerCpuSecond: 0 }));
for (let round = 0; round < runs; round++) {
  measurements.forEach((m, i) => {
    const r = m.run();
    const result = results[i];
    result.pages = r.pages;
    result.articles = r.articles;
    if (r.pages / r.seconds > result.pagesPerSecond) Object.assign(result, { pagesPerSecond: r.pages / r.seconds, seconds: r.seconds });
    result.pagesPerCpuSecond = Math.max(result.pagesPerCpuSecond, r.pages / r.cpuSeconds);
  });
}

const base = results[0];
const rows = results.map((r) => [
  r.system, String(r.pages), String(r.articles), r.seconds.toFixed(2), r.pagesPerSecond.toFixed(0),
  (r.pagesPerSecond / r.threads).toFixed(0), r.pagesPerCpuSecond.toFixed(0), `${(r.pagesPerSecond / base.pagesPerSecond).toFixed(2)}x`,
]);
const scaling = (label, one, two) => {
  const [a, b] = [one, two].map((system) => results.find((r) => r.system === system));
  return a && b ? `${label} ${(b.pagesPerSecond / a.pagesPerSecond).toFixed(2)}x` : null;
};

console.log(`Pages: ${pages.length} (${megabytes.toFixed(1)} MB) from ${join(sharedDir, 'corpus')}, in one .warc.gz (gzip per record)`);
console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}); each column: the best of ${runs} runs (rounds of every system in turn)\n`);
console.log(table(['system', 'pages', 'articles', 'wall s', 'pages/s', 'pages/s per thread', 'pages per CPU s', 'vs -j1'], rows));
const scalings = [
  scaling('quietpage-batch', 'quietpage-batch -j1', 'quietpage-batch -j2'),
  scaling('Python parse()', 'Python parse(), 1 thread', 'Python parse(), 2 threads'),
];
console.log(`\nScaling from 1 to 2 threads: ${scalings.filter(Boolean).join('; ')}`);
const py = results.find((r) => r.system === 'Python extract_warc()');
const percent = (a, b) => `${((a / b - 1) * 100).toFixed(1)}%`;
if (py) {
  console.log(`Python extract_warc() against quietpage-batch -j1: ${percent(py.pagesPerSecond, base.pagesPerSecond)} pages/s, ` +
    `${percent(py.pagesPerCpuSecond, base.pagesPerCpuSecond)} pages per CPU s`);
}
if (args.json) writeFileSync(args.json, `${JSON.stringify({ pages: pages.length, megabytes, runs, results }, null, 2)}\n`);
