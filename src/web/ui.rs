//! A widget's controls and readouts: the DOM built from its [`Part`]s, and each frame's
//! [`Ui`] written into it (only what changed).

use super::dom::{self, create, make};
use super::error::Result;
use super::live::LiveRegion;
use crate::figures::widget::{Part, Prop, Table, Ui};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlElement};

/// The built DOM of one widget.
pub struct UiDom {
    /// Elements by id.
    elements: Vec<(&'static str, HtmlElement)>,
    /// A slider's value display, by the slider's id.
    outputs: Vec<(&'static str, HtmlElement)>,
    /// Controls to listen to: id, the event that reports a use (`click` for a button,
    /// `input` for a slider as it moves, `change` for a field or menu when the reader is done).
    pub controls: Vec<(&'static str, &'static str, HtmlElement)>,
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
                let class = if c.chart {
                    "gdviz-figure gdviz-chart"
                } else {
                    "gdviz-figure"
                };
                let wrap = make("div", class, &[], "")?;
                self.canvas(&wrap, c, canvases);
                wrap
            }
            Part::Panels(list) => {
                let panels = make("div", "gdviz-panels", &[], "")?;
                for c in list {
                    let wrap = make("div", "gdviz-figure gdviz-panel", &[], "")?;
                    self.canvas(&wrap, c, canvases);
                    append(&panels, &[&wrap]);
                }
                panels
            }
            Part::Row {
                class,
                group,
                items,
            } => {
                let named: &[(&str, &str)] = match group {
                    Some(label) => &[("role", "group"), ("aria-label", label)],
                    None => &[],
                };
                self.group(make("div", class, named, "")?, items, canvases)?
            }
            Part::Toggles { label, items } => {
                let named = [("role", "group"), ("aria-label", *label)];
                self.group(make("span", "gdviz-toggle", &named, "")?, items, canvases)?
            }
            Part::Fieldset { legend, items } => {
                let set = make("fieldset", "gdviz-inputs", &[], "")?;
                append(&set, &[&make("legend", "", &[], legend)?]);
                self.group(set, items, canvases)?
            }
            Part::Button {
                id,
                text,
                class,
                swatch,
            } => {
                let b = make("button", class, &[("type", "button")], text)?;
                if let Some((r, g, bl)) = swatch {
                    // The swatch's colour is data, set on the element (no inline style
                    // attribute: CSP).
                    let _ = b
                        .style()
                        .set_property("border-left", &format!("6px solid rgb({r}, {g}, {bl})"));
                }
                self.control(id, "click", &b);
                b
            }
            Part::Slider {
                id,
                caption,
                range: (min, max, step),
                label,
            } => {
                let range = [
                    ("type", "range"),
                    ("min", &*min.to_string()),
                    ("max", &*max.to_string()),
                    ("step", &*step.to_string()),
                ];
                let input = make("input", "", &range, "")?;
                if let Some(l) = label {
                    let _ = input.set_attribute("aria-label", l);
                }
                let output = make("output", "gdviz-value", &[], "")?;
                let wrap = make("label", "gdviz-field gdviz-inline gdviz-slider", &[], "")?;
                append(&wrap, &[&make("span", "", &[], caption)?, &input, &output]);
                self.control(id, "input", &input);
                self.outputs.push((id, output));
                wrap
            }
            Part::Field {
                id,
                caption,
                inline,
            } => {
                let class = if *inline {
                    "gdviz-field gdviz-inline"
                } else {
                    "gdviz-field"
                };
                let number = [
                    ("type", "text"),
                    ("inputmode", "decimal"),
                    ("autocomplete", "off"),
                    ("spellcheck", "false"),
                ];
                let input = make("input", "", &number, "")?;
                let wrap = make("label", class, &[], "")?;
                append(&wrap, &[&make("span", "", &[], caption)?, &input]);
                self.control(id, "change", &input);
                wrap
            }
            Part::Expr { id, message } => {
                let typed = [
                    ("type", "text"),
                    ("spellcheck", "false"),
                    ("autocomplete", "off"),
                    ("autocapitalize", "off"),
                ];
                let input = make("input", "", &typed, "")?;
                let note = make(
                    "span",
                    "gdviz-hint gdviz-expr-message",
                    &[("aria-live", "polite")],
                    "",
                )?;
                let caption = "Your own f(x, y), then Enter — e.g. sin(x)*cos(y) + x^2/10";
                let wrap = make("label", "gdviz-field gdviz-expr", &[], "")?;
                append(&wrap, &[&make("span", "", &[], caption)?, &input, &note]);
                self.control(id, "change", &input);
                self.elements.push((message, note));
                wrap
            }
            Part::Select {
                id,
                caption,
                options,
            } => {
                let select = make("select", "gdviz-select", &[], "")?;
                for (value, text) in options {
                    append(&select, &[&make("option", "", &[("value", value)], text)?]);
                }
                let wrap = make("label", "gdviz-label", &[], caption)?;
                append(&wrap, &[&select]);
                self.control(id, "change", &select);
                wrap
            }
            Part::Text {
                id,
                class,
                text,
                polite,
            } => {
                let live: &[(&str, &str)] = if *polite {
                    &[("aria-live", "polite")]
                } else {
                    &[]
                };
                let p = make("p", class, live, text)?;
                self.elements.push((id, p.clone()));
                p
            }
            Part::Alert { id } => {
                let p = make("p", "gdviz-error", &[("role", "alert")], "")?;
                p.set_hidden(true);
                self.elements.push((id, p.clone()));
                p
            }
            Part::Readouts(list) => {
                let dl = make("dl", "gdviz-readouts", &[], "")?;
                for (id, term, title) in list {
                    let tip: &[(&str, &str)] = match title {
                        Some(t) => &[("title", t)],
                        None => &[],
                    };
                    let dd = make("dd", "", tip, "")?;
                    append(&dl, &[&make("dt", "", &[], term)?, &dd]);
                    self.elements.push((id, dd));
                }
                dl
            }
            Part::Tables { id, summary } => {
                let details = make("details", "gdviz-tables", &[("open", "")], "")?;
                let body = make("div", "", &[], "")?;
                append(&details, &[&make("summary", "", &[], summary)?, &body]);
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

    /// Builds `items` into `container` and returns it.
    fn group<'a>(
        &mut self,
        container: HtmlElement,
        items: &[Part],
        canvases: &mut impl Iterator<Item = &'a HtmlCanvasElement>,
    ) -> Result<HtmlElement> {
        for item in items {
            self.part(&container, item, canvases)?;
        }
        Ok(container)
    }

    /// Registers a control by id, to listen to and to update.
    fn control(&mut self, id: &'static str, event: &'static str, el: &HtmlElement) {
        self.controls.push((id, event, el.clone()));
        self.elements.push((id, el.clone()));
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

    /// Writes a frame's `ui` into the DOM (what differs from the last frame) and, if the
    /// frame built it, `data-state` into `root` (with one `gdviz-change` when it changed).
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
                    dom::set_text(target, t);
                }
                Prop::Hidden(on) => el.set_hidden(*on),
                Prop::Disabled(on) => {
                    if let Some(b) = el.dyn_ref::<web_sys::HtmlButtonElement>() {
                        b.set_disabled(*on);
                    }
                }
                Prop::Pressed(on) => attr(el, "aria-pressed", if *on { "true" } else { "false" }),
                Prop::Value(v) => set_value(el, v),
                Prop::Invalid(true) => attr(el, "aria-invalid", "true"),
                Prop::Invalid(false) => {
                    let _ = el.remove_attribute("aria-invalid");
                }
                Prop::ValueText(t) => attr(el, "aria-valuetext", t),
                Prop::Label(t) => attr(el, "aria-label", t),
                Prop::Tables(_) => {}
            }
        }
        if let (Some(live), Some(text)) = (&self.live, &ui.live) {
            live.announce(text);
        }
        // A frame of a motion may not want `data-state` (see `figures::rhythm`): then it
        // was not built, and what the page has stays.
        if ui.wants_state() && ui.state != self.last_state {
            // With `gdviz-change`; at most one event per frame: this runs once per frame.
            dom::write_state(root, &ui.state);
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
            && tables
                .iter()
                .zip(shown.iter())
                .all(|(t, (old, _))| t.same_shape(old));
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

fn attr(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

/// Sets a select's or an input's value to `v`, unless it has it already or the reader is
/// editing it (a range being dragged, a focused field, a field whose text was refused): in
/// one call into JavaScript (`js::set_value`), where the checks took eight (an mlp Step sets
/// nine fields).
fn set_value(el: &HtmlElement, v: &str) {
    super::js::set_value(el, v);
}

fn append(parent: &HtmlElement, children: &[&HtmlElement]) {
    for c in children {
        let _ = parent.append_child(c);
    }
}

/// A built table's elements: the caption, each row, and every cell in one array, row after
/// row, for updates in a single call.
struct TableDom {
    caption: HtmlElement,
    rows: Vec<HtmlElement>,
    cells: js_sys::Array,
}

/// Joins the cells' new texts for [`js::set_texts`](super::js::set_texts).
const SEPARATOR: char = '\u{1f}';

impl TableDom {
    /// Brings the table from `old`'s numbers to `new`'s (same shape), touching only what
    /// changed.
    fn update(&self, old: &Table, new: &Table) {
        if old.caption != new.caption {
            dom::set_text(&self.caption, &new.caption);
        }
        for (k, tr) in self.rows.iter().enumerate() {
            if old.dead[k] != new.dead[k] {
                tr.set_class_name(if new.dead[k] { "gdviz-dead" } else { "" });
            }
        }
        // The changed cells in one call into the page, not one call each (an mlp step
        // changes about 80); a text holding the separator, which no table writes, is set on
        // its own.
        let mut changed: Vec<u32> = Vec::new();
        let mut texts = String::new();
        let cells = old.rows.iter().flatten().zip(new.rows.iter().flatten());
        for (index, (was, text)) in (0u32..).zip(cells) {
            if was == text {
                continue;
            }
            if text.contains(SEPARATOR) {
                dom::set_text(self.cells.get(index).unchecked_ref(), text);
            } else {
                if !changed.is_empty() {
                    texts.push(SEPARATOR);
                }
                texts.push_str(text);
                changed.push(index);
            }
        }
        if !changed.is_empty() {
            super::js::set_texts(&self.cells, &changed, &texts);
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
    let cells = js_sys::Array::new();
    for (k, row) in t.rows.iter().enumerate() {
        let dead = t.dead.get(k).copied().unwrap_or(false);
        let tr = create("tr", if dead { "gdviz-dead" } else { "" })?;
        for (i, cell) in row.iter().enumerate() {
            let td = create(if i == 0 { "th" } else { "td" }, "")?;
            if i == 0 {
                let _ = td.set_attribute("scope", "row");
            }
            td.set_text_content(Some(cell));
            let _ = tr.append_child(&td);
            cells.push(&td);
        }
        let _ = tbody.append_child(&tr);
        rows.push(tr);
    }
    let _ = table.append_child(&tbody);
    Ok((
        wrap,
        TableDom {
            caption,
            rows,
            cells,
        },
    ))
}
