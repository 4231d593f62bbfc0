// The published package, as a user gets it: `npm pack` the repo, install the
// tarball into a fresh project (offline: the package has no dependencies),
// then use it from Node, from an esbuild bundle and unbundled in headless
// Chromium, through its worker API, and from a strict TypeScript project.
//
// The tools (esbuild, playwright-core, typescript, @types/node) are the
// repo's devDependencies, used by path from /work/main/node_modules: nothing
// is downloaded.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const repoModules = join(repoRoot, 'node_modules');
const FIXTURE = join(repoRoot, 'tests', 'fixtures', 'cluttered-news.html');
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
const PACKAGE_FILES = ['package.json', 'LICENSE', 'bin/quietpage.js', ...WASM_FILES];
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare'];

/** Runs npm with a private cache, offline; returns stdout. */
async function npm(args, cwd, cache) {
  const { stdout } = await run('npm', [...args, '--cache', cache, '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return stdout;
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

    it('has no install scripts and no dependencies', () => {
      const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
      for (const script of INSTALL_SCRIPTS) assert.equal(manifest.scripts?.[script], undefined, `scripts.${script}`);
      for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) {
        assert.equal(Object.keys(manifest[field] ?? {}).length, 0, field);
      }
      assert.equal(manifest.bin.quietpage, './bin/quietpage.js');
      assert.ok(existsSync(join(app, 'node_modules', '.bin', 'quietpage')), 'npm linked the bin');
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
const inWorker = await worker.parse(bytes, { url });
await worker.terminate();
let deepImport = null;
try { await import('quietpage/js/reader.js'); } catch (error) { deepImport = error.code; }
const version = createRequire(import.meta.url)('quietpage/package.json').version;
console.log(JSON.stringify({ titles: [shared.title, own.title, inWorker.title], image: own.leadImage, code, deepImport, version }));
`);
      const { stdout } = await run(process.execPath, ['node-check.mjs', FIXTURE], { cwd: app });
      const result = JSON.parse(stdout);
      assert.deepEqual(result.titles, [TITLE, TITLE, TITLE]);
      assert.equal(result.image, 'https://ledger.example/images/ferry.jpg');
      assert.equal(result.code, 'INVALID_ARGUMENT');
      assert.equal(result.deepImport, 'ERR_PACKAGE_PATH_NOT_EXPORTED', 'only the exports map is public');
      assert.equal(result.version, pack.version);
    });

    it('runs the installed CLI (node_modules/.bin and npx)', async () => {
      const bin = await run(join(app, 'node_modules', '.bin', 'quietpage'), [FIXTURE, '--format', 'text'], { cwd: app });
      assert.match(bin.stdout, new RegExp(`^${TITLE}\n\n`));
      const npx = await run('npx', ['--no-install', 'quietpage', '--version'], { cwd: app });
      assert.equal(npx.stdout, `${pack.version}\n`);
    });

    it('createWorkerReader takes the wasm location as a URL object', async () => {
      writeFileSync(join(app, 'worker-url.mjs'), `
import { createWorkerReader } from 'quietpage/worker';
const reader = createWorkerReader({ wasmUrl: new URL('./node_modules/quietpage/dist/wasm/quietpage_core.wasm', import.meta.url) });
try { await reader.ready(); console.log('ready'); } catch (error) { console.log(error.message); } finally { await reader.terminate(); }
`);
      const { stdout } = await run(process.execPath, ['worker-url.mjs'], { cwd: app });
      assert.equal(stdout.trim(), 'ready');
    });
  });

  describe('browser (headless Chromium)', () => {
    let browser;
    let site;
    let esbuild;

    before(async () => {
      assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup.sh (it installs Debian's chromium)`);
      esbuild = (await import('esbuild')).default;
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      site = await serveDirectory(app);
      mkdirSync(join(app, 'src'));
      mkdirSync(join(app, 'public'));
      copyFileSync(FIXTURE, join(app, 'public', 'article.html'));
    });

    after(async () => {
      await browser?.close();
      await new Promise((resolve) => (site ? site.server.close(resolve) : resolve()));
    });

    /** Opens `path` on the loopback site and waits for window.result (set by the page). */
    async function openPage(path) {
      const page = await browser.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
      try {
        await page.goto(`${site.origin}${path}`);
        await page.waitForFunction(() => 'result' in window, null, { timeout: 20_000 })
          .catch((error) => { throw new Error(`${path} did not finish: ${problems.join('; ') || error.message}`); });
        const result = await page.evaluate(() => window.result);
        assert.ok(!result.error, `${path}: ${result.error} ${problems.join('; ')}`);
        return result;
      } finally {
        await page.close();
      }
    }

    const html = (script) => `<!doctype html><html><head><meta charset="utf-8"><title>consumer</title></head>
<body><main id="out"></main><script type="module" src="${script}"></script></body></html>`;

    // What a user writes: the app and the wasm file beside the bundle. esbuild
    // leaves `new URL('../dist/wasm/quietpage_core.wasm', import.meta.url)` in
    // the package alone (it does not copy assets referenced that way), so the
    // app copies the .wasm into its output and passes `wasmUrl`.
    const MAIN = `
import { createReader } from 'quietpage';
import { createWorkerReader } from 'quietpage/worker';

const wasmUrl = new URL('./quietpage_core.wasm', import.meta.url).href;
try {
  const page = await fetch('./article.html').then((r) => r.arrayBuffer());
  const url = new URL('./article.html', location.href).href;
  const reader = await createReader({ wasmUrl });
  const article = reader.parse(page, { url, charset: 'utf-8' });
  document.getElementById('out').textContent = article.title;

  const worker = createWorkerReader({ workerUrl: new URL('./quietpage-worker.js', import.meta.url).href, wasmUrl });
  const inWorker = await worker.parse(page, { url });
  await worker.terminate();
  window.result = { title: document.getElementById('out').textContent, image: article.leadImage, workerTitle: inWorker.title };
} catch (error) {
  window.result = { error: String(error?.stack ?? error) };
}
`;

    async function bundle(options) {
      return esbuild.build({
        absWorkingDir: app,
        bundle: true,
        format: 'esm', // the package uses import.meta.url and top-level await
        platform: 'browser',
        target: 'es2022',
        logLevel: 'silent',
        ...options,
      });
    }

    it('runs an esbuild bundle (wasm copied beside it, worker script as its own entry)', { timeout: 60_000 }, async () => {
      writeFileSync(join(app, 'src', 'main.js'), MAIN);
      writeFileSync(join(app, 'public', 'bundled.html'), html('./main.js'));
      await bundle({
        entryPoints: {
          main: 'src/main.js',
          // The worker's script, by path: bundlers can't see `new URL('./worker.js', import.meta.url)`.
          'quietpage-worker': 'node_modules/quietpage/js/worker.js',
        },
        outdir: 'public',
      });
      copyFileSync(join(installed, 'dist', 'wasm', 'quietpage_core.wasm'), join(app, 'public', 'quietpage_core.wasm'));

      const result = await openPage('/public/bundled.html');
      assert.equal(result.title, TITLE);
      assert.equal(result.workerTitle, TITLE);
      assert.equal(result.image, `${site.origin}/images/ferry.jpg`, 'links resolved against the page URL');
    });

    it('bundles for the browser without Node-specific esbuild options', async () => {
      await bundle({ entryPoints: { plain: 'src/main.js' }, outdir: join('public', 'plain') });
    });

    it('runs unbundled from node_modules with an import map (worker and wasm found by default)', { timeout: 60_000 }, async () => {
      writeFileSync(join(app, 'public', 'unbundled.html'), `<!doctype html><html><head><meta charset="utf-8"><title>consumer</title>
<script type="importmap">{ "imports": {
  "quietpage": "/node_modules/quietpage/js/index.js",
  "quietpage/worker": "/node_modules/quietpage/js/worker-client.js" } }</script></head>
<body><main id="out"></main><script type="module">
import { parse } from 'quietpage';
import { createWorkerReader } from 'quietpage/worker';
try {
  const page = await fetch('./article.html').then((r) => r.text());
  const worker = createWorkerReader();
  await worker.ready();
  const inWorker = await worker.parse(page, { url: location.href });
  const readerable = await worker.isProbablyReaderable(page);
  await worker.terminate();
  const direct = await parse(page);
  document.getElementById('out').textContent = inWorker.title;
  window.result = { title: document.getElementById('out').textContent, direct: direct.title, readerable };
} catch (error) {
  window.result = { error: String(error?.stack ?? error) };
}
</script></body></html>`);
      const result = await openPage('/public/unbundled.html');
      assert.deepEqual(result, { title: TITLE, direct: TITLE, readerable: true });
    });
  });

  describe('TypeScript', () => {
    const tsc = join(repoModules, '.bin', 'tsc');

    const CONSUMER = `
import { QuietpageError, createReader, decodeHtml, detectEncoding, isProbablyReaderable, parse } from 'quietpage';
import type { Article, HtmlInput, LoadOptions, ParseOptions, QuietpageErrorCode } from 'quietpage';
import { createWorkerReader } from 'quietpage/worker';
import type { WorkerReader } from 'quietpage/worker';

function describeError(error: unknown): string {
  if (!(error instanceof QuietpageError)) return 'not ours';
  switch (error.code) {
    case 'INVALID_ARGUMENT': case 'INVALID_URL': return 'caller';
    case 'INPUT_TOO_LARGE': case 'TOO_MANY_ELEMENTS': case 'OUT_OF_MEMORY': case 'OUTPUT_TOO_LARGE': return 'limits';
    case 'WASM_LOAD_FAILED': case 'INTERNAL': return 'quietpage';
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
    article.author, article.modifiedTime, article.leadImage, article.canonicalUrl];
  return [title, byline ?? '', dir ?? '', article.content, article.textContent, String(counts), ...extra].join(' ');
}

export async function main(html: string, bytes: Uint8Array): Promise<string[]> {
  const options: ParseOptions = {
    url: new URL('https://example.com/news/a.html'), charset: 'text/html; charset=windows-1252',
    charThreshold: 500, nbTopCandidates: 5, maxInputBytes: 1 << 26, maxElements: 2_000_000, maxDepth: 512,
    maxAttributes: 1000, maxMemoryBytes: 1 << 30, maxOutputBytes: 1 << 26,
  };
  const inputs: HtmlInput[] = [html, bytes, bytes.buffer as ArrayBuffer, new DataView(bytes.buffer)];
  const load: LoadOptions = { wasmUrl: new URL('./quietpage_core.wasm', import.meta.url) };

  const reader = await createReader(load);
  const out = inputs.map((input) => summary(reader.parse(input, options)));
  out.push(summary(await parse(bytes, { url: 'https://example.com/', charset: 'shift_jis' })));
  const readerable: boolean = reader.isProbablyReaderable(bytes, { minContentLength: 140, minScore: 20 })
    && await isProbablyReaderable(html);
  const memory: { heapBytes: number; usedBytes: number } = reader.memoryUsage();
  await reader.ready();

  const { encoding, source } = detectEncoding(bytes, 'iso-8859-1');
  const decoded: string = decodeHtml(bytes, encoding);
  const code: QuietpageErrorCode = 'INTERNAL';
  const made = new QuietpageError(code, 'made by hand', { cause: new Error('cause') });

  const worker: WorkerReader = createWorkerReader({ workerUrl: '/assets/quietpage-worker.js', wasmUrl: '/assets/quietpage_core.wasm' });
  await worker.ready();
  const fromWorker: Article | null = await worker.parse(bytes, { url: 'https://example.com/' });
  const workerReaderable: boolean = await worker.isProbablyReaderable(html);
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

  out.push(summary(fromWorker), String(readerable && workerReaderable), String(memory.heapBytes), source, decoded, made.code, made.name);
  return out;
}
`;

    function project(name, compilerOptions) {
      const dir = join(app, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
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
      await typeCheck(project('ts-browser', { lib: ['es2022', 'dom'], types: [] }));
    });

    it('type-checks a strict Node consumer (@types/node, no lib dom) with zero errors', async () => {
      const types = join(app, 'node_modules', '@types');
      mkdirSync(types, { recursive: true });
      if (!existsSync(join(types, 'node'))) symlinkSync(join(repoModules, '@types', 'node'), join(types, 'node'), 'dir');
      assert.ok(statSync(join(types, 'node', 'index.d.ts')).isFile(), '@types/node from the repo');
      await typeCheck(project('ts-node', { lib: ['es2022'], types: ['node'] }));
    });
  });
});
