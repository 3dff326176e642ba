//! When figures mount: one per task, nearest the viewport first, so a page with many figures
//! never blocks its main thread for long while it loads (no long tasks), and lazily
//! (`data-loading="lazy"`, or `loading="lazy"` on `<gdviz-figure>`) once a figure comes within
//! a viewport of being seen. A group's members keep their document order, and a lazy member
//! coming into reach brings the rest of its group along.

use super::{dom, MOUNTED};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry};

type Watch = (IntersectionObserver, Closure<dyn FnMut(js_sys::Array)>);

thread_local! {
    /// Figures waiting to mount, the next first.
    static QUEUE: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
    /// A task to mount the next one is already asked for.
    static PENDING: Cell<bool> = const { Cell::new(false) };
    /// The next parts of figures' starts (see [`then`]), run before the next figure mounts.
    static PHASES: RefCell<std::collections::VecDeque<Box<dyn FnOnce()>>> =
        RefCell::new(std::collections::VecDeque::new());
    /// Parts of starts waiting for the page to paint (see [`after_paint`]).
    static PAINTING: Cell<u32> = const { Cell::new(0) };
    /// True while [`next`] mounts a figure: its start is split into tasks (see [`phased`]).
    static PHASED: Cell<bool> = const { Cell::new(false) };
    /// `mounting()` promises to resolve once the queue is empty.
    static WAITERS: RefCell<Vec<js_sys::Function>> = const { RefCell::new(Vec::new()) };
    /// The observer lazy figures wait under.
    static LAZY: RefCell<Option<Watch>> = const { RefCell::new(None) };
    /// The lazy figures waiting under it.
    static LAZY_WAITING: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
}

/// True if `el` is waiting to mount: scheduled, or lazy and not near yet.
pub fn waiting(el: &Element) -> bool {
    !el.has_attribute(MOUNTED)
        && (QUEUE.with(|q| q.borrow().contains(el))
            || LAZY_WAITING.with(|l| l.borrow().contains(el)))
}

/// True if the figure asks to mount only when it comes near the viewport.
pub fn is_lazy(el: &Element) -> bool {
    el.get_attribute("data-loading").as_deref() == Some("lazy")
        || (el.local_name() == "gdviz-figure"
            && el.get_attribute("loading").as_deref() == Some("lazy"))
}

/// The figure's group name, if it has one.
fn group(el: &Element) -> Option<String> {
    el.get_attribute("data-group")
        .or_else(|| {
            (el.local_name() == "gdviz-figure")
                .then(|| el.get_attribute("group"))
                .flatten()
        })
        .filter(|g| !g.is_empty())
}

/// How far the element is from the viewport, in CSS px (0 when any of it is on screen).
fn distance(el: &Element) -> f64 {
    let height = dom::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let r = el.get_bounding_client_rect();
    if r.bottom() < 0.0 {
        -r.bottom()
    } else if r.top() > height {
        r.top() - height
    } else {
        0.0
    }
}

/// True if `a` comes before `b` in the document.
fn before(a: &Element, b: &Element) -> bool {
    a.compare_document_position(b) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0
}

/// Mounts `element` in a task of its own soon (or, if it is lazy, once it comes within a
/// viewport of being seen). Nothing happens to an element already mounted or waiting.
#[wasm_bindgen]
pub fn schedule(element: &Element) {
    enqueue(std::slice::from_ref(element));
}

/// Every `[data-gdviz]` element of the document not mounted yet, scheduled nearest the
/// viewport first.
pub fn schedule_all() {
    let Some(document) = dom::document() else {
        return;
    };
    let Ok(list) = document.query_selector_all("[data-gdviz]") else {
        return;
    };
    let mut found: Vec<(f64, Element)> = (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .filter(|el| !el.has_attribute(MOUNTED) && !super::foreign(el))
        .map(|el| (distance(&el), el))
        .collect();
    found.sort_by(|a, b| a.0.total_cmp(&b.0));
    let found: Vec<Element> = found.into_iter().map(|(_, el)| el).collect();
    enqueue(&found);
}

fn enqueue(elements: &[Element]) {
    let mut added = false;
    for el in elements {
        if el.has_attribute(MOUNTED)
            || QUEUE.with(|q| q.borrow().contains(el))
            || super::foreign(el)
        {
            continue;
        }
        if is_lazy(el) {
            watch(el);
        } else {
            QUEUE.with(|q| q.borrow_mut().push(el.clone()));
            added = true;
        }
    }
    if added {
        ask();
    }
}

/// Asks for a task that mounts the next figure.
fn ask() {
    if PENDING.with(Cell::get) {
        return;
    }
    let Some(window) = dom::window() else {
        return;
    };
    let cb = Closure::once_into_js(next);
    if window
        .set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 0)
        .is_ok()
    {
        PENDING.with(|p| p.set(true));
    }
}

/// True while the scheduler mounts a figure: the figure then splits its start over tasks
/// (the mount lays it out and writes its readouts; a heat-mapped figure's level lines and heat
/// map come in a task each; its first picture's static layers in the next task; its overlays
/// and `data-state` in a task after the page has painted those),
/// so no single task holds a whole
/// figure's start (issue 18: no long tasks while a page loads). A figure mounted by a direct
/// call (`mount()`, `mountAll()`) starts whole, at once, and carries its `data-state` when
/// the call returns.
pub fn phased() -> bool {
    PHASED.with(Cell::get)
}

/// Runs `job` in a task of its own, before the next figure mounts; [`mounting`] waits for it.
pub fn then(job: impl FnOnce() + 'static) {
    PHASES.with(|p| p.borrow_mut().push_back(Box::new(job)));
    ask();
}

/// Runs `job` as [`then`] does, once the page has painted (after the next animation frame):
/// what was drawn so far is on screen, and the browser has rasterised it in its own frame.
pub fn after_paint(job: impl FnOnce() + 'static) {
    let Some(window) = dom::window() else {
        return job();
    };
    // A hidden tab runs no animation frames (and paints nothing): the job runs as the next.
    if super::frame::tab_hidden() {
        return then(job);
    }
    let cb = Closure::once_into_js(move || {
        PAINTING.with(|p| p.set(p.get().saturating_sub(1)));
        then(job);
    });
    if window.request_animation_frame(cb.unchecked_ref()).is_ok() {
        PAINTING.with(|p| p.set(p.get() + 1));
    }
}

/// True once nothing is left to mount or to finish (lazy figures aside).
fn settled() -> bool {
    QUEUE.with(|q| q.borrow().is_empty())
        && PHASES.with(|p| p.borrow().is_empty())
        && PAINTING.with(Cell::get) == 0
        && !PENDING.with(Cell::get)
}

/// Runs the next part of a figure's start if one is waiting, or else mounts the next
/// figure: the first waiting, or the first in document order of its group.
fn next() {
    PENDING.with(|p| p.set(false));
    let phase = PHASES.with(|p| p.borrow_mut().pop_front());
    if let Some(job) = phase {
        job();
        finish();
        return;
    }
    let el = QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.retain(|el| !el.has_attribute(MOUNTED));
        let first = q.first()?.clone();
        let pick = match group(&first) {
            Some(g) => q
                .iter()
                .filter(|el| group(el).as_deref() == Some(g.as_str()))
                .fold(first.clone(), |best, el| {
                    if before(el, &best) {
                        el.clone()
                    } else {
                        best
                    }
                }),
            None => first,
        };
        q.retain(|el| *el != pick);
        Some(pick)
    });
    if let Some(el) = el {
        if el.is_connected() {
            PHASED.with(|p| p.set(true));
            // A User Timing measure per mount, as for draws: "gdviz:mount:KIND".
            let start = super::js::now();
            let _ = super::mount(&el);
            super::width::drop_ahead();
            super::js::measure(&format!("gdviz:mount:{}", dom::kind_name(&el)), start);
            PHASED.with(|p| p.set(false));
        }
    }
    finish();
}

/// After a task of the scheduler's: asks for the next, or resolves [`mounting`]'s promises
/// once everything is done.
fn finish() {
    if !QUEUE.with(|q| q.borrow().is_empty()) || !PHASES.with(|p| p.borrow().is_empty()) {
        ask();
    } else if settled() {
        for resolve in WAITERS.with(|w| std::mem::take(&mut *w.borrow_mut())) {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}

/// A promise that resolves once every figure scheduled so far (lazy ones aside) has mounted
/// and drawn its first picture whole (with its readouts and `data-state`).
#[wasm_bindgen]
pub fn mounting() -> js_sys::Promise {
    if settled() {
        return js_sys::Promise::resolve(&JsValue::UNDEFINED);
    }
    js_sys::Promise::new(&mut |resolve, _| WAITERS.with(|w| w.borrow_mut().push(resolve)))
}

/// Waits for `el` to come within a viewport of being seen.
fn watch(el: &Element) {
    LAZY.with(|l| {
        let mut l = l.borrow_mut();
        if l.is_none() {
            let cb = Closure::<dyn FnMut(js_sys::Array)>::new(|entries: js_sys::Array| {
                let near: Vec<Element> = entries
                    .iter()
                    .filter_map(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
                    .filter(IntersectionObserverEntry::is_intersecting)
                    .map(|e| e.target())
                    .collect();
                if !near.is_empty() {
                    reached(&near);
                }
            });
            let init = web_sys::IntersectionObserverInit::new();
            init.set_root_margin("100% 0px 100% 0px");
            if let Ok(obs) =
                IntersectionObserver::new_with_options(cb.as_ref().unchecked_ref(), &init)
            {
                *l = Some((obs, cb));
            }
        }
        if let Some((obs, _)) = l.as_ref() {
            obs.observe(el);
            LAZY_WAITING.with(|w| {
                if !w.borrow().contains(el) {
                    w.borrow_mut().push(el.clone());
                }
            });
        }
    });
}

/// Lazy figures came near: they mount next, each with the lazy members of its group.
fn reached(near: &[Element]) {
    let mut batch: Vec<Element> = Vec::new();
    let waiting: Vec<Element> = LAZY_WAITING.with(|w| {
        w.borrow()
            .iter()
            .filter(|el| el.is_connected() && !el.has_attribute(MOUNTED))
            .cloned()
            .collect()
    });
    for el in near {
        match group(el) {
            Some(g) => batch.extend(
                waiting
                    .iter()
                    .filter(|w| group(w).as_deref() == Some(g.as_str()))
                    .cloned(),
            ),
            None => batch.push(el.clone()),
        }
    }
    LAZY.with(|l| {
        if let Some((obs, _)) = l.borrow().as_ref() {
            for el in &batch {
                obs.unobserve(el);
            }
            LAZY_WAITING.with(|w| w.borrow_mut().retain(|el| !batch.contains(el)));
        }
    });
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        for el in batch.iter().rev() {
            if !q.contains(el) && !el.has_attribute(MOUNTED) {
                q.insert(0, el.clone());
            }
        }
    });
    ask();
}

/// `element` is no longer waiting (destroyed, or mounted by a direct call).
pub fn forget(element: &Element) {
    QUEUE.with(|q| q.borrow_mut().retain(|el| el != element));
    LAZY_WAITING.with(|w| w.borrow_mut().retain(|el| el != element));
    LAZY.with(|l| {
        if let Some((obs, _)) = l.borrow().as_ref() {
            obs.unobserve(element);
        }
    });
}
