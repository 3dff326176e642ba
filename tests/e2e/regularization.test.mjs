// End-to-end: the `regularization` widget (issue 19). The default's L1 optimum is a corner with
// w₂ exactly 0 while the L2 one keeps both weights; dragging, touching and the arrow keys move
// c; the log-scale slider sets t; Play under reduced motion lands where the sweep ends; a matrix
// that is not positive definite is refused in the widget. Screenshots at 390 and 900 px, light
// and dark, go to out/ENGINE/ to be looked at.
//
// Expected values by hand, with A = [[1, ½], [½, ½]] and c = (2, 1): on the diamond's edge in the
// first quadrant, w = (u, t − u), dL/du = (1, −1)·A(w − c) = u/2 − 1, zero at u = 2 whatever t.
// So for t ≤ 2 the edge's best point is its end u = t, the corner (t, 0); for 2 ≤ t ≤ 3 it is
// (2, t − 2); from t = ‖c‖₁ = 3 on, w = c. (The other edges do worse: c lies in the first
// quadrant and A's off-diagonal is positive.)
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, frames, state, close, findPoint, BASE, OUT } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A page with one regularization widget from embed.html's query string. */
async function widget(query = '', options = {}) {
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 }, deviceScaleFactor: 2, ...options });
  const page = await context.newPage();
  await page.goto(`${BASE}gdviz/embed.html?kind=regularization${query}`);
  await page.waitForSelector('#figure[data-state]', { timeout: 60_000 });
  await frames(page);
  return { page, context };
}
const get = (page) => state(page, 'regularization');
const norm2 = (w) => Math.hypot(w[0], w[1]);

test('regularization: by default the L1 optimum is the corner (1.2, 0), w₂ exactly zero; the L2 optimum zeroes neither', async () => {
  const { page, context } = await widget();
  const s = await get(page);
  assert.deepEqual([s.kind, s.a, s.center, s.t, s.playing], ['regularization', [[1, 0.5], [0.5, 0.5]], [2, 1], 1.2, false]);
  assert.deepEqual(s.l1.w, [1.2, 0]);
  assert.deepEqual(s.l1.zero, [1]);
  assert.equal(s.l1.active, true);
  // L(1.2, 0) = ½ (−0.8, −1)·A(−0.8, −1) = ½ (0.8·1.3 + 0.9) = 0.97.
  assert.ok(close(s.l1.loss, 0.97, 1e-12), `${s.l1.loss}`);
  assert.equal(s.l2.active, true);
  assert.deepEqual(s.l2.zero, []);
  assert.ok(s.l2.w[0] > 0 && s.l2.w[1] > 0, JSON.stringify(s.l2.w));
  assert.ok(close(norm2(s.l2.w), 1.2, 1e-12), 'the L2 optimum is on the circle');
  // The panels say it in words too: the L1 panel's name and the summary.
  const summary = await page.locator('#figure .gdviz-summary').textContent();
  assert.match(summary, /w₂ is exactly 0/);
  const label = await page.locator('#figure canvas.gdviz-canvas').first().getAttribute('aria-label');
  assert.match(label, /w₂ is exactly 0/);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('regularization: dragging c (mouse and touch) and the arrow keys move the centre and both optima', async () => {
  const { page, context } = await widget('', { viewport: { width: 900, height: 1000 }, deviceScaleFactor: 2, hasTouch: true });
  // Both panels are drawn on one canvas, side by side at this width: L1 on the left half,
  // L2 on the right.
  const panels = page.locator('#figure canvas.gdviz-canvas').first();
  await panels.focus();
  // One arrow step is 1% of the view's width: the view is [−3, 3], so 0.06.
  await page.keyboard.press('ArrowLeft');
  await frames(page);
  let s = await get(page);
  assert.ok(close(s.center[0], 1.94) && s.center[1] === 1, JSON.stringify(s.center));
  // For any c, on the first quadrant's edge dL/du = (u − c₁)/2 with this A: the corner (t, 0)
  // while t ≤ c₁ = 1.94.
  assert.deepEqual([s.l1.w, s.l1.zero], [[1.2, 0], [1]]);
  const before = s;
  // Drag c on the L2 panel: press on its dot, move left and up.
  await panels.scrollIntoViewIfNeeded();
  const p = await findPoint(panels, [0.5, 1]);
  assert.ok(p.n > 20, `c's dot found (${p.n} px)`);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  for (let k = 1; k <= 5; k++) await page.mouse.move(p.x - 14 * k, p.y - 10 * k);
  await page.mouse.up();
  await frames(page);
  s = await get(page);
  const [c1, c2] = s.center;
  assert.ok(c1 < before.center[0] - 0.5 && c2 > before.center[1] + 0.3, JSON.stringify(s.center));
  assert.notDeepEqual(s.l2.w, before.l2.w);
  // With c₁ now below t: on the edge u = c₁ gives w − c = (0, t − c₁ − c₂) and
  // ∇L = A(w − c) = ½(t − c₁ − c₂)·(1, 1), so ∇L + μ(1, 1) = 0 with μ = ½(c₁ + c₂ − t) > 0:
  // the optimum (c₁, t − c₁) on the edge, while 0 < c₁ < t < c₁ + c₂.
  assert.ok(c1 > 0 && c1 < 1.2 && c1 + c2 > 1.2, JSON.stringify(s.center));
  assert.ok(close(s.l1.w[0], c1, 1e-12) && close(s.l1.w[1], 1.2 - c1, 1e-12), JSON.stringify(s.l1.w));
  assert.deepEqual(s.l1.zero, []);
  // A finger on the L1 panel: a touch drag moves c as well.
  const after = s;
  await panels.scrollIntoViewIfNeeded();
  const q = await findPoint(panels, [0, 0.5]);
  await page.touch([[q.x, q.y], [q.x + 10, q.y + 5], [q.x + 20, q.y + 10], [q.x + 30, q.y + 15]]);
  await frames(page);
  s = await get(page);
  assert.ok(s.center[0] > after.center[0] + 0.1 && s.center[1] < after.center[1] - 0.05, JSON.stringify([after.center, s.center]));
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('regularization: the log-scale slider sets t; the L1 path is a corner up to t = 2, then an edge', async () => {
  const { page, context } = await widget();
  const slider = page.locator('#figure input[type=range]');
  // log10 t = −0.3: t = 10^−0.3 = 0.501 (three digits).
  await slider.fill('-0.3');
  await frames(page);
  let s = await get(page);
  assert.equal(s.t, 0.501);
  assert.deepEqual([s.l1.w, s.l1.zero], [[0.501, 0], [1]]);
  assert.ok(close(norm2(s.l2.w), 0.501, 1e-12) && s.l2.zero.length === 0);
  assert.equal(await slider.getAttribute('aria-valuetext'), 't = 0.501');
  // log10 t = 0.4: t = 10^0.4 = 2.51 (three digits), past the kink at 2: w = (2, 0.51).
  await slider.fill('0.4');
  await frames(page);
  s = await get(page);
  assert.equal(s.t, 2.51);
  assert.ok(close(s.l1.w[0], 2, 1e-12) && close(s.l1.w[1], 0.51, 1e-12), JSON.stringify(s.l1.w));
  assert.deepEqual(s.l1.zero, []);
  // ‖c‖₂ = √5 ≈ 2.236 < 2.51: the circle holds c.
  assert.deepEqual([s.l2.w, s.l2.active], [[2, 1], false]);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('regularization: Play sweeps t up; under reduced motion it lands at once where the sweep ends', async () => {
  const { page, context } = await widget();
  const play = page.locator('#figure').getByRole('button', { name: 'Play' });
  await play.click();
  await page.waitForTimeout(400);
  let s = await get(page);
  assert.equal(s.playing, true);
  // The sweep starts at the slider's low end, 0.03 (a hundredth of the view's half-width 3).
  assert.ok(s.t > 0.03 && s.t < 3.3, `t = ${s.t}`);
  await page.locator('#figure').getByRole('button', { name: 'Pause' }).click();
  await frames(page);
  assert.equal((await get(page)).playing, false);
  await context.close();

  const reduced = await widget('', { viewport: { width: 900, height: 1000 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  await reduced.page.locator('#figure').getByRole('button', { name: 'Play' }).click();
  await frames(reduced.page);
  s = await get(reduced.page);
  // The end: 1.1·‖c‖₁ = 3.3, where neither ball binds and both optima are c.
  assert.ok(close(s.t, 3.3, 1e-12), `t = ${s.t}`);
  assert.equal(s.playing, false);
  assert.deepEqual([s.l1.w, s.l1.active, s.l2.w, s.l2.active], [[2, 1], false, [2, 1], false]);
  assert.deepEqual(await reduced.page.problems(), []);
  await reduced.context.close();
});

test('regularization: a matrix that is not positive definite is refused in the widget, naming the attribute', async () => {
  // a·d − b² = 1·0.5 − 0.81 < 0.
  const { page, context } = await widget('&b=0.9');
  const alert = await page.locator('#figure [role=alert]').textContent();
  assert.match(alert, /data-b="0\.9" is out of range: .*not positive definite/);
  const s = await get(page);
  assert.equal(s.attribute, 'data-b');
  assert.equal(await page.locator('#figure canvas').count(), 0);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('regularization: screenshots at 390 and 900 px, light and dark', async () => {
  for (const width of [390, 900]) {
    for (const theme of ['light', 'dark']) {
      const { page, context } = await widget(`&theme=${theme}`, { viewport: { width, height: 1800 }, deviceScaleFactor: 2 });
      const s = await get(page);
      assert.deepEqual(s.l1.zero, [1]);
      await page.locator('#figure').screenshot({ path: `${OUT}regularization-${width}-${theme}.png` });
      assert.deepEqual(await page.problems(), []);
      await context.close();
    }
  }
});
