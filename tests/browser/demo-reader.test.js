// The demo's Reader tab is the shared reader view (reader-view/): its
// toolbar's settings apply and persist in localStorage, read aloud and save
// are there, and the page stays within its strict CSP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { startDemo } from './demo-harness.js';

describe('the demo\'s Reader tab', { timeout: 60_000 }, () => {
  let demo;
  before(async () => { demo = await startDemo(); });
  after(async () => { await demo?.close(); });

  it('uses the shared reader view, with settings that persist', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1440, height: 1000 }, colorScheme: 'light', acceptDownloads: true });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(demo.url);
    await page.selectOption('#sample', 'actualite-cours-oasis.html');
    const panel = page.locator('#panel-reader');
    await panel.locator('.qp-title').filter({ hasText: 'Canicule' }).waitFor();
    // The header: the date in the article's language, the calendar day the page gave.
    assert.match(await panel.locator('.qp-meta').textContent(), /^\d{1,2} juin 2025 · \d+ minutes?$/);
    await panel.locator('[data-open="type"]').click();
    await page.click('#qp-panel-type [data-setting="theme"][data-value="sepia"]');
    await page.click('#qp-panel-type .qp-size-up');
    await page.click('#qp-panel-type [data-setting="font"][data-value="legible"]');
    const look = () => panel.evaluate((root) => ({
      background: getComputedStyle(root).backgroundColor,
      size: getComputedStyle(root.querySelector('.qp-content p')).fontSize,
      font: getComputedStyle(root.querySelector('.qp-content p')).fontFamily,
    }));
    const changed = await look();
    assert.deepEqual(changed, { background: 'rgb(246, 239, 223)', size: '20px', font: changed.font });
    assert.match(changed.font, /^"Atkinson Hyperlegible"/);
    // The bundled typeface loads (served from node_modules).
    assert.ok(await page.evaluate(async () => (await document.fonts.load('20px "Atkinson Hyperlegible"')).length > 0));
    await page.reload();
    await panel.locator('.qp-title').filter({ hasText: 'Canicule' }).waitFor();
    assert.deepEqual(await look(), changed);
    // Saving works here too.
    await panel.locator('[data-open="save"]').click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('#qp-panel-save [data-action="markdown"]')]);
    assert.match(file.suggestedFilename(), /^Canicule .*\.md$/);
    await context.close();
    assert.deepEqual(problems, []);
  });
});
