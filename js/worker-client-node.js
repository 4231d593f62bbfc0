// quietpage/worker in Node (package.json "exports": the "node" condition):
// the same API, every call in a worker thread. The thread keeps the process
// alive only while calls are pending.
import { Worker } from 'node:worker_threads';

import { QuietpageError } from './errors.js';
import { connectWorker } from './worker-connection.js';

export { QuietpageError };

/**
 * @param {import('./index.js').LoadOptions & { workerUrl?: string | URL }} [options]
 */
export function createWorkerReader(options) {
  // The thread inherits Node's options, but `--input-type` (node -e) fails in it.
  const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
  return connectWorker(options, (url) => (url
    ? new Worker(new URL(url), { execArgv })
    : new Worker(new URL('./worker.js', import.meta.url), { execArgv })));
}
