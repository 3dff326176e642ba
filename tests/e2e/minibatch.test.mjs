// The minibatch widget: batch and full gradients checked against the data in the page,
// resampling converging to the full gradient, the batch-size slider, a drag.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open, frames, state, close, OUT } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('minibatch: gradients, resampling towards the full gradient, batch size, drag', async () => {
  const { page, context } = await open(browser, 'gdviz/embed.html?kind=minibatch');
  let s = await state(page, 'minibatch');
  assert.equal(s.kind, 'minibatch');
  assert.equal(s.batch_size, 5);
  assert.equal(s.batch.length, 5);
  assert.equal(s.examples, 50);
  // The full gradient at the optimum is zero, and the batch gradient equals the full one
  // when the batch is everything (checked below); here: one resample, its mean is itself.
  assert.equal(s.resamples, 1);
  assert.deepEqual(s.mean_batch_grad, s.batch_grad);
  const fullNorm = Math.hypot(...s.full_grad);
  await page.click('#figure button:has-text("Resample ×100")');
  await frames(page);
  await page.click('#figure button:has-text("Resample ×100")');
  await frames(page);
  s = await state(page, 'minibatch');
  assert.equal(s.resamples, 201);
  const off = Math.hypot(s.mean_batch_grad[0] - s.full_grad[0], s.mean_batch_grad[1] - s.full_grad[1]);
  assert.ok(off < 0.15 * fullNorm, `mean of 201 batches is ${off} from the full gradient (norm ${fullNorm})`);
  await page.locator('#figure').screenshot({ path: `${OUT}minibatch.png` });
  // A batch of all 50 is the full batch.
  await page.$eval('#figure input[type=range]', (r) => { r.value = '50'; r.dispatchEvent(new Event('input', { bubbles: true })); });
  await frames(page);
  s = await state(page, 'minibatch');
  assert.equal(s.batch_size, 50);
  assert.ok(close(s.batch_grad[0], s.full_grad[0], 1e-12) && close(s.batch_grad[1], s.full_grad[1], 1e-12));
  assert.equal(s.resamples, 1);
  // Dragging moves (w, b); the full-batch path heads for the optimum.
  const before = [s.w, s.b];
  await page.locator('#figure canvas').first().scrollIntoViewIfNeeded();
  const box = await page.locator('#figure canvas').first().boundingBox();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.7);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.75, { steps: 3 });
  await page.mouse.up();
  await frames(page);
  s = await state(page, 'minibatch');
  assert.ok(s.w > before[0] && s.b < before[1], JSON.stringify([before, s.w, s.b]));
  const dist = (p) => Math.hypot(p[0] - s.optimum[0], p[1] - s.optimum[1]);
  assert.ok(dist(s.gd_path.at(-1)) < dist(s.gd_path[0]));
  assert.doesNotMatch(await page.$eval('#figure', (e) => e.innerText), /NaN|Infinity/);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('minibatch: a bad option is explained', async () => {
  const { page, context } = await open(browser, 'gdviz/embed.html?kind=minibatch&batch=0');
  assert.match((await state(page, 'minibatch')).error, /data-batch="0" is out of range: a whole number from 1 to 50/);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});
