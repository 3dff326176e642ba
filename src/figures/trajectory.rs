//! The `trajectory` figure: four optimizers race down a surface from one draggable start —
//! gradient descent (steepest under L2), coordinate descent (L1), sign descent (L∞) and
//! momentum — on its contour plot, with the loss per iteration below.

use super::contour::{default_point, function_option};
use super::contour_plot::{ContourPlot, OnContours};
use super::draw;
use super::format::{num, sci, sig};
use super::model::{self, ExprInput};
use super::options::{self, OptionError, OptionErrorKind, Options};
use super::plot_area::PlotArea;
use super::point::MovablePoint;
use super::style::{self, px};
use super::widget::{self, Env, Input, Outcome, Paint, Part, Pass, Ui, Widget};
use super::{Drawn, Root};
use crate::math::functions::{Domain, Function};
use crate::math::optimizers::{Optimizer, Path};
use plotters::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Each optimizer's colour; the paths also differ by marker shape, for colour-blind readers.
pub const COLORS: [RGBColor; 4] = [
    style::GRADIENT,
    RGBColor(0xd4, 0x6a, 0x00),
    RGBColor(0x7b, 0x2f, 0xbe),
    style::TANGENT,
];

/// The legend's words for each optimizer.
pub const NAMES: [&str; 4] = [
    "gradient descent (L2)",
    "coordinate descent (L1)",
    "sign descent (L∞)",
    "momentum (β = 0.9)",
];

/// Largest number of iterations a run may ask for.
pub const MAX_ITERS: usize = 1000;

/// What the figure shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The surface.
    pub function: Function,
    /// Where every path starts.
    pub start: [f64; 2],
    /// The learning rate η.
    pub lr: f64,
    /// How many iterations a run takes.
    pub iters: usize,
    /// Which of [`Optimizer::ALL`] are shown.
    pub enabled: [bool; 4],
    /// Iterations already taken when the figure opens (`data-iter`, to reopen a shared view).
    pub iter: usize,
}

/// A start that shows each surface's character: a long valley to cross, Rosenbrock's bend.
#[must_use]
pub fn default_start(f: Function) -> [f64; 2] {
    match f {
        Function::Valley => [-4.0, 1.5],
        Function::Saddle => [-3.0, 0.5],
        Function::Rosenbrock => [-1.5, 2.5],
        Function::Himmelblau => [-0.5, 0.5],
        f => default_point(f),
    }
}

/// A learning rate at which gradient descent converges on the surface but its character
/// shows (the valley's zig-zag, Rosenbrock's crawl).
#[must_use]
pub fn default_lr(f: Function) -> f64 {
    match f {
        Function::Bowl => 0.1,
        Function::Valley => 0.09,
        Function::Saddle => 0.05,
        Function::Rosenbrock => 0.0015,
        Function::Himmelblau => 0.01,
        Function::Custom(_) => 0.05,
    }
}

impl Config {
    /// Reads `data-fn`, `data-x`, `data-y`, `data-lr`, `data-iters`, `data-paths` and
    /// `data-iter`.
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        // The narrow valley unless told otherwise: it is where the four differ most.
        let function = if opts.get("data-fn").is_none() {
            Function::Valley
        } else {
            function_option(opts)?
        };
        let d = function.domain();
        let [x0, y0] = default_start(function);
        let x = super::model::coordinate(opts, "data-x", x0, d.x, function)?;
        let y = super::model::coordinate(opts, "data-y", y0, d.y, function)?;
        let lr = options::number(opts, "data-lr", default_lr(function))?;
        if !(lr > 0.0 && lr <= 10.0) {
            return Err(OptionError::new(
                "data-lr",
                &opts.get("data-lr").unwrap_or_default(),
                OptionErrorKind::OutOfRange("a learning rate above 0, at most 10".into()),
            ));
        }
        let iters = options::number(opts, "data-iters", 100.0)?;
        if !(1.0..=MAX_ITERS as f64).contains(&iters) || iters.fract() != 0.0 {
            return Err(OptionError::new(
                "data-iters",
                &opts.get("data-iters").unwrap_or_default(),
                OptionErrorKind::OutOfRange(format!("a whole number from 1 to {MAX_ITERS}")),
            ));
        }
        let iter = options::number(opts, "data-iter", 0.0)?;
        if !(0.0..=iters).contains(&iter) || iter.fract() != 0.0 {
            return Err(OptionError::new(
                "data-iter",
                &opts.get("data-iter").unwrap_or_default(),
                OptionErrorKind::OutOfRange(format!(
                    "a whole number of iterations from 0 to data-iters ({iters})"
                )),
            ));
        }
        let enabled = match opts.get("data-paths") {
            None => [true; 4],
            Some(raw) => {
                let mut on = [false; 4];
                for word in raw.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                    let k = Optimizer::ALL
                        .iter()
                        .position(|o| o.key() == word)
                        .ok_or_else(|| {
                            OptionError::new(
                                "data-paths",
                                &raw,
                                OptionErrorKind::NotOneOf(
                                    "gd, coordinate, sign, momentum (comma-separated)".into(),
                                ),
                            )
                        })?;
                    on[k] = true;
                }
                if !on.contains(&true) {
                    return Err(OptionError::new(
                        "data-paths",
                        &raw,
                        OptionErrorKind::NotOneOf(
                            "gd, coordinate, sign, momentum (at least one)".into(),
                        ),
                    ));
                }
                on
            }
        };
        if let Some(why) = function.check(x, y) {
            return Err(OptionError::new(
                "data-fn",
                &opts.get("data-fn").unwrap_or_default(),
                OptionErrorKind::OutOfRange(format!("the start ({x}, {y}): {why}")),
            ));
        }
        Ok(Self {
            function,
            start: [x, y],
            lr,
            iters: iters as usize,
            enabled,
            iter: iter as usize,
        })
    }
}

impl Default for Config {
    fn default() -> Self {
        let function = Function::Valley;
        Self {
            function,
            start: default_start(function),
            lr: default_lr(function),
            iters: 100,
            enabled: [true; 4],
            iter: 0,
        }
    }
}

/// What `data-state` reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct State {
    /// Always `"trajectory"`.
    pub kind: &'static str,
    /// The function's name (or typed expression).
    #[serde(rename = "fn")]
    pub function: String,
    /// Where the paths start.
    pub start: [f64; 2],
    /// The learning rate.
    pub lr: f64,
    /// Iterations taken so far.
    pub iter: usize,
    /// Iterations a run takes.
    pub iters: usize,
    /// Each shown optimizer's points, by key (`gd`, `coordinate`, `sign`, `momentum`).
    pub paths: BTreeMap<&'static str, Vec<[f64; 2]>>,
    /// Each shown optimizer's loss at each point.
    pub losses: BTreeMap<&'static str, Vec<f64>>,
    /// The iteration at which a path diverged (its loss overflowed), by key; absent if none.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub diverged: BTreeMap<&'static str, usize>,
}

/// The figure.
pub struct TrajectoryFigure {
    config: Config,
    paths: Vec<Path>,
    iter: usize,
    plot: ContourPlot,
}

/// The point the reader moves is the start of every path.
impl MovablePoint for TrajectoryFigure {
    fn region(&self) -> Domain {
        self.config.function.domain()
    }
    fn current(&self) -> [f64; 2] {
        self.config.start
    }
    fn move_to(&mut self, p: [f64; 2]) -> bool {
        self.set_start(p)
    }
}

impl TrajectoryFigure {
    /// The figure at `config`, with `config.iter` iterations taken.
    #[must_use]
    pub fn new(config: Config) -> Self {
        let f = config.function;
        let plot = ContourPlot::new(&|x, y| f.value(x, y), f.domain(), 9, ("x", "y"));
        let mut fig = Self {
            config,
            paths: Vec::new(),
            iter: 0,
            plot,
        };
        fig.reset();
        for _ in 0..fig.config.iter {
            fig.step();
        }
        fig
    }

    /// The configuration.
    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Back to the start, no iterations taken.
    pub fn reset(&mut self) {
        let [x, y] = self.config.start;
        let f0 = self.config.function.value(x, y);
        self.paths = Optimizer::ALL
            .iter()
            .map(|&o| Path::new(o, self.config.start, f0))
            .collect();
        self.iter = 0;
    }

    /// One iteration of every shown optimizer. Returns false once the run is over.
    pub fn step(&mut self) -> bool {
        if self.finished() {
            return false;
        }
        let f = self.config.function;
        for (path, on) in self.paths.iter_mut().zip(self.config.enabled) {
            if on {
                path.step(self.config.lr, |x, y| {
                    if f.check(x, y).is_some() {
                        // Stepped off where a typed function is defined: no gradient there.
                        (f64::NAN, [f64::NAN; 2])
                    } else {
                        f.value_and_gradient(x, y)
                    }
                });
            }
        }
        self.iter += 1;
        true
    }

    /// Takes every remaining iteration (the reduced-motion "play").
    pub fn run_to_end(&mut self) {
        while self.step() {}
    }

    /// True when the run has taken its iterations, or every shown path has diverged.
    #[must_use]
    pub fn finished(&self) -> bool {
        self.iter >= self.config.iters
            || self
                .paths
                .iter()
                .zip(self.config.enabled)
                .all(|(p, on)| !on || p.diverged_at.is_some())
    }

    /// Iterations taken.
    #[must_use]
    pub fn iter(&self) -> usize {
        self.iter
    }

    /// The paths (all four; see [`Config::enabled`]).
    #[must_use]
    pub fn paths(&self) -> &[Path] {
        &self.paths
    }

    /// Moves the start (clamped to the plot) and resets. Points where a typed function is
    /// undefined are refused. Returns true if it moved.
    pub fn set_start(&mut self, p: [f64; 2]) -> bool {
        let p = self.config.function.domain().clamp(p);
        if p == self.config.start
            || !(p[0].is_finite() && p[1].is_finite())
            || self.config.function.check(p[0], p[1]).is_some()
        {
            return false;
        }
        self.config.start = p;
        self.reset();
        true
    }

    /// A new learning rate (a run is defined by it: back to the start).
    pub fn set_lr(&mut self, lr: f64) {
        if lr > 0.0 && lr.is_finite() && lr != self.config.lr {
            self.config.lr = lr;
            self.reset();
        }
    }

    /// Shows or hides optimizer `k` (at least one stays shown); keeps the run.
    pub fn toggle(&mut self, k: usize) {
        if k < 4 {
            let mut on = self.config.enabled;
            on[k] = !on[k];
            if on.contains(&true) {
                // A path shown again catches up with the others.
                let f = self.config.function;
                if on[k] && !self.config.enabled[k] {
                    let start = self.config.start;
                    let [x, y] = start;
                    self.paths[k] = Path::new(Optimizer::ALL[k], start, f.value(x, y));
                    for _ in 0..self.iter {
                        self.paths[k].step(self.config.lr, |x, y| f.value_and_gradient(x, y));
                    }
                }
                self.config.enabled = on;
            }
        }
    }

    /// The state for `data-state`.
    #[must_use]
    pub fn state(&self) -> State {
        let mut paths = BTreeMap::new();
        let mut losses = BTreeMap::new();
        let mut diverged = BTreeMap::new();
        for (p, on) in self.paths.iter().zip(self.config.enabled) {
            if on {
                let key = p.optimizer.key();
                paths.insert(key, p.points.clone());
                losses.insert(key, p.losses.clone());
                if let Some(k) = p.diverged_at {
                    diverged.insert(key, k);
                }
            }
        }
        State {
            kind: "trajectory",
            function: self.config.function.name(),
            start: self.config.start,
            lr: self.config.lr,
            iter: self.iter,
            iters: self.config.iters,
            paths,
            losses,
            diverged,
        }
    }

    /// The options that reopen this view.
    #[must_use]
    pub fn url_options(&self) -> Vec<(&'static str, String)> {
        let c = &self.config;
        let shown: Vec<&str> = Optimizer::ALL
            .iter()
            .zip(c.enabled)
            .filter(|(_, on)| *on)
            .map(|(o, _)| o.key())
            .collect();
        vec![
            ("fn", c.function.name()),
            ("x", c.start[0].to_string()),
            ("y", c.start[1].to_string()),
            ("lr", c.lr.to_string()),
            ("iters", c.iters.to_string()),
            ("paths", shown.join(",")),
            ("iter", self.iter.to_string()),
        ]
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

    /// Loss per iteration for each shown path: on a log scale when every loss is positive,
    /// else linear.
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw_losses<B: DrawingBackend>(&self, root: &Root<B>, scale: f64) -> Drawn {
        root.fill(&WHITE)?;
        let shown: Vec<(usize, &Path)> = self
            .paths
            .iter()
            .enumerate()
            .filter(|(k, _)| self.config.enabled[*k])
            .collect();
        let all: Vec<f64> = shown
            .iter()
            .flat_map(|(_, p)| p.losses.iter().copied())
            .filter(|l| l.is_finite())
            .collect();
        let log = all.iter().all(|&l| l > 0.0);
        let y = |l: f64| if log { l.log10() } else { l };
        let (lo, hi) = all
            .iter()
            .map(|&l| y(l))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(v), b.max(v))
            });
        let (lo, hi) = if lo.is_finite() && hi > lo {
            (lo, hi)
        } else if lo.is_finite() {
            (lo - 1.0, lo + 1.0)
        } else {
            (0.0, 1.0)
        };
        let pad = (hi - lo) * 0.05;
        let font = style::font(12.0, scale);
        let iters = self.config.iters as f64;
        let mut chart = style::chart(
            root,
            scale,
            [10.0, 0.0, 16.0, 32.0, 64.0],
            (0f64..iters, (lo - pad)..(hi + pad)),
        )?;
        // On the log scale only whole powers of ten are labelled (10⁻², 10⁰, …).
        let y_label = |v: &f64| {
            if !log {
                num(*v, 3)
            } else if (v - v.round()).abs() < 1e-9 {
                sci(10f64.powf(v.round()), 1)
            } else {
                String::new()
            }
        };
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(style::LEVEL.mix(0.1))
            .x_desc("iteration")
            .y_desc(if log { "f (log scale)" } else { "f" })
            .x_label_formatter(&|v| num(*v, 0))
            .y_label_formatter(&y_label)
            .y_labels(6)
            .label_style(font.clone())
            .axis_desc_style(font)
            .draw()?;
        for (k, p) in shown {
            let line = ShapeStyle::from(&COLORS[k]).stroke_width(px(2.0, scale));
            chart.draw_series(LineSeries::new(
                p.losses
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| l.is_finite())
                    .map(|(i, &l)| (i as f64, y(l))),
                line,
            ))?;
        }
        Ok(())
    }
}

impl OnContours for TrajectoryFigure {
    fn plot(&self) -> &ContourPlot {
        &self.plot
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        self.config.function.value(x, y)
    }

    fn draw_moving<B: DrawingBackend>(&self, root: &Root<B>, area: &PlotArea, scale: f64) -> Drawn {
        let d = self.config.function.domain();
        // Paths may leave the plot (overshoot, divergence): clip them to it.
        let inside =
            |p: &[f64; 2]| p[0] >= d.x.0 && p[0] <= d.x.1 && p[1] >= d.y.0 && p[1] <= d.y.1;
        let to = |p: &[f64; 2]| {
            let (x, y) = area.to_pixel(*p);
            (x.round() as i32, y.round() as i32)
        };
        for (k, (path, on)) in self.paths.iter().zip(self.config.enabled).enumerate() {
            if !on {
                continue;
            }
            let c = COLORS[k];
            let line = ShapeStyle::from(&c).stroke_width(px(2.0, scale));
            // Consecutive points inside the plot, as runs.
            let mut run: Vec<(i32, i32)> = Vec::new();
            for p in &path.points {
                if inside(p) {
                    run.push(to(p));
                } else if !run.is_empty() {
                    root.draw(&PathElement::new(std::mem::take(&mut run), line))?;
                }
            }
            if run.len() > 1 {
                root.draw(&PathElement::new(run, line))?;
            }
            let r = px(3.5, scale);
            let fill = ShapeStyle::from(&c).filled();
            for p in path.points.iter().skip(1).filter(|p| inside(p)) {
                let (x, y) = to(p);
                // A different mark for each optimizer: circle, square, triangle, diamond.
                match k {
                    0 => root.draw(&Circle::new((x, y), r, fill)),
                    1 => root.draw(&Rectangle::new(
                        [(x - r as i32, y - r as i32), (x + r as i32, y + r as i32)],
                        fill,
                    )),
                    2 => root.draw(&Polygon::new(
                        vec![
                            (x, y - r as i32 - 1),
                            (x - r as i32 - 1, y + r as i32),
                            (x + r as i32 + 1, y + r as i32),
                        ],
                        fill,
                    )),
                    _ => root.draw(&Polygon::new(
                        vec![
                            (x, y - r as i32 - 1),
                            (x + r as i32 + 1, y),
                            (x, y + r as i32 + 1),
                            (x - r as i32 - 1, y),
                        ],
                        fill,
                    )),
                }?;
            }
        }
        draw::dot(root, to(&self.config.start), 7.0, 5.5, style::POINT, scale)?;
        let labels: Vec<String> = (0..4)
            .filter(|&k| self.config.enabled[k])
            .map(|k| match self.paths[k].diverged_at {
                Some(at) => format!("{}: diverged at step {at}", NAMES[k]),
                None => NAMES[k].to_owned(),
            })
            .collect();
        let entries: Vec<(&str, RGBColor, draw::Mark)> = (0..4)
            .filter(|&k| self.config.enabled[k])
            .zip(&labels)
            .map(|(k, l)| (l.as_str(), COLORS[k], draw::Mark::Line))
            .collect();
        draw::legend(root, area, &entries, draw::Corner::UpperRight, scale)
    }
}

/// The `trajectory` widget: the paths from a draggable start, Play/Pause (one iteration per
/// frame), Step, Reset, a log-scale learning-rate slider, a toggle per optimizer, the loss
/// per iteration, and a field for one's own function.
pub struct TrajectoryWidget {
    figure: TrajectoryFigure,
    expr: ExprInput,
    playing: bool,
    /// Bumped when the function changes (the static layer).
    revision: u64,
}

/// The slider moves log₁₀ η over this range.
const LOG_LR: (f64, f64) = (-4.0, 0.5);

impl TrajectoryWidget {
    /// The widget showing `figure`.
    #[must_use]
    pub fn new(figure: TrajectoryFigure) -> Self {
        Self {
            expr: ExprInput::new(figure.config().function),
            figure,
            playing: false,
            revision: 0,
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
        self.playing
    }
}

impl Widget for TrajectoryWidget {
    fn layout(&self) -> Vec<Part> {
        let toggles = NAMES
            .iter()
            .zip(COLORS)
            .map(|(name, c)| Part::Button {
                id: name,
                text: name,
                class: "gdviz-button gdviz-path-toggle",
                swatch: Some((c.0, c.1, c.2)),
            })
            .collect();
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
            ]),
            Part::Row {
                class: "gdviz-toolbar gdviz-paths",
                group: Some("paths shown"),
                items: toggles,
            },
            widget::text("summary", "gdviz-summary", ""),
            Part::Canvas(widget::chart("chart", "Loss per iteration", Paint::Direct)),
            widget::text(
                "hint",
                "gdviz-hint",
                "Drag the orange start (or focus the plot and use the arrow keys); the paths restart from it.",
            ),
            Part::Row {
                class: "gdviz-controls",
                group: None,
                items: vec![ExprInput::part()],
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
            self.figure.draw_losses(root, ratio).map(|()| None)
        }
    }

    fn fill(&self, _canvas: usize, area: &PlotArea, width: usize, height: usize) -> Vec<u8> {
        self.figure.fill_rgba(area, width, height)
    }

    fn revision(&self, _canvas: usize) -> u64 {
        self.revision
    }

    /// One iteration per frame while playing.
    fn tick(&mut self, _env: &Env<'_>) -> bool {
        if !self.playing {
            return false;
        }
        self.figure.step();
        if self.figure.finished() {
            self.playing = false;
        }
        self.playing
    }

    fn input(&mut self, input: &Input<'_>, env: &Env<'_>) -> Outcome {
        match *input {
            Input::Click("play") => {
                if self.playing {
                    self.playing = false;
                } else {
                    if self.figure.finished() {
                        self.figure.reset();
                    }
                    if (env.reduced_motion)() {
                        self.figure.run_to_end();
                    } else {
                        self.playing = true;
                    }
                }
            }
            Input::Click("step") => {
                self.playing = false;
                self.figure.step();
            }
            Input::Click("reset") => {
                self.playing = false;
                self.figure.reset();
            }
            Input::Click(id) => match NAMES.iter().position(|n| *n == id) {
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
                    self.playing = false;
                    self.figure = TrajectoryFigure::new(Config {
                        function,
                        start,
                        lr: default_lr(function),
                        iter: 0,
                        ..old
                    });
                    self.revision += 1;
                }
            }
            _ => {
                let moved = self.figure.point_input(input).unwrap_or(Outcome::Ignored);
                if moved == Outcome::Changed {
                    // Moving the start stops a run that is playing.
                    self.playing = false;
                }
                return moved;
            }
        }
        Outcome::Changed
    }

    fn ui(&self, ui: &mut Ui) {
        let s = self.figure.state();
        let c = self.figure.config();
        ui.text("play", if self.playing { "Pause" } else { "Play" })
            .pressed("play", self.playing)
            .disabled("step", self.figure.finished())
            .text("lr", sig(c.lr, 3))
            .value_text("lr", format!("η = {}", sig(c.lr, 3)))
            .value("lr", c.lr.log10().to_string());
        for (k, name) in NAMES.iter().enumerate() {
            ui.pressed(name, c.enabled[k]);
        }
        let parts: Vec<String> = self
            .figure
            .paths()
            .iter()
            .zip(c.enabled)
            .enumerate()
            .filter(|(_, (_, on))| *on)
            .map(|(k, (p, _))| {
                let name = NAMES[k].split(' ').next().unwrap_or("");
                match p.diverged_at {
                    Some(at) => format!("{name} diverged at step {at}"),
                    None => format!(
                        "{name} f = {}",
                        p.losses.last().map_or_else(String::new, |l| num(*l, 4))
                    ),
                }
            })
            .collect();
        let text = format!(
            "Iteration {} of {}, η = {}, from ({}, {}): {}.",
            s.iter,
            s.iters,
            sig(c.lr, 3),
            num(c.start[0], 2),
            num(c.start[1], 2),
            parts.join("; ")
        );
        ui.label(
            "plot",
            format!(
                "Contour plot of f(x, y) = {} with optimizer paths. {text}",
                c.function.formula()
            ),
        );
        self.expr.ui(ui);
        if !self.playing {
            ui.live(text.clone());
        }
        ui.text("summary", text).state(&s);
    }

    fn url_options(&self) -> Vec<(&'static str, String)> {
        self.figure.url_options()
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
        assert_eq!(c.enabled, [true, false, true, false]);
        let e = |o: &[(&str, &str)]| Config::from_options(o).unwrap_err().to_string();
        assert!(e(&[("data-lr", "-1")]).contains("data-lr=\"-1\" is out of range"));
        assert!(e(&[("data-iters", "2.5")]).contains("whole number"));
        assert!(e(&[("data-paths", "gd,newton")])
            .contains("is not one of: gd, coordinate, sign, momentum"));
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
        let json = serde_json::to_string(&s).unwrap();
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
        assert_eq!(fig.config().enabled, [false, false, false, true]);
        assert!(TrajectoryWidget::new(fig)
            .svg(480)
            .unwrap()
            .starts_with("<svg"));
    }
}
