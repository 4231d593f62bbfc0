// The native charset decoder (tools/batch/charset.cc: quietpage-batch and
// the Python binding) against js/decode.js: the same encoding chosen (labels,
// Content-Type values, <meta> prescan) and the same text, byte by byte for
// every single-byte encoding, on sample text for the multi-byte ones, on
// every page of ../shared's corpora, and the same articles extracted from
// the trafilatura-dev pages (in many charsets) by the batch command.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { decodeAs, decodeHtml, detectEncoding } from '../../js/decode.js';
import { createReader } from '../../js/index.js';
import { BATCH, jsonLines, python, pythonMissing, run, shared } from './helpers.js';

// Encodings TextDecoder in Node lacks (its ICU has no converter for them):
// the standard's, decoded natively, not compared.
const NODE_LACKS = ['iso-8859-16', 'x-user-defined'];

const SINGLE_BYTE = ['ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7',
  'iso-8859-8', 'iso-8859-8-i', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'koi8-r', 'koi8-u',
  'macintosh', 'windows-874', 'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254',
  'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258', 'x-mac-cyrillic'];

// Text for the multi-byte encodings, and Python's codec for the standard's.
const MULTI_BYTE = {
  gbk: ['gbk', '中文网页，简体字。'], gb18030: ['gb18030', '中文网页€𠀀'], big5: ['big5hkscs', '繁體中文網頁'],
  'euc-jp': ['euc_jp', '日本語のページ'], 'iso-2022-jp': ['iso2022_jp', '日本語のページ'],
  shift_jis: ['cp932', '日本語のページ～①'], 'euc-kr': ['cp949', '한국어 페이지'],
};

const LABELS = ['utf8', 'UTF-8', ' unicode-1-1-utf-8 ', '"latin1"', "'ascii'", 'us-ascii', 'iso-8859-1', 'iso_8859-1:1987',
  'cp819', 'l1', 'iso-8859-9', 'latin5', 'tis-620', 'dos-874', 'x-mac-roman', 'mac', 'x-mac-ukrainian', 'koi', 'koi8-ru',
  'gb2312', 'chinese', 'x-gbk', 'gb18030', 'big5-hkscs', 'x-x-big5', 'x-euc-jp', 'csiso2022jp', 'ms932', 'x-sjis',
  'windows-31j', 'ks_c_5601-1987', 'korean', 'windows-949', 'utf-16', 'unicode', 'ucs-2', 'unicodefffe', 'iso-2022-kr',
  'hz-gb-2312', 'replacement', 'utf-7', 'x-unknown', '', 'visual', 'logical', 'csiso88598i', 'ibm866', '866', 'cp1250',
  'x-cp1258', 'sun_eu_greek', 'ecma-114', 'asmo-708', 'iso88599', 'l9', 'latin6', 'iso885913', 'iso8859-14', 'csisolatin9',
  'text/html; charset="Shift_JIS"', 'text/html;charset=koi8-r', 'text/html; charset=', 'text/html', 'TEXT/HTML; CHARSET = euc-kr',
  'text/html; charset="utf-8', 'text/html; foo=bar; charset=windows-1251; x=y'];

const latin1 = (s) => Buffer.from(s, 'latin1');
const META_PAGES = [
  '<meta charset="iso-8859-15"><title>x</title>',
  '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1251">',
  '<!-- <meta charset="koi8-r"> --><meta charset=gbk>',
  '<meta charset="no-such-thing"><meta charset="euc-jp">',
  '<meta charset="utf-16le">',
  '<metadata charset="koi8-r"><meta name=x>',
  '<meta charset\u00a0=\u00a0"shift_jis">',
  '<meta content="text/html;charset = \'big5\'" http-equiv=content-type>',
  `<script>${'x'.repeat(9000)}</script><meta charset="koi8-r">`,
  '<!-- never closed <meta charset="koi8-r">',
  '<meta charset="koi8-r"',
  '\u00ef\u00bb\u00bf<meta charset="koi8-r">',
  '\u00ff\u00fe<\u0000p\u0000>\u0000',
  'caf\u00e9 <p>déjà vu</p>',
];

const sha = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

// What the native decoder says, through the Python binding.
const NATIVE = String.raw`
import hashlib, json, sys, quietpage
req = json.load(sys.stdin)
def dec(b, hint=None): return quietpage.decode_html(bytes(b), hint)
out = {
  "single": {n: [dec([b], n) for b in range(256)] for n in req["single"]},
  "multi": {n: [list(t.encode(codec)), dec(t.encode(codec), n)] for n, (codec, t) in req["multi"].items()},
  "labels": [quietpage.detect_encoding(b"", label) for label in req["labels"]],
  "meta": [[*quietpage.detect_encoding(p.encode("latin-1")), dec(p.encode("latin-1"))] for p in req["meta"]],
  "files": [[*quietpage.detect_encoding(open(f, "rb").read()), hashlib.sha256(dec(open(f, "rb").read()).encode("utf-8")).hexdigest()] for f in req["files"]],
}
json.dump(out, sys.stdout)
`;

function corpusFiles() {
  const files = [];
  for (const corpus of ['trafilatura-dev', 'textgold-dev']) {
    const dir = shared('corpus', corpus, 'html');
    if (dir) for (const name of readdirSync(dir).sort()) files.push(join(dir, name));
  }
  const readability = shared('corpus', 'readability');
  if (readability) for (const name of readdirSync(readability).sort()) files.push(join(readability, name, 'source.html'));
  return files;
}

describe('the native decoder against js/decode.js', { skip: pythonMissing() ?? false }, () => {
  let native;
  let files;
  before(async () => {
    files = corpusFiles();
    const request = { single: SINGLE_BYTE, multi: MULTI_BYTE, labels: LABELS, meta: META_PAGES, files };
    const { code, stdout, stderr } = await python(['-c', NATIVE], { input: JSON.stringify(request) });
    assert.equal(code, 0, stderr);
    native = JSON.parse(stdout);
  });

  it('reads labels and Content-Type values the same way', () => {
    LABELS.forEach((label, i) => {
      const { encoding, source } = detectEncoding(new Uint8Array(), label);
      assert.deepEqual(native.labels[i], [encoding, source], JSON.stringify(label));
    });
    for (const name of NODE_LACKS) assert.equal(native.labels.length && detectEncoding(new Uint8Array(), name).source, 'utf-8');
  });

  it('finds the same <meta> charset and decodes the page the same', () => {
    META_PAGES.forEach((page, i) => {
      const bytes = latin1(page);
      const { encoding, source } = detectEncoding(bytes);
      assert.deepEqual(native.meta[i], [encoding, source, decodeHtml(bytes)], JSON.stringify(page));
    });
  });

  it('decodes every byte of every single-byte encoding the same (ibm866: the standard\'s controls)', () => {
    for (const name of SINGLE_BYTE) {
      for (let b = 0; b < 256; b++) {
        let expected = decodeAs(new Uint8Array([b]), name);
        // Node's ICU ibm866 swaps three controls the standard leaves as ASCII.
        if (name === 'ibm866' && [0x1a, 0x1c, 0x7f].includes(b)) expected = String.fromCharCode(b);
        assert.equal(native.single[name][b], expected, `${name} 0x${b.toString(16)}`);
      }
    }
  });

  it('decodes Chinese, Japanese and Korean text the same', () => {
    for (const [name, [bytes, text]] of Object.entries(native.multi)) {
      assert.equal(text, decodeAs(new Uint8Array(bytes), name), name);
      assert.equal(text, MULTI_BYTE[name][1], name);
    }
  });

  it('chooses the same encoding and decodes to the same text on every corpus page', { skip: shared('corpus') ? false : '../shared/corpus not found' }, () => {
    assert.ok(files.length > 1000);
    const encodings = new Set();
    files.forEach((file, i) => {
      const bytes = readFileSync(file);
      const { encoding, source } = detectEncoding(bytes);
      encodings.add(encoding);
      assert.deepEqual(native.files[i], [encoding, source, sha(decodeHtml(bytes))], file);
    });
    assert.ok(encodings.size >= 4, [...encodings].join(' '));
  });
});

describe('quietpage-batch and the JavaScript API on the trafilatura-dev pages', {
  skip: !existsSync(BATCH) ? 'quietpage-batch not built' : !shared('corpus', 'trafilatura-dev') ? '../shared/corpus/trafilatura-dev not found' : false,
}, () => {
  let dir;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'quietpage-charset-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('extracts the same article from every page (its bytes, in any charset)', async () => {
    const base = shared('corpus', 'trafilatura-dev');
    const entries = Object.entries(JSON.parse(readFileSync(join(base, 'evaldata.json'), 'utf8'))).sort(([a], [b]) => (a < b ? -1 : 1));
    const list = join(dir, 'pages.tsv');
    writeFileSync(list, entries.map(([url, { file }]) => `${url}\t${join(base, 'html', file)}\n`).join(''));
    const { code, stdout, stderr } = await run(BATCH, ['-q', '--list', list]);
    assert.equal(code, 0, stderr);
    const lines = jsonLines(stdout);
    assert.equal(lines.length, entries.length);
    const reader = await createReader();
    entries.forEach(([url, { file }], i) => {
      const article = reader.parse(readFileSync(join(base, 'html', file)), { url });
      const line = lines[i];
      assert.equal(line.url, url);
      if (!article) {
        assert.equal(line.error, 'NO_ARTICLE', file);
        return;
      }
      const { content, markdown, length, ...fields } = article;
      assert.deepEqual(line, { url, file: join(base, 'html', file), ...fields }, file);
    });
  });
});
