// One browser-driver interface for the end-to-end tests, so each test is written once and runs
// in Chromium, Firefox and WebKit. It is the subset of Playwright's Page/Locator API the tests
// use, implemented three ways:
//   chromium: playwright-core driving Debian's chromium (CDP);
//   firefox:  puppeteer-core driving Debian's firefox-esr over WebDriver BiDi;
//   webkit:   plain W3C WebDriver over HTTP to WebKitGTK's WebKitWebDriver (under xvfb-run),
//             which drives WebKitGTK's MiniBrowser.
// Everything a test does in a page goes through `evaluate` (a function and one JSON argument),
// pointer and key actions at viewport coordinates, and screenshots, so no test can depend on
// one engine's extras by accident. Differences the engines cannot paper over are exposed as
// `page.engine` for a test to skip an assertion with a comment naming the limitation.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(new URL('../../.tools/package.json', import.meta.url));

/** The engine this test process drives (tests/e2e/run.sh runs the suite once per engine). */
export const ENGINE = process.env.GDVIZ_ENGINE ?? 'chromium';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The function source `fn` wrapped so it runs in the page with `arg`; async functions are awaited.
 * Returned as a string: each backend turns it into its own call.
 */
const source = (fn) => (typeof fn === 'function' ? fn.toString() : fn);

// ---------------------------------------------------------------------------------------------
// Locators: a chain of steps resolved inside the page at each use (like Playwright's), strict:
// an action on a locator that matches no element or several is an error.

/** Runs in the page: the elements a chain of steps matches. Kept self-contained (serialized). */
function resolveSteps(steps) {
  let els = [document];
  for (const s of steps) {
    if (s.css !== undefined) {
      let css = s.css;
      let text = null;
      const m = css.match(/^(.*):has-text\("([^"]*)"\)$/);
      if (m) { css = m[1]; text = m[2].toLowerCase(); }
      const next = [];
      for (const e of els) for (const f of e.querySelectorAll(css)) if (!next.includes(f)) next.push(f);
      els = text === null ? next : next.filter((e) => e.textContent.toLowerCase().includes(text));
    } else if (s.nth !== undefined) {
      els = s.nth < 0 ? els.slice(s.nth).slice(0, 1) : els.slice(s.nth, s.nth + 1);
    } else if (s.role !== undefined) {
      const sel = s.role === 'button' ? 'button, [role=button]' : `[role=${s.role}]`;
      const name = (e) => (e.getAttribute('aria-label') ?? e.textContent).replace(/\s+/g, ' ').trim();
      const all = [];
      for (const e of els) for (const f of e.querySelectorAll(sel)) if (!all.includes(f) && f.checkVisibility?.() !== false) all.push(f);
      const exact = all.filter((e) => name(e) === s.name);
      els = exact.length ? exact : all.filter((e) => name(e).toLowerCase().includes(s.name.toLowerCase()));
    }
  }
  return els;
}

const describeSteps = (steps) => steps.map((s) => (s.css ?? (s.nth !== undefined ? `nth(${s.nth})` : `role=${s.role}[name="${s.name}"]`))).join(' >> ');

class Locator {
  constructor(page, steps) { this.page = page; this.steps = steps; }
  locator(css) { return new Locator(this.page, [...this.steps, { css }]); }
  first() { return new Locator(this.page, [...this.steps, { nth: 0 }]); }
  nth(i) { return new Locator(this.page, [...this.steps, { nth: i }]); }
  getByRole(role, { name }) { return new Locator(this.page, [...this.steps, { role, name }]); }

  /** Runs `fn(element, arg)` on the one element this locator matches. */
  async evaluate(fn, arg) {
    return this.page.evaluate(`async ({ steps, arg, what }) => {
      const els = (${resolveSteps.toString()})(steps);
      if (els.length !== 1) throw new Error('locator ' + what + ' matched ' + els.length + ' elements');
      return (${source(fn)})(els[0], arg);
    }`, { steps: this.steps, arg, what: describeSteps(this.steps) });
  }
  /** Runs `fn(elements, arg)` on every element this locator matches. */
  async evaluateAll(fn, arg) {
    return this.page.evaluate(`async ({ steps, arg }) => (${source(fn)})((${resolveSteps.toString()})(steps), arg)`, { steps: this.steps, arg });
  }
  count() { return this.evaluateAll((els) => els.length); }
  getAttribute(name) { return this.evaluate((e, n) => e.getAttribute(n), name); }
  textContent() { return this.evaluate((e) => e.textContent); }
  isDisabled() { return this.evaluate((e) => e.disabled === true); }
  focus() { return this.evaluate((e) => e.focus()); }
  scrollIntoViewIfNeeded() {
    return this.evaluate((e) => {
      const r = e.getBoundingClientRect();
      if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) e.scrollIntoView({ block: 'center', inline: 'center' });
    });
  }
  async boundingBox() {
    return this.evaluate((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; });
  }
  /** A real pointer click in the middle of the element (scrolled into view first). */
  async click() {
    await this.scrollIntoViewIfNeeded();
    const b = await this.boundingBox();
    await this.page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
  }
  /**
   * Types `value` into a text input over its whole content, as a reader would (so Enter then
   * fires `change`); a range input is set with its input and change events, as dragging would.
   */
  async fill(value) {
    const range = await this.evaluate((e, v) => {
      e.focus();
      if (e.type !== 'range') { e.select?.(); return false; }
      e.value = v;
      e.dispatchEvent(new Event('input', { bubbles: true }));
      e.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }, String(value));
    if (range) return;
    if (String(value) === '') await this.page.keyboard.press('Backspace');
    else await this.page.backend.type(String(value));
  }
  async press(key) { await this.focus(); await this.page.keyboard.press(key); }
  /** A finger's tap in the middle of the element. */
  async tap() {
    await this.scrollIntoViewIfNeeded();
    const b = await this.boundingBox();
    await this.page.touch([[b.x + b.width / 2, b.y + b.height / 2]]);
  }
  async screenshot({ path }) {
    await this.scrollIntoViewIfNeeded();
    return this.page.backend.elementScreenshot(this, path);
  }
}

// ---------------------------------------------------------------------------------------------
// Pages. `backend` does the engine's work: navigate, evaluate, pointer, keys, screenshots.

/** WebDriver key codes for the named keys the tests press. */
const WD_KEYS = {
  Shift: '\uE008', Control: '\uE009', Alt: '\uE00A', Meta: '\uE03D', Enter: '\uE007', Tab: '\uE004', Escape: '\uE00C',
  Backspace: '\uE003', Home: '\uE011', End: '\uE010', PageUp: '\uE00E', PageDown: '\uE00F', ArrowLeft: '\uE012',
  ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015', Space: ' ', Delete: '\uE017',
};

class Page {
  constructor(backend, engine) {
    this.backend = backend;
    this.engine = engine;
    this.earlier = [];
    const page = this;
    this.mouse = {
      x: 0, y: 0,
      async move(x, y, { steps = 1 } = {}) {
        const [x0, y0] = [this.x, this.y];
        for (let i = 1; i <= steps; i++) await backend.pointer('move', x0 + ((x - x0) * i) / steps, y0 + ((y - y0) * i) / steps);
        [this.x, this.y] = [x, y];
      },
      down() { return backend.pointer('down', this.x, this.y); },
      up() { return backend.pointer('up', this.x, this.y); },
      async click(x, y) { await this.move(x, y); await this.down(); await this.up(); },
    };
    this.keyboard = {
      async press(combo) {
        const parts = combo.split('+');
        await backend.keys(parts.slice(0, -1), parts[parts.length - 1]);
      },
    };
    this.touchscreen = { tap: (x, y) => page.touch([[x, y]]) };
  }
  async goto(url) {
    await this.collectProblems();
    await this.backend.goto(url);
    this.mouse.x = 0; this.mouse.y = 0;
  }
  url() { return this.backend.url(); }
  /** Waits `ms` milliseconds (the bench lets a page settle; tests wait for conditions). */
  waitForTimeout(ms) { return new Promise((r) => setTimeout(r, ms)); }
  /** Runs `fn(arg)` in the page and returns its (JSON) result; async functions are awaited. */
  evaluate(fn, arg) { return this.backend.evaluate(source(fn), arg ?? null); }
  $eval(sel, fn, arg) { return new Locator(this, [{ css: sel }]).first().evaluate(fn, arg); }
  $$eval(sel, fn, arg) { return new Locator(this, [{ css: sel }]).evaluateAll(fn, arg); }
  locator(sel) { return new Locator(this, [{ css: sel }]); }
  $(sel) { return this.locator(sel).first(); }
  async $$(sel) { return Array.from({ length: await this.locator(sel).count() }, (_, i) => this.locator(sel).nth(i)); }
  getByRole(role, opts) { return new Locator(this, [{ role, name: opts?.name ?? '' }]); }
  focus(sel) { return this.locator(sel).first().focus(); }
  click(sel) { return this.locator(sel).click(); }
  async waitForFunction(fn, arg, { timeout = 30_000 } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try { if (await this.evaluate(fn, arg)) return; } catch (e) { last = e; }
      if (Date.now() > end) throw new Error(`waitForFunction timed out after ${timeout} ms: ${source(fn).slice(0, 200)} ${last ? `(last error: ${last.message})` : ''}`);
      await sleep(50);
    }
  }
  waitForSelector(sel, opts) { return this.waitForFunction((s) => !!document.querySelector(s), sel, opts); }
  /**
   * Resizes the viewport to `width` × `height` CSS pixels and, where the engine can change it
   * after launch, sets the device pixel ratio to `deviceScaleFactor`.
   */
  setViewport(v) { return this.backend.setViewport(v); }
  /** A finger: touches at the first point, moves through the rest, lifts. */
  touch(points) { return this.backend.touch(points); }
  screenshot({ path, fullPage = false }) { return this.backend.screenshot(path, fullPage); }
  /**
   * Runs `action` (which makes the page download a file) and returns `{ name, bytes }` of what
   * it downloaded, read inside the page: the anchor the page clicks is intercepted, so the
   * same code works in every engine (WebDriver classic has no download events).
   */
  async captureDownload(action) {
    await this.evaluate(() => {
      window.__gdvizDownload = null;
      if (window.__gdvizDownloadHooked) return;
      window.__gdvizDownloadHooked = true;
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () {
        if (!this.hasAttribute('download')) return click.call(this);
        let body;
        if (this.href.startsWith('blob:')) {
          // Read now: the page revokes an object URL right after clicking it.
          const x = new XMLHttpRequest();
          x.open('GET', this.href, false);
          x.send();
          body = { text: x.responseText };
        } else body = { dataUrl: this.href };
        window.__gdvizDownload = { name: this.download, ...body };
      };
    });
    await action();
    await this.waitForFunction(() => window.__gdvizDownload !== null, null, { timeout: 10_000 });
    const d = await this.evaluate(() => window.__gdvizDownload);
    const bytes = d.text !== undefined ? Buffer.from(d.text, 'utf8') : Buffer.from(d.dataUrl.replace(/^data:[^,]*;base64,/, ''), 'base64');
    return { name: d.name, bytes };
  }
  /**
   * Page errors, unhandled rejections, console errors and CSP violations since the page opened
   * (every document it has shown): collected in the page by tests/e2e/collect.js, which the
   * test server puts first in every HTML page, and by the engine where it reports them.
   */
  async problems() {
    await this.collectProblems();
    // The collector and the engine can both report one console error: each is listed once.
    return [...new Set([...this.earlier, ...this.backend.nativeProblems()])];
  }
  async collectProblems() {
    try {
      // A page without the collector would report nothing in WebKit: that is a problem too.
      const now = await this.evaluate(() => window.__gdvizProblems?.splice(0) ?? null);
      const url = await this.url();
      if (now) this.earlier.push(...now);
      else if (!url.startsWith('about:')) this.earlier.push(`the error collector (collect.js) is not on ${url}`);
    } catch { /* no page yet */ }
  }
  close() { return this.backend.close(); }
}

// ---------------------------------------------------------------------------------------------
// What Playwright's and puppeteer's pages do alike: navigation, evaluation, the mouse, and the
// errors the engine reports (beside the in-page collector's).

function sharedPageMethods(p) {
  const native = [];
  p.on('pageerror', (e) => native.push(`pageerror: ${e.message}`));
  p.on('console', (m) => { if (m.type() === 'error') native.push(`console: ${m.text()}`); });
  return {
    goto: (url) => p.goto(url),
    url: () => p.url(),
    evaluate: (src, arg) => p.evaluate(new Function('a', `return (${src})(a)`), arg),
    async pointer(kind, x, y) {
      if (kind === 'move') await p.mouse.move(x, y);
      else if (kind === 'down') await p.mouse.down();
      else await p.mouse.up();
    },
    nativeProblems: () => native,
  };
}

// ---------------------------------------------------------------------------------------------
// chromium: Playwright.

async function chromiumBrowser() {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    async newPage(opts) {
      const context = await browser.newContext({
        viewport: opts.viewport, deviceScaleFactor: opts.deviceScaleFactor ?? 1, isMobile: !!opts.isMobile,
        hasTouch: !!opts.hasTouch, colorScheme: opts.colorScheme ?? 'light', reducedMotion: opts.reducedMotion ?? 'no-preference',
      });
      const p = await context.newPage();
      let cdp;
      return {
        ...sharedPageMethods(p),
        async keys(mods, key) { await p.keyboard.press([...mods, key].join('+')); },
        type: (text) => p.keyboard.insertText(text),
        async touch(points) {
          cdp ??= await context.newCDPSession(p);
          const at = ([x, y]) => [{ x, y }];
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(points[0]) });
          for (const q of points.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(q) });
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        },
        screenshot: (path, fullPage) => p.screenshot({ path, fullPage }),
        async elementScreenshot(loc, path) {
          // The whole element, even one taller than the viewport: a clip of the full page,
          // in document coordinates.
          const b = await loc.evaluate((e) => { const r = e.getBoundingClientRect(); return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height }; });
          await p.screenshot({ path, clip: b, fullPage: true });
        },
        async setViewport({ width, height, deviceScaleFactor }) {
          cdp ??= await context.newCDPSession(p);
          await p.setViewportSize({ width, height });
          if (deviceScaleFactor) {
            await cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor, mobile: !!opts.isMobile });
          }
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// firefox: puppeteer-core over WebDriver BiDi. Colour scheme and reduced motion are browser
// preferences, so each combination gets its own browser, started on first use.

async function firefoxBrowser() {
  const puppeteer = require('puppeteer-core');
  const browsers = new Map();
  const browserFor = async (opts) => {
    const touch = !!opts.hasTouch;
    const key = `${opts.colorScheme ?? 'light'}/${opts.reducedMotion ?? 'no-preference'}/${touch}`;
    if (!browsers.has(key)) {
      browsers.set(key, puppeteer.launch({
        browser: 'firefox', executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr', headless: true,
        defaultViewport: null, args: ['--width=1000', '--height=1000'],
        extraPrefsFirefox: {
          // 0 = dark, 1 = light: what prefers-color-scheme reports to pages.
          'layout.css.prefers-color-scheme.content-override': opts.colorScheme === 'dark' ? 0 : 1,
          'ui.prefersReducedMotion': opts.reducedMotion === 'reduce' ? 1 : 0,
          // A touch screen: the primary pointer is coarse and cannot hover (bit 1 coarse,
          // 2 fine, 4 hover), as on a phone; touch events on.
          'ui.primaryPointerCapabilities': touch ? 1 : 6, 'ui.allPointerCapabilities': touch ? 1 : 6,
          'dom.w3c_touch_events.enabled': touch ? 1 : 0,
          'browser.download.useDownloadDir': true, 'browser.download.dir': tmpdir(),
        },
      }));
    }
    return browsers.get(key);
  };
  return {
    async newPage(opts) {
      const browser = await browserFor(opts);
      const p = await browser.newPage();
      await p.setViewport({ width: opts.viewport.width, height: opts.viewport.height, deviceScaleFactor: opts.deviceScaleFactor ?? 1, isMobile: !!opts.isMobile, hasTouch: !!opts.hasTouch });
      return {
        ...sharedPageMethods(p),
        async keys(mods, key) {
          for (const m of mods) await p.keyboard.down(m);
          await p.keyboard.press(key);
          for (const m of mods.reverse()) await p.keyboard.up(m);
        },
        type: (text) => p.keyboard.type(text),
        async touch(points) {
          const t = await p.touchscreen.touchStart(points[0][0], points[0][1]);
          for (const [x, y] of points.slice(1)) await t.move(x, y);
          await t.end();
        },
        screenshot: (path, fullPage) => p.screenshot({ path, fullPage }),
        async elementScreenshot(loc, path) {
          // puppeteer's clip is in document coordinates, not the viewport's.
          const b = await loc.evaluate((e) => { const r = e.getBoundingClientRect(); return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height }; });
          await p.screenshot({ path, clip: b });
        },
        async setViewport({ width, height, deviceScaleFactor }) {
          await p.setViewport({ width, height, deviceScaleFactor: deviceScaleFactor ?? opts.deviceScaleFactor ?? 1, isMobile: !!opts.isMobile, hasTouch: !!opts.hasTouch });
        },
        close: () => p.close(),
      };
    },
    async close() { await Promise.allSettled([...browsers.values()].map(async (b) => (await b).close())); },
  };
}

// ---------------------------------------------------------------------------------------------
// webkit: W3C WebDriver over HTTP to WebKitWebDriver. The device pixel ratio (GDK_SCALE), the
// colour scheme and reduced motion (GTK settings) are the browser process's environment, so
// each combination gets its own driver, started on first use; each page is its own session.

const WEBKIT_BROWSER = process.env.WEBKIT_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
/** A port nothing listens on now (the system's pick), for a WebKitWebDriver. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

async function webkitBrowser() {
  const drivers = new Map();
  let warnedWidth = false;
  // WebKitWebDriver holds one session at a time: a page opened while another is open (a
  // second page of a test, or one a failed test left open) gets a driver of its own.
  const driverFor = async (opts) => {
    const scale = Math.max(1, Math.round(opts.deviceScaleFactor ?? 1));
    const dark = opts.colorScheme === 'dark';
    const still = opts.reducedMotion === 'reduce';
    const key = `${scale}/${dark}/${still}`;
    if (!drivers.has(key)) drivers.set(key, []);
    const pool = drivers.get(key);
    const free = pool.find((d) => !d.busy);
    if (free) { free.busy = true; return free; }
    const d = { busy: true, proc: null, base: null };
    pool.push(d);
    const port = await freePort();
    const config = mkdtempSync(join(tmpdir(), 'gdviz-wk-'));
    mkdirSync(join(config, 'gtk-3.0'));
    writeFileSync(join(config, 'gtk-3.0', 'settings.ini'),
      `[Settings]\ngtk-application-prefer-dark-theme=${dark ? 1 : 0}\ngtk-enable-animations=${still ? 0 : 1}\n`);
    d.proc = spawn('xvfb-run', ['-a', '-s', '-screen 0 2400x2000x24', '/usr/bin/WebKitWebDriver', `--port=${port}`], {
      detached: true, stdio: 'ignore',
      env: {
        ...process.env, GDK_SCALE: String(scale), XDG_CONFIG_HOME: config, GTK_THEME: dark ? 'Adwaita:dark' : 'Adwaita',
        // Accelerated compositing on Xvfb's software GL took about 1.7 s a frame (measured:
        // 30 frames of the trajectory widget in 52 s, 3.2 s without it): the page is drawn
        // the same, by WebKit's non-composited path.
        WEBKIT_DISABLE_COMPOSITING_MODE: '1',
        ...JSON.parse(process.env.GDVIZ_WEBKIT_ENV ?? '{}'),
      },
    });
    d.base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try { await fetch(d.base + '/status'); break; } catch { if (i > 200) throw new Error('WebKitWebDriver did not start'); await sleep(50); }
    }
    return d;
  };
  return {
    async newPage(opts) {
      const driver = await driverFor(opts);
      const { base } = driver;
      const call = async (method, path, body, timeout) => {
        const r = await fetch(base + path, {
          method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
          // No call may hang a run for ever: the longest page script (the stress test's
          // 10,000 events) takes under a minute.
          signal: AbortSignal.timeout(timeout ?? 300_000),
        });
        const j = await r.json();
        if (j.value && j.value.error) throw new Error(`WebDriver ${path}: ${j.value.error}: ${j.value.message}`);
        return j.value;
      };
      const session = await call('POST', '/session', { capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: WEBKIT_BROWSER, args: ['--automation'] } } } });
      const s = `/session/${session.sessionId}`;
      await call('POST', `${s}/timeouts`, { script: 600_000, pageLoad: 60_000 });
      // The window's outer size: the viewport is smaller by the browser's own chrome.
      const size = async ({ width, height }) => {
        await call('POST', `${s}/window/rect`, { width, height });
        const [iw, ih] = await call('POST', `${s}/execute/sync`, { script: 'return [innerWidth, innerHeight]', args: [] });
        if (iw !== width || ih !== height) await call('POST', `${s}/window/rect`, { width: width + (width - iw), height: height + (height - ih) });
        const [w2] = await call('POST', `${s}/execute/sync`, { script: 'return [innerWidth]', args: [] });
        if (w2 > width && !warnedWidth) {
          warnedWidth = true;
          console.log(`[e2e skip] webkit: MiniBrowser's window cannot be narrower than ${w2} px, so a ${width} px viewport is tested at ${w2} px`);
        }
      };
      await size(opts.viewport);
      const round = (v) => Math.round(v);
      let pressed = false;
      const pointer = (type, actions) => call('POST', `${s}/actions`, { actions: [{ type: 'pointer', id: type, parameters: { pointerType: type }, actions }] });
      return {
        goto: (url) => call('POST', `${s}/url`, { url }),
        url: () => call('GET', `${s}/url`),
        async evaluate(src, arg) {
          const r = await call('POST', `${s}/execute/async`, {
            script: `const done = arguments[arguments.length - 1];
              Promise.resolve().then(() => (${src})(arguments[0])).then(
                (v) => done({ ok: v === undefined ? null : v }),
                (e) => done({ err: String(e && e.message || e) }));`,
            args: [arg],
          });
          if (r && r.err !== undefined) throw new Error(r.err);
          return r.ok;
        },
        async pointer(kind, x, y) {
          if (kind === 'move') await pointer('mouse', [{ type: 'pointerMove', origin: 'viewport', x: round(x), y: round(y), duration: 0 }]);
          else if (kind === 'down') { pressed = true; await pointer('mouse', [{ type: 'pointerDown', button: 0 }]); }
          else { pressed = false; await pointer('mouse', [{ type: 'pointerUp', button: 0 }]); }
        },
        async keys(mods, key) {
          const code = (k) => WD_KEYS[k] ?? k;
          const actions = [...mods.map((m) => ({ type: 'keyDown', value: code(m) })), { type: 'keyDown', value: code(key) },
            { type: 'keyUp', value: code(key) }, ...mods.reverse().map((m) => ({ type: 'keyUp', value: code(m) }))];
          await call('POST', `${s}/actions`, { actions: [{ type: 'key', id: 'keyboard', actions }] });
        },
        async type(text) {
          const actions = [...text].flatMap((ch) => [{ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch }]);
          await call('POST', `${s}/actions`, { actions: [{ type: 'key', id: 'keyboard', actions }] });
        },
        async touch(points) {
          const [x0, y0] = points[0];
          await pointer('touch', [{ type: 'pointerMove', origin: 'viewport', x: round(x0), y: round(y0), duration: 0 }, { type: 'pointerDown', button: 0 },
            ...points.slice(1).map(([x, y]) => ({ type: 'pointerMove', origin: 'viewport', x: round(x), y: round(y), duration: 16 })),
            { type: 'pointerUp', button: 0 }]);
          await call('DELETE', `${s}/actions`);
        },
        // A WebKitWebDriver screenshot sometimes never answers while the machine is busy (seen:
        // 5 minutes with three engines running). Screenshots are for people to look at, not
        // assertions: one that takes over 30 s is given up, and said so.
        async screenshot(path) {
          try {
            writeFileSync(path, Buffer.from(await call('GET', `${s}/screenshot`, undefined, 30_000), 'base64'));
          } catch (e) {
            if (e.name !== 'TimeoutError') throw e;
            console.log('[e2e skip] webkit: a WebKitWebDriver screenshot did not answer within 30 s; none saved');
          }
        },
        async elementScreenshot(loc, path) {
          const el = await call('POST', `${s}/execute/sync`, {
            script: `const els = (${resolveSteps.toString()})(arguments[0]); return els[0];`, args: [loc.steps],
          });
          const id = Object.values(el)[0];
          try {
            writeFileSync(path, Buffer.from(await call('GET', `${s}/element/${id}/screenshot`, undefined, 30_000), 'base64'));
          } catch (e) {
            if (e.name !== 'TimeoutError') throw e;
            console.log('[e2e skip] webkit: a WebKitWebDriver screenshot did not answer within 30 s; none saved');
          }
        },
        async setViewport(v) {
          // The device pixel ratio is the browser process's (GDK_SCALE): only the size changes.
          await size(v);
        },
        nativeProblems: () => [],
        async close() {
          if (pressed) await call('DELETE', `${s}/actions`).catch(() => {});
          await call('DELETE', s).catch(() => {});
          driver.busy = false;
        },
      };
    },
    async close() {
      for (const pool of drivers.values()) {
        for (const { proc } of pool) {
          try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* gone */ }
        }
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------

/** A browser of this process's engine: `newContext(options)` / `newPage(options)`, `close()`. */
export async function launch() {
  const impl = await ({ chromium: chromiumBrowser, firefox: firefoxBrowser, webkit: webkitBrowser })[ENGINE]();
  const browser = {
    engine: ENGINE,
    /** Options as Playwright's: viewport, deviceScaleFactor, isMobile, hasTouch, colorScheme, reducedMotion. */
    async newContext(options = {}) {
      const opts = { viewport: { width: 1000, height: 1000 }, ...options };
      const pages = [];
      return {
        async newPage() {
          const p = new Page(await impl.newPage(opts), ENGINE);
          pages.push(p);
          return p;
        },
        async close() { for (const p of pages) await p.close(); },
      };
    },
    async newPage(options) { return (await browser.newContext(options)).newPage(); },
    close: () => impl.close(),
  };
  return browser;
}
