// Turns the bytes of an HTML page into text the way a browser would pick the
// encoding: byte-order mark, then the transport's hint (an HTTP
// Content-Type charset), then a <meta charset> / <meta http-equiv> in the
// first bytes of the page, then UTF-8 if the bytes are valid UTF-8, else
// windows-1252. TextDecoder does the decoding (every encoding of the WHATWG
// Encoding standard, in browsers and in Node).

// The HTML standard prescans 1,024 bytes; real pages often put their <meta>
// later (after long <script>s or comments), so look a little further.
const PRESCAN_BYTES = 8192;

const latin1 = new TextDecoder('windows-1252');

// Node's TextDecoder decodes windows-1252 (and its aliases, iso-8859-1
// among them) as ISO-8859-1, leaving bytes 0x80-0x9F as C1 controls. This is
// the WHATWG windows-1252 index for those bytes; browsers already decode
// them so, which makes the fix-up a no-op there.
const WINDOWS_1252_C1 = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];
const fixWindows1252 = (text) =>
  text.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]));

/** Decodes bytes in a known encoding (a name from detectEncoding). */
export function decodeAs(bytes, encoding) {
  const text = new TextDecoder(encoding).decode(bytes);
  return encoding === 'windows-1252' ? fixWindows1252(text) : text;
}

/** The canonical name of an encoding label, or null when TextDecoder does not know it. */
export function encodingName(label) {
  if (typeof label !== 'string') return null;
  const trimmed = label.trim().replace(/^["']|["']$/g, '');
  if (!trimmed) return null;
  try {
    return new TextDecoder(trimmed).encoding;
  } catch {
    return null;
  }
}

function bomEncoding(bytes) {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** The charset of a Content-Type value ("text/html; charset=ISO-8859-1"), or null. */
export function charsetFromContentType(value) {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(String(value ?? ''));
  return match ? match[2] : null;
}

function metaEncoding(bytes) {
  const head = latin1.decode(bytes.subarray(0, PRESCAN_BYTES)).replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of head.matchAll(/<meta\b[^>]*>/gi)) {
    const text = tag[0];
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(text);
    if (direct) {
      const name = encodingName(direct[1]);
      // A page that says it is UTF-16 was decoded as ASCII to read this: the
      // standard says it means UTF-8.
      if (name) return name.startsWith('utf-16') ? 'utf-8' : name;
    }
  }
  return null;
}

function isValidUtf8(bytes) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding the page's bytes are in, and how it was decided.
 * @param {Uint8Array} bytes
 * @param {string} [hint] a charset label or a whole Content-Type value
 * @returns {{ encoding: string, source: 'bom' | 'hint' | 'meta' | 'utf-8' | 'default' }}
 */
export function detectEncoding(bytes, hint) {
  const bom = bomEncoding(bytes);
  if (bom) return { encoding: bom, source: 'bom' };
  const hinted = encodingName(charsetFromContentType(hint) ?? hint);
  if (hinted) return { encoding: hinted, source: 'hint' };
  const meta = metaEncoding(bytes);
  if (meta) return { encoding: meta, source: 'meta' };
  if (isValidUtf8(bytes)) return { encoding: 'utf-8', source: 'utf-8' };
  return { encoding: 'windows-1252', source: 'default' };
}

/**
 * Decodes an HTML page's bytes to a string (see detectEncoding). Bytes that
 * are invalid in the chosen encoding become U+FFFD; a BOM is dropped.
 * @param {Uint8Array | ArrayBuffer | ArrayBufferView} input
 * @param {string} [hint]
 */
export function decodeHtml(input, hint) {
  const bytes = toBytes(input);
  return decodeAs(bytes, detectEncoding(bytes, hint).encoding);
}

/** A Uint8Array view of bytes-like input, or null for anything else. */
export function toBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return null;
}
