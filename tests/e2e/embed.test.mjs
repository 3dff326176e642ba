// End-to-end: a host blog page, in another folder of the site, embeds widgets with the one
// module script. The loader finds its files relative to itself and links its stylesheet once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE, OUT } from './support.mjs';

test('embed: the loader mounts every widget, explains bad options and breaks nothing', async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 }, deviceScaleFactor: 2 });
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    const failed = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.goto(BASE + 'blog/post.html');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-gdviz]')].every((el) => el.dataset.state));
    const states = await page.$$eval('[data-gdviz]', (els) => Object.fromEntries(els.map((el) => [el.id, JSON.parse(el.dataset.state)])));

    // The saddle's origin is a critical point: zero gradient, reported exactly.
    assert.deepEqual(states.first, { kind: 'contour', fn: 'saddle', x: 0, y: 0, f: 0, grad: [0, 0], norm: 0 });
    assert.equal(states.second.fn, 'himmelblau');
    assert.equal(states.broken.kind, 'contour');
    assert.match(states.broken.error, /data-fn="banana" is not a known function/);
    assert.equal(states.unknown.kind, 'surface');
    assert.match(states.unknown.error, /data-gdviz="surface" is not a gdviz figure/);
    const alerts = await page.$$eval('[role=alert]', (els) => els.map((e) => e.textContent));
    assert.equal(alerts.length, 2);

    // The loader linked its stylesheet exactly once, from its own folder.
    const sheets = await page.$$eval('link[rel=stylesheet]', (ls) => ls.map((l) => new URL(l.href).pathname));
    assert.deepEqual(sheets, ['/gdviz/gdviz.css']);
    // The host's `canvas { height: auto }` does not distort the figure: CSS size is backing / DPR.
    const dims = await page.$eval('#first canvas', (c) => [c.width, c.height, c.getBoundingClientRect().width, c.getBoundingClientRect().height]);
    assert.ok(Math.abs(dims[0] / 2 - dims[2]) < 1 && Math.abs(dims[1] / 2 - dims[3]) < 1, `canvas ${dims}`);
    // The critical point is said in words too.
    const label = await page.$eval('#first canvas', (c) => c.getAttribute('aria-label'));
    assert.match(label, /critical point/);

    await page.screenshot({ path: OUT + 'embed.png', fullPage: true });
    assert.deepEqual(failed, []);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
