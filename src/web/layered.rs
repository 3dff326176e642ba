//! A canvas sized for the device pixel ratio with an off-screen copy of its static layer,
//! and the RGBA fill of contour-style plots.

use super::backend::{Canvas, Screen};
use super::canvas::{self, context};
use super::dom;
use super::error::{Error, Result};
use crate::figures::contour_plot::Fill;
use crate::figures::damage::Damage;
use crate::figures::widget::Trail;
use crate::figures::PlotArea;
use plotters::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// True (once) if a canvas drew its static layer on screen and could not copy it off screen
/// at once: the frame loop then asks for one more frame, which draws the copy.
pub fn take_copy_pending() -> bool {
    COPY_PENDING.with(|c| c.replace(false))
}

thread_local! {
    /// Set when a [`LayeredCanvas`] drew its static layer on screen and still has to make
    /// its off-screen copy; [`FrameLoop::run`] then asks for one more frame.
    static COPY_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// True (once) if a canvas drew its static layer alone in the first frame and left the rest
/// of that frame for later (see [`LayeredCanvas::defer_first`]).
pub fn take_deferred() -> bool {
    DEFERRED.with(|c| c.replace(false))
}

thread_local! {
    /// Set when a [`LayeredCanvas`] drew its first static layer and deferred the rest.
    static DEFERRED: Cell<bool> = const { Cell::new(false) };
}

/// Where a [`LayeredCanvas`]'s static layer is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Static {
    /// Never drawn: the first frame after the page loads.
    New,
    /// Drawn straight onto the visible canvas in the first frame, alone: the frame's trail
    /// and overlay, and the off-screen copy, wait for the next frame (see
    /// [`LayeredCanvas::defer_first`]).
    Fresh,
    /// Drawn straight onto the visible canvas in the first frame, under the overlay; the
    /// off-screen copy could not be made from it and is still to be drawn.
    OnScreen,
    /// Drawn on the visible canvas in this frame and copied off screen at once: this
    /// frame's overlay goes straight on top, later frames copy it as [`Static::Cached`].
    Copied,
    /// Out of date (resized, or the figure changed).
    Stale,
    /// In the off-screen canvas, copied under each frame's overlay.
    Cached,
    /// Drawn straight onto the visible canvas in this frame only, the off-screen copy left
    /// out of date: the layer changes frame after frame (a drag that rescales a chart's
    /// axes), and copying it off screen would only force a second raster of it each frame.
    Volatile,
}

/// A canvas sized to its container's width × the device pixel ratio, with an off-screen copy
/// of its static layer that is redrawn only when the size changes or it is invalidated.
///
/// The first time, the static layer is drawn straight onto the visible canvas and copied off
/// screen from it before the overlay goes on: the first picture needs no extra copy, and the
/// figure's drawing code runs once (drawing the copy again in the next frame had doubled the
/// cost of every widget's start, a second long task per widget while a page loads). Later
/// redraws (a new function, new timings, a new size) go straight to the off-screen canvas.
pub struct LayeredCanvas {
    /// The visible canvas.
    pub canvas: HtmlCanvasElement,
    background: HtmlCanvasElement,
    state: Static,
    /// The CSS size last given to the visible canvas (set only when it changes: a style
    /// write invalidates the page's layout).
    css_size: (f64, f64),
    /// Counts the static layer's drawings: a trail drawn over an older one is stale.
    static_drawn: u64,
    /// Frames in a row whose figure revised the static layer (see [`Static::Volatile`]).
    churn: u8,
    /// The run's accumulated drawing over the static layer, if the figure keeps one.
    trail: Option<TrailLayer>,
    /// This frame's trail went straight onto the visible canvas (over the static layer).
    on_screen: bool,
    /// The kept layer the visible canvas shows outside [`damage`](Self::damage), if known.
    shown: Option<Shown>,
    /// Where the last overlay drew on the visible canvas.
    damage: Rc<RefCell<Damage>>,
    /// Where this frame's new trail items drew on the trail layer.
    trail_damage: Rc<RefCell<Damage>>,
    /// The first frame draws the static layer alone (see [`defer_first`](Self::defer_first)).
    defer: bool,
    /// A fill computed ahead of the static layer that shows it (see [`prefill`](Self::prefill)).
    prefilled: Option<Prefilled>,
}

/// A heat map computed ahead of the static layer (see [`LayeredCanvas::prefill`]): for the
/// figure's static revision `revision`, on a canvas of `size`, over `area`.
struct Prefilled {
    revision: u64,
    size: (u32, u32),
    area: PlotArea,
    image: FillImage,
}

/// A plot area's RGBA fill, ready to put on a canvas (see [`fill_image`]).
enum FillImage {
    /// Pixel for pixel, `width` wide.
    Full(Vec<u8>, u32),
    /// At half resolution on a scratch canvas of this size, scaled up when it is drawn.
    Half(HtmlCanvasElement, f64, f64),
}

/// A kept layer as it was drawn: the visible canvas shows it, but for the last overlay.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shown {
    /// The static layer of this drawing ([`LayeredCanvas::static_drawn`]).
    Static(u64),
    /// The trail layer of this revision over this static layer.
    Trail(u64, u64),
}

/// A copy of the static layer with a run's trail drawn over it, item by item as it grows.
struct TrailLayer {
    canvas: HtmlCanvasElement,
    /// The trail's revision when it was drawn from 0.
    revision: u64,
    /// The revision the last frame asked for.
    seen: Option<u64>,
    /// [`LayeredCanvas::static_drawn`] when it was copied.
    over: u64,
    /// Items drawn (`None`: nothing valid in it; the overlay goes over the static layer).
    drawn: Option<usize>,
}

impl LayeredCanvas {
    /// Creates the visible canvas (class `gdviz-canvas`) and its off-screen layer.
    pub fn new(label: &str) -> Result<Self> {
        let canvas: HtmlCanvasElement = dom::create("canvas", "gdviz-canvas")?.unchecked_into();
        let _ = canvas.set_attribute("role", "img");
        let _ = canvas.set_attribute("aria-label", label);
        let background: HtmlCanvasElement = dom::create("canvas", "")?.unchecked_into();
        Ok(Self {
            canvas,
            background,
            state: Static::New,
            css_size: (f64::NAN, f64::NAN),
            static_drawn: 0,
            churn: 0,
            trail: None,
            on_screen: false,
            shown: None,
            damage: Rc::default(),
            trail_damage: Rc::default(),
            defer: false,
            prefilled: None,
        })
    }

    /// Splits the first frame in two: it draws the static layer alone, straight onto the
    /// visible canvas, and [`deferred`](Self::deferred) then says the frame's trail and
    /// overlay wait for the next frame, which copies that layer off screen (the browser has
    /// rasterised it by then, painting it) before the overlay goes on. A page's figures thus
    /// start in shorter tasks (issue 18).
    pub fn defer_first(&mut self) {
        self.defer = true;
    }

    /// True if this frame drew the first static layer alone: draw nothing more on this
    /// canvas until the next frame.
    pub fn deferred(&self) -> bool {
        self.state == Static::Fresh
    }

    /// Notes whether the figure revised the static layer for this frame (marking it stale
    /// if so): a layer revised frame after frame is drawn straight onto the visible canvas
    /// ([`Static::Volatile`]) until it holds still again.
    pub fn revised(&mut self, changed: bool) {
        if changed {
            self.invalidate();
            self.churn = self.churn.saturating_add(1);
        } else {
            self.churn = 0;
        }
    }

    /// Marks the static layer stale.
    pub fn invalidate(&mut self) {
        if self.state != Static::New {
            self.state = Static::Stale;
        }
    }

    /// Sizes both canvases for `css_width` and the figure's `height_for_width`; returns the
    /// backing size and the device pixel ratio.
    pub fn fit(
        &mut self,
        css_width: f64,
        height_for_width: impl Fn(u32, f64) -> u32,
    ) -> (u32, u32, f64) {
        let ratio = canvas::pixel_ratio();
        // Rounded down: canvases side by side must never add up to more than their row.
        let width = (css_width * ratio + 1e-6).floor().max(1.0) as u32;
        let height = height_for_width(width, ratio).max(1);
        let trail_resized = self
            .trail
            .as_ref()
            .is_some_and(|t| canvas::set_backing_size(&t.canvas, width, height));
        if canvas::set_backing_size(&self.canvas, width, height)
            | canvas::set_backing_size(&self.background, width, height)
            | trail_resized
        {
            // A new backing size clears the canvas.
            self.invalidate();
            self.shown = None;
        }
        let css = (f64::from(width) / ratio, f64::from(height) / ratio);
        if css != self.css_size {
            let style = self.canvas.style();
            let _ = style.set_property("width", &format!("{}px", css.0));
            let _ = style.set_property("height", &format!("{}px", css.1));
            self.css_size = css;
        }
        (width, height, ratio)
    }

    /// Draws the whole figure straight onto the visible canvas, for figures that change
    /// entirely every frame (a turning 3-D view, the network after a step): with no static
    /// layer to keep, copying an off-screen one would only add a full-canvas copy.
    pub fn direct(
        &mut self,
        draw: impl FnOnce(&DrawingArea<Screen, plotters::coord::Shift>) -> Result,
    ) -> Result {
        // The off-screen layer no longer matches what is shown.
        self.invalidate();
        self.shown = None;
        let backend =
            Canvas::screen(self.canvas.clone()).ok_or_else(|| Error::dom("no canvas backend"))?;
        draw(&backend.into_drawing_area())
    }

    /// Draws the static layer with `draw` unless the off-screen copy is up to date: in the
    /// first frame onto the visible canvas, copied off screen at once (before the overlay goes
    /// on; if that copy fails, it is drawn off screen in the next frame); when stale, into the
    /// off-screen canvas, or straight onto the visible one while it changes frame after frame
    /// ([`Static::Volatile`]). `draw` gets a drawing area and its canvas (to paint RGBA fills
    /// on).
    pub fn background(
        &mut self,
        draw: impl FnOnce(&DrawingArea<Screen, plotters::coord::Shift>, &HtmlCanvasElement) -> Result,
    ) -> Result {
        let target = match self.state {
            Static::Cached => return Ok(()),
            Static::Fresh => {
                // The visible canvas shows the static layer alone: copied off screen now.
                self.state = self.copy_off_screen()?;
                return Ok(());
            }
            Static::Copied => {
                self.state = Static::Cached;
                return Ok(());
            }
            // Revised frame after frame, or the first frame: straight onto the visible canvas,
            // nothing of the previous frame showing through.
            Static::Stale | Static::Volatile if self.churn >= 2 => clear(&self.canvas)?,
            // Never drawn on: a new canvas is transparent (clearing it only allocated its
            // pixels sooner, 10–20 ms at a hi-DPI size on a first load).
            Static::New => &self.canvas,
            Static::OnScreen | Static::Stale | Static::Volatile => &self.background,
        };
        let backend =
            Canvas::screen(target.clone()).ok_or_else(|| Error::dom("no canvas backend"))?;
        draw(&backend.into_drawing_area(), target)?;
        self.static_drawn += 1;
        let on_screen = std::ptr::eq(target, &self.canvas);
        if on_screen {
            self.shown = None;
        }
        self.state = if on_screen && self.state != Static::New {
            Static::Volatile
        } else if self.state == Static::New && self.defer {
            DEFERRED.with(|d| d.set(true));
            Static::Fresh
        } else if self.state == Static::New {
            // The copy is made now, from the visible canvas, before the overlay goes on it:
            // one raster of the fresh layer, where drawing it again next frame would run the
            // whole figure's drawing code a second time (as long as the first draw).
            self.copy_off_screen()?
        } else {
            Static::Cached
        };
        Ok(())
    }

    /// Copies the visible canvas, which shows the static layer alone, off screen: then
    /// [`Static::Copied`] (this frame's overlay goes straight on top), or, if the copy
    /// failed, [`Static::OnScreen`] with one more frame asked for, which draws the copy.
    fn copy_off_screen(&mut self) -> Result<Static> {
        let copy = context(&self.background)?
            .draw_image_with_html_canvas_element(&self.canvas, 0.0, 0.0)
            .is_ok();
        Ok(if copy {
            // The visible canvas is the static layer, nothing over it yet.
            self.shown = Some(Shown::Static(self.static_drawn));
            *self.damage.borrow_mut() = Damage::new();
            Static::Copied
        } else {
            COPY_PENDING.with(|c| c.set(true));
            Static::OnScreen
        })
    }

    /// Like [`background`](Self::background) for contour-style figures: `draw` gets a
    /// [`Fill`] that paints the plot area with the RGBA pixels `fill` computes, straight into
    /// the canvas (never one plotters call per pixel).
    ///
    /// `revision` is the figure's static revision: a fill [`prefill`](Self::prefill) computed
    /// for it, at this size and over the same area, is put on the canvas instead of computed.
    pub fn background_filled(
        &mut self,
        revision: u64,
        fill: impl Fn(&PlotArea, usize, usize) -> Vec<u8>,
        draw: impl FnOnce(
            &DrawingArea<Screen, plotters::coord::Shift>,
            Fill<'_>,
        ) -> std::result::Result<PlotArea, crate::figures::DrawError>,
    ) -> Result {
        let size = (self.canvas.width(), self.canvas.height());
        let mut ready = self
            .prefilled
            .take()
            .filter(|p| p.revision == revision && p.size == size);
        self.background(|root, canvas| {
            let mut paint_error = Ok(());
            let mut paint = |area: &PlotArea| {
                // What the figure drew before the fill (its white background) goes onto the
                // canvas first: the backend holds shapes back to batch them, and the fill is
                // painted past it, straight into the canvas.
                let _ = root.present();
                paint_error = match ready.take().filter(|p| p.area == *area) {
                    Some(p) => put_fill(canvas, area, &p.image),
                    None => fill_image(area, &fill).and_then(|i| put_fill(canvas, area, &i)),
                };
            };
            draw(root, Fill::External(&mut paint))?;
            paint_error
        })
    }

    /// Computes the heat map the next static layer will show, for the figure's static
    /// `revision` at the canvas's present size, and keeps it for
    /// [`background_filled`](Self::background_filled): `draw` is asked for
    /// [`Layer::Fill`](crate::figures::Layer::Fill) with the [`Fill`] to paint. Nothing is
    /// drawn on the canvas. A figure's start computes its fill so, in a task of its own
    /// before the one that paints its static layer (issue 18: no long tasks).
    ///
    /// # Errors
    /// If the canvas has no 2-D context, or the figure fails to lay out.
    pub fn prefill(
        &mut self,
        revision: u64,
        fill: impl Fn(&PlotArea, usize, usize) -> Vec<u8>,
        draw: impl FnOnce(
            &DrawingArea<Screen, plotters::coord::Shift>,
            Fill<'_>,
        ) -> std::result::Result<PlotArea, crate::figures::DrawError>,
    ) -> Result {
        let size = (self.canvas.width(), self.canvas.height());
        let backend =
            Canvas::screen(self.canvas.clone()).ok_or_else(|| Error::dom("no canvas backend"))?;
        let mut made = Ok(None);
        let mut paint = |area: &PlotArea| made = fill_image(area, &fill).map(|i| Some((*area, i)));
        draw(&backend.into_drawing_area(), Fill::External(&mut paint))?;
        self.prefilled = made?.map(|(area, image)| Prefilled {
            revision,
            size,
            area,
            image,
        });
        Ok(())
    }

    /// Brings the trail layer up to `trail` (call after [`background`](Self::background)):
    /// `draw(root, from)` draws items `from..trail.len` over what is there. Only the new items
    /// are drawn while the trail grows over the same static layer; it is drawn from 0 over a
    /// fresh copy of the static layer when its revision changed, it shrank, or the static
    /// layer was redrawn. While its revision changes frame after frame (the reader drags a
    /// run's start, and the run starts again each frame), it is drawn whole straight onto the
    /// visible canvas instead (a layer made each frame would only add a copy); the layer is
    /// made once the run holds still for a frame.
    pub fn trail(
        &mut self,
        trail: Trail,
        draw: impl FnOnce(&DrawingArea<Screen, plotters::coord::Shift>, usize) -> Result,
    ) -> Result {
        let (width, height) = (self.canvas.width(), self.canvas.height());
        let layer = match &mut self.trail {
            Some(t) => t,
            None => {
                let canvas: HtmlCanvasElement = dom::create("canvas", "")?.unchecked_into();
                canvas::set_backing_size(&canvas, width, height);
                self.trail.insert(TrailLayer {
                    canvas,
                    revision: trail.revision,
                    seen: None,
                    over: 0,
                    drawn: None,
                })
            }
        };
        *self.trail_damage.borrow_mut() = Damage::new();
        let held = layer.seen == Some(trail.revision);
        layer.seen = Some(trail.revision);
        let valid = layer.drawn.filter(|&n| {
            layer.revision == trail.revision && layer.over == self.static_drawn && n <= trail.len
        });
        // The static layer only on the visible canvas (its copy comes next frame), or a run
        // that changes every frame: the whole trail goes onto the visible canvas.
        if matches!(self.state, Static::OnScreen | Static::Volatile) || (valid.is_none() && !held) {
            layer.drawn = None;
            if self.state == Static::Cached {
                context(&self.canvas)?
                    .draw_image_with_html_canvas_element(&self.background, 0.0, 0.0)
                    .map_err(|_| Error::dom("cannot copy the background layer"))?;
            }
            self.on_screen = true;
            self.shown = None;
            let backend = Canvas::screen(self.canvas.clone())
                .ok_or_else(|| Error::dom("no canvas backend"))?;
            return draw(&backend.into_drawing_area(), 0);
        }
        let from = if let Some(n) = valid {
            n
        } else {
            // From 0, over a fresh copy of the static layer.
            let ctx = context(&layer.canvas)?;
            ctx.clear_rect(0.0, 0.0, f64::from(width), f64::from(height));
            ctx.draw_image_with_html_canvas_element(&self.background, 0.0, 0.0)
                .map_err(|_| Error::dom("cannot copy the static layer"))?;
            layer.revision = trail.revision;
            layer.over = self.static_drawn;
            self.trail_damage.borrow_mut().everywhere();
            0
        };
        layer.drawn = None;
        if from < trail.len {
            let backend = Canvas::tracked(layer.canvas.clone(), Rc::clone(&self.trail_damage))
                .ok_or_else(|| Error::dom("no canvas backend"))?;
            draw(&backend.into_drawing_area(), from)?;
        }
        layer.drawn = Some(trail.len);
        Ok(())
    }

    /// Copies the static layer, or the trail over it, to the visible canvas (unless it was
    /// just drawn there) and returns a drawing area on it for the moving overlay.
    ///
    /// When the visible canvas already shows that layer under the last overlay, only the
    /// rectangles the last overlay drew on (and those this frame's new trail items drew on)
    /// are copied: see [`Damage`].
    pub fn overlay(&mut self) -> Result<DrawingArea<Screen, plotters::coord::Shift>> {
        let trail = self.trail.as_ref().filter(|t| {
            t.drawn.is_some() && !matches!(self.state, Static::OnScreen | Static::Volatile)
        });
        if std::mem::take(&mut self.on_screen) {
            // The trail was drawn on the visible canvas this frame, over the static layer.
        } else if let Some(t) = trail {
            let (canvas, id) = (t.canvas.clone(), Shown::Trail(t.revision, t.over));
            // Its own error: a canvas without a 2-D context says so.
            self.restore(&canvas, id)?;
        } else if self.state == Static::Cached {
            let (canvas, id) = (self.background.clone(), Shown::Static(self.static_drawn));
            self.restore(&canvas, id)?;
        }
        *self.damage.borrow_mut() = Damage::new();
        *self.trail_damage.borrow_mut() = Damage::new();
        Ok(
            Canvas::tracked(self.canvas.clone(), Rc::clone(&self.damage))
                .ok_or_else(|| Error::dom("no canvas backend"))?
                .into_drawing_area(),
        )
    }

    /// Makes the visible canvas show the kept layer `source` (drawn as `id`): only where the
    /// last overlay and this frame's trail items drew, if it showed that layer already, and
    /// whole otherwise.
    fn restore(&mut self, source: &HtmlCanvasElement, id: Shown) -> Result {
        let (w, h) = (
            f64::from(self.canvas.width()),
            f64::from(self.canvas.height()),
        );
        let rects = if self.shown == Some(id) {
            let mut d = self.damage.borrow().clone();
            d.extend(&self.trail_damage.borrow());
            // Past half the canvas, one copy of the whole costs no more than the parts.
            if d.share(w, h) <= 0.5 {
                d.pixels(w, h)
            } else {
                None
            }
        } else {
            None
        };
        // Unknown until the copy is made.
        self.shown = None;
        let ctx = context(&self.canvas)?;
        match rects {
            None => ctx
                .draw_image_with_html_canvas_element(source, 0.0, 0.0)
                .map_err(|_| Error::dom("cannot copy a kept layer"))?,
            Some(rects) => {
                for (x, y, rw, rh) in rects {
                    ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                        source, x, y, rw, rh, x, y, rw, rh,
                    )
                    .map_err(|_| Error::dom("cannot copy a kept layer"))?;
                }
            }
        }
        self.shown = Some(id);
        Ok(())
    }
}

/// Clears `canvas` whole; returns it.
fn clear(canvas: &HtmlCanvasElement) -> Result<&HtmlCanvasElement> {
    context(canvas)?.clear_rect(
        0.0,
        0.0,
        f64::from(canvas.width()),
        f64::from(canvas.height()),
    );
    Ok(canvas)
}

/// The RGBA fill of a plot area, computed by `rgba(area, w, h)`.
///
/// A large area (a hi-DPI canvas) is computed at half resolution on each axis and scaled up
/// by the browser with smoothing: a quarter of the function evaluations, which is most of a
/// contour widget's first draw. The fills are smooth or banded, and the band edges lie under
/// the level lines drawn on top at full resolution, so the result looks the same.
fn fill_image(
    area: &PlotArea,
    rgba: impl FnOnce(&PlotArea, usize, usize) -> Vec<u8>,
) -> Result<FillImage> {
    /// Areas up to this many pixels are computed pixel for pixel.
    const FULL_RESOLUTION_PIXELS: f64 = 200_000.0;
    let w = (area.right - area.left).max(0.0);
    let h = (area.bottom - area.top).max(0.0);
    if w * h <= FULL_RESOLUTION_PIXELS {
        return Ok(FillImage::Full(
            rgba(area, w as usize, h as usize),
            w as u32,
        ));
    }
    let (sw, sh) = ((w / 2.0).ceil(), (h / 2.0).ceil());
    let small = PlotArea {
        left: 0.0,
        top: 0.0,
        right: w / 2.0,
        bottom: h / 2.0,
        ..*area
    };
    let pixels = rgba(&small, sw as usize, sh as usize);
    let scratch = dom::document()
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
        .ok_or_else(|| Error::dom("cannot create a scratch canvas"))?;
    canvas::set_backing_size(&scratch, sw as u32, sh as u32);
    canvas::put_rgba(&context(&scratch)?, &pixels, sw as u32, 0.0, 0.0)?;
    Ok(FillImage::Half(scratch, sw, sh))
}

/// Puts a fill made by [`fill_image`] for `area` on `canvas`.
fn put_fill(canvas: &HtmlCanvasElement, area: &PlotArea, image: &FillImage) -> Result {
    let ctx = context(canvas)?;
    let (scratch, sw, sh) = match image {
        FillImage::Full(pixels, w) => {
            return canvas::put_rgba(&ctx, pixels, *w, area.left, area.top)
        }
        FillImage::Half(scratch, sw, sh) => (scratch, *sw, *sh),
    };
    let w = (area.right - area.left).max(0.0);
    let h = (area.bottom - area.top).max(0.0);
    ctx.save();
    ctx.begin_path();
    ctx.rect(area.left, area.top, w, h);
    ctx.clip();
    ctx.set_image_smoothing_enabled(true);
    let drawn = ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        scratch,
        0.0,
        0.0,
        sw,
        sh,
        area.left,
        area.top,
        sw * 2.0,
        sh * 2.0,
    );
    ctx.restore();
    drawn.map_err(|_| Error::dom("cannot draw the fill"))
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// A plot area of 40 × 30 pixels at (10, 20) showing [0, 1]².
    const AREA: PlotArea = PlotArea {
        left: 10.0,
        right: 50.0,
        top: 20.0,
        bottom: 50.0,
        x: (0.0, 1.0),
        y: (0.0, 1.0),
    };

    /// A figure's static layer as far as the fill goes: it paints the fill over `area`.
    fn figure(
        area: PlotArea,
    ) -> impl Fn(
        &DrawingArea<Screen, plotters::coord::Shift>,
        Fill<'_>,
    ) -> std::result::Result<PlotArea, crate::figures::DrawError> {
        move |_, fill| {
            if let Fill::External(paint) = fill {
                paint(&area);
            }
            Ok(area)
        }
    }

    /// The pixel at (x, y) of the visible canvas.
    fn pixel(view: &LayeredCanvas, x: f64, y: f64) -> Vec<u8> {
        context(&view.canvas)
            .unwrap()
            .get_image_data(x, y, 1.0, 1.0)
            .unwrap()
            .data()
            .to_vec()
    }

    /// A heat map computed ahead by `prefill` is what the next static layer shows, without
    /// being computed again; for another revision, size or area it is computed afresh.
    #[wasm_bindgen_test]
    fn a_prefilled_heat_map_is_put_on_the_canvas_instead_of_computed() {
        let calls = Cell::new(0);
        // Opaque red, counted.
        let fill = |_: &PlotArea, w: usize, h: usize| {
            calls.set(calls.get() + 1);
            [255, 0, 0, 255].repeat(w * h)
        };
        let mut view = LayeredCanvas::new("test").unwrap();
        view.fit(100.0, |w, _| w);
        view.prefill(7, fill, figure(AREA)).unwrap();
        assert_eq!(calls.get(), 1, "computed ahead");
        assert_eq!(
            pixel(&view, 30.0, 30.0),
            [0, 0, 0, 0],
            "nothing drawn ahead"
        );
        view.background_filled(7, fill, figure(AREA)).unwrap();
        assert_eq!(calls.get(), 1, "the prefilled fill was used");
        assert_eq!(pixel(&view, 30.0, 30.0), [255, 0, 0, 255]);
        assert_eq!(pixel(&view, 5.0, 30.0), [0, 0, 0, 0], "outside the area");

        // Used once: the next static layer computes its own.
        view.invalidate();
        view.background_filled(7, fill, figure(AREA)).unwrap();
        assert_eq!(calls.get(), 2);

        // Another revision (the figure changed since), or another area: computed afresh.
        view.prefill(7, fill, figure(AREA)).unwrap();
        view.invalidate();
        view.background_filled(8, fill, figure(AREA)).unwrap();
        assert_eq!(calls.get(), 4);
        view.prefill(8, fill, figure(AREA)).unwrap();
        view.invalidate();
        let moved = PlotArea { left: 12.0, ..AREA };
        view.background_filled(8, fill, figure(moved)).unwrap();
        assert_eq!(calls.get(), 6);
        // Another size.
        view.prefill(8, fill, figure(AREA)).unwrap();
        view.fit(120.0, |w, _| w);
        view.background_filled(8, fill, figure(AREA)).unwrap();
        assert_eq!(calls.get(), 8);
    }
}
