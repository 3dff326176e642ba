//! What a figure is to the page, as data: the [`Widget`] trait every kind implements.
//!
//! A widget says which canvases and controls it has ([`Part`]s, built once by the web host),
//! how tall each canvas is for a width and how to draw it (generic over the plotters backend),
//! what each input means ([`Input`] → [`Outcome`], pure and natively testable), and, every
//! frame, the text, values and states its controls show ([`Ui`]). The web host (`src/web`)
//! turns that into DOM, listeners and canvases for any widget; nothing here touches the page.

use super::contour_plot::Fill;
use super::json::{self, Json};
use super::model::Shared;
use super::target::Target;
use super::{DrawError, Layer, PlotArea};
use super::{Drawn, Root};
use plotters::coord::Shift;
use plotters::prelude::*;

/// How a canvas is drawn each frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    /// Whole, straight onto the canvas ([`Layer::All`]): figures that change everywhere at
    /// once (a turning 3-D view, the network after a step).
    Direct,
    /// A static layer ([`Layer::Background`]) kept off screen until the canvas's
    /// [`Widget::revision`] or size changes, under an overlay ([`Layer::Overlay`]) drawn
    /// every frame.
    Layered,
    /// [`Paint::Layered`], with the static layer's plot area painted from the RGBA pixels of
    /// [`Widget::fill`].
    Filled,
}

/// A canvas: in `div.gdviz-figure` (with `.gdviz-chart` for a chart below the main figure).
#[derive(Clone, Debug, PartialEq)]
pub struct CanvasPart {
    /// The id [`Ui::label`] refers to.
    pub id: &'static str,
    /// Its accessible name until the first frame says more.
    pub label: &'static str,
    /// How it is drawn.
    pub paint: Paint,
    /// A chart under the main figure.
    pub chart: bool,
    /// Takes the keyboard focus (it answers arrow keys).
    pub focusable: bool,
}

/// One table of numbers (`table.gdviz-table[data-table=ID]`): a caption, column headers, and
/// rows whose first cell heads the row.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The `data-table` attribute.
    pub id: &'static str,
    /// The caption.
    pub caption: String,
    /// Column headers.
    pub headers: Vec<&'static str>,
    /// Cells, row by row.
    pub rows: Vec<Vec<String>>,
    /// Rows marked (a dead neuron's, drawn in red).
    pub dead: Vec<bool>,
}

impl Table {
    /// True if `other` has the same id, headers and row lengths (its cells can be updated in
    /// place).
    #[must_use]
    pub fn same_shape(&self, other: &Table) -> bool {
        self.id == other.id
            && self.headers == other.headers
            && self.rows.len() == other.rows.len()
            && self
                .rows
                .iter()
                .zip(&other.rows)
                .all(|(a, b)| a.len() == b.len())
    }
}

/// A piece of a widget's DOM, top to bottom. Ids are the names [`Ui`] and [`Input`] use.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// A canvas.
    Canvas(CanvasPart),
    /// Canvases side by side when the widget is wide enough (`div.gdviz-panels`).
    Panels(Vec<CanvasPart>),
    /// A row of controls: `div` with `class`, optionally a group with an accessible name.
    Row {
        /// Its classes (`gdviz-toolbar`, `gdviz-controls`, …).
        class: &'static str,
        /// `role="group"` with this `aria-label`.
        group: Option<&'static str>,
        /// What it holds.
        items: Vec<Part>,
    },
    /// Buttons of which one is pressed (`span.gdviz-toggle[role=group]`).
    Toggles {
        /// The group's accessible name.
        label: &'static str,
        /// The buttons.
        items: Vec<Part>,
    },
    /// A button; a click is [`Input::Click`] with its id.
    Button {
        /// Its id.
        id: &'static str,
        /// Its text (until [`Ui::text`] changes it).
        text: &'static str,
        /// Its classes.
        class: &'static str,
        /// A colour swatch on its left edge (a path's colour).
        swatch: Option<(u8, u8, u8)>,
    },
    /// A labelled range slider with its value beside it; moving it is [`Input::Change`].
    Slider {
        /// Its id; [`Ui::text`] with it sets the value shown beside the slider.
        id: &'static str,
        /// Its caption.
        caption: &'static str,
        /// Minimum, maximum, step.
        range: (f64, f64, f64),
        /// An accessible name, when the caption is not enough.
        label: Option<&'static str>,
    },
    /// A labelled text field taking a number; Enter or leaving it is [`Input::Change`].
    Field {
        /// Its id, and its caption.
        id: &'static str,
        /// Its caption.
        caption: &'static str,
        /// Beside other controls rather than in a grid of fields.
        inline: bool,
    },
    /// The field where a reader types their own f(x, y), with its message beside it.
    Expr {
        /// The input's id.
        id: &'static str,
        /// The message's id.
        message: &'static str,
    },
    /// A labelled menu; a choice is [`Input::Change`] with the option's value.
    Select {
        /// Its id.
        id: &'static str,
        /// Its caption.
        caption: &'static str,
        /// (value, text) of each option.
        options: Vec<(String, String)>,
    },
    /// A paragraph (`p` with `class`).
    Text {
        /// Its id.
        id: &'static str,
        /// Its classes.
        class: &'static str,
        /// Text that never changes (a hint), or "" for text set by [`Ui::text`].
        text: &'static str,
        /// Read out politely by screen readers when it changes.
        polite: bool,
    },
    /// A message that stops the reader (`p.gdviz-error[role=alert]`), hidden while empty.
    Alert {
        /// Its id.
        id: &'static str,
    },
    /// Readouts (`dl.gdviz-readouts`): each (id, term, tooltip).
    Readouts(Vec<(&'static str, &'static str, Option<&'static str>)>),
    /// Fields under a legend (`fieldset.gdviz-inputs`).
    Fieldset {
        /// The legend.
        legend: &'static str,
        /// The fields.
        items: Vec<Part>,
    },
    /// Tables set by [`Ui::tables`], in an open `details.gdviz-tables` with a summary.
    Tables {
        /// Its id.
        id: &'static str,
        /// The summary line.
        summary: &'static str,
    },
    /// A table that never changes.
    Table(Table),
    /// The polite live region ([`Ui::live`]), visually hidden.
    Live,
}

/// A canvas's trail: what a run has accumulated so far (see [`Widget::trail`]).
///
/// The host keeps it on a layer between the static layer and the overlay. When `len` grows,
/// only items `drawn..len` are drawn ([`Layer::Trail`]`(drawn)`); it is drawn again from 0
/// over a fresh copy of the static layer when `revision` changes, when `len` falls (the run
/// went back), or when the static layer was redrawn (a resize, a theme, new axes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trail {
    /// Changes whenever what is already drawn no longer holds (a new run, a path hidden).
    pub revision: u64,
    /// How many items the run has now (iterations, steps, resamples).
    pub len: usize,
}

/// One drawing of one canvas.
pub struct Pass<'a> {
    /// Which canvas (in layout order).
    pub canvas: usize,
    /// Which layer ([`Layer::All`] for [`Paint::Direct`]).
    pub layer: Layer,
    /// How a contour plot's colour fill is painted.
    pub fill: Fill<'a>,
    /// The device pixel ratio (fonts and lines scale with it).
    pub ratio: f64,
}

/// A pointer at a canvas, in backing-store pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pointer {
    /// Which canvas (in layout order).
    pub canvas: usize,
    /// Backing-store pixel x.
    pub x: f64,
    /// Backing-store pixel y.
    pub y: f64,
    /// The device pixel ratio (backing pixels per CSS pixel).
    pub ratio: f64,
    /// The canvas's backing width.
    pub width: u32,
    /// The plot area its last frame drew, if it has one.
    pub area: Option<PlotArea>,
}

/// What the reader did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Input<'a> {
    /// A press on a canvas; [`Outcome::Changed`] starts a drag.
    Press(Pointer),
    /// The pressed pointer moved.
    Drag(Pointer),
    /// The pointer of a drag on this canvas was released (or the drag cancelled).
    Release(usize),
    /// A key on a focused canvas; [`Outcome::Changed`] stops its default (scrolling).
    Key {
        /// Which canvas.
        canvas: usize,
        /// `KeyboardEvent.key`.
        key: &'a str,
        /// Shift held.
        shift: bool,
    },
    /// A button (by id) was clicked, or an action was asked for by name.
    Click(&'a str),
    /// A field, slider or menu (by id) has a new value.
    Change(&'a str, &'a str),
}

/// What an input did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing.
    Ignored,
    /// The widget changed: redraw it.
    Changed,
    /// The widget changed what it shares with its group: redraw it, and give the group its
    /// new value (see [`Widget::shared`]).
    Shared,
    /// Move the keyboard focus to the control with this id.
    Focus(&'static str),
    /// From [`Widget::tick`]: nothing changed this frame, but the motion goes on (a step is
    /// due later): look again next frame without drawing.
    Waiting,
}

impl Outcome {
    /// True if the widget changed (the input is used: a press starts a drag, a key's default
    /// is stopped).
    #[must_use]
    pub fn changed(self) -> bool {
        matches!(self, Outcome::Changed | Outcome::Shared)
    }

    /// [`Outcome::Shared`] in place of [`Outcome::Changed`]: the change was to shared state.
    #[must_use]
    pub fn shared(self) -> Self {
        if self == Outcome::Changed {
            Outcome::Shared
        } else {
            self
        }
    }

    /// [`Outcome::Changed`] if `changed`, else [`Outcome::Ignored`].
    #[must_use]
    pub fn from(changed: bool) -> Self {
        if changed {
            Outcome::Changed
        } else {
            Outcome::Ignored
        }
    }
}

/// What a widget may ask of its surroundings while handling input.
pub struct Env<'a> {
    /// Milliseconds from a fixed start (the page's `performance.now()`).
    pub now: &'a dyn Fn() -> f64,
    /// True if the reader asked the system for less motion.
    pub reduced_motion: &'a dyn Fn() -> bool,
}

impl Env<'_> {
    /// An environment for native tests: a clock that never moves, motion allowed.
    #[must_use]
    pub fn still() -> Env<'static> {
        Env {
            now: &|| 0.0,
            reduced_motion: &|| false,
        }
    }
}

/// One property of one element, as a frame wants it.
#[derive(Clone, Debug, PartialEq)]
pub enum Prop {
    /// Its text.
    Text(String),
    /// Hidden.
    Hidden(bool),
    /// Disabled (a button).
    Disabled(bool),
    /// `aria-pressed` (a toggle button).
    Pressed(bool),
    /// An input's or menu's value (not written while the reader is editing it).
    Value(String),
    /// `aria-invalid` (a field whose text was refused).
    Invalid(bool),
    /// `aria-valuetext` (a slider).
    ValueText(String),
    /// `aria-label` (a canvas).
    Label(String),
    /// The tables of a [`Part::Tables`].
    Tables(Vec<Table>),
}

/// What a widget shows this frame: properties by element id, its `data-state` and what the
/// live region should say.
///
/// The host decides whether a frame wants `data-state` at all ([`Ui::without_state`]: a
/// frame of a long run's motion writes it at most every [`super::rhythm::STATE_INTERVAL_MS`]);
/// when it does not, [`Ui::state`] builds nothing, so a frame costs nothing for the length of
/// the run in the state. A widget whose state is costly to gather asks [`Ui::wants_state`]
/// first.
#[derive(Clone, Debug, PartialEq)]
pub struct Ui {
    /// (element id, property), in the order set.
    pub props: Vec<(&'static str, Prop)>,
    /// `data-state`, as JSON (empty when the frame did not want it).
    pub state: String,
    /// What to announce to screen readers (at most twice a second), if anything.
    pub live: Option<String>,
    /// The frame wants `data-state`: [`Ui::state`] serialises it.
    want_state: bool,
    /// A motion runs (a Play or Train button set by [`Ui::playing`] shows Pause).
    moving: bool,
}

impl Default for Ui {
    /// A frame that wants everything, `data-state` included.
    fn default() -> Self {
        Self {
            props: Vec::new(),
            state: String::new(),
            live: None,
            want_state: true,
            moving: false,
        }
    }
}

impl Ui {
    /// A frame that does not want `data-state`: [`Ui::state`] does nothing.
    #[must_use]
    pub fn without_state() -> Self {
        Self {
            want_state: false,
            ..Self::default()
        }
    }
    /// True if this frame writes `data-state` (a widget may skip gathering it otherwise).
    #[must_use]
    pub fn wants_state(&self) -> bool {
        self.want_state
    }
    /// True if a motion runs: some [`Ui::playing`] button was set to Pause.
    #[must_use]
    pub fn moving(&self) -> bool {
        self.moving
    }
    fn set(&mut self, id: &'static str, p: Prop) -> &mut Self {
        self.props.push((id, p));
        self
    }
    /// Sets an element's text.
    pub fn text(&mut self, id: &'static str, t: impl Into<String>) -> &mut Self {
        self.set(id, Prop::Text(t.into()))
    }
    /// Hides or shows an element.
    pub fn hidden(&mut self, id: &'static str, on: bool) -> &mut Self {
        self.set(id, Prop::Hidden(on))
    }
    /// Disables or enables a button.
    pub fn disabled(&mut self, id: &'static str, on: bool) -> &mut Self {
        self.set(id, Prop::Disabled(on))
    }
    /// Presses or releases a toggle button.
    pub fn pressed(&mut self, id: &'static str, on: bool) -> &mut Self {
        self.set(id, Prop::Pressed(on))
    }
    /// A Play-like button `id`: "Pause" and pressed while `on`, else `idle` ("Play", "Train").
    /// The host learns from it that a motion runs ([`Ui::moving`]).
    pub fn playing(&mut self, id: &'static str, idle: &str, on: bool) -> &mut Self {
        self.moving |= on;
        self.text(id, if on { "Pause" } else { idle })
            .pressed(id, on)
    }
    /// Tells the host a motion runs (see [`Ui::moving`]) while `on`: work spread over
    /// frames that shows only at its end (a measurement), which writes `data-state` when it
    /// ends, as a motion that stops does.
    pub fn busy(&mut self, on: bool) -> &mut Self {
        self.moving |= on;
        self
    }
    /// Sets a field's, slider's or menu's value.
    pub fn value(&mut self, id: &'static str, v: impl Into<String>) -> &mut Self {
        self.set(id, Prop::Value(v.into()))
    }
    /// Marks a field's text as refused, or not.
    pub fn invalid(&mut self, id: &'static str, on: bool) -> &mut Self {
        self.set(id, Prop::Invalid(on))
    }
    /// Sets a slider's spoken value.
    pub fn value_text(&mut self, id: &'static str, t: impl Into<String>) -> &mut Self {
        self.set(id, Prop::ValueText(t.into()))
    }
    /// Sets a canvas's accessible description.
    pub fn label(&mut self, id: &'static str, t: impl Into<String>) -> &mut Self {
        self.set(id, Prop::Label(t.into()))
    }
    /// Sets the tables of a [`Part::Tables`].
    pub fn tables(&mut self, id: &'static str, t: Vec<Table>) -> &mut Self {
        self.set(id, Prop::Tables(t))
    }
    /// Sets `data-state` to `state` as JSON, if this frame wants it ([`Ui::wants_state`]);
    /// else does nothing (no serialisation).
    pub fn state(&mut self, state: &dyn Json) -> &mut Self {
        if self.want_state {
            self.state = json::to_string(state);
        }
        self
    }
    /// Asks the live region to say `t`.
    pub fn live(&mut self, t: impl Into<String>) -> &mut Self {
        self.live = Some(t.into());
        self
    }
    /// Every property set for `id`, in order (for tests).
    #[must_use]
    pub fn get(&self, id: &str) -> Vec<&Prop> {
        self.props
            .iter()
            .filter(|(i, _)| *i == id)
            .map(|(_, p)| p)
            .collect()
    }
    /// The last text set for `id` (for tests).
    #[must_use]
    pub fn text_of(&self, id: &str) -> Option<&str> {
        self.get(id).into_iter().rev().find_map(|p| match p {
            Prop::Text(t) => Some(t.as_str()),
            _ => None,
        })
    }
}

/// A figure as a widget. One file in `src/figures` implements it for a kind; the registry in
/// `figures/mod.rs` names it; the web host does the rest.
pub trait Widget: 'static {
    /// The DOM parts, top to bottom (canvases are numbered in this order).
    fn layout(&self) -> Vec<Part>;

    /// The CSS width canvas `canvas` gets when the widget's content is `total` wide.
    fn width(&self, _canvas: usize, total: f64) -> f64 {
        total
    }

    /// The backing height of canvas `canvas` for a backing `width` at pixel ratio `ratio`.
    fn height(&self, canvas: usize, width: u32, ratio: f64) -> u32;

    /// Draws `layer` of canvas `canvas` ([`Layer::All`] for [`Paint::Direct`]); returns the
    /// plot area pointer input on it maps through, if it has one.
    ///
    /// # Errors
    /// If plotters fails.
    fn draw<B: DrawingBackend>(&self, root: &Root<B>, pass: Pass<'_>) -> Drawn<Option<PlotArea>>;

    /// RGBA pixels of a [`Paint::Filled`] canvas's plot area, `width` × `height`.
    fn fill(&self, _canvas: usize, _area: &PlotArea, _width: usize, _height: usize) -> Vec<u8> {
        Vec::new()
    }

    /// Changes whenever canvas `canvas`'s static layer must be drawn again.
    fn revision(&self, _canvas: usize) -> u64 {
        0
    }

    /// Does ahead what the first picture will need (tracing level lines), so the page can
    /// run it in a task of its own while it loads; drawing does it anyway if it was not.
    fn warm(&self) {}

    /// True if [`warm`](Self::warm) has anything to do (the page gives it a task only then).
    fn warms(&self) -> bool {
        false
    }

    /// Canvas `canvas`'s trail, if it keeps one (a [`Paint::Layered`] or [`Paint::Filled`]
    /// canvas only): what a run accumulates, drawn with [`Layer::Trail`] onto a cached layer
    /// over the static one as it grows, and taken out of the overlay.
    fn trail(&self, _canvas: usize) -> Option<Trail> {
        None
    }

    /// A frame is about to be drawn: advance an animation. [`Outcome::Changed`] or
    /// [`Outcome::Shared`] (it changed what it shares: the group takes it) asks for another
    /// frame; [`Outcome::Ignored`] means nothing moved.
    fn tick(&mut self, _env: &Env<'_>) -> Outcome {
        Outcome::Ignored
    }

    /// What an input means.
    fn input(&mut self, input: &Input<'_>, env: &Env<'_>) -> Outcome;

    /// What the controls, readouts, `data-state` and live region show now. A motion's
    /// Play or Train button is set with [`Ui::playing`] (the host learns from it when a
    /// motion stops); a state that is costly to gather (a run's history) is gathered only if
    /// [`Ui::wants_state`].
    fn ui(&self, ui: &mut Ui);

    /// The options (`data-*` names without the prefix) that reopen this view.
    fn url_options(&self) -> Vec<(&'static str, String)>;

    /// The figure as an SVG document `width` pixels wide, drawn through a [`Target`] whose
    /// screen backend is `S` (so the browser's SVG export shares the canvas's drawing code):
    /// by default its canvases stacked top to bottom, each drawn whole at pixel ratio 1 with
    /// contour fills as 48 × 48 cells.
    ///
    /// # Errors
    /// If plotters fails.
    fn svg_for<S: DrawingBackend>(&self, width: u32) -> Result<String, DrawError>
    where
        Self: Sized,
    {
        svg_of::<S>(self, width)
    }

    /// [`svg_for`](Widget::svg_for) for a document on its own.
    ///
    /// # Errors
    /// If plotters fails.
    fn svg(&self, width: u32) -> Result<String, DrawError>
    where
        Self: Sized,
    {
        self.svg_for::<super::Plain>(width)
    }

    /// What this widget shares with its group, if anything.
    fn shared(&self) -> Option<Shared> {
        None
    }

    /// A second value it shares, published beside [`Widget::shared`] (`sinusoid`'s θ).
    fn also_shared(&self) -> Option<Shared> {
        None
    }

    /// The widget is going away: stops its motion. True if that changed what it shares (a
    /// run it was training), which the group then takes.
    fn stop(&mut self) -> bool {
        false
    }

    /// Takes a value of its group (another member changed it). True if taking it changed
    /// what this widget shares, so the group must take that too (a `trajectory` that takes a
    /// `momentum-map`'s quadratic has a new run).
    fn receive(&mut self, _shared: &Shared) -> bool {
        false
    }

    /// Joins a group holding `existing`: takes its values (the group's value wins over the
    /// widget's own options). True if the widget then changed a shared value the group must
    /// take (e.g. `loss-slice`'s `data-held`).
    fn join(&mut self, existing: &[Shared]) -> bool {
        let mut changed = false;
        for s in existing {
            changed |= self.receive(s);
        }
        changed
    }

    /// Names a script may pass to `handle.action()` besides the buttons' ids, each handled by
    /// [`Widget::input`] as an [`Input::Click`] (e.g. `trajectory`'s path keys `gd`, `adam`).
    fn action_aliases(&self) -> Vec<&'static str> {
        Vec::new()
    }

    /// An action to run once, this many milliseconds after the first frame (e.g. `cost`'s
    /// timings, measured once the page shows the figure).
    fn first_action(&self) -> Option<(&'static str, i32)> {
        None
    }
}

/// [`Widget::svg_for`]'s document, drawn through [`Figure`]: one copy of this code for every
/// kind of widget (a generic default method is compiled once per widget).
fn svg_of<S: DrawingBackend>(figure: &dyn Figure<S>, width: u32) -> Result<String, DrawError> {
    let heights: Vec<u32> = (0..canvases(&figure.layout()).len())
        .map(|i| figure.height(i, width, 1.0))
        .collect();
    super::render_svg_for::<S>(
        width,
        |_| heights.iter().sum(),
        |root| {
            let mut rest = root.clone();
            for (canvas, &h) in heights.iter().enumerate() {
                let area = if canvas + 1 == heights.len() {
                    rest.clone()
                } else {
                    let (top, below) = rest.split_vertically(h);
                    rest = below;
                    top
                };
                let pass = Pass {
                    canvas,
                    layer: Layer::All,
                    fill: Fill::Cells(48),
                    ratio: 1.0,
                };
                figure.draw(&area, pass)?;
            }
            Ok(())
        },
    )
}

/// A [`Widget`] seen through one screen backend `S`: object-safe, so the web host's code is
/// compiled once for every kind. Implemented for every widget.
pub trait Figure<S: DrawingBackend> {
    /// See [`Widget::layout`].
    fn layout(&self) -> Vec<Part>;
    /// See [`Widget::width`].
    fn width(&self, canvas: usize, total: f64) -> f64;
    /// See [`Widget::height`].
    fn height(&self, canvas: usize, width: u32, ratio: f64) -> u32;
    /// See [`Widget::draw`].
    ///
    /// # Errors
    /// If plotters fails.
    fn draw(
        &self,
        root: &DrawingArea<Target<'_, S>, Shift>,
        pass: Pass<'_>,
    ) -> Result<Option<PlotArea>, DrawError>;
    /// See [`Widget::fill`].
    fn fill(&self, canvas: usize, area: &PlotArea, width: usize, height: usize) -> Vec<u8>;
    /// See [`Widget::revision`].
    fn revision(&self, canvas: usize) -> u64;
    /// See [`Widget::warm`].
    fn warm(&self);
    /// See [`Widget::warms`].
    fn warms(&self) -> bool;
    /// See [`Widget::trail`].
    fn trail(&self, canvas: usize) -> Option<Trail>;
    /// See [`Widget::tick`].
    fn tick(&mut self, env: &Env<'_>) -> Outcome;
    /// See [`Widget::input`].
    fn input(&mut self, input: &Input<'_>, env: &Env<'_>) -> Outcome;
    /// See [`Widget::ui`].
    fn ui(&self) -> Ui;
    /// [`Figure::ui`] for a frame that wants `data-state` only if `state` (else
    /// [`Ui::without_state`]).
    fn frame_ui(&self, state: bool) -> Ui;
    /// See [`Widget::url_options`].
    fn url_options(&self) -> Vec<(&'static str, String)>;
    /// See [`Widget::svg_for`].
    ///
    /// # Errors
    /// If plotters fails.
    fn svg(&self, width: u32) -> Result<String, DrawError>;
    /// See [`Widget::shared`].
    fn shared(&self) -> Option<Shared>;
    /// See [`Widget::also_shared`].
    fn also_shared(&self) -> Option<Shared>;
    /// See [`Widget::stop`].
    fn stop(&mut self) -> bool;
    /// See [`Widget::receive`].
    fn receive(&mut self, shared: &Shared) -> bool;
    /// See [`Widget::join`].
    fn join(&mut self, existing: &[Shared]) -> bool;
    /// See [`Widget::first_action`].
    fn first_action(&self) -> Option<(&'static str, i32)>;
    /// See [`Widget::action_aliases`].
    fn action_aliases(&self) -> Vec<&'static str>;
}

impl<S: DrawingBackend, W: Widget> Figure<S> for W {
    fn layout(&self) -> Vec<Part> {
        Widget::layout(self)
    }
    fn width(&self, canvas: usize, total: f64) -> f64 {
        Widget::width(self, canvas, total)
    }
    fn height(&self, canvas: usize, width: u32, ratio: f64) -> u32 {
        Widget::height(self, canvas, width, ratio)
    }
    fn draw(
        &self,
        root: &DrawingArea<Target<'_, S>, Shift>,
        pass: Pass<'_>,
    ) -> Result<Option<PlotArea>, DrawError> {
        Widget::draw(self, root, pass)
    }
    fn fill(&self, canvas: usize, area: &PlotArea, width: usize, height: usize) -> Vec<u8> {
        Widget::fill(self, canvas, area, width, height)
    }
    fn revision(&self, canvas: usize) -> u64 {
        Widget::revision(self, canvas)
    }
    fn warm(&self) {
        Widget::warm(self);
    }
    fn warms(&self) -> bool {
        Widget::warms(self)
    }
    fn trail(&self, canvas: usize) -> Option<Trail> {
        Widget::trail(self, canvas)
    }
    fn tick(&mut self, env: &Env<'_>) -> Outcome {
        Widget::tick(self, env)
    }
    fn input(&mut self, input: &Input<'_>, env: &Env<'_>) -> Outcome {
        Widget::input(self, input, env)
    }
    fn ui(&self) -> Ui {
        Figure::<S>::frame_ui(self, true)
    }
    fn frame_ui(&self, state: bool) -> Ui {
        let mut ui = if state {
            Ui::default()
        } else {
            Ui::without_state()
        };
        Widget::ui(self, &mut ui);
        ui
    }
    fn url_options(&self) -> Vec<(&'static str, String)> {
        Widget::url_options(self)
    }
    fn svg(&self, width: u32) -> Result<String, DrawError> {
        Widget::svg_for::<S>(self, width)
    }
    fn shared(&self) -> Option<Shared> {
        Widget::shared(self)
    }
    fn also_shared(&self) -> Option<Shared> {
        Widget::also_shared(self)
    }
    fn stop(&mut self) -> bool {
        Widget::stop(self)
    }
    fn receive(&mut self, shared: &Shared) -> bool {
        Widget::receive(self, shared)
    }
    fn join(&mut self, existing: &[Shared]) -> bool {
        Widget::join(self, existing)
    }
    fn first_action(&self) -> Option<(&'static str, i32)> {
        Widget::first_action(self)
    }
    fn action_aliases(&self) -> Vec<&'static str> {
        Widget::action_aliases(self)
    }
}

/// The canvases of a layout, in order.
#[must_use]
pub fn canvases(parts: &[Part]) -> Vec<CanvasPart> {
    let mut out = Vec::new();
    for p in parts {
        match p {
            Part::Canvas(c) => out.push(c.clone()),
            Part::Panels(list) => out.extend(list.iter().cloned()),
            Part::Row { items, .. }
            | Part::Toggles { items, .. }
            | Part::Fieldset { items, .. } => {
                out.extend(canvases(items));
            }
            _ => {}
        }
    }
    out
}

/// The ids of the buttons in `parts`: the actions a script may ask for.
#[must_use]
pub fn actions(parts: &[Part]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for p in parts {
        match p {
            Part::Button { id, .. } => out.push(*id),
            Part::Row { items, .. }
            | Part::Toggles { items, .. }
            | Part::Fieldset { items, .. } => {
                out.extend(actions(items));
            }
            _ => {}
        }
    }
    out
}

/// A press within `slack` pixels of a plot area (the usual test for starting a drag).
#[must_use]
pub fn on_area(p: &Pointer, slack_css: f64) -> Option<PlotArea> {
    p.area.filter(|a| a.contains(p.x, p.y, slack_css * p.ratio))
}

/// A caption's button: `gdviz-button`, `primary` for the main action.
#[must_use]
pub fn button(id: &'static str, text: &'static str, primary: bool) -> Part {
    Part::Button {
        id,
        text,
        class: if primary {
            "gdviz-button gdviz-primary"
        } else {
            "gdviz-button"
        },
        swatch: None,
    }
}

/// A toolbar row (`div.gdviz-toolbar`).
#[must_use]
pub fn toolbar(items: Vec<Part>) -> Part {
    Part::Row {
        class: "gdviz-toolbar",
        group: None,
        items,
    }
}

/// A canvas part.
#[must_use]
pub fn canvas(id: &'static str, label: &'static str, paint: Paint) -> CanvasPart {
    CanvasPart {
        id,
        label,
        paint,
        chart: false,
        focusable: true,
    }
}

/// A chart under the main figure (not focusable).
#[must_use]
pub fn chart(id: &'static str, label: &'static str, paint: Paint) -> CanvasPart {
    CanvasPart {
        id,
        label,
        paint,
        chart: true,
        focusable: false,
    }
}

/// A paragraph set each frame (`summary`) or a fixed hint.
#[must_use]
pub fn text(id: &'static str, class: &'static str, text: &'static str) -> Part {
    Part::Text {
        id,
        class,
        text,
        polite: false,
    }
}
