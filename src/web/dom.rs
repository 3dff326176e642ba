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
        self.0.get_attribute(key)
    }
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
