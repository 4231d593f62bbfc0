// The benchmark's pages: every source page of Mozilla's Readability test
// corpus and of the trafilatura evaluation set, then the franceinfo seed page,
// in a fixed order (sorted names), as raw bytes. String-based systems get the
// page decoded the way quietpage decodes bytes (decodeHtml: BOM, <meta>,
// UTF-8, windows-1252); gumbo-only gets the UTF-8 bytes quietpage hands the
// core, so every system sees the same characters.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { decodeHtml, detectEncoding } from '../js/index.js';

export const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
export const sharedDir = process.env.QUIETPAGE_SHARED ?? join(root, '..', 'shared');

/** Where the pages come from (relative to sharedDir), for the report. */
export const SOURCES = [
  'corpus/readability/*/source.html',
  'corpus/trafilatura-dev/html/*',
  'seed/franceinfo-telegram.html',
];

/** The page files in benchmark order, or null when ../shared is missing. */
export function pageFiles() {
  const readability = join(sharedDir, 'corpus', 'readability');
  const trafilatura = join(sharedDir, 'corpus', 'trafilatura-dev', 'html');
  const seed = join(sharedDir, 'seed', 'franceinfo-telegram.html');
  if (!existsSync(readability) || !existsSync(trafilatura) || !existsSync(seed)) return null;
  const files = [];
  for (const name of readdirSync(readability).sort()) {
    const file = join(readability, name, 'source.html');
    if (existsSync(file)) files.push(file);
  }
  for (const name of readdirSync(trafilatura).sort()) files.push(join(trafilatura, name));
  files.push(seed);
  return files;
}

const encoder = new TextEncoder();

/**
 * @typedef {{ name: string, file: string, bytes: Uint8Array, html: string, utf8: Uint8Array }} Page
 * name: path under sharedDir; bytes: the file; html: decoded; utf8: what
 * the core parses (the bytes themselves when they are UTF-8, minus a BOM).
 */

/** @returns {Page[]} */
export function loadPages(files) {
  return files.map((file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const html = decodeHtml(bytes);
    const { encoding, source } = detectEncoding(bytes);
    const utf8 = encoding === 'utf-8' ? (source === 'bom' ? bytes.subarray(3) : bytes) : encoder.encode(html);
    return { name: file.slice(sharedDir.length + 1), file, bytes, html, utf8 };
  });
}
