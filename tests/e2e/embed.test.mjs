// End-to-end: a foreign blog page under /blog/, served with a strict Content-Security-Policy
// header and a hostile stylesheet, embeds widgets from /gdviz/ with the one module script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, frames, close, OUT } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const states = (page) => page.$$eval('[data-gdviz]', (els) => Object.fromEntries(els.map((el) => [el.id, JSON.parse(el.dataset.state)])));

test('embed: under CSP and hostile CSS every widget mounts, draws, responds; bad options are explained', async () => {
  const { page, problems, context } = await open(browser, 'blog/post.html', { viewport: { width: 800, height: 900 }, deviceScaleFactor: 2 });
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
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
  assert.deepEqual(failed, []);
  assert.deepEqual(problems, [], 'no CSP violation or other console error');
  await context.close();
});

test('embed: at 390 px nothing overflows and a finger drags the point without scrolling the page', async () => {
  const { page, problems, context } = await open(browser, 'blog/post.html', { viewport: { width: 390, height: 700 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  const canvas = page.locator('#linked-contour canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const before = await page.evaluate(() => window.scrollY);
  const start = JSON.parse(await page.locator('#linked-contour').getAttribute('data-state'));
  const cdp = await context.newCDPSession(page);
  const at = (fx, fy) => [{ x: box.x + box.width * fx, y: box.y + box.height * fy }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0.5, 0.5) });
  for (let i = 1; i <= 8; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(0.5 - 0.03 * i, 0.5 - 0.04 * i) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await frames(page);
  const end = JSON.parse(await page.locator('#linked-contour').getAttribute('data-state'));
  assert.ok(end.x < 0 && end.y > 0, `the finger moved the point: ${start.x},${start.y} → ${end.x},${end.y}`);
  assert.equal(await page.evaluate(() => window.scrollY), before, 'the page did not scroll');
  // A swipe on the prose still scrolls the page.
  const prose = page.locator('p', { hasText: 'Two figures linked by a group' });
  await prose.scrollIntoViewIfNeeded();
  const pbox = await prose.boundingBox();
  const y0 = await page.evaluate(() => window.scrollY);
  const px = pbox.x + 20;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: px, y: pbox.y + 5 }] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: px, y: Math.max(1, pbox.y + 5 - 25 * i) }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForTimeout(400);
  assert.ok((await page.evaluate(() => window.scrollY)) > y0 + 20, 'a swipe on the prose scrolls the page');
  await page.screenshot({ path: OUT + 'embed-phone.png', fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('embed: the iframe page shows one widget from its query string and reports its height', async () => {
  const { page, problems, context } = await open(browser, 'gdviz/embed.html?kind=contour&fn=valley&x=1&y=-1');
  // Every module of the import chain is preloaded (the wasm-bindgen snippet's link is added
  // by the build), and every preload names a file that exists.
  const preloads = await page.$$eval('link[rel=modulepreload], link[rel=preload]', (ls) => ls.map((l) => l.href));
  assert.ok(preloads.some((h) => /\/snippets\/.+\.js$/.test(h)), preloads.join(' '));
  assert.ok(preloads.length >= 4, preloads.join(' '));
  for (const h of preloads) assert.equal((await page.request.get(h)).status(), 200, h);
  const s = JSON.parse(await page.locator('#figure').getAttribute('data-state'));
  assert.deepEqual([s.kind, s.fn, s.x, s.y, s.grad], ['contour', 'valley', 1, -1, [2, -20]]);
  const bad = await browser.newPage();
  await bad.goto(page.url().replace(/\?.*/, '?kind=contour&x=abc&onload=alert(1)'));
  await bad.waitForSelector('#figure[data-state]');
  assert.match(await bad.locator('[role=alert]').textContent(), /data-x="abc" is not a number/);
  await bad.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('embed: a widget added later is mounted with the exported mount(), and destroy() removes it', async () => {
  const { page, problems, context } = await open(browser, 'blog/post.html');
  const result = await page.evaluate(async () => {
    const m = await import('/gdviz/gdviz-embed.js');
    await m.ready;
    const el = document.createElement('div');
    el.dataset.gdviz = 'descent-1d';
    el.dataset.x = '1';
    document.body.append(el);
    const handle = m.mount(el);
    const state = JSON.parse(el.dataset.state);
    const again = m.mount(el);
    handle.destroy();
    return { x: state.x, kind: state.kind, again: again === undefined, emptied: el.childElementCount === 0 };
  });
  assert.deepEqual(result, { x: 1, kind: 'descent-1d', again: true, emptied: true });
  assert.deepEqual(problems, []);
  await context.close();
});
