//! The JavaScript the figures need beside web-sys, in one small module (one file for the
//! page to fetch): turning `contours()`' flat arrays into GeoJSON-like objects, adding a
//! batch's recorded path to a canvas in one call, timing the draws, setting a readout's text
//! (or a table's changed cells) or a field's value in one call, and writing `data-state`
//! with its `gdviz-change` event.

use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen(inline_js = r#"
export function gdvizNestContours(values, coords, counts) {
  const out = new Array(values.length);
  let c = 0, p = 0;
  for (let t = 0; t < values.length; t++) {
    const np = counts[c++];
    const polygons = new Array(np);
    for (let i = 0; i < np; i++) {
      const nr = counts[c++];
      const rings = new Array(nr);
      for (let r = 0; r < nr; r++) {
        const n = counts[c++];
        const ring = new Array(n);
        for (let k = 0; k < n; k++, p += 2) ring[k] = [coords[p], coords[p + 1]];
        rings[r] = ring;
      }
      polygons[i] = rings;
    }
    out[t] = { type: "MultiPolygon", value: values[t], coordinates: polygons };
  }
  return out;
}
export function gdvizPath(ctx, ops) {
  // A batch's path, recorded in wasm and added here in one call (see backend.rs's `Path`):
  // 0 moveTo x y, 1 lineTo x y, 2 rect x y w h, 3 closePath.
  const n = ops.length;
  for (let i = 0; i < n;) {
    switch (ops[i]) {
      case 0: ctx.moveTo(ops[i + 1], ops[i + 2]); i += 3; break;
      case 1: ctx.lineTo(ops[i + 1], ops[i + 2]); i += 3; break;
      case 2: ctx.rect(ops[i + 1], ops[i + 2], ops[i + 3], ops[i + 4]); i += 5; break;
      default: ctx.closePath(); i += 1;
    }
  }
}
export function gdvizNow() {
  return typeof performance === 'undefined' ? NaN : performance.now();
}
export function gdvizSetText(el, text) {
  // One call for what were four (firstChild, nodeType, nextSibling, nodeValue): see
  // dom::set_text.
  const n = el.firstChild;
  if (text !== '' && n !== null && n.nodeType === 3 && n.nextSibling === null) n.nodeValue = text;
  else el.textContent = text;
}
export function gdvizSetTexts(cells, changed, texts) {
  // A table's changed cells in one call (see ui.rs's TableDom::update): cells[changed[i]]
  // gets the i-th of the texts, which are joined by U+001F.
  const parts = texts.split('\u001f');
  for (let i = 0; i < changed.length; i++) gdvizSetText(cells[changed[i]], parts[i]);
}
export function gdvizSetValue(el, v) {
  // One call for what were up to eight (see ui.rs's set_value): a select's value; an
  // input's, unless the reader is editing it (a range being dragged, a focused field, or one
  // whose text was refused).
  if (el instanceof HTMLSelectElement) {
    if (el.value !== v) el.value = v;
    return;
  }
  if (!(el instanceof HTMLInputElement) || el.value === v) return;
  // The focus as the field's own tree has it: inside a shadow root, document.activeElement
  // is the host.
  const root = el.getRootNode();
  const focused = (root && 'activeElement' in root ? root.activeElement : document.activeElement) === el;
  const editing = el.type === 'range'
    ? el.matches(':active')
    : focused || el.hasAttribute('aria-invalid');
  if (!editing) el.value = v;
}
export function gdvizMeasure(name, start) {
  // A measure from a time, not from a mark: performance.mark() cost 0.1–0.2 ms in a
  // frame in Chromium, all of it inside the measure it starts.
  if (typeof performance === 'undefined' || !(start >= 0)) return;
  try { performance.measure(name, { start }); } catch { /* User Timing level 2 only */ }
}
export function gdvizWriteState(el, text) {
  el.setAttribute('data-state', text);
  const event = new CustomEvent('gdviz-change', { bubbles: true, composed: true });
  let value, parsed = false;
  Object.defineProperty(event, 'detail', {
    configurable: true,
    enumerable: true,
    get() {
      if (!parsed) {
        parsed = true;
        try { value = JSON.parse(text); } catch { value = null; }
      }
      return value;
    },
  });
  queueMicrotask(() => el.dispatchEvent(event));
}
"#)]
extern "C" {
    /// `[{type: "MultiPolygon", value, coordinates}]` from the rings' flat coordinates and
    /// counts (see `contours.rs`).
    #[wasm_bindgen(js_name = gdvizNestContours)]
    pub fn nest(values: &[f64], coords: &[f64], counts: &[u32]) -> JsValue;

    /// Adds the path `ops` records to `ctx`'s current path (see `backend::Path`).
    #[wasm_bindgen(js_name = gdvizPath)]
    pub fn path(ctx: &web_sys::CanvasRenderingContext2d, ops: &[f64]);

    /// `performance.now()`, or NaN without `performance`.
    #[wasm_bindgen(js_name = gdvizNow)]
    pub fn now() -> f64;

    /// Sets `el`'s text to `text` (see `dom::set_text`).
    #[wasm_bindgen(js_name = gdvizSetText)]
    pub fn set_text(el: &web_sys::Element, text: &str);

    /// Sets the text of `cells[changed[i]]` to the `i`-th of `texts`' parts joined by U+001F,
    /// each as [`set_text`] does.
    #[wasm_bindgen(js_name = gdvizSetTexts)]
    pub fn set_texts(cells: &js_sys::Array, changed: &[u32], texts: &str);

    /// Sets a select's or an input's value to `v` unless it has it or the reader is editing
    /// it (see `ui::set_value`).
    #[wasm_bindgen(js_name = gdvizSetValue)]
    pub fn set_value(el: &Element, v: &str);

    /// Adds the User Timing measure `name` from `start` (a [`now`]) to now; nothing if the
    /// browser has no `performance` or no measure options (User Timing level 3).
    #[wasm_bindgen(js_name = gdvizMeasure)]
    pub fn measure(name: &str, start: f64);

    /// Sets `data-state` to `text` and dispatches `gdviz-change` in a microtask, its `detail`
    /// parsed from `text` when first read (see `dom::write_state`).
    #[wasm_bindgen(js_name = gdvizWriteState)]
    pub fn write_state(el: &Element, text: &str);
}

#[wasm_bindgen]
extern "C" {
    /// A mouse or pointer event, read for its position as the double CSSOM View makes it.
    /// web-sys binds `clientX` and `clientY` as the older `long`, which truncates: Firefox
    /// reports a pointer placed at y = 500 as 499.8 at some device pixel ratios, and truncated
    /// it lands a whole CSS pixel away from the same pointer's next event at 500.
    pub type ClientPoint;

    /// `clientX`, fractional.
    #[wasm_bindgen(method, getter, js_name = clientX)]
    pub fn client_x(this: &ClientPoint) -> f64;

    /// `clientY`, fractional.
    #[wasm_bindgen(method, getter, js_name = clientY)]
    pub fn client_y(this: &ClientPoint) -> f64;
}
