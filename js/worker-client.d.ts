import type { Article, HtmlInput, LoadOptions, ParseOptions, ReaderableOptions } from './index.js';
export { QuietpageError } from './index.js';

export interface WorkerReader {
  /** Resolves once the worker's core is loaded. */
  ready(): Promise<void>;
  parse(html: HtmlInput, options?: ParseOptions): Promise<Article | null>;
  isProbablyReaderable(html: HtmlInput, options?: ReaderableOptions): Promise<boolean>;
  /** Stops the worker; pending calls reject with code INTERNAL. */
  terminate(): Promise<unknown>;
}

/** A Reader whose calls run in a Web Worker (browsers) or worker thread (Node). */
export function createWorkerReader(options?: LoadOptions & { workerUrl?: string | URL }): WorkerReader;
