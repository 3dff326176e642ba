// The iframe embed: embed.html?kind=contour&x=3&y=4 shows one widget alone, for blogs that
// allow iframes but not scripts. Every query parameter but `kind` becomes the data-* option of
// the same name. The frame tells its parent page how tall it is, so the parent can size it:
//   window.addEventListener('message', (e) => { if (e.data?.gdvizHeight) frame.style.height = e.data.gdvizHeight + 'px'; });
const params = new URLSearchParams(window.location.search);
const figure = document.getElementById('figure');
figure.setAttribute('data-gdviz', params.get('kind') ?? '');
for (const [key, value] of params) {
  // Only plain option names; anything else could not be an attribute name anyway.
  if (key !== 'kind' && /^[a-z][a-z0-9-]{0,40}$/.test(key)) figure.setAttribute(`data-${key}`, value);
}

function reportHeight() {
  // The content's own height: scrollHeight would never shrink below the frame's current height.
  window.parent?.postMessage({ gdvizHeight: Math.ceil(document.documentElement.getBoundingClientRect().height), gdvizKind: params.get('kind') }, '*');
}

// The loader after the figure has its kind: it then fetches only the module of that kind's family.
const { ready, mount } = await import('./gdviz-embed.js');
ready.then(() => {
  mount(figure);
  new ResizeObserver(reportHeight).observe(document.body);
  reportHeight();
});
