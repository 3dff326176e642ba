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
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFileSync, mkdtempSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(new URL('../../.tools/package.json', import.meta.url));

/** The engine this test process drives (tests/e2e/run.sh runs the suite once per engine). */
export const ENGINE = process.env.GDVIZ_ENGINE ?? 'chromium';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A failure of the browser engine or its driver, not of the page or of a test's assertion: the
 * WebDriver session died (WebKit deletes it when its web process crashes or hangs), or the
 * driver did not answer. `why` says which, in a few words. support.mjs's `open` reopens a page
 * once after one of these, and says so.
 */
export class EngineError extends Error {
  constructor(message, why, name) {
    super(message);
    this.engine = true;
    this.why = why;
    if (name) this.name = name;
  }
}

/** `promise`, or an error once `ms` milliseconds have passed without it settling. */
const within = (promise, ms, what) => {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new EngineError(`${what} did not answer within ${ms / 1000} s`, `${what} did not answer`)), ms);
  })]).finally(() => clearTimeout(timer));
};

/** The first line of `text`, at most `n` characters. */
const line = (text, n = 300) => {
  const first = String(text).split('\n')[0];
  return first.length > n ? `${first.slice(0, n)}…` : first;
};

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
  /**
   * Resolves once `fn(arg)` is truthy in the page, polling; an error `fn` throws is retried
   * (the page may be navigating) unless its message matches `failOn`. An engine failure (a dead
   * session, no answer) ends the wait at once.
   */
  async waitForFunction(fn, arg, { timeout = 30_000, failOn = null } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      // A poll that never answers (a hung web process) must not outlast the wait by much.
      const budget = Math.max(15_000, end - Date.now() + 5_000);
      try {
        if (await within(this.backend.evaluate(source(fn), arg ?? null, budget), budget + 5_000, 'the page')) return;
      } catch (e) {
        // The session is gone or the engine stopped answering: no later poll can succeed.
        if (e.engine || failOn?.test(e.message)) throw e;
        last = e;
      }
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
    // A dead engine cannot say what its page did: that is its failure, not an empty list.
    if (this.engineFailure) throw this.engineFailure;
    // The collector and the engine can both report one console error: each is listed once.
    return [...new Set([...this.earlier, ...this.backend.nativeProblems()])];
  }
  async collectProblems() {
    // A closed page has no more to tell (a test may ask for its problems after closing it).
    if (this.closed) return;
    try {
      // A page without the collector would report nothing in WebKit: that is a problem too.
      const now = await within(this.backend.evaluate('() => window.__gdvizProblems?.splice(0) ?? null', null, 30_000), 35_000, 'the page');
      const url = await this.url();
      if (now) this.earlier.push(...now);
      else if (!url.startsWith('about:')) this.earlier.push(`the error collector (collect.js) is not on ${url}`);
    } catch (e) {
      // No page yet, or one navigating; but a page whose engine died has problems of its own
      // that no collector saw: that is one too (a test asserting none fails, saying why).
      if (e.engine) {
        this.engineFailure ??= e;
        this.earlier.push(`engine: ${e.why}`);
      }
    }
  }
  async close() {
    if (this.closed) return;
    // What the page reported since it was last asked stays for problems() (a test may ask
    // after closing it).
    await this.collectProblems();
    this.closed = true;
    await this.backend.close();
  }

  /**
   * One line of what the page shows now, for a failure's report: its URL and readyState, how
   * many widgets it has and how many report their state (and the first few that do not), every
   * page problem collected so far (not taken: problems() still reports them), and whether the
   * engine answers (WebKit: the session, MiniBrowser, its web process and the browser's own log
   * since this page opened). Bounded in time and never throws: the page may be dead.
   */
  async diagnose() {
    const parts = [];
    const thrown = (problems) => problems.filter((p) => /^(pageerror|unhandledrejection):/.test(p)).length;
    this.pageErrors = 0;
    try {
      const d = await within(this.backend.evaluate(`() => {
        const els = [...document.querySelectorAll('[data-gdviz], gdviz-figure')];
        const waiting = els.filter((e) => !e.dataset.state);
        return { url: location.pathname + location.search, readyState: document.readyState, widgets: els.length,
          stated: els.length - waiting.length,
          waiting: waiting.slice(0, 4).map((e) => (e.id ? '#' + e.id + ' ' : '') + (e.dataset.gdviz ?? e.getAttribute('kind') ?? e.localName)),
          problems: window.__gdvizProblems ? [...window.__gdvizProblems] : null, stacks: window.__gdvizErrorStacks ?? [] };
      }`, null, 10_000), 12_000, 'the page');
      const waiting = d.waiting.length ? ` (waiting: ${d.waiting.join(', ')}${d.widgets - d.stated > d.waiting.length ? ', …' : ''})` : '';
      parts.push(`page ${d.url}: readyState=${d.readyState}, ${d.widgets} widgets, ${d.stated} with data-state${waiting}`);
      const problems = [...new Set([...this.earlier, ...this.backend.nativeProblems(), ...(d.problems ?? ['the error collector (collect.js) is not on the page'])])];
      parts.push(`problems: ${problems.length ? JSON.stringify(problems.map((p) => line(p, 400))) : 'none'}`);
      this.pageErrors = thrown(problems);
      if (d.stacks.length) parts.push(`thrown at: ${JSON.stringify(d.stacks.map((t) => line(t, 600)))}`);
    } catch (e) {
      parts.push(`page: no answer (${line(e.message, 200)})`);
      const problems = [...new Set([...this.earlier, ...this.backend.nativeProblems()])];
      if (problems.length) parts.push(`problems collected before: ${JSON.stringify(problems.map((p) => line(p, 400)))}`);
      this.pageErrors = thrown(problems);
    }
    try {
      const h = await within(this.backend.health(), 25_000, 'the engine');
      parts.push(h.text);
      this.engineDown = h.down;
    } catch (e) {
      parts.push(`engine: ${line(e.message, 200)}`);
      this.engineDown = `the engine did not say how it is (${line(e.message, 100)})`;
    }
    return parts.join(' | ');
  }

  /**
   * `error` (from `what`: opening the page, waiting for it to settle) with the page's
   * diagnosis appended; the one-line diagnosis is printed too, as "[e2e diag] ENGINE: …", so a
   * CI log shows what the page showed. The error is an engine failure (`engine`, `why`) if it
   * was one or if the engine is found down (a dead session, a web process gone), unless the
   * page had thrown an error: that is never put down to the engine (nor retried).
   */
  async failure(error, what) {
    if (error.diagnosed) return error;
    const diag = await this.diagnose();
    console.log(`[e2e diag] ${this.engine}: ${what} failed: ${line(error.message)} | ${diag}`);
    const why = this.pageErrors ? null : error.engine ? error.why : this.engineDown;
    const e = new Error(`${error.message}\n  [e2e diag] ${diag}`, { cause: error });
    e.stack = `${e.message}\n${(error.stack ?? '').split('\n').slice(1).join('\n')}`;
    e.diagnosed = true;
    if (why) { e.engine = true; e.why = why; }
    return e;
  }
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
    /** Whether the page's engine answers a script: `down` says why not. */
    async health() {
      try {
        await within(p.evaluate(() => document.readyState), 10_000, 'the page');
        return { text: 'engine: the page answers a script', down: null };
      } catch (e) {
        return { text: `engine: the page does not answer a script (${line(e.message, 200)})`, down: `the page does not answer (${line(e.message, 100)})` };
      }
    },
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

/**
 * The processes under `root` (a driver's xvfb-run), from /proc: { pid, ppid, comm, state }.
 * MiniBrowser is WebKitWebDriver's child, its web and network processes are MiniBrowser's.
 */
function processesUnder(root) {
  const all = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const m = readFileSync(`/proc/${name}/stat`, 'utf8').match(/^(\d+) \((.*)\) (\S) (\d+)/);
      if (m) all.push({ pid: Number(m[1]), comm: m[2], state: m[3], ppid: Number(m[4]) });
    } catch { /* gone meanwhile */ }
  }
  const under = new Set([root]);
  const found = [];
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (!under.has(p.pid) && under.has(p.ppid)) { under.add(p.pid); found.push(p); grew = true; }
    }
  }
  return found;
}

/** Seconds since the machine booted: the kernel log's clock. */
const uptime = () => { try { return Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]); } catch { return 0; } };

/**
 * What the kernel logged about WebKit's processes since `since` (uptime seconds): a segfault
 * names the library it happened in (seen: "WebKitWebProces[…]: segfault at … in
 * libjavascriptcoregtk-4.1.so"), the OOM killer names its victim. Empty where the kernel log
 * cannot be read (not root).
 */
function kernelSays(since) {
  try {
    const text = execFileSync('dmesg', [], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
    return text.split('\n').filter((l) => {
      const m = l.match(/^\[\s*(\d+\.\d+)\]/);
      return m && Number(m[1]) >= since && /WebKit|MiniBrowser|Out of memory|oom-kill/i.test(l) && !/^\[[^\]]*\] Code: /.test(l);
    }).slice(-2).map((l) => line(l, 260)).join(' / ');
  } catch { return ''; }
}

/** Every WebKit driver this process started (xvfb-run's process group ids), ended when it exits. */
const driverGroups = new Set();
const endDrivers = () => {
  for (const pgid of driverGroups) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
  }
  driverGroups.clear();
};
// A test file that ends without closing its browser (an error at its top level, or node's test
// runner ending it at its time limit) would otherwise leave its drivers, their MiniBrowsers and
// pages running for the rest of the run (seen: a demo page animating for 30 minutes).
process.on('exit', endDrivers);
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.once(sig, () => { endDrivers(); process.kill(process.pid, sig); });
}

async function webkitBrowser() {
  const drivers = new Map();
  /**
   * Ends a driver for good: its xvfb-run's process group (Xvfb, WebKitWebDriver, MiniBrowser and
   * its web processes, also one left behind by a MiniBrowser that exited), killed outright, as
   * a hung web process would not end otherwise and would hold a core for the rest of the run.
   */
  const retire = (d) => {
    d.dead = true;
    try { process.kill(-d.proc.pid, 'SIGKILL'); } catch { /* gone */ }
  };
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
    const free = pool.find((d) => !d.busy && !d.dead);
    if (free) { free.busy = true; return free; }
    const d = { busy: true, dead: false, proc: null, base: null, log: null };
    pool.push(d);
    const port = await freePort();
    const config = mkdtempSync(join(tmpdir(), 'gdviz-wk-'));
    mkdirSync(join(config, 'gtk-3.0'));
    writeFileSync(join(config, 'gtk-3.0', 'settings.ini'),
      `[Settings]\ngtk-application-prefer-dark-theme=${dark ? 1 : 0}\ngtk-enable-animations=${still ? 0 : 1}\n`);
    // WebKitWebDriver's and MiniBrowser's output (MiniBrowser says "WebProcess CRASHED" when
    // its web process dies), read back into a failure's diagnosis.
    d.log = join(config, 'browser.log');
    const out = openSync(d.log, 'a');
    d.proc = spawn('xvfb-run', ['-a', '-s', '-screen 0 2400x2000x24', '/usr/bin/WebKitWebDriver', `--port=${port}`], {
      detached: true, stdio: ['ignore', out, out],
      env: {
        ...process.env, GDK_SCALE: String(scale), XDG_CONFIG_HOME: config, GTK_THEME: dark ? 'Adwaita:dark' : 'Adwaita',
        // Accelerated compositing on Xvfb's software GL took about 1.7 s a frame (measured:
        // 30 frames of the trajectory widget in 52 s, 3.2 s without it): the page is drawn
        // the same, by WebKit's non-composited path.
        WEBKIT_DISABLE_COMPOSITING_MODE: '1',
        ...JSON.parse(process.env.GDVIZ_WEBKIT_ENV ?? '{}'),
      },
    });
    closeSync(out);
    driverGroups.add(d.proc.pid);
    // Not what keeps this process alive: a file that forgets to close its browser still ends
    // (and its drivers with it, above).
    d.proc.unref();
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
      const since = uptime();
      let logFrom = 0;
      try { logFrom = statSync(driver.log).size; } catch { /* none yet */ }
      /** What WebKitWebDriver and MiniBrowser wrote since this page opened: its last lines, joined. */
      const browserLog = () => {
        try {
          const text = readFileSync(driver.log, 'utf8').slice(logFrom).trim();
          return text ? text.split('\n').filter((l) => l.trim()).slice(-4).map((l) => line(l.trim(), 200)).join(' / ') : '';
        } catch { return ''; }
      };
      /** MiniBrowser and its web processes now: "MiniBrowser 123, web process 130". */
      const processes = () => {
        const ps = processesUnder(driver.proc.pid).filter((p) => p.state !== 'Z');
        const pids = (re) => ps.filter((p) => re.test(p.comm)).map((p) => p.pid);
        const [mini, web] = [pids(/^MiniBrowser/), pids(/^WebKitWebProc/)];
        return { mini, web, text: `WebKitWebDriver ${ps.some((p) => p.comm === 'WebKitWebDriver') ? 'running' : 'gone'}, MiniBrowser ${mini.join(',') || 'gone'}, web process ${web.join(',') || 'gone'}` };
      };
      // Set once the session is found dead (WebKit deletes it when its web process crashes or
      // hangs): its first reason, kept for every later call's error.
      let dead = null;
      // Set by any engine failure in this session (dead, or a call not answered).
      let broken = false;
      let closed = false;
      let s = '';
      const call = async (method, path, body, timeout = 300_000) => {
        try { return await callOnce(method, path, body, timeout); } catch (e) {
          // (A screenshot that does not answer is given up and said so, the page goes on.)
          if (e.engine && !(e.name === 'TimeoutError' && /\/screenshot$/.test(path))) broken = true;
          throw e;
        }
      };
      const callOnce = async (method, path, body, timeout) => {
        let r;
        try {
          r = await fetch(base + path, {
            method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
            // No call may hang a run for ever: the longest page script (the stress test's
            // 10,000 events) takes under a minute.
            signal: AbortSignal.timeout(timeout),
          });
        } catch (e) {
          if (e.name === 'TimeoutError') {
            throw new EngineError(`WebDriver ${method} ${path} did not answer within ${timeout / 1000} s`, `WebKitWebDriver did not answer ${method} ${path.replace(s, '')} within ${timeout / 1000} s`, 'TimeoutError');
          }
          driver.dead = true;
          throw new EngineError(`WebDriver ${method} ${path}: WebKitWebDriver does not answer (${e.cause?.code ?? e.message})`, 'WebKitWebDriver is gone');
        }
        const j = await r.json();
        if (j.value && j.value.error) {
          const { error, message } = j.value;
          if (error === 'invalid session id' && closed) throw new Error(`WebDriver ${path}: the page was closed`);
          if (error === 'invalid session id' && s && path.startsWith(s)) {
            const first = !dead;
            dead ??= message || 'the session is gone';
            const why = `the WebKit session died: ${dead}`;
            if (first) {
              // Said once, loudly, wherever the test is: every later call fails the same way.
              const log = browserLog();
              const kernel = kernelSays(since);
              console.log(`[e2e engine] webkit: ${why} (found at ${method} ${path.replace(s, '') || '/'}); ${processes().text}${log ? `; browser log: ${log}` : ''}${kernel ? `; kernel: ${kernel}` : ''}`);
            }
            throw new EngineError(`WebDriver ${path}: invalid session id: ${dead}`, why);
          }
          if (error === 'session not created') throw new EngineError(`WebDriver ${path}: ${error}: ${message}`, `WebKitWebDriver could not start a session (${line(message, 100)})`);
          if (error === 'unknown error' && s && path.startsWith(s) && path !== s && !closed) {
            // A command in flight when the web process dies is answered so ("Could not parse
            // script result", or nothing): is the session still there?
            try { await callOnce('GET', `${s}/url`, undefined, 10_000); } catch (e) {
              if (e.engine) throw new EngineError(`WebDriver ${path}: ${error}: ${message} (${e.message})`, e.why);
            }
          }
          throw new Error(`WebDriver ${path}: ${error}: ${message}`);
        }
        return j.value;
      };
      let session;
      try {
        session = await call('POST', '/session', { capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: WEBKIT_BROWSER, args: ['--automation'] } } } }, 60_000);
      } catch (e) {
        // No session: this driver is of no more use (a session it may still hold would refuse
        // the next one).
        retire(driver);
        throw e;
      }
      s = `/session/${session.sessionId}`;
      // A session that fails while it is set up (before any page of ours is in it: an engine
      // failure, whatever WebDriver calls it) is let go, and its driver with it.
      const setUp = async (work) => {
        try { return await work(); } catch (e) {
          const state = processes().text;
          const log = browserLog();
          await call('DELETE', s, undefined, 10_000).catch(() => {});
          retire(driver);
          if (e.engine) throw e;
          throw new EngineError(`${e.message} (while the WebKit session was set up; ${state}${log ? `; browser log: ${log}` : ''})`,
            `the WebKit session failed while it was set up (${line(e.message, 120)}; ${state}${log ? `; browser log: ${line(log, 200)}` : ''})`);
        }
      };
      await setUp(() => call('POST', `${s}/timeouts`, { script: 600_000, pageLoad: 60_000 }));
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
      await setUp(() => size(opts.viewport));
      const round = (v) => Math.round(v);
      let pressed = false;
      const pointer = (type, actions) => call('POST', `${s}/actions`, { actions: [{ type: 'pointer', id: type, parameters: { pointerType: type }, actions }] });
      return {
        goto: (url) => call('POST', `${s}/url`, { url }),
        url: () => call('GET', `${s}/url`),
        async evaluate(src, arg, timeout) {
          const r = await call('POST', `${s}/execute/async`, {
            script: `const done = arguments[arguments.length - 1];
              Promise.resolve().then(() => (${src})(arguments[0])).then(
                (v) => done({ ok: v === undefined ? null : v }),
                (e) => done({ err: String(e && e.message || e) }));`,
            args: [arg],
          }, timeout);
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
        /**
         * Whether the session answers (its URL, from the browser) and the page answers a
         * script (from the web process), with MiniBrowser's processes and its log: `down`
         * says why the engine cannot go on, or is null.
         */
        async health() {
          let session = 'answers';
          let down = null;
          if (dead) { session = `dead (${dead})`; down = `the WebKit session died: ${dead}`; } else {
            try {
              await call('GET', `${s}/url`, undefined, 10_000);
              try {
                await call('POST', `${s}/execute/sync`, { script: 'return document.readyState', args: [] }, 10_000);
              } catch (e) {
                session = `answers, but its page does not run a script (${line(e.message, 150)})`;
                if (e.engine) down = e.why;
              }
            } catch (e) {
              session = `does not answer (${line(e.message, 150)})`;
              down = e.engine ? e.why : `the session does not answer: ${line(e.message, 100)}`;
            }
          }
          const p = processes();
          if (!down && !p.web.length) down = 'MiniBrowser has no web process';
          const log = browserLog();
          const kernel = kernelSays(since);
          return { down, text: `webkit session ${session}; ${p.text}; browser log: ${log || 'nothing'} (${driver.log})${kernel ? `; kernel: ${kernel}` : ''}` };
        },
        async close() {
          // A context closes every page it opened, also one the test closed already.
          if (closed) return;
          closed = true;
          if (!dead && pressed) await call('DELETE', `${s}/actions`, undefined, 30_000).catch(() => {});
          const deleted = dead ? false : await call('DELETE', s, undefined, 30_000).then(() => true, () => false);
          // A session that died, failed or would not close leaves its driver unusable for the
          // next page (it holds one session at a time) or a web process behind: that driver is
          // ended, the next page gets a new one.
          if (!deleted || broken) retire(driver);
          driver.busy = false;
        },
      };
    },
    async close() {
      for (const pool of drivers.values()) {
        for (const { proc } of pool) {
          if (!proc) continue;
          try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* gone */ }
        }
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------

/** Every context open now, in this process (support.mjs's `test` closes a failed attempt's). */
export const openContexts = new Set();

/** A browser of this process's engine: `newContext(options)` / `newPage(options)`, `close()`. */
export async function launch() {
  const impl = await ({ chromium: chromiumBrowser, firefox: firefoxBrowser, webkit: webkitBrowser })[ENGINE]();
  const browser = {
    engine: ENGINE,
    /** Options as Playwright's: viewport, deviceScaleFactor, isMobile, hasTouch, colorScheme, reducedMotion. */
    async newContext(options = {}) {
      const opts = { viewport: { width: 1000, height: 1000 }, ...options };
      const pages = [];
      const context = {
        async newPage() {
          const p = new Page(await impl.newPage(opts), ENGINE);
          pages.push(p);
          return p;
        },
        async close() {
          openContexts.delete(context);
          for (const p of pages) await p.close();
        },
      };
      openContexts.add(context);
      return context;
    },
    async newPage(options) { return (await browser.newContext(options)).newPage(); },
    close: () => impl.close(),
  };
  return browser;
}
