// Two builds compared by what a drag costs the whole browser: CPU time of every Chromium
// process (renderer, raster, compositor, browser) per drag frame, read from /proc around 200
// pointer moves of one per animation frame, alternating builds, three rounds. The
// gdviz:draw:KIND measures (ab.mjs, `make bench`) time only the widget's own JavaScript and
// WebAssembly; the browser rasterises and composites afterwards, and a canvas copy costs there,
// not in the measure. Linux only. Serve each build's dist/ and run:
//   node tests/bench/cpu-ab.mjs http://127.0.0.1:8121/ http://127.0.0.1:8122/ contour sinusoid
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { ACT, dragBox } from './drags.mjs';

const require = createRequire(new URL('../../.tools/node_modules/', import.meta.url).pathname);
const { chromium } = require('playwright-core');
const [A, B, ...kinds] = process.argv.slice(2);
// Drags only (the kinds ab.mjs steps or slides have no pointer drag to time).
for (const k of kinds) if (ACT[k]?.[0] !== 'drag') throw new Error(`${k}: no drag in drags.mjs`);
/** CPU milliseconds used so far by every process whose command line names chromium. */
const cpu = () => {
  let ticks = 0;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (!fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('chromium')) continue;
      const f = fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch { /* the process ended */ }
  }
  return ticks * (1000 / 100);
};
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 900, height: 900 }, deviceScaleFactor: 2 });
const res = {};
for (let round = 0; round < 3; round++) {
  for (const kind of kinds) {
    for (const [name, url] of [['old', A], ['new', B]]) {
      await page.goto(`${url}embed.html?kind=${kind}`);
      await page.waitForSelector('#figure[data-state]');
      await page.waitForTimeout(400);
      const [, a, b, c, d, within] = ACT[kind];
      const box = dragBox(await page.locator('canvas').first().boundingBox(), within);
      await page.mouse.move(box.x + box.width * a, box.y + box.height * b);
      await page.mouse.down();
      const c0 = cpu();
      for (let i = 1; i <= 200; i++) {
        const t = (i % 50) / 50;
        const u = Math.floor(i / 50) % 2 ? 1 - t : t;
        await page.mouse.move(box.x + box.width * (a + (c - a) * u), box.y + box.height * (b + (d - b) * u));
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
      }
      const c1 = cpu();
      await page.mouse.up();
      (res[kind] ??= { old: [], new: [] })[name].push((c1 - c0) / 200);
    }
  }
}
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
console.log('| kind | CPU ms per drag frame, old (rounds) | new (rounds) | new/old |');
console.log('|---|---|---|---|');
for (const [kind, r] of Object.entries(res)) {
  console.log(`| ${kind} | ${r.old.map((x) => x.toFixed(1)).join(', ')} | ${r.new.map((x) => x.toFixed(1)).join(', ')} | ${(mean(r.new) / mean(r.old)).toFixed(2)} |`);
}
await browser.close();
