// Runs inside Chromium (served as /bench/harness.mjs, driven by
// bench/browser.mjs through page.evaluate): times quietpage on the main
// thread, quietpage in a Web Worker, and DOMParser + Readability.js.
import { createReader, decodeHtml } from '/js/index.js';
import { createWorkerReader } from '/js/worker-client.js';
import Readability from '/vendor/readability.mjs';

// Main-thread time the worker costs the page: the synchronous postMessage
// (structured clone of the request) and the reply's message handler
// (deserializing event.data, which Chromium does lazily on first access,
// plus settling the call). createWorkerReader looks Worker up when it
// spawns, so it gets this subclass.
let workerMainThreadMs = 0;
class TimedWorker extends Worker {
  postMessage(...args) {
    const start = performance.now();
    try {
      return super.postMessage(...args);
    } finally {
      workerMainThreadMs += performance.now() - start;
    }
  }

  set onmessage(handler) {
    super.onmessage = (event) => {
      const start = performance.now();
      try {
        return handler(event);
      } finally {
        workerMainThreadMs += performance.now() - start;
      }
    };
  }

  get onmessage() {
    return super.onmessage;
  }
}
globalThis.Worker = TimedWorker;

// Main-thread tasks over 50 ms, as the browser itself reports them.
const longTasks = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: false });

const url = location.href;
/** @type {string[]} the pages, decoded as quietpage decodes bytes */
const htmls = [];
let reader;
let workerReader;

/** Fetches and decodes pages 0..count-1; loads the quietpage readers (the worker's unless worker: false). */
export async function setup(count, { worker = true } = {}) {
  for (let i = 0; i < count; i++) {
    const response = await fetch(`/page/${i}`);
    htmls.push(decodeHtml(new Uint8Array(await response.arrayBuffer())));
  }
  reader = await createReader();
  if (worker) {
    workerReader = createWorkerReader();
    await workerReader.ready();
  }
  return { crossOriginIsolated: globalThis.crossOriginIsolated === true };
}

/** Each system: one call on one page; resolves when the result is in hand. */
const SYSTEMS = {
  'quietpage-main': (html) => { reader.parse(html, { url }); },
  'quietpage-worker': (html) => workerReader.parse(html, { url }),
  'readability-domparser': (html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    new Readability(doc).parse();
  },
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
// Between calls, off the clock: let the event loop (and idle-time GC) run.
const yieldToLoop = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Warm-up on the first `warmup` pages, then every page `runs` times.
 * @returns {{ times: number[], mainThread: number[], failures: number[], longTaskCount: number, longTaskMs: number }}
 *   per page, the median latency and the median main-thread time (ms)
 */
export async function run(id, { runs, warmup }) {
  const call = SYSTEMS[id];
  const failures = [];
  const once = async (index) => {
    const blockedBefore = workerMainThreadMs;
    const start = performance.now();
    try {
      await call(htmls[index]);
    } catch {
      if (!failures.includes(index)) failures.push(index);
    }
    const latency = performance.now() - start;
    await yieldToLoop();
    return { latency, mainThread: id === 'quietpage-worker' ? workerMainThreadMs - blockedBefore : latency };
  };
  for (let i = 0; i < Math.min(warmup, htmls.length); i++) await once(i);
  failures.length = 0;
  longTasks.length = 0;
  const times = [];
  const mainThread = [];
  for (let i = 0; i < htmls.length; i++) {
    if (i % 25 === 0) console.log(`progress ${id} ${i}/${htmls.length}`);
    const samples = [];
    for (let r = 0; r < runs; r++) samples.push(await once(i));
    times.push(median(samples.map((s) => s.latency)));
    mainThread.push(median(samples.map((s) => s.mainThread)));
  }
  // Long-task entries arrive asynchronously: give the observer a moment.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { times, mainThread, failures, longTaskCount: longTasks.length, longTaskMs: longTasks.reduce((a, t) => a + t.duration, 0) };
}

/**
 * The long-article series (bench/longform.mjs): the best of `runs` calls on
 * page `index` (ms), after one call on each page of `warm`.
 */
export async function best(id, index, runs, warm) {
  const call = SYSTEMS[id];
  for (const i of warm) await call(htmls[i]);
  let min = Infinity;
  // As in bench/longform.mjs: a call over 5 s is timed once.
  for (let r = 0; r < Math.max(2, runs) && (r === 0 || min < 5000); r++) {
    await yieldToLoop();
    const start = performance.now();
    await call(htmls[index]);
    min = Math.min(min, performance.now() - start);
  }
  return min;
}
