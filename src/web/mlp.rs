//! The `mlp` widget: the network graph (forward or backward), the "Step SGD" and "Reset"
//! buttons, editable example and weights, a summary of the last step, the loss chart and the
//! article's tables, all computed from the shared training run.

use super::backend::Canvas;
use super::dom::{self, create, ElementOptions};
use super::group::Group;
use super::shell::{self, LayeredCanvas, Shell};
use super::MountError;
use crate::figures::format::{num, sig};
use crate::figures::mlp::{self, View};
use crate::figures::options::parse_number;
use crate::figures::training::{check_lr, RunConfig, TrainingRun, WEIGHTS, WEIGHT_NAMES};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement};

struct Inner {
    root: Element,
    group: Rc<Group>,
    view: View,
    graph: LayeredCanvas,
    chart: LayeredCanvas,
    step_button: HtmlButtonElement,
    toggles: [HtmlButtonElement; 2],
    summary: HtmlElement,
    alert: HtmlElement,
    inputs: Vec<HtmlInputElement>,
    tables: HtmlElement,
    /// The tables on the page and their cells, updated in place while their shape holds
    /// (rebuilding them forces a layout of the whole page on every step).
    shown_tables: Vec<(mlp::Table, TableDom)>,
    /// The divergence the alert last reported.
    shown_divergence: Option<usize>,
}

/// The editable fields, in input order: x, y*, η, then the six weights.
const FIELDS: [&str; 3 + WEIGHTS] = [
    "x",
    "y*",
    "η",
    WEIGHT_NAMES[0],
    WEIGHT_NAMES[1],
    WEIGHT_NAMES[2],
    WEIGHT_NAMES[3],
    WEIGHT_NAMES[4],
    WEIGHT_NAMES[5],
];

pub fn button(text: &str, class: &str) -> Result<HtmlButtonElement, MountError> {
    let b: HtmlButtonElement = create("button", class)
        .map_err(MountError::Dom)?
        .unchecked_into();
    let _ = b.set_attribute("type", "button");
    b.set_text_content(Some(text));
    Ok(b)
}

/// Builds the widget in `root`, joining its group's training run.
pub fn mount(root: &Element) -> Result<Shell, MountError> {
    let config = RunConfig::from_options(&ElementOptions(root))?;
    let view = mlp::view_option(&ElementOptions(root))?;
    let group = Group::join(root.get_attribute("data-group"));
    group.init_run(|| TrainingRun::new(config));
    let err = MountError::Dom;
    root.set_inner_html("");

    let toolbar = create("div", "gdviz-toolbar").map_err(err)?;
    let step_button = button("Step SGD", "gdviz-button gdviz-primary")?;
    let reset = button("Reset", "gdviz-button")?;
    let toggle_box = create("span", "gdviz-toggle").map_err(err)?;
    let _ = toggle_box.set_attribute("role", "group");
    let _ = toggle_box.set_attribute("aria-label", "Show the pass");
    let toggles = [
        button("Forward", "gdviz-button")?,
        button("Backward", "gdviz-button")?,
    ];
    for t in &toggles {
        let _ = toggle_box.append_child(t);
    }
    for el in [step_button.as_ref(), reset.as_ref(), toggle_box.as_ref()] as [&web_sys::Node; 3] {
        let _ = toolbar.append_child(el);
    }
    let summary = create("p", "gdviz-summary").map_err(err)?;
    let _ = summary.set_attribute("aria-live", "polite");
    let alert = create("p", "gdviz-error").map_err(err)?;
    let _ = alert.set_attribute("role", "alert");
    alert.set_hidden(true);

    let graph = LayeredCanvas::new("The network").map_err(err)?;
    let graph_box = create("div", "gdviz-figure").map_err(err)?;
    let _ = graph_box.append_child(&graph.canvas);

    let fields = create("fieldset", "gdviz-inputs").map_err(err)?;
    let legend = create("legend", "").map_err(err)?;
    legend.set_text_content(Some(
        "Example, learning rate and weights (edit and press Enter)",
    ));
    let _ = fields.append_child(&legend);
    let mut inputs = Vec::new();
    for name in FIELDS {
        let label = create("label", "gdviz-field").map_err(err)?;
        let span = create("span", "").map_err(err)?;
        span.set_text_content(Some(name));
        let input: HtmlInputElement = create("input", "").map_err(err)?.unchecked_into();
        input.set_type("text");
        let _ = input.set_attribute("inputmode", "decimal");
        let _ = input.set_attribute("autocomplete", "off");
        let _ = input.set_attribute("spellcheck", "false");
        let _ = label.append_child(&span);
        let _ = label.append_child(&input);
        let _ = fields.append_child(&label);
        inputs.push(input);
    }

    let chart = LayeredCanvas::new("Loss per step").map_err(err)?;
    let chart_box = create("div", "gdviz-figure gdviz-chart").map_err(err)?;
    let _ = chart_box.append_child(&chart.canvas);

    let details = create("details", "gdviz-tables").map_err(err)?;
    let _ = details.set_attribute("open", "");
    let summary_el = create("summary", "").map_err(err)?;
    summary_el.set_text_content(Some("Every number of the next step, table by table"));
    let _ = details.append_child(&summary_el);
    let tables = create("div", "").map_err(err)?;
    let _ = details.append_child(&tables);

    for el in [
        &toolbar, &summary, &alert, &graph_box, &fields, &chart_box, &details,
    ] {
        let _ = root.append_child(el);
    }

    let inner = Rc::new(RefCell::new(Inner {
        root: root.clone(),
        group: Rc::clone(&group),
        view,
        graph,
        chart,
        step_button: step_button.clone(),
        toggles: toggles.clone(),
        summary,
        alert,
        inputs: inputs.clone(),
        tables,
        shown_tables: Vec::new(),
        shown_divergence: None,
    }));
    let render_state = Rc::clone(&inner);
    let mut shell = Shell::new(root, "mlp", move || {
        render_state
            .try_borrow_mut()
            .map_or(Ok(()), |mut s| s.render())
    });
    let frame = shell.frame();
    group.subscribe(&frame);

    let g = Rc::clone(&group);
    shell.listen(&step_button, "click", move |_| {
        g.update_run(|run| {
            run.step();
        })
    });
    let g = Rc::clone(&group);
    let state = Rc::clone(&inner);
    shell.listen(&reset, "click", move |_| {
        if let Ok(s) = state.try_borrow() {
            s.set_alert(None);
        }
        g.update_run(TrainingRun::reset);
    });
    for (k, t) in toggles.iter().enumerate() {
        let (state, fr) = (Rc::clone(&inner), Rc::clone(&frame));
        shell.listen(t, "click", move |_| {
            if let Ok(mut s) = state.try_borrow_mut() {
                s.view = if k == 0 {
                    View::Forward
                } else {
                    View::Backward
                };
                s.graph.invalidate();
                fr.request();
            }
        });
    }
    for (k, input) in inputs.iter().enumerate() {
        let (state, g, field) = (Rc::clone(&inner), Rc::clone(&group), input.clone());
        shell.listen(input, "change", move |_| {
            let raw = field.value();
            let key = format!("the {} field", FIELDS[k]);
            let parsed = parse_number(&key, &raw).and_then(|v| {
                if k == 2 {
                    check_lr(&key, &raw, v)
                } else {
                    Ok(v)
                }
            });
            let Ok(s) = state.try_borrow() else { return };
            match parsed {
                Err(e) => {
                    let _ = field.set_attribute("aria-invalid", "true");
                    s.set_alert(Some(&format!("Not applied: {e}.")));
                }
                Ok(v) => {
                    let apply = move |run: &mut TrainingRun| match k {
                        0 => run.set_example(v, run.target),
                        1 => run.set_example(run.x, v),
                        2 => run.set_lr(v),
                        _ => run.set_weight(k - 3, v),
                    };
                    // Try the change on a copy first: values whose loss overflows are refused.
                    let finite =
                        g.run
                            .try_borrow()
                            .ok()
                            .and_then(|r| r.clone())
                            .is_some_and(|mut run| {
                                apply(&mut run);
                                run.start_is_finite()
                            });
                    if !finite {
                        let _ = field.set_attribute("aria-invalid", "true");
                        s.set_alert(Some(&format!(
                            "Not applied: with {}={raw} the loss overflows.",
                            FIELDS[k]
                        )));
                        return;
                    }
                    let _ = field.remove_attribute("aria-invalid");
                    s.set_alert(None);
                    drop(s);
                    g.update_run(apply);
                }
            }
        });
    }
    shell.offer(root, "mlp", &inner).map_err(MountError::Dom)?;
    frame.run();
    Ok(shell)
}

impl Inner {
    fn set_alert(&self, message: Option<&str>) {
        self.alert.set_text_content(message);
        self.alert.set_hidden(message.is_none());
    }

    fn render(&mut self) -> Result<(), String> {
        let group = Rc::clone(&self.group);
        let run_ref = group
            .run
            .try_borrow()
            .map_err(|_| "the training run is busy")?;
        let run = run_ref.as_ref().ok_or("no training run")?;
        let width = shell::css_width(&self.root);
        let view = self.view;

        // The graph and the loss chart change whole with every step: drawn straight on
        // their canvases.
        let (_, _, ratio) = self.graph.fit(width, mlp::graph_height_for_width);
        self.graph
            .direct(|root| mlp::draw_graph(root, run, view, ratio).map_err(|e| e.to_string()))?;
        let (_, _, ratio) = self.chart.fit(width, mlp::chart_height_for_width);
        self.chart.direct(|root| {
            mlp::draw_losses(root, run.losses(), ratio).map_err(|e| e.to_string())
        })?;

        for (k, t) in self.toggles.iter().enumerate() {
            let pressed = (k == 0) == (view == View::Forward);
            dom::set_attribute_if_changed(
                t,
                "aria-pressed",
                if pressed { "true" } else { "false" },
            );
        }
        let values = [run.x, run.target, run.lr];
        let weights = run.weights();
        let active = dom::document().and_then(|d| d.active_element());
        for (k, input) in self.inputs.iter().enumerate() {
            let v = if k < 3 { values[k] } else { weights[k - 3] };
            let editing = active
                .as_ref()
                .is_some_and(|a| a == input.unchecked_ref::<Element>());
            let text = sig(v, 15);
            if !editing && input.get_attribute("aria-invalid").is_none() && input.value() != text {
                input.set_value(&text);
            }
        }
        self.step_button.set_disabled(run.diverged_at().is_some());
        self.summary.set_text_content(Some(&summary(run)));
        // Say so once when the run diverges (or stops diverging); other messages stay put.
        if run.diverged_at() != self.shown_divergence {
            self.shown_divergence = run.diverged_at();
            match run.diverged_at() {
                Some(k) => self.set_alert(Some(&format!(
                    "The run diverged at step {k}: the step produced a number too large to represent, so it was not applied. Lower η or press Reset."
                ))),
                None => self.set_alert(None),
            }
        }
        let step = run.next_step();
        dom::set_attribute_if_changed(&self.graph.canvas, "aria-label", &graph_label(run, view));
        dom::set_attribute_if_changed(&self.chart.canvas, "aria-label", &chart_label(run.losses()));
        let tables = mlp::tables(&step, run.x, run.target, run.lr);
        let same_shape = tables.len() == self.shown_tables.len()
            && tables.iter().zip(&self.shown_tables).all(|(t, (old, _))| {
                t.id == old.id
                    && t.headers == old.headers
                    && t.rows.len() == old.rows.len()
                    && t.rows
                        .iter()
                        .zip(&old.rows)
                        .all(|(a, b)| a.len() == b.len())
            });
        if same_shape {
            for (table, (old, dom)) in tables.into_iter().zip(&mut self.shown_tables) {
                dom.update(old, &table);
                *old = table;
            }
        } else {
            self.tables.set_inner_html("");
            self.shown_tables.clear();
            for table in tables {
                if let Ok((el, dom)) = build_table(&table) {
                    let _ = self.tables.append_child(&el);
                    self.shown_tables.push((table, dom));
                }
            }
        }
        dom::set_state(&self.root, &run.mlp_state());
        Ok(())
    }
}

fn summary(run: &TrainingRun) -> String {
    let k = run.step_count();
    let losses = run.losses();
    let Some(step) = run.last_step() else {
        return format!(
            "Step {k}. The loss at these weights is {}. Press Step SGD to apply the update in the last table.",
            sig(losses[k], 10)
        );
    };
    let (before, after) = (step.forward.loss, step.loss_after);
    let change = if before > 0.0 {
        (before - after) / before * 100.0
    } else {
        0.0
    };
    let direction = if change >= 0.0 {
        format!("down {}%", sig(change, 6))
    } else {
        format!("up {}%", sig(-change, 6))
    };
    // What a hand calculation that rounds ŷ to three decimals first would print.
    let yhat = step.forward_after.yhat;
    let rounded_yhat = (yhat * 1000.0).round() / 1000.0;
    let rounded = (rounded_yhat - run.target).powi(2);
    let rounding = if sig(rounded, 2) == sig(after, 2) {
        String::new()
    } else {
        format!(
            " These are exact values: rounding ŷ to {} before squaring, as a hand calculation does, would give ({} − {})² = {}.",
            num(rounded_yhat, 3),
            num(rounded_yhat, 3),
            num(run.target, 3),
            sig(rounded, 3)
        )
    };
    format!(
        "Step {k}. The last step took the loss from {} to {} ({direction}); ŷ is now {}.{rounding}",
        sig(before, 10),
        sig(after, 10),
        sig(yhat, 10)
    )
}

/// The loss chart in words: the first and latest losses and the lowest, not every step's
/// (a list that grew by one number a step, reformatted on every draw).
fn chart_label(losses: &[f64]) -> String {
    match losses {
        [] => "Loss per step: no steps yet".to_owned(),
        [only] => format!("Loss per step: {} before any step", sig(*only, 4)),
        [first, .., last] => {
            let lowest = losses.iter().copied().fold(f64::INFINITY, f64::min);
            let steps = losses.len() - 1;
            format!(
                "Loss per step over {steps} step{}: {} at the start, {} now, lowest {}",
                if steps == 1 { "" } else { "s" },
                sig(*first, 4),
                sig(*last, 4),
                sig(lowest, 4)
            )
        }
    }
}

fn graph_label(run: &TrainingRun, view: View) -> String {
    let s = run.next_step();
    let dead: Vec<String> = (0..s.forward.z.len())
        .filter(|&j| s.forward.dead(j))
        .map(|j| format!("h{}", j + 1))
        .collect();
    let dead = if dead.is_empty() {
        "no neuron is dead".to_owned()
    } else {
        format!("dead (z ≤ 0): {}", dead.join(", "))
    };
    match view {
        View::Forward => format!(
            "Network 1→3→1, forward pass: x = {}, z = ({}), ŷ = {}, loss {}; {dead}.",
            sig(run.x, 6),
            s.forward
                .z
                .iter()
                .map(|v| sig(*v, 6))
                .collect::<Vec<_>>()
                .join(", "),
            sig(s.forward.yhat, 6),
            sig(s.forward.loss, 6)
        ),
        View::Backward => format!(
            "Network 1→3→1, backward pass: ∂L/∂ŷ = {}, gradient ({}); {dead}.",
            sig(s.backward.dl_dyhat, 6),
            s.backward
                .gradient()
                .iter()
                .map(|v| sig(*v, 6))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A built table's elements: the caption, and each row with its cells.
struct TableDom {
    caption: HtmlElement,
    rows: Vec<(HtmlElement, Vec<HtmlElement>)>,
}

impl TableDom {
    /// Brings the table from `old`'s numbers to `new`'s (same shape), touching only what
    /// changed.
    fn update(&self, old: &mlp::Table, new: &mlp::Table) {
        if old.caption != new.caption {
            self.caption.set_text_content(Some(&new.caption));
        }
        for (k, (tr, cells)) in self.rows.iter().enumerate() {
            if old.dead[k] != new.dead[k] {
                tr.set_class_name(if new.dead[k] { "gdviz-dead" } else { "" });
            }
            for (i, cell) in cells.iter().enumerate() {
                if old.rows[k][i] != new.rows[k][i] {
                    cell.set_text_content(Some(&new.rows[k][i]));
                }
            }
        }
    }
}

fn build_table(t: &mlp::Table) -> Result<(HtmlElement, TableDom), String> {
    let wrap = create("div", "gdviz-table-wrap")?;
    let table = create("table", "gdviz-table")?;
    let _ = wrap.append_child(&table);
    let _ = table.set_attribute("data-table", t.id);
    let caption = create("caption", "")?;
    caption.set_text_content(Some(&t.caption));
    let _ = table.append_child(&caption);
    let thead = create("thead", "")?;
    let tr = create("tr", "")?;
    for h in &t.headers {
        let th = create("th", "")?;
        let _ = th.set_attribute("scope", "col");
        th.set_text_content(Some(h));
        let _ = tr.append_child(&th);
    }
    let _ = thead.append_child(&tr);
    let _ = table.append_child(&thead);
    let tbody = create("tbody", "")?;
    let mut rows = Vec::new();
    for (row, dead) in t.rows.iter().zip(&t.dead) {
        let tr = create("tr", if *dead { "gdviz-dead" } else { "" })?;
        let mut cells = Vec::new();
        for (i, cell) in row.iter().enumerate() {
            let td = create(if i == 0 { "th" } else { "td" }, "")?;
            if i == 0 {
                let _ = td.set_attribute("scope", "row");
            }
            td.set_text_content(Some(cell));
            let _ = tr.append_child(&td);
            cells.push(td);
        }
        let _ = tbody.append_child(&tr);
        rows.push((tr, cells));
    }
    let _ = table.append_child(&tbody);
    Ok((wrap, TableDom { caption, rows }))
}

impl shell::View for Inner {
    fn canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.graph.canvas.clone(), self.chart.canvas.clone()]
    }
    fn svg(&self) -> Result<String, String> {
        {
            let run = self
                .group
                .run
                .try_borrow()
                .map_err(|_| "the training run is busy".to_owned())?;
            let run = run.as_ref().ok_or("no training run")?;
            mlp::svg_for::<Canvas>(run, self.view, 720).map_err(|e| e.to_string())
        }
    }
    fn url_options(&self) -> Vec<(&'static str, String)> {
        self.group
            .run
            .try_borrow()
            .ok()
            .and_then(|r| r.as_ref().map(TrainingRun::url_options))
            .map(|mut v| {
                v.push(("view", self.view.name().to_owned()));
                v
            })
            .unwrap_or_default()
    }
}
