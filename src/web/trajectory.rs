//! The `trajectory` widget: the contour plot with four optimizers' paths from a draggable
//! start, a toggle per optimizer, a log-scale learning-rate slider, Play/Pause, Step, Reset,
//! and the loss per iteration.

use super::backend::Canvas;
use super::dom::{self, create, ElementOptions};
use super::expr_field::ExprField;
use super::mlp::button;
use super::shell::{self, FrameLoop, LayeredCanvas, Shell};
use super::MountError;
use crate::figures::format::{num, sig};
use crate::figures::trajectory::{
    default_lr, default_start, Config, TrajectoryFigure, COLORS, NAMES,
};
use crate::figures::PlotArea;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement};

/// The slider moves log₁₀ η over this range.
const LOG_LR: (f64, f64) = (-4.0, 0.5);

struct Inner {
    root: Element,
    figure: TrajectoryFigure,
    view: LayeredCanvas,
    chart: LayeredCanvas,
    area: Option<PlotArea>,
    play: HtmlButtonElement,
    step: HtmlButtonElement,
    toggles: Vec<HtmlButtonElement>,
    slider: HtmlInputElement,
    lr_value: HtmlElement,
    summary: HtmlElement,
    live: shell::LiveRegion,
    playing: bool,
    frame: Option<Rc<FrameLoop>>,
    expr: ExprField,
}

/// True if the reader asked the system for less motion: Play then runs to the end at once.
fn reduced_motion() -> bool {
    super::dom::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

pub fn mount(root: &Element) -> Result<Shell, MountError> {
    let config = Config::from_options(&ElementOptions(root))?;
    let figure = TrajectoryFigure::new(config);
    let err = MountError::Dom;
    root.set_inner_html("");
    let wrap = create("div", "gdviz-figure").map_err(err)?;
    let view = LayeredCanvas::new("Optimizer paths on a contour plot").map_err(err)?;
    view.canvas.set_tab_index(0);
    let _ = wrap.append_child(&view.canvas);

    let toolbar = create("div", "gdviz-toolbar").map_err(err)?;
    let play = button("Play", "gdviz-button gdviz-primary")?;
    let step = button("Step", "gdviz-button")?;
    let reset = button("Reset", "gdviz-button")?;
    for b in [&play, &step, &reset] {
        let _ = toolbar.append_child(b);
    }
    let (label, slider, lr_value) = super::dom::slider(
        "learning rate η",
        (&LOG_LR.0.to_string(), &LOG_LR.1.to_string(), "0.01"),
        &figure.config().lr.log10().to_string(),
    )
    .map_err(err)?;
    let _ = slider.set_attribute("aria-label", "learning rate, log scale");
    let _ = toolbar.append_child(&label);

    let legend = create("div", "gdviz-toolbar gdviz-paths").map_err(err)?;
    let _ = legend.set_attribute("role", "group");
    let _ = legend.set_attribute("aria-label", "paths shown");
    let mut toggles = Vec::new();
    for (k, name) in NAMES.iter().enumerate() {
        let t = button(name, "gdviz-button gdviz-path-toggle")?;
        let c = COLORS[k];
        // The swatch's colour is data, set on the element (no inline style attribute: CSP).
        let _ = t.style().set_property(
            "border-left",
            &format!("6px solid rgb({}, {}, {})", c.0, c.1, c.2),
        );
        let _ = legend.append_child(&t);
        toggles.push(t);
    }
    let chart = LayeredCanvas::new("Loss per iteration").map_err(err)?;
    let chart_wrap = create("div", "gdviz-figure gdviz-chart").map_err(err)?;
    let _ = chart_wrap.append_child(&chart.canvas);
    let summary = create("p", "gdviz-summary").map_err(err)?;
    let hint = create("p", "gdviz-hint").map_err(err)?;
    hint.set_text_content(Some(
        "Drag the orange start (or focus the plot and use the arrow keys); the paths restart from it.",
    ));
    let expr = ExprField::new(figure.config().function).map_err(err)?;
    let controls = create("div", "gdviz-controls").map_err(err)?;
    let _ = controls.append_child(&expr.label);
    let expr_input = expr.input.clone();
    for el in [
        &wrap,
        &toolbar,
        &legend,
        &summary,
        &chart_wrap,
        &hint,
        &controls,
    ] {
        let _ = root.append_child(el);
    }
    let live = shell::LiveRegion::new(root).map_err(MountError::Dom)?;
    let canvas = view.canvas.clone();
    let inner = Rc::new(RefCell::new(Inner {
        root: root.clone(),
        figure,
        view,
        chart,
        area: None,
        play: play.clone(),
        step: step.clone(),
        toggles: toggles.clone(),
        slider: slider.clone(),
        lr_value,
        summary,
        live,
        playing: false,
        frame: None,
        expr,
    }));
    let render_state = Rc::clone(&inner);
    let mut shell = Shell::new(root, "trajectory", move || {
        render_state
            .try_borrow_mut()
            .map_or(Ok(()), |mut s| s.render())
    });
    let frame = shell.frame();
    if let Ok(mut s) = inner.try_borrow_mut() {
        s.frame = Some(Rc::clone(&frame));
    }

    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.listen(&expr_input, "change", move |_| {
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        let Some((function, start)) = s.expr.read_new(s.figure.config().function, default_start)
        else {
            return;
        };
        let old = s.figure.config().clone();
        s.playing = false;
        s.figure = TrajectoryFigure::new(Config {
            function,
            start,
            lr: default_lr(function),
            iter: 0,
            ..old
        });
        s.view.invalidate();
        fr.request();
    });
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.listen(&play, "click", move |_| {
        if let Ok(mut s) = state.try_borrow_mut() {
            if s.playing {
                s.playing = false;
            } else {
                if s.figure.finished() {
                    s.figure.reset();
                }
                if reduced_motion() {
                    s.figure.run_to_end();
                } else {
                    s.playing = true;
                }
            }
            fr.request();
        }
    });
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.listen(&step, "click", move |_| {
        if let Ok(mut s) = state.try_borrow_mut() {
            s.playing = false;
            s.figure.step();
            fr.request();
        }
    });
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    shell.listen(&reset, "click", move |_| {
        if let Ok(mut s) = state.try_borrow_mut() {
            s.playing = false;
            s.figure.reset();
            fr.request();
        }
    });
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    let field = slider.clone();
    shell.listen(&slider, "input", move |_| {
        if let (Ok(mut s), Ok(v)) = (state.try_borrow_mut(), field.value().parse::<f64>()) {
            // Two significant digits: the slider picks a rate, not a long decimal.
            let lr: f64 = sig(10f64.powf(v.clamp(LOG_LR.0, LOG_LR.1)), 2)
                .parse()
                .unwrap_or(0.1);
            s.figure.set_lr(lr);
            fr.request();
        }
    });
    for (k, t) in toggles.iter().enumerate() {
        let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
        shell.listen(t, "click", move |_| {
            if let Ok(mut s) = state.try_borrow_mut() {
                s.figure.toggle(k);
                fr.request();
            }
        });
    }
    shell.point_input(&canvas, &inner, &frame);
    shell
        .offer(root, "trajectory", &inner)
        .map_err(MountError::Dom)?;
    frame.run();
    Ok(shell)
}

impl Inner {
    fn render(&mut self) -> Result<(), String> {
        if self.playing {
            // One iteration per frame while playing.
            self.figure.step();
            if self.figure.finished() {
                self.playing = false;
            } else if let Some(f) = &self.frame {
                f.request();
            }
        }
        let width = shell::css_width(&self.root);
        let figure = &self.figure;
        self.area = Some(self.view.plot(
            width,
            |w, r| figure.height_for_width(w, r),
            |a, w, h| figure.fill_rgba(a, w, h),
            |root, layer, fill, ratio| figure.draw(root, layer, fill, ratio),
        )?);
        let (_, _, ratio) = self
            .chart
            .fit(width, TrajectoryFigure::chart_height_for_width);
        self.chart
            .direct(|root| figure.draw_losses(root, ratio).map_err(|e| e.to_string()))?;
        self.update_text();
        Ok(())
    }

    fn update_text(&self) {
        let s = self.figure.state();
        let c = self.figure.config();
        self.play
            .set_text_content(Some(if self.playing { "Pause" } else { "Play" }));
        dom::set_attribute_if_changed(
            &self.play,
            "aria-pressed",
            if self.playing { "true" } else { "false" },
        );
        self.step.set_disabled(self.figure.finished());
        self.lr_value.set_text_content(Some(&sig(c.lr, 3)));
        dom::set_attribute_if_changed(
            &self.slider,
            "aria-valuetext",
            &format!("η = {}", sig(c.lr, 3)),
        );
        let log = c.lr.log10().to_string();
        if self.slider.value() != log && !self.slider.matches(":active").unwrap_or(false) {
            self.slider.set_value(&log);
        }
        for (k, t) in self.toggles.iter().enumerate() {
            dom::set_attribute_if_changed(
                t,
                "aria-pressed",
                if c.enabled[k] { "true" } else { "false" },
            );
        }
        let parts: Vec<String> = self
            .figure
            .paths()
            .iter()
            .zip(c.enabled)
            .enumerate()
            .filter(|(_, (_, on))| *on)
            .map(|(k, (p, _))| {
                let name = NAMES[k].split(' ').next().unwrap_or("");
                match p.diverged_at {
                    Some(at) => format!("{name} diverged at step {at}"),
                    None => format!(
                        "{name} f = {}",
                        p.losses.last().map_or_else(String::new, |l| num(*l, 4))
                    ),
                }
            })
            .collect();
        let text = format!(
            "Iteration {} of {}, η = {}, from ({}, {}): {}.",
            s.iter,
            s.iters,
            sig(c.lr, 3),
            num(c.start[0], 2),
            num(c.start[1], 2),
            parts.join("; ")
        );
        self.summary.set_text_content(Some(&text));
        let _ = self.view.canvas.set_attribute(
            "aria-label",
            &format!(
                "Contour plot of f(x, y) = {} with optimizer paths. {text}",
                c.function.formula()
            ),
        );
        if !self.playing {
            self.live.announce(&text);
        }
        super::dom::set_state(&self.root, &s);
    }
}

impl shell::PointInput for Inner {
    type Figure = TrajectoryFigure;
    fn area(&self) -> Option<PlotArea> {
        self.area
    }
    fn figure(&mut self) -> &mut TrajectoryFigure {
        &mut self.figure
    }
    /// Moving the start stops a run that is playing.
    fn moved(&mut self, frame: &FrameLoop) {
        self.playing = false;
        frame.request();
    }
}

impl shell::View for Inner {
    fn canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.canvas.clone(), self.chart.canvas.clone()]
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
