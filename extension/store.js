// The articles the reader page shows, kept in the extension's IndexedDB so
// that reloading the reader page, or coming back to it with Back/Forward,
// shows the same article without the original page. Two stores: "views"
// (what the reader page draws: the article's metadata and render.js's pieces)
// and "markdown" (read only to save or copy it). Only the newest KEEP are
// kept; the options page can clear them all. Used by the background (writes)
// and the reader page (reads).
const DB_NAME = 'quietpage-reader';
const VERSION = 1;
const VIEWS = 'views';
const MARKDOWN = 'markdown';
export const KEEP = 30;

let opening = null;

function database() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore(VIEWS, { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
      db.createObjectStore(MARKDOWN);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  opening.catch(() => { opening = null; });
  return opening;
}

/** Runs fn(stores) in one transaction; resolves with what fn's last request gave, when the transaction completes. */
async function transaction(mode, fn) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction([VIEWS, MARKDOWN], mode);
    let result;
    const request = fn({ views: tx.objectStore(VIEWS), markdown: tx.objectStore(MARKDOWN) });
    if (request) request.onsuccess = () => { result = request.result; };
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Stores a view record ({ id, savedAt, ... }) and its Markdown, and drops the oldest beyond KEEP. */
export function putRecord(record, markdown) {
  return transaction('readwrite', ({ views, markdown: texts }) => {
    views.put(record);
    if (typeof markdown === 'string') texts.put(markdown, record.id);
    let seen = 0;
    views.index('savedAt').openCursor(null, 'prev').onsuccess = (event) => {
      const cursor = event.target.result;
      if (!cursor) return;
      seen += 1;
      if (seen > KEEP) {
        texts.delete(cursor.primaryKey);
        cursor.delete();
      }
      cursor.continue();
    };
  });
}

export const getRecord = (id) => transaction('readonly', ({ views }) => views.get(id));
export const getMarkdown = (id) => transaction('readonly', ({ markdown }) => markdown.get(id));
export const clearRecords = () => transaction('readwrite', ({ views, markdown }) => {
  views.clear();
  markdown.clear();
});
