//! The canvas drawing backend: plotters-canvas for the drawing, with text measured by the
//! canvas itself.
//!
//! plotters measures text on the web by inserting a `<span>` with a `style` attribute into the
//! page and reading its size. That is slow (a layout per label) and breaks under a strict
//! Content-Security-Policy (`style-src 'self'` forbids style attributes). This wrapper answers
//! `estimate_text_size` with `CanvasRenderingContext2d.measureText` in the exact font string
//! plotters-canvas draws with.
//!
//! Lines, polygons, rectangles, circles and text it draws itself: consecutive strokes of the
//! same colour and width go into one canvas path, stroked once, as do consecutive rectangles
//! of one colour (polygons are filled one by one, so overlapping ones cannot cancel), and a colour, font or text alignment is only set
//! on the context when it changes. plotters issues every dash of a dashed line and every
//! segment of an axis as its own path, and plotters-canvas formats and sets the colour and
//! font strings for each call; this turns hundreds of canvas calls per frame into a few.
//! Pixels and bitmaps go through plotters-canvas after the batch is flushed; the batch is also
//! flushed on `present` and when the backend is dropped.

use crate::figures::Target;
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// plotters-canvas with CSP-safe, layout-free text measurement and batched paths.
pub struct Canvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// The open batch: what it will do and with which colour and width.
    open: Option<(Op, Key)>,
    /// The context's state as last set by this wrapper (None: unknown, after plotters-canvas
    /// drew something).
    stroke_set: Option<Key>,
    fill_set: Option<Key>,
    /// A `RefCell`: measuring text (with `&self`) sets the font too. The font as its parts
    /// (size, style, family), so a text in the font already set formats no string.
    font_set: RefCell<Option<(f64, String, String)>>,
    align_set: Option<(&'static str, &'static str)>,
}

/// A colour (rgb, alpha bits) and a stroke width.
type Key = ((u8, u8, u8), u64, u32);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Stroke,
    Fill,
}

fn key(color: BackendColor, width: u32) -> Key {
    (color.rgb, color.alpha.to_bits(), width)
}

/// The colour of `k` as a CSS string already on the JavaScript side, passed to `f`: formatted
/// and passed across once per colour, then reused (a figure uses a few dozen colours, a 3-D
/// surface sets one per facet).
fn with_css<R>(k: Key, f: impl FnOnce(&JsValue) -> R) -> R {
    thread_local! {
        static COLOURS: RefCell<HashMap<(u8, u8, u8, u64), JsValue>> = RefCell::new(HashMap::new());
    }
    let ((r, g, b), alpha, _) = k;
    COLOURS.with(|c| {
        let mut c = c.borrow_mut();
        // A bound on what one page can accumulate (animated alphas, many figures).
        if c.len() > 4096 {
            c.clear();
        }
        f(c.entry((r, g, b, alpha)).or_insert_with(|| {
            JsValue::from_str(&format!("rgba({r},{g},{b},{})", f64::from_bits(alpha)))
        }))
    })
}

#[wasm_bindgen]
extern "C" {
    /// A 2-D context seen only through its two colour properties.
    type Colours;
    /// `ctx.fillStyle = value`, for a colour string already on the JavaScript side.
    #[wasm_bindgen(method, setter = fillStyle)]
    fn set_fill(this: &Colours, value: &JsValue);
    /// `ctx.strokeStyle = value`.
    #[wasm_bindgen(method, setter = strokeStyle)]
    fn set_stroke(this: &Colours, value: &JsValue);
    /// `ctx.fillText(text, x, y)`, for a text already on the JavaScript side.
    #[wasm_bindgen(method, js_name = fillText)]
    fn fill_text(this: &Colours, text: &JsValue, x: f64, y: f64);
    /// `ctx.measureText(text).width`.
    #[wasm_bindgen(method, js_name = measureText)]
    fn measure_text(this: &Colours, text: &JsValue) -> Metrics;
    /// A `TextMetrics`, seen only through its width.
    type Metrics;
    #[wasm_bindgen(method, getter)]
    fn width(this: &Metrics) -> f64;
}

/// The CSS font string plotters-canvas draws a text style with.
fn font<S: BackendTextStyle>(style: &S) -> String {
    format!(
        "{} {}px {}",
        style.style().as_str(),
        style.size(),
        style.family().as_str()
    )
}

/// `text` as a JavaScript string, passed to `f`: short texts (tick labels, legends, cell
/// labels: drawn again every frame) are made once and kept, so a frame's labels cross into
/// JavaScript without being copied and decoded again; longer ones (captions with live
/// numbers, which rarely repeat) are made each time.
fn with_text<R>(text: &str, f: impl FnOnce(&JsValue) -> R) -> R {
    thread_local! {
        static TEXTS: RefCell<HashMap<String, JsValue>> = RefCell::new(HashMap::new());
    }
    if text.len() > 16 {
        return f(&JsValue::from_str(text));
    }
    TEXTS.with(|t| {
        let mut t = t.borrow_mut();
        if !t.contains_key(text) {
            // A bound on what one page can accumulate.
            if t.len() > 2048 {
                t.clear();
            }
            t.insert(text.to_owned(), JsValue::from_str(text));
        }
        f(&t[text])
    })
}

/// What the widgets draw on: the canvas, through the same backend type as their SVG exports
/// (see [`Target`]), so each figure's drawing code is in the module once.
pub type Screen = Target<'static, Canvas>;

impl Canvas {
    /// A [`Screen`] drawing on `canvas`, or `None` without a 2-D context.
    pub fn screen(canvas: HtmlCanvasElement) -> Option<Screen> {
        Self::new(canvas).map(Target::Screen)
    }

    /// A backend drawing on `canvas`, or `None` without a 2-D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Self {
            inner: CanvasBackend::with_canvas_object(canvas)?,
            context,
            open: None,
            stroke_set: None,
            fill_set: None,
            font_set: RefCell::new(None),
            align_set: None,
        })
    }

    /// Strokes or fills the open batch.
    fn flush(&mut self) {
        match self.open.take() {
            Some((Op::Stroke, _)) => self.context.stroke(),
            Some((Op::Fill, _)) => self.context.fill(),
            None => {}
        }
    }

    /// Flushes, then lets plotters-canvas draw (which sets colours of its own).
    fn delegate<T>(&mut self, f: impl FnOnce(&mut CanvasBackend) -> T) -> T {
        self.flush();
        self.stroke_set = None;
        self.fill_set = None;
        self.font_set.replace(None);
        self.align_set = None;
        f(&mut self.inner)
    }

    /// Sets the stroke colour and width unless they are set already.
    fn set_stroke(&mut self, k: Key) {
        if self.stroke_set != Some(k) {
            with_css(k, |c| self.context.unchecked_ref::<Colours>().set_stroke(c));
            self.context.set_line_width(f64::from(k.2));
            self.stroke_set = Some(k);
        }
    }

    /// Sets the fill colour unless it is set already.
    fn set_fill(&mut self, k: Key) {
        if self.fill_set != Some(k) {
            with_css(k, |c| self.context.unchecked_ref::<Colours>().set_fill(c));
            self.fill_set = Some(k);
        }
    }

    /// Sets the font of `style` unless it is set already.
    fn set_font<S: BackendTextStyle>(&self, style: &S) {
        let mut set = self.font_set.borrow_mut();
        let (size, slant, family) = (style.size(), style.style(), style.family());
        let slant = slant.as_str();
        let same = set.as_ref().is_some_and(|(z, s, f)| {
            z.to_bits() == size.to_bits() && s == slant && f == family.as_str()
        });
        if !same {
            self.context.set_font(&font(style));
            *set = Some((size, slant.to_owned(), family.as_str().to_owned()));
        }
    }

    /// Makes sure a batch of `op` with `k` is open, flushing a different one first.
    fn open(&mut self, op: Op, k: Key) {
        if self.open == Some((op, k)) {
            return;
        }
        self.flush();
        match op {
            Op::Stroke => self.set_stroke(k),
            Op::Fill => self.set_fill(k),
        }
        self.context.begin_path();
        self.open = Some((op, k));
    }
}

impl Drop for Canvas {
    fn drop(&mut self) {
        self.flush();
    }
}

type Error = <CanvasBackend as DrawingBackend>::ErrorType;

impl DrawingBackend for Canvas {
    type ErrorType = Error;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Error>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Error>> {
        self.delegate(CanvasBackend::present)
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.delegate(|c| c.draw_pixel(point, color))
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        // As plotters-canvas does: half-pixel offsets keep axis-parallel lines crisp.
        let (mut a, mut b) = (
            (f64::from(from.0), f64::from(from.1)),
            (f64::from(to.0), f64::from(to.1)),
        );
        if from.0 == to.0 {
            a.0 -= 0.5;
            b.0 -= 0.5;
        }
        if from.1 == to.1 {
            a.1 -= 0.5;
            b.1 -= 0.5;
        }
        self.open(Op::Stroke, key(style.color(), style.stroke_width()));
        self.context.move_to(a.0, a.1);
        self.context.line_to(b.0, b.1);
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        ul: BackendCoord,
        br: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Error>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        // Corners in either order; a positive size keeps every rectangle of a batch wound
        // the same way, so overlapping ones add up instead of cancelling.
        let (x, y) = (f64::from(ul.0.min(br.0)), f64::from(ul.1.min(br.1)));
        let (w, h) = (
            f64::from(ul.0.abs_diff(br.0)),
            f64::from(ul.1.abs_diff(br.1)),
        );
        // Rectangles of one colour share a path: a chart of bars or a grid of cells is one
        // fill (or stroke) call instead of one per rectangle.
        if fill {
            self.open(Op::Fill, key(style.color(), 0));
        } else {
            self.open(Op::Stroke, key(style.color(), style.stroke_width()));
        }
        self.context.rect(x, y, w, h);
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let mut path = path.into_iter();
        if let Some(start) = path.next() {
            self.open(Op::Stroke, key(style.color(), style.stroke_width()));
            self.context.move_to(f64::from(start.0), f64::from(start.1));
            for next in path {
                self.context.line_to(f64::from(next.0), f64::from(next.1));
            }
        }
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Error>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        if fill {
            self.set_fill(key(style.color(), 0));
        } else {
            self.set_stroke(key(style.color(), style.stroke_width()));
        }
        self.context.begin_path();
        let _ = self.context.arc(
            f64::from(center.0),
            f64::from(center.1),
            f64::from(radius),
            0.0,
            std::f64::consts::TAU,
        );
        if fill {
            self.context.fill();
        } else {
            self.context.stroke();
        }
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let mut vert = vert.into_iter();
        if let Some(start) = vert.next() {
            // A path of its own: not added to a batch of rectangles, whose winding it might
            // cancel.
            self.flush();
            self.open(Op::Fill, key(style.color(), 0));
            self.context.move_to(f64::from(start.0), f64::from(start.1));
            for next in vert {
                self.context.line_to(f64::from(next.0), f64::from(next.1));
            }
            self.context.close_path();
            // Each polygon is filled on its own: in one path, overlapping polygons of
            // opposite winding would cancel. Only the colour setting is saved.
            self.flush();
        }
        Ok(())
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Error>> {
        // As plotters-canvas draws text, with the state set only when it changes.
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        let anchor = style.anchor();
        let baseline = match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        let align = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if self.align_set != Some((align, baseline)) {
            self.context.set_text_baseline(baseline);
            self.context.set_text_align(align);
            self.align_set = Some((align, baseline));
        }
        self.set_fill(key(color, 0));
        self.set_font(style);
        let quarter_turns = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 1.0,
            FontTransform::Rotate180 => 2.0,
            FontTransform::Rotate270 => 3.0,
        };
        let (x, y) = (f64::from(pos.0), f64::from(pos.1));
        if quarter_turns == 0.0 {
            with_text(text, |t| {
                self.context.unchecked_ref::<Colours>().fill_text(t, x, y)
            });
        } else {
            // save/restore brings back the state set above, which the cache describes.
            self.context.save();
            let _ = self.context.translate(x, y);
            let _ = self
                .context
                .rotate(quarter_turns * std::f64::consts::FRAC_PI_2);
            let _ = self.context.fill_text(text, 0.0, 0.0);
            self.context.restore();
        }
        Ok(())
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Error>> {
        // The same font string the text is drawn with.
        self.set_font(style);
        let width = with_text(text, |t| {
            self.context
                .unchecked_ref::<Colours>()
                .measure_text(t)
                .width()
        });
        let (w, h) = (
            width.ceil().max(0.0) as u32,
            style.size().ceil().max(0.0) as u32,
        );
        Ok(match style.transform() {
            FontTransform::Rotate90 | FontTransform::Rotate270 => (h, w),
            _ => (w, h),
        })
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.delegate(|c| c.blit_bitmap(pos, size, src))
    }
}
