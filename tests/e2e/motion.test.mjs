// Issue 17 end to end: Play sweeps sinusoid's θ, descent-1d plays to convergence, mlp trains
// to the loss bound with a live chart; reduced motion jumps to the end; Space toggles on a
// focused figure; nothing is drawn while a playing widget is scrolled out of view; start and
// end are announced, not every step.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, frames, state, BASE } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A page with one widget from embed.html's query string. */
async function widget(query, options = {}) {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 }, deviceScaleFactor: 1, ...options });
  const page = await context.newPage();
  await page.goto(`${BASE}gdviz/embed.html?${query}`);
  await page.waitForSelector('#figure[data-state]', { timeout: 60_000 });
  // Every text the live region takes, in order.
  await page.evaluate(() => {
    window.__said = [];
    const region = document.querySelector('#figure .gdviz-sr-only');
    new MutationObserver(() => window.__said.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true });
  });
  return { page, context };
}
const button = (page, name) => page.locator('#figure').getByRole('button', { name });
const draws = (page, kind) => page.evaluate((k) => performance.getEntriesByName(`gdviz:draw:${k}`).length, kind);
const degrees = (s) => (s.theta * 180) / Math.PI;

test('sinusoid: Play sweeps θ at a quarter turn a second; Space pauses; off screen it stops drawing', async () => {
  const { page, context } = await widget('kind=sinusoid');
  assert.equal(degrees(await state(page, 'sinusoid')), 0);
  await button(page, 'Play').click();
  await page.waitForTimeout(600);
  let s = await state(page, 'sinusoid');
  assert.equal(s.playing, true);
  // About 54° in 0.6 s (driver round trips add a little); at least a few frames' worth.
  assert.ok(degrees(s) > 15 && degrees(s) < 150, `θ = ${degrees(s)}°`);
  // Space on the focused curve pauses; θ then stays.
  await page.focus('#figure canvas');
  await page.keyboard.press(' ');
  await frames(page);
  s = await state(page, 'sinusoid');
  assert.equal(s.playing, false);
  assert.equal(await button(page, 'Play').getAttribute('aria-pressed'), 'false');
  await page.waitForTimeout(300);
  assert.equal((await state(page, 'sinusoid')).theta, s.theta);
  // Space again plays.
  await page.keyboard.press(' ');
  await page.waitForTimeout(300);
  assert.equal((await state(page, 'sinusoid')).playing, true);
  // Scrolled out of view, the playing widget draws nothing and θ stays; back in view, it goes on.
  await page.evaluate(() => { document.body.style.paddingBottom = '4000px'; window.scrollTo(0, 3000); });
  await page.waitForTimeout(300);
  const [n, away] = [await draws(page, 'sinusoid'), (await state(page, 'sinusoid')).theta];
  await page.waitForTimeout(700);
  assert.ok(await draws(page, 'sinusoid') - n <= 1, 'frames drawn while off screen');
  assert.equal((await state(page, 'sinusoid')).theta, away);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  assert.notEqual((await state(page, 'sinusoid')).theta, away);
  assert.ok(await draws(page, 'sinusoid') - n > 3);
  // Start and pause, each said once.
  const said = await page.evaluate(() => window.__said);
  assert.ok(said.length <= 4 && said.some((t) => t.startsWith('Sweeping θ')), JSON.stringify(said));
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('descent-1d: Play steps every 250 ms until |step| < 1e-9; reduced motion jumps there', async () => {
  const { page, context } = await widget('kind=descent-1d&x=2&lr=0.3');
  await button(page, 'Play').click();
  await page.waitForTimeout(600);
  const early = await state(page, 'descent-1d');
  // x ← 0.4x from 2: about 3 steps in 0.6 s, never more than one a frame's 250 ms allow.
  assert.ok(early.playing && early.step >= 2 && early.step <= 4, JSON.stringify(early.step));
  // 0.6 · 2 · 0.4²³ < 10⁻⁹ < 0.6 · 2 · 0.4²²: it converges at step 24 (~6 s).
  await page.waitForFunction(() => {
    const s = JSON.parse(document.querySelector('#figure').dataset.state);
    return s.playing === false && s.step > 0;
  }, null, { timeout: 20_000 });
  const s = await state(page, 'descent-1d');
  assert.equal(s.step, 24);
  assert.ok(Math.abs(s.x - 2 * 0.4 ** 24) < 1e-15);
  await page.waitForFunction(() => window.__said.at(-1)?.startsWith('Converged'), null, { timeout: 5_000 });
  const said = await page.evaluate(() => window.__said);
  assert.ok(said.length <= 3 && said.at(-1).startsWith('Converged at step 24'), JSON.stringify(said));
  await context.close();

  const reduced = await widget('kind=descent-1d&x=2&lr=0.3', { reducedMotion: 'reduce' });
  await button(reduced.page, 'Play').click();
  await frames(reduced.page);
  assert.equal((await state(reduced.page, 'descent-1d')).step, 24);
  assert.deepEqual(await reduced.page.problems(), []);
  await reduced.context.close();
});

test('mlp: Train runs SGD until the loss is below 1e-12, the chart turning to a log scale', async () => {
  const { page, context } = await widget('kind=mlp');
  await button(page, 'Train').click();
  await page.waitForFunction(() => {
    const s = JSON.parse(document.querySelector('#figure').dataset.state);
    return s.playing === false && s.losses.length > 1;
  }, null, { timeout: 30_000 });
  const s = await state(page, 'mlp');
  const k = s.losses.length - 1;
  assert.ok(s.loss < 1e-12 && s.losses[k - 1] >= 1e-12, JSON.stringify(s.losses));
  assert.equal(await button(page, 'Train').getAttribute('aria-pressed'), 'false');
  // The chart has grown with every step, and the tables show the step now due, at the
  // trained weights (the update table's "before" column).
  const label = await page.$eval('#figure', (f) => [...f.querySelectorAll('canvas')].at(-1).getAttribute('aria-label'));
  assert.match(label, new RegExp(`over ${k} steps`));
  const before = await page.$eval('#figure', (f) => [...f.querySelectorAll('table')].at(-1).rows[1].cells[1].textContent);
  assert.ok(Math.abs(Number(before.replace('−', '-')) - s.weights[0]) < 1e-5, `${before} against ${s.weights[0]}`);
  // The end is said after the live region's half-second quiet.
  await page.waitForFunction(() => window.__said.at(-1)?.startsWith('Trained'), null, { timeout: 5_000 });
  const said = await page.evaluate(() => window.__said);
  assert.ok(said.length <= 3 && said.at(-1).startsWith(`Trained: the loss fell below 10⁻¹² at step ${k}`), JSON.stringify(said));
  await page.locator('#figure').screenshot({ path: new URL(`./out/${page.engine}/mlp-trained.png`, import.meta.url).pathname });
  assert.deepEqual(await page.problems(), []);
  await context.close();

  const reduced = await widget('kind=mlp', { reducedMotion: 'reduce' });
  await button(reduced.page, 'Train').click();
  await frames(reduced.page);
  const r = await state(reduced.page, 'mlp');
  assert.equal(r.losses.length, k + 1);
  assert.equal(r.playing, false);
  await reduced.context.close();
});
