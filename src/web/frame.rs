//! The render loop: a widget is drawn at most once per animation frame, however many changes
//! asked for it.

use super::dom;
use super::error::Result;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// Draws the widget; false when it had nothing to draw (a tick waiting for its next step).
type Render = Box<dyn FnMut() -> Result<bool>>;

/// True while the page's tab is hidden (animation frames do not run then).
pub fn tab_hidden() -> bool {
    dom::document().is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// Draws a widget at most once per animation frame, however many changes asked for it.
pub struct FrameLoop {
    pending: Cell<bool>,
    /// Something asked for a draw (not only a tick waiting for its next step).
    dirty: Cell<bool>,
    /// A group member's motion asked for a draw (its `data-state` follows the motion's
    /// rhythm, not the reader's: see `figures::rhythm`).
    moved: Cell<bool>,
    /// The animation frame asked for, to cancel it when the widget is destroyed.
    handle: Cell<Option<i32>>,
    stopped: Cell<bool>,
    render: RefCell<Option<Render>>,
    callback: RefCell<Option<Closure<dyn FnMut()>>>,
    /// False while the widget is scrolled out of view (its intersection observer says so).
    on_screen: Cell<bool>,
    /// Its group, woken whole when this widget comes into view (a member off screen may be
    /// running the motion this one shows).
    group: RefCell<Option<Weak<super::group::Group>>>,
    /// The widget's element.
    pub root: Element,
    kind: &'static str,
    /// True once a frame has drawn.
    drawn: Cell<bool>,
    /// The first frame drew only its canvases' static layers (and wrote the readouts): its
    /// overlays and `data-state` are still to come, after the page has painted.
    unfinished: Cell<bool>,
    /// A start split over the scheduler's tasks is under way: asks for a draw wait for its
    /// next task (an animation frame would draw the first picture, or finish it, inside the
    /// browser's rendering task, and make that a long one).
    held: Cell<bool>,
}

impl FrameLoop {
    /// A loop for the widget of `kind` in `root`; `render` draws it.
    pub fn new(
        root: &Element,
        kind: &'static str,
        render: impl FnMut() -> Result<bool> + 'static,
    ) -> Rc<Self> {
        let frame = Rc::new(FrameLoop {
            pending: Cell::new(false),
            dirty: Cell::new(true),
            moved: Cell::new(false),
            handle: Cell::new(None),
            stopped: Cell::new(false),
            render: RefCell::new(Some(Box::new(render))),
            callback: RefCell::new(None),
            on_screen: Cell::new(true),
            group: RefCell::new(None),
            root: root.clone(),
            kind,
            drawn: Cell::new(false),
            unfinished: Cell::new(false),
            held: Cell::new(false),
        });
        let weak: Weak<FrameLoop> = Rc::downgrade(&frame);
        let cb = Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = weak.upgrade() {
                f.run();
            }
        });
        *frame.callback.borrow_mut() = Some(cb);
        frame
    }

    /// Asks for one draw at the next animation frame.
    pub fn request(&self) {
        self.dirty.set(true);
        self.request_tick();
    }

    /// Asks for one draw at the next animation frame for a group member's motion.
    pub fn request_motion(&self) {
        self.moved.set(true);
        self.request_tick();
    }

    /// Asks for the next animation frame only to tick the widget's motion: nothing is drawn
    /// unless the tick changes something (or another request comes in).
    pub fn request_tick(&self) {
        if self.pending.get() || self.stopped.get() || self.held.get() {
            return;
        }
        let Some(window) = dom::window() else { return };
        if let Some(cb) = self.callback.borrow().as_ref() {
            if let Ok(handle) = window.request_animation_frame(cb.as_ref().unchecked_ref()) {
                self.pending.set(true);
                self.handle.set(Some(handle));
            }
        }
    }

    /// True if a draw was asked for since the last call (and clears it).
    pub fn take_dirty(&self) -> bool {
        self.dirty.replace(false)
    }

    /// True if a group member's motion asked for a draw since the last call (and clears it).
    pub fn take_moved(&self) -> bool {
        self.moved.replace(false)
    }

    /// True if the reader can see the widget: on screen, in a tab that is shown. Motion
    /// advances only then (a widget out of view draws no frames while it plays).
    pub fn showing(&self) -> bool {
        self.on_screen.get() && !tab_hidden()
    }

    /// The widget came into view or left it; coming back asks for a frame, so paused motion
    /// resumes.
    pub fn set_on_screen(&self, on: bool) {
        let was = self.on_screen.replace(on);
        if on && !was {
            self.request();
            let group = self.group.borrow().as_ref().and_then(Weak::upgrade);
            if let Some(g) = group {
                g.wake();
            }
        }
    }

    /// Draws the first frame in a task of the mount scheduler's own, unless a frame has
    /// drawn by then (see `schedule::phased`).
    pub fn start_later(self: &Rc<Self>) {
        self.held.set(true);
        let weak = Rc::downgrade(self);
        super::schedule::then(move || {
            if let Some(f) = weak.upgrade() {
                if f.drawn.get() {
                    f.held.set(false);
                } else {
                    f.run();
                }
            }
        });
    }

    /// True once a frame has drawn.
    pub fn drawn(&self) -> bool {
        self.drawn.get()
    }

    /// A draw is owed (the first frame left its overlays and `data-state` for the next).
    pub fn mark_dirty(&self) {
        self.dirty.set(true);
    }

    /// The group this widget belongs to.
    pub fn set_group(&self, group: &Rc<super::group::Group>) {
        *self.group.borrow_mut() = Some(Rc::downgrade(group));
    }

    /// Draws now. An error stops the widget with a message; other widgets go on.
    pub fn run(self: &Rc<Self>) {
        self.pending.set(false);
        self.handle.set(None);
        self.held.set(false);
        if self.stopped.get() {
            return;
        }
        // Every draw is a User Timing measure "gdviz:draw:KIND", so anyone can profile a page
        // with the browser's own tools (and `make bench` reads them). It starts from a time,
        // not a mark: a mark cost 0.1–0.2 ms inside the measure it starts (Chromium).
        let start = super::js::now();
        let result = match self.render.try_borrow_mut() {
            Ok(mut r) => r.as_mut().map_or(Ok(false), |f| f()),
            Err(_) => return, // a draw is already running (re-entrant event): skip this one
        };
        // A frame that only ticked a waiting motion drew nothing: no measure.
        if matches!(result, Ok(true) | Err(_)) {
            super::js::measure(&format!("gdviz:draw:{}", self.kind), start);
            self.drawn.set(true);
            self.unfinished.set(false);
        }
        // The first frame drew its static layers only (see `LayeredCanvas::defer_first`):
        // the rest is drawn in a task of its own once the page has painted them, unless a
        // frame draws before that.
        if super::layered::take_deferred() {
            self.unfinished.set(true);
            self.held.set(true);
            let weak = Rc::downgrade(self);
            super::schedule::after_paint(move || {
                if let Some(f) = weak.upgrade() {
                    if f.unfinished.get() {
                        f.run();
                    } else if f.held.replace(false) && f.dirty.get() {
                        f.request_tick();
                    }
                }
            });
        }
        // A canvas drew its static layer straight on screen and could not copy it off screen
        // (see `LayeredCanvas::background`): the copy is drawn in the next frame, before
        // anyone can drag.
        if super::layered::take_copy_pending() {
            self.request();
        }
        match result {
            Ok(true) => super::url::changed(),
            Ok(false) => {}
            Err(e) => {
                self.stopped.set(true);
                dom::show_error(
                    &self.root,
                    self.kind,
                    &format!("this figure stopped ({e})"),
                    None,
                );
            }
        }
    }

    /// Stops the loop for good: cancels a frame already asked for and drops the renderer.
    pub fn stop(&self) {
        self.stopped.set(true);
        // A frame already asked for would call the callback dropped below.
        if let (Some(handle), Some(window)) = (self.handle.take(), dom::window()) {
            let _ = window.cancel_animation_frame(handle);
        }
        self.render.borrow_mut().take();
        self.callback.borrow_mut().take();
    }
}
