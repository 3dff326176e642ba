// End-to-end: what a page fetches. gdviz-embed.js fetches the module of the figures' family when
// every figure on the page is of one (calculus, surfaces, race, network), else the module with
// every kind; a figure of another family added later fetches its family's module, and the
// loader's exports, the URL fragment and option changes work across both modules.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open, frames, fetchedPaths } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The wasm files the page fetched, as paths under /gdviz/. */
const wasmFetched = async (page) => (await fetchedPaths(page)).filter((p) => p.endsWith('.wasm')).map((p) => p.replace(/^\/gdviz\//, ''));

test('modules: a page of one family fetches that family\'s module only, a page of several the module with every kind', async () => {
  const cases = [
    // The example page: contour, sinusoid, norms and descent-1d.
    ['gdviz/embed-example.html', ['modules/calculus/gdviz_bg.wasm']],
    ['gdviz/embed.html?kind=mlp', ['modules/network/gdviz_bg.wasm']],
    ['gdviz/embed.html?kind=bowl', ['modules/surfaces/gdviz_bg.wasm']],
    ['gdviz/embed.html?kind=momentum-map', ['modules/race/gdviz_bg.wasm']],
    // Contour plots, sinusoid, norms, an mlp and a misspelt kind.
    ['blog/post.html', ['gdviz_bg.wasm']],
  ];
  for (const [path, expected] of cases) {
    const { page, context } = await open(browser, path, { viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
    assert.deepEqual(await wasmFetched(page), expected, path);
    // Every figure started (or says why not, in the post's misspelt one).
    const states = await page.$$eval('[data-gdviz]', (els) => els.map((el) => JSON.parse(el.dataset.state)));
    const failed = states.filter((s) => s.error).map((s) => `${s.kind}: ${s.error}`);
    const post = ['contour: data-fn="banana" is not a known function (try one of: bowl, valley, saddle, rosenbrock, himmelblau, or an expression in x and y)', 'surface: data-gdviz="surface" is not a gdviz figure'];
    assert.deepEqual(failed, path === 'blog/post.html' ? post : [], path);
    assert.deepEqual(await page.problems(), [], path);
    await context.close();
  }
});

test('modules: a figure of another family added later fetches its family\'s module and works beside the first; the exports, the fragment and a change of kind span both', async () => {
  const { page, context } = await open(browser, 'gdviz/embed-example.html', { viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
  const r = await page.evaluate(async () => {
    const m = await import(new URL('gdviz-embed.js', location.href).href);
    await m.ready;
    document.body.setAttribute('data-gdviz-url', '');
    const before = m.mounted();
    const add = (id, kind) => {
      const el = document.createElement('div');
      el.id = id;
      el.dataset.gdviz = kind;
      document.querySelector('main, body').append(el);
      return el;
    };
    const contour = add('c1', 'contour');
    // Its module is in use: mounted at once.
    const contourHandle = m.mount(contour);
    const net = add('n1', 'mlp');
    // Its module is not fetched yet: no handle now, and it mounts once the module arrives.
    const early = m.mount(net);
    await m.mounting();
    const netHandle = m.mount(net);
    netHandle.action('step');
    contourHandle.set({ x: 1.5 });
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    // The fragment is rewritten within a quarter second of the last change, by each module for its own figures.
    await new Promise((res) => setTimeout(res, 600));
    const hash = decodeURIComponent(location.hash);
    // A name that is no kind: the module in use says so in the figure (no module is fetched for it).
    const typo = add('t1', 'countour');
    await m.mounting();
    const typoState = JSON.parse(typo.dataset.state);
    typo.remove();
    await m.mounting();
    const counted = m.mounted();
    // A kind of another family on a mounted figure: the other module takes it over.
    contour.dataset.gdviz = 'minibatch';
    await new Promise((res) => setTimeout(res, 50));
    await m.mounting();
    const changed = JSON.parse(contour.dataset.state);
    const unmounted = [m.unmount(net), m.unmount(contour), m.unmount(net)];
    return {
      early: early === undefined,
      before,
      counted,
      after: m.mounted(),
      net: JSON.parse(net.dataset.state),
      hash,
      changed: [changed.kind, changed.error ?? null],
      typo: typoState.error,
      unmounted,
      emptied: [net.childElementCount, contour.childElementCount],
    };
  });
  assert.equal(r.early, true, 'mount() before the module arrives gives no handle');
  assert.deepEqual([r.net.kind, r.net.step], ['mlp', 1], 'the mlp mounted by the network module and stepped');
  assert.equal(r.counted, r.before + 2, 'mounted() counts both modules\' widgets');
  assert.match(r.hash, /(^#|&)n1\./, `the fragment has the mlp: ${r.hash}`);
  assert.match(r.hash, /(^#|&)c1\.x=1\.5(&|$)/, `the fragment has the contour plot: ${r.hash}`);
  assert.deepEqual(r.changed, ['minibatch', null], 'a change of kind to another family\'s is mounted by that module');
  assert.equal(r.typo, 'data-gdviz="countour" is not a gdviz figure');
  assert.deepEqual(r.unmounted, [true, true, false]);
  assert.equal(r.after, r.before);
  assert.deepEqual(r.emptied, [0, 0]);
  assert.deepEqual(await wasmFetched(page), ['modules/calculus/gdviz_bg.wasm', 'modules/network/gdviz_bg.wasm']);
  await frames(page);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('modules: a kind changed or a figure unmounted while its module is on its way, <gdviz-figure> of another family, and the raw module imported for contours() beside a family\'s', async () => {
  const { page, context } = await open(browser, 'gdviz/embed-example.html', { viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
  const r = await page.evaluate(async () => {
    const m = await import(new URL('gdviz-embed.js', location.href).href);
    await m.ready;
    const before = m.mounted();
    const add = (kind) => {
      const el = document.createElement('div');
      el.dataset.gdviz = kind;
      document.body.append(el);
      return el;
    };
    // A bowl (surfaces: not fetched yet) that becomes a contour plot in the same task.
    const changed = add('bowl');
    changed.dataset.gdviz = 'contour';
    // A trajectory (race) unmounted before its module arrives.
    const dropped = add('trajectory');
    await Promise.resolve();
    const droppedNow = m.unmount(dropped);
    // The custom element, of the network family.
    const custom = document.createElement('gdviz-figure');
    custom.setAttribute('kind', 'minibatch');
    document.body.append(custom);
    await new Promise((res) => setTimeout(res, 50));
    await m.mounting();
    // contours() from the raw module (the package's `gdviz/contours`): instantiated beside the
    // page's calculus module, it mounts none of the page's figures.
    const raw = await import(new URL('gdviz.js', location.href).href);
    await raw.default();
    const lines = raw.contours(new Float64Array([0, 1, 0, 1, 2, 1, 0, 1, 0]), 3, 3, new Float64Array([0.5]));
    await new Promise((res) => setTimeout(res, 100));
    await m.mounting();
    return {
      before,
      after: m.mounted(),
      raw: raw.mounted(),
      rings: lines.length,
      changed: JSON.parse(changed.dataset.state ?? 'null')?.kind ?? null,
      dropped: [droppedNow, dropped.hasAttribute('data-gdviz-mounted'), dropped.dataset.state ?? null],
      custom: JSON.parse(custom.dataset.state ?? 'null')?.kind ?? null,
    };
  });
  assert.equal(r.changed, 'contour', 'the bowl turned contour plot is mounted by the calculus module');
  assert.deepEqual(r.dropped, [false, false, null], 'a figure unmounted while its module loads stays unmounted');
  assert.equal(r.custom, 'minibatch');
  assert.equal(r.after, r.before + 2, 'the contour plot and the minibatch, once each');
  assert.equal(r.raw, 0, 'the raw module mounts none of the page\'s figures');
  assert.ok(r.rings > 0, 'contours() answers');
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('modules: a family\'s module that cannot be fetched leaves its figures to the module with every kind, with a console error naming it', async () => {
  // /partial/ is dist/ without modules/network/.
  const { page, context } = await open(browser, 'partial/embed.html?kind=mlp', { viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
  const s = JSON.parse(await page.$eval('#figure', (el) => el.dataset.state));
  assert.equal(s.kind, 'mlp');
  assert.equal(s.error, undefined);
  const wasm = [...new Set(await fetchedPaths(page))].filter((p) => p.endsWith('.wasm'));
  assert.deepEqual(wasm.filter((p) => !p.includes('/modules/')), ['/partial/gdviz_bg.wasm'], JSON.stringify(wasm));
  // Said, naming the module (Firefox's driver reports the same console error a second time in
  // its own form), and nothing else but the engine's own lines about the missing file.
  const problems = await page.problems();
  const ours = problems.filter((p) => /gdviz: the module modules\/network\/ could not be loaded/.test(p));
  assert.ok(ours.length >= 1, JSON.stringify(problems));
  assert.deepEqual(problems.filter((p) => !ours.includes(p) && !/404|not found|Failed to load|Loading module|MIME type|error loading dynamically imported module|Importing a module script failed/i.test(p)), [], JSON.stringify(problems));
  await context.close();
});

test('modules: a figure no module can be fetched for says so in itself and in data-state', async () => {
  // /bare/ has the loader and the iframe page but no module.
  const { page, context } = await open(browser, 'bare/embed.html?kind=mlp', { viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
  const s = JSON.parse(await page.$eval('#figure', (el) => el.dataset.state));
  assert.equal(s.kind, 'mlp');
  assert.equal(s.attribute, null);
  assert.match(s.error, /could not load its module/);
  assert.match(await page.$eval('#figure [role=alert]', (el) => el.textContent), /^This figure could not load its module/);
  await context.close();
});
