// End-to-end: the tiny network and its loss slice on the demo page, linked by data-group.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open as openPage, state, frames, close, OUT } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const open = (options) => openPage(browser, 'gdviz/index.html', options);
const sliceImage = (page) => page.$eval('[data-gdviz="loss-slice"] canvas', (c) => c.toDataURL());

test('network: Step SGD replays the worked example; the slice follows; edits restart', async () => {
  const { page, context } = await open({ viewport: { width: 900, height: 1000 }, deviceScaleFactor: 2 });
  const net = page.locator('[data-gdviz="mlp"]');
  let s = await state(page, 'mlp');
  assert.deepEqual([s.kind, s.step, s.x, s.target, s.lr], ['mlp', 0, 2, 1, 0.1]);
  assert.deepEqual(s.weights, [0.5, -0.3, 0.8, 0.4, -0.6, 0.2]);
  assert.ok(close(s.loss, 0.0784) && close(s.yhat, 0.72));
  const expectedGrad = [-0.448, 0, -0.224, -0.56, 0, -0.896];
  s.grad.forEach((g, k) => assert.ok(close(g, expectedGrad[k]), `grad ${k}: ${g}`));
  const sliceBefore = await sliceImage(page);

  await net.getByRole('button', { name: 'Step SGD' }).click();
  await frames(page);
  s = await state(page, 'mlp');
  assert.equal(s.step, 1);
  [0.5448, -0.3, 0.8224, 0.456, -0.6, 0.2896].forEach((w, k) => assert.ok(close(s.weights[k], w), `w${k}: ${s.weights[k]}`));
  assert.ok(close(s.loss, 0.0007186860212224, 1e-16), `exact loss after the step: ${s.loss}`);
  assert.equal(s.losses.length, 2);
  assert.ok(close(s.losses[0], 0.0784, 1e-15) && close(s.losses[1], 0.0007186860212224, 1e-16), `${s.losses}`);
  // The same numbers as text: the summary and the tables (now at the new weights).
  const summary = await net.locator('.gdviz-summary').textContent();
  assert.match(summary, /from 0\.0784 to 0\.0007186860212/);
  assert.match(summary, /\(0\.973 − 1\)² = 0\.000729/);
  const before = await net.locator('[data-table=update] tbody tr').evaluateAll((rows) => rows.map((r) => r.cells[1].textContent));
  assert.deepEqual(before, ['0.5448', '−0.3', '0.8224', '0.456', '−0.6', '0.2896']);
  const forward = await net.locator('[data-table=forward] tbody tr').evaluateAll((rows) => rows.map((r) => r.cells[2].textContent));
  assert.deepEqual(forward, ['0.5448 × 2 = 1.0896', '(−0.3) × 2 = −0.6', '0.8224 × 2 = 1.6448']);

  // The linked slice redrew with the step on it.
  const t = await state(page, 'loss-slice');
  assert.equal(t.step, 1);
  assert.deepEqual(t.start, [0.4, 0.2]);
  assert.ok(close(t.end[0], 0.456) && close(t.end[1], 0.2896));
  assert.equal(t.held, 'step-start');
  assert.ok(close(t.loss, 0.0007186860212224, 1e-16), `${t.loss}`);
  // The slice holds the step's start and puts (w₁⁽²⁾, w₃⁽²⁾) at the step's end:
  // ŷ = 0.456·1 + 0.2896·1.6 = 0.91936, L = (0.91936 − 1)² = 0.0065028096.
  assert.ok(close(t.slice_loss_at_end, 0.0065028096, 1e-15), `${t.slice_loss_at_end}`);
  assert.notEqual(await sliceImage(page), sliceBefore, 'the slice canvas changed');
  await page.locator('#network').screenshot({ path: OUT + 'network-dpr2.png' });

  // Backward view.
  await net.getByRole('button', { name: 'Backward' }).click();
  await frames(page);
  assert.match(await net.locator('canvas').first().getAttribute('aria-label'), /backward pass/);
  assert.equal(await net.getByRole('button', { name: 'Backward' }).getAttribute('aria-pressed'), 'true');
  // The loss chart in words: the article's loss before the step and the exact one after it.
  const chartLabel = await net.locator('canvas').nth(1).getAttribute('aria-label');
  assert.equal(chartLabel, 'Loss per step over 1 step: 0.0784 at the start, 0.0007187 now, lowest 0.0007187');

  // Edit w₁⁽²⁾ through its input: the run restarts from the edited weights.
  const w12 = net.locator('.gdviz-inputs input').nth(6);
  await w12.fill('0.3');
  await w12.press('Enter');
  await frames(page);
  s = await state(page, 'mlp');
  assert.equal(s.step, 0);
  assert.equal(s.weights[3], 0.3);
  assert.ok(close(s.yhat, 0.3 * 1.0896 + 0.2896 * 1.6448), `ŷ at the edited weights: ${s.yhat}`);
  assert.equal((await state(page, 'loss-slice')).end[0], 0.3);

  // A bad value is explained and not applied.
  await w12.fill('abc');
  await w12.press('Enter');
  await frames(page);
  assert.match(await net.locator('[role=alert]').textContent(), /the w₁⁽²⁾ field="abc" is not a number/);
  assert.equal((await state(page, 'mlp')).weights[3], 0.3);

  // Dragging on the slice sets w₁⁽²⁾ and w₃⁽²⁾ in the network.
  await page.locator('[data-gdviz="loss-slice"] canvas').scrollIntoViewIfNeeded();
  const box = await page.locator('[data-gdviz="loss-slice"] canvas').boundingBox();
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.45);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.65, box.y + box.height * 0.4, { steps: 5 });
  await page.mouse.up();
  await frames(page);
  const dragged = await state(page, 'mlp');
  const slice = await state(page, 'loss-slice');
  assert.equal(dragged.step, 0);
  assert.notEqual(dragged.weights[3], 0.3);
  assert.deepEqual([dragged.weights[3], dragged.weights[5]], slice.end);

  // The keyboard moves the slice's point too.
  const sliceCanvas = page.locator('[data-gdviz="loss-slice"] canvas');
  await sliceCanvas.focus();
  const w0 = (await state(page, 'mlp')).weights;
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await frames(page);
  const w1 = (await state(page, 'mlp')).weights;
  assert.ok(w1[3] > w0[3] && w1[5] < w0[5], `arrow keys move (w₁⁽²⁾, w₃⁽²⁾): ${w0} → ${w1}`);

  // Reset returns to the article's start.
  await net.getByRole('button', { name: 'Reset' }).click();
  await frames(page);
  s = await state(page, 'mlp');
  assert.deepEqual([s.step, s.weights], [0, [0.5, -0.3, 0.8, 0.4, -0.6, 0.2]]);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('network: an overflowing step is reported as diverged, never as NaN', async () => {
  const { page, context } = await open({ viewport: { width: 900, height: 1000 }, deviceScaleFactor: 1 });
  const net = page.locator('[data-gdviz="mlp"]');
  const x = net.locator('.gdviz-inputs input').nth(0);
  await x.fill('2e154');
  await x.press('Enter');
  await frames(page);
  await net.getByRole('button', { name: 'Step SGD' }).click();
  await frames(page);
  const s = await state(page, 'mlp');
  assert.equal(s.diverged_at, 1);
  assert.match(s.error, /diverged at step 1/);
  assert.match(await net.locator('[role=alert]').textContent(), /diverged at step 1/);
  assert.equal(await net.getByRole('button', { name: 'Step SGD' }).isDisabled(), true);
  const text = await page.locator('#network').textContent();
  assert.ok(!/NaN|Infinity|\binf\b/.test(text), 'no NaN or Infinity on screen');
  // A loss that overflows at the start is refused outright.
  await x.fill('1e200');
  await x.press('Enter');
  await frames(page);
  assert.match(await net.locator('[role=alert]').textContent(), /loss overflows/);
  assert.equal((await state(page, 'mlp')).x, 2e154);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('network: fits a 390 px phone screen', async () => {
  const { page, context } = await open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await page.locator('[data-gdviz="mlp"]').getByRole('button', { name: 'Step SGD' }).tap();
  await frames(page);
  assert.equal((await state(page, 'mlp')).step, 1);
  await page.locator('#network').screenshot({ path: OUT + 'network-phone.png' });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});
