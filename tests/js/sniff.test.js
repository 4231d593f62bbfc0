// js/sniff.js: what is not an HTML page (the CLI's and the demo's NOT_HTML),
// and what still is.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { notHtmlReason } from '../../js/sniff.js';
import { fixture } from './helpers.js';

const bytes = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const prose = '<p>The harbour ferry now carries books instead of cars, and the town has a library again.</p>';

describe('notHtmlReason', () => {
  it('names files by their signature', () => {
    const cases = [
      [bytes([0x89], 'PNG\r\n\x1a\n\0\0\0\rIHDR'), 'a PNG image'],
      [bytes([0xff, 0xd8, 0xff, 0xdb], '\0C\0'), 'a JPEG image'],
      [bytes('GIF87a\x01\0\x01\0'), 'a GIF image'],
      [bytes('RIFF\x24\0\0\0WEBPVP8 '), 'a WebP image'],
      [bytes('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'), 'a PDF document'],
      [bytes('PK\x03\x04\x14\0\0\0'), 'a ZIP archive'],
      [bytes([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0]), 'a gzip archive'],
      [bytes('\0asm\x01\0\0\0'), 'a WebAssembly module'],
      [bytes('\0\0\0\x20ftypisom\0\0\x02\0'), 'an ISO media file (MP4, MOV, AVIF, HEIC)'],
    ];
    for (const [input, reason] of cases) assert.equal(notHtmlReason(input), reason);
    // Signatures count at the start only.
    assert.equal(notHtmlReason(bytes(`<p>A page about the PNG format: it starts with \x89PNG.</p>`)), null);
  });

  it('calls bytes full of control characters binary data', () => {
    const random = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7919 + 13) % 256);
    assert.equal(notHtmlReason(random), 'binary data');
    assert.equal(notHtmlReason(bytes('<p>x</p>', new Uint8Array(200))), 'binary data');
  });

  it('recognises JSON, even holding HTML, and plain text without markup', () => {
    assert.equal(notHtmlReason('{"a": [1, 2, {"b": "<p>not really</p>"}]}'), 'JSON');
    assert.equal(notHtmlReason(bytes('\n  [{"html": "<div>x</div>"}]\n')), 'JSON');
    assert.equal(notHtmlReason('Just some plain text.\n\nWith two paragraphs, and 3 < 4.'), 'plain text (no HTML markup)');
    assert.equal(notHtmlReason(bytes('# A Markdown file\n\nWith *emphasis*.')), 'plain text (no HTML markup)');
    // Not JSON after all: then markup decides.
    assert.equal(notHtmlReason('[Update] The ferry <b>sails</b> again'), null);
  });

  it('accepts HTML with odd bytes: a BOM, a stray NUL, windows-1252, UTF-16, a fragment, no <html>', () => {
    assert.equal(notHtmlReason(fixture('cluttered-news.html')), null);
    assert.equal(notHtmlReason(bytes([0xef, 0xbb, 0xbf], prose)), null);
    assert.equal(notHtmlReason('\uFEFF' + prose), null);
    assert.equal(notHtmlReason(bytes(prose.replace('ferry', 'ferry\0'))), null);
    assert.equal(notHtmlReason(bytes('<p>Caf\xe9 cr\xe8me, \x93quoted\x94 \x80 5</p>')), null);
    assert.equal(notHtmlReason(bytes([0xff, 0xfe], Buffer.from(prose, 'utf16le'))), null);
    assert.equal(notHtmlReason(Buffer.from(prose, 'utf16le'), { charset: 'utf-16le' }), null);
    assert.equal(notHtmlReason('<!-- a comment first -->text'), null);
    assert.equal(notHtmlReason('<!DOCTYPE html>'), null);
    assert.equal(notHtmlReason('Some words and then <br> a break'), null);
    assert.equal(notHtmlReason(bytes('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>')), null);
  });

  it('leaves empty input to the parser (a page without an article)', () => {
    assert.equal(notHtmlReason(''), null);
    assert.equal(notHtmlReason(new Uint8Array(0)), null);
    assert.equal(notHtmlReason(' \n\t'), null);
  });

  it('trusts a Content-Type that is never a page, and sniffs the bytes under any other', () => {
    assert.equal(notHtmlReason(prose, { contentType: 'image/png' }), 'served as image/png');
    assert.equal(notHtmlReason(prose, { contentType: 'Application/PDF; foo=bar' }), 'served as application/pdf');
    assert.equal(notHtmlReason(prose, { contentType: 'application/ld+json; charset=utf-8' }), 'served as application/ld+json');
    assert.equal(notHtmlReason(prose, { contentType: 'text/css' }), 'served as text/css');
    for (const type of ['text/html; charset=utf-8', 'text/plain', 'application/octet-stream', 'application/xhtml+xml', '', null]) {
      assert.equal(notHtmlReason(bytes(prose), { contentType: type }), null, String(type));
    }
    assert.equal(notHtmlReason(bytes([0x89], 'PNG\r\n\x1a\n'), { contentType: 'text/html' }), 'a PNG image');
  });

  it('ignores what it cannot read', () => {
    assert.equal(notHtmlReason(42), null);
  });
});
