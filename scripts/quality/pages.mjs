#!/usr/bin/env node
// Writes every page of the development corpora as JSON Lines, decoded to
// text, with its gold: { corpus, name, url, html, gold }. The native
// corpus_runner reads the same lines (--jsonl), so the fit script
// (scripts/quality/fit.py) and the leave-one-corpus-out check see exactly the
// pages the eval sees. Output goes to a file outside the repository's tracked
// tree (build/ by default): the pages are never committed.
//
//   node scripts/quality/pages.mjs [--out FILE] [--corpus NAME]
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

import { CORPORA, corpusAvailable, loadPages } from './corpora.mjs';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: 'build/quality/pages.jsonl' },
    corpus: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log('usage: node scripts/quality/pages.mjs [--out FILE] [--corpus trafilatura|textgold|readability]');
  process.exit(0);
}
const corpora = args.corpus ? [args.corpus] : CORPORA;
if (corpora.some((c) => !CORPORA.includes(c))) {
  console.error(`unknown corpus ${args.corpus}`);
  process.exit(2);
}
mkdirSync(dirname(args.out), { recursive: true });
const out = createWriteStream(args.out);
let count = 0;
for (const corpus of corpora) {
  if (!corpusAvailable(corpus)) {
    console.error(`pages: ${corpus} not found in ../shared/corpus, skipped`);
    continue;
  }
  for (const { name, url, html, gold } of loadPages(corpus)) {
    out.write(`${JSON.stringify({ corpus, name, url, html, gold: { ...gold, html: undefined } })}\n`);
    count++;
  }
}
out.end(() => console.error(`pages: ${count} pages in ${args.out}`));
