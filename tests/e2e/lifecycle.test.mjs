// End-to-end: a widget's life after mount. destroy() lets go of everything (events, resizes,
// group partners, the URL) and the element can be mounted again; a resize or a change of the
// device pixel ratio redraws at the new size, and a press still lands where the figure says.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open, frames, skipIn, findPoint } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('destroy() releases listeners, observers, group and URL; the element mounts again', async () => {
  const { page, context } = await open(browser, 'gdviz/index.html', { viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
  // A second contour plot in the page's "point" group, mounted by the exported mount().
  const mounted = await page.evaluate(async () => {
    const m = await import(new URL('gdviz-embed.js', location.href).href);
    await m.ready;
    const el = document.createElement('div');
    el.id = 'extra';
    el.dataset.gdviz = 'contour';
    el.dataset.group = 'point';
    document.querySelector('#fig-contour').after(el);
    window.__extra = { m, el, handle: m.mount(el) };
    return JSON.parse(el.dataset.state);
  });
  assert.deepEqual([mounted.kind, mounted.x, mounted.y], ['contour', 3, 4], 'joins the group at its shared point');
  // It follows its partner, and its id enters the URL once it changes.
  await page.focus('#extra canvas');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => /(^#|&)extra\.x=2\.9(&|$)/.test(location.hash));
  // The partner follows in its own frame. Once, under a CI run's load in Firefox, its state
  // still read x = 3 when the URL (written 250 ms after a frame) had changed; never reproduced
  // since (alone or under load): wait for it, and say if it took that long.
  const waited = await page.evaluate(() => new Promise((res) => {
    const t0 = performance.now();
    const check = () => {
      if (JSON.parse(document.querySelector('#fig-contour').dataset.state).x === 2.9) res(performance.now() - t0);
      else if (performance.now() - t0 > 5000) res(null);
      else requestAnimationFrame(check);
    };
    check();
  }));
  assert.notEqual(waited, null, 'the partner followed');
  if (waited > 1) console.log(`[e2e] the partner's state followed ${waited.toFixed(0)} ms after the URL`);

  const left = await page.evaluate(() => {
    const { el, handle } = window.__extra;
    const canvas = el.querySelector('canvas');
    const before = el.dataset.state;
    handle.destroy();
    // Events on the old canvas and a resize of the element now reach nothing.
    const r = canvas.getBoundingClientRect();
    for (const type of ['pointerdown', 'pointermove', 'pointerup']) {
      canvas.dispatchEvent(new PointerEvent(type, { clientX: r.left + 10, clientY: r.top + 10, pointerId: 1, bubbles: true }));
    }
    canvas.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    return { before, children: el.childElementCount, mountedAttr: el.hasAttribute('data-gdviz-mounted') };
  });
  assert.deepEqual([left.children, left.mountedAttr], [0, false], 'the element is emptied and unmarked');
  // The group partner changes: the destroyed widget neither redraws nor writes its state.
  await page.focus('#fig-contour canvas');
  await page.keyboard.press('ArrowDown');
  await page.evaluate(() => { window.__extra.el.style.width = '300px'; });
  await frames(page);
  await page.waitForFunction(() => !/(^#|&)extra\./.test(location.hash) && /fig-contour\.y=3\.9/.test(location.hash));
  assert.equal(await page.$eval('#extra', (e) => e.dataset.state), left.before, 'no state written after destroy');
  assert.equal(await page.$eval('#extra', (e) => e.childElementCount), 0, 'nothing drawn after destroy');

  // Mounting the same element again works and joins the group at the current point.
  const again = await page.evaluate(() => {
    const { m, el } = window.__extra;
    window.__extra.handle = m.mount(el);
    return JSON.parse(el.dataset.state);
  });
  assert.deepEqual([again.x, again.y], [2.9, 3.9]);
  await page.focus('#extra canvas');
  await page.keyboard.press('ArrowRight');
  await frames(page);
  assert.equal((await page.$eval('#fig-contour', (e) => JSON.parse(e.dataset.state))).x, 3, 'linked again');
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

/**
 * Where the point is drawn, once the page has settled at its new size: two reads a frame apart
 * agree. A resized viewport can reach the page in more than one layout (a CI run in Firefox
 * found the point drawn at one size and, before the press, redrawn about 8 px away at the
 * next), and a press is only judged against the picture the reader sees when pressing.
 */
async function settledPoint(page, what) {
  const canvas = page.locator('#figure canvas').first();
  let p = await findPoint(canvas);
  for (let reads = 1; ; reads++) {
    await frames(page);
    const q = await findPoint(canvas);
    const same = Math.abs(q.x - p.x) < 0.5 && Math.abs(q.y - p.y) < 0.5 && q.backing.join() === p.backing.join() && q.css.join() === p.css.join();
    if (same) {
      if (reads > 1) console.log(`[e2e lag] ${what}: the drawn point settled after ${reads} reads`);
      return q;
    }
    assert.ok(reads < 30, `${what}: the drawn point still moves after ${reads} frames: ${JSON.stringify([p, q])}`);
    p = q;
  }
}

/** Presses where the point is drawn; the point must stay where it was (within a pixel's worth). */
async function pressOnPoint(page, what) {
  const s0 = await page.$eval('#figure', (e) => JSON.parse(e.dataset.state));
  const p = await settledPoint(page, what);
  assert.ok(p.n > 20, `${what}: found the point (${p.n} pixels)`);
  assert.deepEqual(p.backing, p.css.map((v) => Math.round(v * p.dpr)), `${what}: backing store = CSS size × DPR`);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  await page.mouse.up();
  await frames(page);
  const s1 = await page.$eval('#figure', (e) => JSON.parse(e.dataset.state));
  // The plot spans 10 units over a few hundred CSS pixels: one pixel is about 0.03.
  assert.ok(Math.hypot(s1.x - s0.x, s1.y - s0.y) < 0.1, `${what}: the press at the drawn point lands on it: (${s0.x}, ${s0.y}) → (${s1.x}, ${s1.y})`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `${what}: page is ${overflow}px wider than the viewport`);
  return p;
}

const waitForBacking = (page, dpr) => page.waitForFunction((d) => {
  const c = document.querySelector('#figure canvas');
  const r = c.getBoundingClientRect();
  return devicePixelRatio === d && c.width === Math.round(r.width * d) && c.height === Math.round(r.height * d);
}, dpr, { timeout: 10_000 });

test('resize and device-pixel-ratio change after mount: crisp at the new size, presses land on the data', async () => {
  const { page, context } = await open(browser, 'gdviz/embed.html?kind=contour&fn=bowl&x=2&y=-1', { viewport: { width: 900, height: 900 }, deviceScaleFactor: 2 });
  const wide = await pressOnPoint(page, '900 px, DPR 2');
  await page.setViewport({ width: 420, height: 900, deviceScaleFactor: 2 });
  await waitForBacking(page, 2);
  await page.waitForFunction((w) => document.querySelector('#figure canvas').getBoundingClientRect().width < w - 100, wide.css[0]);
  const narrow = await pressOnPoint(page, '420 px, DPR 2');
  assert.ok(narrow.css[0] < wide.css[0], `the canvas shrank: ${wide.css[0]} → ${narrow.css[0]}`);
  // A change of the device pixel ratio alone (browser zoom, a window moved to another screen)
  // reaches the page as the change event of a `(resolution: …dppx)` media query.
  if (!skipIn(['webkit'], 'WebKitGTK takes its device pixel ratio from GDK_SCALE when the browser starts; WebDriver cannot change it later')
    && !skipIn(['chromium'], "CDP's Emulation.setDeviceMetricsOverride (sent on a CDP session beside Playwright's; Playwright cannot change the ratio of an open page) changes devicePixelRatio without firing the resolution media query's change event (checked with a bare listener)")) {
    await page.setViewport({ width: 420, height: 900, deviceScaleFactor: 3 });
    await waitForBacking(page, 3);
    await pressOnPoint(page, '420 px, DPR 3');
  }
  assert.deepEqual(await page.problems(), []);
  await context.close();
});
