// quietpage: reader-mode article extraction in WebAssembly.
//
//   import { parse } from 'quietpage';
//   const article = await parse(html, { url: location.href });
import { checkInput, checkParseOptions, serialize } from './options.js';
import { checkPagesOptions, followPages } from './pages.js';
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
  const { url, fetch, maxPages, onPage, parseOptions } = checkPagesOptions(options);
  checkInput(firstHtml);
  const { options: checked, serializer } = checkParseOptions(parseOptions);
  const reader = await sharedReader();
  const first = reader.parse(firstHtml, checked);
  if (!first) return null;
  // A next page without an article, or only a scrap of text on a page that
  // doesn't look like one (an error page), ends the article.
  const { charThreshold } = reader.defaults().parse;
  const parsePage = (html, pageUrl) => {
    const article = reader.parse(html, { ...checked, url: pageUrl });
    return article && (article.length >= charThreshold || reader.isProbablyReaderable(html)) ? article : null;
  };
  const article = await followPages(first, { url, fetch, maxPages, onPage, parse: parsePage });
  if (serializer) article.content = serialize(article.content, serializer);
  return article;
}
