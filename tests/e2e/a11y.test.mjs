// Accessibility and comfort on the demo page: text contrast ≥ 4.5:1 in the light and the dark
// theme, touch targets ≥ 44 px, a visible focus ring on everything focusable, keyboard-only
// use, an unknown data-theme explained, and a figure that fails mid-session stopping alone.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open, frames, state, close, OUT, skipIn, settled } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Every visible text node's element inside a widget, with its contrast against the first opaque background behind it. */
const contrasts = (page) => page.evaluate(() => {
  const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const root of document.querySelectorAll('[data-gdviz]')) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el.checkVisibility?.() || el.closest('.gdviz-sr-only')) continue;
      const st = getComputedStyle(el);
      let fg = rgb(st.color).slice(0, 3);
      const opacity = [...(function* () { for (let e = el; e; e = e.parentElement) yield Number(getComputedStyle(e).opacity); })()].reduce((a, b) => a * b, 1);
      const bg = background(el);
      if (opacity < 1) fg = fg.map((v, i) => v * opacity + bg[i] * (1 - opacity));
      if (el.closest('button:disabled')) continue; // disabled controls are exempt (WCAG 1.4.3)
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      out.push({ text: n.textContent.trim().slice(0, 30), widget: root.id, ratio: (a + 0.05) / (b + 0.05) });
    }
  }
  return out;
});

for (const scheme of ['light', 'dark']) {
  test(`${scheme} theme: every text in every widget has contrast ≥ 4.5:1`, async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 1000 }, colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(new URL('gdviz/index.html', process.env.GDVIZ_URL ?? 'http://127.0.0.1:8093/').href);
    await settled(page);
    // Open the network's tables so their text is measured too.
    await page.$$eval('details.gdviz-tables', (ds) => ds.forEach((d) => { d.open = true; }));
    const all = await contrasts(page);
    assert.ok(all.length > 100, `measured ${all.length} texts`);
    const low = all.filter((c) => c.ratio < 4.5);
    assert.deepEqual(low, [], `low contrast: ${JSON.stringify(low.slice(0, 5))}`);
    const look = await page.$eval('#fig-contour', (el) => ({
      bg: getComputedStyle(el).backgroundColor, filter: getComputedStyle(el.querySelector('canvas')).filter,
    }));
    if (scheme === 'dark') {
      assert.equal(look.bg, 'rgb(20, 20, 20)');
      assert.equal(look.filter, 'invert(0.92) hue-rotate(180deg)');
    } else {
      assert.equal(look.bg, 'rgb(255, 255, 255)');
      assert.equal(look.filter, 'none');
    }
    await page.locator('#fig-mlp').screenshot({ path: `${OUT}theme-${scheme}-mlp.png` });
    await page.locator('#fig-contour').screenshot({ path: `${OUT}theme-${scheme}-contour.png` });
    assert.deepEqual(await page.problems(), []);
    await context.close();
  });
}

test('data-theme pins a theme; an unknown one is explained in the widget', async () => {
  const { page, context } = await open(browser, 'gdviz/embed.html?kind=contour&theme=dark');
  assert.equal(await page.$eval('#figure', (el) => getComputedStyle(el).backgroundColor), 'rgb(20, 20, 20)');
  await page.goto(new URL('gdviz/embed.html?kind=contour&theme=purple', process.env.GDVIZ_URL ?? 'http://127.0.0.1:8093/').href);
  await page.waitForSelector('#figure[data-state]');
  const s = await state(page, 'contour');
  assert.equal(s.error, 'data-theme="purple" is not one of: auto, light, dark');
  assert.match(await page.$eval("#figure [role=alert]", (el) => el.textContent), /data-theme="purple" is not one of: auto, light, dark/);
  assert.deepEqual(await page.problems(), []);
  await context.close();
});

test('touch targets are at least 44 px and every focusable control shows a focus ring', async () => {
  const { page, context } = await open(browser, 'gdviz/index.html');
  await page.$$eval('details.gdviz-tables', (ds) => ds.forEach((d) => { d.open = true; }));
  const controls = await page.$$eval('[data-gdviz] button, [data-gdviz] input, [data-gdviz] select, [data-gdviz] summary, [data-gdviz] [tabindex="0"]', (els) =>
    els.filter((e) => e.checkVisibility()).map((e) => {
      const r = e.getBoundingClientRect();
      return { what: `${e.closest('[data-gdviz]').id} ${e.tagName} ${e.className} ${e.textContent.trim().slice(0, 20)}`, w: r.width, h: r.height, small: e.classList.contains('gdviz-small') };
    }));
  assert.ok(controls.length > 30, `${controls.length} controls`);
  // The small download links are 32 px tall with a fine pointer (44 with a coarse one, below).
  const tooSmall = controls.filter((c) => c.h < (c.small ? 32 : 44) - 0.5 || c.w < 44 - 0.5);
  assert.deepEqual(tooSmall, []);
  // Tab through the whole page: every stop inside a widget gets a visible outline.
  const seen = new Set();
  const noRing = [];
  await page.focus('body');
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || !e.closest('[data-gdviz]')) return null;
      const st = getComputedStyle(e);
      return { id: `${e.closest('[data-gdviz]').id} ${e.tagName} ${e.className} ${e.textContent.trim().slice(0, 15)} ${e.getAttribute('aria-label')?.slice(0, 15)}`, outline: st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2 };
    });
    if (!f) continue;
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    if (!f.outline) noRing.push(f.id);
  }
  assert.ok(seen.size > 25, `${seen.size} focus stops`);
  assert.deepEqual(noRing, []);
  await context.close();
  if (!skipIn(['webkit'], 'WebKitGTK reports (pointer: fine) from the X display it runs on; nothing in WebDriver makes its pointer coarse')) {
    const coarse = await browser.newContext({ viewport: { width: 400, height: 800 }, hasTouch: true, isMobile: true });
    const phone = await coarse.newPage();
    await phone.goto(new URL('gdviz/embed.html?kind=contour', process.env.GDVIZ_URL ?? 'http://127.0.0.1:8093/').href);
    await phone.waitForSelector('#figure[data-state]');
    assert.equal(await phone.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'the phone has a coarse pointer');
    const heights = await phone.$$eval('.gdviz-small', (els) => els.map((e) => e.getBoundingClientRect().height));
    // The widget's two small buttons (PNG, SVG) grow to 44 px under a coarse pointer.
    assert.equal(heights.length, 2);
    assert.ok(heights.every((h) => h >= 44 - 0.5), `coarse pointer: ${heights}`);
    await coarse.close();
  }
  assert.deepEqual(await page.problems(), []);
});

test('a figure whose canvas fails mid-session says "this figure stopped"; the others go on', async () => {
  const { page, context } = await open(browser, 'gdviz/index.html');
  // Take the 2-D context away from the contour widget's canvas, as a lost GPU context or a
  // browser bug would, then ask it to redraw.
  // (Break the canvas and focus it in one go: any redraw in between replaces the canvas.)
  await page.$eval('#fig-contour canvas', (c) => { c.getContext = () => null; c.focus(); });
  await page.keyboard.press('ArrowLeft');
  await frames(page);
  const alert = await page.$eval('#fig-contour [role=alert]', (el) => el.textContent);
  assert.match(alert, /this figure stopped \(.*2-D canvas context.*\)/);
  // The rest of the page still responds: the network steps, the 1-D descent moves.
  const before = await state(page, 'mlp');
  await page.click('#fig-mlp .gdviz-primary');
  await frames(page);
  assert.equal((await state(page, 'mlp')).step, before.step + 1);
  const x0 = (await state(page, 'descent-1d')).x;
  await page.focus('#fig-descent canvas');
  await page.keyboard.press('ArrowRight');
  await frames(page);
  assert.ok(close((await state(page, 'descent-1d')).x, x0 + 0.05, 1e-12), 'an arrow moves x by 0.05');
  assert.deepEqual(await page.problems(), []);
  await context.close();
});
