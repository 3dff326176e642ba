import { launch, BASE } from './support.mjs';
const browser = await launch();
for (const kind of ['contour', 'contour', 'contour', 'loss-slice', 'norms', 'bowl', 'mlp', 'cost', 'sinusoid', 'descent-1d']) {
  const p = await browser.newPage({ viewport: { width: 900, height: 900 }, deviceScaleFactor: 2 });
  await p.goto(`${BASE}gdviz/embed.html?kind=${kind}`);
  await p.waitForSelector('#figure[data-state]');
  await p.waitForTimeout(200);
  console.log(kind, JSON.stringify(await p.evaluate((kind) => {
    const e = performance.getEntriesByName('gdviz:draw:' + kind)[0];
    const w = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
    return { wasmEnd: Math.round(w.responseEnd), drawStart: Math.round(e.startTime), drawDur: Math.round(e.duration) };
  }, kind)));
  await p.screenshot({ path: `tests/e2e/out/first-${kind}.png` });
  await p.close();
}
await browser.close();
