//! Small DOM helpers that never panic.

use super::error::{Error, Result};
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
/// `data-state` to `{"kind":…,"error":…}` and dispatches `gdviz-error` with `{kind, error,
/// attribute}` (the attribute refused, if an option was).
pub fn show_error(el: &Element, kind: &str, message: &str, attribute: Option<&str>) {
    el.set_inner_html("");
    if let Ok(p) = create("p", "gdviz-error") {
        let _ = p.set_attribute("role", "alert");
        p.set_text_content(Some(&format!("This figure cannot be shown: {message}.")));
        let _ = el.append_child(&p);
    }
    #[derive(serde::Serialize)]
    struct Failed<'a> {
        kind: &'a str,
        error: &'a str,
    }
    set_state(
        el,
        &Failed {
            kind,
            error: message,
        },
    );
    error_event(el, kind, message, attribute);
}

/// Dispatches `gdviz-error` with `{kind, error, attribute}`.
fn error_event(el: &Element, kind: &str, message: &str, attribute: Option<&str>) {
    #[derive(serde::Serialize)]
    struct ErrorDetail<'a> {
        kind: &'a str,
        error: &'a str,
        attribute: Option<&'a str>,
    }
    if let Ok(json) = serde_json::to_string(&ErrorDetail {
        kind,
        error: message,
        attribute,
    }) {
        dispatch(el, "gdviz-error", &json);
    }
}

/// Says, in an alert at the top of a running widget, that an option was refused (the widget
/// keeps its last good state), and dispatches `gdviz-error`.
pub fn show_refusal(el: &Element, kind: &str, message: &str, attribute: Option<&str>) {
    let alert = el
        .query_selector(":scope > .gdviz-refused")
        .ok()
        .flatten()
        .or_else(|| {
            let p = create("p", "gdviz-error gdviz-refused").ok()?;
            let _ = p.set_attribute("role", "alert");
            let _ = el.insert_before(&p, el.first_child().as_ref());
            Some(p.into())
        });
    if let Some(alert) = alert {
        alert.set_text_content(Some(&format!(
            "Not applied: {message}. The figure keeps its last options."
        )));
    }
    error_event(el, kind, message, attribute);
}

/// Dispatches the event `name` on `el` (bubbling, and out of shadow roots), its `detail` the
/// object the JSON `detail` describes.
pub fn dispatch(el: &Element, name: &str, detail: &str) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&js_sys::JSON::parse(detail).unwrap_or(wasm_bindgen::JsValue::NULL));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = el.dispatch_event(&event);
    }
}

/// Sets an attribute unless it already has that value: widgets rewrite their labels on every
/// frame, and a write invalidates the page's style even when nothing changes.
pub fn set_attribute_if_changed(el: &Element, name: &str, value: &str) {
    if el.get_attribute(name).as_deref() != Some(value) {
        let _ = el.set_attribute(name, value);
    }
}

/// Writes a widget's state as JSON into its root's `data-state`.
pub fn set_state(root: &Element, state: &impl serde::Serialize) {
    if let Ok(json) = serde_json::to_string(state) {
        let _ = root.set_attribute("data-state", &json);
    }
}
