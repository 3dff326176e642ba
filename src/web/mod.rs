//! The only code that touches the DOM. It finds `data-gdviz` elements, reads their options,
//! builds each widget (canvas, readouts), wires pointer and keyboard events, sizes canvases
//! for the device pixel ratio and writes `data-state`. Everything it shows is computed by
//! [`crate::figures`] and [`crate::math`].
//!
//! Nothing here unwraps a DOM lookup or a JS value: a failure becomes a message inside the
//! widget that failed, and every other widget keeps working.

mod backend;
mod canvas;
mod contour;
mod contours;
mod cost;
mod descent1d;
mod dom;
mod expr_field;
mod group;
mod loss_slice;
mod minibatch;
mod mlp;
mod norms;
mod shell;
mod sinusoid;
mod surface;
mod trajectory;
mod url;

use crate::figures::{Kind, OptionError, OptionErrorKind};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// The attribute a mounted element carries, so a second call (or a second copy of the
/// module) does not mount it twice.
const MOUNTED: &str = "data-gdviz-mounted";

thread_local! {
    /// Every mounted widget, by id: the page keeps them alive, whatever happens to the
    /// handle returned to JavaScript.
    static MOUNTED_WIDGETS: RefCell<Vec<(u32, Element, Option<shell::Shell>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// Runs when the module is instantiated: installs the panic hook and mounts every
/// `[data-gdviz]` element already in the document (or once the document has loaded).
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    let Some(document) = dom::document() else {
        return;
    };
    if document.ready_state() == "loading" {
        let cb = Closure::once_into_js(|| {
            mount_all();
        });
        let _ = document.add_event_listener_with_callback("DOMContentLoaded", cb.unchecked_ref());
    } else {
        mount_all();
    }
}

/// Mounts every `[data-gdviz]` element of the document that is not mounted yet. Returns how
/// many were mounted (including ones that show an error message).
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
            if mount(&el).is_some() {
                count += 1;
            }
        }
    }
    count
}

/// A mounted widget. The widget lives on even if this handle is dropped or collected;
/// `destroy()` removes its listeners and empties its element.
#[wasm_bindgen]
pub struct Handle {
    id: u32,
}

#[wasm_bindgen]
impl Handle {
    /// Removes the widget's listeners and observers and empties its element.
    pub fn destroy(&self) {
        let entry = MOUNTED_WIDGETS.with(|m| {
            let mut m = m.borrow_mut();
            m.iter()
                .position(|(id, _, _)| *id == self.id)
                .map(|i| m.remove(i))
        });
        if let Some((_, element, shell)) = entry {
            if let Some(shell) = shell {
                shell.destroy();
            }
            url::unregister(&element.id());
            element.set_inner_html("");
            let _ = element.remove_attribute(MOUNTED);
        }
    }
}

/// Mounts the widget named by `element`'s `data-gdviz` attribute. Returns `undefined` if the
/// element is already mounted; an invalid option shows a message inside the element.
#[wasm_bindgen]
pub fn mount(element: &Element) -> Option<Handle> {
    if element.has_attribute(MOUNTED) {
        return None;
    }
    let _ = element.set_attribute(MOUNTED, "");
    dom::add_class(element, "gdviz");
    let name = element.get_attribute("data-gdviz").unwrap_or_default();
    // A shared link's view first; if its values are unusable, the page's own options.
    let replaced = url::apply(element);
    let mut result = mount_kind(element, name.trim());
    if let (Err(MountError::Option(e)), false) = (&result, replaced.is_empty()) {
        url::notice(&e.to_string());
        url::restore(element, &replaced);
        result = mount_kind(element, name.trim());
    }
    let widget = match result {
        Ok(w) => w,
        Err(e) => {
            dom::show_error(element, name.trim(), &e.to_string());
            None
        }
    };
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    MOUNTED_WIDGETS.with(|m| m.borrow_mut().push((id, element.clone(), widget)));
    Some(Handle { id })
}

/// Builds the widget of kind `name` in `element`.
fn mount_kind(element: &Element, name: &str) -> Result<Option<shell::Shell>, MountError> {
    crate::figures::options::theme(&dom::ElementOptions(element)).map_err(MountError::Option)?;
    match Kind::from_name(name) {
        Some(Kind::Contour) => contour::mount(element).map(Some),
        Some(Kind::Mlp) => mlp::mount(element).map(Some),
        Some(Kind::LossSlice) => loss_slice::mount(element).map(Some),
        Some(Kind::Sinusoid) => sinusoid::mount(element).map(Some),
        Some(Kind::Norms) => norms::mount(element).map(Some),
        Some(Kind::Descent1d) => descent1d::mount(element).map(Some),
        Some(Kind::Cost) => cost::mount(element).map(Some),
        Some(Kind::Bowl) => {
            surface::mount(element, crate::figures::surface::Mode::Slices).map(Some)
        }
        Some(Kind::Trajectory) => trajectory::mount(element).map(Some),
        Some(Kind::Minibatch) => minibatch::mount(element).map(Some),
        Some(Kind::InputPlane) => {
            surface::mount(element, crate::figures::surface::Mode::InputPlane).map(Some)
        }
        None => Err(MountError::Option(OptionError::new(
            "data-gdviz",
            name,
            OptionErrorKind::UnknownKind,
        ))),
    }
}

/// Why a widget could not be mounted.
pub(crate) enum MountError {
    /// An option was unusable.
    Option(OptionError),
    /// The browser refused something (no 2-D context, …).
    Dom(String),
}

impl std::fmt::Display for MountError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MountError::Option(e) => write!(f, "{e}"),
            MountError::Dom(e) => write!(f, "this figure could not start: {e}"),
        }
    }
}

impl From<OptionError> for MountError {
    fn from(e: OptionError) -> Self {
        MountError::Option(e)
    }
}
