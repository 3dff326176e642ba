//! The only code that touches the DOM. It finds `data-gdviz` elements, reads their options,
//! builds each widget (canvas, readouts), wires pointer and keyboard events, sizes canvases
//! for the device pixel ratio and writes `data-state`. Everything it shows is computed by
//! [`crate::figures`] and [`crate::math`].
//!
//! Nothing here unwraps a DOM lookup or a JS value: a failure becomes a message inside the
//! widget that failed, and every other widget keeps working.

mod backend;
mod canvas;
#[cfg(feature = "contours-api")]
mod contours;
mod dom;
mod download;
mod error;
mod frame;
mod group;
mod hold;
mod host;
mod js;
mod layered;
mod live;
mod schedule;
mod ui;
mod url;
mod width;

use crate::figures::{Kind, OptionError, OptionErrorKind, Options};
use error::Error;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// The attribute a mounted element carries, so a second call (or a second copy of the
/// module) does not mount it twice.
const MOUNTED: &str = "data-gdviz-mounted";

/// A mounted widget: its element, and (unless it shows an error) its hold on the page and
/// its host.
struct Entry {
    id: u32,
    element: Element,
    widget: Option<host::Mounted>,
}

thread_local! {
    /// Every mounted widget: the page keeps them alive, whatever happens to the handle
    /// returned to JavaScript.
    static MOUNTED_WIDGETS: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// Runs when the module is instantiated: installs the panic hook and, unless `gdviz-embed.js`
/// runs the page's modules (it sets `__gdvizLoader` and calls [`schedule_all`] on the module it
/// picks), schedules every `[data-gdviz]` element already in the document (or once the
/// document has loaded) to mount, one per task, nearest the viewport first; lazy ones when
/// they come near. (So the raw module, imported for `contours()` on a page whose loader runs
/// a family's module, leaves the page's figures to that module.)
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    let loader = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("__gdvizLoader"))
        .is_ok_and(|v| v.is_truthy());
    if loader {
        return;
    }
    let Some(document) = dom::document() else {
        return;
    };
    if document.ready_state() == "loading" {
        let cb = Closure::once_into_js(schedule::schedule_all);
        let _ = document.add_event_listener_with_callback("DOMContentLoaded", cb.unchecked_ref());
    } else {
        schedule::schedule_all();
    }
}

/// Schedules every `[data-gdviz]` element of the document of this module's kinds that is not
/// mounted yet (as [`start`] does without the loader), nearest the viewport first.
#[wasm_bindgen(js_name = scheduleAll)]
pub fn schedule_all() {
    schedule::schedule_all();
}

/// Mounts every `[data-gdviz]` element of the document that is not mounted yet, now, in this
/// task (lazy ones aside: they mount when they come near). Returns how many were mounted
/// (including ones that show an error message).
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> u32 {
    let Some(document) = dom::document() else {
        return 0;
    };
    let Ok(list) = document.query_selector_all("[data-gdviz]") else {
        return 0;
    };
    let mut count = 0;
    for i in 0..list.length() {
        if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            if foreign(&el) {
                continue;
            }
            if schedule::is_lazy(&el) {
                schedule::schedule(&el);
            } else if !el.has_attribute(MOUNTED) && mount_new(&el).is_some() {
                count += 1;
            }
        }
    }
    count
}

/// True if `element` names a kind this module was built without (see [`Kind::foreign`]):
/// another module of the page mounts it, and this one leaves it alone.
fn foreign(element: &Element) -> bool {
    Kind::foreign(&dom::kind_name(element))
}

/// True if `element`'s figure is this module's: mounted by it, or waiting in it to mount. (A
/// page may run a module per family of kinds: the loader asks which one has a figure.)
#[wasm_bindgen]
pub fn owns(element: &Element) -> bool {
    find(|e| e.element == *element).is_some() || schedule::waiting(element)
}

/// How many widgets are mounted now (a page that inserts and removes figures can check it
/// lets go of them).
#[wasm_bindgen]
pub fn mounted() -> u32 {
    MOUNTED_WIDGETS.with(|m| m.borrow().len() as u32)
}

/// Destroys the widget mounted in `element`, if there is one; true if there was.
#[wasm_bindgen]
pub fn unmount(element: &Element) -> bool {
    // A figure still waiting to mount (scheduled, or lazy) waits no more.
    schedule::forget(element);
    match find(|e| e.element == *element) {
        Some(id) => {
            Handle { id }.destroy();
            true
        }
        None => false,
    }
}

fn find(pred: impl Fn(&Entry) -> bool) -> Option<u32> {
    MOUNTED_WIDGETS.with(|m| m.borrow().iter().find(|e| pred(e)).map(|e| e.id))
}

/// `f` of the mounted widget `id`, if it is mounted.
fn entry<T>(id: u32, f: impl FnOnce(&Entry) -> Option<T>) -> Option<T> {
    MOUNTED_WIDGETS.with(|m| m.borrow().iter().find(|e| e.id == id).and_then(f))
}

/// A mounted widget. The widget lives on even if this handle is dropped or collected;
/// `destroy()` removes its listeners and empties its element.
#[wasm_bindgen]
pub struct Handle {
    id: u32,
}

#[wasm_bindgen]
impl Handle {
    /// Removes the widget's listeners and observers, leaves its group and empties its element.
    pub fn destroy(&self) {
        let entry = MOUNTED_WIDGETS.with(|m| {
            let mut m = m.borrow_mut();
            m.iter().position(|e| e.id == self.id).map(|i| m.remove(i))
        });
        if let Some(entry) = entry {
            if let Some(widget) = entry.widget {
                widget.destroy();
            }
            url::unregister(&entry.element.id());
            entry.element.set_inner_html("");
            let _ = entry.element.remove_attribute(MOUNTED);
        }
    }

    /// Does what the widget's button `name` does (`step`, `reset`, `play`, `resample`,
    /// `measure`, …: the README lists them per kind), as if the reader clicked it.
    ///
    /// # Errors
    /// An `Error` naming the action and the ones the widget has, if it has no such button
    /// (or shows an error, or was destroyed); nothing changes.
    pub fn action(&self, name: &str) -> Result<(), JsError> {
        let host = entry(self.id, |e| {
            e.widget.as_ref().map(|w| std::rc::Rc::clone(&w.host))
        });
        let Some(host) = host else {
            return Err(JsError::new(&format!(
                "gdviz: action(\"{name}\"): this widget is not running (destroyed, or it shows an error)"
            )));
        };
        host::action(&host, name).map_err(|actions| {
            JsError::new(&format!(
                "gdviz: no action \"{name}\" here; this widget's actions are: {}",
                actions.join(", ")
            ))
        })
    }

    /// The widget's element (`undefined` once destroyed).
    #[wasm_bindgen(getter)]
    pub fn element(&self) -> Option<Element> {
        entry(self.id, |e| Some(e.element.clone()))
    }

    /// The widget's `data-state`, as an object (`undefined` once destroyed).
    #[wasm_bindgen(getter)]
    pub fn state(&self) -> JsValue {
        entry(self.id, |e| e.element.get_attribute("data-state"))
            .and_then(|s| js_sys::JSON::parse(&s).ok())
            .unwrap_or(JsValue::UNDEFINED)
    }
}

/// Mounts the widget named by `element`'s `data-gdviz` attribute and returns its handle; an
/// element already mounted gives its existing handle (`undefined` only if another copy of
/// the module mounted it, or its kind is not in this module). An invalid option shows a
/// message inside the element.
#[wasm_bindgen]
pub fn mount(element: &Element) -> Option<Handle> {
    if let Some(id) = find(|e| e.element == *element) {
        return Some(Handle { id });
    }
    if element.has_attribute(MOUNTED) || foreign(element) {
        return None;
    }
    mount_new(element)
}

fn mount_new(element: &Element) -> Option<Handle> {
    schedule::forget(element);
    let _ = element.set_attribute(MOUNTED, "");
    dom::add_class(element, "gdviz");
    if schedule::phased() {
        // With the widget's own class (a page may style it), before anything of the widget
        // goes into it (see `width::measure_ahead`).
        width::measure_ahead(element);
    }
    let widget = start_widget(element, true);
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    MOUNTED_WIDGETS.with(|m| {
        m.borrow_mut().push(Entry {
            id,
            element: element.clone(),
            widget,
        });
    });
    Some(Handle { id })
}

/// Builds the widget `element` names, or shows why it cannot. With `link`, a shared link's
/// view is layered over the element's options (if its values are unusable, the element's
/// options alone, with a notice).
fn start_widget(element: &Element, link: bool) -> Option<host::Mounted> {
    let name = dom::kind_name(element);
    // Rebuilt from changed options (no link): they lead the group.
    let lead = !link;
    let link = if link {
        url::link_options(element)
    } else {
        Vec::new()
    };
    let own = dom::ElementOptions(element);
    let mut result = mount_kind(
        element,
        &name,
        &url::WithLink {
            element: &own,
            link: &link,
        },
        lead,
    );
    if let (Err(Error::Option(e)), false) = (&result, link.is_empty()) {
        url::notice(&e.to_string());
        result = mount_kind(element, &name, &own, lead);
    }
    match result {
        Ok(w) => Some(w),
        Err(e) => {
            let (message, attribute) = describe(element, e);
            dom::show_error(element, &name, &message, attribute.as_deref());
            None
        }
    }
}

/// A failure's message and the attribute it names, in the element's own attribute names.
fn describe(element: &Element, e: Error) -> (String, Option<String>) {
    match e {
        Error::Option(mut e) => {
            e.key = dom::attribute_name(element, &e.key);
            (e.to_string(), Some(e.key))
        }
        e => (format!("this figure could not start: {e}"), None),
    }
}

/// Checks that `element`'s options with the options `names` (without `data-`) set to `values`
/// would build its widget, without changing anything; `set()` calls it before writing any
/// attribute.
///
/// # Errors
/// An `Error` whose message names the first unusable attribute and its value.
#[wasm_bindgen(js_name = checkOptions)]
pub fn check_options(
    element: &Element,
    names: Vec<String>,
    values: Vec<String>,
) -> Result<(), JsError> {
    let pairs: Vec<(String, String)> = names
        .iter()
        .zip(values)
        .map(|(name, value)| (format!("data-{name}"), value))
        .collect();
    let own = dom::ElementOptions(element);
    let opts = url::WithLink {
        element: &own,
        link: &pairs,
    };
    check(element, &opts).map_err(|e| JsError::new(&format!("gdviz: {}", describe(element, e).0)))
}

/// The element's options changed (an author's script set an attribute): the widget is built
/// again from them, in place, within this frame. Its own state (a point moved, steps taken)
/// starts again from the new options; what its group shares stays the group's. An unusable
/// value leaves the widget as it was, says which attribute was refused in an alert inside
/// it, and dispatches `gdviz-error`; fixing the attribute clears the alert. Returns false if
/// the element is not mounted here.
#[wasm_bindgen]
pub fn update(element: &Element) -> bool {
    let Some(id) = find(|e| e.element == *element) else {
        return false;
    };
    let name = dom::kind_name(element);
    if let Err(e) = check(element, &dom::ElementOptions(element)) {
        let running = entry(id, |e| e.widget.as_ref().map(|_| ())).is_some();
        let (message, attribute) = describe(element, e);
        if running {
            dom::show_refusal(element, &name, &message, attribute.as_deref());
        } else {
            dom::show_error(element, &name, &message, attribute.as_deref());
        }
        return true;
    }
    let old = MOUNTED_WIDGETS.with(|m| {
        m.borrow_mut()
            .iter_mut()
            .find(|e| e.id == id)
            .and_then(|e| e.widget.take())
    });
    if let Some(old) = old {
        old.destroy();
    }
    url::unregister(&element.id());
    let widget = start_widget(element, false);
    MOUNTED_WIDGETS.with(|m| {
        if let Some(e) = m.borrow_mut().iter_mut().find(|e| e.id == id) {
            e.widget = widget;
        }
    });
    true
}

/// The kind `name`, once `opts` pass what every kind checks (`data-theme`).
fn kind_of(name: &str, opts: &dyn Options) -> error::Result<Kind> {
    crate::figures::options::theme(opts)?;
    Kind::from_name(name)
        .ok_or_else(|| OptionError::new("data-gdviz", name, OptionErrorKind::UnknownKind).into())
}

/// Whether `opts` build `element`'s widget: a throw-away copy, nothing changes. (Built for the
/// canvas backend, as the host builds it: another backend type would compile a second copy of
/// every figure's drawing code into the module.)
fn check(element: &Element, opts: &dyn Options) -> error::Result {
    kind_of(&dom::kind_name(element), opts)?.build::<backend::Canvas>(opts)?;
    Ok(())
}

/// Builds the widget of kind `name` in `element` from `opts`.
fn mount_kind(
    element: &Element,
    name: &str,
    opts: &dyn Options,
    lead: bool,
) -> error::Result<host::Mounted> {
    host::mount(element, kind_of(name, opts)?, opts, lead)
}
