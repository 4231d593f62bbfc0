// Warm-up of a new core instance: a few parses of a small page made up here,
// so that the engine has compiled the code a parse runs (WebAssembly is
// compiled lazily, function by function, with a fast baseline compiler) and
// moved the hot part of it to its optimizing compiler (after enough work in
// each function, on background threads) before the caller's first page. Without
// it the first parse of a news page takes several times as long as the tenth.
// Between parses the event loop runs (and the background compilers with it).

const WORDS = ['harbour', 'evening', 'council', 'railway', 'letters', 'winter', 'market', 'garden', 'the', 'of',
  'and', 'a', 'in', 'was', 'with', 'for', 'history', 'journey', 'question', 'evidence', 'measured', 'returned'];

/** A news-like page of about `chars` characters: metadata, navigation, an article with the usual blocks, a footer. */
export function warmUpPage(chars) {
  let seed = 7;
  const word = () => WORDS[(seed = (seed * 1103515245 + 12345) >>> 0) % WORDS.length];
  const words = (n) => Array.from({ length: n }, word).join(' ');
  const nav = ['News', 'World', 'Sport', 'Culture'].map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`).join('');
  const head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Warm-up &amp; test</title>' +
    '<meta property="og:title" content="Warm-up"><meta name="author" content="A. Writer">' +
    '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Warm-up","author":{"name":"A. Writer"}}</script>' +
    '<style>body{margin:0}</style><script>var a = 1 < 2;</script></head><body class="page">' +
    `<header id="masthead"><nav class="menu"><ul>${nav}</ul></nav></header><main><article class="post-content">` +
    '<h1>Warm-up</h1><p class="byline">By <a rel="author" href="/a">A. Writer</a>, <time datetime="2020-01-01">1 Jan</time></p>';
  const tail = `</article><aside class="sidebar related"><h2>Related</h2><ul>${nav}</ul></aside></main>` +
    `<div class="share social"><a href="#">Share</a></div><footer class="site-footer"><p>&copy; Publisher</p><ul>${nav}</ul></footer></body></html>`;
  const blocks = [
    () => `<p>${words(12)} <a href="/story?id=1&amp;x=2">${words(3)}</a>, ${words(8)} <em>${words(2)}</em> <strong>${words(2)}</strong>. ${words(10)}.</p>`,
    () => `<h2>${words(4)}</h2><p>${words(20)}&nbsp;&mdash; ${words(6)}.<br>${words(5)}</p>`,
    () => `<figure><img src="/img/${seed % 97}.jpg" alt="${words(3)}" width="640" height="360"><figcaption>${words(6)} Photo: Agency</figcaption></figure>`,
    () => `<ul><li>${words(6)}</li><li><a href="/x">${words(3)}</a> ${words(4)}</li><li>${words(7)}</li></ul><blockquote><p>${words(12)}</p></blockquote>`,
    () => `<table><thead><tr><th>${word()}</th><th>${word()}</th></tr></thead><tbody><tr><td>${words(2)}</td><td>12</td></tr><tr><td>${words(2)}</td><td>34</td></tr></tbody></table>`,
    () => `<div class="ad-slot advert"><span>Advertisement</span></div><div class="content"><p>${words(16)}, ${words(9)}.</p></div>`,
  ];
  const parts = [head];
  let length = head.length + tail.length;
  for (let i = 0; length < chars; i++) {
    const block = blocks[i % blocks.length]();
    parts.push(block);
    length += block.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** The warm-up's page size (characters) and how many times it is parsed. */
export const WARM_UP_CHARS = 48 * 1024;
export const WARM_UP_PARSES = 4;

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Parses the warm-up page `WARM_UP_PARSES` times with `parse(html)`, a task each.
 * @param {(html: string) => unknown} parse
 */
export async function warmUp(parse) {
  const html = warmUpPage(WARM_UP_CHARS);
  for (let i = 0; i < WARM_UP_PARSES; i++) {
    await nextTask();
    parse(html);
  }
}
