// The extension with its optional permissions granted, in headless Chromium:
// the host permission for the test server's site (the toolbar icon marks
// article pages as they load, never a link directory), pageCapture (a file://
// page's images reach the reader page) and file access (chrome://extensions'
// switch). Chromium's permission prompt can't be answered headless, so the
// test loads a copy of the built extension whose manifest lists them as
// granted. Also drives the toggle-reader command through commands.onCommand.
//
//   node --test --test-concurrency=1 tests/browser/extension-permissions.test.js
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import {
  actionTitle, buildExtension, extensionVariant, launch, openReader, savedPage, startServer, waitFor, waitForReader,
} from './extension-harness.js';

describe('the extension with its optional permissions granted', { timeout: 120_000 }, () => {
  let server;
  let browser;
  let variant;
  let page;

  before(async () => {
    buildExtension();
    server = await startServer();
    variant = extensionVariant((manifest) => {
      manifest.host_permissions = ['http://127.0.0.1/*'];
      manifest.permissions.push('pageCapture');
    });
    browser = await launch({ dir: variant });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (variant) rmSync(variant, { recursive: true, force: true });
  });

  it('shows the images of a file:// page', async () => {
    // File access is off until the user turns it on in chrome://extensions
    // (extension/README.md says where); the extension restarts then.
    const extensions = await browser.context.newPage();
    await extensions.goto('chrome://extensions');
    await extensions.evaluate((id) => chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, fileAccess: true }), browser.extensionId);
    await extensions.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    browser.worker = await waitFor('the service worker', async () => {
      const worker = browser.context.serviceWorkers().findLast((w) => w.url().includes(browser.extensionId));
      return worker && await worker.evaluate(() => chrome.action.onClicked.hasListeners()).catch(() => false) && worker;
    });
    const saved = savedPage();
    try {
      await page.goto(saved.url);
      assert.equal(await openReader(browser), 'article');
      assert.equal(await page.textContent('.qp-title'), 'Saving the tide tables');
      assert.equal(await page.getAttribute('.qp-site a', 'href'), saved.url, 'the header links to the file');
      await page.waitForFunction(() => document.querySelector('.qp-content img')?.naturalWidth > 0);
      assert.equal(await page.locator('.qp-content img').count(), 1);
      // Links to other local files stay file: links.
      await page.goBack();
      await page.waitForURL(saved.url);
    } finally {
      saved.remove();
    }
  });

  it('marks article pages as they load, and neither a link directory nor a home page', async () => {
    await page.goto(`${server.origin}/article.html`);
    await waitFor('the article mark', async () => /this page is an article/.test(await actionTitle(browser)), 10_000);
    for (const name of ['link-directory.html', 'no-article.html']) {
      await page.goto(`${server.origin}/${name}`);
      await page.waitForLoadState('load');
      // The check runs when the page has loaded: give it time to (wrongly) mark.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(await actionTitle(browser), 'Reader view (Alt+Shift+R)', name);
    }
  });

  it('opens and closes the reader with the toggle-reader command', async () => {
    const command = () => browser.worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      chrome.commands.onCommand.dispatch('toggle-reader', tab);
    });
    await page.goto(`${server.origin}/article.html`);
    // A dispatched event carries no user gesture, a real shortcut does: the
    // page gets one, or Chromium's history intervention would skip it on Back.
    await page.mouse.click(5, 300);
    await command();
    assert.equal(await waitForReader(browser), 'article');
    await command();
    await page.waitForURL(`${server.origin}/article.html`);
  });

});
