//! The polite live region through which a widget speaks to screen readers.

use super::dom;
use super::error::Result;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// A polite live region for screen readers that speaks at most twice a second: while the
/// reader drags, only the latest text is announced once things settle, instead of one
/// announcement per frame. Visually hidden; the visible readouts update every frame.
pub struct LiveRegion {
    el: web_sys::HtmlElement,
    /// What the region says now (kept here: reading it back from the page every frame
    /// crossed into the browser and copied the text).
    shown: Rc<RefCell<String>>,
    last: Rc<Cell<f64>>,
    pending: Rc<RefCell<Option<String>>>,
}

/// The shortest time between two announcements, milliseconds.
const LIVE_INTERVAL_MS: f64 = 500.0;

impl LiveRegion {
    /// Creates the region inside `root`.
    pub fn new(root: &Element) -> Result<Self> {
        let attributes = [("aria-live", "polite"), ("aria-atomic", "true")];
        let el = dom::make("p", "gdviz-sr-only", &attributes, "")?;
        let _ = root.append_child(&el);
        Ok(Self {
            el,
            shown: Rc::new(RefCell::new(String::new())),
            last: Rc::new(Cell::new(f64::NEG_INFINITY)),
            pending: Rc::new(RefCell::new(None)),
        })
    }

    /// Announces `text` now if the last announcement is old enough, else once the interval
    /// has passed (only the newest text waiting is spoken).
    pub fn announce(&self, text: &str) {
        if *self.shown.borrow() == text {
            return;
        }
        let at = now();
        let wait = self.last.get() + LIVE_INTERVAL_MS - at;
        if wait <= 0.0 {
            self.el.set_text_content(Some(text));
            text.clone_into(&mut self.shown.borrow_mut());
            self.last.set(at);
            return;
        }
        let already_waiting = self.pending.borrow_mut().replace(text.to_owned()).is_some();
        if already_waiting {
            return;
        }
        let (el, shown, last, pending) = (
            self.el.clone(),
            Rc::clone(&self.shown),
            Rc::clone(&self.last),
            Rc::clone(&self.pending),
        );
        let speak = Closure::once_into_js(move || {
            if let Some(t) = pending.borrow_mut().take() {
                el.set_text_content(Some(&t));
                *shown.borrow_mut() = t;
                last.set(now());
            }
        });
        if let Some(w) = dom::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                speak.unchecked_ref(),
                wait.ceil() as i32,
            );
        }
    }
}

/// The page's clock, milliseconds (0 without one).
fn now() -> f64 {
    let t = super::js::now();
    if t.is_nan() {
        0.0
    } else {
        t
    }
}
