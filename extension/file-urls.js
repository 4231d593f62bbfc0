// Pages opened from file:// keep their images in the reader.
//
// quietpage's core makes links and images absolute against the page's URL and
// keeps only http(s) (and mailto) URLs: a file: base URL leaves a saved page's
// "Page_files/photo.jpg" with nowhere to point. For a page that is itself a
// file: page, and only there, the background parses with a stand-in base URL
// (https://<random>.invalid/..., a host that can't exist and that no page can
// guess), then turns that prefix back into the file: one in what the core
// returned. Nothing else is rewritten, and web pages never get file: URLs.

/**
 * For a file: page URL, the base URL to parse with and a function restoring
 * the file: URLs in the strings of an Article; null for other pages.
 * @param {string} url
 */
export function fileUrlMapping(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'file:') return null;
  const token = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  const stand = `https://qp-${token}.invalid/`;
  // file://host/path: the host (empty for local files) stays with the prefix.
  const real = `file://${parsed.host}/`;
  const base = stand + parsed.href.slice(real.length);
  const restore = (text) => (typeof text === 'string' ? text.replaceAll(stand, real) : text);
  return {
    base,
    /** The Article with its URLs pointing at file: again. */
    restore(article) {
      if (!article) return article;
      const out = { ...article };
      for (const key of ['content', 'markdown', 'leadImage', 'canonicalUrl']) out[key] = restore(out[key]);
      return out;
    },
  };
}
