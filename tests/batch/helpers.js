// Shared by the batch tests: the native builds they run, and running them.
import { spawn } from 'node:child_process';
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
 * Runs a command to its end.
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
export function run(command, args, { input, env, cwd = repoRoot } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({
      code,
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
    }));
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

/** Runs Debian's Python with the binding importable. */
export function python(args, options = {}) {
  return run(PYTHON, args, { ...options, env: { PYTHONPATH: PYTHON_PATH, ...options.env } });
}

/** The JSON lines of an output, parsed. */
export const jsonLines = (text) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
