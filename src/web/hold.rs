//! A mounted widget's hold on the page: its event listeners, its resize observer and its
//! device-pixel-ratio watch, all let go of by [`Hold::destroy`].

use super::dom;
use super::frame::FrameLoop;
use super::width;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{Element, EventTarget};

type Listener = (
    EventTarget,
    &'static str,
    Closure<dyn FnMut(web_sys::Event)>,
);

/// The `(resolution: …dppx)` queries a widget listens to, each with its listener: one per
/// device pixel ratio the page has had (a listener that fired is detached, not dropped, since
/// it is running when the next one is made).
type PixelRatioWatch = Rc<RefCell<Vec<(web_sys::MediaQueryList, Closure<dyn FnMut()>)>>>;

/// The observer that tells whether the widget is on screen, with its callback.
type Seen = (
    web_sys::IntersectionObserver,
    Closure<dyn FnMut(js_sys::Array)>,
);

/// Everything a widget listens to on the page.
pub struct Hold {
    frame: Rc<FrameLoop>,
    listeners: Vec<Listener>,
    observer: Option<(web_sys::ResizeObserver, Closure<dyn FnMut()>)>,
    /// Tells the frame loop whether the widget is on screen.
    visibility: Option<Seen>,
    pixel_ratio: PixelRatioWatch,
}

impl Hold {
    /// Observes `frame`'s root: a new size or pixel ratio asks for a redraw.
    pub fn new(frame: &Rc<FrameLoop>) -> Self {
        let root = frame.root.clone();
        let observer = {
            let weak = Rc::downgrade(frame);
            let resized = root.clone();
            let cb = Closure::<dyn FnMut()>::new(move || {
                if !width::changed(&resized) {
                    return;
                }
                if let Some(f) = weak.upgrade() {
                    f.request();
                }
            });
            web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref())
                .ok()
                .map(|obs| {
                    obs.observe(&root);
                    // Observed: its width can be remembered until the observer says it changed.
                    width::remember(&root);
                    (obs, cb)
                })
        };
        let visibility = {
            let weak = Rc::downgrade(frame);
            let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                // The newest entry says where the widget is now.
                let last = entries.iter().last();
                let entry =
                    last.and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok());
                if let (Some(e), Some(f)) = (entry, weak.upgrade()) {
                    f.set_on_screen(e.is_intersecting());
                }
            });
            web_sys::IntersectionObserver::new(cb.as_ref().unchecked_ref())
                .ok()
                .map(|obs| {
                    obs.observe(&root);
                    (obs, cb)
                })
        };
        let pixel_ratio = PixelRatioWatch::default();
        watch_pixel_ratio(Rc::downgrade(frame), root, &pixel_ratio);
        Self {
            frame: Rc::clone(frame),
            listeners: Vec::new(),
            observer,
            visibility,
            pixel_ratio,
        }
    }

    /// Listens to `name` on `target` until the widget is destroyed.
    pub fn listen(
        &mut self,
        target: &EventTarget,
        name: &'static str,
        f: impl FnMut(web_sys::Event) + 'static,
    ) {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        self.listeners.push((target.clone(), name, closure));
    }

    /// Removes every listener and observer, and stops the render loop.
    pub fn destroy(self) {
        for (target, name, closure) in &self.listeners {
            let _ =
                target.remove_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        }
        if let Some((obs, _)) = &self.observer {
            obs.disconnect();
        }
        if let Some((obs, _)) = &self.visibility {
            // Entries already queued would call the closure dropped below.
            let _ = obs.take_records();
            obs.disconnect();
        }
        for (mql, cb) in self.pixel_ratio.borrow().iter() {
            let _ = mql.remove_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
        }
        width::drop_root(&self.frame.root);
        self.frame.stop();
    }
}

/// Redraws the widget when the device pixel ratio changes (browser zoom, a window moved to
/// another screen): its CSS size may stay the same, so the resize observer would not fire,
/// yet the backing store must follow the new ratio to stay crisp and to map presses right.
fn watch_pixel_ratio(frame: Weak<FrameLoop>, root: Element, watch: &PixelRatioWatch) {
    let Some(window) = dom::window() else {
        return;
    };
    let query = format!("(resolution: {}dppx)", window.device_pixel_ratio());
    let Ok(Some(mql)) = window.match_media(&query) else {
        return;
    };
    let (weak_watch, this) = (Rc::downgrade(watch), mql.clone());
    let listener: Rc<RefCell<Option<js_sys::Function>>> = Rc::new(RefCell::new(None));
    let own = Rc::clone(&listener);
    let cb = Closure::<dyn FnMut()>::new(move || {
        if let Some(f) = own.borrow().as_ref() {
            let _ = this.remove_event_listener_with_callback("change", f);
        }
        width::forget(&root);
        if let Some(f) = frame.upgrade() {
            f.request();
        }
        if let Some(w) = weak_watch.upgrade() {
            watch_pixel_ratio(frame.clone(), root.clone(), &w);
        }
    });
    let f: &js_sys::Function = cb.as_ref().unchecked_ref();
    *listener.borrow_mut() = Some(f.clone());
    let _ = mql.add_event_listener_with_callback("change", f);
    watch.borrow_mut().push((mql, cb));
}
