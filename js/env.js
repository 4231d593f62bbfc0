// Node's built-in modules, for the Node-only paths (reading the .wasm file,
// worker threads).
//
// They are fetched with process.getBuiltinModule() (Node 20.16+), a plain
// synchronous call: no import statement or import() that a bundler targeting
// browsers (Vite, webpack, esbuild) would try to resolve, rewrite or choke on,
// and no top-level await. Browsers, Deno's and Bun's web workers and
// extension service workers never take these paths.

/**
 * A Node built-in module, e.g. nodeModule('node:worker_threads'), or null
 * outside Node.
 * @param {string} name
 */
export function nodeModule(name) {
  const process = globalThis.process;
  return typeof process?.getBuiltinModule === 'function' ? process.getBuiltinModule(name) ?? null : null;
}

/**
 * The base of relative URLs a caller gives (wasmUrl, workerUrl): the page or
 * worker, as for fetch(), or Node's current directory.
 * @returns {string | undefined}
 */
export function callerBase() {
  if (typeof globalThis.location?.href === 'string') return globalThis.location.href;
  const url = nodeModule('node:url');
  return url ? url.pathToFileURL(`${globalThis.process.cwd()}/`).href : undefined;
}
