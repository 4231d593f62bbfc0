// Builds the Reader tab's view of an article (reader-view/render.js's
// buildView: the header and the content cut into pieces) off the demo's main
// thread, where a book-length article would take a few hundred milliseconds
// — as the extension builds it in its background.
import { buildView } from '/reader-view/render.js';

addEventListener('message', ({ data: { id, article, url } }) => {
  try {
    postMessage({ id, view: buildView(article, { url }) });
  } catch (error) {
    postMessage({ id, error: String(error?.message ?? error) });
  }
});
