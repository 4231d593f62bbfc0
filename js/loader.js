// Loads and instantiates the WebAssembly core.
//
// The Emscripten glue never fetches or reads files itself: this module gets
// the bytes (fetch in browsers and workers, fs in Node, or what the caller
// passes), compiles them once into a WebAssembly.Module, and instantiates it
// through the glue's instantiateWasm hook. That keeps one code path for
// browsers, workers, extension service workers and Node.
import createQuietpageModule from '../dist/wasm/quietpage_core.mjs';
import { callerBase, nodeModule } from './env.js';
import { QuietpageError } from './errors.js';

// The pattern bundlers recognise (Vite, webpack, Parcel): they copy the .wasm
// into the build and rewrite this URL. Bundlers that don't (esbuild) leave it
// pointing beside the bundle: pass `wasmUrl` (see the README's Bundlers).
const DEFAULT_WASM_URL = new URL('../dist/wasm/quietpage_core.wasm', import.meta.url);

/** @type {Map<string, Promise<WebAssembly.Module>>} */
const compiled = new Map();

async function fetchAndCompile(url) {
  // Node's fetch() doesn't read file: URLs (Deno's and Bun's do).
  const fs = url.protocol === 'file:' ? nodeModule('node:fs/promises') : null;
  if (fs) return WebAssembly.compile(await fs.readFile(url));
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  if (typeof WebAssembly.compileStreaming === 'function' &&
      response.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * The compiled core, from (in order of preference) a module, bytes or a URL
 * given by the caller, else the .wasm file next to this package.
 * @param {{ wasmModule?: WebAssembly.Module, wasmBinary?: ArrayBuffer | ArrayBufferView, wasmUrl?: string | URL }} [source]
 * @returns {Promise<WebAssembly.Module>}
 */
export async function compileCore(source = {}) {
  try {
    if (source.wasmModule) return source.wasmModule;
    if (source.wasmBinary) return await WebAssembly.compile(source.wasmBinary);
    // A string or a URL (of this realm or another: String() gives its href).
    const url = source.wasmUrl ? new URL(String(source.wasmUrl), callerBase()) : DEFAULT_WASM_URL;
    const key = url.href;
    if (!compiled.has(key)) {
      const pending = fetchAndCompile(url);
      compiled.set(key, pending);
      pending.catch(() => compiled.delete(key));
    }
    return await compiled.get(key);
  } catch (error) {
    throw new QuietpageError('WASM_LOAD_FAILED', `could not load the quietpage WebAssembly module: ${error?.message ?? error}`, { cause: error });
  }
}

function glueOptions(instantiate) {
  return {
    instantiateWasm: instantiate,
    // The glue prints only on fatal errors; those surface as exceptions.
    print() {},
    printErr() {},
  };
}

/**
 * A fresh instance of the core (its own memory).
 * @param {WebAssembly.Module} wasmModule
 */
export async function instantiateCore(wasmModule) {
  return createQuietpageModule(glueOptions((imports, receive) => {
    WebAssembly.instantiate(wasmModule, imports).then((instance) => receive(instance, wasmModule));
    return {};
  }));
}

/**
 * A fresh instance, synchronously: possible in Node, workers and service
 * workers, while browsers' main threads may refuse synchronous instantiation
 * (then this throws). The glue runs synchronously once the instance exists,
 * and registers its exports on the object it was given.
 * @param {WebAssembly.Module} wasmModule
 */
export function instantiateCoreSync(wasmModule) {
  const core = glueOptions((imports, receive) => {
    receive(new WebAssembly.Instance(wasmModule, imports), wasmModule);
    return {};
  });
  createQuietpageModule(core).catch(() => {});
  if (typeof core.parse !== 'function') throw new Error('synchronous instantiation did not complete');
  return core;
}
