// The one place that talks to the WebAssembly core: JavaScript values are
// checked and converted into the core's ParseOptions, and the core's
// ParseResult is turned into the public Article shape. Embind copies the
// strings across; no pointer or DOM node ever escapes this file.
import { QuietpageError } from './errors.js';

const DEFAULT_CHAR_THRESHOLD = 500;
const DEFAULT_TOP_CANDIDATES = 5;
const DEFAULT_MIN_CONTENT_LENGTH = 140;
const DEFAULT_MIN_SCORE = 20;

function checkHtml(html) {
  if (typeof html !== 'string') {
    throw new QuietpageError('INVALID_ARGUMENT', `html must be a string, got ${html === null ? 'null' : typeof html}`);
  }
}

function checkOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') {
    throw new QuietpageError('INVALID_ARGUMENT', 'options must be an object');
  }
  return options;
}

function uint(value, name, fallback) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new QuietpageError('INVALID_ARGUMENT', `${name} must be a non-negative integer`);
  }
  return value;
}

function pageUrl(url) {
  if (url === undefined || url === null || url === '') return '';
  if (url instanceof URL) return url.href;
  if (typeof url !== 'string') throw new QuietpageError('INVALID_ARGUMENT', 'options.url must be a string or URL');
  return url;
}

const orNull = (s) => (s === '' ? null : s);

/**
 * @param {any} core the Embind module
 * @param {string} html
 * @param {import('./index.js').ParseOptions} [options]
 * @returns {import('./index.js').Article | null}
 */
export function callParse(core, html, options) {
  checkHtml(html);
  const opts = checkOptions(options);
  const r = core.parse(html, {
    url: pageUrl(opts.url),
    charThreshold: uint(opts.charThreshold, 'options.charThreshold', DEFAULT_CHAR_THRESHOLD),
    nbTopCandidates: uint(opts.nbTopCandidates, 'options.nbTopCandidates', DEFAULT_TOP_CANDIDATES) || DEFAULT_TOP_CANDIDATES,
  });
  if (r.error) throw new QuietpageError(r.error, r.message);
  if (!r.found) return null;
  return {
    title: r.title,
    byline: orNull(r.byline),
    dir: orNull(r.dir),
    lang: orNull(r.lang),
    content: r.content,
    textContent: r.textContent,
    length: r.textContent.length,
    excerpt: orNull(r.excerpt),
    siteName: orNull(r.siteName),
    publishedTime: orNull(r.publishedTime),
  };
}

/**
 * @param {any} core
 * @param {string} html
 * @param {import('./index.js').ReaderableOptions} [options]
 */
export function callIsProbablyReaderable(core, html, options) {
  checkHtml(html);
  const opts = checkOptions(options);
  const minContentLength = uint(opts.minContentLength, 'options.minContentLength', DEFAULT_MIN_CONTENT_LENGTH);
  const minScore = opts.minScore === undefined ? DEFAULT_MIN_SCORE : Number(opts.minScore);
  if (!Number.isFinite(minScore)) throw new QuietpageError('INVALID_ARGUMENT', 'options.minScore must be a number');
  return core.isProbablyReaderable(html, minContentLength, minScore);
}
