//! The `contour` widget in the page: canvas, function menu, readouts, events.

use super::canvas::{self, context};
use super::dom::{self, create, ElementOptions};
use super::MountError;
use crate::figures::contour::{Config, ContourFigure, Fill};
use crate::figures::format::{num, pair};
use crate::figures::{Layer, PlotArea};
use crate::math::functions::Function;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{
    Element, EventTarget, HtmlCanvasElement, HtmlElement, HtmlSelectElement, KeyboardEvent,
    PointerEvent,
};

/// Everything the event handlers share.
struct Inner {
    root: Element,
    canvas: HtmlCanvasElement,
    /// The static layer (fill, axes, level lines), drawn once per size and function.
    background: HtmlCanvasElement,
    background_valid: bool,
    readouts: Readouts,
    figure: ContourFigure,
    /// The pixel↔data mapping of the last drawing.
    area: Option<PlotArea>,
    dragging: Option<i32>,
    frame_pending: bool,
    frame_callback: Option<js_sys::Function>,
    /// The last error, shown once instead of being drawn every frame.
    failed: bool,
}

struct Readouts {
    point: HtmlElement,
    value: HtmlElement,
    gradient: HtmlElement,
    norm: HtmlElement,
}

type Listener = (
    EventTarget,
    &'static str,
    Closure<dyn FnMut(web_sys::Event)>,
);

/// A mounted contour widget: its shared state and the closures it registered.
pub struct ContourWidget {
    inner: Rc<RefCell<Inner>>,
    listeners: Vec<Listener>,
    _frame: Closure<dyn FnMut()>,
    resize: Option<(web_sys::ResizeObserver, Closure<dyn FnMut()>)>,
}

impl ContourWidget {
    /// Reads the options, builds the DOM and starts listening.
    pub fn mount(root: &Element) -> Result<Self, MountError> {
        let config = Config::from_options(&ElementOptions(root))?;
        let figure = ContourFigure::new(config);
        let dom_err = MountError::Dom;

        root.set_inner_html("");
        let frame = create("div", "gdviz-figure").map_err(dom_err)?;
        let canvas: HtmlCanvasElement = create("canvas", "gdviz-canvas")
            .map_err(dom_err)?
            .unchecked_into();
        canvas.set_tab_index(0);
        let _ = canvas.set_attribute("role", "img");
        let _ = frame.append_child(&canvas);

        let controls = create("div", "gdviz-controls").map_err(dom_err)?;
        let label = create("label", "gdviz-label").map_err(dom_err)?;
        label.set_text_content(Some("f(x, y) = "));
        let select: HtmlSelectElement = create("select", "gdviz-select")
            .map_err(dom_err)?
            .unchecked_into();
        for f in Function::ALL {
            if let Ok(opt) = create("option", "") {
                let _ = opt.set_attribute("value", f.name());
                opt.set_text_content(Some(&format!("{}  ({})", f.formula(), f.name())));
                let _ = select.append_child(&opt);
            }
        }
        select.set_value(figure.function().name());
        let _ = label.append_child(&select);
        let _ = controls.append_child(&label);

        let list = create("dl", "gdviz-readouts").map_err(dom_err)?;
        let _ = list.set_attribute("aria-live", "polite");
        let readout = |term: &str| -> Result<HtmlElement, MountError> {
            let dt = create("dt", "").map_err(MountError::Dom)?;
            dt.set_text_content(Some(term));
            let dd = create("dd", "").map_err(MountError::Dom)?;
            let _ = list.append_child(&dt);
            let _ = list.append_child(&dd);
            Ok(dd)
        };
        let readouts = Readouts {
            point: readout("(x, y)")?,
            value: readout("f(x, y)")?,
            gradient: readout("∇f")?,
            norm: readout("‖∇f‖")?,
        };
        let _ = root.append_child(&frame);
        let _ = root.append_child(&controls);
        let _ = root.append_child(&list);

        let background: HtmlCanvasElement = create("canvas", "").map_err(dom_err)?.unchecked_into();
        let inner = Rc::new(RefCell::new(Inner {
            root: root.clone(),
            canvas: canvas.clone(),
            background,
            background_valid: false,
            readouts,
            figure,
            area: None,
            dragging: None,
            frame_pending: false,
            frame_callback: None,
            failed: false,
        }));

        let frame_closure = {
            let inner = Rc::clone(&inner);
            Closure::<dyn FnMut()>::new(move || {
                if let Ok(mut s) = inner.try_borrow_mut() {
                    s.frame_pending = false;
                    s.render();
                }
            })
        };
        inner.borrow_mut().frame_callback = Some(
            frame_closure
                .as_ref()
                .unchecked_ref::<js_sys::Function>()
                .clone(),
        );

        let mut listeners: Vec<Listener> = Vec::new();
        let mut listen = |target: &EventTarget,
                          name: &'static str,
                          f: Box<dyn FnMut(web_sys::Event)>| {
            let closure = Closure::<dyn FnMut(web_sys::Event)>::wrap(f);
            let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
            listeners.push((target.clone(), name, closure));
        };

        let state = Rc::clone(&inner);
        listen(
            &canvas,
            "pointerdown",
            Box::new(move |e| {
                let Some(e) = e.dyn_ref::<PointerEvent>() else {
                    return;
                };
                let Ok(mut s) = state.try_borrow_mut() else {
                    return;
                };
                let (px, py) = s.device_point(e.client_x(), e.client_y());
                let Some(area) = s.area else { return };
                let slack = 6.0 * canvas::pixel_ratio();
                if s.figure.press(&area, px, py, slack) {
                    e.prevent_default();
                    // Focus for the arrow keys, without scrolling the page under the pointer.
                    let opts = web_sys::FocusOptions::new();
                    opts.set_prevent_scroll(true);
                    let _ = s.canvas.focus_with_options(&opts);
                    let _ = s.canvas.set_pointer_capture(e.pointer_id());
                    s.dragging = Some(e.pointer_id());
                    s.request_frame();
                }
            }),
        );
        let state = Rc::clone(&inner);
        listen(
            &canvas,
            "pointermove",
            Box::new(move |e| {
                let Some(e) = e.dyn_ref::<PointerEvent>() else {
                    return;
                };
                let Ok(mut s) = state.try_borrow_mut() else {
                    return;
                };
                if s.dragging != Some(e.pointer_id()) {
                    return;
                }
                let (px, py) = s.device_point(e.client_x(), e.client_y());
                if let Some(area) = s.area {
                    if s.figure.drag(&area, px, py) {
                        s.request_frame();
                    }
                }
            }),
        );
        for name in ["pointerup", "pointercancel", "lostpointercapture"] {
            let state = Rc::clone(&inner);
            listen(
                &canvas,
                name,
                Box::new(move |e| {
                    let Some(e) = e.dyn_ref::<PointerEvent>() else {
                        return;
                    };
                    if let Ok(mut s) = state.try_borrow_mut() {
                        if s.dragging == Some(e.pointer_id()) {
                            s.dragging = None;
                        }
                    }
                }),
            );
        }
        let state = Rc::clone(&inner);
        listen(
            &canvas,
            "keydown",
            Box::new(move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                let Ok(mut s) = state.try_borrow_mut() else {
                    return;
                };
                if s.figure.key(&e.key(), e.shift_key()) {
                    e.prevent_default();
                    s.request_frame();
                }
            }),
        );
        let state = Rc::clone(&inner);
        let menu = select.clone();
        listen(
            &select,
            "change",
            Box::new(move |_| {
                let Ok(mut s) = state.try_borrow_mut() else {
                    return;
                };
                if let Some(function) = Function::from_name(&menu.value()) {
                    let point = crate::figures::contour::default_point(function);
                    s.figure = ContourFigure::new(Config { function, point });
                    s.background_valid = false;
                    s.request_frame();
                }
            }),
        );

        let resize = {
            let state = Rc::clone(&inner);
            let cb = Closure::<dyn FnMut()>::new(move || {
                if let Ok(mut s) = state.try_borrow_mut() {
                    s.request_frame();
                }
            });
            web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref())
                .ok()
                .map(|obs| {
                    obs.observe(root);
                    (obs, cb)
                })
        };

        inner.borrow_mut().render();
        Ok(Self {
            inner,
            listeners,
            _frame: frame_closure,
            resize,
        })
    }

    /// Removes every listener and observer.
    pub fn destroy(self) {
        for (target, name, closure) in &self.listeners {
            let _ =
                target.remove_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        }
        if let Some((obs, _)) = &self.resize {
            obs.disconnect();
        }
        if let Ok(mut s) = self.inner.try_borrow_mut() {
            s.frame_callback = None;
        }
    }
}

impl Inner {
    /// Asks for one draw at the next animation frame (pointer moves are coalesced).
    fn request_frame(&mut self) {
        if self.frame_pending {
            return;
        }
        let (Some(window), Some(cb)) = (dom::window(), self.frame_callback.as_ref()) else {
            return;
        };
        if window.request_animation_frame(cb).is_ok() {
            self.frame_pending = true;
        }
    }

    /// A pointer's client position in canvas backing-store pixels.
    fn device_point(&self, client_x: i32, client_y: i32) -> (f64, f64) {
        let rect = self.canvas.get_bounding_client_rect();
        let sx = if rect.width() > 0.0 {
            f64::from(self.canvas.width()) / rect.width()
        } else {
            1.0
        };
        let sy = if rect.height() > 0.0 {
            f64::from(self.canvas.height()) / rect.height()
        } else {
            1.0
        };
        (
            (f64::from(client_x) - rect.left()) * sx,
            (f64::from(client_y) - rect.top()) * sy,
        )
    }

    /// Sizes the canvas to its box × DPR, redraws the background if the size or function
    /// changed, blits it, draws the overlay and updates readouts and `data-state`.
    fn render(&mut self) {
        if self.failed {
            return;
        }
        if let Err(e) = self.try_render() {
            self.failed = true;
            dom::show_error(&self.root, "contour", &format!("this figure stopped ({e})"));
        }
    }

    fn try_render(&mut self) -> Result<(), String> {
        let ratio = canvas::pixel_ratio();
        let measured = self.root.get_bounding_client_rect().width();
        let css_width = if measured.is_finite() {
            measured.clamp(160.0, 4000.0)
        } else {
            600.0
        };
        let width = (css_width * ratio).round() as u32;
        let height = self.figure.height_for_width(width, ratio);
        if canvas::set_backing_size(&self.canvas, width, height)
            | canvas::set_backing_size(&self.background, width, height)
        {
            self.background_valid = false;
        }
        let style = self.canvas.style();
        let _ = style.set_property("width", &format!("{}px", f64::from(width) / ratio));
        let _ = style.set_property("height", &format!("{}px", f64::from(height) / ratio));

        if !self.background_valid {
            let ctx = context(&self.background)?;
            let backend = CanvasBackend::with_canvas_object(self.background.clone())
                .ok_or("no canvas backend")?;
            let root = backend.into_drawing_area();
            let figure = &self.figure;
            let mut paint_error = None;
            let mut paint = |area: &PlotArea| {
                let w = (area.right - area.left).max(0.0) as usize;
                let h = (area.bottom - area.top).max(0.0) as usize;
                let rgba = figure.fill_rgba(area, w, h);
                if let Err(e) = canvas::put_rgba(&ctx, &rgba, w as u32, area.left, area.top) {
                    paint_error = Some(e);
                }
            };
            figure
                .draw(&root, Layer::Background, Fill::External(&mut paint), ratio)
                .map_err(|e| e.to_string())?;
            if let Some(e) = paint_error {
                return Err(e);
            }
            self.background_valid = true;
        }
        let ctx = context(&self.canvas)?;
        ctx.draw_image_with_html_canvas_element(&self.background, 0.0, 0.0)
            .map_err(|_| "cannot copy the background")?;
        let backend =
            CanvasBackend::with_canvas_object(self.canvas.clone()).ok_or("no canvas backend")?;
        let root = backend.into_drawing_area();
        let area = self
            .figure
            .draw(&root, Layer::Overlay, Fill::None, ratio)
            .map_err(|e| e.to_string())?;
        self.area = Some(area);
        self.update_text();
        Ok(())
    }

    fn update_text(&self) {
        let s = self.figure.state();
        self.readouts
            .point
            .set_text_content(Some(&pair([s.x, s.y], 3)));
        self.readouts.value.set_text_content(Some(&num(s.f, 4)));
        self.readouts
            .gradient
            .set_text_content(Some(&pair(s.grad, 3)));
        self.readouts.norm.set_text_content(Some(&num(s.norm, 4)));
        let label = if s.norm == 0.0 {
            format!(
                "Level curves of f(x, y) = {} with the point {} at a critical point: the gradient is zero, so no direction is steepest.",
                self.figure.function().formula(),
                pair([s.x, s.y], 2)
            )
        } else {
            format!(
                "Level curves of f(x, y) = {} with the point {}; f = {}; the gradient {} points at {}° and is perpendicular to the level curve.",
                self.figure.function().formula(),
                pair([s.x, s.y], 2),
                num(s.f, 3),
                pair(s.grad, 2),
                num(s.grad[1].atan2(s.grad[0]).to_degrees(), 1)
            )
        };
        let _ = self.canvas.set_attribute("aria-label", &label);
        if let Ok(json) = serde_json::to_string(&s) {
            let _ = self.root.set_attribute("data-state", &json);
        }
    }
}
