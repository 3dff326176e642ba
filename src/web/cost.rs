//! The `cost` widget: chain length slider, the two strategies drawn, counts and timings
//! measured in this browser, the finite-difference error against h, and the article's table.

use super::backend::Canvas;
use super::dom::{self, create, ElementOptions};
use super::mlp::button;
use super::shell::{self, LayeredCanvas, Shell};
use super::MountError;
use crate::figures::cost::{table, CostFigure, Timings, MAX_N};
use crate::figures::format::sig;
use crate::figures::Layer;
use crate::math::cost::Chain;
use std::cell::RefCell;
use std::hint::black_box;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

struct Inner {
    root: Element,
    figure: CostFigure,
    diagram: LayeredCanvas,
    chart: LayeredCanvas,
    error: LayeredCanvas,
    value: HtmlElement,
    slider: HtmlInputElement,
}

/// Chain lengths timed.
const TIMED: [u64; 7] = [1, 2, 5, 10, 20, 50, 100];

/// Nanoseconds per call of `f`, repeating it until at least 1.5 ms have passed.
fn time_per_call(now: &dyn Fn() -> f64, mut f: impl FnMut() -> f64) -> f64 {
    let mut reps: u32 = 1;
    loop {
        let start = now();
        let mut acc = 0.0;
        for _ in 0..reps {
            acc += black_box(f());
        }
        black_box(acc);
        let elapsed = now() - start;
        if elapsed >= 1.5 || reps >= 1 << 16 {
            return elapsed * 1e6 / f64::from(reps);
        }
        reps *= 4;
    }
}

/// Times both gradients for each chain length in [`TIMED`].
fn measure() -> Option<Timings> {
    let perf = dom::window()?.performance()?;
    let now = move || perf.now();
    let mut t = Timings {
        n: Vec::new(),
        fd_ns: Vec::new(),
        backprop_ns: Vec::new(),
    };
    // Warm up first (the engine optimises hot code after a few calls).
    let warm = Chain::new(20);
    time_per_call(&now, || warm.finite_difference(0.5, 0.2, 1e-6).gradient[0]);
    time_per_call(&now, || warm.backprop(0.5, 0.2).gradient[0]);
    for n in TIMED {
        let chain = Chain::new(n as usize);
        t.n.push(n);
        t.fd_ns.push(time_per_call(&now, || {
            chain.finite_difference(0.5, 0.2, 1e-6).gradient[0]
        }));
        t.backprop_ns
            .push(time_per_call(&now, || chain.backprop(0.5, 0.2).gradient[0]));
    }
    Some(t)
}

pub fn mount(root: &Element) -> Result<Shell, MountError> {
    let figure = CostFigure::from_options(&ElementOptions(root))?;
    let err = MountError::Dom;
    root.set_inner_html("");
    let controls = create("div", "gdviz-toolbar").map_err(err)?;
    let (label, slider, value) = super::dom::slider(
        "chain length n",
        ("1", &MAX_N.to_string(), "1"),
        &figure.n().to_string(),
    )
    .map_err(err)?;
    let again = button("Measure again", "gdviz-button")?;
    let _ = controls.append_child(&label);
    let _ = controls.append_child(&again);
    let mut canvases = Vec::new();
    let _ = root.append_child(&controls);
    for name in [
        "The two strategies",
        "Operations and measured time against n",
        "Error of the finite-difference estimate against h",
    ] {
        let c = LayeredCanvas::new(name).map_err(err)?;
        let wrap = create("div", "gdviz-figure gdviz-chart").map_err(err)?;
        let _ = wrap.append_child(&c.canvas);
        let _ = root.append_child(&wrap);
        canvases.push(c);
    }
    // The article's table, counted by running the instrumented chain.
    let wrap = create("div", "gdviz-table-wrap").map_err(err)?;
    let t = create("table", "gdviz-table").map_err(err)?;
    let _ = t.set_attribute("data-table", "cost");
    let caption = create("caption", "").map_err(err)?;
    caption.set_text_content(Some("Operations for one gradient, counted"));
    let _ = t.append_child(&caption);
    let head = create("tr", "").map_err(err)?;
    for h in ["chain length n", "finite differences", "backprop", "ratio"] {
        let th = create("th", "").map_err(err)?;
        let _ = th.set_attribute("scope", "col");
        th.set_text_content(Some(h));
        let _ = head.append_child(&th);
    }
    let _ = t.append_child(&head);
    for r in table() {
        let tr = create("tr", "").map_err(err)?;
        for cell in [
            r.n.to_string(),
            r.fd.to_string(),
            r.backprop.to_string(),
            format!("{}×", sig(r.ratio, 4)),
        ] {
            let td = create("td", "").map_err(err)?;
            td.set_text_content(Some(&cell));
            let _ = tr.append_child(&td);
        }
        let _ = t.append_child(&tr);
    }
    let _ = wrap.append_child(&t);
    let _ = root.append_child(&wrap);

    let error = canvases.pop().ok_or(MountError::Dom("no canvas".into()))?;
    let chart = canvases.pop().ok_or(MountError::Dom("no canvas".into()))?;
    let diagram = canvases.pop().ok_or(MountError::Dom("no canvas".into()))?;
    let inner = Rc::new(RefCell::new(Inner {
        root: root.clone(),
        figure,
        diagram,
        chart,
        error,
        value,
        slider: slider.clone(),
    }));
    let render_state = Rc::clone(&inner);
    let mut shell = Shell::new(root, "cost", move || {
        render_state
            .try_borrow_mut()
            .map_or(Ok(()), |mut s| s.render())
    });
    let frame = shell.frame();

    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    let field = slider.clone();
    shell.listen(&slider, "input", move |_| {
        if let (Ok(mut s), Ok(n)) = (state.try_borrow_mut(), field.value().parse::<u64>()) {
            s.figure.set_n(n);
            fr.request();
        }
    });
    let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
    let run_measure = move || {
        if let (Ok(mut s), Some(t)) = (state.try_borrow_mut(), measure()) {
            s.figure.set_timings(t);
            // The timing dots are part of the chart's static layer.
            s.chart.invalidate();
            fr.request();
        }
    };
    let measure_now = run_measure.clone();
    shell.listen(&again, "click", move |_| measure_now());
    shell.offer(root, "cost", &inner).map_err(MountError::Dom)?;
    frame.run();
    // Measure after the first paint, so the page shows the figure at once.
    if let Some(w) = dom::window() {
        let cb = Closure::once_into_js(run_measure);
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 50);
    }
    Ok(shell)
}

impl Inner {
    fn render(&mut self) -> Result<(), String> {
        let width = shell::css_width(&self.root);
        let figure = &self.figure;
        for (view, which) in [
            (&mut self.diagram, 0),
            (&mut self.chart, 1),
            (&mut self.error, 2),
        ] {
            let (_, _, ratio) = view.fit(width, |w, r| match which {
                0 => figure.diagram_height_for_width(w, r),
                1 => CostFigure::chart_height_for_width(w, r),
                _ => CostFigure::error_height_for_width(w, r),
            });
            // The diagram changes whole with n: drawn straight on its canvas. The chart's axes
            // and curves change only with the timings (its guide and title are the overlay);
            // the error-against-h chart never.
            if which == 0 {
                view.direct(|root| figure.draw_diagram(root, ratio).map_err(|e| e.to_string()))?;
                continue;
            }
            view.background(|root, _| {
                match which {
                    1 => figure.draw_chart(root, Layer::Background, ratio),
                    _ => figure.draw_error(root, ratio),
                }
                .map_err(|e| e.to_string())
            })?;
            let overlay = view.overlay()?;
            if which == 1 {
                figure
                    .draw_chart(&overlay, Layer::Overlay, ratio)
                    .map_err(|e| e.to_string())?;
            }
        }
        let s = figure.state();
        self.value.set_text_content(Some(&s.n.to_string()));
        dom::set_attribute_if_changed(
            &self.slider,
            "aria-valuetext",
            &format!(
                "n = {}: {} against {} operations",
                s.n, s.fd_ops, s.backprop_ops
            ),
        );
        dom::set_attribute_if_changed(
            &self.diagram.canvas,
            "aria-label",
            &format!("A chain of {} layers: finite differences take {} layer operations, backprop {}, {} times fewer.", s.n, s.fd_ops, s.backprop_ops, sig(s.ratio, 4)),
        );
        if let Some(t) = &s.timings {
            let last = t.n.len().saturating_sub(1);
            dom::set_attribute_if_changed(
            &self.chart.canvas,
                "aria-label",
                &format!(
                    "Measured in this browser: at n = {}, finite differences took {} ns per gradient and backprop {} ns.",
                    t.n.get(last).copied().unwrap_or(0),
                    sig(t.fd_ns.get(last).copied().unwrap_or(0.0), 3),
                    sig(t.backprop_ns.get(last).copied().unwrap_or(0.0), 3)
                ),
            );
        }
        dom::set_state(&self.root, &s);
        Ok(())
    }
}

impl shell::View for Inner {
    fn canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![
            self.diagram.canvas.clone(),
            self.chart.canvas.clone(),
            self.error.canvas.clone(),
        ]
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
