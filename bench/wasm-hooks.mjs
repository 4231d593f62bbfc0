// Module resolve hook (registered by run.mjs for --wasm DIR): js/loader.js
// imports the Emscripten glue from ../dist/wasm/; this sends that import to
// the glue of the build under test, so glue and .wasm always match. js/
// itself is untouched.
let from;
let to;

export function initialize(data) {
  from = data.from; // file URL of dist/wasm/, with a trailing slash
  to = data.to; // file URL of the build under test, with a trailing slash
}

export async function resolve(specifier, context, nextResolve) {
  if (context.parentURL && /^\.\.?\//.test(specifier)) {
    const url = new URL(specifier, context.parentURL).href;
    if (url.startsWith(from)) return { url: to + url.slice(from.length), format: 'module', shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
