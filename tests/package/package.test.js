// The published package, as a user gets it: `npm pack` the repo once, install
// the tarball into a fresh consumer project (offline: the package has no
// dependencies), then use it as the README says — from Node (ES modules,
// require(), the README's examples, its worker pool), from production
// bundles of Vite, webpack and esbuild (the README's esbuild commands, run as
// written) and unbundled, in headless Chromium on the main thread and in a
// worker, and from strict TypeScript projects.
//
// The tools (vite, webpack, esbuild, playwright-core, typescript,
// @types/node) are the repo's pinned devDependencies, run from its
// node_modules: nothing is downloaded.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, dirname, extname, join, normalize, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const repoModules = join(repoRoot, 'node_modules');
const README = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const FIXTURES = join(repoRoot, 'tests', 'fixtures');
const FIXTURE = join(FIXTURES, 'cluttered-news.html');
const TITLE = 'Harbour town opens its first floating library';
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const WASM_FILES = ['dist/wasm/quietpage_core.mjs', 'dist/wasm/quietpage_core.wasm'];
const missingWasm = WASM_FILES.filter((file) => !existsSync(join(repoRoot, file)));
const skip = missingWasm.length
  ? `${missingWasm.join(' and ')} missing: build the WebAssembly core first (npm run build); the package can't be tested without it`
  : false;

// Exact set of files the tarball may hold, beside js/ (checked against the repo's js/ directory).
const PACKAGE_FILES = ['package.json', 'LICENSE', 'bin/quietpage.js', 'reader-view/render.js', 'reader-view/reader.css', ...WASM_FILES];
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare'];

/** Runs npm with a private cache, offline; returns stdout. */
async function npm(args, cwd, cache, { scripts = false } = {}) {
  const { stdout } = await run('npm', [...args, '--cache', cache, '--offline', '--no-audit', '--no-fund', ...(scripts ? [] : ['--ignore-scripts'])], {
    cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return stdout;
}

/**
 * The first fenced code block in the README section under `heading`
 * (with the given info string): the tests run what the README shows.
 */
function readmeBlock(heading, lang) {
  const start = README.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has a "${heading}" section`);
  const section = README.slice(start + heading.length + 2).split(/\n#{1,3} /)[0];
  const block = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(section);
  assert.ok(block, `README's "${heading}" section has a ${lang} block`);
  return block[1];
}

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.map': 'application/json',
};

/** A static file server for `root` on a loopback port. */
async function serveDirectory(root) {
  const server = createServer(async (request, response) => {
    const path = normalize(join(root, decodeURIComponent(new URL(request.url, 'http://localhost').pathname)));
    if (!path.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(path);
      response.writeHead(200, { 'content-type': MIME[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Paths of the files under dir, relative to it. */
function listFiles(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile());
}

describe('the npm package', { skip }, () => {
  let tmp;
  let app; // the consumer project
  let pack; // npm pack's report
  let installed; // app/node_modules/quietpage

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'quietpage-package-'));
    const cache = join(tmp, 'npm-cache');
    mkdirSync(join(tmp, 'pack'));
    [pack] = JSON.parse(await npm(['pack', '--json', '--pack-destination', join(tmp, 'pack')], repoRoot, cache));
    app = join(tmp, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'quietpage-consumer', private: true, type: 'module' }, null, 2));
    await npm(['install', join(tmp, 'pack', pack.filename)], app, cache);
    installed = join(app, 'node_modules', 'quietpage');
  });

  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  describe('tarball', () => {
    it('holds the runtime files and nothing else', () => {
      const files = pack.files.map((f) => f.path).sort();
      const jsFiles = readdirSync(join(repoRoot, 'js')).filter((f) => /\.(js|d\.ts)$/.test(f)).map((f) => `js/${f}`);
      const expected = [...PACKAGE_FILES, ...jsFiles];
      if (existsSync(join(repoRoot, 'README.md'))) expected.push('README.md');
      assert.deepEqual(files, expected.sort());
      for (const file of files) {
        assert.doesNotMatch(file, /^(src|tests|build|node_modules|scripts|wasm|bench|demo|tools)\//, file);
      }
      const bin = pack.files.find((f) => f.path === 'bin/quietpage.js');
      assert.ok(bin.mode & 0o111, `bin/quietpage.js is executable in the tarball (mode ${bin.mode.toString(8)})`);
    });

    it('has no install scripts and no dependencies, and says where it comes from', () => {
      const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
      for (const script of INSTALL_SCRIPTS) assert.equal(manifest.scripts?.[script], undefined, `scripts.${script}`);
      for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) {
        assert.equal(Object.keys(manifest[field] ?? {}).length, 0, field);
      }
      assert.equal(manifest.bin.quietpage, './bin/quietpage.js');
      assert.ok(existsSync(join(app, 'node_modules', '.bin', 'quietpage')), 'npm linked the bin');
      const repo = 'https://github.com/quietpage/quietpage';
      assert.equal(manifest.repository.url, `git+${repo}.git`);
      assert.equal(manifest.homepage, `${repo}#readme`);
      assert.equal(manifest.bugs.url, `${repo}/issues`);
    });

    it('has a README whose links work on npm (absolute, or anchors of its own headings)', () => {
      const readme = readFileSync(join(installed, 'README.md'), 'utf8');
      const anchors = new Set([...readme.matchAll(/^#+ (.+)$/gm)].map(([, h]) => h.toLowerCase().replace(/[^\w\s-]/g, '').replace(/\s/g, '-')));
      for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (target.startsWith('#')) assert.ok(anchors.has(target.slice(1)), `README anchor ${target}`);
        else assert.match(target, /^https:\/\//, `README link ${target}`);
      }
      // Users first: installing comes before the contributors' set-up.
      assert.ok(readme.indexOf('npm install quietpage') < readme.indexOf('## Contributing'));
    });

    it('refuses to pack without the built WebAssembly core (prepack)', async () => {
      const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
      const bare = join(tmp, 'bare');
      mkdirSync(join(bare, 'scripts'), { recursive: true });
      copyFileSync(join(repoRoot, 'scripts', 'prepack.mjs'), join(bare, 'scripts', 'prepack.mjs'));
      writeFileSync(join(bare, 'package.json'), JSON.stringify({
        name: 'bare', version: '1.0.0', files: manifest.files, scripts: { prepack: manifest.scripts.prepack },
      }));
      await assert.rejects(npm(['pack', '--dry-run'], bare, join(tmp, 'npm-cache'), { scripts: true }),
        (error) => /prepack: dist\/wasm\/quietpage_core\.mjs is missing; dist\/wasm\/quietpage_core\.wasm is missing: build the core first/.test(error.stderr));
    });
  });

  describe('Node', () => {
    it('imports quietpage and quietpage/worker as ES modules', async () => {
      writeFileSync(join(app, 'node-check.mjs'), `
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { QuietpageError, createReader, parse } from 'quietpage';
import { createWorkerReader } from 'quietpage/worker';

const bytes = readFileSync(process.argv[2]);
const url = 'https://ledger.example/news/a.html';
const shared = await parse(bytes, { url });
const reader = await createReader();
const own = reader.parse(bytes.toString('utf8'), { url });
let code = null;
try { reader.parse(42); } catch (error) { code = error instanceof QuietpageError ? error.code : String(error); }
const worker = createWorkerReader();
const inWorker = await worker.parse(bytes, { url: new URL(url) });
await worker.terminate();
let deepImport = null;
try { await import('quietpage/js/reader.js'); } catch (error) { deepImport = error.code; }
const version = createRequire(import.meta.url)('quietpage/package.json').version;
const files = ['quietpage/worker.js', 'quietpage/quietpage_core.wasm'].map((name) => readFileSync(new URL(import.meta.resolve(name))).length > 0);
console.log(JSON.stringify({ titles: [shared.title, own.title, inWorker.title], image: own.leadImage, code, deepImport, version, files }));
`);
      const { stdout } = await run(process.execPath, ['node-check.mjs', FIXTURE], { cwd: app });
      const result = JSON.parse(stdout);
      assert.deepEqual(result.titles, [TITLE, TITLE, TITLE]);
      assert.equal(result.image, 'https://ledger.example/images/ferry.jpg');
      assert.equal(result.code, 'INVALID_ARGUMENT');
      assert.equal(result.deepImport, 'ERR_PACKAGE_PATH_NOT_EXPORTED', 'only the exports map is public');
      assert.equal(result.version, pack.version);
      assert.deepEqual(result.files, [true, true], 'the worker script and the .wasm are exported');
    });

    it('runs the README\'s first example as it is', async () => {
      writeFileSync(join(app, 'hello.mjs'), readmeBlock('## Install', 'js'));
      const { stdout, stderr } = await run(process.execPath, ['hello.mjs'], { cwd: app });
      assert.equal(stderr, '');
      assert.match(stdout, /^Hello \| A page, written here so that the example runs as it is; pass the HTML of any page\.\n$/);
    });

    it('loads with require() from CommonJS, as the README says', async () => {
      assert.match(README, /\(`const \{ parse \} = require\('quietpage'\);`, and `require\('quietpage\/worker'\)`\)/);
      writeFileSync(join(app, 'cjs-check.cjs'), `
const { parse, QuietpageError } = require('quietpage');
const { createWorkerReader } = require('quietpage/worker');
const { readFileSync } = require('node:fs');
(async () => {
  const page = readFileSync(process.argv[2]);
  const worker = createWorkerReader();
  const titles = [(await parse(page)).title, (await worker.parse(page)).title];
  await worker.terminate();
  console.log(JSON.stringify({ titles, error: typeof QuietpageError }));
})();
`);
      const { stdout, stderr } = await run(process.execPath, ['cjs-check.cjs', FIXTURE], { cwd: app });
      assert.deepEqual(JSON.parse(stdout), { titles: [TITLE, TITLE], error: 'function' });
      assert.equal(stderr, '', 'no warning');
    });

    it('runs the README\'s worker pool on several pages', { timeout: 60_000 }, async () => {
      writeFileSync(join(app, 'pool.mjs'), readmeBlock('### Node worker pools', 'js'));
      const pages = ['cluttered-news.html', 'rtl-article.html', 'table-article.html', 'list-article.html', 'media-article.html'];
      const { stdout } = await run(process.execPath, ['pool.mjs', ...pages.map((p) => join(FIXTURES, p))], { cwd: app, timeout: 50_000 });
      const lines = stdout.trim().split('\n');
      assert.equal(lines.length, pages.length);
      lines.forEach((line, i) => assert.match(line, new RegExp(`${pages[i]}: \\S`), line));
      assert.ok(lines[0].endsWith(`: ${TITLE}`), lines[0]);
    });

    it('runs the installed CLI (node_modules/.bin and npx)', async () => {
      const bin = await run(join(app, 'node_modules', '.bin', 'quietpage'), [FIXTURE, '--format', 'text'], { cwd: app });
      assert.match(bin.stdout, new RegExp(`^${TITLE}\n\n`));
      const html = await run(join(app, 'node_modules', '.bin', 'quietpage'), [FIXTURE], { cwd: app });
      assert.match(html.stdout, /<style>[\s\S]*\.qp-article \{[\s\S]*<h1 class="qp-title">/, 'the HTML output is the reader view, with its CSS');
      const npx = await run('npx', ['--no-install', 'quietpage', '--version'], { cwd: app });
      assert.equal(npx.stdout, `${pack.version}\n`);
    });
  });

  describe('bundlers and browsers (headless Chromium)', () => {
    let browser;

    before(async () => {
      assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup.sh (it installs Debian's chromium)`);
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    });

    after(async () => {
      await browser?.close();
    });

    /**
     * Serves `root` (a site, as deployed: the page at /index.html, the
     * article at /article.html), opens the page and returns what it reports.
     */
    async function openSite(root) {
      copyFileSync(FIXTURE, join(root, 'article.html'));
      const site = await serveDirectory(root);
      try {
        return { ...(await openPage(`${site.origin}/index.html`)), origin: site.origin };
      } finally {
        await new Promise((resolve) => site.server.close(resolve));
      }
    }

    /** Opens `url` and waits for window.result (set by the page). */
    async function openPage(url) {
      const page = await browser.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
      page.on('response', (response) => { if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`); });
      try {
        await page.goto(url);
        await page.waitForFunction(() => 'result' in window, null, { timeout: 30_000 })
          .catch((error) => { throw new Error(`${url} did not finish: ${problems.join('; ') || error.message}`); });
        const result = await page.evaluate(() => window.result);
        assert.ok(!result.error, `${url}: ${result.error} ${problems.join('; ')}`);
        assert.deepEqual(problems, [], `${url} loaded without errors`);
        return result;
      } finally {
        await page.close();
      }
    }

    const htmlPage = (script, type = 'module') => `<!doctype html><html><head><meta charset="utf-8"><title>consumer</title>
<link rel="icon" href="data:,"></head><body><main id="out"></main><script type="${type}" src="${script}"></script></body></html>`;

    /**
     * What a consumer app does with quietpage on the main thread and in the
     * worker, `setup` first (imports and the load options the recipe needs).
     * The page reports in window.result.
     */
    const consumerApp = (setup, { shared = true } = {}) => `${setup}
const outcome = (promise) => promise.then(() => 'resolved', (error) => \`\${error?.name}:\${error?.code}\`);
try {
  const page = await fetch('/article.html').then((r) => r.text());
  const url = new URL('/news/article.html', location.href);
  const reader = await createReader(load);
  const article = reader.parse(page, { url });
  const nodes = reader.parse(page, { url: url.href, serializer: (element) => element }).content;
  const sharedTitle = ${shared ? '(await parse(page, { url })).title' : 'null'};
  const worker = createWorkerReader(load);
  const inWorker = await worker.parse(page, { url });
  const refused = {
    document: await outcome(worker.parse(document)),
    serializer: await outcome(worker.parse(page, { serializer: (element) => element.innerHTML })),
    uncloneable: await outcome(worker.parse(page, { charset: () => 'utf-8' })),
    unknownOption: await outcome(worker.isProbablyReaderable(page, { keepClasses: true })),
  };
  const afterRefusals = (await worker.parse(page)).title;
  await worker.terminate();
  const terminated = await outcome(worker.parse(page));
  document.getElementById('out').textContent = article.title;
  window.result = {
    title: document.getElementById('out').textContent,
    image: article.leadImage,
    nodes: { element: nodes.nodeType === 1, inert: nodes.ownerDocument !== document, paragraphs: nodes.querySelectorAll('p').length > 2 },
    sharedTitle,
    workerTitle: inWorker.title,
    refused,
    afterRefusals,
    terminated,
  };
} catch (error) {
  window.result = { error: String(error?.stack ?? error) };
}
`;
    const DEFAULT_SETUP = `import { createReader, parse } from 'quietpage';
import { createWorkerReader } from 'quietpage/worker';
const load = {};`;

    function assertConsumerResult(result, { shared = true } = {}) {
      assert.equal(result.title, TITLE);
      assert.equal(result.image, `${result.origin}/images/ferry.jpg`, 'links resolved against the URL object');
      assert.deepEqual(result.nodes, { element: true, inert: true, paragraphs: true }, 'serializer: (el) => el gives nodes of an inert document');
      assert.equal(result.sharedTitle, shared ? TITLE : null);
      assert.equal(result.workerTitle, TITLE);
      assert.deepEqual(result.refused, {
        document: 'QuietpageError:INVALID_ARGUMENT',
        serializer: 'QuietpageError:INVALID_ARGUMENT',
        uncloneable: 'QuietpageError:INVALID_ARGUMENT',
        unknownOption: 'QuietpageError:INVALID_ARGUMENT',
      });
      assert.equal(result.afterRefusals, TITLE, 'the worker works after refused calls');
      assert.equal(result.terminated, 'QuietpageError:WORKER_FAILED');
    }

    /** Checks a build's output: no path of this machine in it, the .wasm once, and records its sizes. */
    function inspectBuild(name, dir, t) {
      const files = listFiles(dir);
      const text = files.filter((f) => /\.(m?js|html)$/.test(f)).map((f) => readFileSync(join(dir, f), 'latin1')).join('\n');
      for (const path of [tmp, repoRoot, 'file://']) assert.ok(!text.includes(path), `${name}: the bundle holds no ${path}`);
      const wasm = files.filter((f) => f.endsWith('.wasm'));
      assert.equal(wasm.length, 1, `${name}: the .wasm once (${wasm.join(', ')})`);
      const sizes = files.filter((f) => /\.(m?js|wasm)$/.test(f)).map((f) => `${f} ${statSync(join(dir, f)).size} B`);
      t.diagnostic(`${name}: ${sizes.join(', ')}`);
    }

    it('Vite: vite build with no configuration (main thread and worker)', { timeout: 120_000 }, async (t) => {
      const dir = join(app, 'vite');
      mkdirSync(join(dir, 'src'), { recursive: true });
      writeFileSync(join(dir, 'index.html'), htmlPage('/src/main.js'));
      writeFileSync(join(dir, 'src', 'main.js'), consumerApp(DEFAULT_SETUP));
      await run(process.execPath, [join(repoModules, 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: dir });
      inspectBuild('vite', join(dir, 'dist'), t);
      assertConsumerResult(await openSite(join(dir, 'dist')));
    });

    it('Vite: the dev server, with no configuration', { timeout: 120_000 }, async () => {
      const { createServer: createViteServer } = await import('vite');
      const server = await createViteServer({
        root: join(app, 'vite'), configFile: false, logLevel: 'silent',
        server: { host: '127.0.0.1', port: 0 }, cacheDir: join(tmp, 'vite-cache'),
      });
      await server.listen();
      try {
        const origin = `http://127.0.0.1:${server.httpServer.address().port}`;
        copyFileSync(FIXTURE, join(app, 'vite', 'article.html'));
        assertConsumerResult({ ...(await openPage(`${origin}/`)), origin });
      } finally {
        await server.close();
      }
    });

    it('webpack: webpack --mode production with no configuration (main thread and worker)', { timeout: 180_000 }, async (t) => {
      const dir = join(app, 'webpack');
      mkdirSync(join(dir, 'src'), { recursive: true });
      writeFileSync(join(dir, 'src', 'index.js'), consumerApp(DEFAULT_SETUP));
      await run(process.execPath, [join(repoModules, 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production'], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
      inspectBuild('webpack', join(dir, 'dist'), t);
      writeFileSync(join(dir, 'dist', 'index.html'), htmlPage('main.js', 'text/javascript'));
      assert.match(readFileSync(join(dir, 'dist', 'main.js'), 'utf8'), /^[^\n]{2000,}/, 'minified');
      assertConsumerResult(await openSite(join(dir, 'dist')));
    });

    it('esbuild: the README\'s commands as written (main thread and worker)', { timeout: 120_000 }, async (t) => {
      // The README's shell lines run in the consumer project, `npx` being the
      // repo's node_modules/.bin on PATH; its JavaScript opens the app.
      const commands = readmeBlock('### esbuild', 'sh').trim().split('\n');
      mkdirSync(join(app, 'src'), { recursive: true });
      writeFileSync(join(app, 'src', 'app.js'), consumerApp(`${readmeBlock('### esbuild', 'js')}import { parse } from 'quietpage';
const load = { wasmUrl };`, { shared: false }));
      const env = { ...process.env, PATH: `${join(repoModules, '.bin')}${delimiter}${process.env.PATH}` };
      for (const command of commands) {
        await run('sh', ['-c', command.replace(/^npx /, '')], { cwd: app, env });
      }
      const outdir = join(app, 'public', 'assets');
      inspectBuild('esbuild', outdir, t);
      assert.deepEqual(listFiles(outdir).sort(), ['app.js', 'quietpage_core.wasm', 'worker.js']);
      writeFileSync(join(app, 'public', 'index.html'), htmlPage('assets/app.js'));
      assertConsumerResult(await openSite(join(app, 'public')), { shared: false });
    });

    it('unbundled, with the README\'s import map (worker and wasm found by default)', { timeout: 60_000 }, async () => {
      const importMap = readmeBlock('### Without a bundler', 'html');
      // The site is the project: node_modules/ served as it is.
      writeFileSync(join(app, 'plain.js'), consumerApp(DEFAULT_SETUP));
      writeFileSync(join(app, 'index.html'), htmlPage('/plain.js').replace('</head>', `${importMap}</head>`));
      assertConsumerResult(await openSite(app));
    });
  });

  describe('TypeScript', () => {
    const tsc = join(repoModules, '.bin', 'tsc');

    const CONSUMER = (dom) => `
import { QuietpageError, createReader, decodeHtml, detectEncoding, isProbablyReaderable, parse, parsePages } from 'quietpage';
import type { Article, HtmlInput, LoadOptions, PagedArticle, ParseOptions, QuietpageErrorCode } from 'quietpage';
import { createWorkerReader } from 'quietpage/worker';
import type { WorkerOptions, WorkerReader } from 'quietpage/worker';

function describeError(error: unknown): string {
  if (!(error instanceof QuietpageError)) return 'not ours';
  switch (error.code) {
    case 'INVALID_ARGUMENT': case 'INVALID_URL': return 'caller';
    case 'INPUT_TOO_LARGE': case 'TOO_MANY_ELEMENTS': case 'OUT_OF_MEMORY': case 'OUTPUT_TOO_LARGE': case 'TIMEOUT': return 'limits';
    case 'WASM_LOAD_FAILED': case 'WORKER_FAILED': case 'INTERNAL': return 'quietpage';
    default: {
      const unreachable: never = error.code;
      return unreachable;
    }
  }
}

function summary(article: Article | null): string {
  if (article === null) return 'no article';
  const title: string = article.title;
  const byline: string | null = article.byline;
  const dir: string | null = article.dir;
  const counts: number = article.length + article.wordCount + article.readingTime;
  const extra: Array<string | null> = [article.lang, article.excerpt, article.siteName, article.publishedTime,
    article.author, article.modifiedTime, article.leadImage, article.canonicalUrl, article.nextPageUrl];
  return [title, byline ?? '', dir ?? '', article.content, article.textContent, String(counts), ...extra].join(' ');
}

export async function main(html: string, bytes: Uint8Array): Promise<string[]> {
  const options: ParseOptions = {
    url: new URL('https://example.com/news/a.html'), charset: 'text/html; charset=windows-1252',
    charThreshold: 500, nbTopCandidates: 5, maxInputBytes: 1 << 26, maxElements: 2_000_000, maxDepth: 512,
    maxAttributes: 128, maxMemoryBytes: 1 << 30, maxOutputBytes: 1 << 26, timeoutMs: 0, debug: false,
  };
  const inputs: HtmlInput[] = [html, bytes, bytes.buffer as ArrayBuffer, new DataView(bytes.buffer)];
  const load: LoadOptions = { wasmUrl: new URL('./quietpage_core.wasm', import.meta.url) };

  const reader = await createReader(load);
  const out = inputs.map((input) => summary(reader.parse(input, options)));
  out.push(summary(await parse(bytes, { url: 'https://example.com/', charset: 'shift_jis' })));
  // An article over pages: the caller's fetch gives strings, bytes or Responses.
  const paged: PagedArticle | null = await parsePages(html, {
    url: 'https://example.com/news/a.html', fetch: async (url: string) => (url.endsWith('/2') ? bytes : html), maxPages: 3,
    onPage: ({ page, url, article }) => { out.push(String(page), url, summary(article)); },
  });
  if (paged) out.push(paged.pageUrls.join(' '), paged.nextPageUrl ?? 'last page');
  const readerable: boolean = reader.isProbablyReaderable(bytes, { minContentLength: 140, minScore: 20 })
    && await isProbablyReaderable(html);
  const memory: { heapBytes: number; usedBytes: number } = reader.memoryUsage();
  await reader.ready();
${dom ? `
  // Readability's serializer: content is what it returns.
  const asNodes: Article<Element> | null = reader.parse(html, { serializer: (element) => element });
  const asText = await parse(html, { url: 'https://example.com/', serializer: (element: Element) => element.textContent ?? '' });
  if (asNodes && asText) out.push(asNodes.content.tagName, asText.content.toUpperCase());
` : ''}
  const { encoding, source } = detectEncoding(bytes, 'iso-8859-1');
  const decoded: string = decodeHtml(bytes, encoding);
  const code: QuietpageErrorCode = 'INTERNAL';
  const made = new QuietpageError(code, 'made by hand', { cause: new Error('cause') });

  const workerOptions: WorkerOptions = { workerUrl: new URL('/assets/worker.js', 'https://example.com/'), wasmUrl: '/assets/quietpage_core.wasm' };
  const worker: WorkerReader = createWorkerReader(workerOptions);
  await worker.ready();
  const fromWorker: Article | null = await worker.parse(bytes, { url: 'https://example.com/' });
  const workerReaderable: boolean = await worker.isProbablyReaderable(html);
  // @ts-expect-error: a serializer can't be sent to a worker
  await worker.parse(html, { serializer: (element: unknown) => element });
  await worker.terminate();

  try {
    reader.parse(html, { url: 'not a url' });
  } catch (error) {
    out.push(describeError(error));
    if (error instanceof QuietpageError) {
      // @ts-expect-error: codes are a closed union
      if (error.code === 'NO_SUCH_CODE') out.push('impossible');
    }
  }
  // @ts-expect-error: url must be a string or URL
  await parse(html, { url: 42 });
  // @ts-expect-error: numbers are not pages
  await parse(1234);
  // @ts-expect-error: unknown options are refused
  await parse(html, { keepClass: true });

  out.push(summary(fromWorker), String(readerable && workerReaderable), String(memory.heapBytes), source, decoded, made.code, made.name);
  return out;
}
`;

    function project(name, compilerOptions, dom) {
      const dir = join(app, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'consumer.ts'), CONSUMER(dom));
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: {
          strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022',
          noEmit: true, skipLibCheck: false, ...compilerOptions,
        },
        files: ['consumer.ts'],
      }, null, 2));
      return dir;
    }

    async function typeCheck(dir) {
      try {
        await run(tsc, ['--noEmit', '-p', join(dir, 'tsconfig.json')], { cwd: dir });
      } catch (error) {
        assert.fail(`tsc found errors:\n${error.stdout}${error.stderr}`);
      }
    }

    it('type-checks a strict browser consumer (lib dom) with zero errors', async () => {
      await typeCheck(project('ts-browser', { lib: ['es2022', 'dom'], types: [] }, true));
    });

    it('type-checks a strict Node consumer (@types/node, no lib dom) with zero errors', async () => {
      const types = join(app, 'node_modules', '@types');
      mkdirSync(types, { recursive: true });
      if (!existsSync(join(types, 'node'))) symlinkSync(join(repoModules, '@types', 'node'), join(types, 'node'), 'dir');
      assert.ok(statSync(join(types, 'node', 'index.d.ts')).isFile(), '@types/node from the repo');
      await typeCheck(project('ts-node', { lib: ['es2022'], types: ['node'] }, false));
    });
  });
});
