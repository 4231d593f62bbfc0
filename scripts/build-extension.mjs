// Builds the browser extension (Manifest V3), one package per browser family:
//
//   npm run build            (builds dist/wasm/ first)
//   npm run build:extension
//
// dist/extension/ (Chromium) gets extension/ (without its README and icon
// generator), the modules its scripts import from the repo (js/reader.js and
// what it imports, reader-view/), reader-view's style sheets, the Atkinson
// Hyperlegible fonts from node_modules/@fontsource/atkinson-hyperlegible
// (reader-view/fonts/) and dist/wasm/quietpage_core.{mjs,wasm}, each at the
// same relative place as in the repo, so the imports and js/loader.js find
// them unchanged. dist/extension-firefox/ (Firefox) holds the same files. The
// two differ in their manifest only: extension/manifest.json declares what
// both browsers need, and each package keeps the keys its browser knows (see
// BROWSERS below); both get package.json's version. Each folder is zipped to
// dist/quietpage-extension-<version>-<browser>.zip.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'extension');
const out = join(root, 'dist', 'extension');
const outFirefox = join(root, 'dist', 'extension-firefox');
const CORE = ['dist/wasm/quietpage_core.mjs', 'dist/wasm/quietpage_core.wasm'];
// Files of the repo the extension uses that no import names.
const ASSETS = ['reader-view/reader.css', 'reader-view/fonts.css'];
const FONTS = join(root, 'node_modules', '@fontsource', 'atkinson-hyperlegible', 'files');
// Files of extension/ that are not part of the extension itself.
const SOURCE_ONLY = new Set(['README.md', 'icons/generate.mjs']);

function fail(message) {
  console.error(`build-extension: ${message}`);
  process.exit(1);
}

const missing = CORE.filter((file) => !existsSync(join(root, file)));
if (missing.length) fail(`${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing: run npm run build first`);

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Browsers want 1 to 4 dot-separated integers; a pre-release tag goes to version_name.
const numeric = /^\d+(\.\d+){0,3}/.exec(version ?? '')?.[0];
if (!numeric) fail(`package.json version ${JSON.stringify(version)} does not start with a number`);

for (const dir of [out, outFirefox]) rmSync(dir, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/** Paths of the files under dir, relative to it, with forward slashes. */
function listFiles(dir, prefix = '') {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(path).isDirectory() ? listFiles(path, rel) : [rel];
  });
}

const copied = [];
for (const file of listFiles(source)) {
  if (SOURCE_ONLY.has(file)) continue;
  cpSync(join(source, file), join(out, file));
  copied.push(file);
}

// The modules the extension's scripts import that are not in extension/
// (./js/reader.js and what it imports), taken from the same path in the repo.
const IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?['"](\.{1,2}\/[^'"]+)['"]/g;
const pending = copied.filter((file) => /\.m?js$/.test(file));
const seen = new Set(pending);
while (pending.length) {
  const file = pending.pop();
  const text = readFileSync(join(out, file), 'utf8');
  for (const [, specifier] of text.matchAll(IMPORT)) {
    const target = posix.normalize(posix.join(posix.dirname(file), specifier));
    if (target.startsWith('..')) fail(`${file} imports ${specifier}, outside the extension`);
    if (seen.has(target)) continue;
    seen.add(target);
    if (!existsSync(join(out, target))) {
      const from = join(root, target);
      if (!existsSync(from)) fail(`${file} imports ${specifier}, but ${target} exists neither in extension/ nor in the repo`);
      mkdirSync(dirname(join(out, target)), { recursive: true });
      cpSync(from, join(out, target));
      copied.push(target);
    }
    if (/\.m?js$/.test(target)) pending.push(target);
  }
}
if (!existsSync(FONTS)) fail('node_modules/@fontsource/atkinson-hyperlegible is missing: run npm ci');
const fonts = readFileSync(join(root, 'reader-view', 'fonts.css'), 'utf8').matchAll(/url\(fonts\/([\w.-]+\.woff2)\)/g);
for (const [, name] of fonts) {
  mkdirSync(join(out, 'reader-view', 'fonts'), { recursive: true });
  cpSync(join(FONTS, name), join(out, 'reader-view', 'fonts', name));
  copied.push(`reader-view/fonts/${name}`);
}
// The fonts' licence (SIL OFL 1.1) travels with them.
cpSync(join(FONTS, '..', 'LICENSE'), join(out, 'reader-view', 'fonts', 'LICENSE.txt'));
copied.push('reader-view/fonts/LICENSE.txt');
for (const file of [...CORE, ...ASSETS]) {
  if (!existsSync(join(out, file))) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    cpSync(join(root, file), join(out, file));
    copied.push(file);
  }
}

// What each browser's manifest leaves out of extension/manifest.json: keys
// the other browser alone knows. Chromium: Firefox's background scripts and
// add-on settings. Firefox: the service worker (it runs `scripts`),
// Chromium's minimum version and pageCapture (no such API in Firefox).
const BROWSERS = {
  chromium: {
    dir: out,
    edit(manifest) {
      delete manifest.background.scripts;
      delete manifest.browser_specific_settings;
    },
  },
  firefox: {
    dir: outFirefox,
    edit(manifest) {
      delete manifest.background.service_worker;
      delete manifest.minimum_chrome_version;
      manifest.optional_permissions = manifest.optional_permissions?.filter((permission) => permission !== 'pageCapture');
      if (!manifest.optional_permissions?.length) delete manifest.optional_permissions;
    },
  },
};

const manifestSource = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
manifestSource.version = numeric;
if (numeric !== version) manifestSource.version_name = version;
else delete manifestSource.version_name;
cpSync(out, outFirefox, { recursive: true });

const zips = [];
for (const [browser, { dir, edit }] of Object.entries(BROWSERS)) {
  const manifest = structuredClone(manifestSource);
  edit(manifest);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const zipPath = join(root, 'dist', `quietpage-extension-${version}-${browser}.zip`);
  rmSync(zipPath, { force: true });
  try {
    execFileSync('zip', ['-q', '-r', '-X', '-9', zipPath, '.'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (error) {
    fail(error.code === 'ENOENT'
      ? 'the zip command is missing (Debian/Ubuntu: apt-get install zip)'
      : `zip failed: ${error.message}`);
  }
  zips.push(zipPath);
}

const rel = (path) => relative(root, path).split(sep).join('/');
const size = (path) => `${(statSync(path).size / 1024).toFixed(0)} KiB`;
console.log(`build-extension: ${copied.length} files in ${rel(out)}/ and ${rel(outFirefox)}/ (version ${version})`);
for (const zip of zips) console.log(`build-extension: ${rel(zip)} (${size(zip)})`);
