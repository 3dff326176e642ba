//! Small DOM helpers that never panic.

use super::error::{Error, Result};
use crate::figures::json::{self, Fields, Object};
use crate::figures::Options;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, Window};

/// The page's window, looked up once: `web_sys::window()` asks the page for its global
/// object and checks its type on every call, and a frame asks for it several times.
pub fn window() -> Option<Window> {
    thread_local! {
        static WINDOW: Option<Window> = web_sys::window();
    }
    WINDOW.with(Clone::clone)
}

/// The page's document, looked up once (see [`window`]). A page keeps its document for as
/// long as the module runs (`document.open()` keeps the same object); the module never sees
/// another realm's.
pub fn document() -> Option<Document> {
    thread_local! {
        static DOCUMENT: Option<Document> = window().and_then(|w| w.document());
    }
    DOCUMENT.with(Clone::clone)
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

/// Sets `el`'s text to `text`. An element holding one text node has that node's data
/// changed in place: replacing the node (`textContent`) made a new node and layout object on
/// every frame of a drag, and a mutation record for the loader's document observer. An empty
/// text leaves the element with no child, as `textContent` does (so `:empty` still matches).
/// (In one call into the page: asking for the child, its type and its sibling, then setting
/// it, from WebAssembly was four, on every readout of every frame.)
pub fn set_text(el: &Element, text: &str) {
    super::js::set_text(el, text);
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
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// A lone text node keeps its identity and takes the new text; anything else is replaced.
    #[wasm_bindgen_test]
    fn set_text_changes_a_lone_text_node_in_place() {
        let doc = document().unwrap();
        let el = doc.create_element("p").unwrap();
        set_text(&el, "f = 25");
        assert_eq!(el.text_content().as_deref(), Some("f = 25"));
        let node = el.first_child().unwrap();
        set_text(&el, "f = 24.5");
        assert_eq!(el.text_content().as_deref(), Some("f = 24.5"));
        assert!(el.first_child().unwrap().is_same_node(Some(&node)));
        assert_eq!(el.child_nodes().length(), 1);
        // Mixed content: replaced whole.
        el.set_inner_html("a <b>b</b>");
        set_text(&el, "θ = 0");
        assert_eq!(el.inner_html(), "θ = 0");
        set_text(&el, "");
        assert_eq!(
            el.child_nodes().length(),
            0,
            "empty, as textContent leaves it"
        );
        set_text(&el, "w₂ = 0");
        assert_eq!(el.text_content().as_deref(), Some("w₂ = 0"));
        // A comment, alone or after the text, is not a lone text node: replaced whole.
        el.set_inner_html("<!--c-->");
        set_text(&el, "x = 1");
        assert_eq!(el.inner_html(), "x = 1");
        el.set_inner_html("x<!--c-->");
        set_text(&el, "x = 2");
        assert_eq!(el.inner_html(), "x = 2");
    }
}
