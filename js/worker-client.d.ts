import type { Article, HtmlInput, LoadOptions, PagedArticle, PagesOptions, ParseOptions, ReaderableOptions } from './index.js';
export { QuietpageError } from './index.js';

export interface WorkerReader {
  /** Resolves once the worker's core is loaded. */
  ready(): Promise<void>;
  parse(html: HtmlInput, options?: ParseOptions): Promise<Article | null>;
  isProbablyReaderable(html: HtmlInput, options?: ReaderableOptions): Promise<boolean>;
  /** parsePages(): the pages fetched with options.fetch on this thread, each parsed in the worker. */
  parsePages(firstHtml: HtmlInput, options: PagesOptions): Promise<PagedArticle | null>;
  /** Stops the worker; pending and later calls reject with code WORKER_FAILED. */
  terminate(): Promise<void>;
}

export interface WorkerOptions extends LoadOptions {
  /** Where the worker script is, for bundlers that don't build it (esbuild): absolute, or relative to the page. */
  workerUrl?: string | URL;
}

/**
 * A Reader whose calls run in a Web Worker (browsers) or worker thread (Node).
 * Arguments that can't be sent to a worker (options.serializer, DOM nodes)
 * are refused with INVALID_ARGUMENT; a worker that can't start or stops
 * rejects every call with WORKER_FAILED.
 */
export function createWorkerReader(options?: WorkerOptions): WorkerReader;
