// quietpage: reader-mode article extraction in WebAssembly.
//
//   import { parse } from 'quietpage';
//   const article = await parse(html, { url: location.href });
import { checkInput, checkParseOptions, serialize } from './options.js';
import { checkPagesOptions, parsePagesWith } from './pages.js';
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

/**
 * An article split over pages, joined: the first page's article, then each
 * next page's (article.nextPageUrl), fetched with options.fetch, up to
 * options.maxPages (20), on the first page's origin only. null when the
 * first page has no article.
 * @param {string | ArrayBuffer | ArrayBufferView} firstHtml
 * @param {import('./index.js').PagesOptions} options
 * @returns {Promise<import('./index.js').PagedArticle | null>}
 */
export async function parsePages(firstHtml, options) {
  const pages = checkPagesOptions(options);
  checkInput(firstHtml);
  const { options: checked, serializer } = checkParseOptions(pages.parseOptions);
  const reader = await sharedReader();
  const article = await parsePagesWith(reader, firstHtml, { ...pages, parseOptions: checked }, reader.defaults().parse.charThreshold);
  if (article && serializer) article.content = serialize(article.content, serializer);
  return article;
}
