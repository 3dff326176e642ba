import { launch } from './driver.mjs';
const BASE = process.env.GDVIZ_URL;
const N = +(process.env.N ?? 10);
let bad = 0;
let browser = await launch();
for (let k = 0; k < N; k++) {
  const t0 = Date.now();
  let context;
  try {
    context = await browser.newContext({ viewport: { width: +(process.env.W ?? 720), height: 900 }, deviceScaleFactor: 1, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(BASE + 'gdviz/index.html');
    const r = await page.evaluate(async () => {
      const end = performance.now() + 60000;
      for (;;) {
        const els = [...document.querySelectorAll('[data-gdviz]')];
        const p = (window.__gdvizProblems ?? []).filter((x) => /pageerror|unhandled/.test(x));
        if (p.length) return { error: p, n: els.filter((e) => e.dataset.state).length };
        if (els.length && els.every((e) => e.dataset.state)) return { ok: true };
        if (performance.now() > end) return { timeout: true };
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    if (!r.ok) bad++;
    console.log(k, JSON.stringify(r), Date.now() - t0, 'ms');
  } catch (e) { bad++; console.log(k, 'EXC', String(e.message).slice(0, 300)); try { await browser.close(); } catch {} browser = await launch(); continue; }
  await context.close().catch(() => {});
}
console.log('bad', bad, 'of', N);
await browser.close();
