// gdviz embed loader. One line in any page:
//   <script type="module" src="PATH/gdviz-embed.js"></script>
// then <div data-gdviz="contour" data-fn="bowl" data-x="3" data-y="4"></div> wherever a figure goes.
// Everything is loaded relative to this file, so the folder can be copied anywhere.
import init, { mount, mountAll } from './gdviz.js';

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

linkStylesheet();
// Instantiating the module mounts every [data-gdviz] element already on the page.
const ready = init({ module_or_path: new URL('gdviz_bg.wasm', here) }).then(() => mountAll());

export { ready, mount, mountAll };
