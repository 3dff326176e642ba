// Shared helpers of the end-to-end tests: a browser of this run's engine (driver.mjs: Chromium,
// Firefox or WebKit, chosen by GDVIZ_ENGINE), a page opened and waited on, and small reads.
import { mkdirSync, readFileSync } from 'node:fs';
import { test as nodeTest } from 'node:test';
import { launch, ENGINE, openContexts } from './driver.mjs';

export { launch, ENGINE };

/**
 * node:test's `test(name, [options], fn)`, but a test that fails because the engine failed (an
 * EngineError from driver.mjs: WebKit's web process crashed and its session died, or the
 * engine stopped answering; seen in CI and here: a segfault inside libjavascriptcoregtk in the
 * middle of a test) is run once more, after closing what its first attempt left open, with a
 * line "[e2e retry] ENGINE: test "…": why". Nothing else is retried: an assertion that fails,
 * a page error, a timeout of the page's own fail the test at once.
 */
export function test(name, ...rest) {
  const fn = rest.pop();
  const options = rest[0] ?? {};
  return nodeTest(name, options, async (t) => {
    const before = new Set(openContexts);
    try {
      return await fn(t);
    } catch (e) {
      // Only WebKit's failures are known to be the engine's (its web process crashing).
      if (!e?.engine || ENGINE !== 'webkit') throw e;
      for (const c of [...openContexts].filter((c) => !before.has(c))) await c.close().catch(() => {});
      console.log(`[e2e retry] ${ENGINE}: test "${name}": ${e.why}; running it again (once)`);
      return fn(t);
    }
  });
}
// The rest of node:test's `test` (test.after, test.skip, …), as they are.
for (const k of ['before', 'after', 'beforeEach', 'afterEach', 'skip', 'todo', 'only']) test[k] = nodeTest[k];

/** Where the site is served (tests/e2e/run.sh sets it). */
export const BASE = process.env.GDVIZ_URL ?? 'http://127.0.0.1:8093/';
/** Where screenshots go, to be looked at: one folder per engine. */
export const OUT = new URL(`./out/${ENGINE}/`, import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

/**
 * Resolves when the page has widgets and every one reports its state (embed.html names its
 * widget's kind from a module script, so a page can briefly have none). Fails at once if the
 * page reports an error (an uncaught exception or rejection) while some widget has no state:
 * that widget may never get one. A failure prints one "[e2e diag]" line with what the page
 * showed (see driver.mjs's Page.diagnose) and carries it in its message.
 */
export async function settled(page, { timeout = 120_000 } = {}) {
  try {
    await page.waitForFunction(() => {
      const els = [...document.querySelectorAll('[data-gdviz], gdviz-figure')];
      if (els.length > 0 && els.every((el) => el.dataset.state)) return true;
      const error = (window.__gdvizProblems ?? []).find((p) => /^(pageerror|unhandledrejection):/.test(p));
      if (error) throw new Error(`the page reported an error while its widgets were mounting: ${error}`);
      return false;
      // WebKit's software rendering at a device pixel ratio of 3 once took over 30 s to mount
      // the demo page's eleven widgets on this 2-core machine.
    }, null, { timeout, failOn: /the page reported an error while its widgets were mounting/ });
  } catch (e) {
    throw await page.failure(e, 'settled');
  }
}

/**
 * Opens `path` in a new context and waits until every widget reports its state. A test ends by
 * asserting `await page.problems()` (page errors, console errors, CSP violations) is empty.
 *
 * If WebKit fails while the page opens (the session dies because its web process crashed or
 * hung, or WebKitWebDriver stops answering), the failure is printed with its diagnosis and
 * the page is opened once more in a new session, with a line "[e2e retry]
 * ENGINE: …" saying why. Nothing else is retried: a page that answers but does not settle,
 * or reports an error, fails the test.
 */
export async function open(browser, path, options = { viewport: { width: 1000, height: 1000 }, deviceScaleFactor: 2 }, { widgets = true } = {}) {
  for (let attempt = 1; ; attempt++) {
    const context = await browser.newContext(options);
    let page = null;
    try {
      page = await context.newPage();
      await page.goto(BASE + path);
      if (widgets) await settled(page);
      return { page, context };
    } catch (e) {
      let error = e;
      if (page) error = await page.failure(e, `open(${path})`);
      else console.log(`[e2e diag] ${ENGINE}: open(${path}) failed before the page existed: ${String(e.message).split('\n')[0]}${e.engine ? ' (an engine failure)' : ''}`);
      await context.close().catch(() => {});
      if (!error.engine || attempt > 1 || ENGINE !== 'webkit') throw error;
      console.log(`[e2e retry] ${ENGINE}: open(${path}): ${error.why}; opening it again in a new session (once)`);
    }
  }
}

/** The path of every resource the page fetched, one per Resource Timing entry (a file fetched twice is there twice), sorted. */
export const fetchedPaths = (page) => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).sort());

/** The byte length of each of the page's `paths`, fetched again in the page. */
export const byteLengths = (page, paths) => page.evaluate(async (ps) => Promise.all(ps.map(async (p) => (await (await fetch(p)).arrayBuffer()).byteLength)), paths);

/** The parsed `data-state` of the first widget of `kind`. */
export const state = (page, kind) => page.$eval(`[data-gdviz="${kind}"]`, (el) => JSON.parse(el.dataset.state));

/** Resolves after two animation frames, when every requested redraw has happened. */
export const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** |a − b| ≤ tol. */
export const close = (a, b, tol = 1e-9) => Math.abs(a - b) <= tol;

/**
 * True, after saying so in the output, when this run's engine is one of `engines`: for an
 * assertion an engine truly cannot make. `why` names the engine's limitation.
 */
export function skipIn(engines, why) {
  if (!engines.includes(ENGINE)) return false;
  console.log(`[e2e skip] ${ENGINE}: ${why}`);
  return true;
}

/**
 * Where a figure's orange point (style::POINT, #e06c00) is drawn on the canvas `locator`
 * matches: the centroid of its exact-colour pixels in viewport CSS pixels, with how many were
 * found and the canvas's backing size, CSS size and device pixel ratio. `across` limits the
 * search to that fraction of the canvas's width (a canvas with panels side by side, each
 * with its own point: [0, 0.5] for the left one).
 */
export const findPoint = (locator, across = [0, 1]) => locator.evaluate((c, [f0, f1]) => {
  const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
  let sx = 0, sy = 0, n = 0;
  for (let y = 0; y < height; y++) for (let x = Math.floor(f0 * width); x < Math.min(width, Math.ceil(f1 * width)); x++) {
    const i = 4 * (y * width + x);
    if (data[i] === 0xe0 && data[i + 1] === 0x6c && data[i + 2] === 0x00) { sx += x + 0.5; sy += y + 0.5; n++; }
  }
  const r = c.getBoundingClientRect();
  return { x: r.left + (sx / n) * (r.width / c.width), y: r.top + (sy / n) * (r.height / c.height), n, backing: [c.width, c.height], css: [r.width, r.height], dpr: devicePixelRatio };
}, across);

/**
 * A built module's initial linear memory in bytes, read from its wasm file's memory section (a
 * count, then the first memory's flags and its minimum in 64 KiB pages). `wasm`: the file's
 * path under dist/ (the module with every kind by default, or modules/FAMILY/gdviz_bg.wasm).
 */
export function initialMemory(wasm = 'gdviz_bg.wasm') {
  const b = readFileSync(new URL(`../../dist/${wasm}`, import.meta.url));
  const leb = (i) => { let r = 0, s = 0, x; do { x = b[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return [r, i]; };
  for (let i = 8; i < b.length;) {
    const id = b[i];
    const [size, at] = leb(i + 1);
    if (id === 5) return leb(at + 2)[0] * 65536;
    i = at + size;
  }
  throw new Error('the module has no memory section');
}

/**
 * The running module's linear memory in `page` and the initial memory of its wasm file, in
 * bytes: `{ now, initial, wasm }`. The page runs the one module whose wasm it fetched (the one
 * with every kind, or its figures' family's); wasm-bindgen's init hands back the instance the
 * page already runs. src/alloc.rs keeps memory at its initial size while pages of widgets
 * mount and run: memory.grow in running code is where WebKit on Linux trapped.
 */
export async function memoryOf(page) {
  const { now, wasm } = await page.evaluate(async () => {
    const fetched = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('/gdviz_bg.wasm'));
    if (fetched.length !== 1) throw new Error(`the page fetched ${fetched.length} modules: ${fetched.join(', ')}`);
    const glue = await import(fetched[0].replace(/_bg\.wasm$/, '.js'));
    return { now: (await glue.default()).memory.buffer.byteLength, wasm: fetched[0].replace(/^\/gdviz\//, '') };
  });
  return { now, initial: initialMemory(wasm), wasm };
}
