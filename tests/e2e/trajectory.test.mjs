// The trajectory widget: four optimizers from one start, Play/Pause/Step/Reset, the log-scale
// learning-rate slider, toggles, divergence, and reduced motion.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open, frames, state, close, OUT } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('trajectory: step by hand, play to the end, paths as computed by hand', async () => {
  const { page, context } = await open(browser, 'gdviz/embed.html?kind=trajectory&fn=bowl&lr=0.1&iters=30');
  let s = await state(page, 'trajectory');
  assert.deepEqual([s.kind, s.fn, s.start, s.lr, s.iter, s.iters], ['trajectory', 'bowl', [3, 4], 0.1, 0, 30]);
  assert.deepEqual(Object.keys(s.paths).sort(), ['coordinate', 'gd', 'momentum', 'sign']);
  await page.click('#figure button:has-text("Step")');
  await frames(page);
  s = await state(page, 'trajectory');
  // By hand, first steps from (3, 4) with ∇f = (6, 8), η = 0.1.
  const near = (p, q) => close(p[0], q[0], 1e-12) && close(p[1], q[1], 1e-12);
  assert.ok(near(s.paths.gd[1], [2.4, 3.2]), JSON.stringify(s.paths.gd));
  assert.ok(near(s.paths.coordinate[1], [3, 3.2]));
  assert.ok(near(s.paths.sign[1], [1.6, 2.6]));
  assert.ok(near(s.paths.momentum[1], [2.4, 3.2]));
  await page.click('#figure button:has-text("Play")');
  await page.waitForFunction(() => JSON.parse(document.querySelector('#figure').dataset.state).iter === 30, null, { timeout: 10000 });
  s = await state(page, 'trajectory');
  assert.equal(s.paths.gd.length, 31);
  assert.ok(close(s.paths.gd[30][0], 3 * 0.8 ** 30, 1e-12));
  assert.equal(await page.$eval('#figure .gdviz-primary', (b) => b.textContent), 'Play');
  assert.ok(await page.$eval('#figure button:has-text("Step")', (b) => b.disabled));
  await page.locator('#figure').screenshot({ path: `${OUT}trajectory-bowl.png` });
  // Reset; hide momentum; its path leaves the state.
  await page.click('#figure button:has-text("Reset")');
  await page.click('#figure button:has-text("momentum")');
  await frames(page);
  s = await state(page, 'trajectory');
  assert.equal(s.iter, 0);
  assert.deepEqual(Object.keys(s.paths).sort(), ['coordinate', 'gd', 'sign']);
  assert.equal(await page.$eval('#figure button:has-text("momentum")', (b) => b.getAttribute('aria-pressed')), 'false');
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('trajectory: too large a rate is shown as diverged; dragging the start restarts', async () => {
  const { page, context } = await open(browser, 'gdviz/embed.html?kind=trajectory&fn=valley&iters=100');
  // Slide η to the top of its log scale (10^0.5 ≈ 3.2): everything diverges.
  await page.$eval('#figure input[type=range]', (r) => { r.value = r.max; r.dispatchEvent(new Event('input', { bubbles: true })); });
  await frames(page);
  let s = await state(page, 'trajectory');
  assert.ok(close(s.lr, 3.2, 1e-12), `lr ${s.lr}`);
  await page.click('#figure button:has-text("Play")');
  // The run ends when every path has diverged: Play shows again.
  // (Wait for the run to have started, then for Play to show again: the label changes at the
  // next frame, so reading it at once would see the old "Play".)
  await page.waitForFunction(() => {
    const s = JSON.parse(document.querySelector('#figure').dataset.state);
    return s.iter > 0 && document.querySelector('#figure .gdviz-primary').textContent === 'Play';
  }, null, { timeout: 10000 });
  await frames(page);
  s = await state(page, 'trajectory');
  // By hand: η = 3.2 on x² + 10y² from (−4, 1.5): gradient descent maps x → −5.4x, y → −63y, so
  // the loss is 8.98e4, 3.5e8, then ≥ 1.41e12 at step 3, past the 1e12 divergence limit; the
  // other three paths cross it at step 3 too.
  assert.deepEqual(s.diverged, { gd: 3, coordinate: 3, sign: 3, momentum: 3 });
  assert.equal(s.iter, 3);
  [[-4, 1.5], [21.6, -94.5], [-116.64, 5953.5]].forEach((p, k) => assert.ok(close(s.paths.gd[k][0], p[0], 1e-9) && close(s.paths.gd[k][1], p[1], 1e-9), JSON.stringify(s.paths.gd)));
  const text = await page.$eval('#figure', (e) => e.innerText);
  assert.match(text, /diverged at step 3/);
  assert.doesNotMatch(text, /NaN|Infinity/);
  for (const losses of Object.values(s.losses)) assert.ok(losses.every((l) => Number.isFinite(l)));
  // Drag the start: the run restarts from where the pointer is.
  await page.locator('#figure canvas').first().scrollIntoViewIfNeeded();
  const box = await page.locator('#figure canvas').first().boundingBox();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.3, { steps: 4 });
  await page.mouse.up();
  await frames(page);
  s = await state(page, 'trajectory');
  assert.equal(s.iter, 0);
  assert.ok(s.start[0] > 0 && s.start[1] > 0, JSON.stringify(s.start));
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('trajectory: with reduced motion, Play jumps to the end at once', async () => {
  const context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  await page.goto(new URL('gdviz/embed.html?kind=trajectory&iters=50', process.env.GDVIZ_URL ?? 'http://127.0.0.1:8093/').href);
  await page.waitForSelector('#figure[data-state]');
  await page.click('#figure button:has-text("Play")');
  await frames(page);
  const s = await state(page, 'trajectory');
  assert.equal(s.iter, 50);
  assert.equal(await page.$eval('#figure .gdviz-primary', (b) => b.textContent), 'Play');
  await context.close();
});
