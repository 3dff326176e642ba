// gdviz embed loader. One line in any page:
//   <script type="module" src="PATH/gdviz-embed.js"></script>
// then <div data-gdviz="contour" data-fn="bowl" data-x="3" data-y="4"></div> wherever a figure goes.
// Everything is loaded relative to this file, so the folder can be copied anywhere.
//
// Figures inserted later (a single-page app's client-side navigation, a script) mount by
// themselves, and figures whose elements leave the document are destroyed: nothing to call.
//
// Loading: each figure's element has its final height before the module arrives (gdviz.css;
// link it in the page's <head> so it applies from the first paint), figures mount one per
// task nearest the viewport first, and a figure with data-loading="lazy" (loading="lazy" on
// <gdviz-figure>) mounts once it comes within a viewport of being seen, its group with it.
//
// What a page fetches: the module with every kind (gdviz.js and gdviz_bg.wasm), or, when every
// figure on the page at load is of one family of kinds, that family's smaller module
// (modules/FAMILY/). A figure of another family added later fetches its family's module too;
// each figure is mounted by the one module that has its kind, and every export below speaks
// for all of them.

/**
 * The families of kinds (Cargo.toml's features: a test checks they match). Kinds a
 * `data-group` links are in one family, so a group is always in one module. Each import and
 * URL is written out literally, so bundlers emit every module and load it only when asked.
 */
const FAMILIES = {
  calculus: ['contour', 'sinusoid', 'norms', 'descent-1d', 'regularization'],
  surfaces: ['bowl', 'input-plane'],
  race: ['trajectory', 'landscape', 'momentum-map'],
  network: ['mlp', 'loss-slice', 'cost', 'minibatch'],
};
const MODULES = {
  all: () => [import('./gdviz.js'), new URL('./gdviz_bg.wasm', import.meta.url)],
  calculus: () => [import('./modules/calculus/gdviz.js'), new URL('./modules/calculus/gdviz_bg.wasm', import.meta.url)],
  surfaces: () => [import('./modules/surfaces/gdviz.js'), new URL('./modules/surfaces/gdviz_bg.wasm', import.meta.url)],
  race: () => [import('./modules/race/gdviz.js'), new URL('./modules/race/gdviz_bg.wasm', import.meta.url)],
  network: () => [import('./modules/network/gdviz.js'), new URL('./modules/network/gdviz_bg.wasm', import.meta.url)],
};
// Written as `new URL('./file', import.meta.url)` literally (here and above): bundlers (Vite,
// Rollup, webpack 5, Parcel) then emit the file and rewrite the URL to its hashed name, and
// served unbundled it resolves beside this file.
const CSS = new URL('./gdviz.css', import.meta.url);

/** The kind an element names (`data-gdviz`, or `kind` on `<gdviz-figure>`). */
function kindOf(el) {
  return ((el.localName === 'gdviz-figure' ? el.getAttribute('kind') : el.getAttribute('data-gdviz')) ?? '').trim();
}

/** The family of `kind`, or undefined if it is no kind (any module says so in the figure). */
function familyOf(kind) {
  return Object.keys(FAMILIES).find((f) => FAMILIES[f].includes(kind));
}

// The modules this loader runs schedule only the figures it gives them (a module instantiated
// without it, such as the raw module imported for `contours()`, leaves the page's figures alone
// while this is set; Trunk's demo page, without the loader, has its module schedule them).
globalThis.__gdvizLoader = true;

/** Modules fetched or being fetched, by name: promises of their exports once instantiated, or of null if they could not be loaded. */
const modules = new Map();
/** The modules instantiated, by name. */
const instantiated = new Map();
/** Modules that could not be loaded: their families' figures go to the module with every kind. */
const failed = new Set();
/** The module chosen for the page's figures at load (see `started`). */
let primary;

/** Fetches and instantiates the module `name` once. */
function use(name) {
  if (!modules.has(name)) {
    const [glue, wasm] = MODULES[name]();
    // The wasm is fetched while the glue arrives, not after. (Handled here too, so that a
    // failed fetch whose glue also failed is not an unhandled rejection: init still sees it.)
    const response = fetch(wasm);
    response.catch(() => {});
    modules.set(name, glue.then(async (m) => {
      await m.default({ module_or_path: response });
      // Every handle `mount()` returns can set options too.
      m.Handle.prototype.set = setHandleOptions;
      instantiated.set(name, m);
      return m;
    }).catch((e) => {
      failed.add(name);
      console.error(`gdviz: the module ${name === 'all' ? 'gdviz_bg.wasm' : `modules/${name}/`} could not be loaded:`, e);
      return null;
    }));
  }
  return modules.get(name);
}

/**
 * The module that mounts figures of `kind`: the module with every kind if the page started with
 * it, else the kind's family's (or, if that could not be loaded, the one with every kind). A
 * name that is no kind goes to the page's first module, which says so in the figure.
 */
function moduleFor(kind) {
  if (primary === 'all') return 'all';
  const family = familyOf(kind);
  if (family) return failed.has(family) ? 'all' : family;
  return primary ?? 'all';
}

/** The instantiated module that has `el`'s figure (mounted, or waiting to mount), if any. */
function owner(el) {
  for (const m of instantiated.values()) if (m.owns(el)) return m;
  return undefined;
}

/** Figures waiting for their module to arrive. */
const pending = new Set();

/**
 * Schedules `el` in the module of its kind: at once if that module is instantiated (so a
 * `mounting()` called next waits for it), else once it is fetched (`mounting()` waits for
 * modules being fetched too). A figure unmounted, removed or given another family's kind
 * meanwhile is not mounted there.
 */
function schedule(el) {
  if (primary === undefined) {
    started.then(() => schedule(el));
    return;
  }
  const name = moduleFor(kindOf(el));
  const m = instantiated.get(name);
  if (m) {
    m.schedule(el);
    return;
  }
  if (failed.has(name)) {
    showFailure(el);
    return;
  }
  pending.add(el);
  use(name).then(() => {
    if (!pending.delete(el) || !el.isConnected) return;
    // Its kind now, and the module's success, decide again.
    schedule(el);
  });
}

/**
 * A figure no module could be loaded for says so in itself, in its `data-state` (as a figure
 * that cannot start does) and with `gdviz-error`.
 */
function showFailure(el) {
  if (el.querySelector(':scope > .gdviz-load-error')) return;
  const error = 'this figure could not load its module (gdviz_bg.wasm): check that the gdviz folder is complete and served';
  const p = document.createElement('p');
  p.className = 'gdviz-load-error';
  p.setAttribute('role', 'alert');
  p.textContent = `${error[0].toUpperCase()}${error.slice(1)}.`;
  el.append(p);
  const detail = { kind: kindOf(el), error, attribute: null };
  el.dataset.state = JSON.stringify(detail);
  el.dispatchEvent(new CustomEvent('gdviz-error', { bubbles: true, composed: true, detail }));
}

function linkStylesheet() {
  const href = CSS.href;
  if ([...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.dataset.gdvizStyles = '';
  document.head.appendChild(link);
}

/** Every option a figure takes, by its name without `data-` (README: Kinds and options). */
const OPTIONS = ['fn', 'x', 'y', 'lr', 'steps', 'theta', 'gx', 'gy', 'yaw', 'pitch', 'n', 'view',
  'held', 'target', 'weights', 'iters', 'iter', 'paths', 'batch', 'seed', 'w', 'b', 'resamples',
  'beta', 'alpha', 'beta1', 'beta2', 'eps', 'kappa', 't', 'a', 'd', 'group', 'theme'];

/**
 * Sets options of the mounted figure `el` (names without `data-`, as in the attributes):
 * all of them or, if one is unknown or unusable, none (an `Error` names it). The figure is
 * rebuilt from its options within the frame, as when its attributes change.
 */
function setOptions(el, options) {
  for (const name of Object.keys(options)) {
    if (!OPTIONS.includes(name)) throw new Error(`gdviz: set(): there is no option "${name}"; the options are: ${OPTIONS.join(', ')}`);
  }
  // Checked by the module of its kind (the figure's own, unless its kind just changed family);
  // before that module has arrived, the figure says what it refuses once it mounts.
  (instantiated.get(moduleFor(kindOf(el))) ?? owner(el))?.checkOptions(el, Object.keys(options), Object.values(options).map(String));
  const plain = el.localName === 'gdviz-figure';
  for (const [name, value] of Object.entries(options)) el.setAttribute(plain ? name : `data-${name}`, String(value));
  // Rebuilt from its options even where an attribute already had the value: the figure may
  // have moved away from it (a dragged point), and set() puts it back.
  rebuild(el);
}

/**
 * Rebuilds the mounted figure `el` from its options once, in a microtask: several options
 * changed in one task (a framework's render, a set()) make one rebuild.
 */
function rebuild(el) {
  if (el.gdvizPending) return;
  el.gdvizPending = true;
  queueMicrotask(() => {
    el.gdvizPending = false;
    if (el.isConnected && el.hasAttribute('data-gdviz-mounted')) update(el);
  });
}

function setHandleOptions(options) {
  const el = this.element;
  if (!el) throw new Error('gdviz: set(): this widget was destroyed');
  setOptions(el, options);
}

/**
 * Mounts the figure `el` names now, if the module of its kind is instantiated, and returns
 * its handle (its existing one if it is mounted); otherwise `undefined`, and the figure
 * mounts once its module arrives (`mounting()` resolves after).
 */
function mount(el) {
  const m = owner(el) ?? instantiated.get(moduleFor(kindOf(el)));
  if (m) return m.mount(el);
  schedule(el);
  return undefined;
}

/** Mounts every figure of the document not mounted yet, in every module in use; returns how many. */
function mountAll() {
  let count = 0;
  // The module with every kind, when it stands in for a family's module that could not be
  // fetched, mounts only what is routed to it (below): it would take the other families' too.
  for (const [name, m] of instantiated) if (name !== 'all' || primary === 'all') count += m.mountAll();
  // Figures of a family no module in use has: fetched and mounted by theirs.
  for (const el of document.querySelectorAll('[data-gdviz]')) {
    if (!el.hasAttribute('data-gdviz-mounted') && !owner(el)) schedule(el);
  }
  return count;
}

/** How many widgets are mounted now, in every module. */
function mounted() {
  let count = 0;
  for (const m of instantiated.values()) count += m.mounted();
  return count;
}

/** Destroys the widget mounted in `el`, if there is one; true if there was. */
function unmount(el) {
  pending.delete(el);
  let found = false;
  for (const m of instantiated.values()) found = m.unmount(el) || found;
  return found;
}

/**
 * Rebuilds the mounted figure `el` from its options now (false if it is not mounted). If its
 * kind changed to one its module lacks, the module of the new kind mounts it instead.
 */
function update(el) {
  const m = owner(el);
  if (!m) return false;
  const kind = kindOf(el);
  if (!familyOf(kind) || instantiated.get(moduleFor(kind)) === m) return m.update(el);
  m.unmount(el);
  schedule(el);
  return true;
}

/** A figure waiting to mount whose kind changed: taken from its queue and scheduled by kind again. */
function reschedule(el) {
  if (el.hasAttribute('data-gdviz-mounted')) return;
  unmount(el);
  schedule(el);
}

/** The `[data-gdviz]` elements at or under `node`. */
function figuresIn(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) return [];
  const found = [...node.querySelectorAll('[data-gdviz]')];
  if (node.matches('[data-gdviz]')) found.unshift(node);
  return found;
}

/**
 * Watches the document: added `[data-gdviz]` elements mount, removed ones are destroyed
 * (listeners, observers, frame loop, group membership and link registration let go). An
 * element moved (removed and inserted again in one go, as frameworks do) stays mounted.
 */
function watch() {
  const observer = new MutationObserver((records) => {
    const removed = new Set();
    const changed = new Set();
    const rescheduled = new Set();
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.target.getAttribute(r.attributeName) === r.oldValue) continue;
        // A script changed an option of a mounted figure: rebuilt from its options now.
        if (r.target.hasAttribute('data-gdviz-mounted')) changed.add(r.target);
        // The kind of a figure still waiting to mount: the module of the new kind takes it.
        else if (r.attributeName === 'data-gdviz' && r.target.isConnected) rescheduled.add(r.target);
        continue;
      }
      for (const n of r.removedNodes) for (const el of figuresIn(n)) removed.add(el);
      for (const n of r.addedNodes) {
        // A widget's own DOM (its canvases, controls, tables) is not a figure.
        if (n.nodeType === Node.ELEMENT_NODE && !n.matches('[data-gdviz]') && n.closest('[data-gdviz-mounted]')) continue;
        for (const el of figuresIn(n)) if (el.isConnected) schedule(el);
      }
    }
    for (const el of removed) if (!el.isConnected) unmount(el);
    for (const el of changed) rebuild(el);
    for (const el of rescheduled) reschedule(el);
  });
  observer.observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributeOldValue: true,
    attributeFilter: ['data-gdviz', ...OPTIONS.map((o) => `data-${o}`)],
  });
}

/**
 * `<gdviz-figure kind="contour" fn="bowl" x="3" y="4">`: the same options as the `data-*`
 * attributes, without the prefix. Mounts when connected, is destroyed when disconnected (a
 * move within one task keeps it), mounts again when reconnected; an option changed on it
 * rebuilds it within the frame. It carries `data-state`, and has the handle's methods.
 */
class GdvizFigure extends HTMLElement {
  static observedAttributes = ['kind', ...OPTIONS];

  connectedCallback() {
    started.then(() => { if (this.isConnected) schedule(this); });
  }

  disconnectedCallback() {
    started.then(() => { if (!this.isConnected) unmount(this); });
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (this.hasAttribute('data-gdviz-mounted')) rebuild(this);
    else if (name === 'kind' && this.isConnected && primary !== undefined) reschedule(this);
  }

  /** Sets options (names as the attributes'): all, or none with an `Error` naming the bad one. */
  set(options) { setOptions(this, options); }

  /** Does what the figure's button `name` does; throws an Error for a name it lacks. */
  action(name) {
    const handle = this.hasAttribute('data-gdviz-mounted') ? mount(this) : undefined;
    if (!handle) throw new Error(`gdviz: action("${name}"): this figure is not mounted`);
    handle.action(name);
  }

  /** Removes the figure (it mounts again if the element is reconnected). */
  destroy() { unmount(this); }

  /** The figure's `data-state`, as an object (at most 100 ms old while a motion plays). */
  get state() { return this.dataset.state ? JSON.parse(this.dataset.state) : undefined; }
}

linkStylesheet();

/** The figures in the document now (`[data-gdviz]` and `<gdviz-figure>`). */
function figuresNow() {
  return [...document.querySelectorAll('[data-gdviz], gdviz-figure')];
}

/**
 * Once the document is parsed: the module for the figures on the page (their family's if
 * they are all of one, else the one with every kind, also for a page with none yet: `mount()`
 * then works at once for any kind). Instantiating it schedules them.
 */
const started = new Promise((resolve) => {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', resolve, { once: true });
  else resolve();
}).then(() => {
  // Lazy figures count too: a figure of another family fetches its family's module at once
  // (it then mounts when it comes near), so the module with every kind serves such a page.
  const families = new Set(figuresNow().map((el) => familyOf(kindOf(el))).filter(Boolean));
  primary = families.size === 1 ? [...families][0] : 'all';
  watch();
  return use(primary).then((m) => {
    if (m) {
      m.scheduleAll();
      return;
    }
    // A family's module could not be loaded: the module with every kind mounts its figures.
    for (const el of figuresNow()) if (!el.hasAttribute('data-gdviz-mounted')) schedule(el);
  });
});

/** Resolves once every figure scheduled so far (lazy ones aside), in every module, has mounted and drawn whole (its `data-state` written). */
function mounting() {
  return started.then(async function settle() {
    const inUse = [...modules.values()];
    const ms = (await Promise.all(inUse)).filter(Boolean);
    await Promise.all(ms.map((m) => m.mounting()));
    // A module fetched meanwhile (a figure of another family added): wait for it too.
    if (modules.size !== inUse.length) return settle();
    return undefined;
  });
}
// `ready` resolves once every figure on the page (lazy ones aside) has mounted.
const ready = mounting();

// Defined once, whichever copy of the loader runs first.
if (!customElements.get('gdviz-figure')) customElements.define('gdviz-figure', GdvizFigure);

export { ready, mount, mountAll, mounted, mounting, unmount, update };
