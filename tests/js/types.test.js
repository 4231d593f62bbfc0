// js/index.d.ts is written by hand (and documented); the core declares the
// options and the article's fields (src/quietpage.h). This keeps the two in
// step: every field the core returns and every option it takes is named in
// the types, and the types name nothing the core doesn't have.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { createReader } from '../../js/index.js';
import { fixture, repoRoot } from './helpers.js';

const types = readFileSync(join(repoRoot, 'js', 'index.d.ts'), 'utf8');

/** The property names of `export interface NAME { ... }` in index.d.ts. */
function members(name) {
  const body = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`).exec(types);
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

  it('names every option the core takes, and only the JavaScript-side charset beside them', () => {
    const { parse, readerable } = reader.defaults();
    assert.deepEqual(members('ParseOptions'), [...Object.keys(parse), 'url', 'charset'].sort());
    assert.deepEqual(members('ReaderableOptions'), [...Object.keys(readerable), 'charset'].sort());
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
