//! Small DOM helpers that never panic.

use super::error::{Error, Result};
use crate::figures::json::{self, Fields, Object, Text};
use crate::figures::Options;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, Window};

pub fn window() -> Option<Window> {
    web_sys::window()
}

pub fn document() -> Option<Document> {
    window()?.document()
}

/// Creates `<tag class="class">`.
pub fn create(tag: &str, class: &str) -> Result<HtmlElement> {
    let el = document()
        .ok_or_else(|| Error::dom("no document"))?
        .create_element(tag)
        .map_err(|_| Error::dom(format!("cannot create <{tag}>")))?
        .dyn_into::<HtmlElement>()
        .map_err(|_| Error::dom(format!("<{tag}> is not an HTML element")))?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    Ok(el)
}

/// `<tag class=class>` with `attributes` and `text` (none if empty).
pub fn make(
    tag: &str,
    class: &str,
    attributes: &[(&str, &str)],
    text: &str,
) -> Result<HtmlElement> {
    let el = create(tag, class)?;
    for (k, v) in attributes {
        let _ = el.set_attribute(k, v);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    Ok(el)
}

pub fn add_class(el: &Element, class: &str) {
    let _ = el.class_list().add_1(class);
}

/// The element's attributes as widget options.
pub struct ElementOptions<'a>(pub &'a Element);

impl Options for ElementOptions<'_> {
    fn get(&self, key: &str) -> Option<String> {
        if is_figure_element(self.0) {
            // <gdviz-figure x="3">: the same options without the prefix.
            self.0
                .get_attribute(key.strip_prefix("data-").unwrap_or(key))
        } else {
            self.0.get_attribute(key)
        }
    }
}

/// True for the custom element `<gdviz-figure>` (options are plain attributes, the kind is
/// `kind`), false for `<div data-gdviz>`.
pub fn is_figure_element(el: &Element) -> bool {
    el.tag_name().eq_ignore_ascii_case("gdviz-figure")
}

/// The attribute an option has on `el`: `data-x` on a div, `x` on `<gdviz-figure>` (and
/// `data-gdviz` there is `kind`).
pub fn attribute_name(el: &Element, key: &str) -> String {
    if !is_figure_element(el) {
        return key.to_owned();
    }
    match key {
        "data-gdviz" => "kind".to_owned(),
        k => k.strip_prefix("data-").unwrap_or(k).to_owned(),
    }
}

/// The kind an element names.
pub fn kind_name(el: &Element) -> String {
    el.get_attribute(&attribute_name(el, "data-gdviz"))
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// Replaces the element's content with a message (as text, never parsed as HTML), sets
/// `data-state` to `{"kind":…,"error":…,"attribute":…}` (the attribute refused, if an option
/// was) and dispatches `gdviz-error` with the same.
pub fn show_error(el: &Element, kind: &str, message: &str, attribute: Option<&str>) {
    el.set_inner_html("");
    let text = format!("This figure cannot be shown: {message}.");
    if let Ok(p) = make("p", "gdviz-error", &[("role", "alert")], &text) {
        let _ = el.append_child(&p);
    }
    let json = error_json(kind, message, attribute);
    let _ = el.set_attribute("data-state", &json);
    dispatch(el, "gdviz-error", &json);
}

/// `{kind, error, attribute}` as JSON.
fn error_json(kind: &str, error: &str, attribute: Option<&str>) -> String {
    struct Failed<'a> {
        kind: &'a str,
        error: &'a str,
        attribute: Option<&'a str>,
    }
    impl Fields for Failed<'_> {
        fn fields(&self, o: &mut Object<'_>) {
            o.field("kind", &self.kind)
                .field("error", &self.error)
                .field("attribute", &self.attribute);
        }
    }
    json::to_string(&Failed {
        kind,
        error,
        attribute,
    })
}

/// Says, in an alert at the top of a running widget, that an option was refused (the widget
/// keeps its last good state), and dispatches `gdviz-error`.
pub fn show_refusal(el: &Element, kind: &str, message: &str, attribute: Option<&str>) {
    let alert = el
        .query_selector(":scope > .gdviz-refused")
        .ok()
        .flatten()
        .or_else(|| {
            let p = make("p", "gdviz-error gdviz-refused", &[("role", "alert")], "").ok()?;
            let _ = el.insert_before(&p, el.first_child().as_ref());
            Some(p.into())
        });
    if let Some(alert) = alert {
        alert.set_text_content(Some(&format!(
            "Not applied: {message}. The figure keeps its last options."
        )));
    }
    dispatch(el, "gdviz-error", &error_json(kind, message, attribute));
}

/// Writes `data-state` on `el` and dispatches `gdviz-change` (after the current task's
/// work, as [`dispatch`] does) with the state as its `detail`. The text crosses into
/// JavaScript once, and `detail` is parsed from it when a listener first reads it (the
/// same object on every read): a long run's state is not parsed for a page that does not
/// listen.
pub fn write_state(el: &Element, json: &str) {
    super::js::write_state(el, json);
}

/// [`write_state`] of `text`, its kept lists sent only as far as the page lacks them: `sent`
/// holds, for each of the lists, the id and length the page was sent last (updated here).
/// The page keeps the lists' text, so a long run's frame sends its new items, not its
/// history (decoding the whole text into a JavaScript string cost more than building it).
pub fn write_state_text(el: &Element, text: &Text, sent: &mut Vec<(u64, usize)>) {
    if text.splices.is_empty() {
        sent.clear();
        write_state(el, &text.literal);
        return;
    }
    let literal = &text.literal;
    let ascii = literal.is_ascii();
    // Offsets in UTF-16 code units, as JavaScript counts them (the lists are ASCII).
    let units = |b: usize| {
        let n = if ascii {
            b
        } else {
            literal[..b].encode_utf16().count()
        };
        u32::try_from(n).unwrap_or(u32::MAX)
    };
    let n = text.splices.len();
    let (mut cuts, mut appends, mut lens) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let mut adds = String::new();
    for (i, s) in text.splices.iter().enumerate() {
        let t = s.text();
        let from = match sent.get(i) {
            Some(&(id, len)) if id == s.id && len <= t.len() => len,
            _ => 0,
        };
        cuts.push(units(s.at));
        appends.push(u32::from(from > 0));
        adds.push_str(&t[from..]);
        lens.push(u32::try_from(t.len() - from).unwrap_or(u32::MAX));
    }
    sent.clear();
    sent.extend(text.splices.iter().map(|s| (s.id, s.text().len())));
    super::js::write_state_parts(el, literal, &cuts, &appends, &adds, &lens);
}

/// Dispatches the event `name` on `el` (bubbling, and out of shadow roots), its `detail` the
/// object the JSON `detail` describes.
///
/// Dispatched in a microtask, once the frame or mount that caused it has finished: a listener
/// may then do anything to the figure (set its options, destroy it) without re-entering it.
pub fn dispatch(el: &Element, name: &str, detail: &str) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&js_sys::JSON::parse(detail).unwrap_or(wasm_bindgen::JsValue::NULL));
    let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) else {
        return;
    };
    let el = el.clone();
    let fire = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = el.dispatch_event(&event);
    });
    if let Some(w) = window() {
        w.queue_microtask(fire.unchecked_ref());
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::figures::json::{to_string, to_text, ListCache};
    use std::cell::RefCell;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// Two growing lists around non-ASCII text, one of them started again: the attribute
    /// reads as the whole text after every write, whatever was sent of the lists.
    #[wasm_bindgen_test]
    fn kept_lists_are_sent_as_far_as_the_page_lacks_them() {
        struct S<'a> {
            a: &'a RefCell<ListCache>,
            b: &'a RefCell<ListCache>,
            xs: &'a [f64],
            ys: &'a [f64],
            key: u64,
        }
        impl Fields for S<'_> {
            fn fields(&self, o: &mut Object<'_>) {
                o.field("name", &"θ—∇");
                self.a
                    .borrow_mut()
                    .with(self.key, self.xs, |t| o.field("xs", t));
                o.field("mid", &"é");
                self.b.borrow_mut().with(1, self.ys, |t| o.field("ys", t));
            }
        }
        let doc = window().unwrap().document().unwrap();
        let el = doc.create_element("div").unwrap();
        let (a, b) = (RefCell::default(), RefCell::default());
        let xs: Vec<f64> = (0..300).map(|i| f64::from(i) * 0.37 - 20.0).collect();
        let ys: Vec<f64> = (0..300).map(|i| 1.0 / f64::from(i + 1)).collect();
        let mut sent = Vec::new();
        for (n, m, key) in [
            (0, 0, 1),
            (1, 5, 1),
            (40, 5, 1),
            (41, 90, 1),
            (3, 91, 1),
            (10, 300, 2),
            (300, 300, 2),
        ] {
            let s = S {
                a: &a,
                b: &b,
                xs: &xs[..n],
                ys: &ys[..m],
                key,
            };
            let text = to_text(&s);
            assert_eq!(text.splices.len(), 2);
            write_state_text(&el, &text, &mut sent);
            assert_eq!(
                el.get_attribute("data-state").as_deref(),
                Some(to_string(&s).as_str()),
                "after {n} and {m} items"
            );
        }
        // Without lists, the text is written as it is and the page's lists are forgotten.
        let plain = to_text(&"ζ");
        write_state_text(&el, &plain, &mut sent);
        assert_eq!(el.get_attribute("data-state").as_deref(), Some("\"ζ\""));
        assert!(sent.is_empty());
    }
}
