/**
 * The browser harness (test/support/browser.ts): Chromium loads a page from a server on loopback,
 * runs its script, and a screenshot of the result lands in test/screenshots/. Requests for
 * anywhere but that server are aborted before they leave the browser, and fail the test.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, screenshotsDir } from '../support/browser';

/** The text is computed by the script, so it shows only if the browser ran JavaScript. */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Switchyard browser harness</title></head>
<body><p id="status">the script did not run</p>
<script>document.getElementById('status').textContent = 'set by the script: ' + 6 * 7;</script>
</body></html>`;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('browser harness', () => {
  let server: http.Server;
  let origin: string;
  let browser: Browser;

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url !== '/') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it("shows the text the page's script set, and screenshots it", async () => {
    const context = await browser.newContext();
    const elsewhere: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
    const page = await context.newPage();

    const response = await page.goto(`${origin}/`);
    assert.equal(response?.status(), 200);
    assert.equal(await page.getByText('set by the script: 42', { exact: true }).isVisible(), true, 'the script set the text');

    const file = path.join(screenshotsDir, 'browser-harness.png');
    fs.rmSync(file, { force: true });
    assert.equal(await screenshot(page, 'browser-harness'), file);
    const png = fs.readFileSync(file);
    assert.ok(png.length > PNG_SIGNATURE.length, 'the screenshot has content');
    assert.deepEqual(png.subarray(0, PNG_SIGNATURE.length), PNG_SIGNATURE);

    await context.close();
    assert.deepEqual(elsewhere, [], 'the page asked for nothing beyond the loopback server');
  });
});
