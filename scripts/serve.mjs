#!/usr/bin/env node
// The demo's web server (`npm start`): serves demo/ at /, the package's js/
// and dist/wasm/ read-only at /js/ and /dist/wasm/ (so the page imports the
// real API, and js/loader.js finds ../dist/wasm/ next to it), the reader view
// at /reader-view/, @mozilla/readability at /vendor/readability/ (the demo's
// "Readability.js" comparison), and fetches
// pages for the URL box at GET /api/fetch?url=... (the browser can't fetch
// other sites itself: CORS). Dependency-free: node:http and Node's fetch.
//
//   node scripts/serve.mjs [--port 8080] [--host 127.0.0.1]
//   import { startServer } from './scripts/serve.mjs';
//   const { url, close } = await startServer({ port: 0 });
//
// This is a development server: /api/fetch will fetch any http(s) URL it is
// asked for, including addresses on the local network, so it listens on the
// loopback interface unless told otherwise.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// URL prefix → directory. The first matching prefix wins, so '/' is last.
const MOUNTS = [
  ['/js/', resolve(ROOT, 'js')],
  // The reader view the Reader tab shares with the extension and the CLI, and
  // its legible typeface (the extension's build copies the same files).
  ['/reader-view/fonts/', resolve(ROOT, 'node_modules/@fontsource/atkinson-hyperlegible/files')],
  ['/reader-view/', resolve(ROOT, 'reader-view')],
  ['/dist/wasm/', resolve(ROOT, 'dist/wasm')],
  // Readability.js (a devDependency) for the demo's side-by-side comparison.
  ['/vendor/readability/', resolve(ROOT, 'node_modules/@mozilla/readability')],
  ['/', resolve(ROOT, 'demo')],
];

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export const FETCH_TIMEOUT_MS = 15_000;
export const FETCH_MAX_BYTES = 10 * 1024 * 1024;
const USER_AGENT = 'Mozilla/5.0 (compatible; quietpage-demo/0.1; +https://github.com/quietpage)';

const COMMON_HEADERS = {
  'Cache-Control': 'no-cache',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** A JSON error reply: { error: { code, message } }. */
function sendError(res, status, code, message, extraHeaders = {}) {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, {
    ...COMMON_HEADERS,
    ...extraHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * The file a request path names, or null when it is outside every mount.
 * `pathname` is still percent-encoded: it is decoded here, once, and the
 * result must stay inside the mount's directory after resolving '..'.
 */
function fileFor(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400, message: 'malformed percent-encoding in the path' };
  }
  // NUL bytes and backslashes (a separator on Windows) have no place in a path here.
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400, message: 'invalid path' };
  for (const [prefix, dir] of MOUNTS) {
    if (!decoded.startsWith(prefix)) continue;
    let rest = decoded.slice(prefix.length);
    if (rest === '' || rest.endsWith('/')) rest += 'index.html';
    const file = resolve(dir, rest);
    if (!file.startsWith(dir + sep)) return { status: 403, message: 'path outside the served directories' };
    // Dot-files (.DS_Store, editor swap files...) are never served.
    if (rest.split('/').some((part) => part.startsWith('.'))) return { status: 404, message: 'not found' };
    return { file, dir };
  }
  return { status: 404, message: 'not found' };
}

async function serveStatic(req, res, pathname) {
  const found = fileFor(pathname);
  if (!found.file) return sendError(res, found.status, found.status === 403 ? 'FORBIDDEN' : found.status === 400 ? 'BAD_PATH' : 'NOT_FOUND', found.message);
  let info;
  let real;
  try {
    // realpath: a symlink inside a served directory must not lead out of it.
    [info, real] = await Promise.all([stat(found.file), realpath(found.file)]);
    const realDir = await realpath(found.dir);
    if (!real.startsWith(realDir + sep)) return sendError(res, 403, 'FORBIDDEN', 'path outside the served directories');
  } catch {
    return sendError(res, 404, 'NOT_FOUND', 'not found');
  }
  if (!info.isFile()) return sendError(res, 404, 'NOT_FOUND', 'not found');

  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const headers = {
    ...COMMON_HEADERS,
    'Content-Type': MIME_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
    'Last-Modified': info.mtime.toUTCString(),
    ETag: etag,
  };
  // no-cache means "revalidate each time": answer 304 when nothing changed.
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    return res.end();
  }
  headers['Content-Length'] = info.size;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return res.end();
  const stream = createReadStream(real);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** Thrown by readLimited when the body grows past the limit. */
class TooLarge extends Error {}

/** The whole body of a fetch Response, refusing more than `limit` bytes. */
async function readLimited(response, limit) {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw new TooLarge();
  const chunks = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > limit) {
      // Stop downloading rather than read the rest only to discard it.
      await response.body.cancel().catch(() => {});
      throw new TooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/**
 * GET /api/fetch?url=<http(s) URL>: the page's raw bytes, with what the page
 * needs to decode and parse them in headers:
 *   X-Upstream-Content-Type  the upstream Content-Type (its charset is the decoding hint)
 *   X-Upstream-Url           the final URL after redirects (the base URL for links)
 *   X-Upstream-Status        the upstream status code
 * Errors are JSON { error: { code, message } } with a 4xx (the request) or
 * 5xx (the upstream server) status.
 */
async function proxyFetch(req, res, searchParams) {
  const target = searchParams.get('url');
  if (target === null || target.trim() === '') {
    return sendError(res, 400, 'MISSING_URL', 'add the page to fetch as ?url=https://...');
  }
  let url;
  try {
    url = new URL(target.trim());
  } catch {
    return sendError(res, 400, 'BAD_URL', `not a valid absolute URL: ${JSON.stringify(target.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return sendError(res, 400, 'BAD_SCHEME', `only http and https URLs can be fetched, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    return sendError(res, 400, 'BAD_URL', 'URLs with credentials are not fetched');
  }

  let upstream;
  let body;
  try {
    // The signal also covers reading the body: a slow trickle times out too.
    upstream = await fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: {
        'User-Agent': USER_AGENT,
        Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
      },
    });
    if (!upstream.ok) {
      await upstream.body?.cancel().catch(() => {});
      return sendError(res, 502, 'UPSTREAM_STATUS',
        `${url.host} answered HTTP ${upstream.status}${upstream.statusText ? ` ${upstream.statusText}` : ''}`);
    }
    body = await readLimited(upstream, FETCH_MAX_BYTES);
  } catch (error) {
    if (error instanceof TooLarge) {
      return sendError(res, 502, 'UPSTREAM_TOO_LARGE', `the page is larger than ${FETCH_MAX_BYTES / 1024 / 1024} MB`);
    }
    if (error?.name === 'TimeoutError' || error?.name === 'AbortError') {
      return sendError(res, 504, 'UPSTREAM_TIMEOUT', `${url.host} did not answer within ${FETCH_TIMEOUT_MS / 1000} s`);
    }
    // undici reports DNS, connection and TLS failures as "fetch failed" with the reason in `cause`.
    const reason = error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(error);
    return sendError(res, 502, 'FETCH_FAILED', `could not fetch ${url.host}: ${reason}`);
  }

  res.writeHead(200, {
    ...COMMON_HEADERS,
    // The bytes are handed to the page's script, never rendered as a document
    // of this origin: octet-stream + nosniff, and a sandbox CSP in case
    // someone opens the endpoint directly.
    'Content-Type': 'application/octet-stream',
    'Content-Security-Policy': 'sandbox',
    'Content-Length': body.length,
    'X-Upstream-Content-Type': upstream.headers.get('content-type') ?? '',
    'X-Upstream-Url': upstream.url || url.href,
    'X-Upstream-Status': String(upstream.status),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'only GET and HEAD are served', { Allow: 'GET, HEAD' });
  }
  // Parse only the path and query; the raw (still encoded) pathname is kept,
  // because the URL parser would already have resolved plain '..' segments.
  const raw = req.url ?? '/';
  if (!raw.startsWith('/')) return sendError(res, 400, 'BAD_PATH', 'invalid request target');
  const { pathname, searchParams } = new URL(raw, 'http://localhost');
  if (pathname === '/api/fetch') return proxyFetch(req, res, searchParams);
  if (pathname.startsWith('/api/')) return sendError(res, 404, 'NOT_FOUND', 'no such endpoint');
  const rawPath = raw.split(/[?#]/, 1)[0];
  return serveStatic(req, res, rawPath);
}

/**
 * Starts the demo server.
 * @param {{ port?: number, host?: string }} [options] port 0 picks a free port
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function startServer({ port = 8080, host = '127.0.0.1' } = {}) {
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', String(error?.message ?? error));
      else res.destroy();
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const shownHost = address.family === 'IPv6' || address.family === 6 ? `[${address.address}]` : address.address;
      resolvePromise({
        url: `http://${shownHost}:${address.port}/`,
        close: () => new Promise((done) => {
          server.close(() => done());
          // Keep-alive connections would hold close() open.
          server.closeAllConnections();
        }),
      });
    });
  });
}

const USAGE = `Usage: node scripts/serve.mjs [--port N] [--host ADDRESS]

Serves the quietpage demo page (demo/), the package's js/ and dist/wasm/, the
reader view (reader-view/) and Readability.js (node_modules/@mozilla/readability/,
for the demo's comparison).

  --port N        port to listen on (default: $PORT or 8080; 0 picks a free one)
  --host ADDRESS  interface to listen on (default 127.0.0.1). The URL box's
                  server-side fetch can reach anything this machine can, so
                  think twice before listening on a public interface.
  -h, --help      show this help
`;

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const portText = values.port ?? process.env.PORT ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    process.stderr.write(`invalid port ${JSON.stringify(portText)}: expected 0-65535\n`);
    process.exit(2);
  }
  const host = values.host ?? '127.0.0.1';

  const wasm = resolve(ROOT, 'dist/wasm/quietpage_core.wasm');
  if (!(await stat(wasm).catch(() => null))) {
    process.stderr.write(`warning: ${wasm} is missing; build it with: npm run build\n`);
  }
  try {
    const { url, close } = await startServer({ port, host });
    process.stdout.write(`quietpage demo: ${url}\n`);
    const stop = () => { close().then(() => process.exit(0)); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    const hint = error?.code === 'EADDRINUSE' ? ` (port ${port} is taken; try --port ${port + 1} or --port 0)` : '';
    process.stderr.write(`could not listen on ${host}:${port}: ${error?.message ?? error}${hint}\n`);
    process.exit(1);
  }
}

// Listen only when run as a script, not when a test imports startServer.
const invokedAs = process.argv[1] ? await realpath(process.argv[1]).catch(() => resolve(process.argv[1])) : '';
if (invokedAs === fileURLToPath(import.meta.url)) await main();
