#!/usr/bin/python3
"""Fits the core's two fitted judgements on the three development corpora and
writes them as a generated C++ header (src/rules/fitted_weights.h):

  block    is this block of the chosen article part of the article?
           (a logistic regression over src/rules/blocks.h's features; the
           judge stage drops short or link-heavy blocks it calls boilerplate,
           and narrows the article to the subtree the blocks vote for)
  page     did the extraction find the article? (a logistic regression over
           the article's summary features; isProbablyReaderable's answer)

Labels come from the gold of each corpus (scripts/quality/corpora.mjs):
textgold's article text (4-token shingles), trafilatura's `with`/`without`
snippets, and Readability.js's expected output for Mozilla's pages. Each
corpus weighs the same in the fit, and every page the same within its
corpus. The leave-one-corpus-out weights (fitted without a corpus, for
scripts/eval.mjs --loco to score on it) go to scripts/quality/loco-weights.json.

Usage (npm run fit does all three steps):
  node scripts/quality/pages.mjs                           # decoded pages + gold
  build/native/corpus_runner --jsonl --features < build/quality/pages.jsonl > build/quality/features.jsonl
  /usr/bin/python3 scripts/quality/fit.py [--features FILE] [--check]

Needs Debian's python3-sklearn and python3-numpy (scripts/setup.sh --fit).
Deterministic: the same features give the same weights.
"""
import argparse
import datetime
import json
import math
import os
import re
import sys
from collections import Counter

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
CORPORA = ('trafilatura', 'textgold', 'readability')

# --- labels -----------------------------------------------------------------

WORD = re.compile(r'[^\W]+', re.U)  # \w+ with Unicode, as the textgold score
SPACE = re.compile(r'\s+', re.U)


def normalize(s):
    return SPACE.sub(' ', s or '').strip()


def shingle_set(tokens):
    return {' '.join(tokens[i:i + 4]) for i in range(len(tokens) - 3)}


# A block is content when at least this share of its 4-token shingles are in
# the gold text, boilerplate when at most this share; between: not labelled.
CONTENT_SHARE = 0.6
BOILERPLATE_SHARE = 0.2
# Snippet containment: a block this long that lies inside a snippet shares
# its label (shorter ones are too common to tell).
MIN_INSIDE_SNIPPET = {'with': 25, 'without': 15}
# Pages whose gold no judgement of our article can reach are left out of the
# block fit: gold this short, or our article holding less than this share of
# the gold's shingles (the extraction chose another part of the page).
MIN_GOLD_CHARS = 150
MIN_PAGE_RECALL = 0.3


class Gold:
    def __init__(self, page):
        self.corpus = page['corpus']
        gold = page['gold']
        if self.corpus == 'textgold':
            self.tokens = WORD.findall(gold['text'])
            self.shingles = shingle_set(self.tokens)
            self.joined = ' ' + ' '.join(self.tokens) + ' '
            self.chars = len(gold['text'])
        elif self.corpus == 'trafilatura':
            self.with_ = gold['with']
            self.without = gold['without']
        else:
            self.text = normalize(gold['text'])

    def usable(self, article_text):
        if self.corpus != 'textgold':
            return True
        if self.chars < MIN_GOLD_CHARS or not self.shingles:
            return False
        got = shingle_set(WORD.findall(article_text))
        return len(got & self.shingles) / len(self.shingles) >= MIN_PAGE_RECALL

    def label(self, text):
        """1 content, 0 boilerplate, None unknown."""
        if self.corpus == 'textgold':
            tokens = WORD.findall(text)
            if len(tokens) >= 4:
                sh = [' '.join(tokens[i:i + 4]) for i in range(len(tokens) - 3)]
                share = sum(s in self.shingles for s in sh) / len(sh)
                return 1 if share >= CONTENT_SHARE else 0 if share <= BOILERPLATE_SHARE else None
            if not tokens:
                return None
            # Too short to tell content; never in the gold: boilerplate.
            return None if (' ' + ' '.join(tokens) + ' ') in self.joined else 0
        t = normalize(text)
        if not t:
            return None
        if self.corpus == 'trafilatura':
            for s in self.without:
                if s in t or (len(t) >= MIN_INSIDE_SNIPPET['without'] and t in s):
                    return 0
            for s in self.with_:
                if s in t or (len(t) >= MIN_INSIDE_SNIPPET['with'] and t in s):
                    return 1
            return None
        return 1 if t in self.text else 0


# --- data -------------------------------------------------------------------

def load(features_path, pages_path):
    """corpus_runner --features output, with each page's gold from pages.jsonl."""
    gold = {}
    with open(pages_path, encoding='utf-8') as f:
        for line in f:
            p = json.loads(line)
            gold[(p['corpus'], p['name'])] = p['gold']
    with open(features_path, encoding='utf-8') as f:
        header = json.loads(f.readline())
        pages = [json.loads(line) for line in f]
    for p in pages:
        p['gold'] = gold[(p['corpus'], p['name'])]
        p['matched'] = matched(p)
    return header, pages


def matched(page):
    """Whether the parse found the article (as scripts/quality/corpora.mjs
    says it: shingle F1 or share of snippets at least 0.5); for Mozilla's
    pages, Readability's own readerable flag."""
    text = page.get('textContent', '') if page['found'] else ''
    gold = page['gold']
    if page['corpus'] == 'readability':
        flag = gold['metadata'].get('readerable')
        return flag if isinstance(flag, bool) else None
    if page['corpus'] == 'trafilatura':
        snippets = [normalize(s) for s in gold['with'] if normalize(s)]
        if not snippets:
            return None
        t = normalize(text)
        return sum(s in t for s in snippets) / len(snippets) >= MATCH_THRESHOLD
    got = Counter(shingle_list(WORD.findall(text)))
    want = Counter(shingle_list(WORD.findall(gold['text'])))
    tp = sum((got & want).values())
    p = tp / max(1, sum(got.values()))
    r = tp / max(1, sum(want.values()))
    return (0 if p + r == 0 else 2 * p * r / (p + r)) >= MATCH_THRESHOLD


MATCH_THRESHOLD = 0.5


def shingle_list(tokens):
    if not tokens:
        return []
    return [' '.join(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3))]


def block_data(header, pages):
    names = header['block_features']
    X, y, w, corpus = [], [], [], []
    for page in pages:
        gold = Gold(page)
        if not page['found'] or not gold.usable(page['textContent']):
            continue
        blocks = page['blocks']
        tokens = [max(1, len(WORD.findall(b['text']))) for b in blocks]
        total = sum(tokens) or 1
        for b, n in zip(blocks, tokens):
            lab = gold.label(b['text'])
            if lab is None:
                continue
            X.append(b['f'])
            y.append(lab)
            w.append(n / total)  # every page weighs the same within its corpus
            corpus.append(page['corpus'])
    return balance(np.array(X, dtype=np.float64), np.array(y), np.array(w), np.array(corpus))


def page_data(header, pages):
    """Page features and whether our parse matched the gold (Mozilla: its readerable flag)."""
    X, y, w, corpus = [], [], [], []
    for page in pages:
        m = page['matched']
        if m is None:
            continue
        if not page['found']:
            continue
        X.append(page['page'])
        y.append(1 if m else 0)
        w.append(1.0)
        corpus.append(page['corpus'])
    # Every page weighs the same: the question is the same on every corpus.
    return np.array(X, dtype=np.float64), np.array(y), np.array(w), np.array(corpus)


def balance(X, y, w, corpus):
    """Each corpus's weights sum to the same total."""
    for c in CORPORA:
        mask = corpus == c
        if mask.any():
            w[mask] *= 1000.0 / w[mask].sum()
    return X, y, w, corpus


# --- model ------------------------------------------------------------------

C = 1.0  # inverse regularization strength, on standardized features


def fit_lr(X, y, w):
    """A logistic regression on standardized features, folded back into raw
    feature units: z = bias + sum(weight_i * x_i)."""
    mean = np.average(X, axis=0, weights=w)
    std = np.sqrt(np.average((X - mean) ** 2, axis=0, weights=w))
    std[std < 1e-9] = 1.0
    model = LogisticRegression(C=C, max_iter=5000, tol=1e-8)
    model.fit((X - mean) / std, y, sample_weight=w)
    coef = model.coef_[0] / std
    bias = float(model.intercept_[0] - np.sum(model.coef_[0] * mean / std))
    return {'bias': round(bias, 6), 'weights': [round(float(c), 6) for c in coef]}


def fit_all(header, pages, exclude=None):
    Xb, yb, wb, cb = block_data(header, pages)
    Xp, yp, wp, cp = page_data(header, pages)
    keep_b = cb != exclude
    keep_p = cp != exclude
    return {'block': fit_lr(Xb[keep_b], yb[keep_b], wb[keep_b]),
            'page': fit_lr(Xp[keep_p], yp[keep_p], wp[keep_p])}


# --- output -----------------------------------------------------------------

def cpp_array(values, per_line=6):
    rows = [', '.join('%.6g' % v for v in values[i:i + per_line]) for i in range(0, len(values), per_line)]
    return '{\n    ' + ',\n    '.join(rows) + '}'


def cpp_names(names, per_line=6):
    quoted = ['"%s"' % n for n in names]
    rows = [', '.join(quoted[i:i + per_line]) for i in range(0, len(quoted), per_line)]
    return '{\n    ' + ',\n    '.join(rows) + '}'


def write_header(path, header, weights, stats):
    names_b, names_p = header['block_features'], header['page_features']
    text = f'''// Generated by scripts/quality/fit.py (npm run fit) — do not edit.
// Fitted on {stats}.
// Logistic regressions in raw feature units: z = bias + sum(weight[i] * feature[i]),
// p = 1 / (1 + exp(-z)). Feature order: src/rules/fitted.h (QUIETPAGE_BLOCK_FEATURES,
// QUIETPAGE_PAGE_FEATURES), whose names are listed here; fitted_models() uses
// these weights only while the lists are the same (tests/core/rules/fitted_test.cc).
#pragma once

namespace quietpage::rules::fitted {{

inline constexpr const char* kFittedBlockFeatures[] = {cpp_names(names_b)};
inline constexpr const char* kFittedPageFeatures[] = {cpp_names(names_p)};

// Is this block part of the article?
inline constexpr double kBlockBias = {weights['block']['bias']:.6g};
inline constexpr double kBlockWeights[] = {cpp_array(weights['block']['weights'])};

// Did the extraction find the article?
inline constexpr double kPageBias = {weights['page']['bias']:.6g};
inline constexpr double kPageWeights[] = {cpp_array(weights['page']['weights'])};

}}  // namespace quietpage::rules::fitted
'''
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--features', default=os.path.join(ROOT, 'build', 'quality', 'features.jsonl'))
    parser.add_argument('--pages', default=os.path.join(ROOT, 'build', 'quality', 'pages.jsonl'))
    parser.add_argument('--header', default=os.path.join(ROOT, 'src', 'rules', 'fitted_weights.h'))
    parser.add_argument('--loco', default=os.path.join(ROOT, 'scripts', 'quality', 'loco-weights.json'))
    parser.add_argument('--check', action='store_true',
                        help='fail when the committed header differs from a fresh fit')
    args = parser.parse_args()

    header, pages = load(args.features, args.pages)
    counts = Counter(p['corpus'] for p in pages)
    stats = ', '.join(f'{counts[c]} {c}' for c in CORPORA if counts[c]) + ' pages'
    weights = fit_all(header, pages)
    loco = {f'without_{c}': fit_all(header, pages, exclude=c) for c in CORPORA if counts[c]}

    if args.check:
        with open(args.header, encoding='utf-8') as f:
            committed = f.read()
        tmp = args.header + '.check'
        write_header(tmp, header, weights, stats)
        with open(tmp, encoding='utf-8') as f:
            fresh = f.read()
        os.remove(tmp)
        strip = lambda s: re.sub(r'// Fitted on .*\n', '', s)
        if strip(committed) != strip(fresh):
            print('fit --check: src/rules/fitted_weights.h is not what fit.py makes of these features', file=sys.stderr)
            sys.exit(1)
        print('fit --check: the committed weights are a fresh fit')
        return

    write_header(args.header, header, weights, stats)
    with open(args.loco, 'w', encoding='utf-8') as f:
        json.dump({'features': {'block': header['block_features'], 'page': header['page_features']},
                   'full': weights, **loco},
                  f, indent=1)
        f.write('\n')
    print(f'fit: {stats}; wrote {os.path.relpath(args.header, ROOT)} and {os.path.relpath(args.loco, ROOT)}')


if __name__ == '__main__':
    main()
