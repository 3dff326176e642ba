//! The `norms` widget: steepest unit steps under L2, L1 and L∞. Alone, the reader aims the
//! gradient by dragging (or with the arrow keys); in a group it follows the shared point.

use super::backend::Canvas;
use super::dom::{self, create, ElementOptions};
use super::group::Group;
use super::shell::{self, LayeredCanvas, Shell};
use super::MountError;
use crate::figures::format::num;
use crate::figures::norms::NormsFigure;
use crate::figures::Layer;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{Element, HtmlElement};

struct Inner {
    root: Element,
    group: Rc<Group>,
    linked: bool,
    figure: NormsFigure,
    view: LayeredCanvas,
    hint: HtmlElement,
}

pub fn mount(root: &Element) -> Result<Shell, MountError> {
    let figure = NormsFigure::from_options(&ElementOptions(root))?;
    let name = root.get_attribute("data-group");
    let linked = name.as_deref().is_some_and(|n| !n.trim().is_empty());
    let group = Group::join(name);
    let err = MountError::Dom;
    root.set_inner_html("");
    let view = LayeredCanvas::new("Steepest steps under three norms").map_err(err)?;
    view.canvas.set_tab_index(0);
    let wrap = create("div", "gdviz-figure").map_err(err)?;
    let _ = wrap.append_child(&view.canvas);
    let hint = create("p", "gdviz-hint").map_err(err)?;
    let _ = root.append_child(&wrap);
    let _ = root.append_child(&hint);
    let canvas = view.canvas.clone();
    let inner = Rc::new(RefCell::new(Inner {
        root: root.clone(),
        group: Rc::clone(&group),
        linked,
        figure,
        view,
        hint,
    }));
    let render_state = Rc::clone(&inner);
    let mut shell = Shell::new(root, "norms", move || {
        render_state
            .try_borrow_mut()
            .map_or(Ok(()), |mut s| s.render())
    });
    let frame = shell.frame();
    group.subscribe(&frame);

    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    let (state2, fr2) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.drag(
        &canvas,
        move |px, py| {
            let Ok(mut s) = state.try_borrow_mut() else {
                return false;
            };
            let aimed = !s.linked && s.aim(px, py);
            if aimed {
                fr.request();
            }
            aimed
        },
        move |px, py| {
            if let Ok(mut s) = state2.try_borrow_mut() {
                if s.aim(px, py) {
                    fr2.request();
                }
            }
        },
    );
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.keys(&canvas, move |key, shift| {
        let Ok(mut s) = state.try_borrow_mut() else {
            return false;
        };
        let step = if shift { 15f64 } else { 1f64 }.to_radians();
        let turn = match key {
            "ArrowLeft" | "ArrowUp" => step,
            "ArrowRight" | "ArrowDown" => -step,
            _ => return false,
        };
        if s.linked {
            return false;
        }
        let g = s.figure.grad();
        s.figure.aim(g[1].atan2(g[0]) + turn);
        fr.request();
        true
    });
    shell
        .offer(root, "norms", &inner)
        .map_err(MountError::Dom)?;
    frame.run();
    Ok(shell)
}

impl Inner {
    /// Aims the gradient at backing-store pixel (px, py); false if it is on no panel.
    fn aim(&mut self, px: f64, py: f64) -> bool {
        let ratio = super::canvas::pixel_ratio();
        match NormsFigure::aim_at(self.view.canvas.width(), ratio, px, py) {
            Some(theta) => {
                self.figure.aim(theta);
                true
            }
            None => false,
        }
    }

    fn render(&mut self) -> Result<(), String> {
        if self.linked {
            if let Some(p) = self.group.current_point() {
                // A typed function's undefined point has no gradient: keep the last one.
                if p.function.check(p.point[0], p.point[1]).is_none() {
                    self.figure
                        .set_grad(p.function.gradient(p.point[0], p.point[1]));
                }
            }
        }
        let figure = &self.figure;
        let (_, _, ratio) = self
            .view
            .fit(shell::css_width(&self.root), NormsFigure::height_for_width);
        // Titles, axes and unit balls once per size; the gradient's part every frame.
        self.view.background(|root, _| {
            figure
                .draw(root, Layer::Background, ratio)
                .map_err(|e| e.to_string())
        })?;
        let overlay = self.view.overlay()?;
        figure
            .draw(&overlay, Layer::Overlay, ratio)
            .map_err(|e| e.to_string())?;
        let s = figure.state();
        self.hint.set_text_content(Some(if self.linked {
            "The gradient follows the point of the linked plots."
        } else {
            "Drag in any panel to aim the gradient, or use the arrow keys (Shift: 15°). Aim along a diagonal to see the diamond tie."
        }));
        let words = match (s.l2, s.l1, s.linf) {
            (Some(a), Some(b), Some(c)) => format!(
                "For the gradient ({}, {}): under L2 the best unit step is ({}, {}) with rate {}; under L1 ({}, {}) with rate {}{}; under L-infinity ({}, {}) with rate {}.",
                num(s.grad[0], 3), num(s.grad[1], 3),
                num(a[0], 3), num(a[1], 3), num(s.l2_value.unwrap_or(0.0), 3),
                num(b[0], 3), num(b[1], 3), num(s.l1_value.unwrap_or(0.0), 3),
                if s.l1_tie { ", tied with the whole edge" } else { "" },
                num(c[0], 3), num(c[1], 3), num(s.linf_value.unwrap_or(0.0), 3)
            ),
            _ => "The gradient is zero: every unit step has rate 0 under every norm.".to_owned(),
        };
        dom::set_attribute_if_changed(&self.view.canvas, "aria-label", &words);
        dom::set_state(&self.root, &s);
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
        if self.linked {
            Vec::new()
        } else {
            self.figure.url_options()
        }
    }
}
