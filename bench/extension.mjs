#!/usr/bin/env node
// The browser extension's speed, in headless Chromium with the built
// extension (npm run bench -- --only extension, or node bench/extension.mjs):
//   - the first click after the browser starts (the core not loaded yet);
//   - warm clicks on an ordinary news page (tests/fixtures/extension/article.html,
//     and the franceinfo seed page from ../shared when it is there);
//   - a generated 5 MB page (tests/fixtures/extension/big-page.js).
// Each row: milliseconds from the toolbar click to the page's HTML taken, to
// the parse's end, to the reader page's first screen of the article and to
// all of it, and the longest tasks of the original page (after the click)
// and of the reader page. Timing is reported, never asserted.
//
//   node bench/extension.mjs [--runs N]      (default 10 warm clicks, 3 on the 5 MB page)
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';

import {
  buildExtension, clickToolbarButton, launch, measureOpen, recordLongTasks, startServer, waitForComplete, waitForReader,
} from '../tests/browser/extension-harness.js';
import { median, table } from './stats.mjs';

/** Runs the measurements; returns { rows, version, load } for extensionTable. */
export async function runExtension({ runs = 10, bigRuns = 3 } = {}) {
  buildExtension();
  const server = await startServer();
  const rows = [];
  const summarize = (label, list) => {
    const pick = (key) => median(list.map((r) => r[key]));
    rows.push({
      label,
      runs: list.length,
      captured: pick('captured'),
      parsed: pick('parsed'),
      firstContent: pick('firstContent'),
      firstContentMax: Math.max(...list.map((r) => r.firstContent)),
      complete: pick('complete'),
      pageTask: Math.max(0, ...list.flatMap((r) => r.originalLongTasks.map(([, d]) => d))),
      readerTask: Math.max(0, ...list.flatMap((r) => r.longTasks.map(([, d]) => d))),
    });
  };
  let version = '';
  try {
    const cold = [];
    // The first click after a browser start, a fresh browser each time.
    for (let i = 0; i < Math.min(3, runs); i++) {
      const browser = await launch();
      version = browser.context.browser()?.version() ?? version;
      await recordLongTasks(browser.context);
      cold.push(await measureOpen(browser, server, '/article.html'));
      await browser.close();
    }
    summarize('article.html, first click after start', cold);

    const browser = await launch();
    await recordLongTasks(browser.context);
    try {
      await measureOpen(browser, server, '/article.html'); // loads the core
      const warm = [];
      for (let i = 0; i < runs; i++) warm.push(await measureOpen(browser, server, '/article.html'));
      summarize('article.html (5 KB), warm', warm);
      if (server.hasFranceinfo) {
        const seed = [];
        for (let i = 0; i < runs; i++) seed.push(await measureOpen(browser, server, '/franceinfo.html'));
        summarize('franceinfo seed page, warm', seed);
      }
      const big = [];
      for (let i = 0; i < bigRuns; i++) big.push(await measureOpen(browser, server, '/big.html'));
      summarize(`big.html (${(server.big.html.length / 1048576).toFixed(1)} MB), warm`, big);
      const traced = await tracedOpen(browser, server, '/big.html');
      rows.push({ label: 'big.html, longest tasks in a trace', runs: 1, pageTask: traced.page, readerTask: traced.reader, traced: true });
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
  return { rows, version, load: loadavg()[0] };
}

/**
 * The longest main-thread tasks (ms) of the original page and of the reader
 * page after a click, from a Chromium trace: the Long Tasks API of a page
 * being left can miss its last tasks.
 */
async function tracedOpen(browser, server, path) {
  const { page, cdp } = browser;
  await page.goto(`${server.origin}${path}`);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
  const events = [];
  const collect = (event) => events.push(...event.value);
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] }, transferMode: 'ReportEvents' });
  await clickToolbarButton(browser);
  await waitForReader(browser);
  await waitForComplete(page);
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const readerPids = new Set(events.filter((e) => JSON.stringify(e.args ?? {}).includes(browser.readerUrl)).map((e) => e.pid));
  const longest = { page: 0, reader: 0 };
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || !main.has(`${e.pid}:${e.tid}`)) continue;
    const side = readerPids.has(e.pid) ? 'reader' : 'page';
    longest[side] = Math.max(longest[side], e.dur / 1000);
  }
  return longest;
}

const ms = (value) => (Number.isFinite(value) ? String(Math.round(value)) : '-');

export function extensionTable({ rows }) {
  return table(
    ['page', 'runs', 'HTML taken', 'parsed', 'first screen', 'max', 'all in', 'page task', 'reader task'],
    rows.map((r) => [r.label, String(r.runs), ms(r.captured), ms(r.parsed), ms(r.firstContent), ms(r.firstContentMax),
      ms(r.complete), ms(r.pageTask), ms(r.readerTask)]),
  );
}

export const EXTENSION_NOTE = 'ms from the toolbar click (medians; "max": the slowest first screen); '
  + '"page task"/"reader task": the longest task (Long Tasks API: over 50 ms, else 0) of the original page after the click and of the reader page; '
  + 'the trace row: the longest main-thread task of each, any length (the page\'s includes the browser\'s own work for it, e.g. unloading it)';

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log('usage: node bench/extension.mjs [--runs N]');
    process.exit(0);
  }
  const runs = Number(values.runs);
  const report = await runExtension({ runs, bigRuns: Math.max(1, Math.min(3, runs)) });
  console.log(`## Extension (Chromium ${report.version}; ${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores; load average ${report.load.toFixed(1)})\n`);
  console.log(extensionTable(report));
  console.log(`\n${EXTENSION_NOTE}`);
}
