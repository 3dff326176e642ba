// gdviz embed loader. One line in any page:
//   <script type="module" src="PATH/gdviz-embed.js"></script>
// then <div data-gdviz="contour" data-fn="bowl" data-x="3" data-y="4"></div> wherever a figure goes.
// Everything is loaded relative to this file, so the folder can be copied anywhere.
//
// Figures inserted later (a single-page app's client-side navigation, a script) mount by
// themselves, and figures whose elements leave the document are destroyed: nothing to call.
import init, { mount, mountAll, mounted, unmount } from './gdviz.js';

const here = new URL('.', import.meta.url);

function linkStylesheet() {
  const href = new URL('gdviz.css', here).href;
  if ([...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.dataset.gdvizStyles = '';
  document.head.appendChild(link);
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
    for (const r of records) {
      for (const n of r.removedNodes) for (const el of figuresIn(n)) removed.add(el);
      for (const n of r.addedNodes) {
        // A widget's own DOM (its canvases, controls, tables) is not a figure.
        if (n.nodeType === Node.ELEMENT_NODE && !n.matches('[data-gdviz]') && n.closest('[data-gdviz-mounted]')) continue;
        for (const el of figuresIn(n)) if (el.isConnected) mount(el);
      }
    }
    for (const el of removed) if (!el.isConnected) unmount(el);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}

linkStylesheet();
// Instantiating the module mounts every [data-gdviz] element already on the page.
const ready = init({ module_or_path: new URL('gdviz_bg.wasm', here) }).then(() => {
  mountAll();
  watch();
});

export { ready, mount, mountAll, mounted, unmount };
