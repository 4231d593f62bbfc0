// The targets, checked against one run's measurements: each ratio is
// taken over the pages both systems ran (totals, as the tables print them).
import { summarize, table } from './stats.mjs';

/** Total of `a` over total of `b`, on the pages both ran (NaN when either is missing). */
const ratio = (a, b) => (a && b ? summarize(a, b).ratio : NaN);

/**
 * @param {object} report the run's report (run.mjs): node, browser, size, heap sections as measured
 * @returns {{ target: string, measured: string, met: boolean }[]}
 */
export function checkTargets(report) {
  const rows = [];
  const add = (target, value, limit, format = (v) => `${v.toFixed(3)}x`) => {
    if (!Number.isFinite(value)) return;
    rows.push({ target, measured: format(value), met: value <= limit });
  };
  if (report.node) {
    const times = Object.fromEntries(report.node.map((s) => [s.id, s.times]));
    const quietpage = times['quietpage-string'];
    add('Node: quietpage <= 1/3 of Readability.js + linkedom', ratio(quietpage, times['readability-linkedom']), 1 / 3);
    add('Node: quietpage <= 1/20 of Readability.js + jsdom', ratio(quietpage, times['readability-jsdom']), 1 / 20);
    add('Node: extraction overhead <= 25% over gumbo parse alone', ratio(times['quietpage-bytes'], times.gumbo) - 1, 0.25,
      (v) => `${(v * 100).toFixed(1)}%`);
  }
  if (report.browser) {
    const by = Object.fromEntries(report.browser.systems.map((s) => [s.id, s]));
    const readability = by['readability-domparser'];
    if (readability) {
      add('Chromium: quietpage (main thread) <= 0.8x DOMParser + Readability.js',
        ratio(by['quietpage-main'].times, readability.times), 0.8);
      add('Chromium: worker main-thread time <= 0.1x Readability.js\'s',
        ratio(by['quietpage-worker'].mainThread, readability.mainThread), 0.1);
    }
  }
  if (report.longformSummary) {
    const { node, browser } = report.longformSummary;
    add('Long articles, Node: quietpage >= 12 MB/s on every generated page (slowest)', node.minMBps, Infinity,
      (v) => `${v.toFixed(1)} MB/s`);
    rows[rows.length - 1].met = node.minMBps >= 12;
    add('Long articles, Node: quietpage <= 2x gumbo only (worst page)', node.ratios.gumbo, 2);
    add('Long articles, Node: growth exponent k <= 1.05 (worst shape)', node.maxK, 1.05, (v) => v.toFixed(3));
    add('Long articles, Chromium: quietpage <= 0.5x DOMParser + Readability.js (worst page)',
      browser.ratios['readability-domparser'], 0.5);
  }
  if (report.coldstartSummary) {
    const { node, main, worker } = report.coldstartSummary;
    add('Cold start, Node: first parse <= 2x the tenth', node, 2);
    add('Cold start, Chromium main thread: first parse <= 2x the tenth', main, 2);
    add('Cold start, Chromium worker: first parse <= 2x the tenth', worker, 2);
  }
  if (report.size) {
    add('.wasm + loader <= 250 KB gzipped', report.size.core.gzip / 1024, 250, (v) => `${v.toFixed(1)} KB`);
  }
  if (report.heap) {
    const at = (n) => report.heap.samples.find((s) => s.parses === n);
    const last = report.heap.samples[report.heap.samples.length - 1];
    if (at(100) && last.parses > 100) {
      const change = Math.abs(last.heapBytes - at(100).heapBytes) / at(100).heapBytes;
      add(`heap flat (+-5%) from 100 to ${last.parses} parses`, change, 0.05, (v) => `${(v * 100).toFixed(2)}%`);
    }
  }
  return rows;
}

export function targetsTable(rows) {
  return table(['target', 'measured', 'met'], rows.map((r) => [r.target, r.measured, r.met ? 'yes' : 'NO']));
}
