// Is this input an HTML page at all? Used by the command line (and the demo)
// to say "this is a PNG image, not HTML" instead of extracting a garbage
// article from it. parse() itself takes anything, as a browser renders any
// bytes it is given as a document.
//
// HTML is recognised generously: any tag, comment or doctype in the first
// bytes will do, in any encoding the page's bytes declare or that decodes
// them; a byte-order mark, a stray NUL or control byte, a fragment without
// <html> all still count as HTML.
import { decodeAs, detectEncoding, toBytes } from './decode.js';

/** How much of the input is looked at. */
const SNIFF_BYTES = 64 * 1024;

// File signatures (the WHATWG MIME Sniffing standard's, and a few more).
const SIGNATURES = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [...'GIF87a'].map((c) => c.charCodeAt(0))],
  ['a GIF image', [...'GIF89a'].map((c) => c.charCodeAt(0))],
  ['a WebP image', [...'RIFF'].map((c) => c.charCodeAt(0)), 8, [...'WEBP'].map((c) => c.charCodeAt(0))],
  ['a BMP image', [0x42, 0x4d], 6, [0, 0, 0, 0]],
  ['an ICO image', [0x00, 0x00, 0x01, 0x00]],
  ['a PDF document', [...'%PDF-'].map((c) => c.charCodeAt(0))],
  ['a PostScript document', [...'%!PS-Adobe-'].map((c) => c.charCodeAt(0))],
  ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a ZIP archive', [0x50, 0x4b, 0x05, 0x06]],
  ['a gzip archive', [0x1f, 0x8b, 0x08]],
  ['a 7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['a RAR archive', [...'Rar!'].map((c) => c.charCodeAt(0)), 4, [0x1a, 0x07]],
  ['a WebAssembly module', [0x00, 0x61, 0x73, 0x6d]],
  ['an MP3 file', [...'ID3'].map((c) => c.charCodeAt(0))],
  ['an Ogg file', [...'OggS'].map((c) => c.charCodeAt(0)), 4, [0x00]],
  ['a WOFF font', [...'wOFF'].map((c) => c.charCodeAt(0))],
  ['a WOFF2 font', [...'wOF2'].map((c) => c.charCodeAt(0))],
  ['an ISO media file (MP4, MOV, AVIF, HEIC)', [], 4, [...'ftyp'].map((c) => c.charCodeAt(0))],
];

const startsWith = (bytes, at, pattern) => pattern.every((byte, i) => bytes[at + i] === byte);

function signature(bytes) {
  for (const [name, head, at = 0, tail = []] of SIGNATURES) {
    if (bytes.length >= at + tail.length && startsWith(bytes, 0, head) && startsWith(bytes, at, tail)) return name;
  }
  return null;
}

// C0 controls other than tab, line feed, form feed, carriage return and
// escape: text has almost none, binary data about one byte in ten.
const isControl = (byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b;

function looksBinary(bytes) {
  let controls = 0;
  for (const byte of bytes) if (isControl(byte) || byte === 0x7f) controls++;
  // A stray NUL or two in a page is not enough.
  return controls > 8 && controls > bytes.length * 0.02;
}

// A tag (start or end), a comment, a doctype or a processing instruction.
const MARKUP = /<(?:[a-z][a-z0-9-]*(?:[\s/>]|$)|\/[a-z][a-z0-9-]*\s*>|!--|!doctype\b|\?xml\b)/i;

const isJson = (text) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

// Content-Types that are never a page, whatever the bytes look like.
const NOT_PAGE_TYPES = new RegExp(String.raw`^(?:(?:image|audio|video|font|model)/|text/(?:css|csv|javascript|calendar)\b|` +
  String.raw`application/(?:pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|x-rar-compressed|wasm|javascript|(?:[\w.-]+\+)?json)\b)`, 'i');

/**
 * Why the input is not an HTML page, or null when it may well be one.
 * @param {string | ArrayBuffer | ArrayBufferView} input the page, as text or bytes
 * @param {{ contentType?: string | null, charset?: string }} [hints]
 *   the HTTP Content-Type it came with; the charset its bytes are in, if known
 * @returns {string | null} e.g. "a PNG image", "JSON", "plain text (no HTML markup)"
 */
export function notHtmlReason(input, { contentType, charset } = {}) {
  const type = String(contentType ?? '').split(';')[0].trim().toLowerCase();
  if (NOT_PAGE_TYPES.test(type)) return `served as ${type}`;

  let whole = () => input;
  let text;
  if (typeof input === 'string') {
    text = input.slice(0, SNIFF_BYTES);
  } else {
    const bytes = toBytes(input);
    if (!bytes) return null;
    const head = bytes.subarray(0, SNIFF_BYTES);
    const kind = signature(head);
    if (kind) return kind;
    const { encoding } = detectEncoding(head, charset ?? contentType ?? undefined);
    // UTF-16 is full of NUL bytes: judge it once decoded.
    if (!encoding.startsWith('utf-16') && looksBinary(head)) return 'binary data';
    text = decodeAs(head, encoding);
    whole = () => decodeAs(bytes, encoding);
  }
  text = text.replace(/^\uFEFF/, '').trimStart();
  // Empty: a page without an article, not another kind of file.
  if (!text) return null;
  // JSON, even when its strings hold HTML.
  if ((text[0] === '{' || text[0] === '[') && isJson(whole())) return 'JSON';
  return MARKUP.test(text) ? null : 'plain text (no HTML markup)';
}
