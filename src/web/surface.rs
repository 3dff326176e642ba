//! The `bowl` and `input-plane` widgets: a 3-D view turned by dragging, a top-view inset
//! where the point is dragged, arrow keys for the point.

use super::dom::{self, create, ElementOptions};
use super::shell::{self, LayeredCanvas, Shell};
use super::MountError;
use crate::figures::format::num;
use crate::figures::surface::{Mode, SurfaceFigure};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent, PointerEvent};

/// What a drag is doing.
#[derive(Clone, Copy, PartialEq)]
enum Drag {
    Point(i32),
    Turn(i32, f64, f64),
}

struct Inner {
    root: Element,
    figure: SurfaceFigure,
    view: LayeredCanvas,
    drag: Option<Drag>,
}

pub fn mount(root: &Element, mode: Mode) -> Result<Shell, MountError> {
    let figure = SurfaceFigure::from_options(mode, &ElementOptions(root))?;
    let kind = if mode == Mode::Slices {
        "bowl"
    } else {
        "input-plane"
    };
    let err = MountError::Dom;
    root.set_inner_html("");
    let view = LayeredCanvas::new("Surface").map_err(err)?;
    view.canvas.set_tab_index(0);
    let wrap = create("div", "gdviz-figure").map_err(err)?;
    let _ = wrap.append_child(&view.canvas);
    let hint = create("p", "gdviz-hint").map_err(err)?;
    hint.set_text_content(Some("Drag the surface to turn it; drag in the top view (or use the arrow keys) to move the point."));
    let _ = root.append_child(&wrap);
    let _ = root.append_child(&hint);
    let canvas = view.canvas.clone();
    let inner = Rc::new(RefCell::new(Inner {
        root: root.clone(),
        figure,
        view,
        drag: None,
    }));
    let render_state = Rc::clone(&inner);
    let mut shell = Shell::new(root, kind, move || {
        render_state
            .try_borrow_mut()
            .map_or(Ok(()), |mut s| s.render())
    });
    let frame = shell.frame();

    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.listen(&canvas, "pointerdown", move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else {
            return;
        };
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        let (px, py) = s.view.device_point(e.client_x(), e.client_y());
        let ratio = super::canvas::pixel_ratio();
        let inset = SurfaceFigure::inset(s.view.canvas.width(), ratio);
        e.prevent_default();
        shell::focus_quietly(&s.view.canvas);
        let _ = s.view.canvas.set_pointer_capture(e.pointer_id());
        if inset.contains(px, py, 4.0 * ratio) {
            s.figure.set_point(inset.to_data(px, py));
            s.drag = Some(Drag::Point(e.pointer_id()));
        } else {
            s.drag = Some(Drag::Turn(
                e.pointer_id(),
                f64::from(e.client_x()),
                f64::from(e.client_y()),
            ));
        }
        fr.request();
    });
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.listen(&canvas, "pointermove", move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else {
            return;
        };
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        match s.drag {
            Some(Drag::Point(id)) if id == e.pointer_id() => {
                let (px, py) = s.view.device_point(e.client_x(), e.client_y());
                let inset =
                    SurfaceFigure::inset(s.view.canvas.width(), super::canvas::pixel_ratio());
                s.figure.set_point(inset.to_data(px, py));
            }
            Some(Drag::Turn(id, x0, y0)) if id == e.pointer_id() => {
                let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
                s.figure.rotate(x - x0, y - y0);
                s.drag = Some(Drag::Turn(id, x, y));
            }
            _ => return,
        }
        fr.request();
    });
    for name in ["pointerup", "pointercancel", "lostpointercapture"] {
        let state = Rc::clone(&inner);
        shell.listen(&canvas, name, move |_| {
            if let Ok(mut s) = state.try_borrow_mut() {
                s.drag = None;
            }
        });
    }
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.listen(&canvas, "keydown", move |e| {
        let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        if s.figure.key(&e.key(), e.shift_key()) {
            e.prevent_default();
            fr.request();
        }
    });
    frame.run();
    Ok(shell)
}

impl Inner {
    fn render(&mut self) -> Result<(), String> {
        let figure = &self.figure;
        self.view.invalidate();
        let (_, _, ratio) = self.view.fit(
            shell::css_width(&self.root),
            SurfaceFigure::height_for_width,
        );
        self.view
            .background(|root, _| figure.draw(root, ratio).map_err(|e| e.to_string()))?;
        self.view.overlay()?;
        let b = figure.bowl_state();
        if self
            .root
            .get_attribute("data-gdviz")
            .as_deref()
            .map(str::trim)
            == Some("bowl")
        {
            let _ = self.view.canvas.set_attribute(
                "aria-label",
                &format!(
                    "The bowl f = x² + y² with the point ({}, {}) at height {}. Holding y, the slice is a parabola with slope ∂f/∂x = {}; holding x, slope ∂f/∂y = {}.",
                    num(b.x, 2), num(b.y, 2), num(b.f, 3), num(b.fx, 3), num(b.fy, 3)
                ),
            );
            dom::set_state(&self.root, &b);
        } else {
            let s = figure.input_plane_state();
            let _ = self.view.canvas.set_attribute(
                "aria-label",
                &format!(
                    "The bowl with the point ({}, {}). The gradient ({}, {}) is drawn flat in the input plane under the point; a dashed red arrow climbing the surface shows the common mistaken picture.",
                    num(s.x, 2), num(s.y, 2), num(s.grad[0], 3), num(s.grad[1], 3)
                ),
            );
            dom::set_state(&self.root, &s);
        }
        Ok(())
    }
}
