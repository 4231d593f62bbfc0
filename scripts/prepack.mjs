// npm's prepack hook (npm pack, npm publish): refuses to pack a package
// without its WebAssembly core, which is built, not committed.
//   node scripts/prepack.mjs [DIR]   (default: the current directory)
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const CORE = ['dist/wasm/quietpage_core.mjs', 'dist/wasm/quietpage_core.wasm'];

const problems = [];
for (const file of CORE) {
  const path = join(root, file);
  if (!existsSync(path) || statSync(path).size === 0) problems.push(`${file} is missing`);
}
const wasm = join(root, CORE[1]);
if (!problems.length && !readFileSync(wasm).subarray(0, 4).equals(Buffer.from('\0asm'))) {
  problems.push(`${CORE[1]} is not a WebAssembly module`);
}
if (problems.length) {
  console.error(`prepack: ${problems.join('; ')}: build the core first (npm run build, or bash scripts/build.sh wasm), then pack`);
  process.exit(1);
}
