// Reader: one instance of the core, used synchronously after it loaded.
import { QuietpageError } from './errors.js';
import { compileCore, instantiateCore, instantiateCoreSync } from './loader.js';
import { callIsProbablyReaderable, callParse, coreDefaults } from './marshal.js';
import { LOAD_OPTIONS, READERABLE_OPTIONS, checkInput, checkOptionNames, checkParseOptions, serialize } from './options.js';
import { warmUp } from './warmup.js';

// WebAssembly memory never shrinks: a call that leaves it larger than this
// (a huge page) gets the instance replaced, so the memory goes back.
const RECYCLE_HEAP_BYTES = 64 * 1024 * 1024;

export class Reader {
  #wasmModule;
  #core;
  /** @type {Promise<void> | null} */
  #reviving = null;

  /** @internal Use createReader(). */
  constructor(wasmModule, core) {
    this.#wasmModule = wasmModule;
    this.#core = core;
  }

  /**
   * Extracts the article from an HTML document.
   * @param {string | ArrayBuffer | ArrayBufferView} html
   * @param {import('./index.js').ParseOptions} [options]
   * @returns {import('./index.js').Article | null} null when the page has no article
   */
  parse(html, options) {
    checkInput(html);
    const { options: checked, serializer } = checkParseOptions(options);
    const article = this.#call((core) => callParse(core, html, checked));
    if (article && serializer) article.content = serialize(article.content, serializer);
    return article;
  }

  /**
   * Quick check whether parse() will probably find an article.
   * @param {string | ArrayBuffer | ArrayBufferView} html
   * @param {import('./index.js').ReaderableOptions} [options]
   */
  isProbablyReaderable(html, options) {
    checkInput(html);
    const checked = checkOptionNames(options, READERABLE_OPTIONS, 'isProbablyReaderable()');
    return this.#call((core) => callIsProbablyReaderable(core, html, checked));
  }

  /**
   * The defaults of parse() and isProbablyReaderable() options, as the core
   * declares them (src/quietpage.h).
   * @returns {{ parse: object, readerable: object }}
   */
  defaults() {
    return this.#call((core) => coreDefaults(core));
  }

  #call(fn) {
    if (!this.#core) {
      throw new QuietpageError('INTERNAL', 'the reader is recovering from an earlier failure; retry after `await reader.ready()`');
    }
    try {
      return fn(this.#core);
    } catch (error) {
      if (error instanceof QuietpageError) throw error;
      // The core trapped or ran out of memory: its state can't be trusted.
      // Replace the instance so the next call starts clean.
      this.#revive();
      throw new QuietpageError('INTERNAL', `quietpage failed: ${error?.message ?? error}`, { cause: error });
    } finally {
      if (this.#core && this.#core.HEAP8.length > RECYCLE_HEAP_BYTES) this.#recycle();
    }
  }

  // A fresh instance in place of a working one whose memory grew; where it
  // cannot be made synchronously the current one stays.
  #recycle() {
    try {
      this.#core = instantiateCoreSync(this.#wasmModule);
    } catch {
      // keep the current instance
    }
  }

  #revive() {
    this.#core = null;
    try {
      this.#core = instantiateCoreSync(this.#wasmModule);
    } catch {
      this.#reviving = instantiateCore(this.#wasmModule).then((core) => {
        this.#core = core;
        this.#reviving = null;
      });
    }
  }

  /**
   * Memory of this reader's WebAssembly instance: `heapBytes` is the size of
   * its linear memory (it grows for large pages; a call that leaves it above
   * 64 MiB replaces the instance, so it drops back), `usedBytes` what the
   * allocator currently hands out (flat between calls).
   * @returns {{ heapBytes: number, usedBytes: number }}
   */
  memoryUsage() {
    return this.#call((core) => ({ heapBytes: core.HEAP8.length, usedBytes: core.heapUsed() }));
  }

  /** Resolves when the reader can take calls (after a failure, once recovered). */
  async ready() {
    if (this.#reviving) await this.#reviving;
  }
}

/**
 * Loads the WebAssembly core and returns a Reader.
 * @param {import('./index.js').LoadOptions} [options]
 * @returns {Promise<Reader>}
 */
export async function createReader(options) {
  const load = checkOptionNames(options, LOAD_OPTIONS, 'createReader()');
  if (load.warmUp !== undefined && typeof load.warmUp !== 'boolean') {
    throw new QuietpageError('INVALID_ARGUMENT', 'options.warmUp must be a boolean');
  }
  const wasmModule = await compileCore(load);
  let core;
  try {
    core = await instantiateCore(wasmModule);
  } catch (error) {
    throw new QuietpageError('WASM_LOAD_FAILED', `could not instantiate the quietpage WebAssembly module: ${error?.message ?? error}`, { cause: error });
  }
  const reader = new Reader(wasmModule, core);
  if (load.warmUp !== false) await warmUp((html) => reader.parse(html));
  return reader;
}
