//! The `contour` widget in the page: canvas, function menu, readouts, events.

use super::backend::Canvas;
use super::dom::{self, create, ElementOptions};
use super::expr_field::ExprField;
use super::group::Group;
use super::shell::{self, LayeredCanvas, Shell};
use super::MountError;
use crate::figures::contour::{default_point, Config, ContourFigure};
use crate::figures::format::{num, pair};
use crate::figures::PlotArea;
use crate::math::functions::Function;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlSelectElement};

/// The menu entry standing for a typed function.
const CUSTOM: &str = "custom";

struct Inner {
    root: Element,
    group: Rc<Group>,
    view: LayeredCanvas,
    readouts: [HtmlElement; 6],
    /// Says why f has no value at the point (a typed function), else hidden.
    note: HtmlElement,
    /// The typed-function field and its message.
    expr: ExprField,
    figure: ContourFigure,
    area: Option<PlotArea>,
    live: shell::LiveRegion,
}

/// Builds the widget in `root` and starts listening.
pub fn mount(root: &Element) -> Result<Shell, MountError> {
    let config = Config::from_options(&ElementOptions(root))?;
    let group = Group::join(root.get_attribute("data-group"));
    let figure = ContourFigure::new(group.init_point(config));
    let err = MountError::Dom;
    root.set_inner_html("");
    let frame_box = create("div", "gdviz-figure").map_err(err)?;
    let view = LayeredCanvas::new("Contour plot").map_err(err)?;
    view.canvas.set_tab_index(0);
    let _ = frame_box.append_child(&view.canvas);

    let controls = create("div", "gdviz-controls").map_err(err)?;
    let label = create("label", "gdviz-label").map_err(err)?;
    label.set_text_content(Some("f(x, y) = "));
    let select: HtmlSelectElement = create("select", "gdviz-select")
        .map_err(err)?
        .unchecked_into();
    for f in Function::ALL {
        let opt = create("option", "").map_err(err)?;
        let _ = opt.set_attribute("value", &f.name());
        opt.set_text_content(Some(&format!("{}  ({})", f.formula(), f.name())));
        let _ = select.append_child(&opt);
    }
    let own = create("option", "").map_err(err)?;
    let _ = own.set_attribute("value", CUSTOM);
    own.set_text_content(Some("your own: type it below"));
    let _ = select.append_child(&own);
    select.set_value(&menu_value(figure.function()));
    let _ = label.append_child(&select);
    let _ = controls.append_child(&label);
    // Your own function: any expression in x and y, applied with Enter (or on leaving the field).
    let expr = ExprField::new(figure.function()).map_err(err)?;
    let _ = controls.append_child(&expr.label);
    let expr_input = expr.input.clone();

    let list = create("dl", "gdviz-readouts").map_err(err)?;
    let readout = |term: &str| -> Result<HtmlElement, MountError> {
        let dt = create("dt", "").map_err(MountError::Dom)?;
        dt.set_text_content(Some(term));
        let dd = create("dd", "").map_err(MountError::Dom)?;
        let _ = list.append_child(&dt);
        let _ = list.append_child(&dd);
        Ok(dd)
    };
    let readouts = [
        readout("(x, y)")?,
        readout("f(x, y)")?,
        readout("∇f")?,
        readout("‖∇f‖")?,
        readout("finite difference")?,
        readout("its error")?,
    ];
    let _ = readouts[2].set_attribute("title", "exact, by dual numbers");
    let _ = readouts[4].set_attribute(
        "title",
        "central finite difference with h = 1e-5: the check the article recommends for backprop",
    );
    let note = create("p", "gdviz-hint gdviz-undefined").map_err(err)?;
    note.set_hidden(true);
    for el in [&frame_box, &controls, &list, &note] {
        let _ = root.append_child(el);
    }

    let live = shell::LiveRegion::new(root).map_err(MountError::Dom)?;
    let canvas = view.canvas.clone();
    let inner = Rc::new(RefCell::new(Inner {
        root: root.clone(),
        group: Rc::clone(&group),
        view,
        readouts,
        note,
        expr,
        figure,
        area: None,
        live,
    }));
    let render_state = Rc::clone(&inner);
    let mut shell = Shell::new(root, "contour", move || {
        render_state
            .try_borrow_mut()
            .map_or(Ok(()), |mut s| s.render())
    });
    let frame = shell.frame();
    group.subscribe(&frame);

    shell.point_input(&canvas, &inner, &frame);
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    let menu = select.clone();
    shell.listen(&select, "change", move |_| {
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        if menu.value() == CUSTOM {
            let _ = s.expr.input.focus();
            return;
        }
        if let Some(function) = Function::from_name(&menu.value()) {
            s.use_function(function, &fr);
        }
    });
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.listen(&expr_input, "change", move |_| {
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        if let Some(function) = s.expr.read() {
            if function != s.figure.function() {
                s.use_function(function, &fr);
            }
        }
    });
    shell
        .offer(root, "contour", &inner)
        .map_err(MountError::Dom)?;
    frame.run();
    Ok(shell)
}

/// The menu's value for a function: its name, or "custom" for a typed one.
fn menu_value(f: Function) -> String {
    if f.is_custom() {
        CUSTOM.to_owned()
    } else {
        f.name()
    }
}

impl Inner {
    /// Shows `function` from its default point and tells the group.
    fn use_function(&mut self, function: Function, frame: &super::shell::FrameLoop) {
        let d = function.domain();
        let preferred = d.clamp(default_point(function));
        self.figure = ContourFigure::new(Config {
            function,
            point: function.defined_near(preferred).unwrap_or(preferred),
        });
        self.view.invalidate();
        self.sync_controls();
        self.publish(frame);
    }

    /// The menu and the text field show the current function.
    fn sync_controls(&self) {
        let f = self.figure.function();
        if let Some(select) = self.root.query_selector("select").ok().flatten() {
            select
                .unchecked_into::<HtmlSelectElement>()
                .set_value(&menu_value(f));
        }
        self.expr.show(f);
    }

    /// Redraws this widget and shares the new point with the widget's group.
    fn publish(&self, frame: &super::shell::FrameLoop) {
        frame.request();
        // Linked widgets ignore points where a typed function is undefined.
        self.group.set_point(Config {
            function: self.figure.function(),
            point: self.figure.point(),
        });
    }

    /// Takes the group's point if another widget moved it.
    fn sync(&mut self) {
        let Some(shared) = self.group.current_point() else {
            return;
        };
        if shared.function != self.figure.function() {
            self.figure = ContourFigure::new(shared);
            self.view.invalidate();
            self.sync_controls();
        } else {
            self.figure.set_point(shared.point);
        }
    }

    fn render(&mut self) -> Result<(), String> {
        self.sync();
        let figure = &self.figure;
        self.area = Some(self.view.plot(
            shell::css_width(&self.root),
            |w, r| figure.height_for_width(w, r),
            |a, w, h| figure.fill_rgba(a, w, h),
            |root, layer, fill, ratio| figure.draw(root, layer, fill, ratio),
        )?);
        self.update_text();
        Ok(())
    }

    fn update_text(&self) {
        let s = self.figure.state();
        let texts = if s.undefined.is_some() {
            let none = "undefined here".to_owned();
            [
                pair([s.x, s.y], 3),
                none.clone(),
                none.clone(),
                none,
                "—".to_owned(),
                "—".to_owned(),
            ]
        } else {
            [
                pair([s.x, s.y], 3),
                num(s.f, 4),
                pair(s.grad, 3),
                num(s.norm, 4),
                pair(s.fd_grad, 9),
                crate::figures::format::sci(s.fd_error, 2),
            ]
        };
        for (el, text) in self.readouts.iter().zip(texts) {
            el.set_text_content(Some(&text));
        }
        self.note.set_hidden(s.undefined.is_none());
        self.note
            .set_text_content(Some(&s.undefined.clone().map_or_else(String::new, |why| {
                format!("At this point {why}: drag to where it is defined.")
            })));
        let formula = self.figure.function().formula();
        let label = if let Some(why) = &s.undefined {
            format!(
                "Level curves of f(x, y) = {formula}; at the point {} {why}.",
                pair([s.x, s.y], 2)
            )
        } else if s.norm == 0.0 {
            format!(
                "Level curves of f(x, y) = {formula} with the point {} at a critical point: the gradient is zero, so no direction is steepest.",
                pair([s.x, s.y], 2)
            )
        } else {
            format!(
                "Level curves of f(x, y) = {formula} with the point {}; f = {}; the gradient {} points at {}° and is perpendicular to the level curve.",
                pair([s.x, s.y], 2),
                num(s.f, 3),
                pair(s.grad, 2),
                num(s.grad[1].atan2(s.grad[0]).to_degrees(), 1)
            )
        };
        dom::set_attribute_if_changed(&self.view.canvas, "aria-label", &label);
        self.live.announce(&match &s.undefined {
            Some(why) => format!("Point {}: {why}.", pair([s.x, s.y], 2)),
            None => format!(
                "Point {}, f {}, gradient {}, norm {}.",
                pair([s.x, s.y], 2),
                num(s.f, 3),
                pair(s.grad, 2),
                num(s.norm, 3)
            ),
        });
        dom::set_state(&self.root, &s);
    }
}

impl shell::PointInput for Inner {
    type Figure = ContourFigure;
    fn area(&self) -> Option<PlotArea> {
        self.area
    }
    fn figure(&mut self) -> &mut ContourFigure {
        &mut self.figure
    }
    /// The point is shared with the widget's group.
    fn moved(&mut self, frame: &super::shell::FrameLoop) {
        self.publish(frame);
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
