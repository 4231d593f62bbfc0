#!/usr/bin/env node
// quietpage's command line: extracts the article of a page (a file, standard
// input or an http(s) URL) and writes it as HTML, text, Markdown or JSON.
//
//   quietpage page.html > article.html
//   curl -s https://example.com/a | quietpage - --url https://example.com/a --format text
//   quietpage https://example.com/a --format json --output article.json
//
// Exit status: 0 an article was written, 2 the page has no article,
// 1 any other failure (one line on stderr: "quietpage: <message>").
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { charsetFromContentType } from '../js/decode.js';
import { QuietpageError, parse } from '../js/index.js';
import { notHtmlReason } from '../js/sniff.js';
import { renderDocument } from '../reader-view/render.js';

const FORMATS = ['html', 'text', 'markdown', 'json'];
const FETCH_TIMEOUT_MS = 30_000;

const EXIT_OK = 0;
const EXIT_ERROR = 1;
const EXIT_NO_ARTICLE = 2;

const USAGE = `Usage: quietpage <file | URL | -> [options]

Extracts the article (title, byline, main text) from a web page.

Input (an HTML page: images, PDFs, JSON, plain text and other files that are
not HTML are refused with NOT_HTML):
  file                   an HTML file (or a file:// URL)
  URL                    an http:// or https:// page, fetched (its URL is the base
                         URL and its Content-Type charset the encoding hint)
  -                      standard input

Options:
  -f, --format FORMAT    html (default: a standalone HTML document, without
                         script, styled like the reader view), text, markdown
                         or json (every field of the article)
  -u, --url BASE         the page's URL: relative links and images are made
                         absolute against it (default: the fetched URL, if any)
  -c, --charset LABEL    the page's encoding (e.g. windows-1252, shift_jis);
                         default: byte-order mark, HTTP charset, <meta charset>,
                         then UTF-8 if valid, else windows-1252
      --no-captions      leave figure captions out of the text (--format text,
                         and textContent with --format json)
  -o, --output FILE      write to FILE instead of standard output
  -h, --help             show this help
  -v, --version          show the version

Exit status: 0 article written, 2 no article found, 1 error.
`;

class CliError extends Error {
  /** @param {string} message @param {string} [code] printed before the message, like a QuietpageError's */
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

function fail(message, code) {
  throw new CliError(message, code);
}

// Schemes of inputs that are read; a name with another scheme ("javascript:",
// "mailto:", "data:") is a URL that can't be, not a file name. One letter
// before the colon is a Windows drive ("C:\page.html").
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;
const READ_SCHEMES = ['http', 'https', 'file'];

/** One line, whatever the message holds. */
const oneLine = (text) => String(text).replace(/\s*\n\s*/g, ' ').trim();

async function packageVersion() {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
  return pkg.version;
}

function parseCommandLine(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        url: { type: 'string', short: 'u' },
        charset: { type: 'string', short: 'c' },
        'no-captions': { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    fail(`${oneLine(error.message)} (see quietpage --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help || values.version) return values;

  if (positionals.length === 0) fail('missing input: give a file, an http(s) URL, or - for standard input (see quietpage --help)');
  if (positionals.length > 1) fail(`expected one input, got ${positionals.length}: ${positionals.join(' ')}`);
  values.input = positionals[0];

  values.format ??= 'html';
  if (!FORMATS.includes(values.format)) {
    fail(`unknown format "${values.format}": use one of ${FORMATS.join(', ')}`);
  }
  if (values.url !== undefined) {
    const scheme = SCHEME.exec(values.url)?.[1].toLowerCase();
    if (!URL.canParse(values.url) || !READ_SCHEMES.includes(scheme)) {
      fail(`--url must be an absolute http(s) or file URL, got "${values.url}"`);
    }
  }
  if (values.charset !== undefined) {
    try {
      new TextDecoder(values.charset.trim());
    } catch {
      fail(`unknown charset "${values.charset}"`);
    }
  }
  if (values.output === '') fail('--output needs a file name');
  return values;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

function describeFsError(error) {
  switch (error?.code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    default: return oneLine(error?.message ?? error);
  }
}

async function readPath(path) {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    fail(`cannot read ${path}: ${describeFsError(error)}`);
  }
}

async function fetchPage(url) {
  let response;
  try {
    response = await fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: {
        accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
        'user-agent': `quietpage/${await packageVersion()}`,
      },
    });
  } catch (error) {
    if (error?.name === 'TimeoutError') fail(`cannot fetch ${url}: no answer within ${FETCH_TIMEOUT_MS / 1000} s`);
    // undici hides the reason (ECONNREFUSED, ENOTFOUND, ...) in `cause`.
    const cause = error?.cause;
    const reason = cause?.code ?? cause?.message ?? error?.message ?? error;
    fail(`cannot fetch ${url}: ${oneLine(reason)}`);
  }
  if (response.status >= 400) {
    await response.body?.cancel().catch(() => {});
    fail(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} for ${url}`);
  }
  let bytes;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    fail(`cannot fetch ${url}: ${oneLine(error?.cause?.message ?? error?.message ?? error)}`);
  }
  const contentType = response.headers.get('content-type');
  return {
    bytes,
    // After redirects, the page's URL is where it ended up.
    url: response.url || url,
    charset: charsetFromContentType(contentType) ?? undefined,
    contentType,
  };
}

/** The page's bytes, and the base URL, charset hint and Content-Type its source gives. */
async function readInput(input) {
  if (input === '-') return { bytes: await readStdin(), name: 'standard input' };
  const scheme = SCHEME.exec(input)?.[1].toLowerCase();
  if (scheme === undefined) return { bytes: await readPath(input), name: input };
  if (!READ_SCHEMES.includes(scheme)) {
    const fileHint = input.includes('//') ? '' : ` (for a file whose name has a colon, write ./${input})`;
    fail(`unsupported URL scheme "${scheme}:" in ${input}: only http, https and file URLs are read${fileHint}`, 'INVALID_URL');
  }
  if (!URL.canParse(input)) fail(`not a valid URL: ${input}`, 'INVALID_URL');
  if (scheme !== 'file') return { ...(await fetchPage(input)), name: input };
  let path;
  try {
    path = fileURLToPath(input);
  } catch (error) {
    fail(`not a valid file URL: ${input} (${oneLine(error.message)})`, 'INVALID_URL');
  }
  return { bytes: await readPath(path), name: input };
}

/**
 * The reader view's standalone document (reader-view/render.js, the renderer
 * the extension and the demo use too), with reader-view/reader.css inlined.
 */
async function toHtml(article, url) {
  const css = await readFile(new URL('../reader-view/reader.css', import.meta.url), 'utf8');
  return renderDocument(article, { css, url });
}

const withNewline = (text) => (text.endsWith('\n') ? text : `${text}\n`);

/** The title, then a blank line, unless the page has no title. */
const titled = (title, body) => (title ? `${title}\n\n${body}` : body);

function toText(article) {
  return withNewline(titled(article.title, article.textContent));
}

/** The title as one line of Markdown, its inline syntax escaped. */
const markdownTitle = (title) => title.replace(/\s+/g, ' ').trim().replace(/[\\`*_[\]<>]/g, '\\$&');

function toMarkdown(article) {
  if (typeof article.markdown !== 'string') {
    fail('markdown output needs a newer build of quietpage (this WebAssembly core has no Markdown support)');
  }
  const title = markdownTitle(article.title);
  return withNewline(titled(title && `# ${title}`, article.markdown));
}

function render(article, format, url) {
  switch (format) {
    case 'text': return toText(article);
    case 'markdown': return toMarkdown(article);
    case 'json': return `${JSON.stringify(article, null, 2)}\n`;
    default: return toHtml(article, url);
  }
}

function writeStdout(text) {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

async function writeOutput(text, output) {
  if (output === undefined || output === '-') {
    try {
      await writeStdout(text);
    } catch (error) {
      // The reader went away (`quietpage page.html | head`): nothing to report.
      if (error?.code === 'EPIPE') return;
      fail(`cannot write to standard output: ${describeFsError(error)}`);
    }
    return;
  }
  try {
    await writeFile(output, text);
  } catch (error) {
    fail(`cannot write ${output}: ${describeFsError(error)}`);
  }
}

async function main(argv) {
  const options = parseCommandLine(argv);
  if (options.help) {
    await writeOutput(USAGE);
    return EXIT_OK;
  }
  if (options.version) {
    await writeOutput(`${await packageVersion()}\n`);
    return EXIT_OK;
  }

  const page = await readInput(options.input);
  const charset = options.charset ?? page.charset;
  const notHtml = notHtmlReason(page.bytes, { contentType: page.contentType, charset });
  if (notHtml) fail(`${page.name} is ${notHtml}, not an HTML page`, 'NOT_HTML');
  const url = options.url ?? page.url;
  const article = await parse(page.bytes, {
    url,
    charset,
    markdown: options.format === 'markdown',
    textCaptions: !options['no-captions'],
  });
  if (!article) {
    process.stderr.write(`quietpage: no article found in ${page.name}\n`);
    return EXIT_NO_ARTICLE;
  }
  await writeOutput(await render(article, options.format, url), options.output);
  return EXIT_OK;
}

process.stdout.on('error', (error) => {
  if (error?.code !== 'EPIPE') process.stderr.write(`quietpage: cannot write to standard output: ${oneLine(error.message)}\n`);
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  let message;
  if (error instanceof CliError) message = error.code ? `${error.code}: ${error.message}` : error.message;
  else if (error instanceof QuietpageError) message = `${error.code}: ${error.message}`;
  else message = `unexpected error: ${error?.message ?? error}`;
  process.stderr.write(`quietpage: ${oneLine(message)}\n`);
  process.exitCode = EXIT_ERROR;
}
