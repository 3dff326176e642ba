// Two builds compared on the same drags, alternating, in one headless Chromium (devicePixelRatio
// 2, 900 px): a change's effect as a ratio, which a busy machine's noise moves far less than
// the absolute times `make bench` prints. Serve each build's dist/ (e.g. a worktree of the
// commit before, built with trunk) and run:
//   GDVIZ_ENGINE=chromium node tests/bench/ab.mjs http://127.0.0.1:8122/ http://127.0.0.1:8121/ cost bowl mlp
// Serve them cross-origin isolated (GDVIZ_ISOLATE=1 python3 tests/e2e/serve.py PORT DIR, as
// make bench does) and the draws are timed to 5 µs; a plain server leaves Chromium's 0.1 ms,
// a tenth of a typical p95.
// Prints, per kind, p50 and p95 of the widget's own redraws (the gdviz:draw:KIND measures) for
// each round, and the new build's mean and p95 as ratios of the old one's.
import { launch } from '../e2e/driver.mjs';
import { ACT, dragBox } from './drags.mjs';

const [baseUrl, newUrl, ...kinds] = process.argv.slice(2);
const SITES = { base: baseUrl, new: newUrl };
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 900, height: 900 }, deviceScaleFactor: 2 });
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };

async function run(site, kind) {
  await page.goto(`${SITES[site]}embed.html?kind=${kind}`);
  await page.waitForSelector('#figure[data-state]');
  await page.waitForTimeout(300);
  await page.evaluate(() => performance.clearMeasures());
  const [how, fx0, fy0, fx1, fy1, within] = ACT[kind] ?? ['drag', 0.3, 0.3, 0.6, 0.6];
  if (how === 'drag') {
    const box = dragBox(await page.locator('canvas').first().boundingBox(), within);
    await page.mouse.move(box.x + box.width * fx0, box.y + box.height * fy0);
    await page.mouse.down();
    for (let i = 1; i <= 320; i++) {
      const t = (i % 80) / 80;
      const u = Math.floor(i / 80) % 2 === 1 ? 1 - t : t;
      await page.mouse.move(box.x + box.width * (fx0 + (fx1 - fx0) * u), box.y + box.height * (fy0 + (fy1 - fy0) * u));
    }
    await page.mouse.up();
  } else if (how === 'slider') {
    await page.locator('input[type=range]').focus();
    for (let i = 0; i < 300; i++) await page.keyboard.press(i % 200 < 100 ? 'ArrowRight' : 'ArrowLeft');
  } else {
    const el = page.locator('.gdviz-primary').first();
    for (let i = 0; i < 100; i++) {
      await el.click();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    }
  }
  await page.waitForTimeout(100);
  const t = await page.evaluate((k) => performance.getEntriesByName(`gdviz:draw:${k}`).map((e) => e.duration), kind);
  return { p50: pct(t, 50), p95: pct(t, 95), mean: t.reduce((a, b) => a + b, 0) / t.length };
}

console.log(`| kind | p50 old / new, ms per round | p95 old / new, ms per round | mean new/old | p95 new/old |`);
console.log('|---|---|---|---|---|');
for (const kind of kinds) {
  const r = { base: [], new: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const site of round % 2 ? ['new', 'base'] : ['base', 'new']) r[site].push(await run(site, kind));
  }
  const f = (xs, k) => xs.map((x) => x[k].toFixed(2)).join(', ');
  const ratio = (k) => (r.new.reduce((a, x) => a + x[k], 0) / r.base.reduce((a, x) => a + x[k], 0)).toFixed(2);
  console.log(`| ${kind} | ${f(r.base, 'p50')} / ${f(r.new, 'p50')} | ${f(r.base, 'p95')} / ${f(r.new, 'p95')} | ${ratio('mean')} | ${ratio('p95')} |`);
}
await browser.close();
