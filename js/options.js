// Checks of the public API's arguments, shared by the Reader (main thread or
// any worker) and the worker client (before anything is posted to the
// worker): the page's type, the option names, and the options that are
// JavaScript's business (URL objects, Readability's `allowedVideoRegex`,
// `serializer` and `debug`).
// The core's own options are converted and range-checked in marshal.js.
import { QuietpageError } from './errors.js';
import { CORE_OPTIONS } from './marshal.js';

// The option names: the core's (marshal.js's CORE_OPTIONS) and JavaScript's own.
const coreNames = (options) => options.map(([name]) => name).filter((name) => name !== 'url');
export const PARSE_OPTIONS = new Set(['url', 'charset', ...coreNames(CORE_OPTIONS.parse), 'allowedVideoRegex', 'serializer', 'debug']);
export const READERABLE_OPTIONS = new Set(['url', 'charset', ...coreNames(CORE_OPTIONS.readerable)]);
export const LOAD_OPTIONS = new Set(['wasmUrl', 'wasmBinary', 'wasmModule', 'warmUp']);

// Readability.js options quietpage does not take, with what to do instead.
const READABILITY_ONLY = {
  visibilityChecker: 'quietpage reads HTML, not a DOM: hidden elements are found from their attributes',
};

const invalid = (message) => new QuietpageError('INVALID_ARGUMENT', message);

/** What a value is, for messages: "null", "a number", "a Document", "an instance of Foo". */
function describe(value) {
  if (value === null) return 'null';
  if (typeof value !== 'object') return `${/^[aeiou]/.test(typeof value) ? 'an' : 'a'} ${typeof value}`;
  const name = value.constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

/** Hints for the page inputs people try first. */
function inputHint(html) {
  if (html?.nodeType === 9 || html?.nodeType === 1) {
    return ': pass its HTML, e.g. document.documentElement.outerHTML (DOM nodes can\'t be sent to a worker either)';
  }
  if (typeof html?.arrayBuffer === 'function') return ': pass its bytes, e.g. await response.arrayBuffer()';
  if (isUrl(html)) return ': fetch the page and pass its text or bytes (the URL goes in options.url)';
  return '';
}

/** Throws unless html is a string or bytes. */
export function checkInput(html) {
  if (typeof html === 'string' || html instanceof ArrayBuffer || ArrayBuffer.isView(html)) return;
  throw invalid(`html must be a string or bytes (Uint8Array, ArrayBuffer), got ${describe(html)}${inputHint(html)}`);
}

/** A URL object, of this realm or another (jsdom's, an iframe's). */
const isUrl = (value) => value instanceof URL ||
  (typeof value === 'object' && value !== null && typeof value.href === 'string' && typeof value.protocol === 'string');

/**
 * The options as a plain object with only known names, URL objects turned
 * into their href (they can cross to a worker then); null and undefined mean
 * none. Options set to undefined count as absent.
 * @param {unknown} options
 * @param {Set<string>} known
 * @param {string} what e.g. "parse()", for messages
 */
export function checkOptionNames(options, known, what) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw invalid(`the options of ${what} must be an object, got ${Array.isArray(options) ? 'an array' : describe(options)}`);
  }
  const out = {};
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!known.has(name)) {
      const sameButCase = [...known].find((k) => k.toLowerCase() === name.toLowerCase());
      const hint = READABILITY_ONLY[name] ?? (sameButCase ? `did you mean ${sameButCase}?` : '');
      throw invalid(`unknown option "${name}" for ${what}${hint ? ` (${hint})` : ''}; known options: ${[...known].join(', ')}`);
    }
    out[name] = isUrl(value) ? value.href : value;
  }
  return out;
}

/**
 * The options of parse(), checked; `serializer` is taken out (the Reader
 * applies it). In a worker client, a serializer is refused: functions can't
 * be sent to a worker.
 * @returns {{ options: Record<string, unknown>, serializer: ((element: any) => unknown) | null }}
 */
export function checkParseOptions(options, { worker = false } = {}) {
  const { serializer = null, debug, ...rest } = checkOptionNames(options, PARSE_OPTIONS, 'parse()');
  if (debug !== undefined && typeof debug !== 'boolean') throw invalid('options.debug must be a boolean');
  const videos = rest.allowedVideoRegex;
  if (videos !== undefined && videos !== null && Object.prototype.toString.call(videos) !== '[object RegExp]') {
    throw invalid(`options.allowedVideoRegex must be a RegExp, got ${describe(videos)}`);
  }
  if (serializer !== null) {
    if (typeof serializer !== 'function') throw invalid(`options.serializer must be a function, got ${describe(serializer)}`);
    if (worker) {
      throw invalid('options.serializer can\'t be sent to a worker (functions can\'t be cloned): call it on article.content in your page instead');
    }
    if (typeof document === 'undefined' || typeof document.implementation?.createHTMLDocument !== 'function') {
      throw invalid('options.serializer needs a DOM (a browser page\'s main thread); here article.content is sanitized HTML: use it as it is');
    }
  }
  return { options: rest, serializer };
}

/**
 * Readability's serializer, given what it expects: an element holding the
 * article, in an inert document (nothing in it loads or runs).
 * @param {string} content the article's sanitized HTML
 * @param {(element: any) => unknown} serializer
 */
export function serialize(content, serializer) {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${content}`, 'text/html');
  const element = doc.createElement('div');
  element.append(...doc.body.childNodes);
  return serializer(element);
}
