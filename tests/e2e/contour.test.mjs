// End-to-end: the demo page built into dist/, served on 127.0.0.1, driven in Debian's
// Chromium through playwright-core. Run by `make test` (tests/e2e/run.sh starts the server).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open as openPage, state as stateOf, frames, OUT, settled, ENGINE } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const open = (options) => openPage(browser, 'gdviz/index.html', options);
const state = (page) => stateOf(page, 'contour');
const readouts = (page) => page.$eval('[data-gdviz="contour"] .gdviz-readouts', (el) => el.textContent);
const nextFrame = frames;

test('the demo page mounts every figure without an error, drawn at device resolution', async () => {
  const { page, context } = await open({ viewport: { width: 1000, height: 900 }, deviceScaleFactor: 2 });
  await settled(page);
  const states = await page.$$eval('[data-gdviz]', (els) => els.map((el) => JSON.parse(el.dataset.state)));
  // Every kind of the README's table, in the page's order (trajectory also in the optimizers'
  // and the momentum map's sections).
  assert.deepEqual(states.map((s) => s.kind), ['descent-1d', 'bowl', 'contour', 'sinusoid', 'norms', 'regularization', 'trajectory', 'trajectory', 'landscape', 'momentum-map', 'trajectory', 'input-plane', 'mlp', 'loss-slice', 'minibatch', 'cost']);
  // Each canvas is drawn at device resolution (DPR 2) and is not blank.
  const canvases = await page.$$eval('[data-gdviz] canvas', (cs) => cs.map((c) => {
    const r = c.getBoundingClientRect();
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200)) ink++;
    return { id: c.closest('[data-gdviz]').id, w: c.width, h: c.height, cw: Math.round(r.width * devicePixelRatio), ch: Math.round(r.height * devicePixelRatio), ink };
  }));
  for (const c of canvases) {
    assert.deepEqual([c.w, c.h], [c.cw, c.ch], `${c.id}: backing store = CSS size × DPR`);
    assert.ok(c.ink > 100, `${c.id}: the canvas is drawn (${c.ink} dark pixels)`);
  }
  for (const s of states) assert.equal(s.error, undefined, `${s.kind}: ${s.error}`);
  assert.equal(await page.$$eval('[role=alert]:not([hidden])', (a) => a.length), 0);
  await page.screenshot({ path: OUT + 'demo-page.png', fullPage: true });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('contour: drag, press and arrow keys move the point; readouts and data-state follow', async () => {
  const { page, context } = await open({ viewport: { width: 900, height: 1000 }, deviceScaleFactor: 2 });
  let s = await state(page);
  assert.deepEqual([s.kind, s.fn, s.x, s.y, s.f, s.grad, s.norm], ['contour', 'bowl', 3, 4, 25, [6, 8], 10]);
  assert.match(await readouts(page), /\(3, 4\)/);

  const canvas = await page.$('[data-gdviz="contour"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  // Crisp at DPR 2: the backing store is twice the CSS size.
  const backing = await canvas.evaluate((c) => [c.width, c.height]);
  assert.equal(backing[0], Math.round(box.width * 2));
  assert.equal(backing[1], Math.round(box.height * 2));

  // Press inside the plot: the point jumps there.
  const p1 = { x: box.x + box.width * 0.45, y: box.y + box.height * 0.5 };
  await page.mouse.move(p1.x, p1.y);
  await page.mouse.down();
  await nextFrame(page);
  const a = await state(page);
  assert.ok(Math.abs(a.x) < 1.5 && Math.abs(a.y) < 1.5, `press near the middle lands near the origin: ${a.x}, ${a.y}`);
  // Drag right by 120 px and up by 80 px: x grows, then y grows.
  await page.mouse.move(p1.x + 120, p1.y, { steps: 12 });
  await nextFrame(page);
  const b = await state(page);
  assert.ok(b.x > a.x + 1, `dragging right increases x: ${a.x} -> ${b.x}`);
  // y stays within half a pixel (a whole one when positions were truncated): the pointer is
  // placed at whole CSS pixels, but Firefox reports the same place as 500 in one event and
  // 499.8 in the next (seen at DPR 2).
  const perPixel = (b.x - a.x) / 120;
  assert.ok(Math.abs(b.y - a.y) < 0.5 * perPixel, `a horizontal drag keeps y: ${JSON.stringify([a, b])}`);
  await page.mouse.move(p1.x + 120, p1.y - 80, { steps: 8 });
  await page.mouse.up();
  await nextFrame(page);
  const c = await state(page);
  assert.ok(c.y > b.y + 0.5, `dragging up increases y: ${b.y} -> ${c.y}`);
  // The gradient reported is the bowl's, 2·(x, y), at full precision.
  assert.ok(Math.abs(c.grad[0] - 2 * c.x) < 1e-12 && Math.abs(c.grad[1] - 2 * c.y) < 1e-12);
  assert.ok(Math.abs(c.norm - Math.hypot(c.grad[0], c.grad[1])) < 1e-12);

  // Arrow keys: the canvas has focus after the press; a step is 1% of the width (0.1).
  await page.keyboard.press('ArrowLeft');
  await nextFrame(page);
  const d = await state(page);
  assert.ok(Math.abs(d.x - (c.x - 0.1)) < 1e-9, `ArrowLeft moves x by −0.1: ${c.x} -> ${d.x}`);
  await page.keyboard.press('Shift+ArrowUp');
  await nextFrame(page);
  const e = await state(page);
  assert.ok(Math.abs(e.y - Math.min(5, d.y + 1)) < 1e-9, `Shift+ArrowUp moves y by +1: ${d.y} -> ${e.y}`);
  const text = await readouts(page);
  assert.ok(text.includes(e.x.toFixed(3).replace(/\.?0+$/, '').replace('-', '−')), `readout shows x: ${text}`);

  // Sub-pixel pointer positions are kept (a pen, a touch or Firefox report fractions of a CSS
  // pixel; web-sys's clientY is a whole number): events built in the page, at x + 10 and then
  // y + 0.5 CSS pixels, move the point by what the event reports, 10 and 0.5 pixels' worth
  // (WebKit rounds a built event's position to whole pixels: there the second is 0 or 1).
  const moves = await canvas.evaluate(async (c) => {
    const r = c.getBoundingClientRect();
    const at = [r.left + r.width * 0.4 + 0.25, r.top + r.height * 0.4 + 0.25];
    const read = () => JSON.parse(c.closest('[data-gdviz]').dataset.state);
    const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const out = [];
    const fire = async (type, [x, y]) => {
      const e = new PointerEvent(type, { clientX: x, clientY: y, pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0, buttons: type === 'pointerup' ? 0 : 1, bubbles: true, cancelable: true });
      c.dispatchEvent(e);
      await frame();
      out.push({ clientX: e.clientX, clientY: e.clientY, ...read() });
    };
    await fire('pointerdown', at);
    await fire('pointermove', [at[0] + 10, at[1]]);
    await fire('pointermove', [at[0] + 10, at[1] + 0.5]);
    await fire('pointerup', [at[0] + 10, at[1] + 0.5]);
    return out;
  });
  const [m0, m1, m2] = moves;
  const unit = (m1.x - m0.x) / (m1.clientX - m0.clientX);
  assert.ok(unit > 0 && m1.clientX - m0.clientX >= 9, `a built move 10 px right moves x: ${JSON.stringify(moves)}`);
  assert.ok(Math.abs(m1.y - m0.y) < 1e-9 * unit, `…and keeps y: ${JSON.stringify(moves)}`);
  assert.ok(Math.abs((m1.y - m2.y) - (m2.clientY - m1.clientY) * unit) < 0.01 * unit, `a move 0.5 px down lowers y by what the event reports: ${JSON.stringify(moves)}`);
  if (ENGINE !== 'webkit') assert.equal(m2.clientY - m1.clientY, 0.5, 'the engine keeps the fraction');

  await page.screenshot({ path: OUT + 'contour-dpr2.png', fullPage: true });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('contour: fits a 390 px phone screen without sideways scrolling', async () => {
  const { page, context } = await open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  const contour = await page.$('[data-gdviz="contour"] canvas');
  await contour.scrollIntoViewIfNeeded();
  const box = await contour.boundingBox();
  const vw = await page.evaluate(() => window.innerWidth);
  assert.ok(box.x >= 0 && box.x + box.width <= vw, `canvas inside the ${vw} px screen: ${JSON.stringify(box)}`);
  // A tap moves the point.
  const before = await state(page);
  await page.touchscreen.tap(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await nextFrame(page);
  const after = await state(page);
  assert.ok(after.x < before.x && after.y !== before.y, `tap moved the point: ${JSON.stringify([before.x, before.y, after.x, after.y])}`);
  // The widget, not the whole page: the demo page at 3× is taller than Firefox's largest
  // screenshot (65,535 pixels).
  await page.locator('#fig-contour').screenshot({ path: OUT + 'contour-phone.png' });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});
