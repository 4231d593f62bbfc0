// Shared by the JS tests: fixtures from the repo, and ../shared when present.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = process.env.QUIETPAGE_SHARED ?? join(repoRoot, '..', 'shared');

export function fixture(name) {
  return readFileSync(join(repoRoot, 'tests', 'fixtures', name), 'utf8');
}

/** Path inside ../shared, or null (with the reason) when it is absent. */
export function shared(...parts) {
  const path = join(sharedDir, ...parts);
  return existsSync(path) ? path : null;
}
