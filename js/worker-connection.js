// The main-thread side of quietpage/worker, whatever starts the worker
// (worker-client.js: a Web Worker; worker-client-node.js: a worker thread):
// arguments checked before they are posted, calls matched to replies, and
// every failure of the worker turned into a rejected call.
import { callerBase } from './env.js';
import { QuietpageError } from './errors.js';
import { LOAD_OPTIONS, READERABLE_OPTIONS, checkInput, checkOptionNames, checkParseOptions } from './options.js';
import { checkPagesOptions, parsePagesWith } from './pages.js';

const WORKER_OPTIONS = new Set([...LOAD_OPTIONS, 'workerUrl']);

/**
 * @param {import('./index.js').LoadOptions & { workerUrl?: string | URL }} [options]
 *   where to load the wasm from (a compiled WebAssembly.Module can be sent
 *   to the worker), and where the worker script lives (for bundlers that
 *   don't build it).
 * @param {(url: string | undefined) => any} startWorker starts the worker
 *   script: the package's, or the one at `url` (absolute)
 */
export function connectWorker(options, startWorker) {
  const { workerUrl, ...load } = checkOptionNames(options, WORKER_OPTIONS, 'createWorkerReader()');
  // Relative URLs are the page's (a worker's own location is its script's).
  const absolute = (url, name) => {
    try {
      return new URL(String(url), callerBase()).href;
    } catch {
      throw new QuietpageError('INVALID_URL', `options.${name} is not a URL: ${String(url)}`);
    }
  };
  const workerScript = workerUrl ? absolute(workerUrl, 'workerUrl') : undefined;
  if (load.wasmUrl) load.wasmUrl = absolute(load.wasmUrl, 'wasmUrl');

  /** @type {Map<number, { resolve: (value: any) => void, reject: (error: Error) => void }>} */
  const pending = new Map();
  let nextId = 1;
  /** @type {QuietpageError | null} set once the worker is gone: every call rejects with it */
  let failure = null;
  let worker = null;
  let stopped = Promise.resolve();

  // A Node worker thread keeps the process alive only while calls are pending.
  const hold = (on) => { if (typeof worker?.ref === 'function') (on ? worker.ref() : worker.unref()); };

  const fail = (message, cause) => {
    if (failure) return;
    failure = new QuietpageError('WORKER_FAILED', message, cause === undefined ? undefined : { cause });
    for (const call of pending.values()) call.reject(failure);
    pending.clear();
    if (worker) stopped = Promise.resolve(worker.terminate()).then(() => undefined, () => undefined);
  };

  const settle = (reply) => {
    // Replies come in the order of the calls: one without an id answers a
    // call the worker could not read, the oldest one pending.
    const id = reply?.id ?? pending.keys().next().value;
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    if (pending.size === 0) hold(false);
    if (reply.error) call.reject(new QuietpageError(reply.error.code, reply.error.message));
    else call.resolve(reply.result);
  };

  const where = workerScript ? ` (${workerScript})` : '';
  try {
    worker = startWorker(workerScript);
    if (typeof worker.on === 'function') {
      worker.on('message', settle);
      worker.on('error', (error) => fail(`the quietpage worker failed: ${error?.message ?? error}`, error));
      worker.on('messageerror', (error) => fail(`a reply of the quietpage worker could not be read: ${error?.message ?? error}`, error));
      worker.on('exit', (code) => fail(`the quietpage worker stopped (exit code ${code})`));
    } else {
      worker.onmessage = (event) => settle(event.data);
      worker.onerror = (event) => {
        event.preventDefault?.();
        // A script that could not be loaded gives an event without a message.
        const reason = event.message || `its script${where} could not be loaded (is it served, as JavaScript?)`;
        fail(`the quietpage worker failed: ${reason}`, event.error);
      };
      worker.onmessageerror = () => fail('a reply of the quietpage worker could not be read');
    }
  } catch (error) {
    fail(`could not start the quietpage worker${where}: ${error?.message ?? error}`, error);
  }

  const call = (method, args) => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (pending.size === 1) hold(true);
      try {
        worker.postMessage({ id, method, args });
      } catch (error) {
        // DataCloneError: something in the arguments can't be copied to a worker.
        pending.delete(id);
        if (pending.size === 0) hold(false);
        reject(new QuietpageError('INVALID_ARGUMENT',
          `the arguments of ${method}() can't be sent to the worker: ${error?.message ?? error}`, { cause: error }));
      }
    });
  };

  /** Checks the arguments here, so what can't cross to the worker is refused clearly. */
  const checked = (check) => {
    try {
      return { args: check() };
    } catch (error) {
      return { rejected: Promise.reject(error) };
    }
  };

  // Load the core right away so the first parse doesn't wait for it.
  const ready = call('init', [load]);
  ready.catch(() => {});

  return {
    /** Resolves once the worker's core is loaded (rejects if it can't load). */
    ready: () => ready.then(() => undefined),
    /** @returns {Promise<import('./index.js').Article | null>} */
    parse(html, opts) {
      const { args, rejected } = checked(() => {
        checkInput(html);
        return [html, checkParseOptions(opts, { worker: true }).options];
      });
      return rejected ?? call('parse', args);
    },
    /** @returns {Promise<boolean>} */
    isProbablyReaderable(html, opts) {
      const { args, rejected } = checked(() => {
        checkInput(html);
        return [html, checkOptionNames(opts, READERABLE_OPTIONS, 'isProbablyReaderable()')];
      });
      return rejected ?? call('isProbablyReaderable', args);
    },
    /**
     * parsePages(): the pages fetched here (options.fetch stays on this
     * thread), each parsed in the worker.
     * @returns {Promise<import('./index.js').PagedArticle | null>}
     */
    parsePages(firstHtml, options) {
      const { args, rejected } = checked(() => {
        const pages = checkPagesOptions(options);
        checkInput(firstHtml);
        return { ...pages, parseOptions: checkParseOptions(pages.parseOptions, { worker: true }).options };
      });
      if (rejected) return rejected;
      const reader = {
        parse: (html, opts) => call('parse', [html, opts]),
        isProbablyReaderable: (html) => call('isProbablyReaderable', [html, {}]),
      };
      return call('defaults', []).then(({ parse }) => parsePagesWith(reader, firstHtml, args, parse.charThreshold));
    },
    /** Stops the worker; pending and later calls reject (WORKER_FAILED). */
    terminate() {
      fail('the quietpage worker was terminated');
      return stopped;
    },
  };
}
