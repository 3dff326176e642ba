// End-to-end: the figures of the article other than the contour plot and the network, on the
// demo page: each one's state at its defaults, one interaction, and the linked group.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open as openPage, state, frames, close, BASE, OUT, settled } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const open = (options) => openPage(browser, 'gdviz/index.html', options);
const deg = (r) => (r * 180) / Math.PI;

test('sinusoid: the article at (3, 4), the dial and keys, and the group shared with the contour plot', async () => {
  const { page, context } = await open();
  let s = await state(page, 'sinusoid');
  assert.deepEqual([s.fn, s.x, s.y, s.grad, s.theta, s.d_theta, s.amplitude], ['bowl', 3, 4, [6, 8], 0, 6, 10]);
  assert.ok(close(deg(s.theta_star), 53.13010235415598));
  const curve = page.locator('[data-gdviz="sinusoid"] canvas').first();
  await curve.scrollIntoViewIfNeeded();
  await curve.focus();
  await page.keyboard.press('Home');
  await frames(page);
  s = await state(page, 'sinusoid');
  assert.ok(close(s.d_theta, 10), `Home turns to the peak: ${s.d_theta}`);
  await page.keyboard.press('Shift+ArrowRight');
  await frames(page);
  assert.ok(close(deg((await state(page, 'sinusoid')).theta), 63.13010235415598, 1e-6));
  // Dragging the dial: pointing straight up from the point gives θ = 90° and D = f_y = 8.
  const dial = page.locator('[data-gdviz="sinusoid"] canvas').nth(1);
  await dial.scrollIntoViewIfNeeded();
  const box = await dial.boundingBox();
  // The point (3, 4) on the bowl's [−5, 5]² plot; find it from the contour plot's own mapping by pressing near it.
  const p = await dial.evaluate((c) => {
    const r = c.getBoundingClientRect();
    return { w: r.width, h: r.height };
  });
  assert.ok(p.w > 100 && p.h > 100);
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.7);
  await page.mouse.down();
  await page.mouse.up();
  await frames(page);
  s = await state(page, 'sinusoid');
  assert.ok(s.theta > Math.PI && s.theta < 1.5 * Math.PI, `pressing down-left of (3, 4) turns θ into the third quadrant: ${deg(s.theta)}`);
  assert.ok(close(s.d_theta, 6 * Math.cos(s.theta) + 8 * Math.sin(s.theta)));

  // Linked: moving the contour plot's point moves the sinusoid's.
  const contour = page.locator('[data-gdviz="contour"] canvas');
  await contour.scrollIntoViewIfNeeded();
  await contour.focus();
  await page.keyboard.press('ArrowLeft');
  await frames(page);
  const c = await state(page, 'contour');
  s = await state(page, 'sinusoid');
  assert.ok(close(c.x, 2.9) && c.y === 4 && close(s.x, 2.9) && s.y === 4, `shared point: ${c.x},${c.y} vs ${s.x},${s.y}`);
  assert.equal(s.grad[1], 8);
  assert.ok(close(s.grad[0], 5.8));
  await page.locator('#sinusoid').screenshot({ path: OUT + 'sinusoid-dpr2.png' });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('norms: follows the shared point; on the diagonal y = x the L1 optimum ties', async () => {
  const { page, context } = await open();
  let s = await state(page, 'norms');
  assert.deepEqual([s.grad, s.l1, s.linf, s.l2_value, s.l1_value, s.linf_value], [[6, 8], [0, 1], [1, 1], 10, 8, 14]);
  assert.ok(close(s.l2[0], 0.6) && close(s.l2[1], 0.8));
  // Move the shared point from (3, 4) to (3, 3) in the contour plot: ∇f = (6, 6), a tie.
  const contour = page.locator('[data-gdviz="contour"] canvas');
  await contour.scrollIntoViewIfNeeded();
  await contour.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowDown');
  await frames(page);
  s = await state(page, 'norms');
  assert.deepEqual(s.grad, [6, 6]);
  assert.equal(s.l1_tie, true);
  assert.equal(s.l1_value, 6);
  assert.equal(s.linf_value, 12);
  await page.locator('#norms').screenshot({ path: OUT + 'norms-dpr2.png' });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('sinusoid: dragging its point moves the contour plot of the same group', async () => {
  const { page, context } = await open();
  const dial = page.locator('[data-gdviz="sinusoid"] canvas').nth(1);
  await dial.scrollIntoViewIfNeeded();
  const box = await dial.boundingBox();
  // Find the point (3, 4) on the panel from the canvas's own plot: it is where the orange dot is.
  const at = await dial.evaluate((c) => {
    const ctx = c.getContext('2d');
    const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
    let sx = 0, sy = 0, n = 0;
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      if (data[i] === 0xe0 && data[i + 1] === 0x6c && data[i + 2] === 0x00) { sx += x; sy += y; n++; }
    }
    const r = c.getBoundingClientRect();
    return { x: (sx / n) * (r.width / c.width), y: (sy / n) * (r.height / c.height), n };
  });
  assert.ok(at.n > 10, `found the orange point (${at.n} pixels)`);
  await page.mouse.move(box.x + at.x, box.y + at.y);
  await page.mouse.down();
  await page.mouse.move(box.x + at.x - 60, box.y + at.y + 40, { steps: 6 });
  await page.mouse.up();
  await frames(page);
  const s = await state(page, 'sinusoid');
  const c = await state(page, 'contour');
  assert.ok(s.x < 3 && s.y < 4, `the point moved: ${s.x}, ${s.y}`);
  assert.deepEqual([c.x, c.y], [s.x, s.y]);
  assert.ok(close(s.theta, 0), 'dragging the point leaves θ alone');
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('norms alone: the keys turn the gradient by whole degrees onto a diagonal, where it ties, and off it again', async () => {
  const { page, context } = await open();
  await page.goto(BASE + 'blog/post.html');
  await page.waitForSelector('#norms[data-state]');
  const norms = page.locator('#norms');
  let s = JSON.parse(await norms.getAttribute('data-state'));
  assert.deepEqual(s.grad, [6, 8]);
  await norms.locator('canvas').focus();
  await page.keyboard.press('ArrowRight');
  await frames(page);
  s = JSON.parse(await norms.getAttribute('data-state'));
  // (6, 8) points at 53.13°; a key turns from the whole degree, 53°, to 52°, keeping ‖∇f‖ = 10.
  assert.ok(close(Math.hypot(...s.grad), 10) && close(deg(Math.atan2(s.grad[1], s.grad[0])), 52, 1e-9));
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
  await frames(page);
  s = JSON.parse(await norms.getAttribute('data-state'));
  // 52° − 7° = 45°: exactly on the diagonal, where the L1 step ties.
  assert.ok(close(s.grad[0], 5 * Math.SQRT2, 1e-12) && s.grad[1] === s.grad[0], `on the diagonal: ${s.grad}`);
  assert.ok(close(s.l1_value, 5 * Math.SQRT2, 1e-12) && close(s.linf_value, 10 * Math.SQRT2, 1e-12), JSON.stringify(s));
  assert.equal(s.l1_tie, true);
  // And off it again with one more key (it used to snap back onto 45°).
  await page.keyboard.press('ArrowRight');
  await frames(page);
  s = JSON.parse(await norms.getAttribute('data-state'));
  assert.ok(close(deg(Math.atan2(s.grad[1], s.grad[0])), 44, 1e-9) && s.l1_tie === false, JSON.stringify(s.grad));
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('descent-1d: steps by hand on x², a rate above 1 diverges and is said so', async () => {
  const { page, context } = await open();
  const w = page.locator('[data-gdviz="descent-1d"]');
  let s = await state(page, 'descent-1d');
  assert.deepEqual([s.fn, s.x, s.f, s.slope, s.lr, s.step], ['parabola', 2, 4, 4, 0.3, 0]);
  await w.getByRole('button', { name: 'Step' }).click();
  await w.getByRole('button', { name: 'Step' }).click();
  await frames(page);
  s = await state(page, 'descent-1d');
  assert.ok(close(s.history[1], 0.8) && close(s.history[2], 0.32), `${s.history}`);
  const lr = w.locator('input');
  await lr.fill('1.1');
  await lr.press('Enter');
  // Step until the button is disabled (at most 200 times), a frame after each: the button's
  // own click handler, driven from inside the page (a WebDriver round trip per click made
  // this loop take 90 s in WebKit; the pointer path is checked by the clicks above).
  const clicks = await w.getByRole('button', { name: 'Step' }).evaluate(async (b) => {
    let n = 0;
    for (; n < 200 && !b.disabled; n++) {
      b.click();
      await new Promise((r) => requestAnimationFrame(r));
    }
    return n;
  });
  assert.ok(clicks < 200, `the Step button was disabled after ${clicks} steps`);
  await frames(page);
  s = await state(page, 'descent-1d');
  // By hand: a new rate restarts the run at the current x = 0.32; with η = 1.1 each step maps
  // x → (1 − 2.2)x = −1.2x, and a step past |x| = 1e12 is refused: 0.32·1.2^m > 1e12 first at m = 158.
  assert.equal(s.diverged_at, 158);
  assert.equal(s.history.length, 158);
  assert.ok(close(s.history[157] / (0.32 * (-1.2) ** 157), 1, 1e-12), `${s.history[157]}`);
  assert.ok(s.history.every((x) => Number.isFinite(x)));
  assert.match(await w.locator('canvas').getAttribute('aria-label'), /diverged at step/);
  await w.screenshot({ path: OUT + 'descent-1d-dpr2.png' });
  await w.getByRole('button', { name: 'Reset' }).click();
  await frames(page);
  assert.deepEqual((await state(page, 'descent-1d')).history, [2]);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('cost: counts for n, the table, timings measured in the page', async () => {
  const { page, context } = await open();
  const w = page.locator('[data-gdviz="cost"]');
  // Timings are taken a chain length per frame while the figure is in view (it is down the
  // page), and written whole at the end.
  await w.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => JSON.parse(document.querySelector('[data-gdviz="cost"]').dataset.state).timings);
  let s = await state(page, 'cost');
  assert.equal(s.measuring, false);
  assert.deepEqual([s.n, s.fd_ops, s.backprop_ops, s.ratio], [5, 25, 10, 2.5]);
  assert.deepEqual(s.timings.n, [1, 2, 5, 10, 20, 50, 100]);
  // Timings are measured on a shared machine, so only their shape is checked here: one
  // positive, finite time per n for each method (the counts above are the deterministic claim).
  for (const key of ['fd_ns', 'backprop_ns']) {
    assert.equal(s.timings[key].length, s.timings.n.length, key);
    assert.ok(s.timings[key].every((t) => Number.isFinite(t) && t > 0), `${key}: ${s.timings[key]}`);
  }
  await w.locator('input[type=range]').fill('100');
  await frames(page);
  s = await state(page, 'cost');
  assert.deepEqual([s.n, s.fd_ops, s.backprop_ops, s.ratio], [100, 10000, 200, 50]);
  const rows = await w.locator('[data-table=cost] tr').evaluateAll((rs) => rs.slice(1).map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(rows, [['2', '4', '4', '1×'], ['5', '25', '10', '2.5×'], ['10', '100', '20', '5×'], ['100', '10000', '200', '50×']]);
  await w.screenshot({ path: OUT + 'cost-dpr2.png' });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('bowl and input-plane: partials at (1.5, 2); the point moves in the inset; the view turns', async () => {
  const { page, context } = await open();
  let b = await state(page, 'bowl');
  assert.deepEqual([b.x, b.y, b.f, b.fx, b.fy], [1.5, 2, 6.25, 3, 4]);
  const canvas = page.locator('[data-gdviz="bowl"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  // Turn the view: drag across the middle of the surface.
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6 + 80, box.y + box.height * 0.6 + 30, { steps: 5 });
  await page.mouse.up();
  await frames(page);
  const turned = await state(page, 'bowl');
  assert.notEqual(turned.yaw, b.yaw);
  assert.deepEqual([turned.x, turned.y], [1.5, 2], 'turning does not move the point');
  // Keys move the point; the partials follow 2x and 2y.
  await canvas.focus();
  await page.keyboard.press('ArrowLeft');
  await frames(page);
  b = await state(page, 'bowl');
  assert.ok(close(b.x, 1.4) && close(b.fx, 2.8) && close(b.fy, 4));
  await page.locator('#bowl').screenshot({ path: OUT + 'bowl-dpr2.png' });
  const ip = await state(page, 'input-plane');
  assert.deepEqual([ip.x, ip.y, ip.grad], [1.2, 0.9, [2.4, 1.8]]);
  // What people draw as 'uphill on the surface': (g/‖g‖, ‖g‖)/√(1 + ‖g‖²) with g = (2.4, 1.8), ‖g‖ = 3.
  [0.8 / Math.sqrt(10), 0.6 / Math.sqrt(10), 3 / Math.sqrt(10)].forEach((v, k) => assert.ok(close(ip.uphill_3d[k], v, 1e-12), `${ip.uphill_3d}`));
  await page.locator('#input-plane').screenshot({ path: OUT + 'input-plane-dpr2.png' });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('every figure fits a 390 px phone screen', async () => {
  const { page, context } = await open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  const wide = await page.$$eval('[data-gdviz] canvas', (cs) => cs.filter((c) => c.getBoundingClientRect().right > window.innerWidth + 0.5).length);
  assert.equal(wide, 0);
  for (const id of ['sinusoid', 'norms', 'cost', 'bowl']) {
    await page.locator(`#${id}`).screenshot({ path: OUT + `${id}-phone.png` });
  }
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('downloads: the PNG is the canvas at device resolution; the SVG equals the native rendering', async () => {
  const { page, context } = await open();
  const w = page.locator('[data-gdviz="contour"]');
  await w.scrollIntoViewIfNeeded();
  const svgDownload = await page.captureDownload(() => w.getByRole('button', { name: 'Save the figure as an SVG drawing' }).click());
  assert.equal(svgDownload.name, 'gdviz-contour.svg');
  const svg = svgDownload.bytes.toString('utf8');
  // The same default figure drawn natively by `render-figures` into dist/figures at build time.
  const native = await page.evaluate(async () => (await fetch('figures/contour.svg')).text());
  assert.ok(svg.startsWith('<svg') && svg.length > 10000);
  assert.equal(svg, native, 'wasm and native SVG renderings are identical');
  const pngDownload = await page.captureDownload(() => w.getByRole('button', { name: 'Save the figure as a PNG image' }).click());
  assert.equal(pngDownload.name, 'gdviz-contour.png');
  const png = pngDownload.bytes;
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  const [pw, ph] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const [cw, chh] = await w.locator('canvas').evaluate((c) => [c.width, c.height]);
  assert.deepEqual([pw, ph], [cw, chh], 'device resolution');
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('sharing: the URL fragment reopens the same view; a malformed one falls back with a notice', async () => {
  const { page, context } = await open();
  // Change several figures.
  const contour = page.locator('#fig-contour canvas');
  await contour.scrollIntoViewIfNeeded();
  await contour.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Shift+ArrowDown');
  // Each change is waited for in its widget's data-state before the next, and a wait that
  // fails says which change and what the page showed (Firefox once, under CI's load, never
  // showed all three in the fragment within 30 s; alone it passes every time).
  const until = async (what, [id, key, want], hash = null) => {
    const read = () => page.evaluate(([i, k]) => [JSON.parse(document.getElementById(i)?.dataset.state ?? '{}')[k], location.hash], [id, key]);
    try {
      await page.waitForFunction(([i, k, v, h]) => JSON.parse(document.getElementById(i)?.dataset.state ?? '{}')[k] === v && (h === null || new RegExp(h).test(location.hash)), [id, key, want, hash], { timeout: 30_000 });
    } catch (e) {
      const [got, fragment] = await read();
      throw new Error(`${what}: ${id}'s ${key} is ${JSON.stringify(got)}, not ${JSON.stringify(want)}${hash ? `, or the fragment lacks /${hash}/` : ''} (fragment: ${fragment}) after ${e.message.split('\n')[0]}`);
    }
  };
  await page.locator('#fig-mlp').getByRole('button', { name: 'Step SGD' }).click();
  await until('the first Step SGD click', ['fig-mlp', 'step', 1]);
  await page.locator('#fig-mlp').getByRole('button', { name: 'Step SGD' }).click();
  await until('the second Step SGD click', ['fig-mlp', 'step', 2]);
  await page.locator('#fig-cost input[type=range]').fill('37');
  await until('the cost slider set to 37', ['fig-cost', 'n', 37]);
  await page.locator('#fig-descent').getByRole('button', { name: 'Step' }).click();
  await until('the descent Step click', ['fig-descent', 'step', 1]);
  await page.locator('#fig-slice').getByRole('button', { name: 'Slice at the current weights' }).click();
  // The fragment is rewritten after a quiet moment: wait for it to show the last change.
  await until('the slice held at the current weights, in the fragment', ['fig-slice', 'held', 'current'], 'fig-slice\\.held=current');
  assert.match(await page.evaluate(() => location.hash), /fig-descent\.steps=1(&|$)/);
  assert.match(await page.evaluate(() => location.hash), /fig-cost\.n=37/);
  const url = await page.url();
  assert.match(url, /#.*fig-contour\.x=2\.9/);
  const ids = ['fig-descent', 'fig-bowl', 'fig-contour', 'fig-sinusoid', 'fig-norms', 'fig-input-plane', 'fig-mlp', 'fig-slice', 'fig-cost'];
  const snapshot = (p) => p.$$eval('[data-gdviz]', (els) => Object.fromEntries(els.map((el) => {
    const s = JSON.parse(el.dataset.state);
    // What is measured, not reopened: cost's timings, and whether it is measuring them (only
    // while it is in view, so it depends on where each page happens to be scrolled).
    delete s.timings;
    delete s.measuring;
    return [el.id, s];
  })));
  const before = await snapshot(page);
  assert.equal(before['fig-mlp'].step, 2);
  const again = await context.newPage();
  await again.goto(url);
  await settled(again);
  const after = await snapshot(again);
  for (const id of ids) assert.deepEqual(after[id], before[id], id);
  assert.equal(await again.$$eval('.gdviz-notice', (n) => n.length), 0);

  // A malformed fragment, and one with an unusable value: defaults and a notice, no crash.
  for (const bad of ['#%%%garbage', '#fig-contour.x=abc', '#nonsense=1']) {
    const p = await context.newPage();
    await p.goto(BASE + 'gdviz/index.html' + bad);
    await settled(p);
    const c = JSON.parse(await p.locator('#fig-contour').getAttribute('data-state'));
    assert.deepEqual([c.x, c.y], [3, 4], bad);
    if (bad !== '#%%%garbage') assert.match(await p.locator('.gdviz-notice').textContent(), /could not be restored/, bad);
    assert.deepEqual(await p.problems(), [], bad);
    await p.close();
  }
  assert.deepEqual(await page.problems(), []);
  await context.close();
});
