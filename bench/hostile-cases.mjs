// The inputs whose time once grew with the square of their size (issue 19,
// findings 4 and 5), each as a function of a size n: bench/hostile.mjs times
// `small` and 10x that, tests/js/hostile.test.js asserts that 10x the input
// (from `test`, smaller where `small` is slow) takes at most 15x the time
// (linear is 10x, quadratic 100x).
const WORDS = 'Words and more words, with commas. '.repeat(20);
const attributes = (n, from = 0) => {
  let s = '';
  for (let i = from; i < from + n; i++) s += ` a${i}=v`;
  return s;
};
const endTagAttributes = (before) => (n) =>
  `<html><body><article>${before}<p>${WORDS}</p></div${attributes(n)}><p>${WORDS}</p></article></body></html>`;

export const HOSTILE_CASES = [
  // n attributes on one end tag, plain and behind constructs the guard once misread.
  { name: 'attributes on an end tag', small: 100_000, test: 10_000, html: endTagAttributes('') },
  { name: '  behind <svg><plaintext>', small: 100_000, test: 10_000, html: endTagAttributes('<svg><plaintext></plaintext></svg>') },
  { name: '  behind <select><xmp>', small: 100_000, test: 10_000, html: endTagAttributes('<select><xmp></select>') },
  // Self-closing syntax is ignored on <div>: n levels of real nesting.
  { name: '<div/> x n', small: 10_000, test: 10_000, html: (n) => `<article>${'<div/>'.repeat(n)}<p>${WORDS}</p></article>` },
  // Ancestor walks per element: n paragraphs 500 levels deep.
  {
    name: '500 <div>s, then n paragraphs',
    small: 5_000,
    test: 500,
    html: (n) => `${'<div>'.repeat(500)}${`<p>${'Some words, with commas, in a paragraph. '.repeat(2)}</p>`.repeat(n)}`,
  },
  // Every tag at the attribute limit (1,000 by default).
  {
    name: 'n tags x 1,000 attributes',
    small: 100,
    test: 100,
    html: (n) => `<article><p>${WORDS}</p>${`<span${attributes(1000)}>x</span>`.repeat(n)}</article>`,
  },
  // n end tags gumbo ignores, each after searching n / 50 open elements (HTML, then SVG's).
  {
    name: 'n ignored end tags under n / 50 <span>s',
    small: 100_000,
    test: 30_000,
    html: (n) => `<article><p>${WORDS}</p>${'<span>'.repeat(n / 50)}${'</x>'.repeat(n)}</article>`,
  },
  {
    name: '  under <svg> and n / 50 <g>s',
    small: 100_000,
    test: 30_000,
    html: (n) => `<article><p>${WORDS}</p><svg>${'<g>'.repeat(n / 50)}${'</x>'.repeat(n)}</svg></article>`,
  },
  { name: 'one table row of n cells', small: 50_000, test: 5_000, html: (n) => `<table><tr>${'<td>c</td>'.repeat(n)}</tr></table><p>${WORDS}</p>` },
  {
    name: 'n cells of colspan=1000 (Markdown)',
    small: 2_000,
    test: 2_000,
    markdown: true,
    html: (n) => `<article><p>${WORDS}</p><table><tr>${'<td colspan=1000>c</td>'.repeat(n)}</tr><tr><td>x</td></tr></table></article>`,
  },
];

/**
 * The fastest of `runs` parses of `html`, in ms, and what the parse gave:
 * 'article', 'null' or a QuietpageError's code (a typed error is an outcome).
 * The page goes in as UTF-8 bytes, encoded once off the clock: encoding a
 * string of megabytes on each call is JavaScript garbage, and the garbage
 * collector's pauses land on the large inputs.
 */
export function fastestParse(reader, html, options, runs) {
  if (typeof html === 'string') html = new TextEncoder().encode(html);
  let ms = Infinity;
  let outcome;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    try {
      outcome = reader.parse(html, options) ? 'article' : 'null';
    } catch (e) {
      if (!e.code) throw e;
      outcome = e.code;
    }
    ms = Math.min(ms, performance.now() - start);
  }
  return { ms, outcome };
}
