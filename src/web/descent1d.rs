//! The `descent-1d` widget: a curve, Step and Reset, a learning-rate field, and a point the
//! reader drags along the curve (or moves with the arrow keys).

use super::backend::Canvas;
use super::dom::{self, create, ElementOptions};
use super::mlp::button;
use super::shell::{self, LayeredCanvas, Shell};
use super::MountError;
use crate::figures::descent1d::Descent1d;
use crate::figures::format::{num, sig};
use crate::figures::options::parse_number;
use crate::figures::training::check_lr;
use crate::figures::{Layer, PlotArea};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement};

struct Inner {
    root: Element,
    model: Descent1d,
    view: LayeredCanvas,
    area: Option<PlotArea>,
    step_button: HtmlButtonElement,
    lr: HtmlInputElement,
    alert: HtmlElement,
}

pub fn mount(root: &Element) -> Result<Shell, MountError> {
    let model = Descent1d::from_options(&ElementOptions(root))?;
    let err = MountError::Dom;
    root.set_inner_html("");
    let view = LayeredCanvas::new("Gradient descent in one dimension").map_err(err)?;
    view.canvas.set_tab_index(0);
    let wrap = create("div", "gdviz-figure").map_err(err)?;
    let _ = wrap.append_child(&view.canvas);
    let toolbar = create("div", "gdviz-toolbar").map_err(err)?;
    let step_button = button("Step", "gdviz-button gdviz-primary")?;
    let reset = button("Reset", "gdviz-button")?;
    let label = create("label", "gdviz-field gdviz-inline").map_err(err)?;
    let span = create("span", "").map_err(err)?;
    span.set_text_content(Some("learning rate η"));
    let lr: HtmlInputElement = create("input", "").map_err(err)?.unchecked_into();
    lr.set_type("text");
    let _ = lr.set_attribute("inputmode", "decimal");
    lr.set_value(&sig(model.lr(), 15));
    let _ = label.append_child(&span);
    let _ = label.append_child(&lr);
    for el in [step_button.as_ref(), reset.as_ref(), label.as_ref()] as [&web_sys::Node; 3] {
        let _ = toolbar.append_child(el);
    }
    let alert = create("p", "gdviz-error").map_err(err)?;
    let _ = alert.set_attribute("role", "alert");
    alert.set_hidden(true);
    for el in [&wrap, &toolbar, &alert] {
        let _ = root.append_child(el);
    }
    let canvas = view.canvas.clone();
    let inner = Rc::new(RefCell::new(Inner {
        root: root.clone(),
        model,
        view,
        area: None,
        step_button: step_button.clone(),
        lr: lr.clone(),
        alert,
    }));
    let render_state = Rc::clone(&inner);
    let mut shell = Shell::new(root, "descent-1d", move || {
        render_state
            .try_borrow_mut()
            .map_or(Ok(()), |mut s| s.render())
    });
    let frame = shell.frame();

    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.listen(&step_button, "click", move |_| {
        if let Ok(mut s) = state.try_borrow_mut() {
            s.model.step();
            fr.request();
        }
    });
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.listen(&reset, "click", move |_| {
        if let Ok(mut s) = state.try_borrow_mut() {
            s.model.reset();
            s.lr.set_value(&sig(s.model.lr(), 15));
            let _ = s.lr.remove_attribute("aria-invalid");
            s.alert.set_hidden(true);
            fr.request();
        }
    });
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    let field = lr.clone();
    shell.listen(&lr, "change", move |_| {
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        let raw = field.value();
        match parse_number("the η field", &raw).and_then(|v| check_lr("the η field", &raw, v)) {
            Ok(v) => {
                s.model.set_lr(v);
                let _ = field.remove_attribute("aria-invalid");
                s.alert.set_hidden(true);
            }
            Err(e) => {
                let _ = field.set_attribute("aria-invalid", "true");
                s.alert
                    .set_text_content(Some(&format!("Not applied: {e}.")));
                s.alert.set_hidden(false);
            }
        }
        fr.request();
    });
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    let (state2, fr2) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.drag(
        &canvas,
        move |px, py| {
            let Ok(mut s) = state.try_borrow_mut() else {
                return false;
            };
            let Some(area) = s.area else { return false };
            if !area.contains(px, py, 6.0 * super::canvas::pixel_ratio()) {
                return false;
            }
            s.model.set_x(area.to_data(px, py)[0]);
            fr.request();
            true
        },
        move |px, py| {
            let Ok(mut s) = state2.try_borrow_mut() else {
                return;
            };
            if let Some(area) = s.area {
                s.model.set_x(area.to_data(px, py)[0]);
                fr2.request();
            }
        },
    );
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.keys(&canvas, move |key, shift| {
        let Ok(mut s) = state.try_borrow_mut() else {
            return false;
        };
        let used = s.model.key(key, shift);
        if used {
            fr.request();
        }
        used
    });
    shell
        .offer(root, "descent-1d", &inner)
        .map_err(MountError::Dom)?;
    frame.run();
    Ok(shell)
}

impl Inner {
    fn render(&mut self) -> Result<(), String> {
        let model = &self.model;
        // The axes and the curve are drawn once per size; each frame blits them and draws the
        // moving part.
        let (_, _, ratio) = self
            .view
            .fit(shell::css_width(&self.root), Descent1d::height_for_width);
        self.view.background(|root, _| {
            model
                .draw_layer(root, Layer::Background, ratio)
                .map(|_| ())
                .map_err(|e| e.to_string())
        })?;
        let overlay = self.view.overlay()?;
        self.area = Some(
            model
                .draw_layer(&overlay, Layer::Overlay, ratio)
                .map_err(|e| e.to_string())?,
        );
        self.step_button.set_disabled(model.diverged_at().is_some());
        let s = model.state();
        let words = match s.diverged_at {
            Some(k) => format!("The run diverged at step {k}; lower the learning rate or reset."),
            None => format!(
                "Step {}: x = {}, f(x) = {}, slope f′(x) = {}; the next step moves x by −η·f′(x) = {}.",
                s.step, num(s.x, 3), num(s.f, 3), num(s.slope, 3), num(-s.lr * s.slope, 3)
            ),
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
        self.model.svg_for::<Canvas>(720).map_err(|e| e.to_string())
    }
    fn url_options(&self) -> Vec<(&'static str, String)> {
        self.model.url_options()
    }
}
