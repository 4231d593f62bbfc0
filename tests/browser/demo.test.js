// The demo served by `npm start` (scripts/serve.mjs + demo/): the server's
// own guarantees (no path traversal, /api/fetch refuses what it should), then
// the page end to end in headless Chromium under its strict CSP — samples,
// tabs, pasted HTML, a file, a URL fetched server-side from a second loopback
// server, the no-article and error states — with no console error and no CSP
// violation along the way. Leaves a screenshot in artifacts/demo.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startServer } from '../../scripts/serve.mjs';
import { startDemo, startUpstream } from './demo-harness.js';

const SCREENSHOT = new URL('../../artifacts/demo.png', import.meta.url);

const FRENCH_TITLE = "Canicule : à Bréval-sur-Loire, les cours d'école troquent le bitume contre des arbres";

/** A request with the path sent exactly as written (fetch() would normalize '..'). */
function rawGet(baseUrl, path) {
  return new Promise((resolve, reject) => {
    const req = request(baseUrl, { path, method: 'GET' }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('scripts/serve.mjs', () => {
  let server;
  before(async () => { server = await startServer({ port: 0, host: '127.0.0.1' }); });
  after(async () => { await server?.close(); });

  it('serves the demo, js/ and dist/wasm/ with the right types and no-cache', async () => {
    const cases = [
      ['/', 'text/html'],
      ['/app.js', 'text/javascript'],
      ['/js/worker-client.js', 'text/javascript'],
      ['/samples/index.json', 'application/json'],
      ['/dist/wasm/quietpage_core.wasm', 'application/wasm'],
      ['/preview.html', 'text/html'],
      ['/reader-view/render.js', 'text/javascript'],
      ['/vendor/readability/Readability.js', 'text/javascript'],
    ];
    for (const [path, type] of cases) {
      const response = await fetch(new URL(path, server.url), { method: path.endsWith('.wasm') ? 'HEAD' : 'GET' });
      assert.equal(response.status, 200, path);
      assert.ok(response.headers.get('content-type').startsWith(type), `${path}: ${response.headers.get('content-type')}`);
      assert.equal(response.headers.get('cache-control'), 'no-cache', path);
      await response.arrayBuffer();
    }
    const post = await fetch(server.url, { method: 'POST', body: 'x' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
  });

  it('refuses path traversal, plain or encoded', async () => {
    const attempts = [
      '/js/../../package.json',
      '/js/..%2f..%2fpackage.json',
      '/js/..%2F..%2Fpackage.json',
      '/js/%2e%2e/%2e%2e/package.json',
      '/js/%2E%2E%2F%2E%2E%2Fpackage.json',
      '/dist/wasm/../../../package.json',
      '/dist/wasm/..%2f..%2f..%2fpackage.json',
      '/../package.json',
      '/%2e%2e/package.json',
      '/samples/..%2f..%2fscripts%2fserve.mjs',
      '/js/..%5c..%5cpackage.json',
      '/js/%252e%252e/%252e%252e/package.json',
      '/js/%00../package.json',
    ];
    for (const path of attempts) {
      const { status, body } = await rawGet(server.url, path);
      assert.ok(status >= 400 && status < 500, `${path} answered ${status}`);
      assert.doesNotMatch(body, /"devDependencies"|startServer/, `${path} leaked a file`);
      assert.ok(JSON.parse(body).error.code, `${path}: a JSON error`);
    }
  });

  it('/api/fetch answers bad URLs and other schemes with a 400 JSON error', async () => {
    const cases = [
      ['ftp://example.com/file.html', 'BAD_SCHEME'],
      ['file:///etc/passwd', 'BAD_SCHEME'],
      ['javascript:alert(1)', 'BAD_SCHEME'],
      ['data:text/html,<p>hi</p>', 'BAD_SCHEME'],
      ['not a url', 'BAD_URL'],
      ['/relative/path.html', 'BAD_URL'],
      ['', 'MISSING_URL'],
    ];
    for (const [target, code] of cases) {
      const response = await fetch(new URL(`/api/fetch?url=${encodeURIComponent(target)}`, server.url));
      assert.equal(response.status, 400, target);
      assert.ok(response.headers.get('content-type').startsWith('application/json'), target);
      const { error } = await response.json();
      assert.equal(error.code, code, target);
      assert.ok(error.message.length > 0);
    }
    const missing = await fetch(new URL('/api/fetch', server.url));
    assert.equal(missing.status, 400);
    assert.equal((await missing.json()).error.code, 'MISSING_URL');
  });
});

describe('the demo page in Chromium', () => {
  let demo;
  let upstream;
  let upstreamUrl;

  // A second loopback server: the "web site" the URL box fetches through the
  // demo server. Its page is ISO-8859-1 and says so only in the HTTP header,
  // so the accents come out right only if the charset hint travels through
  // X-Upstream-Content-Type into parse(bytes, { charset }).
  const STORY_TITLE = 'Le marché couvert de Saint-Aubrac rouvre après deux ans de travaux';
  const STORY = `<!DOCTYPE html><html lang="fr"><head><title>${STORY_TITLE}</title></head><body>
    <nav><a href="/">Accueil</a> <a href="/region">Région</a></nav>
    <article><h1>${STORY_TITLE}</h1>
    <p>Sous la grande charpente métallique restaurée, une quarantaine d'étals ont retrouvé leur place samedi matin. Les maraîchers, fromagers et bouchers déplacés pendant les travaux sur un parking voisin ont été accueillis par une foule venue dès l'ouverture.</p>
    <p>Le chantier a permis de remplacer la verrière, de refaire l'isolation et d'installer des chambres froides partagées. Les commerçants paient désormais un loyer modulé selon la surface occupée, une demande qu'ils formulaient depuis des années auprès de la mairie.</p>
    <p>« On a perdu des clients pendant deux ans, mais ils reviennent déjà », se réjouit une primeure installée depuis vingt-trois ans. La municipalité espère attirer de nouveaux producteurs grâce à des emplacements réservés aux jeunes agriculteurs de la vallée.</p>
    </article><footer>© Journal de la vallée</footer></body></html>`;

  before(async () => {
    upstream = await startUpstream({
      '/old-story': { redirect: '/story.html' },
      '/story.html': { body: Buffer.from(STORY, 'latin1'), type: 'text/html; charset=ISO-8859-1' },
    });
    upstreamUrl = upstream.origin;
    demo = await startDemo();
  });
  after(async () => {
    await demo?.close();
    await upstream?.close();
  });

  it('extracts articles from every kind of input, with no console error or CSP violation', { timeout: 60_000 }, async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1440, height: 1000 }, colorScheme: 'light' });
    const page = await context.newPage();
    const problems = [];
    const expectedConsole = [];
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' || /Content[- ]Security[- ]Policy|Refused to/i.test(text)) {
        const line = `${text} (${message.location().url})`;
        const i = expectedConsole.indexOf(line);
        if (i >= 0) expectedConsole.splice(i, 1);
        else problems.push(`console ${message.type()}: ${line}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // Reported to the page's own script as well: collect them there.
    await page.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
      });
    });

    const title = page.locator('#panel-reader .qp-title');
    const content = page.locator('#panel-reader .qp-content');
    const articleState = page.locator('#state-article');

    await page.goto(demo.url);
    await page.locator('#sample option').nth(3).waitFor({ state: 'attached' });

    // --- the cluttered French sample
    await page.selectOption('#sample', 'actualite-cours-oasis.html');
    await articleState.waitFor({ state: 'visible' });
    await title.filter({ hasText: FRENCH_TITLE }).waitFor();
    assert.equal(await title.textContent(), FRENCH_TITLE);
    assert.match(await page.locator('#panel-reader .qp-site').textContent(), /^Info Continue/);
    assert.equal(await page.locator('#panel-reader .qp-author').textContent(), 'Margaux Le Goff');
    assert.match(await page.locator('#parse-time').textContent(), /^\d+(\.\d)? ms$/);
    const text = await content.innerText();
    for (const expected of [
      'Il est à peine 10 heures, ce mardi de juin',
      'Des travaux imaginés avec les élèves',
      'un tiers de la surface a été désimperméabilisé',
      'Les disputes ont nettement diminué, et les enfants reviennent en classe plus calmes',
      "d'ici à 2027",
    ]) assert.ok(text.includes(expected), `reader view shows: ${expected}`);
    assert.equal(await content.locator('figure img').count(), 1, 'the figure and its image');
    for (const clutter of [
      'Nous respectons votre vie privée', // cookie banner
      'Faits divers', // header navigation
      'Les vidéos du moment', // video carousel
      'Fil d', 'Accueil', // breadcrumb
      'Partager sur', 'Copier le lien', // share buttons
      'Lire aussi', 'comment protéger les enfants', 'Faut-il climatiser les écoles', // related links
      'newsletter', "Je m'abonne", // newsletter signup
      'poêle à frire', 'Quatre cent dix mille euros', 'Commentaires', // comments
      'Mentions légales', // footer
    ]) assert.ok(!text.toLowerCase().includes(clutter.toLowerCase()), `clutter left in the reader view: ${clutter}`);
    // The original page is previewed, with its (same-origin) stylesheet applied under the CSP.
    const original = page.frameLocator('#original');
    await original.locator('#cookie-consent').waitFor();
    assert.equal(await original.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(11, 61, 145)');

    // --- the other tabs
    await page.click('#tab-text');
    assert.ok(await page.locator('#panel-text').isVisible());
    const plain = await page.locator('#text-out').textContent();
    assert.ok(plain.includes('Les premières mesures semblent lui donner raison'));
    assert.ok(!plain.includes('poêle à frire'));
    await page.click('#tab-json');
    const json = JSON.parse(await page.locator('#json-out').textContent());
    assert.equal(json.title, FRENCH_TITLE);
    assert.equal(json.lang, 'fr');
    assert.equal(json.siteName, 'Info Continue');
    for (const key of ['content', 'textContent', 'markdown']) assert.ok(!(key in json), `JSON leaves out ${key}`);
    // Arrow keys move between tabs.
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.locator('#tab-text').getAttribute('aria-selected'), 'true');
    await page.click('#tab-markdown');
    const markdownMissing = await page.locator('#markdown-missing').isVisible();
    if (markdownMissing) {
      assert.equal(await page.locator('#markdown-missing').textContent(), 'Markdown output needs a rebuilt core.');
    } else {
      const markdown = await page.locator('#markdown-out').textContent();
      assert.ok(markdown.includes('Des travaux imaginés avec les élèves'), 'the Markdown has the subheadings');
      assert.ok(!markdown.includes('poêle à frire'));
    }
    await page.click('#tab-reader');

    // --- pasted HTML
    const pastedTitle = 'Night trains return to the northern line';
    const para = 'The operator confirmed on Tuesday that sleeper carriages will run three nights a week from the spring, after a trial last winter filled every berth within hours of the tickets going on sale. ';
    await page.fill('#paste', `<html><head><title>${pastedTitle}</title></head><body>
      <header><a href="/">Rail Weekly</a></header><article><h1>${pastedTitle}</h1>
      <p>${para}</p><p>${para.replace('Tuesday', 'Wednesday')}</p><p>${para.replace('three', 'four')}</p></article>
      <aside class="comments"><p>Great news, but will there be a dining car?</p></aside></body></html>`);
    await page.click('#paste-form button[type="submit"]');
    await title.filter({ hasText: pastedTitle }).waitFor();
    assert.ok((await content.innerText()).includes('sleeper carriages will run four nights a week'));
    assert.match(await page.locator('#status-source').textContent(), /Pasted HTML/);

    // --- a file: windows-1252 bytes, detected from its <meta charset>
    const fileTitle = 'Café société : la brûlerie du quai fête ses cent ans';
    const fileHtml = `<html><head><meta charset="windows-1252"><title>${fileTitle}</title></head><body><article><h1>${fileTitle}</h1>
      ${['Les sacs de café vert arrivent toujours par la péniche du mardi, comme en 1925, et la torréfaction commence avant l’aube.',
    'Les habitués reconnaissent l’odeur depuis le pont : c’est le signal que le comptoir ouvrira bientôt ses volets.',
    'La quatrième génération de la famille tient la maison et refuse de déménager vers la zone industrielle.']
    .map((p) => `<p>${p} ${p} ${p}</p>`).join('')}</article></body></html>`;
    await page.setInputFiles('#file', { name: 'brulerie.html', mimeType: 'text/html', buffer: encodeWindows1252(fileHtml) });
    await title.filter({ hasText: fileTitle }).waitFor();
    assert.ok((await content.innerText()).includes('c’est le signal que le comptoir ouvrira'));
    assert.match(await page.locator('#status-encoding').textContent(), /windows-1252.*meta/);

    // --- a URL, fetched by the demo server (through a redirect) from the upstream server
    await page.fill('#url', `${upstreamUrl}/old-story`);
    await page.click('#url-form button[type="submit"]');
    await title.filter({ hasText: STORY_TITLE }).waitFor();
    assert.ok((await content.innerText()).includes("une quarantaine d'étals ont retrouvé leur place"));
    assert.ok(!(await content.innerText()).includes('Journal de la vallée'));
    assert.match(await page.locator('#status-source').textContent(), /story\.html.*redirected/);
    assert.match(await page.locator('#status-encoding').textContent(), /windows-1252.*Content-Type/);

    // --- errors are shown with their code: one the page catches itself...
    await page.fill('#url', 'ftp://example.com/page.html');
    await page.click('#url-form button[type="submit"]');
    await page.locator('#state-error').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#error-code').textContent(), 'BAD_SCHEME');
    assert.match(await page.locator('#error-message').textContent(), /only http and https/);
    // ...and one from /api/fetch (the upstream answers 404; the demo server, 502).
    const missingPage = `${upstreamUrl}/no-such-page.html`;
    // Chromium logs every non-2xx fetch as a console error; this one is expected.
    expectedConsole.push(`Failed to load resource: the server responded with a status of 502 (Bad Gateway) (${demo.url}api/fetch?url=${encodeURIComponent(missingPage)})`);
    await page.fill('#url', missingPage);
    await page.click('#url-form button[type="submit"]');
    await page.locator('#error-code').filter({ hasText: 'UPSTREAM_STATUS' }).waitFor();
    assert.match(await page.locator('#error-message').textContent(), /HTTP 404/);

    // --- the page with no article
    await page.selectOption('#sample', 'directory-homepage.html');
    await page.locator('#state-noarticle').waitFor({ state: 'visible' });
    assert.ok(await page.locator('#state-noarticle').getByText('No article found').isVisible());
    assert.ok(!(await articleState.isVisible()));
    await page.click('#show-anyway');
    await articleState.waitFor({ state: 'visible' });

    // --- the right-to-left sample keeps its direction
    await page.selectOption('#sample', 'maqal-maktaba-layliya.html');
    await title.filter({ hasText: 'مكتبة عامة تفتح أبوابها ليلًا' }).waitFor();
    assert.equal(await page.locator('#panel-reader .qp-article').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('#panel-reader .qp-article').getAttribute('lang'), 'ar');

    // --- theme toggle: follows the system (light here) until clicked
    assert.equal(await page.locator('#theme-toggle').getAttribute('aria-pressed'), 'false');
    await page.click('#theme-toggle');
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
    assert.equal(await page.locator('#theme-toggle').getAttribute('aria-pressed'), 'true');
    await page.click('#theme-toggle');
    assert.equal(await page.locator('html').getAttribute('data-theme'), null);

    // --- back to the French sample for the screenshot
    await page.fill('#url', '');
    await page.fill('#paste', '');
    await page.selectOption('#sample', 'actualite-cours-oasis.html');
    await title.filter({ hasText: FRENCH_TITLE }).waitFor();
    await original.locator('#cookie-consent').waitFor();
    await page.evaluate(() => document.activeElement?.blur());
    mkdirSync(new URL('.', SCREENSHOT), { recursive: true });
    await page.screenshot({ path: fileURLToPath(SCREENSHOT) });

    const violations = await page.evaluate(() => window.cspViolations);
    await context.close();
    assert.deepEqual(violations, [], 'CSP violations');
    assert.deepEqual(problems, [], 'console errors');
    assert.deepEqual(expectedConsole, [], 'the expected console line was seen');
  });
});

/** windows-1252 bytes of a string (only characters that encoding has). */
function encodeWindows1252(text) {
  const specials = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'œ': 0x9c };
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = specials[ch] ?? ch.charCodeAt(0);
    if (code > 0xff) throw new Error(`not in windows-1252: ${ch}`);
    out[i] = code;
  }
  return out;
}
