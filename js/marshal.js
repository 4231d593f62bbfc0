// The one place that talks to the WebAssembly core: JavaScript values are
// checked and converted into the core's ParseOptions, and the core's
// ParseResult is turned into the public Article shape. Embind copies the
// short strings across; the long texts are decoded here from wasm memory. No
// pointer or DOM node ever escapes this file.
import { decodeAs, detectEncoding, toBytes } from './decode.js';
import { QuietpageError } from './errors.js';

const DEFAULT_MIN_CONTENT_LENGTH = 140;
const DEFAULT_MIN_SCORE = 20;

/**
 * The page as a string, or as UTF-8 bytes that can be copied into the core
 * as they are. Other encodings are decoded (BOM, options.charset, <meta>).
 * @returns {string | Uint8Array}
 */
function pageInput(html, charset) {
  if (typeof html === 'string') return html;
  const bytes = toBytes(html);
  if (!bytes) {
    throw new QuietpageError('INVALID_ARGUMENT',
      `html must be a string or bytes (Uint8Array, ArrayBuffer), got ${html === null ? 'null' : typeof html}`);
  }
  if (charset !== undefined && typeof charset !== 'string') {
    throw new QuietpageError('INVALID_ARGUMENT', 'options.charset must be a string');
  }
  const { encoding, source } = detectEncoding(bytes, charset);
  if (encoding === 'utf-8') return source === 'bom' ? bytes.subarray(3) : bytes;
  return decodeAs(bytes, encoding);
}

function checkOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') {
    throw new QuietpageError('INVALID_ARGUMENT', 'options must be an object');
  }
  return options;
}

function uint(value, name, fallback, max = 0xffffffff) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new QuietpageError('INVALID_ARGUMENT', `${name} must be an integer from 0 to ${max}`);
  }
  return value;
}

// Options whose JavaScript name maps to the core's field of the same name;
// 0 means "no limit" for the max* ones. Sizes may exceed 32 bits.
const NUMERIC_OPTIONS = [
  ['charThreshold', 0xffffffff],
  ['nbTopCandidates', 0xffffffff],
  ['maxInputBytes', Number.MAX_SAFE_INTEGER],
  ['maxElements', Number.MAX_SAFE_INTEGER],
  ['maxDepth', 0xffffffff],
  ['maxAttributes', 0xffffffff],
  ['maxMemoryBytes', Number.MAX_SAFE_INTEGER],
  ['maxOutputBytes', Number.MAX_SAFE_INTEGER],
];

/** @type {WeakMap<object, object>} the core's defaults, read once per instance */
const defaults = new WeakMap();

function coreOptions(core, opts) {
  if (!defaults.has(core)) defaults.set(core, core.defaultOptions());
  const base = defaults.get(core);
  const out = { ...base, url: pageUrl(opts.url) };
  for (const [name, max] of NUMERIC_OPTIONS) out[name] = uint(opts[name], `options.${name}`, base[name], max);
  if (out.nbTopCandidates === 0) out.nbTopCandidates = base.nbTopCandidates;
  out.markdown = flag(opts.markdown, 'options.markdown', base.markdown);
  return out;
}

function flag(value, name, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new QuietpageError('INVALID_ARGUMENT', `${name} must be a boolean`);
  return value;
}

function pageUrl(url) {
  if (url === undefined || url === null || url === '') return '';
  if (url instanceof URL) return url.href;
  if (typeof url !== 'string') throw new QuietpageError('INVALID_ARGUMENT', 'options.url must be a string or URL');
  return url;
}

const orNull = (s) => (s === '' ? null : s);

const encoder = new TextEncoder();
// Below this many UTF-16 units, encode straight into a worst-case (3 bytes
// per unit) buffer in wasm memory; above, encode exactly first, then copy,
// so a 50 MB page doesn't reserve 150 MB.
const DIRECT_ENCODE_LIMIT = 1 << 20;

/**
 * Runs fn(ptr, length) with the page as UTF-8 in the core's memory, then
 * frees it. Lone surrogates become U+FFFD (TextEncoder's rule).
 * @param {string | Uint8Array} html a string, or bytes already in UTF-8
 */
export function withUtf8(core, html, fn) {
  let bytes = typeof html === 'string' ? null : html;
  let capacity = bytes ? bytes.length : html.length * 3;
  if (!bytes && html.length > DIRECT_ENCODE_LIMIT) {
    bytes = encoder.encode(html);
    capacity = bytes.length;
  }
  const ptr = core._malloc(capacity + 1);
  if (!ptr) throw new QuietpageError('OUT_OF_MEMORY', 'not enough memory for the input');
  try {
    // Read HEAPU8 after malloc: growing memory replaces the view.
    const heap = core.HEAPU8;
    let length;
    if (bytes) {
      heap.set(bytes, ptr);
      length = bytes.length;
    } else {
      length = encoder.encodeInto(html, heap.subarray(ptr, ptr + capacity)).written;
    }
    return fn(ptr, length);
  } finally {
    core._free(ptr);
  }
}

const decoder = new TextDecoder();

/** A text the core holds in its memory until releaseTexts() (see wasm/bindings.cc). */
function heldText(core, { ptr, length }) {
  return length ? decoder.decode(core.HEAPU8.subarray(ptr, ptr + length)) : '';
}

/**
 * @param {any} core the Embind module
 * @param {string | Uint8Array | ArrayBuffer} html
 * @param {import('./index.js').ParseOptions} [options]
 * @returns {import('./index.js').Article | null}
 */
export function callParse(core, html, options) {
  const opts = checkOptions(options);
  const input = pageInput(html, opts.charset);
  const coreOpts = coreOptions(core, opts);
  const r = withUtf8(core, input, (ptr, length) => core.parse(ptr, length, coreOpts));
  let content, textContent, markdown;
  try {
    content = heldText(core, r.content);
    textContent = heldText(core, r.textContent);
    markdown = heldText(core, r.markdown);
  } finally {
    core.releaseTexts();
  }
  if (r.error) throw new QuietpageError(r.error, r.message);
  if (!r.found) return null;
  return {
    title: r.title,
    byline: orNull(r.byline),
    dir: orNull(r.dir),
    lang: orNull(r.lang),
    content,
    textContent,
    length: textContent.length,
    excerpt: orNull(r.excerpt),
    siteName: orNull(r.siteName),
    publishedTime: orNull(r.publishedTime),
    author: orNull(r.author),
    modifiedTime: orNull(r.modifiedTime),
    leadImage: orNull(r.leadImage),
    canonicalUrl: orNull(r.canonicalUrl),
    wordCount: r.wordCount,
    readingTime: r.readingTime,
    // Requested: always a string (possibly empty); not requested: null.
    markdown: coreOpts.markdown ? markdown : null,
  };
}

/**
 * @param {any} core
 * @param {string | Uint8Array | ArrayBuffer} html
 * @param {import('./index.js').ReaderableOptions} [options]
 */
export function callIsProbablyReaderable(core, html, options) {
  const opts = checkOptions(options);
  const input = pageInput(html, opts.charset);
  const minContentLength = uint(opts.minContentLength, 'options.minContentLength', DEFAULT_MIN_CONTENT_LENGTH);
  const minScore = opts.minScore === undefined ? DEFAULT_MIN_SCORE : Number(opts.minScore);
  if (!Number.isFinite(minScore)) throw new QuietpageError('INVALID_ARGUMENT', 'options.minScore must be a number');
  return withUtf8(core, input, (ptr, length) => core.isProbablyReaderable(ptr, length, minContentLength, minScore));
}
