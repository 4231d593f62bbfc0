// The worker side of quietpage/worker: a Reader living in a Web Worker (or a
// Node worker thread), answering parse requests from createWorkerReader().
//
// Protocol: { id, method: 'parse' | 'isProbablyReaderable', args } in,
// { id, result } or { id, error: { code, message } } out. The first message
// may be { id, method: 'init', args: [loadOptions] }.
import { nodeBuiltin } from './env.js';
import { QuietpageError } from './errors.js';
import { createReader } from './reader.js';

const inWebWorker = typeof self === 'object' && typeof self.postMessage === 'function';
const port = inWebWorker ? self : (await nodeBuiltin('node:worker_threads')).parentPort;

let reader = null;

async function handle({ id, method, args }) {
  try {
    if (method === 'init') {
      reader = await createReader(args[0] ?? {});
      return { id, result: true };
    }
    reader ??= await createReader();
    if (method !== 'parse' && method !== 'isProbablyReaderable') {
      throw new QuietpageError('INVALID_ARGUMENT', `unknown method ${method}`);
    }
    return { id, result: reader[method](...args) };
  } catch (error) {
    return { id, error: { code: error?.code ?? 'INTERNAL', message: String(error?.message ?? error) } };
  }
}

// Requests are answered in order: each waits for the one before it.
let queue = Promise.resolve();
const onMessage = (data) => {
  queue = queue.then(() => handle(data)).then((reply) => port.postMessage(reply));
};
if (inWebWorker) self.onmessage = (event) => onMessage(event.data);
else port.on('message', onMessage);
