//! The `bowl` and `input-plane` widgets: a 3-D view turned by dragging, a top-view inset
//! where the point is dragged, arrow keys for the point.

use super::backend::Canvas;
use super::dom::{self, create, ElementOptions};
use super::shell::{self, LayeredCanvas, Shell};
use super::MountError;
use crate::figures::format::num;
use crate::figures::surface::{Mode, SurfaceFigure};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::Element;

/// What the current (or last) drag does: move the point, or turn the view from the last
/// position in CSS pixels.
#[derive(Clone, Copy, PartialEq)]
enum Drag {
    Point,
    Turn(f64, f64),
}

struct Inner {
    root: Element,
    figure: SurfaceFigure,
    view: LayeredCanvas,
    drag: Drag,
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
    hint.set_text_content(Some("Drag the surface to turn it (keys A, D turn and W, S tilt); drag in the top view or use the arrow keys to move the point."));
    let _ = root.append_child(&wrap);
    let _ = root.append_child(&hint);
    let canvas = view.canvas.clone();
    let inner = Rc::new(RefCell::new(Inner {
        root: root.clone(),
        figure,
        view,
        drag: Drag::Point,
    }));
    let render_state = Rc::clone(&inner);
    let mut shell = Shell::new(root, kind, move || {
        render_state
            .try_borrow_mut()
            .map_or(Ok(()), |mut s| s.render())
    });
    let frame = shell.frame();

    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    let (state2, fr2) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.drag(
        &canvas,
        move |px, py| {
            let Ok(mut s) = state.try_borrow_mut() else {
                return false;
            };
            let ratio = super::canvas::pixel_ratio();
            let inset = SurfaceFigure::inset(s.view.canvas.width(), ratio);
            if inset.contains(px, py, 4.0 * ratio) {
                s.figure.set_point(inset.to_data(px, py));
                s.drag = Drag::Point;
            } else {
                s.drag = Drag::Turn(px / ratio, py / ratio);
            }
            fr.request();
            true
        },
        move |px, py| {
            let Ok(mut s) = state2.try_borrow_mut() else {
                return;
            };
            let ratio = super::canvas::pixel_ratio();
            match s.drag {
                Drag::Point => {
                    let inset = SurfaceFigure::inset(s.view.canvas.width(), ratio);
                    s.figure.set_point(inset.to_data(px, py));
                }
                Drag::Turn(x0, y0) => {
                    let (x, y) = (px / ratio, py / ratio);
                    s.figure.rotate(x - x0, y - y0);
                    s.drag = Drag::Turn(x, y);
                }
            }
            fr2.request();
        },
    );
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.keys(&canvas, move |key, shift| {
        let used = state
            .try_borrow_mut()
            .is_ok_and(|mut s| s.figure.key(key, shift));
        if used {
            fr.request();
        }
        used
    });
    shell.offer(root, kind, &inner).map_err(MountError::Dom)?;
    frame.run();
    Ok(shell)
}

impl Inner {
    fn render(&mut self) -> Result<(), String> {
        let figure = &self.figure;
        let (_, _, ratio) = self.view.fit(
            shell::css_width(&self.root),
            SurfaceFigure::height_for_width,
        );
        self.view
            .direct(|root| figure.draw(root, ratio).map_err(|e| e.to_string()))?;
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

impl shell::View for Inner {
    fn canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.canvas.clone()]
    }
    fn svg(&self) -> Result<String, String> {
        self.figure
            .svg_for::<Canvas>(720)
            .map_err(|e| e.to_string())
    }
    fn url_options(&self) -> Vec<(&'static str, String)> {
        self.figure.url_options()
    }
}
