/**
 * Every failure quietpage reports is a QuietpageError with a stable `code`:
 *
 * - INVALID_ARGUMENT   a bad argument (not a string, unknown option type, ...)
 * - INVALID_URL        options.url is not an absolute URL
 * - INPUT_TOO_LARGE    the HTML exceeds the input size limit
 * - TOO_MANY_ELEMENTS  the document exceeds the element limit
 * - OUT_OF_MEMORY      the parse needed more memory than allowed (maxMemoryBytes), or
 *                      than the WebAssembly memory can grow to
 * - OUTPUT_TOO_LARGE   the article would exceed the output size limit
 * - TIMEOUT            the parse took longer than options.timeoutMs
 * - WASM_LOAD_FAILED   the WebAssembly module could not be fetched or compiled
 * - WORKER_FAILED      quietpage/worker: the worker could not start, stopped,
 *                      or was terminated (every call then rejects with it)
 * - INTERNAL           a bug in quietpage; the reader recovers for the next call
 */
export class QuietpageError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {{ cause?: unknown }} [options]
   */
  constructor(code, message, options) {
    super(message, options);
    this.name = 'QuietpageError';
    this.code = code;
  }
}
