//! The JavaScript the figures need beside web-sys, in one small module (one file for the
//! page to fetch): turning `contours()`' flat arrays into GeoJSON-like objects, and writing
//! `data-state` with its `gdviz-change` event.

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

    /// Sets `data-state` to `text` and dispatches `gdviz-change` in a microtask, its `detail`
    /// parsed from `text` when first read (see `dom::write_state`).
    #[wasm_bindgen(js_name = gdvizWriteState)]
    pub fn write_state(el: &Element, text: &str);
}
