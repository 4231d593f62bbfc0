// Pages the batch tests write into web archives, beside tests/fixtures/.

// windows-1252 bytes of a string (its characters must be in that encoding).
const C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
export const windows1252 = (text) => Buffer.from([...text].map((c) => {
  const code = c.codePointAt(0);
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
  const at = C1.indexOf(c);
  if (at < 0) throw new Error(`${c} is not in windows-1252`);
  return 0x80 + at;
}));

const FRENCH_SENTENCE = 'Déjà vu — “quoted” : la bibliothèque de l’île ouvre ses portes à vingt élèves, où l’on prête des œuvres pour 5 € par an. ';
// A French article with characters from windows-1252's 0x80-0x9F range.
export const FRENCH_PAGE = `<!doctype html><html lang="fr"><head><title>La bibliothèque flottante ouvre</title></head><body>
<header><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav></header>
<article><h1>La bibliothèque flottante ouvre</h1>
${Array.from({ length: 6 }, () => `<p>${FRENCH_SENTENCE.repeat(3)}</p>`).join('\n')}
</article><footer>© Le Journal</footer></body></html>`;
