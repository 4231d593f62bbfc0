// The one place that talks to the WebAssembly core: JavaScript values are
// checked and converted into the core's ParseOptions, and the core's
// ParseResult is turned into the public Article shape. Embind copies the
// short strings across; the long texts are decoded here from wasm memory. No
// pointer or DOM node ever escapes this file.
//
// The options, their defaults and the article's fields are the core's
// (src/quietpage.h declares each once; wasm/bindings.cc hands them over).
// Only the option names and types are mirrored here, for the checks that run
// before any core is loaded (js/options.js, in a worker client's page too).
import { decodeAs, detectEncoding, toBytes } from './decode.js';
import { QuietpageError } from './errors.js';

// The core's calls report an exhausted memory without words (wasm/bindings.cc: run_core).
const MEMORY_EXHAUSTED = 'the WebAssembly memory is exhausted (it cannot grow any further)';

/**
 * The core's options, [name, type] in its order: QUIETPAGE_OPTIONS and
 * QUIETPAGE_READERABLE_OPTIONS of src/quietpage.h (a new option goes there
 * first). tests/js/types.test.js checks this against the core's own table.
 */
export const CORE_OPTIONS = {
  parse: [
    ['url', 'string'], ['charThreshold', 'uint32'], ['nbTopCandidates', 'uint32'], ['maxInputBytes', 'size'],
    ['maxElements', 'size'], ['maxDepth', 'uint32'], ['maxAttributes', 'uint32'], ['maxMemoryBytes', 'size'],
    ['maxOutputBytes', 'size'], ['timeoutMs', 'uint32'], ['markdown', 'boolean'], ['textCaptions', 'boolean'],
    ['maxElemsToParse', 'size'], ['keepClasses', 'boolean'], ['classesToPreserve', 'names'], ['disableJSONLD', 'boolean'],
    ['linkDensityModifier', 'number'],
  ],
  readerable: [['url', 'string'], ['minContentLength', 'uint32'], ['minScore', 'number']],
};

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

function flag(value, name, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new QuietpageError('INVALID_ARGUMENT', `${name} must be a boolean`);
  return value;
}

function number(value, name, fallback) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new QuietpageError('INVALID_ARGUMENT', `${name} must be a number`);
  return n;
}

/**
 * What the core declares, read once per instance: the options of parse() and
 * isProbablyReaderable() (CORE_OPTIONS and the core's defaults) and the
 * article's fields ({ name, kind } in declaration order).
 * @type {WeakMap<object, { parse: object, readerable: object, articleFields: { name: string, kind: string }[] }>}
 */
const described = new WeakMap();

function describe(core) {
  let d = described.get(core);
  if (!d) {
    d = {
      parse: { fields: CORE_OPTIONS.parse, defaults: core.defaultOptions() },
      readerable: { fields: CORE_OPTIONS.readerable, defaults: core.defaultReaderableOptions() },
      articleFields: JSON.parse(core.articleFields()),
    };
    described.set(core, d);
  }
  return d;
}

/**
 * The defaults of every option, as the core declares them (a copy).
 * @returns {{ parse: object, readerable: object }}
 */
export function coreDefaults(core) {
  const { parse, readerable } = describe(core);
  const { url, ...parseDefaults } = parse.defaults;  // no default page URL
  // Lists of names as the API takes them: arrays.
  for (const [name, type] of parse.fields) {
    if (type === 'names') parseDefaults[name] = parseDefaults[name].split(' ').filter(Boolean);
  }
  return { parse: parseDefaults, readerable: { ...readerable.defaults } };
}

/** An array of names (class names) as the core takes it: one string, space-separated. */
function names(value, name, fallback) {
  if (value === undefined) return fallback;
  const bad = !Array.isArray(value) ||
    value.some((item) => typeof item !== 'string' || item === '' || /\s/.test(item));
  if (bad) throw new QuietpageError('INVALID_ARGUMENT', `${name} must be an array of class names (strings without spaces)`);
  return value.join(' ');
}

// One option's value, checked by the type the core declares; 0 means "no
// limit" for the max* ones; sizes may exceed 32 bits.
function optionValue(name, type, value, fallback) {
  const label = `options.${name}`;
  switch (type) {
    case 'boolean': return flag(value, label, fallback);
    case 'names': return names(value, label, fallback);
    case 'uint32': return uint(value, label, fallback);
    case 'size': return uint(value, label, fallback, Number.MAX_SAFE_INTEGER);
    case 'number': return number(value, label, fallback);
    default:
      if (value === undefined) return fallback;
      if (typeof value !== 'string') throw new QuietpageError('INVALID_ARGUMENT', `${label} must be a string`);
      return value;
  }
}

/** The user's options as the core's, every one checked, the rest its defaults. */
function coreOptions({ fields, defaults }, opts) {
  const out = {};
  for (const [name, type] of fields) {
    // The page URL may also be a URL object, and '' or null mean none.
    out[name] = name === 'url' ? pageUrl(opts.url) : optionValue(name, type, opts[name], defaults[name]);
  }
  // Readability's nbTopCandidates: 0 means the default.
  if (out.nbTopCandidates === 0) out.nbTopCandidates = defaults.nbTopCandidates;
  return out;
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
  const { parse, articleFields } = describe(core);
  const coreOpts = coreOptions(parse, opts);
  const videos = videoTest(core, opts.allowedVideoRegex);
  let r;
  try {
    r = withUtf8(core, input, (ptr, length) => core.parse(ptr, length, coreOpts, videos !== null));
  } finally {
    delete core.quietpageVideoTest;
  }
  if (videos?.failure) {
    throw new QuietpageError('INVALID_ARGUMENT', `options.allowedVideoRegex failed: ${videos.failure?.message ?? videos.failure}`,
      { cause: videos.failure });
  }
  // The long texts first, so that the core's copy is released whatever happens.
  const held = {};
  try {
    for (const { name, kind } of articleFields) {
      if (kind === 'longText' || kind === 'html') held[name] = heldText(core, r[name]);
    }
  } finally {
    core.releaseTexts();
  }
  if (r.error) throw new QuietpageError(r.error, r.error === 'OUT_OF_MEMORY' && !r.message ? MEMORY_EXHAUSTED : r.message);
  if (!r.found) return null;
  // Readability's shape: absent texts are null, except the title (a string).
  const article = {};
  for (const { name, kind } of articleFields) {
    if (kind === 'longText' || kind === 'html') article[name] = held[name];
    else if (kind === 'text') article[name] = name === 'title' ? r[name] : orNull(r[name]);
    else article[name] = r[name];
    if (name === 'textContent') article.length = article.textContent.length;
  }
  // Requested: always a string (possibly empty); not requested: null.
  if (!coreOpts.markdown) article.markdown = null;
  return article;
}

/**
 * Readability's allowedVideoRegex, for one parse: the core calls
 * core.quietpageVideoTest(ptr, length) with each value to test (see
 * wasm/bindings.cc). A copy without the g and y flags, so that test() keeps
 * no state between values. null without a regex.
 * @returns {{ failure: unknown } | null}
 */
function videoTest(core, regex) {
  if (regex === undefined || regex === null) return null;
  const test = new RegExp(regex.source, regex.flags.replace(/[gy]/g, ''));
  const state = { failure: null };
  core.quietpageVideoTest = (ptr, length) => {
    if (state.failure) return false;
    try {
      return test.test(decoder.decode(core.HEAPU8.subarray(ptr, ptr + length)));
    } catch (error) {
      state.failure = error;  // reported once the core has returned
      return false;
    }
  };
  return state;
}

/**
 * @param {any} core
 * @param {string | Uint8Array | ArrayBuffer} html
 * @param {import('./index.js').ReaderableOptions} [options]
 */
export function callIsProbablyReaderable(core, html, options) {
  const opts = checkOptions(options);
  const input = pageInput(html, opts.charset);
  const coreOpts = coreOptions(describe(core).readerable, opts);
  const readerable = withUtf8(core, input, (ptr, length) => core.isProbablyReaderable(ptr, length, coreOpts));
  if (readerable < 0) throw new QuietpageError('OUT_OF_MEMORY', MEMORY_EXHAUSTED);
  return readerable === 1;
}
