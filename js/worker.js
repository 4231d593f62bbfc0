// The worker side of quietpage/worker: a Reader living in a Web Worker (or a
// Node worker thread), answering parse requests from createWorkerReader().
//
// Protocol: { id, method: 'parse' | 'isProbablyReaderable' | 'defaults', args } in,
// { id, result } or { id, error: { code, message } } out. The first message
// may be { id, method: 'init', args: [loadOptions] }.
//
// No top-level await and no import of Node modules: bundlers build this file
// as a classic (iife) or module worker, and it runs unbundled too.
import { nodeModule } from './env.js';
import { QuietpageError } from './errors.js';
import { createReader } from './reader.js';

let reader = null;

async function handle({ id, method, args }) {
  try {
    if (method === 'init') {
      reader = await createReader(args[0] ?? {});
      return { id, result: true };
    }
    reader ??= await createReader();
    if (method !== 'parse' && method !== 'isProbablyReaderable' && method !== 'defaults') {
      throw new QuietpageError('INVALID_ARGUMENT', `unknown method ${method}`);
    }
    return { id, result: reader[method](...args) };
  } catch (error) {
    return { id, error: { code: error?.code ?? 'INTERNAL', message: String(error?.message ?? error) } };
  }
}

function listen(port, subscribe) {
  // Requests are answered in order: each waits for the one before it. A
  // request that could not be read is answered in its place, without an id.
  let queue = Promise.resolve();
  subscribe(
    (data) => { queue = queue.then(() => handle(data)).then((reply) => port.postMessage(reply)); },
    () => {
      const error = { code: 'INVALID_ARGUMENT', message: 'the worker could not read the arguments of a call' };
      queue = queue.then(() => port.postMessage({ id: null, error }));
    },
  );
}

// A Node worker thread has a parent port; a Web Worker has `self`.
const parentPort = nodeModule('node:worker_threads')?.parentPort;
if (parentPort) {
  listen(parentPort, (onMessage, onUnreadable) => {
    parentPort.on('message', onMessage);
    parentPort.on('messageerror', onUnreadable);
  });
} else {
  listen(self, (onMessage, onUnreadable) => {
    self.onmessage = (event) => onMessage(event.data);
    self.onmessageerror = onUnreadable;
  });
}
