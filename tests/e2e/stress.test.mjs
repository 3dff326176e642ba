// Stress: the demo page with every kind, hit by 10,000 seeded random pointer, key, button and
// input events. No page error, no console error, and every data-state stays valid JSON whose
// numbers are finite (or that carries an explicit "error").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function allFinite(v) {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(allFinite);
  if (v && typeof v === 'object') return Object.values(v).every(allFinite);
  return true; // strings, booleans, null (documented nulls: critical points, overflowed gradient)
}

test('stress: 10,000 random events break nothing', { timeout: 600_000 }, async () => {
  const seed = Number(process.env.GDVIZ_STRESS_SEED ?? 20261126);
  const events = Number(process.env.GDVIZ_STRESS_EVENTS ?? 10000);
  const { page, problems, context } = await open(browser, 'gdviz/index.html', { viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
  const initial = await page.$$eval('[data-gdviz]', (els) => els.map((el) => el.dataset.state));
  // The events are dispatched inside the page (real DOM events through the widgets' own
  // listeners), a frame allowed every 20 events so the redraws they ask for really run.
  await page.evaluate(async ({ seed, events }) => {
    let st = seed;
    const r = () => {
      st = (st + 0x6d2b79f5) | 0;
      let t = Math.imul(st ^ (st >>> 15), 1 | st);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = (xs) => xs[Math.floor(r() * xs.length)];
    const canvases = [...document.querySelectorAll('[data-gdviz] canvas')];
    const buttons = [...document.querySelectorAll('[data-gdviz] button:not(.gdviz-small)')];
    const inputs = [...document.querySelectorAll('[data-gdviz] input')];
    const keys = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'Enter', ' ', 'a', 'Escape', 'PageDown'];
    const garbage = ['1e309', '-1e309', 'NaN', 'Infinity', '', '-0', '0', '-5', '1e-320', '9'.repeat(400), '<b>x</b>', '1,2,3', '0.5', '3', '-2.5', '1e200', '2e154', '100', '1'];
    const frame = () => new Promise((res) => requestAnimationFrame(res));
    let pressed = null;
    for (let k = 0; k < events; k++) {
      const what = r();
      if (what < 0.55) {
        const c = pressed ?? pick(canvases);
        const b = c.getBoundingClientRect();
        const x = b.left + (r() * 1.2 - 0.1) * b.width;
        const y = b.top + (r() * 1.2 - 0.1) * b.height;
        const act = r();
        const type = !pressed && act < 0.25 ? 'pointerdown' : pressed && act < 0.35 ? 'pointerup' : 'pointermove';
        c.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerId: 1, bubbles: true, cancelable: true, isPrimary: true, pointerType: pick(['mouse', 'touch', 'pen']) }));
        if (type === 'pointerdown') pressed = c;
        if (type === 'pointerup') pressed = null;
      } else if (what < 0.8) {
        const c = pick(canvases);
        c.dispatchEvent(new KeyboardEvent('keydown', { key: pick(keys), shiftKey: r() < 0.3, bubbles: true, cancelable: true }));
      } else if (what < 0.93) {
        const b = pick(buttons);
        if (!b.disabled) b.click();
      } else {
        const i = pick(inputs);
        if (i.type === 'range') i.value = String(Math.floor(r() * 120) - 10);
        else i.value = pick(garbage);
        i.dispatchEvent(new Event(i.type === 'range' ? 'input' : 'change', { bubbles: true }));
      }
      if (k % 20 === 19) await frame();
    }
    if (pressed) pressed.dispatchEvent(new PointerEvent('pointerup', { pointerId: 1, bubbles: true }));
  }, { seed, events });
  await page.evaluate(() => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res))));
  const states = await page.$$eval('[data-gdviz]', (els) => els.map((el) => [el.id, el.dataset.state]));
  for (const [id, raw] of states) {
    let s;
    assert.doesNotThrow(() => { s = JSON.parse(raw); }, `${id}: data-state is JSON`);
    assert.ok(s.error !== undefined || allFinite(s), `${id}: finite numbers or an explicit error: ${raw.slice(0, 300)}`);
    assert.ok(!/this figure stopped/.test(s.error ?? ''), `${id} stopped: ${s.error}`);
  }
  const changed = states.filter(([, raw], i) => raw !== initial[i]).length;
  assert.ok(changed >= 6, `the events reached the widgets: ${changed} of ${states.length} changed`);
  const shown = await page.$$eval('[data-gdviz]', (els) => els.map((el) => [el.id, el.textContent]));
  for (const [id, raw] of shown) {
    // Messages quote what was typed ("unknown name 'Infinity'"): quoted input is not a value.
    const text = raw.replace(/'[^']*'|"[^"]*"/g, '');
    const m = text.match(/.{0,80}\b(NaN|Infinity)\b.{0,40}/);
    assert.ok(!m, `${id}: no NaN or Infinity on screen: …${m?.[0]}…`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
