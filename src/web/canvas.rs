//! Canvases sized for the device pixel ratio, with a cached background layer.
//!
//! plotters-canvas draws in backing-store pixels and knows nothing of `devicePixelRatio`:
//! the backing store is sized CSS size × DPR here, and figures scale fonts and line widths
//! by the same ratio, so lines and text are crisp on hi-DPI screens.

use super::error::{Error, Result};
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// A 2-D context for a canvas.
pub fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or_else(|| Error::dom("this browser gave no 2-D canvas context"))
}

/// The device pixel ratio, at least 1 and at most 4.
pub fn pixel_ratio() -> f64 {
    super::dom::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 4.0)
}

/// Resizes a canvas's backing store (only when it changed, since resizing clears it).
pub fn set_backing_size(canvas: &HtmlCanvasElement, width: u32, height: u32) -> bool {
    if canvas.width() == width && canvas.height() == height {
        return false;
    }
    canvas.set_width(width);
    canvas.set_height(height);
    true
}

/// Puts RGBA pixels at (x, y) of the canvas.
pub fn put_rgba(ctx: &CanvasRenderingContext2d, rgba: &[u8], width: u32, x: f64, y: f64) -> Result {
    if width == 0 || rgba.is_empty() {
        return Ok(());
    }
    let height = (rgba.len() / 4) as u32 / width;
    let data = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), width, height)
        .map_err(|_| Error::dom("cannot create image data"))?;
    ctx.put_image_data(&data, x, y)
        .map_err(|_| Error::dom("cannot put image data"))
}
