/**
 * Browser tests: the machine's Chromium (src/stack/chromium.ts; `switchyard setup` installs
 * Debian's) driven by playwright-core, and screenshots to look at after a run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig, repoRoot, type Config } from '../../src/config';
import { chromiumPath } from '../../src/stack/chromium';
import { isExecutable } from '../../src/stack/processes';

/** Git-ignored: screenshots are for looking at, not for committing. */
export const screenshotsDir = path.join(repoRoot, 'test', 'screenshots');

const CHROMIUM_ARGS = [
  /** Playwright adds it for `headless: true` too; kept so this list is complete on its own. */
  '--headless',
  /** Tests run as root, where Chromium's sandbox refuses to start. */
  '--no-sandbox',
  /** No GPU on test machines: render in software rather than probe for one. */
  '--disable-gpu',
  /** HTTP over TCP only, no UDP: a test's traffic is plain to follow on loopback. */
  '--disable-quic',
  '--no-first-run',
  /** These three: fewer requests of Chromium's own (updates, sync, prefetching). */
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  /** Even so, Chromium 156 looks up accounts.google.com and update.googleapis.com: no name resolves, only loopback (127.0.0.1, localhost) is reached. */
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/** Chromium, headless; close it in the test's `after`. */
export async function launchBrowser(config: Config = loadConfig()): Promise<Browser> {
  const executablePath = chromiumPath(config);
  // playwright-core has no browser of its own to fall back on: say what to do instead.
  if (!isExecutable(executablePath)) throw new Error(`no Chromium at ${executablePath}: run \`switchyard setup\`, or set SWITCHYARD_CHROMIUM`);
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** Saves the whole page as test/screenshots/<name>.png; returns the file's path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name ${JSON.stringify(name)}: letters, digits, '.', '-' and '_' only`);
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
