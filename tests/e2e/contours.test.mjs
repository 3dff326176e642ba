// contours(values, width, height, thresholds) against d3-contour on the same grids in the same
// page: the same MultiPolygons (area per threshold to 1e-9, the same polygons and rings, the
// same points), d3's edge cases, and errors thrown as d3 throws them.
import assert from 'node:assert/strict';
import { test, launch, BASE } from './support.mjs';

const browser = await launch();
const page = await (await browser.newContext()).newPage();
await page.goto(BASE + 'lab/contours.html');
await page.waitForFunction(() => document.body.dataset.ready === 'yes');

/** Runs both on one grid; returns per-threshold areas, shapes and the largest point difference. */
const compare = (kind, w, h, n) => page.evaluate(({ kind, w, h, n }) => {
  const values = makeGrid(kind, w, h, 7);
  const thresholds = thresholdsFor(values, n);
  const ours = gdvizContours(values, w, h, thresholds);
  const theirs = d3Contours(values, w, h, thresholds);
  const shape = (m) => m.coordinates.map((p) => p.map((r) => r.length).join(',')).join(';');
  let maxDiff = 0, points = 0;
  ours.forEach((m, t) => m.coordinates.forEach((p, i) => p.forEach((r, k) => r.forEach((pt, q) => {
    const other = theirs[t].coordinates[i]?.[k]?.[q] ?? [NaN, NaN];
    maxDiff = Math.max(maxDiff, Math.abs(pt[0] - other[0]), Math.abs(pt[1] - other[1]));
    points++;
  }))));
  return {
    types: ours.map((m) => m.type),
    values: [ours.map((m) => m.value), theirs.map((m) => m.value)],
    areas: [ours.map(enclosedArea), theirs.map(enclosedArea)],
    shapes: [ours.map(shape), theirs.map(shape)],
    maxDiff, points,
  };
}, { kind, w, h, n });

for (const [kind, w, h, n] of [['smooth', 256, 256, 20], ['noisy', 96, 80, 12], ['smooth', 37, 5, 9], ['noisy', 1, 1, 3], ['noisy', 2, 1, 3]]) {
  test(`contours() equals d3-contour on a ${kind} ${w}×${h} grid, ${n} thresholds`, async () => {
    const r = await compare(kind, w, h, n);
    assert.ok(r.types.every((t) => t === 'MultiPolygon'));
    assert.deepEqual(r.values[0], r.values[1]);
    r.areas[0].forEach((a, t) => assert.ok(Math.abs(a - r.areas[1][t]) <= 1e-9, `threshold ${t}: ${a} vs ${r.areas[1][t]}`));
    assert.deepEqual(r.shapes[0], r.shapes[1], 'same polygons, rings and ring lengths, in the same order');
    assert.ok(r.points > 0 || kind === 'noisy');
    assert.equal(r.maxDiff, 0, `every point identical (${r.points} points)`);
  });
}

test('d3 semantics at the edges: NaN and missing values, unsorted and out-of-range thresholds, an empty grid', async () => {
  const r = await page.evaluate(() => {
    const cases = [
      [new Float64Array([1, NaN, 2, 3, 0, 5, NaN, 2, 2]), 3, 3, [2.5, 0.5, 1.5, -10, 10]],
      [new Float64Array([1, 2, 3, 4, 5]), 3, 3, [0.5, 2.5]],
      [new Float64Array([Infinity, -Infinity, 1, 2]), 2, 2, [0, 1.5]],
      [new Float64Array([]), 0, 0, [1]],
      [new Float64Array([0, 1, 2, 3, 4, 5]), 3.9, 2.2, [1.5]],
    ];
    return cases.map(([v, w, h, t]) => [JSON.stringify(gdvizContours(v, w, h, new Float64Array(t))),
      JSON.stringify(d3Contours(v, w, h, t))]);
  });
  r.forEach(([ours, theirs], i) => assert.equal(ours, theirs, `case ${i}`));
});

test('errors are thrown as d3 throws them: a negative size, a NaN threshold', async () => {
  const r = await page.evaluate(() => {
    const err = (f) => { try { f(); return null; } catch (e) { return String(e.message ?? e); } };
    return [
      err(() => gdvizContours(new Float64Array(4), -1, 2, new Float64Array([1]))),
      err(() => gdvizContours(new Float64Array(4), 2, 2, new Float64Array([NaN]))),
      err(() => d3Contours(new Float64Array(4), 2, 2, [NaN])),
    ];
  });
  assert.match(r[0], /invalid size/);
  assert.match(r[1], /invalid value/);
  assert.match(r[2], /invalid value/);
});

test('the contours page raised no errors', async () => assert.deepEqual(await page.problems(), []));
test.after(() => browser.close());
