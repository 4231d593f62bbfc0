// Loopback HTTP server for the Chromium benchmark (port 0, 127.0.0.1 only):
//   /                        an empty page the harness runs in
//   /bench/harness.mjs       the in-page benchmark (bench/browser-harness.mjs)
//   /js/*                    the package's js/
//   /dist/wasm/*             the build under test (--wasm DIR), where js/loader.js looks
//   /vendor/readability.mjs  @mozilla/readability's Readability.js as an ES module
//   /page/N                  page N's raw bytes
// Every response is cross-origin isolated (COOP + COEP), which gives the
// page a 5 µs performance.now() instead of 100 µs.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

import { root } from './pages.mjs';

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/** Readability.js is a plain script ending in `module.exports = Readability`. */
async function readabilityModule() {
  const file = createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js');
  const source = await readFile(file, 'utf8');
  return `const module = { exports: {} };\n${source}\nexport default module.exports;\n`;
}

/**
 * @param {import('./pages.mjs').Page[]} pages
 * @param {string} wasmDir
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function startServer(pages, wasmDir) {
  const vendor = await readabilityModule();
  const mounts = [
    ['/js/', join(root, 'js')],
    ['/dist/wasm/', wasmDir],
  ];
  const server = createServer(async (req, res) => {
    const send = (status, type, body) => {
      res.writeHead(status, { ...ISOLATION, 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (path === '/') return send(200, 'text/html', '<!doctype html><meta charset="utf-8"><title>quietpage bench</title>');
    if (path === '/vendor/readability.mjs') return send(200, 'text/javascript', vendor);
    if (path === '/bench/harness.mjs') return send(200, 'text/javascript', await readFile(new URL('./browser-harness.mjs', import.meta.url)));
    const pageMatch = /^\/page\/(\d+)$/.exec(path);
    if (pageMatch) {
      const page = pages[Number(pageMatch[1])];
      return page ? send(200, 'application/octet-stream', page.bytes) : send(404, 'text/plain', 'no such page');
    }
    for (const [prefix, dir] of mounts) {
      if (!path.startsWith(prefix)) continue;
      try {
        return send(200, TYPES[extname(path)] ?? 'application/octet-stream', await readFile(join(dir, path.slice(prefix.length))));
      } catch {
        return send(404, 'text/plain', 'not found');
      }
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
