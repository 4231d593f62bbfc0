// Where the code runs, and Node's built-in modules for the Node-only paths.
//
// The built-ins are imported through a variable so that bundlers targeting
// browsers (esbuild, webpack, Vite) leave them alone instead of failing to
// resolve `node:fs/promises` and friends; browsers never take these paths.

export const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

/** import() of a Node built-in module, e.g. nodeBuiltin('node:worker_threads'). */
export const nodeBuiltin = (name) => import(/* webpackIgnore: true */ /* @vite-ignore */ name);
