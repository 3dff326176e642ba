// Issue 16 end to end: the torch.optim paths of `trajectory` (first steps derived by hand),
// their hyperparameter fields, the step parts, and `landscape` — turned by drag and keys, and
// one run with a `trajectory` of its group.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open, frames, state, close, OUT } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The button named exactly `name` in the widget `#id`. */
const button = (page, id, name) => page.locator(`#${id}`).getByRole('button', { name });
const near = (p, q, tol) => close(p[0], q[0], tol) && close(p[1], q[1], tol);

test('trajectory: Nesterov, Adagrad, RMSprop and Adam take the steps derived by hand', async () => {
  const { page, context } = await open(browser, 'gdviz/embed.html?kind=trajectory&fn=bowl&lr=0.1&paths=nesterov,adagrad,rmsprop,adam');
  let s = await state(page, 'trajectory');
  assert.deepEqual(Object.keys(s.paths).sort(), ['adagrad', 'adam', 'nesterov', 'rmsprop']);
  assert.deepEqual([s.beta, s.alpha, s.beta1, s.beta2], [0.9, 0.99, 0.9, 0.999]);
  assert.deepEqual(s.eps, { adagrad: 1e-10, rmsprop: 1e-8, adam: 1e-8 });
  await button(page, 'figure', 'Step').click();
  await frames(page);
  await button(page, 'figure', 'Step').click();
  await frames(page);
  s = await state(page, 'trajectory');
  // Bowl from (3, 4), ∇f = (6, 8). Nesterov: b = g, step η(g + 0.9b) = 0.19·(6, 8); then
  // g = (3.72, 4.96), b = 0.9·(6, 8) + g, step 0.1·(g + 0.9b).
  assert.ok(near(s.paths.nesterov[1], [1.86, 2.48], 1e-12), JSON.stringify(s.paths.nesterov));
  assert.ok(near(s.paths.nesterov[2], [0.6672, 0.8896], 1e-12));
  // Adagrad and Adam: the first step is η·sign(g); RMSprop's is 0.1·g/√(0.01g²) = (1, 1).
  assert.ok(near(s.paths.adagrad[1], [2.9, 3.9], 1e-10));
  assert.ok(near(s.paths.adam[1], [2.9, 3.9], 1e-8));
  assert.ok(near(s.paths.rmsprop[1], [2, 3], 1e-7));
  // Adam's second step with bias correction (m̂ = m/0.19, v̂ = v/0.001999).
  const adam = (g1, g2) => 0.1 * ((0.09 * g1 + 0.1 * g2) / 0.19) / Math.sqrt((0.999 * 0.001 * g1 * g1 + 0.001 * g2 * g2) / 0.001999);
  assert.ok(near(s.paths.adam[2], [2.9 - adam(6, 5.8), 3.9 - adam(8, 7.8)], 1e-8), JSON.stringify(s.paths.adam));
  await page.locator('#figure').screenshot({ path: `${OUT}optimizers-bowl.png` });

  // The fields: β = 0.5 restarts the run with it; β = 1 is refused, named, and changes nothing.
  const set = async (name, value) => {
    const input = page.locator('#figure .gdviz-inputs input').nth(['beta', 'alpha', 'beta1', 'beta2', 'eps'].indexOf(name));
    await input.fill(value);
    await input.press('Enter');
    await frames(page);
    return input;
  };
  await set('beta', '0.5');
  s = await state(page, 'trajectory');
  assert.equal(s.beta, 0.5);
  assert.equal(s.iter, 0);
  assert.equal(await page.$eval('#figure button:has-text("Nesterov")', (b) => b.textContent), 'Nesterov (β = 0.5)');
  const bad = await set('beta', '1');
  s = await state(page, 'trajectory');
  assert.equal(s.beta, 0.5);
  assert.equal(await bad.getAttribute('aria-invalid'), 'true');
  const alert = await page.$eval('#figure [role=alert]', (a) => [a.hidden, a.textContent]);
  assert.equal(alert[0], false);
  assert.match(alert[1], /β \(momentum, Nesterov\) must be at least 0 and below 1/);
  await set('eps', '1e-3');
  s = await state(page, 'trajectory');
  assert.deepEqual(s.eps, { adagrad: 1e-3, rmsprop: 1e-3, adam: 1e-3 });
  assert.equal(await page.$eval('#figure [role=alert]', (a) => a.hidden), true, 'a good value clears the alert');
  await set('eps', '');
  s = await state(page, 'trajectory');
  assert.deepEqual(s.eps, { adagrad: 1e-10, rmsprop: 1e-8, adam: 1e-8 });

  // A path toggled by its key, and the step parts by their button.
  await page.evaluate(async () => {
    const m = await import('./gdviz-embed.js');
    m.mount(document.querySelector('#figure')).action('adam');
  });
  await frames(page);
  s = await state(page, 'trajectory');
  assert.deepEqual(Object.keys(s.paths).sort(), ['adagrad', 'nesterov', 'rmsprop']);
  const parts = page.locator('#figure button:has-text("Show parts")');
  assert.equal(await parts.getAttribute('aria-pressed'), 'true');
  await parts.click();
  await frames(page);
  assert.equal(await parts.getAttribute('aria-pressed'), 'false');
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

/** Opens the blog page with a trajectory and a landscape of one group appended. */
async function raceOnPage(viewport, colorScheme = 'light') {
  const { page, context } = await open(browser, 'blog/post.html', { viewport, deviceScaleFactor: 2, colorScheme });
  await page.evaluate(() => {
    const section = document.createElement('section');
    section.id = 'race';
    section.innerHTML = `<div id="race-t" data-gdviz="trajectory" data-group="race" data-fn="valley" data-lr="0.05" data-paths="gd,momentum,nesterov,rmsprop,adam"></div>
      <div id="race-l" data-gdviz="landscape" data-group="race" data-paths="gd"></div>`;
    document.querySelector('main, article, body').appendChild(section);
  });
  await page.waitForFunction(() => ['race-t', 'race-l'].every((id) => document.getElementById(id).dataset.state), null, { timeout: 60_000 });
  return { page, context };
}

const stateOf = (page, id) => page.$eval(`#${id}`, (el) => JSON.parse(el.dataset.state));

test('landscape: one run with its trajectory; turned by drag and keys', async () => {
  const { page, context } = await raceOnPage({ width: 900, height: 900 });
  // The landscape joined second: it shows the trajectory's run, not its own data-paths.
  let l = await stateOf(page, 'race-l');
  let t = await stateOf(page, 'race-t');
  assert.equal(l.kind, 'landscape');
  assert.deepEqual(Object.keys(l.paths).sort(), ['adam', 'gd', 'momentum', 'nesterov', 'rmsprop']);
  assert.equal(l.lr, 0.05);
  // Three steps in the trajectory show in the landscape, point for point.
  for (let i = 0; i < 3; i++) await button(page, 'race-t', 'Step').click();
  await frames(page);
  [t, l] = [await stateOf(page, 'race-t'), await stateOf(page, 'race-l')];
  assert.equal(l.iter, 3);
  assert.deepEqual(l.paths, t.paths);
  // A step in the landscape shows in the trajectory; so does Play, run to its end.
  await button(page, 'race-l', 'Step').click();
  await frames(page);
  assert.equal((await stateOf(page, 'race-t')).iter, 4);
  await page.click('#race-l button:has-text("Play")');
  await page.waitForFunction(() => JSON.parse(document.getElementById('race-t').dataset.state).iter === 100, null, { timeout: 30_000 });
  await frames(page);
  [t, l] = [await stateOf(page, 'race-t'), await stateOf(page, 'race-l')];
  assert.equal(l.iter, 100);
  assert.deepEqual(l.losses, t.losses);
  // Hiding Adam in the trajectory hides it in the landscape.
  await page.click('#race-t button:has-text("Adam")');
  await frames(page);
  assert.ok(!('adam' in (await stateOf(page, 'race-l')).paths));

  // Turning: a drag of 60 CSS pixels to the left is 0.6 radian of yaw; → is 5° more.
  const canvas = page.locator('#race-l canvas').first();
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const yaw0 = (await stateOf(page, 'race-l')).yaw;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 60, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await frames(page);
  const yaw1 = (await stateOf(page, 'race-l')).yaw;
  assert.ok(close(yaw1, yaw0 + 0.6, 0.02), `yaw ${yaw0} → ${yaw1}`);
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await frames(page);
  const yaw2 = (await stateOf(page, 'race-l')).yaw;
  assert.ok(close(yaw2, yaw1 + (5 * Math.PI) / 180, 1e-3), `yaw ${yaw1} → ${yaw2}`);
  // The surface is drawn (not blank) at device resolution.
  const drawn = await canvas.evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4 * 97) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) ink++;
    return { ink, w: c.width, css: c.getBoundingClientRect().width };
  });
  assert.ok(drawn.ink > 200, `ink ${drawn.ink}`);
  assert.equal(drawn.w, Math.round(drawn.css * 2));
  await page.locator('#race').screenshot({ path: `${OUT}race-900-light.png` });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

for (const [width, scheme] of [[390, 'dark'], [390, 'light'], [900, 'dark']]) {
  test(`landscape and trajectory at ${width} px, ${scheme}: drawn, nothing wider than the page`, async () => {
    const { page, context } = await raceOnPage({ width, height: 900 }, scheme);
    await button(page, 'race-t', 'Step').click();
    await frames(page);
    const wide = await page.evaluate(() => [...document.querySelectorAll('#race *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((el) => el.tagName + '.' + el.className));
    assert.deepEqual(wide, [], 'nothing overflows the page');
    await page.locator('#race').screenshot({ path: `${OUT}race-${width}-${scheme}.png` });
    assert.deepEqual(await page.problems(), []);
    await context.close();
  });
}

test('momentum-map: its rate by hand, bad options named, keys; a grouped trajectory runs its η and β', async () => {
  const { page, context } = await open(browser, 'blog/post.html', { viewport: { width: 900, height: 900 }, deviceScaleFactor: 2 });
  await page.evaluate(() => {
    const section = document.createElement('section');
    section.id = 'kappa';
    section.innerHTML = `<div id="map" data-gdviz="momentum-map" data-group="kappa" data-kappa="4" data-lr="0.1"></div>
      <div id="run" data-gdviz="trajectory" data-group="kappa" data-paths="gd,momentum"></div>
      <div id="bad" data-gdviz="momentum-map" data-kappa="0"></div>`;
    document.querySelector('main, article, body').appendChild(section);
  });
  await page.waitForFunction(() => ['map', 'run', 'bad'].every((id) => document.getElementById(id).dataset.state), null, { timeout: 60_000 });
  // κ = 4, η = 0.1, β = 0.9: along λ = 4 the matrix [[0.6, −0.09], [4, 0.9]] has trace 1.5 and
  // determinant 0.9; 1.5² < 4·0.9, so both eigenvalues have modulus √0.9 (and along λ = 1 too).
  let m = await stateOf(page, 'map');
  assert.equal(m.kind, 'momentum-map');
  assert.ok(close(m.rate, Math.sqrt(0.9), 1e-12), `rate ${m.rate}`);
  // The optimum: η* = (2/(√4 + 1))² = 4/9, β* = (1/3)² = 1/9, rate 1/3.
  assert.ok(close(m.optimum.lr, 4 / 9, 1e-12) && close(m.optimum.beta, 1 / 9, 1e-12) && close(m.optimum.rate, 1 / 3, 1e-12), JSON.stringify(m.optimum));
  // The trajectory joined second: it runs on the map's quadratic with its η and β.
  let t = await stateOf(page, 'run');
  assert.equal(t.fn, '0.5 * (x^2 + 4 * y^2)');
  assert.deepEqual([t.lr, t.beta, t.iter], [0.1, 0.9, 0]);
  // Go to optimum: the trajectory takes η* and β*; its momentum path then contracts like 1/3ᵏ.
  await button(page, 'map', 'Go to optimum').click();
  await frames(page);
  t = await stateOf(page, 'run');
  assert.ok(close(t.lr, 4 / 9, 1e-12) && close(t.beta, 1 / 9, 1e-12), `${t.lr}, ${t.beta}`);
  for (let i = 0; i < 30; i++) await button(page, 'run', 'Step').click();
  await frames(page);
  t = await stateOf(page, 'run');
  const size = (p) => Math.hypot(p[0], p[1]);
  const ratio = size(t.paths.momentum[30]) / size(t.paths.momentum[0]);
  assert.ok(ratio < 30 * (1 / 3) ** 30, `after 30 steps ${ratio}`);
  // An arrow key on the map moves β up to the next step of 0.01 (1/9 → 0.12); the trajectory
  // follows.
  const canvas = page.locator('#map canvas').first();
  await canvas.focus();
  await page.keyboard.press('ArrowUp');
  await frames(page);
  m = await stateOf(page, 'map');
  assert.ok(close(m.beta, 0.12, 1e-12), `β ${m.beta}`);
  assert.ok(close((await stateOf(page, 'run')).beta, m.beta, 1e-15));
  // η changed in the trajectory shows on the map.
  await page.$eval('#run input[type=range]', (r) => { r.value = '-1'; r.dispatchEvent(new Event('input', { bubbles: true })); });
  await frames(page);
  assert.equal((await stateOf(page, 'map')).lr, 0.1);
  // κ = 0 is refused, naming the attribute.
  const bad = await stateOf(page, 'bad');
  assert.equal(bad.attribute, 'data-kappa');
  assert.match(await page.$eval('#bad [role=alert]', (a) => a.textContent), /data-kappa="0"/);
  await page.locator('#kappa').screenshot({ path: `${OUT}momentum-map-900.png` });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

for (const [width, scheme] of [[390, 'light'], [390, 'dark'], [900, 'dark']]) {
  test(`momentum-map at ${width} px, ${scheme}: drawn, nothing wider than the page`, async () => {
    const { page, context } = await open(browser, `gdviz/embed.html?kind=momentum-map`, { viewport: { width, height: 900 }, deviceScaleFactor: 2, colorScheme: scheme });
    const wide = await page.evaluate(() => [...document.querySelectorAll('#figure *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((el) => el.tagName + '.' + el.className));
    assert.deepEqual(wide, [], 'nothing overflows the page');
    await page.locator('#figure').screenshot({ path: `${OUT}momentum-map-${width}-${scheme}.png` });
    assert.deepEqual(await page.problems(), []);
    await context.close();
  });
}

test('a group member that joins late takes the newest run, not an older momentum-map setting', async () => {
  const { page, context } = await open(browser, 'blog/post.html', { viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
  await page.evaluate(() => {
    const section = document.createElement('section');
    section.id = 'late';
    section.innerHTML = `<div id="m2" data-gdviz="momentum-map" data-group="late"></div>
      <div id="t2" data-gdviz="trajectory" data-group="late"></div>`;
    document.querySelector('main, article, body').appendChild(section);
  });
  await page.waitForFunction(() => ['m2', 't2'].every((id) => document.getElementById(id).dataset.state), null, { timeout: 60_000 });
  assert.equal((await stateOf(page, 't2')).fn, '0.5 * (x^2 + 10 * y^2)');
  // The reader types another function into the trajectory.
  const field = page.locator('#t2 .gdviz-controls input');
  await field.fill('x^2 + 3*y^2');
  await field.press('Enter');
  await frames(page);
  assert.equal((await stateOf(page, 't2')).fn, 'x^2 + 3 * y^2');
  // A landscape joins the group afterwards: it shows the newest run, and the trajectory keeps it.
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.id = 'l2';
    div.dataset.gdviz = 'landscape';
    div.dataset.group = 'late';
    document.getElementById('late').appendChild(div);
  });
  await page.waitForFunction(() => document.getElementById('l2').dataset.state, null, { timeout: 60_000 });
  await frames(page);
  await button(page, 'l2', 'Step').click();
  await frames(page);
  const [t, l] = [await stateOf(page, 't2'), await stateOf(page, 'l2')];
  assert.equal(l.fn, 'x^2 + 3 * y^2');
  assert.equal(t.fn, 'x^2 + 3 * y^2');
  assert.deepEqual([t.iter, l.iter], [1, 1]);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});
