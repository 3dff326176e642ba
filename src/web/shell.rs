//! What every widget needs from the page: a render loop coalesced to one draw per animation
//! frame, event listeners it can remove, a resize observer, and canvases sized for the device
//! pixel ratio with a cached background layer.

use super::backend::{Canvas, Screen};
use super::canvas::{self, context};
use super::dom;
use crate::figures::contour_plot::Fill;
use crate::figures::point::MovablePoint;
use crate::figures::PlotArea;
use plotters::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{Element, EventTarget, HtmlCanvasElement};

type Render = Box<dyn FnMut() -> Result<(), String>>;

/// Draws a widget at most once per animation frame, however many changes asked for it.
pub struct FrameLoop {
    pending: Cell<bool>,
    /// The animation frame asked for, to cancel it when the widget is destroyed.
    handle: Cell<Option<i32>>,
    stopped: Cell<bool>,
    render: RefCell<Option<Render>>,
    callback: RefCell<Option<Closure<dyn FnMut()>>>,
    root: Element,
    kind: &'static str,
}

impl FrameLoop {
    /// Asks for one draw at the next animation frame.
    pub fn request(&self) {
        if self.pending.get() || self.stopped.get() {
            return;
        }
        let Some(window) = dom::window() else { return };
        if let Some(cb) = self.callback.borrow().as_ref() {
            if let Ok(handle) = window.request_animation_frame(cb.as_ref().unchecked_ref()) {
                self.pending.set(true);
                self.handle.set(Some(handle));
            }
        }
    }

    /// Draws now. An error stops the widget with a message; other widgets go on.
    pub fn run(&self) {
        self.pending.set(false);
        self.handle.set(None);
        if self.stopped.get() {
            return;
        }
        // Every draw is a User Timing measure "gdviz:draw:KIND", so anyone can profile a page
        // with the browser's own tools (and `make bench` reads them).
        let perf = dom::window().and_then(|w| w.performance());
        let mark = format!("gdviz:draw:{}:start", self.kind);
        if let Some(p) = &perf {
            let _ = p.mark(&mark);
        }
        let result = match self.render.try_borrow_mut() {
            Ok(mut r) => r.as_mut().map_or(Ok(()), |f| f()),
            Err(_) => return, // a draw is already running (re-entrant event): skip this one
        };
        if let Some(p) = &perf {
            let _ = p.measure_with_start_mark(&format!("gdviz:draw:{}", self.kind), &mark);
            p.clear_marks_with_mark_name(&mark);
        }
        // A canvas drew its static layer straight on screen: its off-screen copy is made in
        // the next frame, before anyone can drag.
        if COPY_PENDING.with(|c| c.replace(false)) {
            self.request();
        }
        match result {
            Ok(()) => super::url::changed(),
            Err(e) => {
                self.stopped.set(true);
                dom::show_error(&self.root, self.kind, &format!("this figure stopped ({e})"));
            }
        }
    }
}

type Listener = (
    EventTarget,
    &'static str,
    Closure<dyn FnMut(web_sys::Event)>,
);

/// A mounted widget's hold on the page; [`Shell::destroy`] lets go of all of it.
pub struct Shell {
    frame: Rc<FrameLoop>,
    listeners: Vec<Listener>,
    observer: Option<(web_sys::ResizeObserver, Closure<dyn FnMut()>)>,
    pixel_ratio: PixelRatioWatch,
}

/// The `(resolution: …dppx)` queries a widget listens to, each with its listener: one per
/// device pixel ratio the page has had (a listener that fired is detached, not dropped, since
/// it is running when the next one is made).
type PixelRatioWatch = Rc<RefCell<Vec<(web_sys::MediaQueryList, Closure<dyn FnMut()>)>>>;

/// Redraws the widget when the device pixel ratio changes (browser zoom, a window moved to
/// another screen): its CSS size may stay the same, so the resize observer would not fire,
/// yet the backing store must follow the new ratio to stay crisp and to map presses right.
fn watch_pixel_ratio(frame: Weak<FrameLoop>, root: Element, watch: &PixelRatioWatch) {
    let Some(window) = dom::window() else {
        return;
    };
    let query = format!("(resolution: {}dppx)", window.device_pixel_ratio());
    let Ok(Some(mql)) = window.match_media(&query) else {
        return;
    };
    let (weak_watch, this) = (Rc::downgrade(watch), mql.clone());
    let listener: Rc<RefCell<Option<js_sys::Function>>> = Rc::new(RefCell::new(None));
    let own = Rc::clone(&listener);
    let cb = Closure::<dyn FnMut()>::new(move || {
        if let Some(f) = own.borrow().as_ref() {
            let _ = this.remove_event_listener_with_callback("change", f);
        }
        forget_width(&root);
        if let Some(f) = frame.upgrade() {
            f.request();
        }
        if let Some(w) = weak_watch.upgrade() {
            watch_pixel_ratio(frame.clone(), root.clone(), &w);
        }
    });
    let f: &js_sys::Function = cb.as_ref().unchecked_ref();
    *listener.borrow_mut() = Some(f.clone());
    let _ = mql.add_event_listener_with_callback("change", f);
    watch.borrow_mut().push((mql, cb));
}

impl Shell {
    /// A shell for the widget in `root`; `render` draws it and is called once per frame.
    pub fn new(
        root: &Element,
        kind: &'static str,
        render: impl FnMut() -> Result<(), String> + 'static,
    ) -> Self {
        let frame = Rc::new(FrameLoop {
            pending: Cell::new(false),
            handle: Cell::new(None),
            stopped: Cell::new(false),
            render: RefCell::new(Some(Box::new(render))),
            callback: RefCell::new(None),
            root: root.clone(),
            kind,
        });
        let weak: Weak<FrameLoop> = Rc::downgrade(&frame);
        let cb = Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = weak.upgrade() {
                f.run();
            }
        });
        *frame.callback.borrow_mut() = Some(cb);
        let observer = {
            let weak = Rc::downgrade(&frame);
            let resized = root.clone();
            let cb = Closure::<dyn FnMut()>::new(move || {
                forget_width(&resized);
                if let Some(f) = weak.upgrade() {
                    f.request();
                }
            });
            web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref())
                .ok()
                .map(|obs| {
                    obs.observe(root);
                    // Observed: its width can be remembered until the observer says it changed.
                    WIDTHS.with(|w| w.borrow_mut().push((root.clone(), f64::NAN)));
                    (obs, cb)
                })
        };
        let pixel_ratio = PixelRatioWatch::default();
        watch_pixel_ratio(Rc::downgrade(&frame), root.clone(), &pixel_ratio);
        Self {
            frame,
            listeners: Vec::new(),
            observer,
            pixel_ratio,
        }
    }

    /// The widget's frame loop, to request draws from event handlers.
    pub fn frame(&self) -> Rc<FrameLoop> {
        Rc::clone(&self.frame)
    }

    /// Listens to `name` on `target` until the widget is destroyed.
    pub fn listen(
        &mut self,
        target: &EventTarget,
        name: &'static str,
        f: impl FnMut(web_sys::Event) + 'static,
    ) {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        self.listeners.push((target.clone(), name, closure));
    }

    /// Wires pointer dragging (mouse, pen, touch) on `canvas`. On pointerdown, `press` gets the
    /// position in backing-store pixels and returns true to start a drag: the page then stops
    /// the browser's default (no scrolling or text selection), captures the pointer and focuses
    /// the canvas for the arrow keys without scrolling. `drag` gets every move of that pointer
    /// until it is released or cancelled.
    pub fn drag(
        &mut self,
        canvas: &HtmlCanvasElement,
        mut press: impl FnMut(f64, f64) -> bool + 'static,
        mut drag: impl FnMut(f64, f64) + 'static,
    ) {
        let active: Rc<Cell<Option<i32>>> = Rc::new(Cell::new(None));
        let (a, c) = (Rc::clone(&active), canvas.clone());
        self.listen(canvas, "pointerdown", move |e| {
            let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
                return;
            };
            let (px, py) = device_point(&c, e.client_x(), e.client_y());
            if press(px, py) {
                e.prevent_default();
                focus_quietly(&c);
                let _ = c.set_pointer_capture(e.pointer_id());
                a.set(Some(e.pointer_id()));
            }
        });
        let (a, c) = (Rc::clone(&active), canvas.clone());
        self.listen(canvas, "pointermove", move |e| {
            let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
                return;
            };
            if a.get() == Some(e.pointer_id()) {
                let (px, py) = device_point(&c, e.client_x(), e.client_y());
                drag(px, py);
            }
        });
        for name in ["pointerup", "pointercancel", "lostpointercapture"] {
            let a = Rc::clone(&active);
            self.listen(canvas, name, move |e| {
                if let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() {
                    if a.get() == Some(e.pointer_id()) {
                        a.set(None);
                    }
                }
            });
        }
    }

    /// Keeps the widget's view in the page's URL (when the page asks for it and the widget has
    /// an id): `view` lists the options that reopen it.
    pub fn share_view(
        &mut self,
        root: &Element,
        view: impl Fn() -> Vec<(&'static str, String)> + 'static,
    ) {
        let id = root.id();
        if !id.is_empty() {
            super::url::register(&id, view);
        }
    }

    /// Calls `key(name, shift)` on every keydown on `target`; when it returns true the key was
    /// used and its default (scrolling) is stopped.
    /// Wires the usual point input on `canvas`: a press on the plot (within 6 CSS px of it)
    /// moves the figure's point there and starts a drag, the drag follows the pointer, the arrow
    /// keys step it; after each move `moved` runs (which redraws, and may share the point).
    pub fn point_input<T: PointInput + 'static>(
        &mut self,
        canvas: &HtmlCanvasElement,
        inner: &Rc<RefCell<T>>,
        frame: &Rc<FrameLoop>,
    ) {
        let (state, fr) = (Rc::clone(inner), Rc::clone(frame));
        let (state2, fr2) = (Rc::clone(inner), Rc::clone(frame));
        self.drag(
            canvas,
            move |px, py| {
                let Ok(mut s) = state.try_borrow_mut() else {
                    return false;
                };
                let Some(area) = s.area() else { return false };
                let slack = 6.0 * canvas::pixel_ratio();
                let pressed = s.figure().press(&area, px, py, slack);
                if pressed {
                    s.moved(&fr);
                }
                pressed
            },
            move |px, py| {
                let Ok(mut s) = state2.try_borrow_mut() else {
                    return;
                };
                if let Some(area) = s.area() {
                    if s.figure().drag(&area, px, py) {
                        s.moved(&fr2);
                    }
                }
            },
        );
        let (state, fr) = (Rc::clone(inner), Rc::clone(frame));
        self.keys(canvas, move |key, shift| {
            let Ok(mut s) = state.try_borrow_mut() else {
                return false;
            };
            let used = s.figure().key(key, shift);
            if used {
                s.moved(&fr);
            }
            used
        });
    }

    pub fn keys(
        &mut self,
        target: &EventTarget,
        mut key: impl FnMut(&str, bool) -> bool + 'static,
    ) {
        self.listen(target, "keydown", move |e| {
            if let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                if key(&e.key(), e.shift_key()) {
                    e.prevent_default();
                }
            }
        });
    }

    /// Removes every listener and the observer, and breaks the render loop's references.
    pub fn destroy(self) {
        for (target, name, closure) in &self.listeners {
            let _ =
                target.remove_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        }
        if let Some((obs, _)) = &self.observer {
            obs.disconnect();
        }
        for (mql, cb) in self.pixel_ratio.borrow().iter() {
            let _ = mql.remove_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
        }
        let root = self.frame.root.clone();
        WIDTHS.with(|w| w.borrow_mut().retain(|(e, _)| *e != root));
        self.frame.stopped.set(true);
        // A frame already asked for would call the callback dropped below.
        if let (Some(handle), Some(window)) = (self.frame.handle.take(), dom::window()) {
            let _ = window.cancel_animation_frame(handle);
        }
        self.frame.render.borrow_mut().take();
        self.frame.callback.borrow_mut().take();
    }
}

/// A widget whose canvas moves its figure's point (see [`Shell::point_input`]).
pub trait PointInput {
    /// The figure that owns the point.
    type Figure: MovablePoint;
    /// The plot's pixel↔data mapping, once drawn.
    fn area(&self) -> Option<PlotArea>;
    /// The figure.
    fn figure(&mut self) -> &mut Self::Figure;
    /// After a move: redraw (and whatever else the widget does, e.g. share the point).
    fn moved(&mut self, frame: &FrameLoop) {
        frame.request();
    }
}

thread_local! {
    /// Set when a [`LayeredCanvas`] drew its static layer on screen and still has to make
    /// its off-screen copy; [`FrameLoop::run`] then asks for one more frame.
    static COPY_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Where a [`LayeredCanvas`]'s static layer is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Static {
    /// Never drawn: the first frame after the page loads.
    New,
    /// Drawn straight onto the visible canvas in the first frame, under the overlay; the
    /// off-screen copy is still to be made.
    OnScreen,
    /// Out of date (resized, or the figure changed).
    Stale,
    /// In the off-screen canvas, copied under each frame's overlay.
    Cached,
}

/// A canvas sized to its container's width × the device pixel ratio, with an off-screen copy
/// of its static layer that is redrawn only when the size changes or it is invalidated.
///
/// The first time, the static layer is drawn straight onto the visible canvas, and the
/// off-screen copy is made in the next frame: copying a freshly drawn off-screen canvas
/// makes the browser rasterise it on the spot (tens of milliseconds for a heat map with
/// labels and level lines), which would delay the first picture. Later redraws (a new
/// function, new timings, a new size) go straight to the off-screen canvas: while the reader
/// is interacting, drawing twice would cost more than the copy.
pub struct LayeredCanvas {
    /// The visible canvas.
    pub canvas: HtmlCanvasElement,
    background: HtmlCanvasElement,
    state: Static,
    /// The CSS size last given to the visible canvas (set only when it changes: a style
    /// write invalidates the page's layout).
    css_size: (f64, f64),
}

impl LayeredCanvas {
    /// Creates the visible canvas (class `gdviz-canvas`) and its off-screen layer.
    pub fn new(label: &str) -> Result<Self, String> {
        let canvas: HtmlCanvasElement = dom::create("canvas", "gdviz-canvas")?.unchecked_into();
        let _ = canvas.set_attribute("role", "img");
        let _ = canvas.set_attribute("aria-label", label);
        let background: HtmlCanvasElement = dom::create("canvas", "")?.unchecked_into();
        Ok(Self {
            canvas,
            background,
            state: Static::New,
            css_size: (f64::NAN, f64::NAN),
        })
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
        let width = (css_width * ratio).round().max(1.0) as u32;
        let height = height_for_width(width, ratio).max(1);
        if canvas::set_backing_size(&self.canvas, width, height)
            | canvas::set_backing_size(&self.background, width, height)
        {
            self.invalidate();
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

    /// A contour-style plot: sized for `css_width`; its static layer (painted by `fill`, drawn
    /// by `draw` with `Layer::Background`) kept until invalidated; its overlay (`draw` with
    /// `Layer::Overlay`) drawn every frame. Returns the plot's pixel↔data mapping.
    pub fn plot(
        &mut self,
        css_width: f64,
        height_for_width: impl Fn(u32, f64) -> u32,
        fill: impl Fn(&PlotArea, usize, usize) -> Vec<u8>,
        draw: impl Fn(
            &DrawingArea<Screen, plotters::coord::Shift>,
            crate::figures::Layer,
            Fill<'_>,
            f64,
        ) -> Result<PlotArea, crate::figures::DrawError>,
    ) -> Result<PlotArea, String> {
        use crate::figures::Layer;
        let (_, _, ratio) = self.fit(css_width, height_for_width);
        self.background_filled(fill, |root, f| draw(root, Layer::Background, f, ratio))?;
        let overlay = self.overlay()?;
        draw(&overlay, Layer::Overlay, Fill::None, ratio).map_err(|e| e.to_string())
    }

    /// Draws the whole figure straight onto the visible canvas, for figures that change
    /// entirely every frame (a turning 3-D view, the network after a step): with no static
    /// layer to keep, copying an off-screen one would only add a full-canvas copy.
    pub fn direct(
        &mut self,
        draw: impl FnOnce(&DrawingArea<Screen, plotters::coord::Shift>) -> Result<(), String>,
    ) -> Result<(), String> {
        // The off-screen layer no longer matches what is shown.
        self.invalidate();
        let backend = Canvas::screen(self.canvas.clone()).ok_or("no canvas backend")?;
        draw(&backend.into_drawing_area())
    }

    /// Draws the static layer with `draw` unless the off-screen copy is up to date: straight
    /// onto the visible canvas when it is stale, into the off-screen canvas in the frame
    /// after. `draw` gets a drawing area and its canvas (to paint RGBA fills with
    /// [`paint_rgba`]).
    pub fn background(
        &mut self,
        draw: impl FnOnce(
            &DrawingArea<Screen, plotters::coord::Shift>,
            &HtmlCanvasElement,
        ) -> Result<(), String>,
    ) -> Result<(), String> {
        let target = match self.state {
            Static::Cached => return Ok(()),
            Static::New => {
                // Nothing of the previous frame may show through.
                let ctx = context(&self.canvas)?;
                ctx.clear_rect(
                    0.0,
                    0.0,
                    f64::from(self.canvas.width()),
                    f64::from(self.canvas.height()),
                );
                &self.canvas
            }
            Static::OnScreen | Static::Stale => &self.background,
        };
        let backend = Canvas::screen(target.clone()).ok_or("no canvas backend")?;
        draw(&backend.into_drawing_area(), target)?;
        self.state = if self.state == Static::New {
            COPY_PENDING.with(|c| c.set(true));
            Static::OnScreen
        } else {
            Static::Cached
        };
        Ok(())
    }

    /// Like [`background`](Self::background) for contour-style figures: `draw` gets a
    /// [`Fill`] that paints the plot area with the RGBA pixels `fill` computes, straight into
    /// the canvas (never one plotters call per pixel).
    pub fn background_filled(
        &mut self,
        fill: impl Fn(&PlotArea, usize, usize) -> Vec<u8>,
        draw: impl FnOnce(
            &DrawingArea<Screen, plotters::coord::Shift>,
            Fill<'_>,
        ) -> Result<PlotArea, crate::figures::DrawError>,
    ) -> Result<(), String> {
        self.background(|root, canvas| {
            let mut paint_error = Ok(());
            let mut paint = |area: &PlotArea| paint_error = paint_rgba(canvas, area, &fill);
            draw(root, Fill::External(&mut paint)).map_err(|e| e.to_string())?;
            paint_error
        })
    }

    /// Copies the static layer to the visible canvas (unless it was just drawn there) and
    /// returns a drawing area on it for the moving overlay.
    pub fn overlay(&self) -> Result<DrawingArea<Screen, plotters::coord::Shift>, String> {
        if self.state == Static::Cached {
            let ctx = context(&self.canvas)?;
            ctx.draw_image_with_html_canvas_element(&self.background, 0.0, 0.0)
                .map_err(|_| "cannot copy the background layer")?;
        }
        Ok(Canvas::screen(self.canvas.clone())
            .ok_or("no canvas backend")?
            .into_drawing_area())
    }
}

/// A pointer's client position in a canvas's backing-store pixels.
pub fn device_point(canvas: &HtmlCanvasElement, client_x: i32, client_y: i32) -> (f64, f64) {
    let rect = canvas.get_bounding_client_rect();
    let sx = if rect.width() > 0.0 {
        f64::from(canvas.width()) / rect.width()
    } else {
        1.0
    };
    let sy = if rect.height() > 0.0 {
        f64::from(canvas.height()) / rect.height()
    } else {
        1.0
    };
    (
        (f64::from(client_x) - rect.left()) * sx,
        (f64::from(client_y) - rect.top()) * sy,
    )
}

/// Paints the plot area of `canvas` with RGBA pixels computed by `rgba(area, w, h)`.
///
/// A large area (a hi-DPI canvas) is computed at half resolution on each axis and scaled up
/// by the browser with smoothing: a quarter of the function evaluations, which is most of a
/// contour widget's first draw. The fills are smooth or banded, and the band edges lie under
/// the level lines drawn on top at full resolution, so the result looks the same.
pub fn paint_rgba(
    canvas: &HtmlCanvasElement,
    area: &PlotArea,
    rgba: impl FnOnce(&PlotArea, usize, usize) -> Vec<u8>,
) -> Result<(), String> {
    /// Areas up to this many pixels are computed pixel for pixel.
    const FULL_RESOLUTION_PIXELS: f64 = 200_000.0;
    let w = (area.right - area.left).max(0.0);
    let h = (area.bottom - area.top).max(0.0);
    let ctx = context(canvas)?;
    if w * h <= FULL_RESOLUTION_PIXELS {
        let pixels = rgba(area, w as usize, h as usize);
        return canvas::put_rgba(&ctx, &pixels, w as u32, area.left, area.top);
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
        .ok_or("cannot create a scratch canvas")?;
    canvas::set_backing_size(&scratch, sw as u32, sh as u32);
    canvas::put_rgba(&context(&scratch)?, &pixels, sw as u32, 0.0, 0.0)?;
    ctx.save();
    ctx.begin_path();
    ctx.rect(area.left, area.top, w, h);
    ctx.clip();
    ctx.set_image_smoothing_enabled(true);
    let drawn = ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        &scratch,
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
    drawn.map_err(|_| "cannot draw the fill".to_owned())
}

/// The CSS width available to a widget's figure: its root's content width (a host page may
/// pad the element), within sane bounds.
///
/// Measuring forces a layout when the page changed since the last one (a readout's text, a
/// table), so the width of an observed root is remembered until its resize observer fires.
pub fn css_width(root: &Element) -> f64 {
    let remembered = WIDTHS.with(|w| {
        w.borrow()
            .iter()
            .find(|(e, _)| e == root)
            .map(|&(_, width)| width)
    });
    if let Some(width) = remembered.filter(|w| w.is_finite()) {
        return width;
    }
    let width = measure_width(root);
    if remembered.is_some() {
        WIDTHS.with(|w| {
            if let Some(entry) = w.borrow_mut().iter_mut().find(|(e, _)| e == root) {
                entry.1 = width;
            }
        });
    }
    width
}

thread_local! {
    /// Widths of observed widget roots (NaN: measure again).
    static WIDTHS: RefCell<Vec<(Element, f64)>> = const { RefCell::new(Vec::new()) };
}

/// The root's width must be measured again (it resized).
fn forget_width(root: &Element) {
    WIDTHS.with(|w| {
        if let Some(entry) = w.borrow_mut().iter_mut().find(|(e, _)| e == root) {
            entry.1 = f64::NAN;
        }
    });
}

fn measure_width(root: &Element) -> f64 {
    let padding = dom::window()
        .and_then(|w| w.get_computed_style(root).ok().flatten())
        .map_or(0.0, |style| {
            [
                "padding-left",
                "padding-right",
                "border-left-width",
                "border-right-width",
            ]
            .iter()
            .filter_map(|p| style.get_property_value(p).ok())
            .filter_map(|v| v.trim_end_matches("px").parse::<f64>().ok())
            .sum()
        });
    let measured = root.get_bounding_client_rect().width() - padding;
    if measured.is_finite() {
        measured.clamp(160.0, 4000.0)
    } else {
        600.0
    }
}

/// Focuses an element for the keyboard without scrolling the page under the pointer.
pub fn focus_quietly(el: &web_sys::HtmlElement) {
    let opts = web_sys::FocusOptions::new();
    opts.set_prevent_scroll(true);
    let _ = el.focus_with_options(&opts);
}

/// Starts a download of `href` named `name` (an object URL or a data URL).
fn download(href: &str, name: &str) -> Result<(), String> {
    let a: web_sys::HtmlAnchorElement = dom::create("a", "")?.unchecked_into();
    a.set_href(href);
    a.set_download(name);
    a.click();
    Ok(())
}

/// Saves `svg` as `name`.
pub fn download_svg(svg: &str, name: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "cannot make the SVG file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "cannot make a link to the SVG file")?;
    let result = download(&url, name);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

/// Saves the canvases, stacked top to bottom at their device resolution, as a PNG `name`.
pub fn download_png(canvases: &[HtmlCanvasElement], name: &str) -> Result<(), String> {
    let width = canvases
        .iter()
        .map(HtmlCanvasElement::width)
        .max()
        .unwrap_or(0);
    let height: u32 = canvases.iter().map(HtmlCanvasElement::height).sum();
    let sheet: HtmlCanvasElement = dom::create("canvas", "")?.unchecked_into();
    sheet.set_width(width.max(1));
    sheet.set_height(height.max(1));
    let ctx = context(&sheet)?;
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    let mut y = 0.0;
    for c in canvases {
        ctx.draw_image_with_html_canvas_element(c, 0.0, y)
            .map_err(|_| "cannot copy a canvas")?;
        y += f64::from(c.height());
    }
    let url = sheet
        .to_data_url_with_type("image/png")
        .map_err(|_| "cannot encode the PNG")?;
    download(&url, name)
}

/// What every widget offers its page besides drawing: its canvases (for the PNG), its
/// current figure as SVG, and the options that reopen its view (for links).
pub trait View: 'static {
    /// The canvases, top to bottom.
    fn canvases(&self) -> Vec<HtmlCanvasElement>;
    /// The current figure drawn by plotters' SVG backend, 720 pixels wide.
    fn svg(&self) -> Result<String, String>;
    /// The options (`data-*` names without the prefix) that reopen this view.
    fn url_options(&self) -> Vec<(&'static str, String)>;
}

impl Shell {
    /// Gives the widget its download buttons and, on pages that share views by link, its
    /// place in the URL.
    pub fn offer<V: View>(
        &mut self,
        root: &Element,
        kind: &'static str,
        view: &Rc<RefCell<V>>,
    ) -> Result<(), String> {
        let (a, b, c) = (Rc::clone(view), Rc::clone(view), Rc::clone(view));
        self.downloads(
            root,
            kind,
            move || a.try_borrow().map(|s| s.canvases()).unwrap_or_default(),
            move || {
                b.try_borrow()
                    .map_err(|_| "the figure is busy".to_owned())?
                    .svg()
            },
        )?;
        self.share_view(root, move || {
            c.try_borrow().map(|s| s.url_options()).unwrap_or_default()
        });
        Ok(())
    }

    /// Adds the "PNG" and "SVG" download buttons under the widget in `root`: the PNG is what
    /// the canvases show, at device resolution; the SVG is the same figure drawn by plotters'
    /// SVG backend, 720 pixels wide.
    pub fn downloads(
        &mut self,
        root: &Element,
        kind: &'static str,
        canvases: impl Fn() -> Vec<HtmlCanvasElement> + 'static,
        svg: impl Fn() -> Result<String, String> + 'static,
    ) -> Result<(), String> {
        let bar = dom::create("div", "gdviz-downloads")?;
        let label = dom::create("span", "")?;
        label.set_text_content(Some("Save figure:"));
        let _ = bar.append_child(&label);
        let png: web_sys::HtmlButtonElement =
            dom::create("button", "gdviz-button gdviz-small")?.unchecked_into();
        png.set_text_content(Some("PNG"));
        let _ = png.set_attribute("type", "button");
        let _ = png.set_attribute("aria-label", "Save the figure as a PNG image");
        let svg_button: web_sys::HtmlButtonElement =
            dom::create("button", "gdviz-button gdviz-small")?.unchecked_into();
        svg_button.set_text_content(Some("SVG"));
        let _ = svg_button.set_attribute("type", "button");
        let _ = svg_button.set_attribute("aria-label", "Save the figure as an SVG drawing");
        let _ = bar.append_child(&png);
        let _ = bar.append_child(&svg_button);
        let _ = root.append_child(&bar);
        let name_png = format!("gdviz-{kind}.png");
        self.listen(&png, "click", move |_| {
            if let Err(e) = download_png(&canvases(), &name_png) {
                web_sys::console::warn_1(&e.into());
            }
        });
        let name_svg = format!("gdviz-{kind}.svg");
        self.listen(&svg_button, "click", move |_| {
            if let Err(e) = svg().and_then(|s| download_svg(&s, &name_svg)) {
                web_sys::console::warn_1(&e.into());
            }
        });
        Ok(())
    }
}

/// A polite live region for screen readers that speaks at most twice a second: while the
/// reader drags, only the latest text is announced once things settle, instead of one
/// announcement per frame. Visually hidden; the visible readouts update every frame.
pub struct LiveRegion {
    el: web_sys::HtmlElement,
    last: Rc<Cell<f64>>,
    pending: Rc<RefCell<Option<String>>>,
}

/// The shortest time between two announcements, milliseconds.
const LIVE_INTERVAL_MS: f64 = 500.0;

impl LiveRegion {
    /// Creates the region inside `root`.
    pub fn new(root: &Element) -> Result<Self, String> {
        let el = dom::create("p", "gdviz-sr-only")?;
        let _ = el.set_attribute("aria-live", "polite");
        let _ = el.set_attribute("aria-atomic", "true");
        let _ = root.append_child(&el);
        Ok(Self {
            el,
            last: Rc::new(Cell::new(f64::NEG_INFINITY)),
            pending: Rc::new(RefCell::new(None)),
        })
    }

    /// Announces `text` now if the last announcement is old enough, else once the interval
    /// has passed (only the newest text waiting is spoken).
    pub fn announce(&self, text: &str) {
        if self.el.text_content().as_deref() == Some(text) {
            return;
        }
        let now = dom::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now());
        let wait = self.last.get() + LIVE_INTERVAL_MS - now;
        if wait <= 0.0 {
            self.el.set_text_content(Some(text));
            self.last.set(now);
            return;
        }
        let already_waiting = self.pending.borrow_mut().replace(text.to_owned()).is_some();
        if already_waiting {
            return;
        }
        let (el, last, pending) = (
            self.el.clone(),
            Rc::clone(&self.last),
            Rc::clone(&self.pending),
        );
        let speak = Closure::once_into_js(move || {
            if let Some(t) = pending.borrow_mut().take() {
                el.set_text_content(Some(&t));
                last.set(
                    dom::window()
                        .and_then(|w| w.performance())
                        .map_or(0.0, |p| p.now()),
                );
            }
        });
        if let Some(w) = dom::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                speak.unchecked_ref(),
                wait.ceil() as i32,
            );
        }
    }
}
