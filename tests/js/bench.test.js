// The benchmark's own logic (its numbers are never asserted: timing is not a
// test): summary statistics, the tables it prints, and how it starts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { median, quantile, summarize, table } from '../../bench/stats.mjs';
import { checkTargets } from '../../bench/targets.mjs';

const run = fileURLToPath(new URL('../../bench/run.mjs', import.meta.url));

describe('bench statistics', () => {
  it('computes medians and nearest-rank quantiles', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
    const values = Array.from({ length: 10 }, (_, i) => i + 1);
    assert.equal(quantile(values, 0.9), 9);
    assert.equal(quantile(values, 1), 10);
    assert.equal(quantile([5], 0.5), 5);
  });

  it('compares totals over the pages both systems ran', () => {
    const s = summarize([1, 2, NaN, 4], [2, 2, 100, 4]);
    assert.equal(s.pages, 3);
    assert.equal(s.totalMs, 7);
    assert.equal(s.ratio, 7 / 8);
    assert.equal(s.median, 2);
  });

  it('prints aligned tables', () => {
    const lines = table(['system', 'ms'], [['a', '1.00'], ['longer name', '10.00']]).split('\n');
    assert.deepEqual(lines, ['system          ms', '-----------  -----', 'a             1.00', 'longer name  10.00']);
  });
});

describe('bench targets', () => {
  it('checks each target on totals over the pages both systems ran', () => {
    const node = [
      { id: 'quietpage-string', times: [1, 1, 1] },
      { id: 'quietpage-bytes', times: [1, 1, 2] },
      { id: 'gumbo', times: [1, 1, 1] },
      { id: 'readability-linkedom', times: [2, 2, 2] },
      { id: 'readability-jsdom', times: [30, NaN, NaN] },
    ];
    const heap = { samples: [{ parses: 1, heapBytes: 100 }, { parses: 100, heapBytes: 100 }, { parses: 10000, heapBytes: 104 }] };
    const size = { core: { gzip: 300 * 1024 } };
    const byText = (text) => checkTargets({ node, heap, size }).find((r) => r.target.includes(text));
    assert.equal(byText('linkedom').measured, '0.500x');
    assert.equal(byText('linkedom').met, false);
    assert.equal(byText('jsdom').measured, '0.033x');
    assert.equal(byText('jsdom').met, true);
    assert.equal(byText('overhead').measured, '33.3%');
    assert.equal(byText('overhead').met, false);
    assert.equal(byText('gzipped').met, false);
    assert.equal(byText('heap').measured, '4.00%');
    assert.equal(byText('heap').met, true);
    assert.equal(byText('Chromium'), undefined);  // no browser section, no browser rows
  });
});

describe('bench command', () => {
  it('prints its usage', () => {
    const r = spawnSync(process.execPath, [run, '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /usage: node bench\/run\.mjs/);
  });

  it('rejects a bad option value', () => {
    const r = spawnSync(process.execPath, [run, '--runs', '0'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--runs must be a positive integer/);
  });

  it('skips with a clear message when the pages are not there', () => {
    const r = spawnSync(process.execPath, [run, '--only', 'size'], {
      encoding: 'utf8', env: { ...process.env, QUIETPAGE_SHARED: '/nonexistent/shared' },
    });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /bench: skipped, the pages are not there/);
  });
});
