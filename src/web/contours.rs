//! `contours(values, width, height, thresholds)`: filled contours for JavaScript, with
//! d3-contour's semantics and output shape (see [`crate::math::isorings`]).
//!
//! ```js
//! import init, { contours } from "./gdviz.js";
//! await init();
//! const polys = contours(values, 256, 256, new Float64Array([0.5, 1, 2]));
//! // polys[i] = { type: "MultiPolygon", value, coordinates: [[[[x, y], …], …], …] }
//! ```
//!
//! The rings are computed in Rust into two flat arrays (coordinates and counts) and turned
//! into nested JavaScript arrays by one small JavaScript function, so the result crosses
//! the wasm boundary once instead of once per point.

use super::js::nest;
use crate::math::isorings::Contours;
use wasm_bindgen::prelude::*;

/// For each threshold (sorted ascending, as d3 sorts them), the MultiPolygon enclosing the
/// grid values ≥ threshold: `d3.contours().size([width, height]).thresholds(thresholds)(values)`.
/// `values` is row-major; a missing value (array shorter than `width × height`) or NaN counts
/// as below every threshold, as in d3.
///
/// # Errors
/// Throws on a negative or non-finite size, a grid too large to index, or a NaN threshold
/// (d3: "invalid size", "invalid value").
#[wasm_bindgen]
pub fn contours(
    values: &[f64],
    width: f64,
    height: f64,
    thresholds: &[f64],
) -> Result<JsValue, JsError> {
    let (w, h) = (width.floor(), height.floor());
    if !(w >= 0.0 && h >= 0.0 && w.is_finite() && h.is_finite()) {
        return Err(JsError::new(&format!("invalid size: {width} × {height}")));
    }
    let (w, h) = (w as usize, h as usize);
    let cells = w
        .checked_mul(h)
        .ok_or_else(|| JsError::new("the grid is too large"))?;
    let padded: Vec<f64>;
    let grid = if values.len() == cells {
        values
    } else {
        padded = (0..cells)
            .map(|i| values.get(i).copied().unwrap_or(f64::NAN))
            .collect();
        &padded
    };
    if let Some(t) = thresholds.iter().find(|t| t.is_nan()) {
        return Err(JsError::new(&format!("invalid value: {t}")));
    }
    let mut extract = Contours::new(grid, w, h).map_err(|e| JsError::new(&e))?;
    let all = extract.contours(thresholds);
    let mut coords = Vec::new();
    let mut counts = Vec::new();
    for m in &all {
        counts.push(m.polygons.len() as u32);
        for polygon in &m.polygons {
            counts.push(polygon.len() as u32);
            for ring in polygon {
                counts.push(ring.len() as u32);
                coords.extend_from_slice(ring.as_flattened());
            }
        }
    }
    let sorted: Vec<f64> = all.iter().map(|m| m.value).collect();
    Ok(nest(&sorted, &coords, &counts))
}
