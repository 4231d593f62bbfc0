// Pages opened from file:// keep their images in the reader.
//
// quietpage's core makes links and images absolute against the page's URL and
// keeps only http(s) (and mailto) URLs: a file: base URL leaves a saved page's
// "Page_files/photo.jpg" with nowhere to point. For a page that is itself a
// file: page, and only there, the background parses with a stand-in base URL
// (https://qp-<random>.invalid/..., a host that can't exist and that no page
// can guess), then turns that prefix back into the file: one in what the core
// returned. Web pages never get file: URLs.
//
// Chromium lets no extension page load a file: URL (not even with "Allow
// access to file URLs"), so the reader page can't show those images by their
// address: where the optional "pageCapture" permission is granted, the
// background takes the page as MHTML while it is still open (the page's own
// copy of its images) and the reader gets them as data: URLs instead.

/**
 * For a file: page URL, the base URL to parse with and a function restoring
 * the file: URLs in an Article; null for other pages.
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
  const restore = (text) => (typeof text === 'string' ? text.replaceAll(stand, real) : text);
  return {
    base: stand + parsed.href.slice(real.length),
    /**
     * The Article with its URLs pointing at file: again, and the images
     * found in `images` (file: URL → data: URL) as data: URLs.
     * @param {object | null} article
     * @param {Map<string, string>} [images]
     */
    restore(article, images = new Map()) {
      if (!article) return article;
      const out = { ...article };
      for (const key of ['content', 'markdown', 'leadImage', 'canonicalUrl']) out[key] = restore(out[key]);
      if (images.size && typeof out.content === 'string') {
        // srcset candidates would win over src and can't load: src only.
        out.content = out.content.replace(/\ssrcset="[^"]*file:[^"]*"/g, '')
          .replace(/(\ssrc=")(file:[^"]*)"/g, (match, attr, src) => {
            const data = images.get(src.replaceAll('&amp;', '&'));
            return data ? `${attr}${data}"` : match;
          });
      }
      if (images.has(out.leadImage)) out.leadImage = images.get(out.leadImage);
      return out;
    },
  };
}

const qpDecode = (text) => text.replace(/=\r?\n/g, '').replace(/=([0-9a-f]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));

/**
 * The file: images of an MHTML page capture: Content-Location → data: URL.
 * @param {string} mhtml
 * @returns {Map<string, string>}
 */
export function mhtmlImages(mhtml) {
  const images = new Map();
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(mhtml)?.[1];
  if (!boundary) return images;
  for (const part of mhtml.split(`--${boundary}`).slice(1)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const body = part.slice(split + 4).replace(/\r\n$/, '');
    const header = (name) => new RegExp(`^${name}:[ \\t]*(.+)$`, 'im').exec(head)?.[1].trim();
    const type = header('Content-Type')?.split(';')[0].trim().toLowerCase();
    const location = header('Content-Location');
    const encoding = header('Content-Transfer-Encoding')?.toLowerCase();
    if (!type?.startsWith('image/') || !location?.startsWith('file:')) continue;
    let base64;
    if (encoding === 'base64') base64 = body.replace(/\s+/g, '');
    else if (encoding === 'quoted-printable') base64 = btoa(qpDecode(body));
    else continue;
    images.set(location, `data:${type};base64,${base64}`);
  }
  return images;
}
