// Stress: the demo page with every kind, hit by 10,000 seeded random pointer, key, button and
// input events. No page error, no console error, and every data-state stays valid JSON whose
// numbers are finite (or that carries an explicit "error").
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, open } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * Where a kind's data-state may hold `null`, and the state that must say why. serde writes NaN
 * and ±∞ as `null` too, so any other `null` is a non-finite number that reached the state.
 */
const NULLABLE = {
  // A typed function undefined at the point: no value, gradient or estimate (`undefined` says why).
  contour: { keys: ['f', 'grad', 'norm', 'fd_grad', 'fd_error'], because: (s) => typeof s.undefined === 'string' },
  // A critical point: no steepest direction, so no peak angle and a zero-amplitude wave.
  sinusoid: { keys: ['theta_star', 'amplitude'], because: (s) => s.grad[0] === 0 && s.grad[1] === 0 },
  // A zero gradient has no steepest direction under any norm.
  norms: { keys: ['l2', 'l1', 'linf', 'l2_value', 'l1_value', 'linf_value'], because: (s) => s.grad[0] === 0 && s.grad[1] === 0 },
  // A step that overflowed: no gradient (`diverged_at` and `error` say so).
  mlp: { keys: ['grad'], because: (s) => Number.isInteger(s.diverged_at) },
};

/** Paths in `v` holding a null or a non-finite number (`top` is the top-level key). */
function bad(v, path = '') {
  if (v === null) return [path];
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => bad(x, `${path}[${i}]`));
  if (typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => bad(x, path ? `${path}.${k}` : k));
  return [];
}

/** The paths of `s` that hold a null (or non-finite number) this kind does not allow here. */
function unexplainedNulls(s) {
  const allowed = NULLABLE[s.kind];
  return bad(s).filter((path) => {
    const top = path.split(/[.[]/)[0];
    return !(allowed && allowed.keys.includes(top) && allowed.because(s));
  });
}

test('the null check itself: documented nulls pass only with their reason; any other null fails', () => {
  assert.deepEqual(unexplainedNulls({ kind: 'sinusoid', grad: [0, 0], theta_star: null, amplitude: null }), []);
  assert.deepEqual(unexplainedNulls({ kind: 'sinusoid', grad: [1, 0], theta_star: null, amplitude: 1 }), ['theta_star']);
  assert.deepEqual(unexplainedNulls({ kind: 'contour', x: 1, f: null, grad: [null, 2] }), ['f', 'grad[0]']);
  assert.deepEqual(unexplainedNulls({ kind: 'trajectory', losses: { gd: [1, null] } }), ['losses.gd[1]']);
  assert.deepEqual(unexplainedNulls({ kind: 'mlp', grad: null, diverged_at: 3 }), []);
});

test('stress: 10,000 random events break nothing', { timeout: 600_000 }, async () => {
  const seed = Number(process.env.GDVIZ_STRESS_SEED ?? 20261126);
  const events = Number(process.env.GDVIZ_STRESS_EVENTS ?? 10000);
  const { page, context } = await open(browser, 'gdviz/index.html', { viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
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
    assert.deepEqual(unexplainedNulls(s), [], `${id}: a null or non-finite value without its reason: ${raw.slice(0, 300)}`);
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
  assert.deepEqual(await page.problems(), []);
  await context.close();
});
