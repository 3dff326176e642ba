//! The `sinusoid` widget: the directional derivative as θ turns (drag along θ or use the
//! arrow keys), beside the contour plot with a direction dial (drag the dial's handle).

use super::backend::Canvas;
use super::dom::{self, create, ElementOptions};
use super::expr_field::ExprField;
use super::group::Group;
use super::shell::{self, LayeredCanvas, Shell};
use super::MountError;
use crate::figures::contour_plot::Fill;
use crate::figures::format::num;
use crate::figures::sinusoid::SinusoidFigure;
use crate::figures::{Layer, PlotArea};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::Element;

struct Inner {
    root: Element,
    group: Rc<Group>,
    figure: SinusoidFigure,
    curve: LayeredCanvas,
    dial: LayeredCanvas,
    curve_area: Option<PlotArea>,
    dial_area: Option<PlotArea>,
    /// True while the drag on the dial panel moves the point rather than the direction.
    moving_point: bool,
    /// The function and point the curve panel's background was drawn for.
    curve_drawn_for: Option<crate::figures::contour::Config>,
    expr: ExprField,
}

pub fn mount(root: &Element) -> Result<Shell, MountError> {
    let mut figure = SinusoidFigure::from_options(&ElementOptions(root))?;
    let group = Group::join(root.get_attribute("data-group"));
    figure.set_config(group.init_point(figure.config().clone()));
    let err = MountError::Dom;
    root.set_inner_html("");
    let panels = create("div", "gdviz-panels").map_err(err)?;
    let curve = LayeredCanvas::new("Directional derivative").map_err(err)?;
    let dial = LayeredCanvas::new("Direction dial").map_err(err)?;
    for c in [&curve.canvas, &dial.canvas] {
        c.set_tab_index(0);
        let wrap = create("div", "gdviz-figure gdviz-panel").map_err(err)?;
        let _ = wrap.append_child(c);
        let _ = panels.append_child(&wrap);
    }
    let hint = create("p", "gdviz-hint").map_err(err)?;
    hint.set_text_content(Some("Drag along the curve or turn the dial's handle, or use the arrow keys (Shift: 10°, Home: the steepest direction). Drag the orange point to move it."));
    let expr = ExprField::new(figure.config().function).map_err(err)?;
    let controls = create("div", "gdviz-controls").map_err(err)?;
    let _ = controls.append_child(&expr.label);
    let expr_input = expr.input.clone();
    let _ = root.append_child(&panels);
    let _ = root.append_child(&hint);
    let _ = root.append_child(&controls);

    let (curve_canvas, dial_canvas) = (curve.canvas.clone(), dial.canvas.clone());
    let inner = Rc::new(RefCell::new(Inner {
        root: root.clone(),
        group: Rc::clone(&group),
        figure,
        curve,
        dial,
        curve_area: None,
        dial_area: None,
        moving_point: false,
        curve_drawn_for: None,
        expr,
    }));
    let render_state = Rc::clone(&inner);
    let mut shell = Shell::new(root, "sinusoid", move || {
        render_state
            .try_borrow_mut()
            .map_or(Ok(()), |mut s| s.render())
    });
    let frame = shell.frame();
    group.subscribe(&frame);

    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.listen(&expr_input, "change", move |_| {
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        let Some((function, point)) = s.expr.read_new(
            s.figure.config().function,
            crate::figures::contour::default_point,
        ) else {
            return;
        };
        let config = crate::figures::contour::Config { function, point };
        s.dial.invalidate();
        s.figure.set_config(config.clone());
        s.group.set_point(config);
        fr.request();
    });

    for (canvas, on_dial) in [(curve_canvas.clone(), false), (dial_canvas.clone(), true)] {
        let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
        let (state2, fr2) = (Rc::clone(&inner), Rc::clone(&frame));
        shell.drag(
            &canvas,
            move |px, py| {
                let changed = state
                    .try_borrow_mut()
                    .is_ok_and(|mut s| s.point_at(on_dial, px, py, true));
                if changed {
                    fr.request();
                }
                changed
            },
            move |px, py| {
                if state2
                    .try_borrow_mut()
                    .is_ok_and(|mut s| s.point_at(on_dial, px, py, false))
                {
                    fr2.request();
                }
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
    }
    shell
        .offer(root, "sinusoid", &inner)
        .map_err(MountError::Dom)?;
    frame.run();
    Ok(shell)
}

impl Inner {
    /// Turns θ to the pointer (or, on the dial panel, moves the point when the press landed on
    /// it); on a press, only if it lands on the panel. Returns true if something changed.
    fn point_at(&mut self, on_dial: bool, px: f64, py: f64, press: bool) -> bool {
        let slack = 6.0 * super::canvas::pixel_ratio();
        if on_dial {
            let Some(area) = self.dial_area else {
                return false;
            };
            if press && !area.contains(px, py, slack) {
                return false;
            }
            if press {
                self.moving_point =
                    self.figure
                        .on_point(&area, px, py, 12.0 * super::canvas::pixel_ratio());
            }
            if self.moving_point {
                self.figure.move_point(&area, px, py);
                self.group.set_point(self.figure.config().clone());
                return true;
            }
            match self.figure.dial_theta(&area, px, py) {
                Some(t) => {
                    self.figure.set_theta(t);
                    true
                }
                None => false,
            }
        } else {
            let Some(area) = self.curve_area else {
                return false;
            };
            if press && !area.contains(px, py, slack) {
                return false;
            }
            self.figure.set_theta(SinusoidFigure::theta_at(&area, px));
            true
        }
    }

    fn render(&mut self) -> Result<(), String> {
        if let Some(shared) = self.group.current_point() {
            if shared.function != self.figure.config().function {
                self.dial.invalidate();
                self.expr.show(shared.function);
            }
            self.figure.set_config(shared);
        }
        let total = shell::css_width(&self.root);
        let wide = total >= 640.0;
        let width = if wide { (total - 16.0) / 2.0 } else { total };
        let figure = &self.figure;
        // The curves change only with the point; turning θ redraws just the marker.
        if self.curve_drawn_for.as_ref() != Some(figure.config()) {
            self.curve.invalidate();
            self.curve_drawn_for = Some(figure.config().clone());
        }
        let (_, _, ratio) = self
            .curve
            .fit(width, SinusoidFigure::curve_height_for_width);
        self.curve.background(|root, _| {
            figure
                .draw_curve_layer(root, Layer::Background, ratio)
                .map(|_| ())
                .map_err(|e| e.to_string())
        })?;
        let overlay = self.curve.overlay()?;
        let curve_area = Some(
            figure
                .draw_curve_layer(&overlay, Layer::Overlay, ratio)
                .map_err(|e| e.to_string())?,
        );
        let (_, _, ratio) = self
            .dial
            .fit(width, |w, r| figure.dial_height_for_width(w, r));
        self.dial.background_filled(
            |a, w, h| figure.fill_rgba(a, w, h),
            |root, fill| figure.draw_dial(root, Layer::Background, fill, ratio),
        )?;
        let overlay = self.dial.overlay()?;
        self.dial_area = Some(
            figure
                .draw_dial(&overlay, Layer::Overlay, Fill::None, ratio)
                .map_err(|e| e.to_string())?,
        );
        self.curve_area = curve_area;

        let s = figure.state();
        let words = match (s.theta_star, s.amplitude) {
            (Some(t), Some(a)) => format!(
                "Directional derivative of f at ({}, {}) as the direction turns: a sinusoid peaking at θ* = {}° with value ‖∇f‖ = {}. At θ = {}° the rate is {}.",
                num(s.x, 2), num(s.y, 2), num(t.to_degrees(), 2), num(a, 3), num(s.theta.to_degrees(), 1), num(s.d_theta, 3)
            ),
            _ => format!(
                "At ({}, {}) the gradient is zero: the directional derivative is 0 in every direction, so there is no steepest direction.",
                num(s.x, 2), num(s.y, 2)
            ),
        };
        dom::set_attribute_if_changed(&self.curve.canvas, "aria-label", &words);
        dom::set_attribute_if_changed(
            &self.dial.canvas,
            "aria-label",
            &format!(
                "Contour plot with a direction dial at ({}, {}); u(θ) points at {}°.",
                num(s.x, 2),
                num(s.y, 2),
                num(s.theta.to_degrees(), 1)
            ),
        );
        dom::set_state(&self.root, &s);
        Ok(())
    }
}

impl shell::View for Inner {
    fn canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.curve.canvas.clone(), self.dial.canvas.clone()]
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
