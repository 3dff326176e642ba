//! A widget's controls and readouts: the DOM built from its [`Part`]s, and each frame's
//! [`Ui`] written into it (only what changed).

use super::dom::{self, create};
use super::error::Result;
use super::live::LiveRegion;
use crate::figures::widget::{Part, Prop, Table, Ui};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// What a control reports when the reader uses it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// A button: "click".
    Button,
    /// A slider: "input", as it moves.
    Slider,
    /// A text field or menu: "change", when the reader is done.
    Field,
}

/// The built DOM of one widget.
pub struct UiDom {
    /// Elements by id.
    elements: Vec<(&'static str, HtmlElement)>,
    /// A slider's value display, by the slider's id.
    outputs: Vec<(&'static str, HtmlElement)>,
    /// Controls to listen to.
    pub controls: Vec<(&'static str, Control, HtmlElement)>,
    /// Tables shown in each [`Part::Tables`] container, with their cells.
    tables: Vec<(&'static str, Vec<(Table, TableDom)>)>,
    live: Option<LiveRegion>,
    /// What the last frame wrote, to skip writing it again.
    last: Vec<(&'static str, Prop)>,
    /// The `data-state` last written (compared here, not read back from the page: a long
    /// run's state is large).
    last_state: String,
}

impl UiDom {
    /// Builds `parts` into `root`, placing `canvases` (in order) where the parts have them.
    pub fn build(root: &Element, parts: &[Part], canvases: &[HtmlCanvasElement]) -> Result<Self> {
        let mut dom = Self {
            elements: Vec::new(),
            outputs: Vec::new(),
            controls: Vec::new(),
            tables: Vec::new(),
            live: None,
            last: Vec::new(),
            last_state: String::new(),
        };
        let mut next = canvases.iter();
        for part in parts {
            dom.part(root, part, &mut next)?;
        }
        Ok(dom)
    }

    fn part<'a>(
        &mut self,
        parent: &Element,
        part: &Part,
        canvases: &mut impl Iterator<Item = &'a HtmlCanvasElement>,
    ) -> Result {
        let el: HtmlElement = match part {
            Part::Canvas(c) => {
                let wrap = create(
                    "div",
                    if c.chart {
                        "gdviz-figure gdviz-chart"
                    } else {
                        "gdviz-figure"
                    },
                )?;
                self.canvas(&wrap, c, canvases);
                wrap
            }
            Part::Panels(list) => {
                let panels = create("div", "gdviz-panels")?;
                for c in list {
                    let wrap = create("div", "gdviz-figure gdviz-panel")?;
                    self.canvas(&wrap, c, canvases);
                    let _ = panels.append_child(&wrap);
                }
                panels
            }
            Part::Row {
                class,
                group,
                items,
            } => {
                let row = create("div", class)?;
                if let Some(label) = group {
                    let _ = row.set_attribute("role", "group");
                    let _ = row.set_attribute("aria-label", label);
                }
                for item in items {
                    self.part(&row, item, canvases)?;
                }
                row
            }
            Part::Toggles { label, items } => {
                let span = create("span", "gdviz-toggle")?;
                let _ = span.set_attribute("role", "group");
                let _ = span.set_attribute("aria-label", label);
                for item in items {
                    self.part(&span, item, canvases)?;
                }
                span
            }
            Part::Button {
                id,
                text,
                class,
                swatch,
            } => {
                let b = create("button", class)?;
                let _ = b.set_attribute("type", "button");
                b.set_text_content(Some(text));
                if let Some((r, g, bl)) = swatch {
                    // The swatch's colour is data, set on the element (no inline style
                    // attribute: CSP).
                    let _ = b
                        .style()
                        .set_property("border-left", &format!("6px solid rgb({r}, {g}, {bl})"));
                }
                self.controls.push((id, Control::Button, b.clone()));
                self.elements.push((id, b.clone()));
                b
            }
            Part::Slider {
                id,
                caption,
                range: (min, max, step),
                label,
            } => {
                let wrap = create("label", "gdviz-field gdviz-inline gdviz-slider")?;
                let input: HtmlInputElement = create("input", "")?.unchecked_into();
                input.set_type("range");
                input.set_min(&min.to_string());
                input.set_max(&max.to_string());
                input.set_step(&step.to_string());
                if let Some(l) = label {
                    let _ = input.set_attribute("aria-label", l);
                }
                let output = create("output", "gdviz-value")?;
                let input: HtmlElement = input.unchecked_into();
                append(&wrap, &[&caption_span(caption)?, &input, &output]);
                self.controls.push((id, Control::Slider, input.clone()));
                self.elements.push((id, input));
                self.outputs.push((id, output));
                wrap
            }
            Part::Field {
                id,
                caption,
                inline,
            } => {
                let wrap = create(
                    "label",
                    if *inline {
                        "gdviz-field gdviz-inline"
                    } else {
                        "gdviz-field"
                    },
                )?;
                let input = text_input(&[
                    ("inputmode", "decimal"),
                    ("autocomplete", "off"),
                    ("spellcheck", "false"),
                ])?;
                append(&wrap, &[&caption_span(caption)?, &input]);
                self.controls.push((id, Control::Field, input.clone()));
                self.elements.push((id, input));
                wrap
            }
            Part::Expr { id, message } => {
                let wrap = create("label", "gdviz-field gdviz-expr")?;
                let input = text_input(&[
                    ("spellcheck", "false"),
                    ("autocomplete", "off"),
                    ("autocapitalize", "off"),
                ])?;
                let note = create("span", "gdviz-hint gdviz-expr-message")?;
                let _ = note.set_attribute("aria-live", "polite");
                append(
                    &wrap,
                    &[
                        &caption_span(
                            "Your own f(x, y), then Enter — e.g. sin(x)*cos(y) + x^2/10",
                        )?,
                        &input,
                        &note,
                    ],
                );
                self.controls.push((id, Control::Field, input.clone()));
                self.elements.push((id, input));
                self.elements.push((message, note));
                wrap
            }
            Part::Select {
                id,
                caption,
                options,
            } => {
                let wrap = create("label", "gdviz-label")?;
                wrap.set_text_content(Some(caption));
                let select = create("select", "gdviz-select")?;
                for (value, text) in options {
                    let opt = create("option", "")?;
                    let _ = opt.set_attribute("value", value);
                    opt.set_text_content(Some(text));
                    let _ = select.append_child(&opt);
                }
                let _ = wrap.append_child(&select);
                self.controls.push((id, Control::Field, select.clone()));
                self.elements.push((id, select));
                wrap
            }
            Part::Text {
                id,
                class,
                text,
                polite,
            } => {
                let p = create("p", class)?;
                if !text.is_empty() {
                    p.set_text_content(Some(text));
                }
                if *polite {
                    let _ = p.set_attribute("aria-live", "polite");
                }
                self.elements.push((id, p.clone()));
                p
            }
            Part::Alert { id } => {
                let p = create("p", "gdviz-error")?;
                let _ = p.set_attribute("role", "alert");
                p.set_hidden(true);
                self.elements.push((id, p.clone()));
                p
            }
            Part::Readouts(list) => {
                let dl = create("dl", "gdviz-readouts")?;
                for (id, term, title) in list {
                    let dt = create("dt", "")?;
                    dt.set_text_content(Some(term));
                    let dd = create("dd", "")?;
                    if let Some(t) = title {
                        let _ = dd.set_attribute("title", t);
                    }
                    append(&dl, &[&dt, &dd]);
                    self.elements.push((id, dd));
                }
                dl
            }
            Part::Fieldset { legend, items } => {
                let set = create("fieldset", "gdviz-inputs")?;
                let l = create("legend", "")?;
                l.set_text_content(Some(legend));
                let _ = set.append_child(&l);
                for item in items {
                    self.part(&set, item, canvases)?;
                }
                set
            }
            Part::Tables { id, summary } => {
                let details = create("details", "gdviz-tables")?;
                let _ = details.set_attribute("open", "");
                let s = create("summary", "")?;
                s.set_text_content(Some(summary));
                let body = create("div", "")?;
                append(&details, &[&s, &body]);
                self.elements.push((id, body));
                self.tables.push((id, Vec::new()));
                details
            }
            Part::Table(t) => build_table(t)?.0,
            Part::Live => {
                self.live = Some(LiveRegion::new(parent)?);
                return Ok(());
            }
        };
        let _ = parent.append_child(&el);
        Ok(())
    }

    fn canvas<'a>(
        &mut self,
        wrap: &HtmlElement,
        part: &crate::figures::widget::CanvasPart,
        canvases: &mut impl Iterator<Item = &'a HtmlCanvasElement>,
    ) {
        if let Some(c) = canvases.next() {
            if part.focusable {
                c.set_tab_index(0);
            }
            let _ = wrap.append_child(c);
            self.elements.push((part.id, c.clone().unchecked_into()));
        }
    }

    /// The element with this id.
    pub fn element(&self, id: &str) -> Option<&HtmlElement> {
        self.elements.iter().find(|(i, _)| *i == id).map(|(_, e)| e)
    }

    /// Writes a frame's `ui` into the DOM (what differs from the last frame) and `data-state`
    /// into `root`.
    pub fn apply(&mut self, ui: Ui, root: &Element) {
        // Fields whose refusal mark changed this frame: their value is written again (a
        // refused text is replaced by the value once the refusal is lifted, e.g. by Reset).
        let mut remarked: Vec<&str> = Vec::new();
        for (k, (id, prop)) in ui.props.iter().enumerate() {
            // Unchanged since the last frame: nothing to write. (A field the reader edited
            // sent an event, and the widget's answer is a new value if it differs.)
            let unchanged = self.last.get(k).is_some_and(|(i, p)| i == id && p == prop);
            if unchanged && !(matches!(prop, Prop::Value(_)) && remarked.contains(id)) {
                continue;
            }
            if matches!(prop, Prop::Invalid(_)) {
                remarked.push(id);
            }
            if let Prop::Tables(tables) = prop {
                self.set_tables(id, tables);
                continue;
            }
            let Some(el) = self.element(id) else { continue };
            match prop {
                Prop::Text(t) => {
                    let target = self
                        .outputs
                        .iter()
                        .find(|(i, _)| i == id)
                        .map_or(el, |(_, o)| o);
                    target.set_text_content(Some(t));
                }
                Prop::Hidden(on) => el.set_hidden(*on),
                Prop::Disabled(on) => {
                    if let Some(b) = el.dyn_ref::<web_sys::HtmlButtonElement>() {
                        b.set_disabled(*on);
                    }
                }
                Prop::Pressed(on) => {
                    dom::set_attribute_if_changed(
                        el,
                        "aria-pressed",
                        if *on { "true" } else { "false" },
                    );
                }
                Prop::Value(v) => set_value(el, v),
                Prop::Invalid(on) => {
                    let _ = if *on {
                        el.set_attribute("aria-invalid", "true")
                    } else {
                        el.remove_attribute("aria-invalid")
                    };
                }
                Prop::ValueText(t) => {
                    let _ = el.set_attribute("aria-valuetext", t);
                }
                Prop::Label(t) => {
                    let _ = el.set_attribute("aria-label", t);
                }
                Prop::Tables(_) => {}
            }
        }
        if let (Some(live), Some(text)) = (&self.live, &ui.live) {
            live.announce(text);
        }
        if ui.state != self.last_state {
            let _ = root.set_attribute("data-state", &ui.state);
            // At most one event per frame: this runs once per frame.
            dom::dispatch(root, "gdviz-change", &ui.state);
            self.last_state = ui.state;
        }
        self.last = ui.props;
    }

    /// Shows `tables` in the container `id`: cells updated in place while the tables keep
    /// their shape (rebuilding them forces a layout of the whole page on every step).
    fn set_tables(&mut self, id: &str, tables: &[Table]) {
        let Some(container) = self.element(id).cloned() else {
            return;
        };
        let Some((_, shown)) = self.tables.iter_mut().find(|(i, _)| *i == id) else {
            return;
        };
        let same_shape = tables.len() == shown.len()
            && tables.iter().zip(shown.iter()).all(|(t, (old, _))| {
                t.id == old.id
                    && t.headers == old.headers
                    && t.rows.len() == old.rows.len()
                    && t.rows
                        .iter()
                        .zip(&old.rows)
                        .all(|(a, b)| a.len() == b.len())
            });
        if same_shape {
            for (table, (old, dom)) in tables.iter().zip(shown.iter_mut()) {
                dom.update(old, table);
                *old = table.clone();
            }
        } else {
            container.set_inner_html("");
            shown.clear();
            for table in tables {
                if let Ok((el, dom)) = build_table(table) {
                    let _ = container.append_child(&el);
                    shown.push((table.clone(), dom));
                }
            }
        }
    }
}

/// Writes an input's or menu's value, unless the reader is editing it (it has the focus, its
/// text was refused, or a slider is being dragged).
fn set_value(el: &HtmlElement, v: &str) {
    if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
        if select.value() != v {
            select.set_value(v);
        }
        return;
    }
    let Some(input) = el.dyn_ref::<HtmlInputElement>() else {
        return;
    };
    if input.value() == v {
        return;
    }
    let editing = if input.type_() == "range" {
        input.matches(":active").unwrap_or(false)
    } else {
        dom::document()
            .and_then(|d| d.active_element())
            .is_some_and(|a| a == *input.unchecked_ref::<Element>())
            || input.has_attribute("aria-invalid")
    };
    if !editing {
        input.set_value(v);
    }
}

fn append(parent: &HtmlElement, children: &[&HtmlElement]) {
    for c in children {
        let _ = parent.append_child(c);
    }
}

fn caption_span(text: &str) -> Result<HtmlElement> {
    let span = create("span", "")?;
    span.set_text_content(Some(text));
    Ok(span)
}

fn text_input(attributes: &[(&str, &str)]) -> Result<HtmlElement> {
    let input: HtmlInputElement = create("input", "")?.unchecked_into();
    input.set_type("text");
    for (k, v) in attributes {
        let _ = input.set_attribute(k, v);
    }
    Ok(input.unchecked_into())
}

/// A built table's elements: the caption, and each row with its cells.
struct TableDom {
    caption: HtmlElement,
    rows: Vec<(HtmlElement, Vec<HtmlElement>)>,
}

impl TableDom {
    /// Brings the table from `old`'s numbers to `new`'s (same shape), touching only what
    /// changed.
    fn update(&self, old: &Table, new: &Table) {
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

fn build_table(t: &Table) -> Result<(HtmlElement, TableDom)> {
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
    for (k, row) in t.rows.iter().enumerate() {
        let dead = t.dead.get(k).copied().unwrap_or(false);
        let tr = create("tr", if dead { "gdviz-dead" } else { "" })?;
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
