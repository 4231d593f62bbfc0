#!/usr/bin/env node
// Extraction quality of quietpage (the wasm build) beside Readability.js
// (@mozilla/readability on linkedom), on the same pages in the same run:
//
//   trafilatura-dev  450 hand-annotated pages: `with` snippets must appear in
//                    the extracted text, `without` snippets must not.
//                    Whitespace-normalized substring match, micro-averaged
//                    precision / recall / F1. Also the author and the
//                    publication day where annotated (quietpage's `author`,
//                    Readability.js's `byline`; a date as YYYY-MM-DD).
//   textgold         1,276 news/blog pages with the article text written out
//                    (Dragnet 2012, Google News 2017): 4-token shingles of
//                    \w+ tokens, per-page tp/fp/fn normalized to sum 1, summed
//                    over the corpus (every page weighs the same).
//   readability      Mozilla's 130 test pages: mean token F1 of textContent
//                    against the text of expected.html; exact-match rate of
//                    each metadata field on pages where it is not null;
//                    isProbablyReaderable agreement; structure counts
//                    (images, tables, code blocks, list items) within 10%
//                    (images a reader shows: no pixels, spacers or icons);
//                    the author against the expected byline's name; images,
//                    figures and figure captions kept beside expected.html's.
//
// Usage: node scripts/eval.mjs [--check] [--json FILE] [--limit N] [--only TEXT]
//                              [--corpus trafilatura|textgold|readability] [--no-peer] [--no-loco] [--worst N]
// Pages come from ../shared/corpus (or $QUIETPAGE_SHARED/corpus); without
// them the run is skipped (exit 0). --check fails (exit 1) when quietpage
// scores below scripts/eval-floors.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { Readability, isProbablyReaderable as readabilityReaderable } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

import { createReader } from '../js/index.js';
import {
  authorMatches, CORPORA, CorpusScore, corpusAvailable, corpusDir, dateMatches, loadPages, normalize,
} from './quality/corpora.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const HELP = `usage: node scripts/eval.mjs [options]
  --check            fail when quietpage is below scripts/eval-floors.json
  --json FILE        write every score (summary and per page) to FILE
  --limit N          only the first N pages of each corpus
  --only TEXT        only pages whose name contains TEXT
  --corpus NAME      trafilatura, textgold or readability (default: all three)
  --no-peer          skip Readability.js
  --no-loco          skip the held-out check (fitted weights refitted without each corpus)
  --worst N          list quietpage's N worst pages per corpus (default 10)
  -h, --help         this text`;

const { values: args } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    json: { type: 'string' },
    limit: { type: 'string' },
    only: { type: 'string' },
    corpus: { type: 'string' },
    'no-peer': { type: 'boolean', default: false },
    'no-loco': { type: 'boolean', default: false },
    worst: { type: 'string', default: '10' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
if (args.corpus && !CORPORA.includes(args.corpus)) {
  console.error(`unknown corpus ${args.corpus}\n${HELP}`);
  process.exit(2);
}

if (!existsSync(corpusDir)) {
  console.log(`eval: skipped, ${corpusDir} not found (the corpora live beside the checkout, in ../shared)`);
  process.exit(0);
}
const selection = { only: args.only, limit: args.limit ? Number(args.limit) : Infinity };
const loaded = {};
const pagesOf = (corpus) => (loaded[corpus] ??= loadPages(corpus, selection));

// --- the two systems, behind one shape: { parse(page), readerable(page) }

const reader = await createReader();
const quietpage = {
  name: 'quietpage',
  parse: (page) => reader.parse(page.bytes ?? page.html, { url: page.url }),
  readerable: (page) => reader.isProbablyReaderable(page.bytes ?? page.html, { url: page.url }),
};

function linkedomDocument(html, url) {
  const { document } = parseHTML(html);
  // Readability resolves links against documentURI / baseURI.
  for (const key of ['documentURI', 'baseURI']) {
    try { Object.defineProperty(document, key, { value: url, configurable: true }); } catch { /* read-only */ }
  }
  return document;
}
const readability = {
  name: 'Readability.js',
  parse(page) {
    try {
      return new Readability(linkedomDocument(page.html, page.url)).parse();
    } catch {
      return null; // a crash on a page counts as no article
    }
  },
  readerable(page) {
    try {
      return readabilityReaderable(linkedomDocument(page.html, page.url));
    } catch {
      return false;
    }
  },
};
const systems = args['no-peer'] ? [quietpage] : [quietpage, readability];

// isProbablyReaderable against "parse() found the article" on one page.
function agreement(tally, system, page, matched) {
  if (matched === null) return;
  tally.of++;
  if (system.readerable(page) === matched) tally.ok++;
  else (tally.wrong ??= []).push(`${page.name} (${matched ? 'article, said no' : 'no match, said yes'})`);
}

// Author and date against the annotated ones (trafilatura-dev): quietpage's
// `author` (the name alone), Readability.js's `byline` (all it has).
function tallyMetadata(r, system, article, gold) {
  if (gold.author) {
    r.author.of++;
    if (authorMatches(system === quietpage ? article?.author : article?.byline, gold.author)) r.author.ok++;
  }
  if (gold.date) {
    r.date.of++;
    if (dateMatches(article?.publishedTime, gold.date)) r.date.ok++;
  }
}

// --- trafilatura-dev and textgold-dev: text against gold, readerable against the match

function evalGold(corpus) {
  const pages = pagesOf(corpus);
  const results = Object.fromEntries(systems.map((s) => [s.name, Object.assign(new CorpusScore(corpus), {
    agree: { ok: 0, of: 0 }, pageScores: [], author: { ok: 0, of: 0 }, date: { ok: 0, of: 0 },
  })]));
  for (const page of pages) {
    for (const system of systems) {
      const r = results[system.name];
      const article = system.parse(page);
      const s = r.addScore(r.score(article?.textContent, page.gold));
      agreement(r.agree, system, page, s.matched);
      tallyMetadata(r, system, article, page.gold);
      r.pageScores.push({ page: page.name, ...s });
    }
  }
  return { pages: pages.length, results };
}

// --- Mozilla's readability test pages

const METADATA_FIELDS = ['title', 'byline', 'excerpt', 'siteName', 'lang', 'dir', 'publishedTime'];
const STRUCTURE = { images: /<img\b[^>]*>/gi, tables: /<table\b/gi, code: /<pre\b/gi, listItems: /<li\b/gi };
const STRUCTURE_TOLERANCE = 0.1;
// Images count when a reader would show them: not the tracking pixels,
// spacers and icons quietpage drops on purpose (a declared width/height of at
// most 32 px, or only a few bytes of base64 as source), on every side alike.
// Readability.js keeps them.
const MAX_ICON_PX = 32;
const MAX_PLACEHOLDER_BASE64 = 133;
function declaredPx(tag, name) {
  const m = new RegExp(`\\s${name}\\s*=\\s*["']?(\\d+)(?:px)?(?=["'\\s/>])`, 'i').exec(tag);
  return m ? Number(m[1]) : 0;
}
function isPixelOrIcon(tag) {
  const largest = Math.max(declaredPx(tag, 'width'), declaredPx(tag, 'height'));
  if (largest > 0 && largest <= MAX_ICON_PX) return true;
  const data = /\ssrc\s*=\s*["']?data:image\/(?!svg)[^;,]*;base64,([^"'\s>]*)/i.exec(tag);
  return Boolean(data) && data[1].length < MAX_PLACEHOLDER_BASE64 && !/\ssrcset\s*=/i.test(tag);
}
const countOf = (key, matches) => (key === 'images' ? matches.filter((tag) => !isPixelOrIcon(tag)).length : matches.length);
const structureCounts = (html) =>
  Object.fromEntries(Object.entries(STRUCTURE).map(([k, re]) => [k, countOf(k, String(html ?? '').match(re) ?? [])]));
const structureClose = (got, want) =>
  Object.keys(STRUCTURE).every((k) => Math.abs(got[k] - want[k]) <= Math.floor(want[k] * STRUCTURE_TOLERANCE));

// Mozilla's pages name no author, only Readability.js's byline: an author (for
// Readability.js, its byline) counts as right when its words are the expected
// byline's, less the words a byline wraps names in ("By", "Written by",
// "Updated", dates and times); a byline with no other words names no author
// and is not counted.
const BYLINE_WORDS = /^(by|par|von|written|edited|posted|updated|last|on|at|am|pm|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)$/;
const nameWords = (s) => normalize(s).toLowerCase().split(/[^\p{L}\p{N}]+/u)
  .filter((w) => w && !/\d/.test(w) && !BYLINE_WORDS.test(w)).join(' ');
// Images (as `structure` counts them), figures and figure captions in an
// article's HTML, summed over the corpus; and the pages with fewer images than
// expected.html.
const MEDIA = { images: STRUCTURE.images, figures: /<figure\b/gi, captions: /<figcaption\b/gi };
function tallyMozillaExtras(r, system, article, page) {
  const expected = page.gold.metadata;
  // (A byline without a name — Readability.js took a date line — annotates no author.)
  if (expected.byline && nameWords(expected.byline)) {
    r.metadata.author.of++;
    if (nameWords(system === quietpage ? article?.author : article?.byline) === nameWords(expected.byline)) r.metadata.author.ok++;
  }
  const count = (html) => Object.fromEntries(Object.entries(MEDIA).map(([k, re]) => [k, countOf(k, String(html ?? '').match(re) ?? [])]));
  const got = count(article?.content);
  const want = count(page.gold.html);
  for (const k of Object.keys(MEDIA)) {
    r.media[k] += got[k];
    r.media.expected[k] += want[k];
  }
  if (got.images < want.images) r.media.fewerImages.push(`${page.name} (${got.images}/${want.images})`);
}

function evalReadability() {
  const pages = pagesOf('readability');
  const results = Object.fromEntries(systems.map((s) => [s.name, {
    text: new CorpusScore('readability'),
    metadata: Object.fromEntries([...METADATA_FIELDS, 'author'].map((f) => [f, { ok: 0, of: 0 }])),
    readerable: { ok: 0, of: 0 }, structure: { ok: 0, of: 0 }, pages: [],
    media: { images: 0, figures: 0, captions: 0, expected: { images: 0, figures: 0, captions: 0 }, fewerImages: [] },
  }]));
  for (const page of pages) {
    const expected = page.gold.metadata;
    const expectedStructure = structureCounts(page.gold.html);
    for (const system of systems) {
      const r = results[system.name];
      const article = system.parse(page);
      const { f1: score } = r.text.addScore(r.text.score(article?.textContent, page.gold));
      const wrong = [];
      for (const field of METADATA_FIELDS) {
        if (expected[field] === null || expected[field] === undefined) continue;
        r.metadata[field].of++;
        if (normalize(article?.[field]) === normalize(expected[field])) r.metadata[field].ok++;
        else wrong.push(field);
      }
      if (typeof expected.readerable === 'boolean') {
        r.readerable.of++;
        if (system.readerable(page) === expected.readerable) r.readerable.ok++;
        else wrong.push('readerable');
      }
      tallyMozillaExtras(r, system, article, page);
      r.structure.of++;
      if (structureClose(structureCounts(article?.content), expectedStructure)) r.structure.ok++;
      else wrong.push('structure');
      r.pages.push({ page: page.name, textF1: score, wrong });
    }
  }
  for (const r of Object.values(results)) r.textF1 = r.text.f1;
  return { pages: pages.length, results };
}

// --- report

const fmt = (x) => x.toFixed(4);
const rate = ({ ok, of }) => (of ? `${(100 * ok / of).toFixed(1)}% (${ok}/${of})` : 'n/a');

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function printDisagreements(agree) {
  const wrong = agree.wrong ?? [];
  if (wrong.length) console.log(`quietpage's isProbablyReaderable disagrees on ${wrong.length}: ${wrong.slice(0, worstN).join('; ')}${wrong.length > worstN ? '; …' : ''}`);
}

// Images, figures and captions kept, beside expected.html's (author: see tallyMozillaExtras).
function printMedia(m) {
  const expected = m.results.quietpage.media.expected;
  console.log(`\n${table(['images and captions', 'images', 'figures', 'figcaptions', 'pages with fewer images'],
    [['expected.html', expected.images, expected.figures, expected.captions, ''],
      ...systems.map((s) => { const d = m.results[s.name].media; return [s.name, d.images, d.figures, d.captions, d.fewerImages.length]; })])}`);
  const fewer = m.results.quietpage.media.fewerImages;
  if (worstN && fewer.length) console.log(`quietpage keeps fewer images (kept/expected) on: ${fewer.join('; ')}`);
}

const report = { date: new Date().toISOString(), node: process.version, corpora: {} };
const worstN = Number(args.worst);

if (!args.corpus || args.corpus === 'trafilatura') {
  const started = performance.now();
  const t = evalGold('trafilatura');
  report.corpora.trafilatura = t;
  console.log(`\ntrafilatura-dev: ${t.pages} pages, snippet match (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  console.log(table(['system', 'precision', 'recall', 'F1', 'tp', 'fp', 'fn', 'readerable agrees', 'author', 'date'],
    systems.map((s) => {
      const r = t.results[s.name];
      return [s.name, fmt(r.precision), fmt(r.recall), fmt(r.f1), r.tp, r.fp, r.fn, rate(r.agree), rate(r.author), rate(r.date)];
    })));
  const worst = [...t.results.quietpage.pageScores].sort((a, b) => (b.missed + b.leaked) - (a.missed + a.leaked)).slice(0, worstN);
  if (worstN) console.log(`\nquietpage's worst ${worstN}: ${worst.map((w) => `${w.page} (missed ${w.missed}, leaked ${w.leaked})`).join('; ')}`);
  if (worstN) printDisagreements(t.results.quietpage.agree);
}

if (!args.corpus || args.corpus === 'textgold') {
  const started = performance.now();
  if (!corpusAvailable('textgold')) console.log('\ntextgold-dev: skipped, ../shared/corpus/textgold-dev not found');
  else {
    const g = evalGold('textgold');
    report.corpora.textgold = g;
    console.log(`\ntextgold-dev: ${g.pages} pages, 4-token shingles (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    console.log(table(['system', 'precision', 'recall', 'F1', 'readerable agrees'],
      systems.map((s) => { const r = g.results[s.name]; return [s.name, fmt(r.precision), fmt(r.recall), fmt(r.f1), rate(r.agree)]; })));
    const worst = [...g.results.quietpage.pageScores].sort((a, b) => a.f1 - b.f1).slice(0, worstN);
    if (worstN) console.log(`\nquietpage's worst ${worstN}: ${worst.map((w) => `${w.page} (F1 ${fmt(w.f1)}, P ${fmt(w.precision)}, R ${fmt(w.recall)})`).join('; ')}`);
    if (worstN) printDisagreements(g.results.quietpage.agree);
  }
}

if (!args.corpus || args.corpus === 'readability') {
  const started = performance.now();
  const m = evalReadability();
  report.corpora.readability = m;
  console.log(`\nMozilla readability test pages: ${m.pages} pages (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  console.log(table(['system', 'text F1', ...METADATA_FIELDS, 'author', 'readerable', 'structure'],
    systems.map((s) => {
      const r = m.results[s.name];
      return [s.name, fmt(r.textF1), ...METADATA_FIELDS.map((f) => rate(r.metadata[f])), rate(r.metadata.author), rate(r.readerable), rate(r.structure)];
    })));
  printMedia(m);
  const worst = [...m.results.quietpage.pages].sort((a, b) => a.textF1 - b.textF1).slice(0, worstN);
  if (worstN) console.log(`\nquietpage's worst ${worstN}: ${worst.map((w) => `${w.page} (${fmt(w.textF1)}${w.wrong.length ? `; ${w.wrong.join(', ')}` : ''})`).join('; ')}`);
}

// --- held out: each corpus scored with the fitted judgements refitted without
// it (scripts/quality/fit.py writes scripts/quality/loco-weights.json), run
// by the native corpus_runner (built by npm test / npm run build).

const RUNNER = join(root, 'build', 'native', 'corpus_runner');
const LOCO_WEIGHTS = join(root, 'scripts', 'quality', 'loco-weights.json');
function heldOut(corpus) {
  const input = pagesOf(corpus).map((p) => JSON.stringify({ corpus, name: p.name, url: p.url, html: p.html })).join('\n');
  const run = spawnSync(RUNNER, ['--jsonl', '--weights', `${LOCO_WEIGHTS}:without_${corpus}`],
    { input, maxBuffer: 1 << 30, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`corpus_runner failed: ${run.stderr}`);
  const texts = new Map(run.stdout.trim().split('\n').map((line) => JSON.parse(line)).map((r) => [r.name, r.found ? r.textContent : '']));
  const score = new CorpusScore(corpus);
  for (const page of pagesOf(corpus)) score.addScore(score.score(texts.get(page.name), page.gold));
  return score;
}

const evaluated = Object.keys(report.corpora);
if (!args['no-loco'] && evaluated.length) {
  if (!existsSync(RUNNER) || !existsSync(LOCO_WEIGHTS)) {
    console.log(`\nheld-out check: skipped (needs ${RUNNER} and ${LOCO_WEIGHTS}: npm run build)`);
  } else {
    const started = performance.now();
    const rows = evaluated.map((corpus) => {
      const held = heldOut(corpus);
      const results = report.corpora[corpus].results;
      const ours = corpus === 'readability' ? results.quietpage.text : results.quietpage;
      const peer = results['Readability.js'] && (corpus === 'readability' ? results['Readability.js'].text : results['Readability.js']);
      report.corpora[corpus].heldOut = { f1: held.f1, precision: held.precision, recall: held.recall };
      return [corpus, fmt(held.f1), fmt(ours.f1), peer ? fmt(peer.f1) : 'n/a', peer ? fmt(held.f1 - peer.f1) : 'n/a'];
    });
    console.log(`\nheld out: each corpus scored with the fitted weights refitted without it (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    console.log(table(['corpus', 'held-out F1', 'quietpage F1', 'Readability.js F1', 'held out - Readability.js'], rows));
  }
}

if (args.json) {
  writeFileSync(args.json, `${JSON.stringify(report, null, 1)}\n`);
  console.log(`\nwrote ${args.json}`);
}

if (args.check) {
  const floors = JSON.parse(readFileSync(join(root, 'scripts', 'eval-floors.json'), 'utf8'));
  const failures = [];
  const below = (what, got, floor) => {
    if (floor !== undefined && got < floor) failures.push(`${what} ${fmt(got)} < floor ${floor}`);
  };
  const partial = args.limit || args.only;
  if (partial) console.log('\neval --check: floors apply to whole corpora; not checked with --limit/--only');
  const t = report.corpora.trafilatura?.results.quietpage;
  if (t && !partial) {
    below('trafilatura F1', t.f1, floors.trafilatura?.f1);
    below('trafilatura readerable agreement', t.agree.ok / Math.max(1, t.agree.of), floors.trafilatura?.readerable);
    below('trafilatura author', t.author.ok / Math.max(1, t.author.of), floors.trafilatura?.author);
    below('trafilatura date', t.date.ok / Math.max(1, t.date.of), floors.trafilatura?.date);
  }
  const g = report.corpora.textgold?.results.quietpage;
  if (g && !partial) {
    below('textgold F1', g.f1, floors.textgold?.f1);
    below('textgold readerable agreement', g.agree.ok / Math.max(1, g.agree.of), floors.textgold?.readerable);
  }
  const m = report.corpora.readability?.results.quietpage;
  if (m && !partial) {
    below('readability text F1', m.textF1, floors.readability?.textF1);
    for (const [field, floor] of Object.entries(floors.readability?.metadata ?? {})) {
      below(`readability ${field}`, m.metadata[field].ok / Math.max(1, m.metadata[field].of), floor);
    }
    below('readability readerable', m.readerable.ok / Math.max(1, m.readerable.of), floors.readability?.readerable);
    below('readability structure', m.structure.ok / Math.max(1, m.structure.of), floors.readability?.structure);
  }
  for (const corpus of partial ? [] : evaluated) {
    const held = report.corpora[corpus].heldOut;
    if (held) below(`${corpus} held-out F1`, held.f1, floors[corpus]?.heldOut);
  }
  if (failures.length) {
    console.error(`\neval --check FAILED:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  if (!partial) console.log('\neval --check: every score at or above its floor (scripts/eval-floors.json)');
}
