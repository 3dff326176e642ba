// End-to-end: a press and a drag move every movable point the other tests move by keys or
// buttons: descent-1d's point on the curve, the top-view insets of bowl and input-plane, and
// norms' gradient when it stands alone. Expected values come from each figure's geometry.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open, frames, close, findPoint } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * Presses at `from`, moves to `to` in steps, releases (viewport CSS pixels). The page records
 * the pointer events it sees meanwhile (type@x,y/buttons, "lost" for lostpointercapture), for a
 * failure's message: whether the moves reached the page at all (see `seenEvents`).
 */
async function drag(page, from, to) {
  await page.evaluate(() => {
    // Listeners added once per page; each drag starts a new list.
    if (!window.__gdvizDrag) {
      for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel', 'lostpointercapture']) {
        addEventListener(type, (e) => {
          window.__gdvizDrag.push(`${type.replace('pointer', '').replace('lostcapture', 'lost')}@${Math.round(e.clientX)},${Math.round(e.clientY)}/${e.buttons}`);
        }, true);
      }
    }
    window.__gdvizDrag = [];
  });
  await page.mouse.move(from[0], from[1]);
  await page.mouse.down();
  await page.mouse.move(to[0], to[1], { steps: 6 });
  await page.mouse.up();
  await frames(page);
}

/** The pointer events the page saw since the last drag began. */
const seenEvents = (page) => page.evaluate(() => (window.__gdvizDrag ?? []).join(' '));

const stateOf = (page, id) => page.$eval(`#${id}`, (el) => JSON.parse(el.dataset.state));

/**
 * Widget `id`'s state once `done(state)` holds. In WebKit it is read again for up to 5 s: a CI
 * run once showed a drag's press but none of its moves two frames after the release (not
 * reproduced in about 90 drags since, alone or under load), which looked like the driver's
 * moves arriving late or not at all. A state that only arrives late is said in a line
 * "[e2e lag]"; one that never does is returned as it is. Other engines get no second chance.
 */
async function stateWhen(page, id, done) {
  const start = Date.now();
  let s = await stateOf(page, id);
  if (done(s) || page.engine !== 'webkit') return s;
  const first = `${s.x}, ${s.y}`;
  while (!done(s) && Date.now() - start < 5000) {
    await page.waitForTimeout(50);
    s = await stateOf(page, id);
  }
  if (done(s)) console.log(`[e2e lag] ${page.engine}: #${id} took ${Date.now() - start} ms more than two frames to follow a drag (was ${first})`);
  return s;
}

test('bowl and input-plane: pressing and dragging in the top-view inset moves the point there', async () => {
  const { page, context } = await open(browser, 'gdviz/index.html', { viewport: { width: 1000, height: 900 }, deviceScaleFactor: 2 });
  for (const id of ['fig-bowl', 'fig-input-plane']) {
    const canvas = page.locator(`#${id} canvas`).first();
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    // The inset (SurfaceFigure::inset): 12 px from the left, 34 px from the top, a square of
    // side clamp(0.2·width, 64, 150) CSS px showing [−2.5, 2.5]², y up.
    const side = Math.min(150, Math.max(64, 0.2 * box.width));
    const at = (x, y) => [box.x + 12 + ((x + 2.5) / 5) * side, box.y + 34 + ((2.5 - y) / 5) * side];
    await drag(page, at(1.25, 1.25), at(-1, -1.5));
    // One CSS pixel is 5/side ≈ 0.04 data units: two pixels of rounding allowed.
    const tol = 10 / side;
    const arrived = (s) => close(s.x, -1, tol) && close(s.y, -1.5, tol);
    const s = await stateWhen(page, id, arrived);
    assert.ok(arrived(s), `${id}: dragged to (−1, −1.5): ${s.x}, ${s.y}; the page saw: ${await seenEvents(page)}`);
    assert.ok(close(s.f, s.x * s.x + s.y * s.y, 1e-12), `${id}: f follows`);
  }
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('descent-1d: a press on the point holds it, a drag moves it along the curve', async () => {
  const { page, context } = await open(browser, 'gdviz/index.html', { viewport: { width: 1000, height: 900 }, deviceScaleFactor: 2 });
  const canvas = page.locator('#fig-descent canvas').first();
  await canvas.scrollIntoViewIfNeeded();
  // The orange point (x = 2 on x²), found in the canvas's pixels.
  const p = await findPoint(canvas);
  assert.ok(p.n > 20, `found the point (${p.n} pixels)`);
  await drag(page, [p.x, p.y], [p.x, p.y]);
  let s = await stateOf(page, 'fig-descent');
  assert.ok(close(s.x, 2, 0.05), `a press on the point keeps x = 2: ${s.x}`);
  // 150 px to the left: x moves left, staying on the plotted [−3, 3] …
  await drag(page, [p.x, p.y], [p.x - 150, p.y]);
  s = await stateOf(page, 'fig-descent');
  assert.ok(s.x < 1.5 && s.x > -3, `dragged left: ${s.x}`);
  // … and the readouts follow: f = x², f′ = 2x, exactly.
  assert.ok(close(s.f, s.x * s.x, 1e-12) && close(s.slope, 2 * s.x, 1e-12), JSON.stringify(s));
  assert.deepEqual(s.history, [s.x], 'a drag starts a new run at the new x');
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('norms alone: a press in the L2 panel aims the gradient there, keeping its length', async () => {
  const { page, context } = await open(browser, 'blog/post.html', { viewport: { width: 800, height: 900 }, deviceScaleFactor: 2 });
  const canvas = page.locator('#norms canvas').first();
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  // Up and to the left inside the left panel: the gradient turns into the second quadrant.
  await drag(page, [box.x + box.width * 0.12, box.y + box.height * 0.3], [box.x + box.width * 0.1, box.y + box.height * 0.25]);
  const s = await stateOf(page, 'norms');
  assert.ok(s.grad[0] < 0 && s.grad[1] > 0, `aimed up and left: ${s.grad}`);
  assert.ok(close(Math.hypot(...s.grad), 10, 1e-9), `‖∇f‖ stays 10: ${s.grad}`);
  // Under L1 the steepest direction is the axis of the larger |partial|, signed.
  const k = Math.abs(s.grad[0]) >= Math.abs(s.grad[1]) ? 0 : 1;
  const expected = [0, 0];
  expected[k] = Math.sign(s.grad[k]);
  assert.deepEqual(s.l1, expected);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});
