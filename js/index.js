// quietpage: reader-mode article extraction in WebAssembly.
//
//   import { parse } from 'quietpage';
//   const article = await parse(html, { url: location.href });
import { createReader } from './reader.js';

export { decodeHtml, detectEncoding } from './decode.js';
export { QuietpageError } from './errors.js';
export { Reader, createReader } from './reader.js';

/** @type {Promise<import('./reader.js').Reader> | null} */
let shared = null;

function sharedReader() {
  if (!shared) {
    shared = createReader();
    shared.catch(() => { shared = null; });
  }
  return shared;
}

/**
 * Extracts the article from an HTML document with a shared Reader.
 * @param {string | ArrayBuffer | ArrayBufferView} html
 * @param {import('./index.js').ParseOptions} [options]
 */
export async function parse(html, options) {
  return (await sharedReader()).parse(html, options);
}

/**
 * Whether the document probably holds an article, with a shared Reader.
 * @param {string | ArrayBuffer | ArrayBufferView} html
 * @param {import('./index.js').ReaderableOptions} [options]
 */
export async function isProbablyReaderable(html, options) {
  return (await sharedReader()).isProbablyReaderable(html, options);
}
