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
import init, { Handle, checkOptions, mount, mountAll, mounted, mounting as queueDrained, schedule, unmount, update } from './gdviz.js';

// Written as `new URL('./file', import.meta.url)` literally: bundlers (Vite, Rollup,
// webpack 5, Parcel) then emit the file and rewrite the URL to its hashed name, and served
// unbundled it resolves beside this file.
const WASM = new URL('./gdviz_bg.wasm', import.meta.url);
const CSS = new URL('./gdviz.css', import.meta.url);

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
  checkOptions(el, Object.keys(options), Object.values(options).map(String));
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

// Every handle `mount()` returns can set options too.
Handle.prototype.set = function set(options) {
  const el = this.element;
  if (!el) throw new Error('gdviz: set(): this widget was destroyed');
  setOptions(el, options);
};

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
    for (const r of records) {
      if (r.type === 'attributes') {
        // A script changed an option of a mounted figure: rebuilt from its options now.
        if (r.target.hasAttribute('data-gdviz-mounted') && r.target.getAttribute(r.attributeName) !== r.oldValue) changed.add(r.target);
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
    loaded.then(() => { if (this.isConnected) schedule(this); });
  }

  disconnectedCallback() {
    loaded.then(() => { if (!this.isConnected) unmount(this); });
  }

  attributeChangedCallback(name, old, value) {
    if (old !== value && this.hasAttribute('data-gdviz-mounted')) rebuild(this);
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
// Instantiating the module schedules every [data-gdviz] element already on the page; `ready`
// resolves once all of them (lazy ones aside) have mounted.
const loaded = init({ module_or_path: WASM });
const ready = loaded.then(() => {
  watch();
  return queueDrained();
});

/** Resolves once every figure scheduled so far (lazy ones aside) has mounted and drawn whole (its `data-state` written). */
function mounting() {
  return loaded.then(() => queueDrained());
}
// Defined once, whichever copy of the loader runs first.
if (!customElements.get('gdviz-figure')) customElements.define('gdviz-figure', GdvizFigure);

export { ready, mount, mountAll, mounted, mounting, unmount, update };
