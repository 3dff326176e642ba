// Issue 17's layout faults, as classes a test can catch, on the demo page at a phone's, a
// column's and a wide page's width (light and dark): nothing sticks out of its widget, no table
// is wider than its card, no two pieces of text overlap, and no canvas (or row of panels)
// leaves more than a third of the card's width empty. What is drawn inside a canvas (labels
// over labels) is judged by eye in screenshots; these catch the page-level faults.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, settled, BASE, OUT } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Every fault found in the page's widgets, as sentences. */
const faults = () => {
  const out = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && !el.closest('.gdviz-sr-only, [hidden]') && getComputedStyle(el).visibility !== 'hidden';
  };
  for (const root of document.querySelectorAll('[data-gdviz]')) {
    const name = `${root.id || root.dataset.gdviz}`;
    const box = root.getBoundingClientRect();
    const style = getComputedStyle(root);
    const inner = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    // 1. Nothing sticks out of the widget (a scrolled table's cells are judged by 2).
    for (const el of root.querySelectorAll('*')) {
      if (!visible(el) || el.closest('.gdviz-table-wrap')) continue;
      const r = el.getBoundingClientRect();
      if (r.right > box.right + 1 || r.left < box.left - 1) {
        out.push(`${name}: <${el.localName} class="${el.className}"> spans ${Math.round(r.left - box.left)}…${Math.round(r.right - box.left)} px of a ${Math.round(box.width)} px widget`);
      }
    }
    // 2. No table wider than its card (its right-hand columns would be cut off).
    for (const t of root.querySelectorAll('table')) {
      if (!visible(t)) continue;
      const w = t.getBoundingClientRect().width;
      if (w > inner + 1) out.push(`${name}: a table "${t.caption?.textContent ?? ''}" is ${Math.round(w)} px in a ${Math.round(inner)} px card`);
    }
    // 3. No two visible texts overlap.
    const texts = [...root.querySelectorAll('button, label > span, dt, dd, p, caption, th, td, output, summary, legend, select, input')]
      .filter(visible);
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const [a, b] = [texts[i], texts[j]];
        if (a.contains(b) || b.contains(a)) continue;
        const [p, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
        const dx = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const dy = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (dx > 2 && dy > 2) out.push(`${name}: "${a.textContent.slice(0, 30)}" overlaps "${b.textContent.slice(0, 30)}"`);
      }
    }
    // 4. Canvases: each row of them spans at least two thirds of the card, and what each
    //    draws spans at least two thirds of its own width.
    const canvases = [...root.querySelectorAll('canvas')].filter(visible);
    const rows = new Map();
    for (const c of canvases) {
      const r = c.getBoundingClientRect();
      const key = Math.round(r.top / 4);
      const row = rows.get(key) ?? { left: Infinity, right: -Infinity };
      rows.set(key, { left: Math.min(row.left, r.left), right: Math.max(row.right, r.right) });
    }
    for (const { left, right } of rows.values()) {
      if (right - left < (2 / 3) * inner) out.push(`${name}: a row of canvases spans ${Math.round(right - left)} px of a ${Math.round(inner)} px card`);
    }
    for (const c of canvases) {
      const ctx = c.getContext('2d');
      if (!ctx) continue;
      const { width: w, height: h } = c;
      const d = ctx.getImageData(0, 0, w, h).data;
      const bg = [d[0], d[1], d[2]];
      let lo = w, hi = -1;
      for (let y = 0; y < h; y += 3) {
        for (let x = 0; x < w; x += 2) {
          const k = 4 * (y * w + x);
          if (Math.abs(d[k] - bg[0]) + Math.abs(d[k + 1] - bg[1]) + Math.abs(d[k + 2] - bg[2]) > 24) {
            if (x < lo) lo = x;
            if (x > hi) hi = x;
          }
        }
      }
      if (hi - lo < (2 / 3) * w) out.push(`${name}: canvas "${c.getAttribute('aria-label')?.slice(0, 30)}" draws across ${Math.round((100 * (hi - lo)) / w)}% of its width`);
    }
  }
  return out;
};

for (const [width, scheme] of [[390, 'dark'], [390, 'light'], [720, 'light'], [1100, 'dark'], [1100, 'light']]) {
  test(`layout at ${width} px (${scheme}): nothing sticks out, no table wider than its card, no text over text, no empty third`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1, colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(`${BASE}gdviz/index.html`);
    await settled(page);
    const found = await page.evaluate(faults);
    assert.deepEqual(found, []);
    assert.deepEqual(await page.problems(), []);
    await context.close();
  });
}
