// End-to-end: the story page. Each paragraph, scrolled into view, drives its figure through
// the public API (set, action, state) only; the figures end where the story says.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open, OUT } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const state = (page, id) => page.$eval(`#${id}`, (el) => JSON.parse(el.dataset.state));
const show = (page, story) => page.$eval(`[data-story=${story}]`, (p) => p.scrollIntoView({ block: 'center' }));

test('story: scrolling moves the point to the saddle, turns θ to the peak, takes three SGD steps', async () => {
  const { page, context } = await open(browser, 'gdviz/story.html', { viewport: { width: 800, height: 700 }, deviceScaleFactor: 1 });
  // Nothing moves before its paragraph is seen (the first one is on screen from the start).
  assert.equal((await state(page, 'story-mlp')).step, 0);

  await show(page, 'saddle');
  await page.waitForFunction(() => JSON.parse(document.getElementById('story-contour').dataset.state).fn === 'saddle');
  const saddle = await state(page, 'story-contour');
  // The saddle's centre: f = 0 and a zero gradient.
  assert.deepEqual([saddle.x, saddle.y, saddle.f, saddle.norm], [0, 0, 0, 0]);

  await show(page, 'peak');
  await page.waitForFunction(() => {
    const s = JSON.parse(document.getElementById('story-sinusoid').dataset.state);
    return Math.abs(s.theta - s.theta_star) < 1e-9;
  }, null, { timeout: 60_000 });
  const peak = await state(page, 'story-sinusoid');
  // At (3, 4) on the bowl the gradient (6, 8) points at atan2(8, 6); the rate there is ‖∇f‖ = 10.
  assert.ok(Math.abs(peak.theta - Math.atan2(8, 6)) < 1e-9 && Math.abs(peak.d_theta - 10) < 1e-9, JSON.stringify(peak));

  await show(page, 'steps');
  await page.waitForFunction(() => JSON.parse(document.getElementById('story-slice').dataset.state).step === 3, null, { timeout: 60_000 });
  const [net, slice] = [await state(page, 'story-mlp'), await state(page, 'story-slice')];
  assert.equal(net.step, 3);
  // The slice shares the run: the same loss after the same three steps.
  assert.equal(slice.loss, net.loss);
  assert.ok(net.losses[3] < net.losses[0]);
  await page.screenshot({ path: OUT + 'story.png', fullPage: true });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});
