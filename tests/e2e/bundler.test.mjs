// End-to-end: a real bundler. run.sh packs dist/ into gdviz-VERSION.tgz (make pack), installs
// it in the minimal Vite site of tests/e2e/vite-site, which imports 'gdviz', builds it with
// Vite and serves the output under /blog/vite-app/ with the blog's strict CSP.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test, launch, open, frames, OUT, fetchedPaths, byteLengths } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('bundler: a Vite-built site that imports the package mounts, draws and steps its figures under a sub-path and a strict CSP', async () => {
  const { page, context } = await open(browser, 'blog/vite-app/index.html', { viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
  await page.waitForSelector('body[data-gdviz-ready]');
  const el = JSON.parse(await page.$eval('#element', (e) => e.dataset.state));
  // The saddle at (1, 0.5): f = 1 − 0.25, ∇f = (2, −1).
  assert.deepEqual([el.kind, el.fn, el.f, el.grad], ['contour', 'saddle', 0.75, [2, -1]]);
  // Drawn: the plot's canvas holds more than one colour.
  const colours = await page.$eval('#element canvas', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
    return seen.size;
  });
  assert.ok(colours > 10, `${colours} colours on the canvas`);
  // Steps.
  await page.locator('#div .gdviz-primary').click();
  await frames(page);
  assert.equal(JSON.parse(await page.$eval('#div', (e) => e.dataset.state)).step, 1);
  // The wasm and the stylesheet came from the bundle's assets (renamed by Vite), all found.
  const resources = await page.evaluate(async () => Promise.all(performance.getEntriesByType('resource')
    .map(async (e) => [new URL(e.name).pathname, (await fetch(e.name, { cache: 'no-store' })).status])));
  assert.ok(resources.some(([p]) => /^\/blog\/vite-app\/assets\/gdviz_bg-[\w-]+\.wasm$/.test(p)), JSON.stringify(resources));
  // Figures of two families (calculus and network): the module with every kind, byte for byte.
  // (Each name once: the status check above fetched every resource again.)
  const fetched = await byteLengths(page, [...new Set(await fetchedPaths(page))].filter((p) => p.endsWith('.wasm')));
  assert.deepEqual(fetched, [readFileSync(new URL('../../dist/gdviz_bg.wasm', import.meta.url)).length]);
  assert.ok(resources.some(([p]) => /^\/blog\/vite-app\/assets\/gdviz-[\w-]+\.css$/.test(p)), JSON.stringify(resources));
  assert.deepEqual(resources.filter(([, s]) => s !== 200), []);
  // The widget's styles apply (the card and its buttons).
  assert.equal(await page.$eval('#element', (e) => getComputedStyle(e).display), 'block');
  await page.screenshot({ path: OUT + 'vite-app.png', fullPage: true });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('bundler: a Vite-built page of one family fetches that family\'s module, which Vite emitted, and runs it', async () => {
  const { page, context } = await open(browser, 'blog/vite-app/calculus.html', { viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
  await page.waitForSelector('body[data-gdviz-ready]');
  const el = JSON.parse(await page.$eval('#element', (e) => e.dataset.state));
  assert.deepEqual([el.kind, el.fn, el.f, el.grad], ['contour', 'saddle', 0.75, [2, -1]]);
  await page.locator('#div .gdviz-primary').click();
  await frames(page);
  assert.equal(JSON.parse(await page.$eval('#div', (e) => e.dataset.state)).step, 1);
  // One wasm fetched, renamed by Vite: the calculus module's bytes, not the module with every kind's.
  const wasm = await page.evaluate(async () => Promise.all(performance.getEntriesByType('resource')
    .filter((e) => e.name.endsWith('.wasm'))
    .map(async (e) => [new URL(e.name).pathname, (await (await fetch(e.name)).arrayBuffer()).byteLength])));
  const size = (f) => readFileSync(new URL(`../../dist/${f}`, import.meta.url)).length;
  assert.equal(wasm.length, 1, JSON.stringify(wasm));
  assert.match(wasm[0][0], /^\/blog\/vite-app\/assets\/gdviz_bg-[\w-]+\.wasm$/);
  assert.equal(wasm[0][1], size('modules/calculus/gdviz_bg.wasm'), `${JSON.stringify(wasm)}; every kind: ${size('gdviz_bg.wasm')}`);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});
