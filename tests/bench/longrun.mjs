// A long run's per-frame cost, start against end (issue 20): `trajectory` with
// data-iters=1000 and its four default paths played to the end in headless Chromium (900 px,
// DPR 1). Each drawn frame is one iteration, so the nth `gdviz:draw:trajectory` measure after
// Play is iteration n. Prints, for iterations 150–250 and 900–1000, the redraw p50/p95 (the
// widget's own User Timing measure: tick, draw, controls, data-state) and the frame interval
// p50/p95 (requestAnimationFrame timestamps: what the reader sees), and how many times
// data-state was written during the run (a MutationObserver), with its size at the end.
//
//   python3 tests/e2e/serve.py 8399 SITE &   # SITE/gdviz is a built dist/
//   GDVIZ_URL=http://127.0.0.1:8399/ node tests/bench/longrun.mjs   # Chromium only
//
// Wall times on a shared machine are noisy, so it also reads the renderer's CPU time per
// iteration (the Chrome DevTools Protocol's Performance.getMetrics: ProcessTime, the renderer
// process's CPU seconds, and ScriptDuration, the main thread's time in script) over the same
// two windows.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../.tools/node_modules/', import.meta.url));
const { chromium } = require('playwright-core');
const BASE = process.env.GDVIZ_URL ?? 'http://127.0.0.1:8093/';
const ITERS = 1000;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
const metrics = async () => {
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  const get = (name) => m.find((x) => x.name === name)?.value ?? NaN;
  const drawn = await page.evaluate(() => performance.getEntriesByName('gdviz:draw:trajectory').filter((e) => e.startTime >= window.gdvizStart).length);
  return { drawn, cpu: get('ProcessTime') * 1000, script: get('ScriptDuration') * 1000 };
};
await page.goto(`${BASE}gdviz/embed.html?kind=trajectory&fn=valley&lr=0.02&iters=${ITERS}`);
await page.waitForSelector('#figure[data-state]');
await page.waitForTimeout(500);
await page.evaluate(() => {
  const el = document.querySelector('#figure');
  window.gdvizWrites = [];
  window.gdvizEvents = 0;
  new MutationObserver((records) => { for (const _ of records) window.gdvizWrites.push(performance.now()); })
    .observe(el, { attributes: true, attributeFilter: ['data-state'] });
  el.addEventListener('gdviz-change', () => { window.gdvizEvents += 1; });
  window.gdvizFrames = [];
  const tick = (t) => { window.gdvizFrames.push(t); if (!window.gdvizStop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  performance.clearMeasures();
  window.gdvizStart = performance.now();
});
await page.click('#figure button:has-text("Play")');
// CPU samples at about iterations 150, 250, 900 and the end.
const samples = [];
for (const at of [150, 250, ITERS - 100]) {
  for (;;) {
    const m = await metrics();
    if (m.drawn >= at) { samples.push(m); break; }
    await new Promise((r) => setTimeout(r, 5));
  }
}
await page.waitForFunction((n) => JSON.parse(document.querySelector('#figure').dataset.state).iter === n, ITERS, { timeout: 300_000 });
samples.push(await metrics());
await page.waitForTimeout(200);
const r = await page.evaluate(() => {
  window.gdvizStop = true;
  const draws = performance.getEntriesByName('gdviz:draw:trajectory')
    .filter((m) => m.startTime >= window.gdvizStart);
  return {
    draws: draws.map((m) => [m.startTime, m.duration]),
    frames: window.gdvizFrames,
    writes: window.gdvizWrites.length,
    // Each draw's: did it write data-state? (Its MutationObserver record is taken in the
    // microtask right after the frame's callback.)
    wrote: draws.map((m) => window.gdvizWrites.some((t) => t >= m.startTime + m.duration - 0.5 && t <= m.startTime + m.duration + 3)),
    events: window.gdvizEvents,
    bytes: document.querySelector('#figure').dataset.state.length,
  };
});
await browser.close();
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const f = (x) => x.toFixed(2);
const window_ = (from, to) => {
  const d = r.draws.slice(from, to);
  const [t0, t1] = [d[0][0], d.at(-1)[0]];
  const fr = r.frames.filter((t) => t >= t0 && t <= t1 + 40);
  const gaps = fr.slice(1).map((t, i) => t - fr[i]);
  const redraw = d.map(([, ms]) => ms);
  return `iterations ${from}–${to}: redraw p50 ${f(pct(redraw, 50))} / p95 ${f(pct(redraw, 95))} ms, frame p50 ${f(pct(gaps, 50))} / p95 ${f(pct(gaps, 95))} ms`;
};
console.log(`trajectory iters=${ITERS}, 4 paths, ${r.draws.length} draws after Play`);
const cpu = (a, b) => `renderer CPU ${f((b.cpu - a.cpu) / (b.drawn - a.drawn))} ms, script ${f((b.script - a.script) / (b.drawn - a.drawn))} ms per iteration (iterations ${a.drawn}–${b.drawn})`;
console.log(`${window_(150, 250)}; ${cpu(samples[0], samples[1])}`);
console.log(`${window_(ITERS - 100, ITERS)}; ${cpu(samples[2], samples[3])}`);
// In the same window, drawn frames that wrote data-state against those that did not (only
// with the rhythm: before it, every frame wrote).
const split = (from, to) => {
  const d = r.draws.slice(from, to).map(([, ms], i) => [ms, r.wrote[from + i]]);
  const w = d.filter(([, x]) => x).map(([ms]) => ms);
  const n = d.filter(([, x]) => !x).map(([ms]) => ms);
  return `frames writing data-state: ${w.length}, redraw p50 ${w.length ? f(pct(w, 50)) : '–'} ms; not writing: ${n.length}, redraw p50 ${n.length ? f(pct(n, 50)) : '–'} ms`;
};
console.log(`iterations ${ITERS - 100}–${ITERS}: ${split(ITERS - 100, ITERS)}`);
console.log(`data-state written ${r.writes} times (${r.events} gdviz-change events) during the run; ${(r.bytes / 1024).toFixed(0)} KB at the end`);
