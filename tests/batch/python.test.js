// The Python binding and its Dask recipe, with Debian's /usr/bin/python3:
// its own unit tests (tests/python), the same articles as the JavaScript API
// on Mozilla's pages (every field), and a Dask run over WARC shards with two
// worker processes writing the same JSON lines as quietpage-batch.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { createReader } from '../../js/index.js';
import { FRENCH_PAGE, windows1252 } from './fixtures.js';
import { BATCH, python, pythonMissing, repoRoot, run, shared } from './helpers.js';
import { httpResponse, pageRecords, warcFile, warcinfo, warcRecord } from './warc.js';

const camelCase = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

describe('the Python binding', { skip: pythonMissing() ?? false }, () => {
  let dir;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'quietpage-python-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes its unit tests (tests/python)', async () => {
    const { code, stderr } = await python(['-m', 'unittest', 'discover', '-s', join(repoRoot, 'tests', 'python')]);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /^OK/m);
  });

  it("gives the JavaScript API's article, every field, on Mozilla's pages", { skip: shared('corpus', 'readability') ? false : '../shared/corpus/readability not found' }, async () => {
    const base = shared('corpus', 'readability');
    const names = readdirSync(base).sort();
    const url = 'http://fakehost/test/page.html';
    const script = String.raw`
import dataclasses, json, sys, quietpage
base, url, names = sys.argv[1], sys.argv[2], sys.argv[3:]
out = []
for name in names:
    with open(f"{base}/{name}/source.html", encoding="utf-8") as f:
        article = quietpage.parse(f.read(), url=url, markdown=True)
    out.append(dataclasses.asdict(article) if article else None)
json.dump(out, sys.stdout)
`;
    const { code, stdout, stderr } = await python(['-c', script, base, url, ...names]);
    assert.equal(code, 0, stderr);
    const results = JSON.parse(stdout);
    const reader = await createReader();
    let articles = 0;
    names.forEach((name, i) => {
      const html = readFileSync(join(base, name, 'source.html'), 'utf8');
      const expected = reader.parse(html, { url, markdown: true });
      if (!expected) {
        assert.equal(results[i], null, name);
        return;
      }
      articles++;
      const { length, ...fields } = expected;
      const got = Object.fromEntries(Object.entries(results[i]).map(([key, value]) => [camelCase(key), value]));
      assert.deepEqual(got, fields, name);
    });
    assert.ok(articles > 100, `${articles} articles`);
  });

  it('maps the binding over WARC shards with Dask (2 workers) and writes what quietpage-batch writes', async () => {
    const news = readFileSync(join(repoRoot, 'tests', 'fixtures', 'cluttered-news.html'));
    const fixtures = ['list-article.html', 'media-article.html', 'rtl-article.html', 'table-article.html'];
    const shards = [0, 1, 2].map((shard) => {
      const records = [warcinfo()];
      for (let i = 0; i < 8; i++) {
        const body = readFileSync(join(repoRoot, 'tests', 'fixtures', fixtures[(shard + i) % fixtures.length]));
        records.push(...pageRecords(`https://news.example/${shard}/${i}`, { body }));
      }
      records.push(...pageRecords(`https://journal.example/${shard}`, { contentType: 'text/html; charset=windows-1252', body: windows1252(FRENCH_PAGE) }));
      records.push(warcRecord({ type: 'response', uri: `https://news.example/${shard}/logo.png`, contentType: 'application/http; msgtype=response', block: httpResponse({ contentType: 'image/png', body: Buffer.from('\x89PNG\r\n\x1a\n') }) }));
      // The last shard ends inside a record.
      if (shard === 2) records.push(pageRecords('https://news.example/cut', { body: news })[1].subarray(0, 3000));
      const path = join(dir, `shard-${shard}.warc${shard === 1 ? '' : '.gz'}`);
      writeFileSync(path, warcFile(records, shard === 1 ? 'none' : 'record'));
      return path;
    });
    const batch = await run(BATCH, ['-q', ...shards]);
    assert.equal(batch.code, 0, batch.stderr);

    // The command line with its own LocalCluster, then the API against a
    // scheduler address (as on a multi-machine cluster).
    const out = join(dir, 'out');
    const cli = await python(['-m', 'quietpage_dask', '--workers', '2', '--output', out, ...shards]);
    assert.equal(cli.code, 0, cli.stderr);
    const script = String.raw`
import sys
from distributed import LocalCluster
from quietpage_dask import extract_warcs
with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
    print("\n".join(extract_warcs(sys.argv[2:], sys.argv[1], scheduler=cluster.scheduler_address)))
`;
    const out2 = join(dir, 'out2');
    const api = await python(['-c', script, out2, ...shards]);
    assert.equal(api.code, 0, api.stderr);
    assert.deepEqual(api.stdout.trim().split('\n'), ['00000', '00001', '00002'].map((n) => join(out2, `${n}.jsonl`)));

    for (const folder of [out, out2]) {
      const parts = readdirSync(folder).sort();
      assert.deepEqual(parts, ['00000.jsonl', '00001.jsonl', '00002.jsonl']);
      assert.equal(parts.map((part) => readFileSync(join(folder, part), 'utf8')).join(''), batch.stdout);
    }
    assert.match(batch.stdout, /"error":"MALFORMED_RECORD"/);
    assert.match(batch.stdout, /Déjà vu — “quoted”/);
  });
});
