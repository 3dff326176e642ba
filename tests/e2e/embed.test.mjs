// End-to-end: a foreign blog page under /blog/, served with a strict Content-Security-Policy
// header and a hostile stylesheet, embeds widgets from /gdviz/ with the one module script.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open, frames, close, OUT, skipIn, fetchedPaths } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const states = (page) => page.$$eval('[data-gdviz]', (els) => Object.fromEntries(els.map((el) => [el.id, JSON.parse(el.dataset.state)])));

test('embed: under CSP and hostile CSS every widget mounts, draws, responds; bad options are explained', async () => {
  const { page, context } = await open(browser, 'blog/post.html', { viewport: { width: 800, height: 900 }, deviceScaleFactor: 2 });
  const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  const s = await states(page);
  // The saddle's origin is a critical point: zero gradient, reported exactly.
  assert.deepEqual(s.first, { kind: 'contour', fn: 'saddle', x: 0, y: 0, f: 0, grad: [0, 0], norm: 0, fd_grad: [0, 0], fd_error: 0 });
  assert.equal(s.second.fn, 'himmelblau');
  assert.equal(s.network.step, 0);
  assert.match(s.broken.error, /data-fn="banana" is not a known function/);
  assert.match(s.unknown.error, /data-gdviz="surface" is not a gdviz figure/);
  assert.equal((await page.$$('[role=alert]:not([hidden])')).length, 2);

  // The loader linked its stylesheet once, from its own folder.
  const sheets = await page.$$eval('link[rel=stylesheet]', (ls) => ls.map((l) => new URL(l.href).pathname));
  assert.deepEqual(sheets, ['/blog/site.css', '/gdviz/gdviz.css']);
  // The host's rules do not reach inside: no pink canvas border, canvas CSS size = backing / DPR,
  // touch-sized buttons, tables shown.
  const look = await page.$eval('#first canvas', (c) => {
    const r = c.getBoundingClientRect();
    const st = getComputedStyle(c);
    return { border: st.borderTopWidth, w: c.width / r.width, h: c.height / r.height };
  });
  assert.equal(look.border, '0px');
  assert.ok(close(look.w, 2, 0.02) && close(look.h, 2, 0.02), `crisp: ${JSON.stringify(look)}`);
  const button = await page.locator('#network .gdviz-primary').boundingBox();
  assert.ok(button.height >= 44, `button ${button.height}px tall`);
  assert.equal(await page.$eval('#network table', (t) => getComputedStyle(t).display), 'table');
  // The widget fits its padded container.
  const fits = await page.$$eval('[data-gdviz] canvas', (cs) => cs.every((c) => c.getBoundingClientRect().right <= c.closest('[data-gdviz]').getBoundingClientRect().right + 0.5));
  assert.ok(fits, 'every canvas inside its widget');

  // Responds: a step, and the linked pair stays linked.
  await page.locator('#network .gdviz-primary').click();
  await frames(page);
  assert.equal((await states(page)).network.step, 1);
  await page.locator('#linked-contour canvas').focus();
  await page.keyboard.press('ArrowRight');
  await frames(page);
  const t = await states(page);
  assert.ok(close(t['linked-contour'].x, 1.1) && close(t['linked-sinusoid'].x, 1.1), `linked: ${t['linked-sinusoid'].x}`);
  await page.screenshot({ path: OUT + 'embed.png', fullPage: true });
  // Every resource the page requested exists (a 404 would leave a widget blank).
  const statuses = await page.evaluate(async () => Promise.all(performance.getEntriesByType('resource')
    .map(async (e) => [e.name, (await fetch(e.name, { cache: 'no-store' })).status])));
  assert.ok(statuses.some(([u]) => u.endsWith('/gdviz/gdviz_bg.wasm')), JSON.stringify(statuses));
  assert.deepEqual(statuses.filter(([, st]) => st !== 200), []);
  assert.deepEqual(await page.problems(), [], 'no CSP violation or other console error');
  await context.close();
});

test('embed: at 390 px nothing overflows and a finger drags the point without scrolling the page', async () => {
  const { page, context } = await open(browser, 'blog/post.html', { viewport: { width: 390, height: 700 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  const canvas = page.locator('#linked-contour canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const before = await page.evaluate(() => window.scrollY);
  const start = JSON.parse(await page.locator('#linked-contour').getAttribute('data-state'));
  const at = (fx, fy) => [box.x + box.width * fx, box.y + box.height * fy];
  await page.touch([at(0.5, 0.5), ...Array.from({ length: 8 }, (_, k) => at(0.5 - 0.03 * (k + 1), 0.5 - 0.04 * (k + 1)))]);
  await frames(page);
  const end = JSON.parse(await page.locator('#linked-contour').getAttribute('data-state'));
  assert.ok(end.x < 0 && end.y > 0, `the finger moved the point: ${start.x},${start.y} → ${end.x},${end.y}`);
  assert.equal(await page.evaluate(() => window.scrollY), before, 'the page did not scroll');
  // A swipe on the prose still scrolls the page.
  if (!skipIn(['webkit'], 'WebKitWebDriver performs touch pointer actions as mouse events, and a mouse drag does not scroll a page')
    && !skipIn(['firefox'], "Firefox's WebDriver BiDi touch actions fire touch and pointer events but never pan the page (checked: no scroll event)")) {
    const prose = page.locator('p:has-text("Two figures linked by a group")');
    await prose.scrollIntoViewIfNeeded();
    const pbox = await prose.boundingBox();
    const y0 = await page.evaluate(() => window.scrollY);
    const px = pbox.x + 20;
    await page.touch([[px, pbox.y + 5], ...Array.from({ length: 10 }, (_, k) => [px, Math.max(1, pbox.y + 5 - 25 * (k + 1))])]);
    await page.waitForFunction((y) => window.scrollY > y + 20, y0, { timeout: 5000 });
  }
  await page.screenshot({ path: OUT + 'embed-phone.png', fullPage: true });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('embed: the iframe page shows one widget from its query string and reports its height', async () => {
  const { page, context } = await open(browser, 'gdviz/embed.html?kind=contour&fn=valley&x=1&y=-1');
  // The loader is preloaded, and it fetches the module of the figure's family only (a contour
  // plot: calculus), not the one with every kind.
  const preloads = await page.$$eval('link[rel=modulepreload], link[rel=preload]', (ls) => ls.map((l) => new URL(l.href).pathname));
  assert.deepEqual(preloads, ['/gdviz/gdviz-embed.js']);
  await page.waitForSelector('#figure[data-state]');
  const fetched = (await fetchedPaths(page)).filter((p) => p.startsWith('/gdviz/') && /\.(wasm|js)$/.test(p));
  assert.deepEqual(fetched.map((p) => p.replace(/\/snippets\/.+\.js$/, '/snippets/*.js')),
    ['/gdviz/embed-frame.js', '/gdviz/gdviz-embed.js', '/gdviz/modules/calculus/gdviz.js', '/gdviz/modules/calculus/gdviz_bg.wasm', '/gdviz/modules/calculus/snippets/*.js'], fetched.join(' '));
  const s = JSON.parse(await page.locator('#figure').getAttribute('data-state'));
  assert.deepEqual([s.kind, s.fn, s.x, s.y, s.grad], ['contour', 'valley', 1, -1, [2, -20]]);
  const bad = await context.newPage();
  await bad.goto((await page.url()).replace(/\?.*/, '?kind=contour&x=abc&onload=alert(1)'));
  await bad.waitForSelector('#figure[data-state]');
  assert.match(await bad.locator('[role=alert]').textContent(), /data-x="abc" is not a number/);
  assert.deepEqual(await bad.problems(), []);
  await bad.close();
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('embed: on a host page the iframe is sized by its {gdvizHeight} messages to its content, also after a resize', async () => {
  const { page, context } = await open(browser, 'blog/frame.html', { viewport: { width: 800, height: 900 }, deviceScaleFactor: 1 }, { widgets: false });
  // The frame shows its whole content and no more: the last height it posted, the frame's
  // height and its content's height are one number, and nothing inside scrolls.
  const fitted = () => page.waitForFunction(async () => {
    const check = () => {
      const f = document.getElementById('frame');
      const d = f.contentDocument;
      if (!d?.querySelector('#figure')?.dataset.state || !window.heights.length) return false;
      // The widget has drawn at the frame's current width (a frame still too short shows a
      // scrollbar, which narrows the content until the frame grows).
      const dpr = f.contentWindow.devicePixelRatio;
      const drawn = [...d.querySelectorAll('#figure canvas')].every((c) => c.width === Math.round(c.getBoundingClientRect().width * dpr));
      const content = d.documentElement.getBoundingClientRect().height;
      const last = window.heights[window.heights.length - 1];
      return drawn && Math.abs(last - content) < 1 && Math.abs(f.getBoundingClientRect().height - last) < 0.5 && d.documentElement.scrollHeight <= f.clientHeight;
    };
    // Settled: fitted, and no new height posted, for ten frames in a row.
    const n = window.heights.length;
    for (let k = 0; k < 10; k++) {
      if (!check() || window.heights.length !== n) return false;
      await new Promise((r) => requestAnimationFrame(r));
    }
    return true;
  }, null, { timeout: 15_000 });
  const measure = () => page.evaluate(() => {
    const f = document.getElementById('frame');
    return { frame: f.getBoundingClientRect().height, width: f.getBoundingClientRect().width, content: f.contentDocument.documentElement.getBoundingClientRect().height, last: window.heights[window.heights.length - 1] };
  });
  await fitted();
  const wide = await measure();
  assert.ok(wide.frame > 400, `the network widget is in view: ${JSON.stringify(wide)}`);
  await page.evaluate(() => document.getElementById('column').classList.add('narrow'));
  await page.waitForFunction((w) => document.getElementById('frame').getBoundingClientRect().width < w - 100, wide.width);
  await fitted();
  const narrow = await measure();
  assert.notEqual(Math.round(narrow.frame), Math.round(wide.frame), `the height follows the width: ${JSON.stringify([wide, narrow])}`);
  // Back to the wide column: the frame shrinks back (a frame only ever growing would fail here).
  await page.evaluate(() => document.getElementById('column').classList.remove('narrow'));
  await page.waitForFunction((w) => Math.abs(document.getElementById('frame').getBoundingClientRect().width - w) < 1, wide.width);
  await fitted();
  const back = await measure();
  assert.ok(Math.abs(back.frame - wide.frame) <= 1, `wide again: ${JSON.stringify([wide, narrow, back])}`);
  // The frame's own document collects its errors too.
  assert.deepEqual(await page.evaluate(() => document.getElementById('frame').contentWindow.__gdvizProblems), []);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('embed: a widget added later is mounted with the exported mount(), mount() again gives its handle, and destroy() removes it', async () => {
  const { page, context } = await open(browser, 'blog/post.html');
  const result = await page.evaluate(async () => {
    const m = await import('/gdviz/gdviz-embed.js');
    await m.ready;
    const el = document.createElement('div');
    el.dataset.gdviz = 'descent-1d';
    el.dataset.x = '1';
    const before = m.mounted();
    document.body.append(el);
    const handle = m.mount(el);
    const state = JSON.parse(el.dataset.state);
    // Mounted already: the same widget's handle (issue 15; it used to be undefined).
    const again = m.mount(el);
    const same = again.state.x === state.x && m.mounted() === before + 1;
    again.destroy();
    return { x: state.x, kind: state.kind, same, emptied: el.childElementCount === 0, gone: handle.state === undefined };
  });
  assert.deepEqual(result, { x: 1, kind: 'descent-1d', same: true, emptied: true, gone: true });
  assert.deepEqual(await page.problems(), []);
  await context.close();
});
