// Shared by the batch tests: the native builds they run, and running them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from '../js/helpers.js';

export { repoRoot, shared, sharedDir } from '../js/helpers.js';

// QUIETPAGE_BATCH: another build of it (scripts/sanitize.sh runs the tests on its ASan build).
export const BATCH = process.env.QUIETPAGE_BATCH ?? join(repoRoot, 'build', 'native', 'quietpage-batch');
export const PYTHON_PATH = join(repoRoot, 'build', 'native', 'python');
/** Debian's Python, which the binding is built for (`python3` on PATH may be another). */
export const PYTHON = '/usr/bin/python3';

/** Why the Python tests can't run, or null when they can. */
export function pythonMissing() {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  if (!existsSync(join(PYTHON_PATH, 'quietpage', '__init__.py'))) {
    return 'the Python binding is not built (build/native/python: install pybind11-dev, then `bash scripts/build.sh native`)';
  }
  return null;
}

/**
 * Runs a command to its end (synchronously: the batch tests serve nothing).
 * @returns {{ code: number | null, stdout: string, stderr: string }}
 */
export function run(command, args, { input, env, cwd = repoRoot } = {}) {
  const result = spawnSync(command, args, {
    cwd, env: { ...process.env, ...env }, input: input ?? '', encoding: 'utf8', maxBuffer: 1 << 30,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs Debian's Python with the binding importable. */
export function python(args, options = {}) {
  return run(PYTHON, args, { ...options, env: { PYTHONPATH: PYTHON_PATH, ...options.env } });
}

/** The JSON lines of an output, parsed. */
export const jsonLines = (text) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
