// Shared helpers of the end-to-end tests: Debian's Chromium through playwright-core, a page
// opened with its errors collected, and small waits and reads.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';

const require = createRequire(new URL('../../.tools/package.json', import.meta.url));
const { chromium } = require('playwright-core');

/** Where the site is served (tests/e2e/run.sh sets it). */
export const BASE = process.env.GDVIZ_URL ?? 'http://127.0.0.1:8093/';
/** Where screenshots go, to be looked at. */
export const OUT = new URL('./out/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

/** Starts headless Chromium with the flags this machine needs (root, no network). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Opens `path` in a new context and waits until every widget reports its state.
 * `problems` collects page errors and console errors: a test ends by asserting it is empty.
 */
export async function open(browser, path, options = { viewport: { width: 1000, height: 1000 }, deviceScaleFactor: 2 }) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(BASE + path);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-gdviz]')].every((el) => el.dataset.state));
  return { page, problems, context };
}

/** The parsed `data-state` of the first widget of `kind` (or matching `selector`). */
export const state = (page, kind) => page.$eval(`[data-gdviz="${kind}"]`, (el) => JSON.parse(el.dataset.state));

/** Resolves after two animation frames, when every requested redraw has happened. */
export const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** |a − b| ≤ tol. */
export const close = (a, b, tol = 1e-9) => Math.abs(a - b) <= tol;
