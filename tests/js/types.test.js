// js/index.d.ts is written by hand (and documented); the core declares the
// options and the article's fields (src/quietpage.h). This keeps the two in
// step: every field the core returns and every option it takes is named in
// the types, and the types name nothing the core doesn't have.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { createReader } from '../../js/index.js';
import { CORE_OPTIONS } from '../../js/marshal.js';
import { PARSE_OPTIONS, READERABLE_OPTIONS } from '../../js/options.js';
import { fixture, repoRoot } from './helpers.js';

const types = readFileSync(join(repoRoot, 'js', 'index.d.ts'), 'utf8');

/** The property names of `export interface NAME { ... }` in index.d.ts. */
function members(name) {
  const body = new RegExp(`export interface ${name}(?:<[^>]*>)? \\{\\n([\\s\\S]*?)\\n\\}`).exec(types);
  assert.ok(body, `index.d.ts declares interface ${name}`);
  return [...body[1].matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]).sort();
}

describe('index.d.ts', () => {
  let reader;
  before(async () => { reader = await createReader(); });

  it('names every field of the Article the core returns, and no other', () => {
    const article = reader.parse(fixture('cluttered-news.html'), { markdown: true });
    assert.deepEqual(members('Article'), Object.keys(article).sort());
  });

  it('names every option the core takes, and the options the JavaScript API takes beside them', () => {
    const { parse, readerable } = reader.defaults();
    // The core's options are all there...
    for (const name of [...Object.keys(parse), 'url']) assert.ok(members('ParseOptions').includes(name), name);
    for (const name of Object.keys(readerable)) assert.ok(members('ReaderableOptions').includes(name), name);
    // ...and the types name exactly what the API accepts (js/options.js).
    assert.deepEqual([...members('ParseOptions'), ...members('SerializerOption')].sort(), [...PARSE_OPTIONS].sort());
    assert.deepEqual(members('ReaderableOptions'), [...READERABLE_OPTIONS].sort());
  });

  it('marshal.js mirrors the core\'s options: names, types and order', async () => {
    // The core's own table (wasm/bindings.cc, from src/quietpage.h).
    const { instantiateCore, compileCore } = await import('../../js/loader.js');
    const core = await instantiateCore(await compileCore({}));
    const table = (fields) => fields.map(({ name, type }) => [name, type]);
    assert.deepEqual(CORE_OPTIONS.parse, table(JSON.parse(core.optionFields())));
    assert.deepEqual(CORE_OPTIONS.readerable, table(JSON.parse(core.readerableOptionFields())));
  });

  it('states the core\'s defaults', () => {
    const { parse, readerable } = reader.defaults();
    for (const [name, value] of Object.entries({ ...parse, ...readerable })) {
      if (typeof value !== 'number') continue;
      // "Default 500." / "Default 2,000,000." / "Default 64 MiB."
      const doc = new RegExp(`Default ([\\d,]+(?: [MG]iB)?)\\.[^\\n]*\\*/\\n\\s+${name}\\?:`).exec(types);
      assert.ok(doc, `${name} documents its default`);
      const [, number, unit] = /([\d,]+)(?: ([MG])iB)?/.exec(doc[1]);
      const stated = Number(number.replaceAll(',', '')) * (unit === 'M' ? 2 ** 20 : unit === 'G' ? 2 ** 30 : 1);
      assert.equal(stated, value, name);
    }
  });
});
