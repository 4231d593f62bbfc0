// Articles split over pages: the first page's article.nextPageUrl is fetched
// (by the caller's fetch function), parsed, and so on; the pages' articles
// are joined into one. No DOM, no network of its own: the npm API's
// parsePages() and the extension's background both use it.
import { QuietpageError } from './errors.js';

/** At most this many pages are joined (the first one included). */
export const MAX_PAGES = 20;

const invalid = (message) => new QuietpageError('INVALID_ARGUMENT', message);

/**
 * What a fetch function returned, as a page: a string, bytes, or a Response
 * (whose final URL counts: a redirect elsewhere is not the next page).
 * @returns {Promise<{ html: string | ArrayBuffer | ArrayBufferView, url: string | null }>}
 */
async function pageOf(fetched, url) {
  if (typeof fetched === 'string' || fetched instanceof ArrayBuffer || ArrayBuffer.isView(fetched)) return { html: fetched, url: null };
  if (fetched && typeof fetched.arrayBuffer === 'function') {
    if (fetched.ok === false) throw new Error(`${url}: HTTP ${fetched.status}`);
    return { html: await fetched.arrayBuffer(), url: typeof fetched.url === 'string' && fetched.url ? fetched.url : null };
  }
  throw invalid(`fetch(${JSON.stringify(url)}) must give a string, bytes or a Response`);
}

/**
 * Page n's content with its kept ids and the links to them (anchors.h: "qp-"
 * + the page's id) under a page prefix of their own ("qp-pn-"), so that the
 * pages' footnotes stay apart.
 */
export const renumberIds = (html, n) => html.replace(/ (id|href)="(#?)qp-/g, (_, name, hash) => ` ${name}="${hash}qp-p${n}-`);

/**
 * Page n's Markdown with footnote labels of its own ("[^1]" → "[^p2-1]"), as
 * renumberIds does for the HTML. (A "[^1]" that is no footnote but stands
 * unescaped in code, a formula or a URL of a later page changes too.)
 */
export const renumberFootnotes = (markdown, n) => markdown.replace(/(?<!\\)\[\^(\d+)\]/g, (_, label) => `[^p${n}-${label}]`);

/**
 * The pages' articles as one: the first page's metadata; content, text and
 * Markdown joined under a page break each; counts summed.
 * @param {import('./index.js').Article[]} articles
 * @param {string[]} urls
 * @param {string | null} nextPageUrl
 */
export function joinPages(articles, urls, nextPageUrl) {
  const [first] = articles;
  const content = articles.map((a, i) => (i ? `<hr class="qp-page-break" aria-label="Page ${i + 1}">${renumberIds(a.content, i + 1)}` : a.content));
  const textContent = articles.map((a) => a.textContent).join('\n\n');
  return {
    ...first,
    content: content.join(''),
    textContent,
    length: textContent.length,
    markdown: first.markdown === null ? null
      : articles.map((a, i) => (i ? renumberFootnotes(a.markdown, i + 1) : a.markdown)).join('\n\n---\n\n'),
    wordCount: articles.reduce((sum, a) => sum + a.wordCount, 0),
    readingTime: articles.reduce((sum, a) => sum + a.readingTime, 0),
    nextPageUrl,
    pageUrls: urls,
  };
}

/**
 * Follows the article's next pages and joins them. Stops at the last page, at
 * a page already seen (by URL or by text), at a page with no article, at
 * `maxPages`, and — leaving `nextPageUrl` at the page not taken — at a page of
 * another origin, a redirect elsewhere or a failed fetch.
 * @param {import('./index.js').Article} first the first page's article
 * @param {{
 *   url: string,
 *   fetch: (url: string) => unknown,
 *   parse: (html: any, url: string) => import('./index.js').Article | null | Promise<import('./index.js').Article | null>,
 *   maxPages?: number,
 *   onPage?: (progress: { page: number, url: string, article: import('./index.js').Article | null }) => void,
 *     called for each page fetched and parsed; article null: the page ends the article (none, or a repeat)
 * }} how
 */
export async function followPages(first, { url, fetch, parse, maxPages = MAX_PAGES, onPage }) {
  const origin = new URL(url).origin;
  const articles = [first];
  const urls = [url];
  const seenUrls = new Set([url.replace(/#.*/, '')]);
  const seenTexts = new Set([first.textContent]);
  let next = first.nextPageUrl;
  while (next && articles.length < maxPages) {
    if (new URL(next).origin !== origin) break;
    if (seenUrls.has(next)) { next = null; break; }
    seenUrls.add(next);
    let page;
    try {
      page = await pageOf(await fetch(next), next);
    } catch (error) {
      if (error instanceof QuietpageError) throw error;
      break;  // the network's failure: the article stops here, nextPageUrl says where
    }
    if (page.url && new URL(page.url).origin !== origin) break;
    const parsed = await parse(page.html, next);
    const article = parsed && !seenTexts.has(parsed.textContent) ? parsed : null;
    onPage?.({ page: articles.length + 1, url: next, article });
    if (!article) { next = null; break; }
    seenTexts.add(article.textContent);
    articles.push(article);
    urls.push(next);
    next = article.nextPageUrl;
  }
  return joinPages(articles, urls, next);
}

/**
 * parsePages() on a reader that runs here (Reader) or in a worker
 * (WorkerReader): `reader.parse` and `reader.isProbablyReaderable` may give a
 * value or a promise; `charThreshold` is the parse's default one. A next page
 * without an article, or only a scrap of text on a page that doesn't look
 * like one (an error page), ends the article.
 * @param {{ parse: Function, isProbablyReaderable: Function }} reader
 * @param {ReturnType<typeof checkPagesOptions>} pages parse options checked for this reader
 */
export async function parsePagesWith(reader, firstHtml, { url, fetch, maxPages, onPage, parseOptions }, charThreshold) {
  const first = await reader.parse(firstHtml, parseOptions);
  if (!first) return null;
  const parse = async (html, pageUrl) => {
    const article = await reader.parse(html, { ...parseOptions, url: pageUrl });
    return article && (article.length >= charThreshold || (await reader.isProbablyReaderable(html))) ? article : null;
  };
  return followPages(first, { url, fetch, maxPages, onPage, parse });
}

/**
 * parsePages()'s own options, checked and taken out of the parse options.
 * @returns {{ url: string, fetch: Function, maxPages: number, onPage: Function | undefined, parseOptions: object }}
 */
export function checkPagesOptions(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalid('parsePages() needs options: { url, fetch }');
  }
  const { fetch, maxPages = MAX_PAGES, onPage, ...parseOptions } = options;
  const url = typeof parseOptions.url === 'object' && parseOptions.url !== null ? parseOptions.url.href : parseOptions.url;
  if (typeof url !== 'string' || !URL.canParse(url)) throw invalid('parsePages() needs options.url, the first page\'s absolute URL');
  if (typeof fetch !== 'function') throw invalid('parsePages() needs options.fetch, a function from a URL to the page (a string, bytes or a Response)');
  if (!Number.isInteger(maxPages) || maxPages < 1 || maxPages > MAX_PAGES) throw invalid(`options.maxPages must be an integer from 1 to ${MAX_PAGES}`);
  if (onPage !== undefined && typeof onPage !== 'function') throw invalid('options.onPage must be a function');
  return { url, fetch, maxPages, onPage, parseOptions: { ...parseOptions, url } };
}
