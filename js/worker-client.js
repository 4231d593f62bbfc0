// quietpage/worker: the same API as a Reader, but every call runs in a
// worker, so the page's main thread only pays for copying strings.
//
//   import { createWorkerReader } from 'quietpage/worker';
//   const reader = createWorkerReader();
//   const article = await reader.parse(html, { url: location.href });
//   reader.terminate();
import { nodeBuiltin } from './env.js';
import { QuietpageError } from './errors.js';

export { QuietpageError };

const WORKER_URL = new URL('./worker.js', import.meta.url);

async function spawn(url) {
  if (typeof Worker === 'function') return new Worker(url, { type: 'module' });
  const { Worker: NodeWorker } = await nodeBuiltin('node:worker_threads');
  return new NodeWorker(url);
}

/**
 * @param {import('./index.js').LoadOptions & { workerUrl?: string | URL }} [options]
 *   where to load the wasm from (a compiled WebAssembly.Module can be sent
 *   to the worker), and where the worker script lives (for bundlers).
 */
export function createWorkerReader(options = {}) {
  const { workerUrl, ...load } = options;
  // URL objects don't survive postMessage (Node clones them as {}, browsers
  // refuse them): the worker gets the string.
  if (load.wasmUrl instanceof URL) load.wasmUrl = load.wasmUrl.href;
  const pending = new Map();
  let nextId = 1;
  let failure = null;

  const settle = ({ id, result, error }) => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    if (error) call.reject(new QuietpageError(error.code, error.message));
    else call.resolve(result);
  };
  const failAll = (error) => {
    failure = new QuietpageError('INTERNAL', `quietpage worker failed: ${error?.message ?? error}`, { cause: error });
    for (const call of pending.values()) call.reject(failure);
    pending.clear();
  };

  const worker = spawn(workerUrl ? new URL(String(workerUrl), WORKER_URL) : WORKER_URL).then((w) => {
    if (typeof w.on === 'function') {
      w.on('message', settle);
      w.on('error', failAll);
    } else {
      w.onmessage = (event) => settle(event.data);
      w.onerror = (event) => { event.preventDefault?.(); failAll(event.error ?? event.message); };
    }
    return w;
  });

  const call = (method, args) => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.then((w) => w.postMessage({ id, method, args }), failAll);
    });
  };

  // Load the core right away so the first parse doesn't wait for it.
  const ready = call('init', [load]);
  ready.catch(() => {});

  return {
    /** Resolves once the worker's core is loaded (rejects if it can't load). */
    ready: () => ready.then(() => undefined),
    /** @returns {Promise<import('./index.js').Article | null>} */
    parse: (html, opts) => call('parse', [html, opts]),
    /** @returns {Promise<boolean>} */
    isProbablyReaderable: (html, opts) => call('isProbablyReaderable', [html, opts]),
    /** Stops the worker; pending calls reject. */
    terminate() {
      failAll(new Error('terminated'));
      return worker.then((w) => w.terminate());
    },
  };
}
