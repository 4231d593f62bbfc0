// quietpage/worker: the same API as a Reader, but every call runs in a Web
// Worker, so the page's main thread only pays for copying the page.
//
//   import { createWorkerReader } from 'quietpage/worker';
//   const reader = createWorkerReader();
//   const article = await reader.parse(html, { url: location.href });
//   reader.terminate();
//
// Node gets worker-client-node.js instead (package.json "exports").
import { QuietpageError } from './errors.js';
import { connectWorker } from './worker-connection.js';

export { QuietpageError };

/**
 * @param {import('./index.js').LoadOptions & { workerUrl?: string | URL }} [options]
 */
export function createWorkerReader(options) {
  return connectWorker(options, (url) => (url
    ? new Worker(url, { type: 'module' })
    // Written out whole, as bundlers (Vite, webpack, Parcel, Rollup's plugin)
    // look for it: they build worker.js and its imports into a worker script.
    : new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })));
}
