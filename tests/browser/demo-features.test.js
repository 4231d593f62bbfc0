// The demo page as a visitor uses it, in headless Chromium: the result comes
// into view on a phone, nothing stale stays beside an error, NOT_HTML for
// what is not a page, the Readability.js comparison (its article and its
// time), ?url= permalinks, the HTML and Markdown downloads, and a quiet
// console on a page full of scripts, inline styles and embeds — whose
// scripts never run, in the preview or in the comparison.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';

import { frameText, startDemo, startUpstream, watchConsole } from './demo-harness.js';

const TITLE = 'The lighthouse keepers spend a last winter on the rock';
const PARAGRAPHS = [
  'For forty-one years the light on the north rock was kept by hand, and this winter the last two keepers are spending their final season there before the lamp is switched to automatic control in the spring.',
  'Their days follow the same pattern their predecessors kept: the lens is cleaned at dawn, the log is written at noon, and the weather is reported to the harbour office every three hours by radio.',
  'The relief boat comes every two weeks when the sea allows it, bringing food, letters and diesel for the generator; in February storms kept it away for twenty-three days in a row.',
  'When the keepers leave in April, the cottage will be turned into a small museum, and the logbooks, which record every ship that passed since the light was built, will go to the county archive.',
];

/** A page like the web's: scripts, inline styles, handlers, embeds, a stylesheet from its own site. */
function noisyPage(origin) {
  const ran = "parent.postMessage('page script ran', '*')";
  return `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="1;url=${origin}/elsewhere">
<title>${TITLE} | The Coast Courier</title>
<meta name="author" content="Ines Calder">
<link rel="stylesheet" href="/site.css" integrity="sha384-notTheRealHashOfThisFileAtAll" crossorigin="anonymous">
<link rel="preload" href="/font.woff2" as="font" crossorigin>
<link rel="icon" href="/favicon.ico">
<style>.masthead { border-bottom: 4px solid rgb(200, 30, 30); }</style>
<script>${ran}; document.title = 'hijacked';</script>
<script src="/tracker.js"></script>
<script type="module">${ran}</script>
</head>
<body onload="${ran}">
<header class="masthead" style="background: rgb(10, 20, 30); color: white">
  <a href="/">The Coast Courier</a> <input autofocus placeholder="Search">
  <svg width="16" height="16"><use href="/sprite.svg#search"/></svg>
</header>
<noscript><p class="no-script-note">You are reading without JavaScript.</p></noscript>
<article>
  <h1>${TITLE}</h1>
  <p class="byline" style="font-style: italic">By Ines Calder</p>
  ${PARAGRAPHS.map((p) => `<p style="font-size: 18px">${p}</p>`).join('\n  ')}
  <figure><img src="/rock.svg" alt="The north rock" onload="${ran}" onerror="${ran}"><figcaption>The north rock in January.</figcaption></figure>
  <p><a href="javascript:${ran}">Share this story</a></p>
  <iframe src="/embed/1" width="560" height="315"></iframe>
  <video src="/clip.mp4" autoplay muted></video>
  <object data="/thing.swf"></object>
  <form action="/subscribe"><input name="email"><button>Subscribe</button></form>
</article>
<script>document.write('<p>Written by a script.</p>')</script>
</body></html>`;
}

const ROCK_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#567"/></svg>';
// 1x1 PNG.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d5a3ee0000000049454e44ae426082', 'hex');

const FRENCH_TITLE = "Canicule : à Bréval-sur-Loire, les cours d'école troquent le bitume contre des arbres";
const FRENCH_URL = 'https://www.infocontinue.example/societe/environnement/canicule-a-breval-sur-loire-les-cours-d-ecole-troquent-le-bitume-contre-des-arbres_6120457.html';
const STORY_TITLE = 'The ferry timetable is back on the noticeboard';
const STORY = `<!DOCTYPE html><html lang="en"><head><title>${STORY_TITLE}</title></head><body>
  <nav><a href="/">Home</a> <a href="/harbour">Harbour</a></nav>
  <article><h1>${STORY_TITLE}</h1>${PARAGRAPHS.map((p) => `<p>${p.replace('keepers', 'crews')}</p>`).join('')}</article>
  <footer>© The Harbour Gazette</footer></body></html>`;
const { version: READABILITY_VERSION } = JSON.parse(await readFile(new URL('../../node_modules/@mozilla/readability/package.json', import.meta.url), 'utf8'));

describe('the demo, as a visitor uses it', { timeout: 180_000 }, () => {
  let demo;
  let web;
  before(async () => {
    demo = await startDemo();
    web = await startUpstream();
    Object.assign(web.routes, {
      '/noisy.html': { body: noisyPage(web.origin) },
      '/site.css': { body: 'article h1 { color: rgb(0, 128, 0); } .no-script-note { color: rgb(1, 2, 3); }', type: 'text/css' },
      '/rock.svg': { body: ROCK_SVG, type: 'image/svg+xml' },
      '/old-story': { redirect: '/story.html' },
      '/story.html': { body: STORY },
      '/data.json': { body: JSON.stringify({ title: STORY_TITLE, html: '<p>not a page</p>' }), type: 'application/json' },
    });
  });
  after(async () => {
    await demo?.close();
    await web?.close();
  });

  /** A new page on the demo, its console watched; without a query, once the first sample shows. */
  async function open(options = {}, query = '') {
    const context = await demo.browser.newContext({ viewport: { width: 1440, height: 1000 }, colorScheme: 'light', ...options });
    // The machine may be busy: waits get a minute.
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    const problems = await watchConsole(page);
    await page.goto(`${demo.url}${query}`);
    if (!query) await page.locator('#panel-reader .qp-title').filter({ hasText: FRENCH_TITLE }).waitFor();
    return { context, page, problems };
  }

  const readerTitle = (page, text) => page.locator('#panel-reader .qp-title').filter({ hasText: text }).waitFor();

  async function fetchUrl(page, url) {
    await page.fill('#url', url);
    await page.click('#url-form button[type="submit"]');
  }

  /** Chromium logs each failed fetch; the demo's /api/fetch answers a page it could not get with a 502. */
  const failedFetch = (url) => `console error: Failed to load resource: the server responded with a status of 502 (Bad Gateway) (${demo.url}api/fetch?url=${encodeURIComponent(url)})`;

  async function expectError(page, code, message) {
    await page.locator('#state-error').waitFor({ state: 'visible' });
    await page.locator('#error-code').filter({ hasText: code }).waitFor();
    if (message) assert.equal(await page.locator('#error-message').textContent(), message);
    // No stale preview beside the error.
    await page.waitForFunction(() => document.querySelector('#original-note').textContent === 'Nothing to preview.');
    assert.equal(await frameText(page, 'original'), '');
  }

  it('on a phone, Parse and Fetch bring the result into view and focus it', async () => {
    const { context, page, problems } = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    // Opening the demo shows the first sample without scrolling anywhere.
    assert.equal(await page.evaluate(() => scrollY), 0);
    // Stacked, the result comes before the original page.
    const top = (selector) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().top + scrollY);
    assert.ok(await top('#result') < await top('.pane-original'));
    assert.ok(await top('#result') > 844, 'the result starts below the first screen');
    // The status line (what was read, how fast) at the top, the result under it.
    const inView = () => page.waitForFunction(() => {
      const status = document.getElementById('status').getBoundingClientRect();
      const result = document.getElementById('result').getBoundingClientRect();
      return Math.abs(status.top - 8) < 2 && result.top > 0 && result.top < innerHeight / 3 && document.activeElement?.id === 'result';
    });

    await page.fill('#paste', STORY);
    await page.click('#paste-form button[type="submit"]');
    await inView();
    await readerTitle(page, STORY_TITLE);

    await page.evaluate(() => { scrollTo(0, 0); document.activeElement.blur(); });
    await fetchUrl(page, `${web.origin}/story.html`);
    await inView();
    await readerTitle(page, STORY_TITLE);
    await context.close();
    assert.deepEqual(problems, []);
  });

  it('an error leaves no stale preview beside it', async () => {
    const { context, page, problems } = await open();
    await page.frameLocator('#original').locator('#cookie-consent').waitFor();
    const missing = `${web.origin}/missing.html`;
    await fetchUrl(page, missing);
    await expectError(page, 'UPSTREAM_STATUS');
    assert.match(await page.locator('#error-message').textContent(), /HTTP 404/);
    // A page again, then an error found before anything is fetched.
    await page.selectOption('#sample', 'blog-flaky-test.html');
    await page.frameLocator('#original').locator('article').first().waitFor();
    await fetchUrl(page, 'ftp://example.com/page.html');
    await expectError(page, 'BAD_SCHEME');
    // Nor a stale Readability.js article.
    await page.click('#compare-toggle');
    await page.frameLocator('#readability').getByText('Nothing to compare').waitFor();
    await context.close();
    assert.deepEqual(problems, [failedFetch(missing)]);
  });

  it('says NOT_HTML for images, JSON and plain text, and still reads odd HTML', async () => {
    const { context, page, problems } = await open();
    const hint = () => page.locator('#error-hint').textContent();

    await page.fill('#paste', 'Just a few words about the harbour, with no markup at all.');
    await page.click('#paste-form button[type="submit"]');
    await expectError(page, 'NOT_HTML', 'The pasted text is plain text (no HTML markup), not an HTML page.');
    assert.match(await hint(), /HTML source/);

    await page.setInputFiles('#file', { name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await expectError(page, 'NOT_HTML', 'photo.png is a PNG image, not an HTML page.');
    await page.setInputFiles('#file', { name: 'export.html', mimeType: 'text/html', buffer: Buffer.from(JSON.stringify({ html: '<p>hi</p>' })) });
    await expectError(page, 'NOT_HTML', 'export.html is JSON, not an HTML page.');

    await fetchUrl(page, `${web.origin}/data.json`);
    await expectError(page, 'NOT_HTML', `${web.origin}/data.json is served as application/json, not an HTML page.`);
    assert.match(await hint(), /does not serve a web page/);

    // A byte-order mark and stray control bytes don't make a page "binary".
    const odd = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(STORY.replace('<nav>', '\u0000\u0001<nav>'))]);
    await page.setInputFiles('#file', { name: 'odd.html', mimeType: 'text/html', buffer: odd });
    await readerTitle(page, STORY_TITLE);
    await context.close();
    assert.deepEqual(problems, []);
  });

  it('compares with Readability.js: its article and its time, beside quietpage\'s', async () => {
    const { context, page, problems } = await open();
    const toggle = page.locator('#compare-toggle');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.ok(await page.locator('#readability').isVisible());
    assert.ok(await page.locator('#original').isHidden());
    const other = page.frameLocator('#readability');
    await other.locator('.qp-title').filter({ hasText: FRENCH_TITLE }).waitFor();
    assert.ok((await other.locator('.qp-content').innerText()).includes('Il est à peine 10 heures'));
    assert.equal(await page.locator('#original-title').textContent(), `Readability.js ${READABILITY_VERSION}`);
    assert.match(await page.locator('#original-note').textContent(),
      /^\d+(\.\d)? ms: DOMParser \d+(\.\d)? ms, then Readability \d+(\.\d)? ms, in a sandboxed frame\.$/);
    // Both times, side by side in the status line.
    assert.ok(await page.locator('#status-readability').isVisible());
    assert.match(await page.locator('#readability-time').textContent(), /^\d+(\.\d)? ms$/);
    assert.match(await page.locator('#parse-time').textContent(), /^\d+(\.\d)? ms$/);

    // In the Reader tab's settings.
    await page.locator('#panel-reader [data-open="type"]').click();
    await page.click('#qp-panel-type [data-setting="theme"][data-value="sepia"]');
    await page.keyboard.press('Escape');
    await other.locator('html[data-theme="sepia"] .qp-title').waitFor();

    // The next page is read by both.
    await page.fill('#paste', STORY);
    await page.click('#paste-form button[type="submit"]');
    await readerTitle(page, STORY_TITLE);
    await other.locator('.qp-title').filter({ hasText: STORY_TITLE }).waitFor();
    assert.ok(!(await other.locator('body').innerText()).includes('Harbour Gazette'));

    // The choice is remembered; off, the original page is back.
    await page.reload();
    await readerTitle(page, FRENCH_TITLE);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await other.locator('.qp-title').filter({ hasText: FRENCH_TITLE }).waitFor();
    await toggle.click();
    assert.equal(await page.locator('#original-title').textContent(), 'Original page');
    assert.ok(await page.locator('#original').isVisible());
    assert.ok(await page.locator('#status-readability').isHidden());
    await context.close();
    assert.deepEqual(problems, []);
  });

  it('opens ?url= permalinks, and the address bar follows the page fetched', async () => {
    const { context, page, problems } = await open({}, `?url=${encodeURIComponent(`${web.origin}/old-story`)}`);
    await readerTitle(page, STORY_TITLE);
    assert.equal(await page.inputValue('#url'), `${web.origin}/old-story`);
    const permalink = () => new URL(page.url()).searchParams.get('url');
    // Where the redirect led, readably written.
    assert.equal(permalink(), `${web.origin}/story.html`);
    assert.ok(page.url().endsWith(`?url=${web.origin}/story.html`), page.url());

    const withQuery = `${web.origin}/story.html?id=7&lang=en+fr`;
    await fetchUrl(page, withQuery);
    await page.waitForFunction((url) => new URL(location.href).searchParams.get('url') === url, withQuery);
    // Reloading the permalink opens the same page.
    await page.reload();
    await readerTitle(page, STORY_TITLE);
    assert.equal(await page.inputValue('#url'), withQuery);
    assert.equal(permalink(), withQuery);

    // Another source: the address is the demo's own again.
    await page.selectOption('#sample', 'actualite-cours-oasis.html');
    await readerTitle(page, FRENCH_TITLE);
    assert.equal(new URL(page.url()).search, '');
    await context.close();
    assert.deepEqual(problems, []);
  });

  it('downloads the article as a standalone HTML document and as Markdown', async () => {
    const { context, page, problems } = await open({ acceptDownloads: true });
    const save = async (action) => {
      await page.locator('#panel-reader [data-open="save"]').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#qp-panel-save [data-action="${action}"]`)]);
      return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
    };
    const html = await save('html');
    assert.match(html.name, /^Canicule à Bréval-sur-Loire, les cours d'école .*\.html$/);
    assert.match(html.text, /^<!doctype html>\n<html lang="fr" class="qp-reader qp-document"/);
    assert.match(html.text, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    assert.ok(html.text.includes('<h1 class="qp-title">Canicule : à Bréval-sur-Loire, les cours d&#39;école troquent le bitume contre des arbres</h1>'));
    assert.ok(html.text.includes('Il est à peine 10 heures'));
    assert.ok(html.text.includes('.qp-reader'), 'the reader\'s styles, inlined');
    assert.doesNotMatch(html.text, /<script|poêle à frire/i);

    const markdown = await save('markdown');
    assert.equal(markdown.name, html.name.replace(/html$/, 'md'));
    assert.ok(markdown.text.startsWith(`# ${FRENCH_TITLE}\n\nMargaux Le Goff · 18 juin 2025\n\nSource: <${FRENCH_URL}>\n\nReportage\n`), markdown.text.slice(0, 400));
    assert.ok(markdown.text.includes('\n## Des travaux imaginés avec les élèves\n'));
    assert.ok(!markdown.text.includes('poêle à frire'));
    await context.close();
    assert.deepEqual(problems, []);
  });

  it('shows a page full of scripts, inline styles and embeds with none of its scripts run and a quiet console', async () => {
    const { context, page, problems } = await open();
    web.requests.length = 0;
    await fetchUrl(page, `${web.origin}/noisy.html`);
    await readerTitle(page, TITLE);
    const preview = page.frameLocator('#original');
    // Its looks: the stylesheet of its own site (whatever its integrity
    // attribute says), its inline styles and style element, its <noscript>.
    const heading = preview.locator('article h1');
    await page.waitForFunction(() => document.querySelector('#original-note').textContent.startsWith('Preview'));
    await heading.filter({ hasText: TITLE }).waitFor();
    await preview.locator('body').evaluate(() => new Promise((resolve) => {
      const sheet = document.querySelector('link[href="/site.css"]');
      if (sheet.sheet) resolve();
      else sheet.addEventListener('load', resolve);
    }));
    assert.equal(await heading.evaluate((el) => getComputedStyle(el).color), 'rgb(0, 128, 0)');
    const masthead = await preview.locator('.masthead').evaluate((el) => ({ background: getComputedStyle(el).backgroundColor, border: getComputedStyle(el).borderBottomColor }));
    assert.deepEqual(masthead, { background: 'rgb(10, 20, 30)', border: 'rgb(200, 30, 30)' });
    assert.equal(await preview.locator('.no-script-note').evaluate((el) => getComputedStyle(el).color), 'rgb(1, 2, 3)');
    assert.ok(await preview.locator('figure img').evaluate((img) => img.complete && img.naturalWidth === 40));
    assert.equal(await preview.locator('script, iframe, video, object, meta[http-equiv], [onload], [onerror], [autofocus]').count(), 0);
    // Clicking its javascript: link does nothing.
    await preview.locator('a[href^="javascript:"]').dispatchEvent('click');

    // Readability.js reads it too, with none of its scripts run either.
    await page.click('#compare-toggle');
    const other = page.frameLocator('#readability');
    await other.locator('.qp-title').filter({ hasText: TITLE }).waitFor();
    assert.ok((await other.locator('.qp-content').innerText()).includes(PARAGRAPHS[3]));
    assert.equal(await other.locator('script, [onload], [onerror]').count(), 0);
    await page.click('#compare-toggle');

    // Give anything left to run, load or complain the time to do it.
    await page.waitForTimeout(1500);
    assert.deepEqual(await page.evaluate(() => window.scriptsThatRan), [], 'the page\'s scripts ran');
    assert.notEqual(await page.title(), 'hijacked');
    for (const path of ['/tracker.js', '/font.woff2', '/favicon.ico', '/sprite.svg', '/embed/1', '/clip.mp4', '/thing.swf', '/elsewhere', '/subscribe']) {
      assert.ok(!web.requests.includes(path), `${path} was requested`);
    }
    assert.deepEqual(problems, []);
    // The watch does see the frames' consoles (so the quiet above means something).
    const frame = page.frames().find((f) => f.url().endsWith('/preview.html'));
    await frame.evaluate(() => console.error('a probe from the preview frame'));
    await page.waitForTimeout(200);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /a probe from the preview frame/);
    await context.close();
  });
});
