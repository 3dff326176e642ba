// Issue 20: what a run accumulates (optimizer paths and their losses, resample tips, a
// training's losses) is drawn onto a kept layer as it grows, a frame adding only what is new.
// A run played to its end this way must show the same pixels as the same state drawn whole in
// one go (a page opened at that state): up to line joins and anti-aliasing, under 1 % of the
// pixels may differ.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, settled, state, frames, BASE, memoryOf } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const VIEW = { viewport: { width: 800, height: 1400 }, deviceScaleFactor: 1 };

/** A page with one widget from embed.html's query string. */
async function widget(query) {
  const context = await browser.newContext(VIEW);
  const page = await context.newPage();
  await page.goto(`${BASE}gdviz/embed.html?${query}`);
  await settled(page);
  return { page, context };
}

/** Every canvas of the widget, as PNG data URLs. */
const pictures = (page) => page.$$eval('#figure canvas', (cs) => cs.map((c) => c.toDataURL()));

/**
 * For each pair of pictures (drawn as the run grew; drawn whole), the share of pixels that
 * differ by more than 8 in some channel, measured in `page`.
 */
const differences = (page, grown, whole) => page.evaluate(async ([a, b]) => {
  const pixels = async (url) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    const c = document.createElement('canvas');
    [c.width, c.height] = [img.width, img.height];
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return ctx.getImageData(0, 0, c.width, c.height);
  };
  const out = [];
  for (let k = 0; k < a.length; k++) {
    const [p, q] = [await pixels(a[k]), await pixels(b[k])];
    if (p.width !== q.width || p.height !== q.height) { out.push({ k, size: [p.width, p.height, q.width, q.height] }); continue; }
    let n = 0, painted = 0;
    for (let i = 0; i < p.data.length; i += 4) {
      let d = 0;
      for (let j = 0; j < 3; j++) d = Math.max(d, Math.abs(p.data[i + j] - q.data[i + j]));
      if (d > 8) n++;
      if (p.data[i] < 250 || p.data[i + 1] < 250 || p.data[i + 2] < 250) painted++;
    }
    out.push({ k, share: n / (p.width * p.height), painted: painted / (p.width * p.height) });
  }
  return out;
}, [grown, whole]);

/** Asserts the pictures agree, and that they show something (a blank pair would agree). */
function agree(diffs, what) {
  for (const d of diffs) {
    assert.ok(d.share !== undefined, `${what}: canvas ${d.k} differs in size ${JSON.stringify(d.size)}`);
    assert.ok(d.share < 0.01, `${what}: canvas ${d.k}: ${(100 * d.share).toFixed(2)} % of pixels differ`);
    assert.ok(d.painted > 0.02, `${what}: canvas ${d.k} is nearly blank`);
  }
}

test('trajectory: 300 iterations played frame by frame show what the run opened at iteration 300 shows', async () => {
  const query = 'kind=trajectory&iters=300';
  const grown = await widget(query);
  await grown.page.locator('#figure').getByRole('button', { name: 'Play' }).click();
  await grown.page.waitForFunction(() => JSON.parse(document.querySelector('#figure').dataset.state).iter === 300, null, { timeout: 60_000 });
  await frames(grown.page);
  const whole = await widget(`${query}&iter=300`);
  assert.equal((await state(whole.page, 'trajectory')).iter, 300);
  const diffs = await differences(whole.page, await pictures(grown.page), await pictures(whole.page));
  agree(diffs, 'trajectory');
  assert.deepEqual(await grown.page.problems(), []);
  await grown.context.close();
  await whole.context.close();
});

test('landscape: 200 iterations played frame by frame show what the run opened at iteration 200 shows', async () => {
  const query = 'kind=landscape&iters=200';
  const grown = await widget(query);
  await grown.page.locator('#figure').getByRole('button', { name: 'Play' }).click();
  await grown.page.waitForFunction(() => JSON.parse(document.querySelector('#figure').dataset.state).iter === 200, null, { timeout: 60_000 });
  await frames(grown.page);
  const whole = await widget(`${query}&iter=200`);
  assert.equal((await state(whole.page, 'landscape')).iter, 200);
  const [a, b] = [await pictures(grown.page), await pictures(whole.page)];
  agree(await differences(whole.page, a, b), 'landscape');
  // The paths are a fair part of the picture: a trail that lost iterations would show.
  const start = await widget(query);
  const [shown] = await differences(whole.page, b, await pictures(start.page));
  assert.ok(shown.share > 0.01, `the paths cover only ${(100 * shown.share).toFixed(2)} % of the picture`);
  assert.deepEqual(await grown.page.problems(), []);
  for (const p of [grown, whole, start]) await p.context.close();
});

test('mlp: a training stepped to its end draws the loss chart a page opened at that step draws', async () => {
  const grown = await widget('kind=mlp');
  await grown.page.locator('#figure').getByRole('button', { name: 'Train' }).click();
  await grown.page.waitForFunction(() => {
    const s = JSON.parse(document.querySelector('#figure').dataset.state);
    return s.playing === false && s.losses.length > 1;
  }, null, { timeout: 60_000 });
  await frames(grown.page);
  const steps = (await state(grown.page, 'mlp')).losses.length - 1;
  const memory = await memoryOf(grown.page);
  assert.equal(memory.wasm, 'modules/network/gdviz_bg.wasm', 'an mlp alone runs its family\'s module');
  assert.equal(memory.now, memory.initial, `linear memory after ${steps} steps`);
  const whole = await widget(`kind=mlp&steps=${steps}`);
  assert.equal((await state(whole.page, 'mlp')).losses.length - 1, steps);
  // The chart is the last canvas (the graph above it is drawn whole every frame anyway).
  const [a, b] = [(await pictures(grown.page)).slice(-1), (await pictures(whole.page)).slice(-1)];
  agree(await differences(whole.page, a, b), 'mlp');
  await grown.context.close();
  await whole.context.close();
});

test('minibatch: tips added a hundred at a time show what the figure opened at 501 resamples shows', async () => {
  const grown = await widget('kind=minibatch');
  for (let k = 0; k < 5; k++) {
    await grown.page.locator('#figure').getByRole('button', { name: 'Resample ×100' }).click();
    await frames(grown.page);
  }
  assert.equal((await state(grown.page, 'minibatch')).resamples, 501);
  const memory = await memoryOf(grown.page);
  assert.equal(memory.now, memory.initial, `linear memory after 500 resamples (${memory.wasm})`);
  const whole = await widget('kind=minibatch&resamples=501');
  const [a, b] = [(await pictures(grown.page)).slice(0, 1), (await pictures(whole.page)).slice(0, 1)];
  agree(await differences(whole.page, a, b), 'minibatch');
  await grown.context.close();
  await whole.context.close();
});

test('descent-1d: 200 steps taken one per frame show what the run opened at step 200 shows', async () => {
  // x ← −0.98x from 2 on the parabola (η = 0.99): the run bounces across the minimum, each
  // step a chord of the curve, 200 of them fanning down towards it.
  const query = 'kind=descent-1d&x=2&lr=0.99';
  const grown = await widget(query);
  await grown.page.evaluate(async () => {
    const { mount } = await import('/gdviz/gdviz-embed.js');
    const handle = mount(document.querySelector('#figure'));
    for (let k = 0; k < 200; k++) {
      handle.action('step');
      await new Promise((r) => requestAnimationFrame(r));
    }
  });
  await frames(grown.page);
  assert.equal((await state(grown.page, 'descent-1d')).step, 200);
  const whole = await widget(`${query}&steps=200`);
  assert.equal((await state(whole.page, 'descent-1d')).step, 200);
  const [a, b] = [await pictures(grown.page), await pictures(whole.page)];
  agree(await differences(whole.page, a, b), 'descent-1d');
  // The history is a fair part of the picture: a trail that lost steps would show.
  const start = await widget('kind=descent-1d&x=0.03518&lr=0.99');
  const [shown] = await differences(whole.page, b, await pictures(start.page));
  assert.ok(shown.share > 0.03, `the history covers only ${(100 * shown.share).toFixed(2)} % of the picture`);
  assert.deepEqual(await grown.page.problems(), []);
  for (const p of [grown, whole, start]) await p.context.close();
});
