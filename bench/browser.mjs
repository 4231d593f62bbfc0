// Chromium table: the pages are served from a loopback server (server.mjs)
// and timed inside one page (browser-harness.mjs): quietpage on the main
// thread, quietpage in a Web Worker (latency, and the main-thread time it
// costs), DOMParser + Readability.js. Systems run one after the other over
// the same pages in the same order, each after a warm-up pass.
import { chromium } from 'playwright-core';

import { startServer } from './server.mjs';
import { progress, progressDone, summarize, table, timingTable } from './stats.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WARMUP_PAGES = 20;

const SYSTEMS = [
  { id: 'quietpage-main', label: 'quietpage, main thread' },
  { id: 'quietpage-worker', label: 'quietpage, Web Worker' },
  { id: 'readability-domparser', label: 'DOMParser + Readability.js', reference: true, peer: true },
];

/**
 * @param {import('./pages.mjs').Page[]} pages
 * @param {{ runs: number, wasmDir: string, peers: boolean }} options
 *   peers: false leaves Readability.js out (to compare builds quickly)
 */
export async function runBrowser(pages, { runs, wasmDir, peers }) {
  const server = await startServer(pages, wasmDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith('progress ')) progress(`browser: ${text.slice(9)}`);
    });
    await page.goto(`${server.origin}/`);
    const { crossOriginIsolated } = await page.evaluate(async (count) => {
      window.bench = await import('/bench/harness.mjs');
      return window.bench.setup(count);
    }, pages.length);
    const results = [];
    for (const system of SYSTEMS.filter((s) => peers || !s.peer)) {
      const r = await page.evaluate(({ id, runs, warmup }) => window.bench.run(id, { runs, warmup }),
        { id: system.id, runs, warmup: WARMUP_PAGES });
      results.push({ ...system, ...r, failures: r.failures.map((i) => pages[i].name) });
    }
    progressDone();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { version: browser.version(), crossOriginIsolated, systems: results };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Latency table, plus main-thread time and the browser's long tasks. Ratios against DOMParser + Readability.js. */
export function browserTable(result) {
  const ref = result.systems.find((s) => s.reference) ?? result.systems[0];
  const worker = result.systems.find((s) => s.id === 'quietpage-worker');
  const rows = result.systems.map((s) => ({ label: s.label + (s.id === 'quietpage-worker' ? ' (latency)' : ''), ...summarize(s.times, ref.times) }));
  rows.splice(2, 0, { label: 'quietpage, Web Worker (main-thread time)', ...summarize(worker.mainThread, ref.mainThread) });
  const longTasks = table(['system', 'long tasks (>50 ms)', 'their total s'],
    result.systems.map((s) => [s.label, String(s.longTaskCount), (s.longTaskMs / 1000).toFixed(2)]));
  const notes = result.systems.filter((s) => s.failures.length)
    .map((s) => `${s.label}: threw on ${s.failures.length} page(s) (timed anyway): ${s.failures.slice(0, 5).join(', ')}`);
  return [
    timingTable(rows, { ratioLabel: ref.peer ? 'vs Readability.js' : `vs ${ref.label}` }),
    '',
    'Main-thread time of the worker mode = postMessage (structured clone of the request) + the reply\'s',
    `message handler (deserialization + settling). performance.now() resolution: ${result.crossOriginIsolated ? '5 µs (cross-origin isolated)' : '100 µs'}.`,
    '',
    longTasks,
    ...notes,
  ].join('\n');
}
