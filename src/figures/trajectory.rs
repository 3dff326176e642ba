//! The `trajectory` figure: optimizers race down a surface from one draggable start —
//! gradient descent (steepest under L2), coordinate descent (L1), sign descent (L∞),
//! momentum, and on request Nesterov, Adagrad, RMSprop and Adam as `torch.optim` defines
//! them — on its contour plot, each next step split into its parts, with the loss per
//! iteration below.

use super::contour_plot::{ContourPlot, OnContours};
use super::draw;
use super::format::sig;
use super::loss_chart;
use super::model::{self, ExprInput, Shared};
use super::options::{parse_number, OptionError, Options};
use super::plot_area::PlotArea;
use super::point::MovablePoint;
use super::style::{self, px};
use super::widget::{self, Env, Input, Outcome, Paint, Part, Pass, Trail, Ui, Widget};
use super::{Drawn, Layer, Root};
use crate::math::functions::Domain;
use crate::math::optimizers::Path;
use plotters::prelude::*;
use std::cell::{Cell, RefCell};

pub use super::race::{
    check_hyper, default_lr, default_start, label, path_index, Config, Race, State, COLORS, COUNT,
    HYPER, MAX_ITERS, NAMES,
};
use super::race::{legend_entries, path_toggles, summary, RacePlayer};

/// The figure: the run and the contour plot it is drawn on.
pub struct TrajectoryFigure {
    race: Race,
    plot: ContourPlot,
    /// Each next step drawn split into its parts.
    parts: bool,
    /// The shown paths' loss extent, read as they grow.
    losses: RefCell<loss_chart::Tracker>,
    /// While the start is dragged: every extent the loss chart has shown since the press
    /// (see [`hold_axes`](Self::hold_axes)).
    held: Cell<Option<loss_chart::Extent>>,
}

/// The point the reader moves is the start of every path.
impl MovablePoint for TrajectoryFigure {
    fn region(&self) -> Domain {
        self.race.config().function.domain()
    }
    fn current(&self) -> [f64; 2] {
        self.race.config().start
    }
    fn move_to(&mut self, p: [f64; 2]) -> bool {
        self.race.set_start(p)
    }
}

/// The narrowest plot, in CSS pixels, that carries the paths' legend.
pub const LEGEND_MIN_WIDTH: f64 = 480.0;

impl TrajectoryFigure {
    /// The figure at `config`, with `config.iter` iterations taken.
    #[must_use]
    pub fn new(config: Config) -> Self {
        let f = config.function;
        let plot = ContourPlot::new(&|x, y| f.value(x, y), f.domain(), 9, ("x", "y"));
        Self {
            race: Race::new(config),
            plot,
            parts: true,
            losses: RefCell::default(),
            held: Cell::new(None),
        }
    }

    /// Holds the loss chart's axes while the start is dragged (`on`), or lets them fit the
    /// losses again. Each move of a drag gives new paths and a new loss extent: fitted
    /// afresh, the axes (the chart's static layer) would be redrawn in frame after frame;
    /// held, they only widen, to every extent shown since the press, and are redrawn only
    /// when a loss leaves them (widened to 1-2-5 steps, so a few times a decade). Returns
    /// true if releasing them changed the axes.
    pub fn hold_axes(&self, on: bool) -> bool {
        if on {
            // A second press while held (another finger) keeps what is held.
            if self.held.get().is_none() {
                self.held.set(Some(self.extent()));
            }
            return false;
        }
        let before = self.loss_axes();
        self.held.set(None);
        self.loss_axes() != before
    }

    /// The configuration.
    #[must_use]
    pub fn config(&self) -> &Config {
        self.race.config()
    }

    /// The run.
    #[must_use]
    pub fn race(&self) -> &Race {
        &self.race
    }

    /// The run, to change.
    pub fn race_mut(&mut self) -> &mut Race {
        &mut self.race
    }

    /// Back to the start, no iterations taken.
    pub fn reset(&mut self) {
        self.race.reset();
    }

    /// One iteration of every shown optimizer. Returns false once the run is over.
    pub fn step(&mut self) -> bool {
        self.race.step()
    }

    /// Takes every remaining iteration (the reduced-motion "play").
    pub fn run_to_end(&mut self) {
        self.race.run_to_end();
    }

    /// True when the run has taken its iterations, or every shown path has diverged.
    #[must_use]
    pub fn finished(&self) -> bool {
        self.race.finished()
    }

    /// Iterations taken.
    #[must_use]
    pub fn iter(&self) -> usize {
        self.race.iter()
    }

    /// The paths (all of them; see [`Config::enabled`]).
    #[must_use]
    pub fn paths(&self) -> &[Path] {
        self.race.paths()
    }

    /// Moves the start (clamped to the plot) and resets. Returns true if it moved.
    pub fn set_start(&mut self, p: [f64; 2]) -> bool {
        self.race.set_start(p)
    }

    /// A new learning rate (a run is defined by it: back to the start).
    pub fn set_lr(&mut self, lr: f64) {
        self.race.set_lr(lr);
    }

    /// Shows or hides optimizer `k` (at least one stays shown); keeps the run.
    pub fn toggle(&mut self, k: usize) {
        self.race.toggle(k);
    }

    /// The state for `data-state`.
    #[must_use]
    pub fn state(&self) -> State {
        self.race.state("trajectory")
    }

    /// The options that reopen this view.
    #[must_use]
    pub fn url_options(&self) -> Vec<(&'static str, String)> {
        self.race.url_options()
    }

    /// Height of the contour panel for a width.
    #[must_use]
    pub fn height_for_width(&self, width: u32, scale: f64) -> u32 {
        self.plot.height_for_width(width, scale)
    }

    /// The loss chart's height for a width.
    #[must_use]
    pub fn chart_height_for_width(width: u32, scale: f64) -> u32 {
        ((f64::from(width) * 0.36).clamp(150.0 * scale, 260.0 * scale)).round() as u32
    }

    /// The shown paths' losses, in their colours.
    fn series(&self) -> Vec<loss_chart::Series<'_>> {
        self.paths()
            .iter()
            .enumerate()
            .filter(|(k, _)| self.config().enabled[*k])
            .map(|(k, p)| loss_chart::Series {
                losses: &p.losses,
                color: COLORS[k],
            })
            .collect()
    }

    /// The shown paths' loss extent now (read only where the paths grew).
    fn extent(&self) -> loss_chart::Extent {
        let series = self.series();
        let losses: Vec<&[f64]> = series.iter().map(|s| s.losses).collect();
        self.losses
            .borrow_mut()
            .update(self.race.generation(), &losses)
    }

    /// The loss chart's axes now: fitted to the extent, or while the start is dragged to
    /// every extent shown since the press (see [`hold_axes`](Self::hold_axes)).
    #[must_use]
    pub fn loss_axes(&self) -> loss_chart::Axes {
        let mut extent = self.extent();
        if let Some(held) = self.held.get() {
            extent.add(held.min);
            extent.add(held.max);
            // What is held is the losses' own extent; the axes widen it, on a linear scale
            // only (a log one is whole decades already), and never into a log scale the
            // losses would not have.
            self.held.set(Some(extent));
            let wide = loss_chart::widen(extent);
            if !extent.log() && !wide.log() {
                extent = wide;
            }
        }
        let count = self
            .series()
            .iter()
            .map(|s| s.losses.len())
            .max()
            .unwrap_or(0);
        loss_chart::Axes::new(extent, self.config().iters as f64, count)
    }

    /// How many losses the longest shown path has: the trail's length on both canvases.
    #[must_use]
    pub fn trail_len(&self) -> usize {
        self.race.iter() + 1
    }

    /// Loss per iteration for each shown path (on a log scale when every loss is positive
    /// and they span a decade): `layer` picks the axes, the lines from a step on, or both.
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw_losses<B: DrawingBackend>(
        &self,
        root: &Root<B>,
        layer: Layer,
        scale: f64,
    ) -> Drawn {
        let axes = self.loss_axes();
        if matches!(layer, Layer::Background | Layer::All) {
            loss_chart::draw_axes(root, &axes, ("iteration", "f"), scale)?;
        }
        match layer.trail_from() {
            Some(from) => loss_chart::draw_lines(root, &axes, &self.series(), from, scale),
            None => Ok(()),
        }
    }
}

impl OnContours for TrajectoryFigure {
    fn plot(&self) -> &ContourPlot {
        &self.plot
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        self.config().function.value(x, y)
    }

    /// The shown paths from point `from` on: the segments joining them to what is drawn
    /// already, and their markers.
    fn draw_trail<B: DrawingBackend>(
        &self,
        root: &Root<B>,
        area: &PlotArea,
        from: usize,
        scale: f64,
    ) -> Drawn {
        let c = self.config();
        let d = c.function.domain();
        // Paths may leave the plot (overshoot, divergence): clip them to it.
        let inside =
            |p: &[f64; 2]| p[0] >= d.x.0 && p[0] <= d.x.1 && p[1] >= d.y.0 && p[1] <= d.y.1;
        let to = |p: &[f64; 2]| {
            let (x, y) = area.to_pixel(*p);
            (x.round() as i32, y.round() as i32)
        };
        // Iteration by iteration, each shown path's segment to its new point and its marker:
        // the order a run drawn a frame at a time has, so a run drawn from 0 in one go shows
        // the same crossings (which path lies over which).
        let shown: Vec<(usize, &Path)> = (0..COUNT)
            .filter(|&k| c.enabled[k])
            .map(|k| (k, &self.paths()[k]))
            .collect();
        let longest = shown.iter().map(|(_, p)| p.points.len()).max().unwrap_or(0);
        for i in from.max(1)..longest {
            for &(k, path) in &shown {
                let (Some(a), Some(b)) = (path.points.get(i - 1), path.points.get(i)) else {
                    continue;
                };
                if !inside(b) {
                    continue;
                }
                if inside(a) {
                    let line = ShapeStyle::from(&COLORS[k]).stroke_width(px(2.0, scale));
                    root.draw(&PathElement::new(vec![to(a), to(b)], line))?;
                }
                draw::marker(root, k, to(b), 3.5, COLORS[k], scale)?;
            }
        }
        Ok(())
    }

    fn draw_moving<B: DrawingBackend>(&self, root: &Root<B>, area: &PlotArea, scale: f64) -> Drawn {
        let c = self.config();
        let to = |p: &[f64; 2]| {
            let (x, y) = area.to_pixel(*p);
            (x.round() as i32, y.round() as i32)
        };
        let parts = if self.parts {
            self.draw_parts(root, area, scale)?
        } else {
            (false, false)
        };
        draw::dot(root, to(&c.start), 7.0, 5.5, style::POINT, scale)?;
        let labels = legend_entries(&self.race);
        let entries: Vec<(&str, RGBColor, draw::Mark)> = labels
            .iter()
            .map(|(t, c, k)| (t.as_str(), *c, draw::Mark::Shape(*k)))
            .collect();
        // On a phone-width plot the legend would cover half of it: there the path buttons
        // under the plot, each with its colour, are the key.
        if area.right - area.left >= LEGEND_MIN_WIDTH * scale {
            draw::legend(root, area, &entries, draw::Corner::UpperRight, scale)?;
        }
        // The key to the step parts, when any is drawn and the plot has room for it beside
        // the paths (on a phone the hint under the plot says what the arrows are).
        let (any, carried) = parts;
        if any && area.right - area.left >= 400.0 * scale {
            let mut key = vec![
                ("next step", style::INK, draw::Mark::Line),
                ("gradient step −η∇f", style::INK, draw::Mark::Dashed),
            ];
            if carried {
                key.push(("carried velocity", style::INK, draw::Mark::Dotted));
            }
            draw::legend(root, area, &key, draw::Corner::LowerRight, scale)?;
        }
        Ok(())
    }
}

impl TrajectoryFigure {
    /// Shows or hides the step parts.
    pub fn show_parts(&mut self, on: bool) {
        self.parts = on;
    }

    /// True when the step parts are shown.
    #[must_use]
    pub fn parts_shown(&self) -> bool {
        self.parts
    }

    /// Each shown path's next step from where it stands, split into its parts: the
    /// gradient step −η∇f (dashed), for momentum and Nesterov the velocity carried over
    /// (dotted, from the gradient step's tip), and the step taken (an arrow). Returns
    /// whether any was drawn, and whether any had a carried part.
    fn draw_parts<B: DrawingBackend>(
        &self,
        root: &Root<B>,
        area: &PlotArea,
        scale: f64,
    ) -> Drawn<(bool, bool)> {
        let (mut any, mut carried) = (false, false);
        let to = |p: [f64; 2]| area.to_pixel(p);
        let d = self.config().function.domain();
        for (k, step) in self.race.next_steps().into_iter().enumerate() {
            let (Some(s), Some(&from)) = (step, self.paths()[k].points.last()) else {
                continue;
            };
            let tip = |v: [f64; 2]| [from[0] + v[0], from[1] + v[1]];
            let ends = [from, tip(s.gradient), tip(s.delta)];
            // Only where all of it is in view and long enough to see.
            let in_view = ends
                .iter()
                .all(|p| p[0] >= d.x.0 && p[0] <= d.x.1 && p[1] >= d.y.0 && p[1] <= d.y.1);
            let (a, g, t) = (to(ends[0]), to(ends[1]), to(ends[2]));
            let long = |p: (f64, f64), q: (f64, f64)| (p.0 - q.0).hypot(p.1 - q.1) > 6.0 * scale;
            if !in_view || !long(a, t) {
                continue;
            }
            any = true;
            let color = COLORS[k];
            let faint = ShapeStyle::from(&color.mix(0.85)).stroke_width(px(1.6, scale));
            if long(a, g) && s.delta != s.gradient {
                draw::dashed(root, a, g, faint, 5.0 * scale, 3.0 * scale)?;
            }
            if s.carried.is_some() && long(g, t) {
                carried = true;
                draw::dashed(root, g, t, faint, 2.0 * scale, 3.0 * scale)?;
            }
            draw::arrow(root, a, t, color, 2.4, scale)?;
        }
        Ok((any, carried))
    }
}

/// The `trajectory` widget: the paths from a draggable start, Play/Pause (one iteration per
/// frame), Step, Reset, a log-scale learning-rate slider, a toggle per optimizer and for the
/// step parts, the loss per iteration, the optimizers' hyperparameters, and a field for
/// one's own function.
pub struct TrajectoryWidget {
    figure: TrajectoryFigure,
    expr: ExprInput,
    player: RacePlayer,
    /// Bumped when the function changes (the static layer).
    revision: u64,
    /// Hyperparameter fields whose text was refused.
    invalid: [bool; HYPER.len()],
    /// Why the last field edit was refused.
    alert: Option<String>,
}

/// The slider moves log₁₀ η over this range.
const LOG_LR: (f64, f64) = (-4.0, 0.5);

/// The step-parts toggle's id.
const PARTS: &str = "parts";

impl TrajectoryWidget {
    /// The widget showing `figure`.
    #[must_use]
    pub fn new(figure: TrajectoryFigure) -> Self {
        Self {
            expr: ExprInput::new(figure.config().function),
            figure,
            player: RacePlayer::default(),
            revision: 0,
            invalid: [false; HYPER.len()],
            alert: None,
        }
    }

    /// Reads the options (see [`Config::from_options`]).
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        Config::from_options(opts).map(|c| Self::new(TrajectoryFigure::new(c)))
    }

    /// The still picture: the default race on the narrow valley, 40 iterations in.
    #[must_use]
    pub fn article() -> Self {
        let mut t = TrajectoryFigure::new(Config::default());
        for _ in 0..40 {
            t.step();
        }
        Self::new(t)
    }

    /// The figure.
    #[must_use]
    pub fn figure(&self) -> &TrajectoryFigure {
        &self.figure
    }

    /// True while Play runs.
    #[must_use]
    pub fn playing(&self) -> bool {
        self.player.playing()
    }

    /// Hyperparameter field `k` of [`HYPER`] was set to `raw` (empty ε: PyTorch's defaults).
    fn edit(&mut self, k: usize, raw: &str) -> Outcome {
        let (name, what) = HYPER[k];
        let value = if name == "eps" && raw.trim().is_empty() {
            Ok(None)
        } else {
            parse_number(name, raw)
                .map_err(|_| format!("{what} must be a number"))
                .and_then(|v| check_hyper(name, v))
                .map(Some)
        };
        match value {
            Ok(v) => {
                self.invalid[k] = false;
                self.alert = None;
                let mut h = self.figure.config().hyper;
                h.set(name, v);
                self.player.stop();
                self.figure.race_mut().set_hyper(h);
                Outcome::Shared
            }
            Err(why) => {
                self.invalid[k] = true;
                self.alert = Some(format!("Not applied: {why}."));
                Outcome::Changed
            }
        }
    }
}

impl Widget for TrajectoryWidget {
    fn layout(&self) -> Vec<Part> {
        vec![
            Part::Canvas(widget::canvas(
                "plot",
                "Optimizer paths on a contour plot",
                Paint::Filled,
            )),
            widget::toolbar(vec![
                widget::button("play", "Play", true),
                widget::button("step", "Step", false),
                widget::button("reset", "Reset", false),
                Part::Slider {
                    id: "lr",
                    caption: "learning rate η",
                    range: (LOG_LR.0, LOG_LR.1, 0.01),
                    label: Some("learning rate, log scale"),
                },
                widget::button(PARTS, "Show parts", false),
            ]),
            path_toggles(),
            widget::text("summary", "gdviz-summary", ""),
            Part::Alert { id: "alert" },
            Part::Canvas(widget::chart("chart", "Loss per iteration", Paint::Layered)),
            widget::text(
                "hint",
                "gdviz-hint",
                "Drag the orange start (or focus the plot and use the arrow keys); the paths restart from it. Arrows show each path's next step: the gradient step (dashed), the velocity momentum carries (dotted), the step taken.",
            ),
            Part::Row {
                class: "gdviz-controls",
                group: None,
                items: vec![ExprInput::part()],
            },
            Part::Fieldset {
                legend: "torch.optim settings (press Enter)",
                items: HYPER
                    .iter()
                    .map(|(id, caption)| Part::Field {
                        id,
                        caption,
                        inline: false,
                    })
                    .collect(),
            },
            Part::Live,
        ]
    }

    fn height(&self, canvas: usize, width: u32, ratio: f64) -> u32 {
        if canvas == 0 {
            self.figure.height_for_width(width, ratio)
        } else {
            TrajectoryFigure::chart_height_for_width(width, ratio)
        }
    }

    fn draw<B: DrawingBackend>(&self, root: &Root<B>, pass: Pass<'_>) -> Drawn<Option<PlotArea>> {
        let Pass {
            canvas,
            layer,
            fill,
            ratio,
        } = pass;
        if canvas == 0 {
            self.figure.draw(root, layer, fill, ratio).map(Some)
        } else {
            self.figure.draw_losses(root, layer, ratio).map(|()| None)
        }
    }

    fn fill(&self, _canvas: usize, area: &PlotArea, width: usize, height: usize) -> Vec<u8> {
        self.figure.fill_rgba(area, width, height)
    }

    /// The level lines, traced ahead.
    fn warm(&self) {
        let _ = OnContours::plot(&self.figure).lines();
    }

    fn warms(&self) -> bool {
        true
    }

    fn revision(&self, canvas: usize) -> u64 {
        if canvas == 0 {
            self.revision
        } else {
            self.figure.loss_axes().key()
        }
    }

    /// Both canvases keep the paths drawn so far: a frame draws the newest iteration.
    fn trail(&self, _canvas: usize) -> Option<Trail> {
        Some(Trail {
            revision: self.figure.race().generation(),
            len: self.figure.trail_len(),
        })
    }

    /// One iteration per frame while playing.
    fn tick(&mut self, _env: &Env<'_>) -> Outcome {
        self.player.tick(self.figure.race_mut())
    }

    fn input(&mut self, input: &Input<'_>, env: &Env<'_>) -> Outcome {
        match *input {
            Input::Click(id) if self.player.click(id, self.figure.race_mut(), env) => {}
            Input::Click(PARTS) => {
                let on = !self.figure.parts_shown();
                self.figure.show_parts(on);
                return Outcome::Changed;
            }
            Input::Click(id) => match path_index(id) {
                Some(k) => self.figure.toggle(k),
                None => return Outcome::Ignored,
            },
            Input::Change("lr", raw) => {
                let Ok(v) = raw.parse::<f64>() else {
                    return Outcome::Ignored;
                };
                // Two significant digits: the slider picks a rate, not a long decimal.
                let lr: f64 = sig(10f64.powf(v.clamp(LOG_LR.0, LOG_LR.1)), 2)
                    .parse()
                    .unwrap_or(0.1);
                self.figure.set_lr(lr);
            }
            Input::Change(model::EXPR, raw) => {
                let current = self.figure.config().function;
                if let Some((function, start)) = self.expr.read_new(raw, current, default_start) {
                    let old = self.figure.config().clone();
                    self.player.stop();
                    let parts = self.figure.parts_shown();
                    self.figure = TrajectoryFigure::new(Config {
                        function,
                        start,
                        lr: default_lr(function),
                        iter: 0,
                        ..old
                    });
                    self.figure.show_parts(parts);
                    self.revision += 1;
                }
            }
            Input::Change(id, raw) => {
                return HYPER
                    .iter()
                    .position(|(name, _)| *name == id)
                    .map_or(Outcome::Ignored, |k| self.edit(k, raw));
            }
            // A drag of the start holds the loss chart's axes until it ends.
            Input::Release(0) => return Outcome::from(self.figure.hold_axes(false)),
            _ => {
                let moved = self.figure.point_input(input).unwrap_or(Outcome::Ignored);
                if matches!(input, Input::Press(_)) && moved == Outcome::Changed {
                    self.figure.hold_axes(true);
                }
                if moved == Outcome::Changed {
                    // Moving the start stops a run that is playing.
                    self.player.stop();
                }
                return moved.shared();
            }
        }
        Outcome::Shared
    }

    fn ui(&self, ui: &mut Ui) {
        let c = self.figure.config();
        ui.playing("play", "Play", self.player.playing())
            .pressed(PARTS, self.figure.parts_shown())
            .disabled("step", self.figure.finished())
            .text("lr", sig(c.lr, 3))
            .value_text("lr", format!("η = {}", sig(c.lr, 3)))
            .value("lr", c.lr.log10().to_string());
        for (k, name) in NAMES.iter().enumerate() {
            ui.pressed(name, c.enabled[k])
                .text(name, label(k, &c.hyper));
        }
        for (k, (name, _)) in HYPER.iter().enumerate() {
            let v = c.hyper.get(name).map_or_else(String::new, |v| sig(v, 15));
            ui.invalid(name, self.invalid[k]).value(name, v);
        }
        ui.text("alert", self.alert.clone().unwrap_or_default())
            .hidden("alert", self.alert.is_none());
        let text = summary(self.figure.race());
        ui.label(
            "plot",
            format!(
                "Contour plot of f(x, y) = {} with optimizer paths. {text}",
                c.function.formula()
            ),
        );
        self.expr.ui(ui);
        if !self.player.playing() {
            ui.live(text.clone());
        }
        ui.text("summary", text);
        // The paths and losses, gathered only for a frame that writes them.
        if ui.wants_state() {
            ui.state(&self.figure.race().state_json("trajectory"));
        }
    }

    /// Each path's `data-paths` key toggles it, like its button.
    fn action_aliases(&self) -> Vec<&'static str> {
        super::race::path_keys()
    }

    fn url_options(&self) -> Vec<(&'static str, String)> {
        self.figure.url_options()
    }

    fn shared(&self) -> Option<Shared> {
        Some(Shared::Race(Box::new(self.figure.race().now())))
    }

    fn receive(&mut self, shared: &Shared) -> bool {
        let function = self.figure.config().function;
        let taken = match shared {
            Shared::Race(c) if c.function != function => {
                // Another surface: a new contour plot.
                let parts = self.figure.parts_shown();
                self.figure = TrajectoryFigure::new((**c).clone());
                self.figure.show_parts(parts);
                false
            }
            Shared::Race(c) => {
                self.figure.race_mut().sync(c);
                false
            }
            // A momentum map's setting: its quadratic, η and β.
            Shared::Momentum(s) => {
                let took = self.figure.race_mut().take_momentum(s);
                if took && self.figure.config().function != function {
                    let (c, parts) = (self.figure.config().clone(), self.figure.parts_shown());
                    self.figure = TrajectoryFigure::new(c);
                    self.figure.show_parts(parts);
                }
                took
            }
            _ => false,
        };
        if self.figure.config().function != function {
            self.expr.show(self.figure.config().function);
            self.revision += 1;
        }
        if self.figure.finished() || taken {
            self.player.stop();
        }
        taken
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_options_reopen_the_same_iteration() {
        let mut fig = TrajectoryFigure::new(Config::default());
        assert!(fig.set_start([-3.5, 1.0]));
        fig.toggle(2);
        for _ in 0..3 {
            fig.step();
        }
        let map: std::collections::HashMap<String, String> = fig
            .url_options()
            .into_iter()
            .map(|(k, v)| (format!("data-{k}"), v))
            .collect();
        assert_eq!(map["data-iter"], "3");
        let again = TrajectoryFigure::new(Config::from_options(&map).unwrap());
        assert_eq!(again.iter(), 3);
        assert_eq!(again.state(), fig.state());
        for bad in ["-1", "101", "2.5", "x"] {
            assert!(
                Config::from_options(&[("data-iter", bad)][..]).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn options_and_their_errors() {
        let none: [(&str, &str); 0] = [];
        assert_eq!(
            Config::from_options(&none[..]).unwrap(),
            Config::default(),
            "no options: the narrow valley"
        );
        let c = Config::from_options(
            &[
                ("data-fn", "bowl"),
                ("data-lr", "0.1"),
                ("data-paths", "gd, sign"),
            ][..],
        )
        .unwrap();
        assert_eq!(c.start, [3.0, 4.0]);
        assert_eq!(
            c.enabled,
            [true, false, true, false, false, false, false, false]
        );
        let e = |o: &[(&str, &str)]| Config::from_options(o).unwrap_err().to_string();
        assert!(e(&[("data-lr", "-1")]).contains("data-lr=\"-1\" is out of range"));
        assert!(e(&[("data-iters", "2.5")]).contains("whole number"));
        assert!(e(&[("data-paths", "gd,newton")])
            .contains("is not one of: gd, coordinate, sign, momentum, nesterov"));
        assert!(e(&[("data-paths", " , ")]).contains("at least one"));
        assert!(e(&[("data-fn", "ln(x)"), ("data-x", "-1")]).contains("the logarithm of -1"));
    }

    #[test]
    fn a_run_takes_its_iterations_and_reports_every_path() {
        let c = Config::from_options(
            &[("data-fn", "bowl"), ("data-lr", "0.1"), ("data-iters", "3")][..],
        )
        .unwrap();
        let mut fig = TrajectoryFigure::new(c);
        fig.run_to_end();
        assert_eq!(fig.iter(), 3);
        assert!(!fig.step());
        let s = fig.state();
        // By hand from (3, 4) with η = 0.1: gradient descent multiplies by 0.8 each step.
        assert_eq!(s.paths["gd"].len(), 4);
        let last = s.paths["gd"][3];
        assert!(
            (last[0] - 3.0 * 0.8f64.powi(3)).abs() < 1e-12
                && (last[1] - 4.0 * 0.8f64.powi(3)).abs() < 1e-12
        );
        assert_eq!(s.paths["coordinate"][1], [3.0, 3.2]);
        assert_eq!(s.losses["gd"][0], 25.0);
        assert!(s.diverged.is_empty());
        let json = crate::figures::json::to_string(&s);
        assert!(json.starts_with(r#"{"kind":"trajectory","fn":"bowl","start":[3.0,4.0],"lr":0.1,"iter":3,"iters":3,"paths":{"coordinate":[[3.0,4.0],[3.0,3.2]"#), "{json}");
    }

    #[test]
    fn too_large_a_rate_is_reported_as_diverged_and_the_run_stops() {
        let c = Config::from_options(
            &[
                ("data-fn", "valley"),
                ("data-lr", "0.5"),
                ("data-paths", "gd"),
            ][..],
        )
        .unwrap();
        let mut fig = TrajectoryFigure::new(c);
        fig.run_to_end();
        let s = fig.state();
        let k = s.diverged["gd"];
        assert!(k > 1 && k < 100, "{k}");
        assert_eq!(
            fig.iter(),
            k,
            "the run ends when every shown path has diverged"
        );
        assert!(s.losses["gd"].iter().all(|l| l.is_finite()));
    }

    #[test]
    fn moving_the_start_or_the_rate_restarts_and_toggling_catches_up() {
        let mut fig = TrajectoryFigure::new(Config::default());
        for _ in 0..5 {
            fig.step();
        }
        fig.toggle(3);
        assert!(!fig.config().enabled[3]);
        fig.step();
        fig.toggle(3);
        assert_eq!(fig.paths()[3].points.len(), fig.paths()[0].points.len());
        assert!(fig.set_start([1.0, 1.0]));
        assert_eq!(fig.iter(), 0);
        fig.step();
        fig.set_lr(0.01);
        assert_eq!(fig.iter(), 0);
        // The last path cannot be hidden.
        for k in 0..3 {
            fig.toggle(k);
        }
        fig.toggle(3);
        assert_eq!(
            fig.config().enabled,
            [false, false, false, true, false, false, false, false]
        );
        assert!(TrajectoryWidget::new(fig)
            .svg(480)
            .unwrap()
            .starts_with("<svg"));
    }

    #[test]
    fn fields_keys_and_parts() {
        let mut w = TrajectoryWidget::from_options(
            &[("data-fn", "bowl"), ("data-paths", "momentum,adam")][..],
        )
        .unwrap();
        let env = Env::still();
        assert_eq!(w.input(&Input::Click("step"), &env), Outcome::Shared);
        // β = 0.5 restarts the run with it; a refused value changes nothing and says why.
        assert_eq!(
            w.input(&Input::Change("beta", "0.5"), &env),
            Outcome::Shared
        );
        assert_eq!(w.figure().config().hyper.beta, 0.5);
        assert_eq!(w.figure().iter(), 0);
        assert_eq!(
            w.input(&Input::Change("beta2", "1"), &env),
            Outcome::Changed
        );
        assert_eq!(w.figure().config().hyper.beta2, 0.999);
        let mut ui = Ui::default();
        Widget::ui(&w, &mut ui);
        assert!(ui
            .text_of("alert")
            .unwrap()
            .contains("β₂ (Adam) must be at least 0"));
        assert_eq!(
            w.input(&Input::Change("eps", "abc"), &env),
            Outcome::Changed
        );
        assert_eq!(
            w.input(&Input::Change("eps", "1e-4"), &env),
            Outcome::Shared
        );
        assert_eq!(w.figure().config().hyper.eps, Some(1e-4));
        assert_eq!(w.input(&Input::Change("eps", " "), &env), Outcome::Shared);
        assert_eq!(w.figure().config().hyper.eps, None);
        // The keys toggle the paths like their buttons.
        assert!(w.action_aliases().contains(&"adam"));
        w.input(&Input::Click("adam"), &env);
        assert!(!w.figure().config().enabled[7]);
        w.input(&Input::Click("Adam"), &env);
        assert!(w.figure().config().enabled[7]);
        assert_eq!(w.input(&Input::Click("newton"), &env), Outcome::Ignored);
        // The step parts: shown at first, hidden by their button.
        assert!(w.figure().parts_shown());
        assert_eq!(w.input(&Input::Click(PARTS), &env), Outcome::Changed);
        assert!(!w.figure().parts_shown());
    }
}
