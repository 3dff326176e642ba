//! The canvas drawing backend: plotters-canvas for the drawing, with text measured by the
//! canvas itself.
//!
//! plotters measures text on the web by inserting a `<span>` with a `style` attribute into the
//! page and reading its size. That is slow (a layout per label) and breaks under a strict
//! Content-Security-Policy (`style-src 'self'` forbids style attributes). This wrapper answers
//! `estimate_text_size` with `CanvasRenderingContext2d.measureText` in the exact font string
//! plotters-canvas draws with, each character measured once and kept (see [`advances`]).
//!
//! Lines, polygons, rectangles, circles and text it draws itself: consecutive strokes of the
//! same colour and width go into one canvas path, stroked once, as do consecutive rectangles
//! of one colour (polygons are filled one by one, so overlapping ones cannot cancel), and a colour, font or text alignment is only set
//! on the context when it changes. plotters issues every dash of a dashed line and every
//! segment of an axis as its own path, and plotters-canvas formats and sets the colour and
//! font strings for each call; this turns hundreds of canvas calls per frame into a few. A
//! batch's points are recorded in wasm memory and added to the canvas's path by one call
//! into JavaScript when it is stroked or filled.
//! Pixels and bitmaps go through plotters-canvas after the batch is flushed; the batch is also
//! flushed on `present` and when the backend is dropped.

use crate::figures::damage::Damage;
use crate::figures::Target;
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
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
    /// (size, style, family), so a text in the font already set formats no string, and as
    /// the CSS string set on the context (the key of its kept advances).
    font_set: RefCell<Option<(f64, String, String, String)>>,
    align_set: Option<(&'static str, &'static str)>,
    /// Where this backend drew, if someone keeps track (see [`Canvas::tracked`]).
    damage: Option<Rc<RefCell<Damage>>>,
    /// The open batch's path, recorded here and added to the context in one call when the
    /// batch is stroked or filled.
    path: Path,
}

/// A path recorded in wasm memory, added to a context by one call into JavaScript
/// (`js::path`): a regularization frame's level lines are over a thousand `lineTo`s, which
/// now cross from wasm into JavaScript once instead of one by one (worth a few per cent of
/// that frame: most of its time is elsewhere).
///
/// Deferring the calls changes nothing drawn: a path shows only when stroked or filled, which
/// adds it first, and nothing between (text, colours, fonts) touches the current path or the
/// transform its points are taken in.
#[derive(Default)]
struct Path(Vec<f64>);

impl Path {
    const MOVE: f64 = 0.0;
    const LINE: f64 = 1.0;
    const RECT: f64 = 2.0;
    const CLOSE: f64 = 3.0;

    fn move_to(&mut self, x: f64, y: f64) {
        self.0.extend([Self::MOVE, x, y]);
    }
    fn line_to(&mut self, x: f64, y: f64) {
        self.0.extend([Self::LINE, x, y]);
    }
    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.0.extend([Self::RECT, x, y, w, h]);
    }
    fn close(&mut self) {
        self.0.push(Self::CLOSE);
    }
    /// Records a line from `start` through `rest` and returns the box that holds its points,
    /// as [`Canvas::mark`] takes it.
    fn polyline(
        &mut self,
        start: BackendCoord,
        rest: impl Iterator<Item = BackendCoord>,
    ) -> (f64, f64, f64, f64) {
        self.move_to(f64::from(start.0), f64::from(start.1));
        let (mut lo, mut hi) = (start, start);
        for next in rest {
            self.line_to(f64::from(next.0), f64::from(next.1));
            lo = (lo.0.min(next.0), lo.1.min(next.1));
            hi = (hi.0.max(next.0), hi.1.max(next.1));
        }
        (
            f64::from(lo.0),
            f64::from(lo.1),
            f64::from(hi.0),
            f64::from(hi.1),
        )
    }
    /// Adds the recorded path to `context`'s and forgets it.
    fn add_to(&mut self, context: &CanvasRenderingContext2d) {
        if !self.0.is_empty() {
            super::js::path(context, &self.0);
            self.0.clear();
        }
    }
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

/// The width of `text` as the sum of its characters' advances, each measured once per font
/// with `measure` and kept.
///
/// Every measured text: most are made fresh each frame (readouts, captions and labels with
/// live numbers), and the browser lays out a string it has not seen before in full, 60 µs
/// for a 40-character readout in Chromium and 10–30 µs for a short label such as "w = 0.512"
/// (an mlp Step measured fifteen of them, a third of a millisecond), where a sum of kept
/// advances costs a lookup per character. The sum
/// equals the string's width in Chromium, Firefox and WebKit except where a kerning pair
/// tightens it ("AV"): then it is a little wider, never narrower, so a label's box still
/// holds its text and a text that fits is not cut.
fn advances(font: &str, text: &str, measure: impl Fn(&str) -> f64) -> f64 {
    thread_local! {
        static ADVANCES: RefCell<HashMap<String, HashMap<char, f64>>> =
            RefCell::new(HashMap::new());
    }
    ADVANCES.with(|a| {
        let mut a = a.borrow_mut();
        // A bound on what one page can accumulate (fonts × characters).
        if a.len() > 64 {
            a.clear();
        }
        // Looked up by the font's text, copied only for a font not seen before.
        if !a.contains_key(font) {
            a.insert(font.to_owned(), HashMap::new());
        }
        let chars = a.get_mut(font).expect("inserted above");
        let mut buf = [0u8; 4];
        text.chars()
            .map(|c| {
                *chars
                    .entry(c)
                    .or_insert_with(|| measure(c.encode_utf8(&mut buf)))
            })
            .sum()
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

    /// A [`Screen`] drawing on `canvas` that adds every shape's bounds to `damage`.
    pub fn tracked(canvas: HtmlCanvasElement, damage: Rc<RefCell<Damage>>) -> Option<Screen> {
        Self::new(canvas).map(|mut c| {
            c.damage = Some(damage);
            Target::Screen(c)
        })
    }

    /// The width of `text` in the font set on the context, as the browser measures it.
    fn measure(&self, text: &str) -> f64 {
        with_text(text, |t| {
            self.context
                .unchecked_ref::<Colours>()
                .measure_text(t)
                .width()
        })
    }

    /// Adds a box grown by `margin` to the damage, if tracked.
    fn mark(&self, (l, t, r, b): (f64, f64, f64, f64), margin: f64) {
        if let Some(d) = &self.damage {
            d.borrow_mut().add(l, t, r, b, margin);
        }
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
            damage: None,
            path: Path::default(),
        })
    }

    /// Strokes or fills the open batch.
    fn flush(&mut self) {
        self.path.add_to(&self.context);
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
        let same = set.as_ref().is_some_and(|(z, s, f, _)| {
            z.to_bits() == size.to_bits() && s == slant && f == family.as_str()
        });
        if !same {
            let css = font(style);
            self.context.set_font(&css);
            *set = Some((size, slant.to_owned(), family.as_str().to_owned(), css));
        }
    }

    /// The width of `text` in the font of `style` (which this sets), as the sum of its
    /// characters' kept advances ([`advances`]).
    fn width<S: BackendTextStyle>(&self, text: &str, style: &S) -> f64 {
        self.set_font(style);
        let set = self.font_set.borrow();
        let css = set.as_ref().map_or("", |(_, _, _, css)| css.as_str());
        advances(css, text, |t| self.measure(t))
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
        let (x, y) = (f64::from(point.0), f64::from(point.1));
        self.mark((x, y, x + 1.0, y + 1.0), 0.0);
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
        // Butt ends: half the width around the segment.
        self.mark(
            (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1)),
            f64::from(style.stroke_width()) / 2.0,
        );
        self.open(Op::Stroke, key(style.color(), style.stroke_width()));
        self.path.move_to(a.0, a.1);
        self.path.line_to(b.0, b.1);
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
        // A stroked rectangle's miter corners stay within half the width.
        let half = if fill {
            0.0
        } else {
            f64::from(style.stroke_width()) / 2.0
        };
        self.mark((x, y, x + w, y + h), half);
        if fill {
            self.open(Op::Fill, key(style.color(), 0));
        } else {
            self.open(Op::Stroke, key(style.color(), style.stroke_width()));
        }
        self.path.rect(x, y, w, h);
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
            let bounds = self.path.polyline(start, path);
            // Joins are mitered up to the canvas's miter limit (10): a sharp turn's tip may
            // reach 5 widths past its vertex.
            self.mark(bounds, 5.0 * f64::from(style.stroke_width()));
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
        let (cx, cy, r) = (f64::from(center.0), f64::from(center.1), f64::from(radius));
        self.mark(
            (cx - r, cy - r, cx + r, cy + r),
            f64::from(style.stroke_width()) / 2.0,
        );
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
            let bounds = self.path.polyline(start, vert);
            self.path.close();
            self.mark(bounds, 0.0);
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
            // "left" and "right", not "start" and "end": those follow the page's direction,
            // and in a right-to-left page would put every label on the wrong side of its
            // anchor.
            HPos::Left => "left",
            HPos::Right => "right",
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
        if self.damage.is_some() {
            let size = style.size();
            let w = self.width(text, style);
            let (l, r) = match anchor.h_pos {
                HPos::Left => (x, x + w),
                HPos::Center => (x - w / 2.0, x + w / 2.0),
                HPos::Right => (x - w, x),
            };
            let (t, b) = match anchor.v_pos {
                VPos::Top => (y, y + size),
                VPos::Center => (y - size / 2.0, y + size / 2.0),
                VPos::Bottom => (y - size, y),
            };
            // Glyphs reach past the em box (accents, fallback fonts' symbols, italics); a
            // turned text is held by a square around its anchor.
            if quarter_turns == 0.0 {
                self.mark((l, t, r, b), size / 2.0);
            } else {
                let reach = w + size;
                self.mark((x - reach, y - reach, x + reach, y + reach), 0.0);
            }
        }
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
        // In the same font string the text is drawn with, from kept advances: the texts a
        // frame measures are mostly new (live numbers), which the browser would lay out in
        // full each time.
        let width = self.width(text, style);
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
        let (x, y) = (f64::from(pos.0), f64::from(pos.1));
        self.mark((x, y, x + f64::from(size.0), y + f64::from(size.1)), 0.0);
        self.delegate(|c| c.blit_bitmap(pos, size, src))
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use plotters::element::{Circle, PathElement, Polygon, Rectangle, Text};
    use plotters::prelude::*;
    use plotters::style::text_anchor::Pos;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// A text's width from kept advances (what `estimate_text_size` answers for every text)
    /// is the browser's own width of the whole string, to a pixel, never narrower by more than
    /// rounding: short live labels, readouts, tick labels, and text with kerning pairs.
    #[wasm_bindgen_test]
    fn kept_advances_give_the_browsers_width() {
        let doc = web_sys::window().unwrap().document().unwrap();
        let canvas: HtmlCanvasElement = doc.create_element("canvas").unwrap().unchecked_into();
        let backend = Canvas::new(canvas.clone()).unwrap();
        let ctx: CanvasRenderingContext2d =
            canvas.get_context("2d").unwrap().unwrap().unchecked_into();
        for size in [12.0, 25.0] {
            let style: plotters::style::TextStyle<'_> =
                (crate::figures::style::FONT, size).into_font().into();
            for text in [
                "w = 0.512",
                "z = −1.07 ≤ 0: dead",
                "∂L/∂w = 3.2e-5",
                "0.25",
                "L = 0.000732",
                "‖∇f‖ = (−0.518, 2.040)",
                "AVATAR Wave",
            ] {
                let (w, _) = backend.estimate_text_size(text, &style).unwrap();
                ctx.set_font(&font(&style));
                let whole = ctx.measure_text(text).unwrap().width();
                let w = f64::from(w);
                // Kerning pairs ("AV", "Wa") tighten the whole string: the sum is wider.
                let kerned = text.starts_with("AVATAR");
                let close = (w - whole.ceil()).abs() <= 1.0;
                assert!(
                    w >= whole.ceil() - 1.0 && (close || kerned),
                    "{text} at {size}: {w} from advances, {whole} whole"
                );
            }
        }
    }

    /// Every pixel a tracked backend paints lies inside its damage, and the damage is not the
    /// whole canvas: thick mitered zigzags, circles, rectangles, polygons, and texts at every
    /// anchor (with symbols from fallback fonts, and turned), in four groups apart.
    #[wasm_bindgen_test]
    fn every_painted_pixel_is_inside_the_damage() {
        let doc = web_sys::window().unwrap().document().unwrap();
        let canvas: HtmlCanvasElement = doc.create_element("canvas").unwrap().unchecked_into();
        let (w, h) = (1600_u32, 1000_u32);
        canvas.set_width(w);
        canvas.set_height(h);
        let damage = Rc::new(RefCell::new(Damage::new()));
        {
            let root = Canvas::tracked(canvas.clone(), Rc::clone(&damage))
                .unwrap()
                .into_drawing_area();
            let ink = ShapeStyle::from(&BLACK).stroke_width(9);
            // Top left: a zigzag with sharp turns (its miter tips reach far past the
            // vertices) and a short segment.
            root.draw(&PathElement::new(
                vec![(20, 20), (120, 24), (22, 28), (118, 34)],
                ink,
            ))
            .unwrap();
            root.draw(&PathElement::new(vec![(60, 80), (65, 80)], ink))
                .unwrap();
            // Top right: a ring.
            root.draw(&Circle::new(
                (1540, 50),
                20,
                ShapeStyle::from(&RED).stroke_width(6),
            ))
            .unwrap();
            // Bottom left: a stroked rectangle and a turned text.
            root.draw(&Rectangle::new([(30, 900), (90, 940)], ink))
                .unwrap();
            let turned = ("sans-serif", 22.0)
                .into_font()
                .transform(FontTransform::Rotate270)
                .color(&BLACK);
            root.draw(&Text::new("loss, turned", (60, 820), turned))
                .unwrap();
            // The middle: texts at every anchor, long and short, and a polygon.
            let anchors = [
                (HPos::Left, VPos::Top),
                (HPos::Center, VPos::Center),
                (HPos::Right, VPos::Bottom),
            ];
            for (i, (hp, vp)) in anchors.into_iter().enumerate() {
                let at = (800, 180 + 120 * i as i32);
                let style = ("sans-serif", 28.0)
                    .into_font()
                    .color(&BLACK)
                    .pos(Pos::new(hp, vp));
                root.draw(&Text::new("‖∇f‖ = (−0.518, 2.040) · w₂", at, style.clone()))
                    .unwrap();
                root.draw(&Text::new("gÅjy", (at.0, at.1 + 40), style))
                    .unwrap();
            }
            root.draw(&Polygon::new(
                vec![(700, 560), (780, 580), (720, 600)],
                BLUE.filled(),
            ))
            .unwrap();
        }
        let ctx = crate::web::canvas::context(&canvas).unwrap();
        let data = ctx
            .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
            .unwrap()
            .data();
        let d = damage.borrow();
        let mut painted = 0;
        for y in 0..h {
            for x in 0..w {
                if data[((y * w + x) * 4 + 3) as usize] > 0 {
                    painted += 1;
                    assert!(
                        d.covers(f64::from(x) + 0.5, f64::from(y) + 0.5),
                        "pixel ({x}, {y}) was painted outside the damage {d:?}"
                    );
                }
            }
        }
        assert!(painted > 5_000, "{painted} pixels painted");
        let share = d.share(f64::from(w), f64::from(h));
        assert!(
            share < 0.4,
            "the damage covers {share} of the canvas: {d:?}"
        );
    }
}
