// A layered canvas restores, under each frame's overlay, only the rectangles the last overlay
// drew on (figures::damage). A rectangle too small would leave a trace of an earlier frame on
// screen. So: every widget whose overlay a drag moves is dragged back and forth, one move per
// frame, and its canvases must then show what the page's own link, opened afresh, draws for
// the same state in one go.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open, frames } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const VIEW = { viewport: { width: 1000, height: 900 }, deviceScaleFactor: 2 };

/**
 * Widgets of the demo page and the drag on each (fractions of its first canvas). Not
 * loss-slice: its view holds still while the point is dragged and is centred on the point when
 * the page opens, so a fresh page shows other axes for the same state.
 */
const DRAGS = {
  'fig-contour': [0.3, 0.3, 0.8, 0.7],
  'fig-sinusoid': [0.2, 0.5, 0.9, 0.5],
  'fig-norms': [0.2, 0.3, 0.3, 0.7],
  'fig-regularization': [0.2, 0.3, 0.35, 0.6],
  'fig-minibatch': [0.3, 0.3, 0.6, 0.6],
  'fig-momentum-map': [0.2, 0.3, 0.5, 0.7],
};

/** The side of the square tiles the canvases are compared by, in canvas pixels. */
const TILE = 32;

/**
 * Every canvas of widget `id` as a hash per TILE × TILE tile, row by row, and its painted
 * share (pixels not near white): computed in the page, so only numbers cross the driver
 * (a canvas as a PNG data URL is megabytes, and Firefox's driver took minutes over them).
 */
const tiles = (page, id, side = TILE) => page.$$eval(`#${id} canvas`, (cs, side) => cs.map((c) => {
  const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
  const words = new Uint32Array(data.buffer);
  const [nx, ny] = [Math.ceil(width / side), Math.ceil(height / side)];
  const hashes = new Array(nx * ny).fill(2166136261);
  let painted = 0;
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / side) * nx;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const t = row + Math.floor(x / side);
      hashes[t] = Math.imul(hashes[t] ^ words[i], 16777619) >>> 0;
      if (data[4 * i] < 250 || data[4 * i + 1] < 250 || data[4 * i + 2] < 250) painted++;
    }
  }
  return { width, height, nx, hashes, painted: painted / (width * height) };
}), side);

test('a widget dragged back and forth, one move per frame, shows what its link draws afresh', async () => {
  const { page, context } = await open(browser, 'gdviz/index.html', VIEW);
  for (const [id, [a, b, c, d]] of Object.entries(DRAGS)) {
    const canvas = page.locator(`#${id} canvas`).first();
    await canvas.scrollIntoViewIfNeeded();
    await frames(page);
    const box = await canvas.boundingBox();
    const at = (u) => [box.x + box.width * (a + (c - a) * u), box.y + box.height * (b + (d - b) * u)];
    await page.mouse.move(...at(0));
    await page.mouse.down();
    // There, back, and half way there again: the overlay crosses its own old places.
    for (let i = 1; i <= 30; i++) {
      const t = (i % 12) / 12;
      const u = Math.floor(i / 12) % 2 === 1 ? 1 - t : t;
      await page.mouse.move(...at(u));
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    }
    await page.mouse.up();
    await frames(page);
  }
  await frames(page);
  // The page rewrites its link a moment after the last change (url.rs, DEBOUNCE_MS): wait
  // until it has held still for a second.
  let link = '';
  for (let same = 0; same < 2;) {
    await page.waitForTimeout(500);
    const now = await page.evaluate(() => location.href);
    same = now === link ? same + 1 : 0;
    link = now;
  }
  // Everything read from the dragged page before the fresh one opens: a page in the
  // background gets few animation frames (Firefox throttles them more and more).
  const stateOf = (p, id) => p.$eval(`#${id}`, (el) => JSON.parse(el.dataset.state));
  const before = {};
  for (const id of Object.keys(DRAGS)) before[id] = { state: await stateOf(page, id), tiles: await tiles(page, id) };
  assert.deepEqual(await page.problems(), []);
  await context.close();
  const fresh = await open(browser, link.slice(link.indexOf('gdviz/')), VIEW);
  for (const id of Object.keys(DRAGS)) {
    // The widgets mount as they come near the viewport.
    await fresh.page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await frames(fresh.page);
    assert.deepEqual(await stateOf(fresh.page, id), before[id].state, `${id}: the link reopens the same state`);
    const [dragged, again] = [before[id].tiles, await tiles(fresh.page, id)];
    assert.equal(dragged.length, again.length, `${id}: canvases`);
    dragged.forEach((d, k) => {
      const f = again[k];
      assert.deepEqual([d.width, d.height], [f.width, f.height], `${id}: canvas ${k}'s size`);
      assert.ok(d.painted > 0.02, `${id}: canvas ${k} is nearly blank`);
      // The same state drawn by the same code: every tile the same, bit for bit.
      const differ = d.hashes.flatMap((h, t) => (h === f.hashes[t] ? [] : [[(t % d.nx) * TILE, Math.floor(t / d.nx) * TILE]]));
      assert.deepEqual(differ, [], `${id}: canvas ${k}: ${differ.length} of ${d.hashes.length} tiles of ${TILE} px differ, at (x, y) ${JSON.stringify(differ.slice(0, 8))}`);
    });
  }
  assert.deepEqual(await fresh.page.problems(), []);
  await fresh.context.close();
});
