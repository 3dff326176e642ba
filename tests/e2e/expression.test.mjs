// Your own function: type an expression into the contour widget, see exact gradients beside
// the finite-difference estimate, parse errors with their position, and undefined points
// explained instead of NaN.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open, frames, state, close, OUT } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const typeFn = async (page, text) => {
  const input = page.locator('#figure .gdviz-expr input');
  await input.fill(text);
  await input.press('Enter');
  await frames(page);
};

test('typing a function: exact gradient, the finite-difference check beside it, a drag', async () => {
  const { page, context } = await open(browser, 'gdviz/embed.html?kind=contour');
  await typeFn(page, 'x^2*y + sin(y)');
  let s = await state(page, 'contour');
  assert.equal(s.fn, 'x^2 * y + sin(y)');
  assert.equal(await page.$eval('#figure select', (e) => e.value), 'custom');
  // By hand at the default point (1, 1): f = 1 + sin 1, ∇f = (2xy, x² + cos y) = (2, 1 + cos 1).
  assert.deepEqual([s.x, s.y], [1, 1]);
  assert.ok(close(s.f, 1 + Math.sin(1), 1e-15));
  assert.ok(close(s.grad[0], 2, 1e-15) && close(s.grad[1], 1 + Math.cos(1), 1e-15));
  // x²y is quadratic in x (its central difference is exact); in y the truncation is h²/6·cos 1 ≈ 9e-12.
  assert.ok(s.fd_error > 0 && s.fd_error < 1e-9, `FD error ${s.fd_error}`);
  const text = await page.$eval('#figure .gdviz-readouts', (e) => e.textContent);
  // The estimate itself, beside its label: (2, 1 + cos 1 = 1.5403023059…).
  assert.match(text, /\(2, 1\.540302\d*\)/);
  // Drag: the state follows, still exact.
  await page.locator('#figure canvas').scrollIntoViewIfNeeded();
  const box = await page.locator('#figure canvas').boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.25, { steps: 5 });
  await page.mouse.up();
  await frames(page);
  s = await state(page, 'contour');
  assert.ok(s.x < 0 && s.y > 0, JSON.stringify([s.x, s.y]));
  assert.ok(close(s.grad[0], 2 * s.x * s.y, 1e-12) && close(s.grad[1], s.x * s.x + Math.cos(s.y), 1e-12));
  await page.locator('#figure').screenshot({ path: `${OUT}expression-typed.png` });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('a typo is pointed at and the plot keeps the last function', async () => {
  const { page, context } = await open(browser, 'gdviz/embed.html?kind=contour');
  const before = await state(page, 'contour');
  await typeFn(page, 'x^2 + * y');
  const msg = await page.$eval('#figure .gdviz-expr-message', (e) => e.textContent);
  assert.match(msg, /at character 7: expected a number, x, y, a function or '\(', found '\*'/);
  assert.equal(await page.$eval('#figure .gdviz-expr input', (e) => e.getAttribute('aria-invalid')), 'true');
  assert.deepEqual(await state(page, 'contour'), before);
  // An attribute gets the same explanation, inside the widget.
  await page.goto(new URL('gdviz/embed.html?kind=contour&fn=sin(x', process.env.GDVIZ_URL ?? 'http://127.0.0.1:8093/').href);
  await page.waitForSelector('#figure[data-state]');
  assert.match((await state(page, 'contour')).error, /data-fn="sin\(x" is not a function of x and y: at character 6: expected '\)'/);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('where the function is undefined the widget says why, never NaN', async () => {
  const { page, context } = await open(browser, 'gdviz/embed.html?kind=contour&fn=ln(x)%2By&x=0.5&y=0');
  let s = await state(page, 'contour');
  assert.equal(s.fn, 'ln(x) + y');
  assert.equal(s.undefined, undefined);
  await page.focus('#figure canvas');
  // Shift+arrow moves a tenth of the plot (1 here): from x = 0.5 to −0.5.
  await page.keyboard.press('Shift+ArrowLeft');
  await frames(page);
  s = await state(page, 'contour');
  assert.deepEqual([s.x, s.y], [-0.5, 0], JSON.stringify(s) + await page.$eval('#figure', (e) => e.innerText));
  assert.match(s.undefined, /ln\(x\) is undefined here: the logarithm of -0\.5/);
  assert.equal(s.f, null);
  const shown = await page.$eval('#figure', (e) => e.innerText);
  assert.doesNotMatch(shown, /NaN|Infinity/);
  assert.match(shown, /undefined here/);
  assert.match(await page.$eval('#figure .gdviz-undefined', (e) => e.textContent), /the logarithm of -0\.5/);
  await page.locator('#figure').screenshot({ path: `${OUT}expression-undefined.png` });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('trajectory and sinusoid take a typed function too; a linked contour plot follows', async () => {
  const { page, context } = await open(browser, 'gdviz/embed.html?kind=trajectory');
  await typeFn(page, 'x^2 + 3*y^2');
  let s = await state(page, 'trajectory');
  assert.equal(s.fn, 'x^2 + 3 * y^2');
  assert.deepEqual([s.start, s.lr, s.iter], [[1, 1], 0.05, 0]);
  await page.click('#figure button:has-text("Step")');
  await frames(page);
  s = await state(page, 'trajectory');
  // By hand: ∇f(1, 1) = (2, 6), so gradient descent goes to (1 − 0.05·2, 1 − 0.05·6).
  assert.ok(close(s.paths.gd[1][0], 0.9, 1e-15) && close(s.paths.gd[1][1], 0.7, 1e-15), JSON.stringify(s.paths.gd));
  // A function undefined everywhere in the plot is refused with a reason.
  await typeFn(page, 'sqrt(-1 - x^2)');
  assert.match(await page.$eval('#figure .gdviz-expr-message', (e) => e.textContent), /no point in the plot where it and its gradient are defined/);
  assert.equal((await state(page, 'trajectory')).fn, 'x^2 + 3 * y^2');
  assert.deepEqual(await page.problems(), []);
  await context.close();

  const demo = await open(browser, 'gdviz/index.html');
  const input = demo.page.locator('#fig-sinusoid .gdviz-expr input');
  await input.fill('x*y');
  await input.press('Enter');
  await frames(demo.page);
  const sin = await demo.page.$eval('#fig-sinusoid', (el) => JSON.parse(el.dataset.state));
  const con = await demo.page.$eval('#fig-contour', (el) => JSON.parse(el.dataset.state));
  assert.equal(sin.fn, 'x * y');
  assert.equal(con.fn, 'x * y', 'the contour plot of the same group follows');
  // ∇(xy) = (y, x) at the default point (1, 1).
  assert.deepEqual(sin.grad, [1, 1]);
  assert.equal(await demo.page.$eval('#fig-contour .gdviz-expr input', (e) => e.value), 'x * y');
  assert.deepEqual(await demo.page.problems(), []);
  await demo.context.close();
});
