//! Sharing by link: on a page whose `<body>` carries `data-gdviz-url`, every widget with an
//! `id` keeps its view in the URL fragment (`#contour.x=2.9&contour.y=4&…`, rewritten at most
//! a few times a second), and a page opened with such a link starts from it. A fragment that
//! cannot be read falls back to the page's own options with a visible notice.

use super::dom;
use super::error::Error;
use crate::figures::Options;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Element;

type Provider = Rc<dyn Fn() -> Vec<(&'static str, String)>>;

thread_local! {
    static PROVIDERS: RefCell<Vec<(String, Provider)>> = const { RefCell::new(Vec::new()) };
    static PENDING: Cell<bool> = const { Cell::new(false) };
}

/// How long a burst of changes may last before the fragment is rewritten.
const DEBOUNCE_MS: i32 = 250;

/// True if this page keeps widget state in its URL.
pub fn enabled() -> bool {
    dom::document()
        .and_then(|d| d.body())
        .is_some_and(|b| b.has_attribute("data-gdviz-url"))
}

/// The fragment's options for the widget `id`, as (`data-…` attribute, value) pairs, or an
/// error if the fragment is malformed.
fn overrides(id: &str) -> Result<Vec<(String, String)>, Error> {
    crate::figures::options::link_options(&fragment()?, id).map_err(Error::Dom)
}

/// The fragment's (key, value) pairs, or an error if it is malformed.
fn fragment() -> Result<Vec<(String, String)>, Error> {
    let hash = dom::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let raw = hash.trim_start_matches('#');
    if raw.is_empty() {
        return Ok(Vec::new());
    }
    let params = web_sys::UrlSearchParams::new_with_str(raw)
        .map_err(|_| Error::dom("the link's fragment is not readable"))?;
    let unreadable = || Error::dom("the link's fragment is not readable");
    let mut entries = Vec::new();
    for entry in js_sys::try_iter(&params)
        .ok()
        .flatten()
        .ok_or_else(unreadable)?
    {
        let pair: js_sys::Array = entry.map_err(|_| unreadable())?.unchecked_into();
        let text = |i| pair.get(i).as_string().unwrap_or_default();
        entries.push((text(0), text(1)));
    }
    Ok(entries)
}

/// Registers the widget `id`'s view for the fragment (replacing an earlier one of that id).
pub fn register(id: &str, provider: impl Fn() -> Vec<(&'static str, String)> + 'static) {
    PROVIDERS.with(|p| {
        let mut p = p.borrow_mut();
        p.retain(|(i, _)| i != id);
        p.push((id.to_owned(), Rc::new(provider)));
    });
}

/// Forgets the widget `id` (it was destroyed).
pub fn unregister(id: &str) {
    PROVIDERS.with(|p| p.borrow_mut().retain(|(i, _)| i != id));
}

/// Asks for the fragment to be rewritten soon (many changes in a burst cost one rewrite).
pub fn changed() {
    if !enabled() || PENDING.with(Cell::get) {
        return;
    }
    let Some(window) = dom::window() else { return };
    let cb = Closure::once_into_js(write);
    if window
        .set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), DEBOUNCE_MS)
        .is_ok()
    {
        PENDING.with(|p| p.set(true));
    }
}

fn write() {
    PENDING.with(|p| p.set(false));
    let providers: Vec<(String, Provider)> = PROVIDERS.with(|p| p.borrow().clone());
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return;
    };
    for (id, provider) in &providers {
        for (key, value) in provider() {
            params.append(&format!("{id}.{key}"), &value);
        }
    }
    let Some(window) = dom::window() else { return };
    // A figure still waiting to mount (scheduled, or lazy and not seen yet) keeps what the
    // link says of it, and so does a figure of a kind this module lacks: another module on
    // the page (a module per family of kinds) writes its part of the fragment.
    let waiting = |id: &str| {
        !providers.iter().any(|(i, _)| i == id)
            && dom::document()
                .and_then(|d| d.get_element_by_id(id))
                .is_some_and(|el| super::schedule::waiting(&el) || super::foreign(&el))
    };
    for (key, value) in fragment().unwrap_or_default() {
        if key.split_once('.').is_some_and(|(id, _)| waiting(id)) {
            params.append(&key, &value);
        }
    }
    let written = String::from(params.to_string());
    if window
        .location()
        .hash()
        .ok()
        .as_deref()
        .map(|h| h.trim_start_matches('#'))
        == Some(written.as_str())
    {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{written}")));
    }
}

/// Shows a notice at the top of the page (once), saying the link's view could not be used.
pub fn notice(message: &str) {
    let Some(document) = dom::document() else {
        return;
    };
    if document
        .query_selector(".gdviz-notice")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    let text = format!("The view saved in this link could not be restored ({message}); showing the page's own figures instead.");
    let Ok(p) = dom::make("p", "gdviz-notice", &[("role", "status")], &text) else {
        return;
    };
    if let Some(body) = document.body() {
        let _ = body.insert_before(&p, body.first_child().as_ref());
    }
}

/// The options a shared link gives the widget in `element` (by its id), as `data-*` pairs:
/// none if the page does not share views, the element has no id, or the fragment cannot be
/// read (said in a notice).
pub fn link_options(element: &Element) -> Vec<(String, String)> {
    let id = element.id();
    if id.is_empty() || !enabled() {
        return Vec::new();
    }
    overrides(&id).unwrap_or_else(|e| {
        notice(&e.to_string());
        Vec::new()
    })
}

/// A widget's options: a shared link's values over the element's own attributes. Nothing is
/// written back to the element.
pub struct WithLink<'a> {
    /// The element's attributes.
    pub element: &'a dyn Options,
    /// The link's values for this widget.
    pub link: &'a [(String, String)],
}

impl Options for WithLink<'_> {
    fn get(&self, key: &str) -> Option<String> {
        self.link
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .or_else(|| self.element.get(key))
    }
}
