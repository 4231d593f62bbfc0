// The three development corpora of ../shared/corpus and how a page's text is
// scored against each one's gold: one module for the eval (scripts/eval.mjs),
// the feature dump the fitted judgements are trained on (pages.mjs, fit.py)
// and the leave-one-corpus-out check.
//
//   trafilatura  450 pages: `with` snippets must appear in the text, `without`
//                snippets must not (whitespace-normalized substring match).
//   textgold     1,276 pages with the article text written out: 4-token
//                shingles of \w+ tokens, a page's tp/fp/fn divided by their sum.
//   readability  Mozilla's 130 test pages: token F1 of the text against the
//                text of expected.html (Readability.js's own output).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseHTML } from 'linkedom';

import { decodeHtml } from '../../js/index.js';

export const CORPORA = ['trafilatura', 'textgold', 'readability'];
const FOLDERS = { trafilatura: 'trafilatura-dev', textgold: 'textgold-dev', readability: 'readability' };

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const corpusDir = join(process.env.QUIETPAGE_SHARED ?? join(root, '..', 'shared'), 'corpus');
export const corpusAvailable = (corpus) => existsSync(join(corpusDir, FOLDERS[corpus]));

export const normalize = (s) => String(s ?? '').replace(/\s+/gu, ' ').trim();
export const f1 = (p, r) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

// A page: { corpus, name, url, html, bytes?, gold }. `bytes` are the raw bytes
// where the corpus stores pages in any charset (quietpage decodes them
// itself; `html` is the same page decoded for systems that take a string).
export function loadPages(corpus, { only, limit = Infinity } = {}) {
  const base = join(corpusDir, FOLDERS[corpus]);
  const pick = (names) => names.filter((n) => !only || n.includes(only)).slice(0, limit);
  const fromBytes = (path) => {
    const bytes = readFileSync(path);
    return { bytes: new Uint8Array(bytes), html: decodeHtml(bytes) };
  };
  if (corpus === 'trafilatura') {
    const evaldata = JSON.parse(readFileSync(join(base, 'evaldata.json'), 'utf8'));
    return pick(Object.keys(evaldata).sort()).map((url) => {
      const { file, with: wanted = [], without: unwanted = [], author, date } = evaldata[url];
      return {
        corpus, name: file, url, ...fromBytes(join(base, 'html', file)),
        gold: {
          with: wanted.map(normalize).filter(Boolean), without: unwanted.map(normalize).filter(Boolean),
          // The article's author(s) and publication day, where annotated.
          author: author || null, date: date || null,
        },
      };
    });
  }
  if (corpus === 'textgold') {
    const truth = JSON.parse(readFileSync(join(base, 'ground-truth.json'), 'utf8'));
    return pick(Object.keys(truth).sort()).map((id) => ({
      corpus, name: id, url: truth[id].url, ...fromBytes(join(base, 'html', `${id}.html`)),
      gold: { text: truth[id].articleBody },
    }));
  }
  const names = readdirSync(base).filter((n) => existsSync(join(base, n, 'source.html'))).sort();
  return pick(names).map((name) => {
    const expectedHtml = readFileSync(join(base, name, 'expected.html'), 'utf8');
    return {
      corpus, name, url: 'http://fakehost/test/page.html',
      html: readFileSync(join(base, name, 'source.html'), 'utf8'),
      gold: {
        html: expectedHtml,
        text: parseHTML(`<!doctype html><html><body>${expectedHtml}</body></html>`).document.body.textContent,
        metadata: JSON.parse(readFileSync(join(base, name, 'expected-metadata.json'), 'utf8')),
      },
    };
  });
}

// A page's parse "matches the gold" when it scores at least this F1 (textgold)
// or finds at least this share of the `with` snippets (trafilatura): the
// article was found, whatever its edges. isProbablyReaderable should say yes
// exactly there.
export const MATCH_THRESHOLD = 0.5;

// trafilatura: snippet counts of one page.
export function scoreSnippets(text, gold) {
  const t = normalize(text);
  const found = gold.with.filter((s) => t.includes(s)).length;
  const leaked = gold.without.filter((s) => t.includes(s)).length;
  const missed = gold.with.length - found;
  return {
    tp: found, fn: missed, fp: leaked, tn: gold.without.length - leaked, missed, leaked,
    matched: gold.with.length ? found / gold.with.length >= MATCH_THRESHOLD : null,
  };
}

// textgold: the usual score of the public article-extraction benchmarks on
// this format (../shared/corpus/textgold-dev/README.md): word tokens, runs of
// 4 of them counted with multiplicity.
const SHINGLE = 4;
const wordTokens = (text) => String(text ?? '').match(/[\p{L}\p{N}_]+/gu) ?? [];
function shingleCounts(tokens) {
  const counts = new Map();
  if (!tokens.length) return counts;
  const n = Math.max(1, tokens.length - SHINGLE + 1);
  for (let i = 0; i < n; i++) {
    const key = tokens.slice(i, i + SHINGLE).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
export function scoreShingles(text, gold) {
  const got = shingleCounts(wordTokens(text));
  const want = shingleCounts(wordTokens(gold.text));
  let tp = 0;
  let fp = 0;
  for (const [key, c] of got) {
    const w = want.get(key) ?? 0;
    tp += Math.min(c, w);
    fp += Math.max(0, c - w);
  }
  let fn = 0;
  for (const [key, w] of want) fn += Math.max(0, w - (got.get(key) ?? 0));
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const pageF1 = f1(precision, recall);
  return { tp, fp, fn, precision, recall, f1: pageF1, matched: pageF1 >= MATCH_THRESHOLD };
}

// readability: token F1 of the text against the expected text.
const lowerTokens = (text) => normalize(text).toLowerCase().split(' ').filter(Boolean);
export function scoreTokens(text, gold) {
  const counts = new Map();
  const want = lowerTokens(gold.text);
  const got = lowerTokens(text);
  for (const t of want) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of got) {
    const c = counts.get(t);
    if (c) { common++; counts.set(t, c - 1); }
  }
  return common ? f1(common / got.length, common / want.length) : 0;
}

// trafilatura: whether a page's author and date are the annotated ones.
// Names compare without case and spacing (a list of names as a set, however
// the article joins them); a date by its day, YYYY-MM-DD at the start of the
// value (other forms don't count).
const nameSet = (names) => new Set(names.map((n) => normalize(n).toLowerCase()).filter(Boolean));
export function authorMatches(author, gold) {
  const want = nameSet(Array.isArray(gold) ? gold : [gold]);
  const got = nameSet(want.size > 1 ? String(author ?? '').split(/,| and | und | & |;/) : [author]);
  return got.size === want.size && [...want].every((n) => got.has(n));
}
export const dateMatches = (date, gold) => /^\d{4}-\d\d-\d\d/.test(date ?? '') && date.slice(0, 10) === gold.slice(0, 10);

// Sums of page scores into a corpus figure: micro-averaged snippet counts
// (trafilatura), page-normalized shingle counts (textgold), mean token F1
// (readability).
export class CorpusScore {
  constructor(corpus) {
    Object.assign(this, { corpus, tp: 0, fp: 0, fn: 0, sum: 0, pages: 0 });
  }

  score(text, gold) {
    if (this.corpus === 'trafilatura') return scoreSnippets(text, gold);
    if (this.corpus === 'textgold') return scoreShingles(text, gold);
    return { f1: scoreTokens(text, gold) };
  }

  addScore(s) {
    this.pages++;
    if (this.corpus === 'readability') this.sum += s.f1;
    else if (this.corpus === 'trafilatura') { this.tp += s.tp; this.fp += s.fp; this.fn += s.fn; }
    else {
      const total = s.tp + s.fp + s.fn;
      if (total) { this.tp += s.tp / total; this.fp += s.fp / total; this.fn += s.fn / total; }
    }
    return s;
  }

  toJSON() {
    return { ...this, precision: this.precision, recall: this.recall, f1: this.f1 };
  }

  get precision() { return this.tp / Math.max(1e-9, this.tp + this.fp); }
  get recall() { return this.tp / Math.max(1e-9, this.tp + this.fn); }
  get f1() { return this.corpus === 'readability' ? this.sum / Math.max(1, this.pages) : f1(this.precision, this.recall); }
}
