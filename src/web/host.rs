//! The one web host every widget runs in: it builds the widget's DOM from its parts, sizes
//! its canvases, draws them once per frame, turns pointer, key and control events into the
//! widget's [`Input`]s, shares its model with its group, and offers downloads and links.

use super::backend::{Canvas, Screen};
use super::canvas::pixel_ratio;
use super::dom;
use super::download;
use super::error::{Error, Result};
use super::frame::FrameLoop;
use super::group::{self, Group};
use super::hold::Hold;
use super::layered::LayeredCanvas;
use super::ui::UiDom;
use super::{url, width};
use crate::figures::contour_plot::Fill;
use crate::figures::rhythm::{Cause, StateRhythm};
use crate::figures::widget::{self, CanvasPart, Env, Figure, Input, Outcome, Paint, Pass, Pointer};
use crate::figures::{DrawError, Kind, Layer, Options, PlotArea};
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlCanvasElement};

/// A mounted widget: its figure and everything on the page that shows it.
pub struct Host {
    figure: Box<dyn Figure<Canvas>>,
    root: Element,
    canvases: Vec<(CanvasPart, LayeredCanvas)>,
    /// The plot area each canvas's last frame drew.
    areas: Vec<Option<PlotArea>>,
    /// The static-layer revision each canvas last drew.
    revisions: Vec<u64>,
    ui: UiDom,
    group: Option<Rc<Group>>,
    /// This widget's id in its group.
    member: u64,
    /// The group's version this widget has taken.
    seen: u64,
    frame: Weak<FrameLoop>,
    /// When a frame writes `data-state`.
    rhythm: StateRhythm,
}

type Shared = Rc<RefCell<Host>>;

/// A running widget: its hold on the page and its host (for scripted control).
pub struct Mounted {
    /// Listeners, observers and the frame loop.
    pub hold: Hold,
    /// The widget.
    pub host: Shared,
}

impl Mounted {
    /// Stops the widget's motion (telling its group, when that changes what they share: a
    /// run it was training) and lets go of the page.
    pub fn destroy(self) {
        if let Ok(mut h) = self.host.try_borrow_mut() {
            if h.figure.stop() {
                h.publish(false);
            }
        }
        self.hold.destroy();
    }
}

/// Does what the button `name` does, as a click would.
///
/// # Errors
/// The actions the widget has, if `name` is none of them.
pub fn action(host: &Shared, name: &str) -> std::result::Result<(), Vec<&'static str>> {
    let list = host
        .try_borrow()
        .map(|h| {
            let mut names = widget::actions(&h.figure.layout());
            names.extend(h.figure.action_aliases());
            names
        })
        .unwrap_or_default();
    if !list.contains(&name) {
        return Err(list);
    }
    dispatch(host, &Input::Click(name));
    Ok(())
}

/// Builds the widget of `kind` from `opts` in `root` and starts it. In a group, the group's
/// values win over `opts` (see `group.rs`), unless `lead`: then `opts` were just changed by
/// the page's script and the widget gives the group its values.
pub fn mount(root: &Element, kind: Kind, opts: &dyn Options, lead: bool) -> Result<Mounted> {
    // Mounted by the scheduler: the start is split over tasks (`schedule::phased`).
    let phased = super::schedule::phased();
    let mut figure = kind.build::<Canvas>(opts)?;
    let group = Group::join(opts.get("data-group"));
    let mut seen = 0;
    let member = group::new_member();
    if let Some(g) = &group {
        let changed = lead || figure.join(&g.values());
        for mine in [figure.shared(), figure.also_shared()]
            .into_iter()
            .flatten()
        {
            if changed || !g.has(&mine) {
                g.publish(mine, member, false);
            }
        }
        seen = g.version();
    }
    root.set_inner_html("");
    let parts = figure.layout();
    let canvases = widget::canvases(&parts)
        .into_iter()
        .map(|c| {
            LayeredCanvas::new(c.label).map(|mut l| {
                if phased {
                    l.defer_first();
                }
                (c, l)
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let elements: Vec<HtmlCanvasElement> = canvases.iter().map(|(_, l)| l.canvas.clone()).collect();
    let ui = UiDom::build(root, &parts, &elements)?;
    let controls = ui.controls.clone();
    let host: Shared = Rc::new(RefCell::new(Host {
        figure,
        root: root.clone(),
        areas: vec![None; canvases.len()],
        revisions: vec![0; canvases.len()],
        canvases,
        ui,
        group: group.clone(),
        member,
        seen,
        frame: Weak::new(),
        rhythm: StateRhythm::default(),
    }));
    let render = Rc::clone(&host);
    let frame = FrameLoop::new(root, kind.name(), move || {
        render
            .try_borrow_mut()
            .map_or(Ok(false), |mut h| h.render())
    });
    if let Ok(mut h) = host.try_borrow_mut() {
        h.frame = Rc::downgrade(&frame);
    }
    if let Some(g) = &group {
        g.subscribe(&frame);
        frame.set_group(g);
    }
    let mut hold = Hold::new(&frame);
    for (i, canvas) in elements.iter().enumerate() {
        pointer_input(&mut hold, &host, i, canvas);
    }
    for (id, event, el) in controls {
        let (h, target) = (Rc::clone(&host), el.clone());
        hold.listen(&el, event, move |_| {
            if event == "click" {
                dispatch(&h, &Input::Click(id));
            } else {
                let value = js_sys::Reflect::get(&target, &JsValue::from_str("value"))
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                dispatch(&h, &Input::Change(id, &value));
            }
        });
    }
    let (list, h) = (elements.clone(), Rc::clone(&host));
    download::downloads(
        &mut hold,
        root,
        kind.name(),
        move || list.clone(),
        move || {
            let h = h
                .try_borrow()
                .map_err(|_| Error::dom("the figure is busy"))?;
            Ok(h.figure.svg(720)?)
        },
    )?;
    let id = root.id();
    if !id.is_empty() {
        let h = Rc::clone(&host);
        url::register(&id, move || {
            h.try_borrow()
                .map(|h| h.figure.url_options())
                .unwrap_or_default()
        });
    }
    if phased {
        // The first picture comes in later tasks: the widget takes its final size now (its
        // canvases' sizes, its readouts' text), so nothing on the page moves when it is drawn.
        if let Ok(mut h) = host.try_borrow_mut() {
            h.lay_out();
        }
        // A heat-mapped figure's level lines are traced in the next task, and its heat maps
        // computed in the one after, ahead of the task that shows them.
        let filled = host
            .try_borrow()
            .is_ok_and(|h| h.canvases.iter().any(|(c, _)| c.paint == Paint::Filled));
        if filled {
            if host.try_borrow().is_ok_and(|h| h.figure.warms()) {
                ahead(&host, &frame, kind, "lines", |h| h.figure.warm());
            }
            // A failure here is only a fill the first frame computes itself.
            ahead(&host, &frame, kind, "fill", |h| drop(h.prefill()));
        }
        frame.start_later();
    } else {
        frame.run();
    }
    let first = host.try_borrow().ok().and_then(|h| h.figure.first_action());
    if let (Some((action, delay)), Some(window)) = (first, dom::window()) {
        // After the first paint, so the page shows the figure at once.
        let h = Rc::downgrade(&host);
        let cb = Closure::once_into_js(move || {
            if let Some(h) = h.upgrade() {
                dispatch(&h, &Input::Click(action));
            }
        });
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), delay);
    }
    Ok(Mounted { hold, host })
}

/// Runs `job` on the host in a task of the scheduler's own (see `schedule::then`), unless
/// the widget is gone or has drawn by then; the task is a User Timing measure
/// "gdviz:NAME:KIND", as mounts and draws are.
fn ahead(
    host: &Shared,
    frame: &Rc<FrameLoop>,
    kind: Kind,
    name: &'static str,
    job: impl FnOnce(&mut Host) + 'static,
) {
    let (h, f) = (Rc::downgrade(host), Rc::downgrade(frame));
    super::schedule::then(move || {
        let (Some(h), Some(f)) = (h.upgrade(), f.upgrade()) else {
            return;
        };
        if f.drawn() {
            return;
        }
        if let Ok(mut host) = h.try_borrow_mut() {
            let start = super::js::now();
            job(&mut host);
            super::js::measure(&format!("gdviz:{name}:{}", kind.name()), start);
        };
    });
}

/// Draws `layer` of the filled canvas `canvas` with `fill`; returns its plot area (a filled
/// canvas always has one).
fn draw_filled(
    figure: &dyn Figure<Canvas>,
    root: &DrawingArea<Screen, Shift>,
    canvas: usize,
    layer: Layer,
    fill: Fill<'_>,
    ratio: f64,
) -> std::result::Result<PlotArea, DrawError> {
    let pass = Pass {
        canvas,
        layer,
        fill,
        ratio,
    };
    figure
        .draw(root, pass)?
        .ok_or_else(|| DrawError("a filled canvas drew no plot".into()))
}

/// The buttons Space presses on a focused figure: Play, or the network's Train.
const PLAY_ACTIONS: [&str; 2] = ["play", "train"];

/// The page as the widget may see it while handling input.
fn with_env<T>(f: impl FnOnce(&Env<'_>) -> T) -> T {
    // Asked for only by a widget that measures. No clock, no times: NaN.
    let now = super::js::now;
    let reduced = || {
        dom::window()
            .and_then(|w| {
                w.match_media("(prefers-reduced-motion: reduce)")
                    .ok()
                    .flatten()
            })
            .is_some_and(|m| m.matches())
    };
    f(&Env {
        now: &now,
        reduced_motion: &reduced,
    })
}

/// Hands `input` to the widget (unless it is busy drawing) and acts on what it did.
fn dispatch(host: &Shared, input: &Input<'_>) -> Outcome {
    let Ok(mut h) = host.try_borrow_mut() else {
        return Outcome::Ignored;
    };
    // Take what the group changed since the last frame first, so a change made here starts
    // from it (two linked widgets changed within one frame keep both changes).
    h.take_group(false);
    let outcome = with_env(|env| h.figure.input(input, env));
    if outcome == Outcome::Shared {
        h.publish(false);
    }
    match outcome {
        Outcome::Changed | Outcome::Shared => {
            if let Some(f) = h.frame.upgrade() {
                f.request();
            }
        }
        Outcome::Focus(id) => {
            if let Some(el) = h.ui.element(id) {
                let _ = el.focus();
            }
        }
        Outcome::Ignored | Outcome::Waiting => {}
    }
    outcome
}

/// Wires pointer dragging (mouse, pen, touch) and keys on canvas `index`. A press the widget
/// takes starts a drag: the page then stops the browser's default (no scrolling or text
/// selection), captures the pointer and focuses the canvas for the arrow keys without
/// scrolling; every move of that pointer is a drag until it is released or cancelled.
fn pointer_input(hold: &mut Hold, host: &Shared, index: usize, canvas: &HtmlCanvasElement) {
    let active: Rc<Cell<Option<i32>>> = Rc::new(Cell::new(None));
    let (a, c, h) = (Rc::clone(&active), canvas.clone(), Rc::clone(host));
    hold.listen(canvas, "pointerdown", move |e| {
        let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
            return;
        };
        let Some(p) = pointer(&h, index, &c, e) else {
            return;
        };
        if dispatch(&h, &Input::Press(p)).changed() {
            e.prevent_default();
            focus_quietly(&c);
            let _ = c.set_pointer_capture(e.pointer_id());
            a.set(Some(e.pointer_id()));
        }
    });
    let (a, c, h) = (Rc::clone(&active), canvas.clone(), Rc::clone(host));
    hold.listen(canvas, "pointermove", move |e| {
        let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
            return;
        };
        if a.get() == Some(e.pointer_id()) {
            if let Some(p) = pointer(&h, index, &c, e) {
                dispatch(&h, &Input::Drag(p));
            }
        }
    });
    for name in ["pointerup", "pointercancel", "lostpointercapture"] {
        let (a, h) = (Rc::clone(&active), Rc::clone(host));
        hold.listen(canvas, name, move |e| {
            if let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() {
                if a.get() == Some(e.pointer_id()) {
                    a.set(None);
                    dispatch(&h, &Input::Release(index));
                }
            }
        });
    }
    let h = Rc::clone(host);
    hold.listen(canvas, "keydown", move |e| {
        if let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() {
            let key = e.key();
            let input = Input::Key {
                canvas: index,
                key: &key,
                shift: e.shift_key(),
            };
            let mut used = dispatch(&h, &input).changed();
            // Space on a figure plays or pauses its motion, when it has any (once per press,
            // not for each repeat of a held key).
            if !used && key == " " && !e.repeat() {
                let play = h.try_borrow().ok().and_then(|h| {
                    widget::actions(&h.figure.layout())
                        .into_iter()
                        .find(|a| PLAY_ACTIONS.contains(a))
                });
                if let Some(action) = play {
                    used = dispatch(&h, &Input::Click(action)).changed();
                }
            }
            if used {
                e.prevent_default();
            }
        }
    });
}

/// The pointer event's position on canvas `index`, in backing-store pixels.
fn pointer(
    host: &Shared,
    index: usize,
    canvas: &HtmlCanvasElement,
    e: &web_sys::PointerEvent,
) -> Option<Pointer> {
    let area = host.try_borrow().ok()?.areas.get(index).copied().flatten();
    let rect = canvas.get_bounding_client_rect();
    // Backing pixels per CSS pixel (1 for a canvas not laid out).
    let scale = |backing: u32, css: f64| {
        f64::from(backing) / if css > 0.0 { css } else { f64::from(backing) }
    };
    let at: &super::js::ClientPoint = e.unchecked_ref();
    Some(Pointer {
        canvas: index,
        x: (at.client_x() - rect.left()) * scale(canvas.width(), rect.width()),
        y: (at.client_y() - rect.top()) * scale(canvas.height(), rect.height()),
        ratio: pixel_ratio(),
        width: canvas.width(),
        area,
    })
}

/// Focuses an element for the keyboard without scrolling the page under the pointer.
fn focus_quietly(el: &web_sys::HtmlElement) {
    let opts = web_sys::FocusOptions::new();
    opts.set_prevent_scroll(true);
    let _ = el.focus_with_options(&opts);
}

impl Host {
    /// Gives the group what this widget shares, after a change (`motion`: made by a motion's
    /// tick, not by the reader).
    fn publish(&mut self, motion: bool) {
        if let Some(g) = &self.group {
            let values = [self.figure.shared(), self.figure.also_shared()];
            for mine in values.into_iter().flatten() {
                g.publish(mine, self.member, motion);
            }
            self.seen = g.version();
        }
    }

    /// Takes the group's values if another member changed them since this widget last did
    /// (`motion`: in a frame, where what it takes may be a motion's; every member was asked
    /// for a frame of the right kind by the change itself).
    fn take_group(&mut self, motion: bool) {
        if let Some(g) = &self.group {
            if g.version() != self.seen {
                let since = std::mem::replace(&mut self.seen, g.version());
                let mut changed = false;
                for s in g.newer(self.member, since) {
                    changed |= self.figure.receive(&s);
                }
                // What this widget shares changed with what it took: the group takes it.
                if changed {
                    self.publish(motion);
                }
            }
        }
    }

    /// One frame: advance, take the group's changes, draw every canvas, write the controls
    /// and, at the rhythm of [`StateRhythm`], `data-state`. False if it only ticked a motion
    /// waiting for its next step (nothing drawn).
    fn render(&mut self) -> Result<bool> {
        // Take the group's changes first, so a tick advances from them.
        self.take_group(true);
        // Motion advances only while the reader can see it (or another member of its group
        // that shows it): out of view or in a hidden tab the widget stays where it is and
        // asks for no more frames (coming back into view asks for one, and the motion goes
        // on).
        let frame = self.frame.upgrade();
        let showing = frame.as_ref().is_some_and(|f| f.showing())
            || self.group.as_ref().is_some_and(|g| g.any_showing());
        let ticked = if showing {
            with_env(|env| self.figure.tick(env))
        } else {
            if super::frame::tab_hidden() {
                // Frames do not run in a hidden tab: the one asked for runs when it is shown.
                if let Some(f) = &frame {
                    f.request_tick();
                }
            }
            Outcome::Ignored
        };
        if ticked == Outcome::Shared {
            self.publish(true);
        }
        let dirty = frame.as_ref().is_some_and(|f| f.take_dirty());
        let moved = frame.as_ref().is_some_and(|f| f.take_moved());
        if ticked.changed() || ticked == Outcome::Waiting {
            // This frame draws what the tick changed; the next one only ticks again.
            if let Some(f) = &frame {
                f.request_tick();
            }
        }
        let cause = if dirty {
            Cause::Other
        } else if ticked.changed() || moved {
            Cause::Motion
        } else if ticked == Outcome::Waiting {
            Cause::Waiting
        } else {
            Cause::Other
        };
        let now = with_env(|env| (env.now)());
        let want = self.rhythm.wants(now, cause);
        if cause == Cause::Waiting {
            // Nothing to draw; the state a held-back frame skipped is written once its
            // interval is over.
            if want {
                let ui = self.figure.frame_ui(true);
                self.rhythm.built(now, true, ui.moving());
                self.ui.apply(ui, &self.root);
            }
            return Ok(false);
        }
        let total = width::css_width(&self.root);
        for i in 0..self.canvases.len() {
            self.areas[i] = self.paint(i, total)?;
        }
        if self.canvases.iter().any(|(_, v)| v.deferred()) {
            // The first frame drew its static layers only: the overlays and data-state are
            // the next frame's, once the page has painted these. The controls and readouts
            // are written now, so the page lays the widget out at its final size at once.
            self.ui.apply(self.figure.frame_ui(false), &self.root);
            if let Some(f) = &frame {
                f.mark_dirty();
            }
            return Ok(true);
        }
        let mut ui = self.figure.frame_ui(want);
        if self.rhythm.stopped(want, ui.moving()) {
            // The motion ended or paused in this frame: its final state is written now.
            ui = self.figure.frame_ui(true);
        }
        if self.rhythm.built(now, ui.wants_state(), ui.moving()) {
            if let (Some(g), Some(f)) = (&self.group, &frame) {
                g.settle(f);
            }
        }
        self.ui.apply(ui, &self.root);
        Ok(true)
    }

    /// Sizes every canvas for the widget's width and writes the controls and readouts (not
    /// `data-state`), drawing nothing: the widget as tall as its first frame will leave it.
    fn lay_out(&mut self) {
        let total = width::css_width(&self.root);
        let figure = &*self.figure;
        for (i, (_, view)) in self.canvases.iter_mut().enumerate() {
            view.fit(figure.width(i, total), |w, r| figure.height(i, w, r));
        }
        self.ui.apply(self.figure.frame_ui(false), &self.root);
    }

    /// Computes the heat maps of the first picture ahead of it, at the canvases' present
    /// sizes (see [`LayeredCanvas::prefill`]): the part of a contour-style figure's start
    /// that takes longest, in a task of its own.
    fn prefill(&mut self) -> Result {
        if !self.root.is_connected() {
            return Ok(());
        }
        let total = width::css_width(&self.root);
        let figure = &*self.figure;
        for (i, (part, view)) in self.canvases.iter_mut().enumerate() {
            if part.paint == Paint::Filled {
                // At the size the next frame will give it (the page may have resized since).
                let (_, _, ratio) = view.fit(figure.width(i, total), |w, r| figure.height(i, w, r));
                view.prefill(
                    figure.revision(i),
                    |a, w, h| figure.fill(i, a, w, h),
                    |root, fill| draw_filled(figure, root, i, Layer::Fill, fill, ratio),
                )?;
            }
        }
        Ok(())
    }

    /// Draws canvas `i` for a widget `total` CSS pixels wide.
    fn paint(&mut self, i: usize, total: f64) -> Result<Option<PlotArea>> {
        let figure = &*self.figure;
        let (part, view) = &mut self.canvases[i];
        let (_, _, ratio) = view.fit(figure.width(i, total), |w, r| figure.height(i, w, r));
        let revision = figure.revision(i);
        view.revised(revision != self.revisions[i]);
        self.revisions[i] = revision;
        let pass = |layer| Pass {
            canvas: i,
            layer,
            fill: Fill::None,
            ratio,
        };
        match part.paint {
            Paint::Direct => {
                let mut area = None;
                view.direct(|root| {
                    area = figure.draw(root, pass(Layer::All))?;
                    Ok(())
                })?;
                Ok(area)
            }
            Paint::Layered => {
                view.background(|root, _| {
                    figure.draw(root, pass(Layer::Background))?;
                    Ok(())
                })?;
                if view.deferred() {
                    return Ok(None);
                }
                if let Some(trail) = figure.trail(i) {
                    view.trail(trail, |root, from| {
                        figure.draw(root, pass(Layer::Trail(from)))?;
                        Ok(())
                    })?;
                }
                let overlay = view.overlay()?;
                Ok(figure.draw(&overlay, pass(Layer::Overlay))?)
            }
            Paint::Filled => {
                view.background_filled(
                    revision,
                    |a, w, h| figure.fill(i, a, w, h),
                    |root, fill| draw_filled(figure, root, i, Layer::Background, fill, ratio),
                )?;
                if view.deferred() {
                    return Ok(None);
                }
                if let Some(trail) = figure.trail(i) {
                    view.trail(trail, |root, from| {
                        figure.draw(root, pass(Layer::Trail(from)))?;
                        Ok(())
                    })?;
                }
                let overlay = view.overlay()?;
                Ok(figure.draw(&overlay, pass(Layer::Overlay))?)
            }
        }
    }
}
