// Byte input: the encoding is chosen like a browser chooses it, and pages in
// legacy encodings come out as the same text as their UTF-8 twin.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { createReader, decodeHtml, detectEncoding } from '../../js/index.js';
import { charsetFromContentType } from '../../js/decode.js';
import { fixture } from './helpers.js';

const utf8 = (s) => new TextEncoder().encode(s);
const latin1 = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0)); // only for chars < 256
const page = (meta, body) => `<html><head>${meta}<title>Café crème</title></head><body>${body}</body></html>`;

describe('detectEncoding', () => {
  it('prefers a byte-order mark to everything else', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x3c, 0x00]);
    assert.deepEqual(detectEncoding(bytes, 'iso-8859-2'), { encoding: 'utf-16le', source: 'bom' });
    assert.equal(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c])).encoding, 'utf-8');
    assert.equal(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x3c])).encoding, 'utf-16be');
  });

  it('takes the transport hint over <meta>, as a label or a Content-Type value', () => {
    const bytes = latin1(page('<meta charset="utf-8">', 'x'));
    assert.deepEqual(detectEncoding(bytes, 'ISO-8859-1'), { encoding: 'windows-1252', source: 'hint' });
    assert.deepEqual(detectEncoding(bytes, 'text/html; charset="Shift_JIS"'), { encoding: 'shift_jis', source: 'hint' });
    assert.equal(charsetFromContentType('text/html;charset=koi8-r'), 'koi8-r');
    assert.equal(charsetFromContentType('text/html'), null);
  });

  it('reads <meta charset> and <meta http-equiv>, ignoring comments and unknown labels', () => {
    assert.equal(detectEncoding(latin1(page('<meta charset=iso-8859-15>', ''))).encoding, 'iso-8859-15');
    assert.equal(detectEncoding(latin1(page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', ''))).encoding, 'windows-1251');
    assert.equal(detectEncoding(latin1(page('<!-- <meta charset="koi8-r"> --><meta charset="gbk">', ''))).encoding, 'gbk');
    assert.deepEqual(detectEncoding(utf8(page('<meta charset="no-such-thing">', 'é'))), { encoding: 'utf-8', source: 'utf-8' });
  });

  it('treats a <meta> claiming UTF-16 as UTF-8 (the page was readable as ASCII)', () => {
    assert.equal(detectEncoding(utf8(page('<meta charset="utf-16">', ''))).encoding, 'utf-8');
  });

  it('falls back to UTF-8 when the bytes are valid UTF-8, else windows-1252', () => {
    assert.deepEqual(detectEncoding(utf8(page('', 'déjà vu'))), { encoding: 'utf-8', source: 'utf-8' });
    assert.deepEqual(detectEncoding(latin1(page('', 'déjà vu'))), { encoding: 'windows-1252', source: 'default' });
  });
});

describe('decodeHtml', () => {
  it('decodes legacy encodings to the same text as UTF-8', () => {
    const text = page('<meta charset="windows-1252">', '<p>Déjà vu — “quoted”</p>');
    const cp1252 = new Uint8Array([...text].map((c) => ({ '—': 0x97, '“': 0x93, '”': 0x94 })[c] ?? c.charCodeAt(0)));
    assert.equal(decodeHtml(cp1252), text);
    assert.equal(decodeHtml(cp1252.buffer), text);
  });

  it('drops the byte-order mark and accepts any ArrayBufferView', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<p>ok</p>')]);
    assert.equal(decodeHtml(withBom), '<p>ok</p>');
    assert.equal(decodeHtml(new DataView(withBom.buffer)), '<p>ok</p>');
  });
});

describe('Reader with byte input', () => {
  let reader;
  before(async () => { reader = await createReader(); });
  const url = 'https://ledger.example/news/floating-library.html';

  it('gives the same article for UTF-8 bytes as for the string', () => {
    const html = fixture('cluttered-news.html');
    assert.deepEqual(reader.parse(utf8(html), { url }), reader.parse(html, { url }));
    assert.equal(reader.isProbablyReaderable(utf8(html)), reader.isProbablyReaderable(html));
  });

  it('decodes a windows-1252 page declared by <meta>', () => {
    const body = `<article><h1>Déjà vu</h1>${'<p>Le café était crème, la forêt était belle, et l\'été était long. '.repeat(6)}</p></article>`;
    const html = page('<meta charset="windows-1252">', body);
    const article = reader.parse(latin1(html), { url });
    assert.equal(article.title, 'Café crème');
    assert.match(article.textContent, /Le café était crème, la forêt/);
  });

  it('uses the charset option for pages that declare nothing', () => {
    const sjis = new Uint8Array([0x93, 0xfa, 0x96, 0x7b]); // 日本 in Shift_JIS
    const prefix = utf8('<html><head><title>t</title></head><body><p>');
    const bytes = new Uint8Array([...prefix, ...sjis, ...utf8('</p></body></html>')]);
    const article = reader.parse(bytes, { charset: 'shift_jis', charThreshold: 0 });
    assert.match(article?.textContent ?? '', /日本/);
  });

  it('rejects other input types with INVALID_ARGUMENT', () => {
    for (const bad of [null, 42, {}, [1, 2]]) {
      assert.throws(() => reader.parse(bad), { code: 'INVALID_ARGUMENT' });
    }
    assert.throws(() => reader.parse(utf8('<p>x</p>'), { charset: 5 }), { code: 'INVALID_ARGUMENT' });
  });
});
