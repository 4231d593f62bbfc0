// Types for quietpage's JavaScript API.

// WebAssembly.Module is declared by TypeScript's "dom" and "webworker" libs;
// this empty declaration merges with theirs and lets Node-only projects
// (@types/node, no DOM lib) type-check too.
// Element likewise, for options.serializer.
declare global {
  namespace WebAssembly {
    interface Module {}
  }
  interface Element {}
}

/**
 * A page: a string, or its raw bytes (decoded like a browser would: BOM, then
 * `charset`, then `<meta charset>`, then UTF-8 if valid, else windows-1252).
 */
export type HtmlInput = string | ArrayBuffer | ArrayBufferView;

/** Options for parse(). */
export interface ParseOptions {
  /** For byte input: the transport's charset, e.g. from an HTTP Content-Type header (a label or the whole header value). */
  charset?: string;
  /** The page's URL: relative links and images are made absolute against it (or its <base href>). */
  url?: string | URL;
  /** Characters of article text below which extraction retries with relaxed rules. Default 500. */
  charThreshold?: number;
  /** How many top candidates are compared when choosing the article. Default 5. */
  nbTopCandidates?: number;
  /** Limits; 0 disables one. Exceeding a limit throws a QuietpageError with the code named. */
  /** Input size in UTF-8 bytes (INPUT_TOO_LARGE). Default 64 MiB. */
  maxInputBytes?: number;
  /** Elements in the document (TOO_MANY_ELEMENTS). Default 2,000,000. */
  maxElements?: number;
  /** Nesting depth; deeper elements are flattened into their ancestor (text kept). Default 512. */
  maxDepth?: number;
  /** Attributes per element; extra ones are ignored. Default 128. */
  maxAttributes?: number;
  /** Working memory of one parse (OUT_OF_MEMORY). Default 1 GiB. */
  maxMemoryBytes?: number;
  /** Size of the article's HTML, text or Markdown (OUTPUT_TOO_LARGE). Default 64 MiB. */
  maxOutputBytes?: number;
  /** Time one parse may take, in milliseconds (TIMEOUT); 0 is none (the extension and the demo use 2,000 + 1,000 per MB). Default 0. */
  timeoutMs?: number;
  /** Also return the article as Markdown (CommonMark + GFM tables and strikethrough) in Article.markdown. Default false. */
  markdown?: boolean;
  /**
   * Whether `textContent` includes figure captions (`<figcaption>`, blocks named as captions), as Readability's
   * does. false leaves them out of the text (extraction benchmarks and text pipelines want the body alone);
   * `content` and `markdown` keep them either way. Default true.
   */
  textCaptions?: boolean;
  /** Readability.js's: more elements than this in the parsed document (all count) throws TOO_MANY_ELEMENTS. Default 0. */
  maxElemsToParse?: number;
  /**
   * Readability.js's: keep the class attributes of the article's elements — their safe names only
   * (ASCII letters, digits, `-`, `_`); `page` stays on quietpage's page wrapper only. Default false.
   */
  keepClasses?: boolean;
  /** Readability.js's: without keepClasses, the class names kept (besides `page` and code blocks' `language-*`). */
  classesToPreserve?: string[];
  /** Readability.js's: read no JSON-LD — neither its metadata nor its articleBody. Default false. */
  disableJSONLD?: boolean;
  /** Readability.js's: added to the link densities cleaning allows (0.2, 0.5); above 0 keeps linkier blocks. Default 0. */
  linkDensityModifier?: number;
  /**
   * Readability.js's: embeds (iframe, embed, object) with an attribute this matches are kept, besides
   * the players quietpage knows (it widens the list, never narrows it); iframes stay sandboxed.
   */
  allowedVideoRegex?: RegExp;
  /** Accepted for Readability.js compatibility; quietpage logs nothing. */
  debug?: boolean;
}

/**
 * Readability.js's `serializer`: called with an element holding the article
 * (in an inert document); what it returns becomes `content`. Needs a DOM: a
 * browser page's main thread. Elsewhere, and through quietpage/worker, it is
 * refused (INVALID_ARGUMENT).
 */
export interface SerializerOption<Content> {
  serializer: (element: Element) => Content;
}

/**
 * Options for isProbablyReaderable(): whether parse() finds an article, as a
 * model fitted on the development corpora judges what it found.
 */
export interface ReaderableOptions {
  /** The page's URL, as for parse() (links resolve against it): a string or a URL. */
  url?: string | URL;
  /** For byte input: the transport's charset (see ParseOptions.charset). */
  charset?: string;
  /** An article with less text is not readerable; also the shortest paragraph Readability's score counts. Default 140. */
  minContentLength?: number;
  /** Readability's paragraph score (sum of sqrt(length - minContentLength)) read as "enough" by the model. Default 20. */
  minScore?: number;
}

/** Where the WebAssembly module comes from (default: the .wasm file shipped beside js/). */
export interface LoadOptions {
  /** An already compiled module (e.g. sent to a worker). */
  wasmModule?: WebAssembly.Module;
  /** The .wasm bytes. */
  wasmBinary?: ArrayBuffer | ArrayBufferView;
  /** Where to fetch the .wasm file from: absolute, or relative to the page (in Node: to the current directory). */
  wasmUrl?: string | URL;
  /**
   * Parse a small built-in page a few times before resolving (default true), so the
   * engine has compiled and optimized the core's code before the first real page.
   */
  warmUp?: boolean;
}

/**
 * The extracted article: Mozilla Readability's parse() fields, with the same
 * meaning (absent values are null) so switching is a one-line change, plus
 * quietpage's own.
 */
export interface Article<Content = string> {
  title: string;
  byline: string | null;
  dir: string | null;
  lang: string | null;
  /** Sanitized HTML: allowlisted tags, attributes and URL schemes only (or what options.serializer made of it). */
  content: Content;
  /**
   * Plain text of the article as `content` shows it, figure captions included unless `textCaptions: false`
   * (soft hyphens dropped); paragraphs are separated by a blank line.
   */
  textContent: string;
  /** textContent.length */
  length: number;
  excerpt: string | null;
  siteName: string | null;
  /**
   * As the page declares it (JSON-LD, meta tags, as in Readability), else a `<time datetime>`; where the page
   * declares none, the date written in the byline, in a block named or labelled as a date ("Datum: …") or in a
   * date line that opens the article's text, else the day the article's address names in its path (`/2020/04/26/…`), as `YYYY-MM-DD`;
   * last, a day declared by names Readability doesn't read (`<meta name="date">`, Dublin Core, microdata, RDFa).
   */
  publishedTime: string | null;
  /**
   * The author's name(s) alone: the byline without "By", dates, times, roles and outlets; without a byline, the
   * name the page declares elsewhere (a JSON-LD author by `@id`, a Twitter card's "Written by", `itemprop=author`)
   * or a byline inside the article's header, which Readability drops unread.
   */
  author: string | null;
  modifiedTime: string | null;
  /** Absolute URL of the main image (og:image, JSON-LD image, or the article's first image). */
  leadImage: string | null;
  /** Absolute canonical URL (<link rel=canonical> or og:url). */
  canonicalUrl: string | null;
  /**
   * Absolute URL of the article's next page, when it is split over pages
   * (rel=next, a pager, "Next" links whose URL is this page's with a page
   * number one higher); null on the last or only page, and without a page URL
   * (options.url or <base href>). parsePages() follows it.
   */
  nextPageUrl: string | null;
  /** Words, plus CJK characters (which read like words). */
  wordCount: number;
  /** Minutes at 230 words or 500 CJK characters per minute; 0 for no text. */
  readingTime: number;
  /**
   * The article as Markdown (CommonMark + GFM tables and strikethrough), from
   * the same cleaned content as `content` and as safe (no raw HTML; links:
   * http, https, mailto only; no data: images); without the title. Footnotes
   * are `[^1]` references with `[^1]: …` definitions at the end, formulas
   * `$TeX$` and `$$TeX$$`, code blocks fenced with their language. null
   * unless `markdown: true` was passed.
   */
  markdown: string | null;
}

export type QuietpageErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_URL'
  | 'INPUT_TOO_LARGE'
  | 'TOO_MANY_ELEMENTS'
  | 'OUT_OF_MEMORY'
  | 'OUTPUT_TOO_LARGE'
  | 'TIMEOUT'
  | 'WASM_LOAD_FAILED'
  | 'WORKER_FAILED'
  | 'INTERNAL';

export class QuietpageError extends Error {
  readonly name: 'QuietpageError';
  readonly code: QuietpageErrorCode;
  constructor(code: QuietpageErrorCode, message: string, options?: { cause?: unknown });
}

export class Reader {
  private constructor();
  /** Extracts the article; null when the page has none. Synchronous. */
  parse(html: HtmlInput, options?: ParseOptions): Article | null;
  parse<Content>(html: HtmlInput, options: ParseOptions & SerializerOption<Content>): Article<Content> | null;
  /** Quick check whether parse() will probably find an article. */
  isProbablyReaderable(html: HtmlInput, options?: ReaderableOptions): boolean;
  /** The default of every option (the core's own: charThreshold 500, minContentLength 140...). */
  defaults(): {
    parse: Required<Omit<ParseOptions, 'charset' | 'url' | 'allowedVideoRegex' | 'debug'>>;
    readerable: Required<Omit<ReaderableOptions, 'charset'>>;
  };
  /** Memory of this reader's WebAssembly instance, in bytes. */
  memoryUsage(): { heapBytes: number; usedBytes: number };
  /** Resolves when the reader can take calls again after an internal failure. */
  ready(): Promise<void>;
}

/** Loads the WebAssembly core (once per source; later readers reuse the compiled module). */
export function createReader(options?: LoadOptions): Promise<Reader>;

/** Options of parsePages(): parse()'s, plus where the pages come from. */
export interface PagesOptions extends ParseOptions {
  /** The first page's URL (required): the next pages' URLs follow from it. */
  url: string | URL;
  /**
   * Gets a page: `fetch` itself, or any function from a URL to its HTML (a
   * string, bytes or a Response; a Response that is not ok, or a failure,
   * stops the article there).
   */
  fetch: (url: string) => HtmlInput | Response | Promise<HtmlInput | Response>;
  /** At most this many pages, the first one included: 1 to 20 (the default). */
  maxPages?: number;
  /** Called after each page fetched and parsed (article: null for a page that ends the article: none, or a repeat). */
  onPage?: (progress: { page: number; url: string; article: Article | null }) => void;
}

/**
 * The pages' articles joined: the first page's metadata, their content under
 * an `<hr class="qp-page-break">` each (page n's kept ids prefixed "qp-pn-"),
 * textContent and Markdown joined, wordCount and readingTime summed.
 */
export interface PagedArticle<Content = string> extends Article<Content> {
  /** The URL of each page joined, in order. */
  pageUrls: string[];
  /**
   * null when the last page was reached (no next page, or it repeats an
   * earlier one or has no article); else the page not taken (maxPages, another
   * origin, a failed fetch).
   */
  nextPageUrl: string | null;
}

/** parse() on a shared, lazily created Reader. */
export function parse(html: HtmlInput, options?: ParseOptions): Promise<Article | null>;
export function parse<Content>(html: HtmlInput, options: ParseOptions & SerializerOption<Content>): Promise<Article<Content> | null>;

/** isProbablyReaderable() on a shared, lazily created Reader. */
export function isProbablyReaderable(html: HtmlInput, options?: ReaderableOptions): Promise<boolean>;

/** How a page's bytes are decoded: the encoding's WHATWG name and what decided it. */
export function detectEncoding(bytes: Uint8Array, hint?: string):
  { encoding: string; source: 'bom' | 'hint' | 'meta' | 'utf-8' | 'default' };

/** Decodes a page's bytes to a string, choosing the encoding like detectEncoding(). */
export function decodeHtml(bytes: ArrayBuffer | ArrayBufferView, hint?: string): string;

/**
 * An article split over pages, joined: the first page, then each next page
 * (article.nextPageUrl) through options.fetch, on the first page's origin,
 * until the last page (or maxPages). null when the first page has no article.
 */
export function parsePages(firstHtml: HtmlInput, options: PagesOptions): Promise<PagedArticle | null>;
export function parsePages<Content>(firstHtml: HtmlInput, options: PagesOptions & SerializerOption<Content>): Promise<PagedArticle<Content> | null>;
