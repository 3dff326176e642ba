//! `descent-1d`: gradient descent on a curve f(x). The point, its dashed tangent with slope
//! f′(x), the step −η·f′(x) as an arrow, and the trail of earlier points.

use super::draw;
use super::format::num;
use super::json::{Fields, Object};
use super::motion::{Player, Stop, WithPlaying};
use super::options::{self, OptionError, OptionErrorKind, Options};
use super::plot_area::PlotArea;
use super::style::{self, px};
use super::widget::{self, Env, Input, Outcome, Paint, Part, Pass, Trail, Ui, Widget};
use super::DrawError;
use super::{Drawn, Root};
use crate::math::functions::Function1d;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The x range every curve is shown on.
pub const VIEW: (f64, f64) = (-3.0, 3.0);

/// Beyond this |x| a run is called diverged (it has left any sensible view for good).
const ESCAPE: f64 = 1e12;

/// What `data-state` reports.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Always `"descent-1d"`.
    pub kind: &'static str,
    /// The curve's name.
    pub function: &'static str,
    /// The current point.
    pub x: f64,
    /// f(x).
    pub f: f64,
    /// f′(x).
    pub slope: f64,
    /// The learning rate η.
    pub lr: f64,
    /// Steps taken.
    pub step: usize,
    /// x at step 0, 1, …, step.
    pub history: Vec<f64>,
    /// The step at which the run diverged, if it did.
    pub diverged_at: Option<usize>,
}

impl Fields for State {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("kind", &self.kind)
            .field("fn", &self.function)
            .field("x", &self.x)
            .field("f", &self.f)
            .field("slope", &self.slope)
            .field("lr", &self.lr)
            .field("step", &self.step)
            .field("history", &self.history)
            .some("diverged_at", &self.diverged_at);
    }
}

/// The widget's model.
#[derive(Clone, Debug, PartialEq)]
pub struct Descent1d {
    function: Function1d,
    start: f64,
    initial_lr: f64,
    lr: f64,
    history: Vec<f64>,
    diverged_at: Option<usize>,
    /// Changes whenever the history starts over (see [`super::new_generation`]): what is
    /// drawn of a history is kept while it holds.
    generation: u64,
}

impl Descent1d {
    /// Reads `data-fn` (`parabola` or `double-well`), `data-x` (the start) and `data-lr`.
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        let function = match opts.get("data-fn") {
            None => Function1d::Parabola,
            Some(name) => Function1d::from_name(name.trim()).ok_or_else(|| {
                let known: Vec<&str> = Function1d::ALL.iter().map(|f| f.name()).collect();
                OptionError::new(
                    "data-fn",
                    &name,
                    OptionErrorKind::UnknownFunction(known.join(", ")),
                )
            })?,
        };
        let x = options::number(opts, "data-x", 2.0)?;
        if x < VIEW.0 || x > VIEW.1 {
            return Err(OptionError::new(
                "data-x",
                &opts.get("data-x").unwrap_or_default(),
                OptionErrorKind::OutOfRange("the curve is shown for x from -3 to 3".into()),
            ));
        }
        let lr = options::number(opts, "data-lr", 0.3)?;
        let lr =
            super::training::check_lr("data-lr", &opts.get("data-lr").unwrap_or_default(), lr)?;
        let mut d = Self::new(function, x, lr);
        for _ in 0..super::training::steps_option(opts)? {
            if !d.step() {
                break;
            }
        }
        Ok(d)
    }

    /// A run from `x` with rate `lr`.
    #[must_use]
    pub fn new(function: Function1d, x: f64, lr: f64) -> Self {
        Self {
            function,
            start: x,
            initial_lr: lr,
            lr,
            history: vec![x],
            diverged_at: None,
            generation: super::new_generation(),
        }
    }

    /// The current point.
    #[must_use]
    pub fn x(&self) -> f64 {
        *self.history.last().unwrap_or(&self.start)
    }

    /// The learning rate.
    #[must_use]
    pub fn lr(&self) -> f64 {
        self.lr
    }

    /// Sets the learning rate (ignored unless finite and ≥ 0) and starts a new run from the
    /// current point: a run has one rate, so it is reproduced by its start, rate and steps.
    pub fn set_lr(&mut self, lr: f64) {
        if lr.is_finite() && lr >= 0.0 {
            self.lr = lr;
            self.history = vec![self.x()];
            self.diverged_at = None;
            self.generation = super::new_generation();
        }
    }

    /// The options that reopen this view exactly (`data-*` names without the prefix).
    #[must_use]
    pub fn url_options(&self) -> Vec<(&'static str, String)> {
        vec![
            ("fn", self.function.name().to_owned()),
            ("x", self.history[0].to_string()),
            ("lr", self.lr.to_string()),
            ("steps", (self.history.len() - 1).to_string()),
        ]
    }

    /// Puts the point at `x` (clamped to the view) and starts a new run from there.
    pub fn set_x(&mut self, x: f64) {
        if x.is_finite() {
            self.history = vec![x.clamp(VIEW.0, VIEW.1)];
            self.diverged_at = None;
            self.generation = super::new_generation();
        }
    }

    /// One step x ← x − η f′(x). A step that leaves |x| ≤ 10¹² (or is not finite) is not
    /// applied and the run is marked diverged at that step. Returns true if it stepped.
    pub fn step(&mut self) -> bool {
        if self.diverged_at.is_some() {
            return false;
        }
        let x = self.x();
        let (_, slope) = self.function.value_and_slope(x);
        let next = x - self.lr * slope;
        if !next.is_finite() || next.abs() > ESCAPE {
            self.diverged_at = Some(self.history.len());
            return false;
        }
        self.history.push(next);
        true
    }

    /// Back to the options' start and rate.
    pub fn reset(&mut self) {
        *self = Self::new(self.function, self.start, self.initial_lr);
    }

    /// The history's trail: one item per step (the segment to it and the dot it leaves
    /// behind), numbered by the history's generation.
    #[must_use]
    pub fn trail(&self) -> Trail {
        Trail {
            revision: self.generation,
            len: self.history.len(),
        }
    }

    /// The step at which the run diverged.
    #[must_use]
    pub fn diverged_at(&self) -> Option<usize> {
        self.diverged_at
    }

    /// The state for `data-state`.
    #[must_use]
    pub fn state(&self) -> State {
        State {
            history: self.history.clone(),
            ..self.now()
        }
    }

    /// [`Descent1d::state`] without the history (empty): where the run stands, at a cost
    /// that does not grow with it.
    #[must_use]
    pub fn now(&self) -> State {
        let x = self.x();
        let (f, slope) = self.function.value_and_slope(x);
        State {
            kind: "descent-1d",
            function: self.function.name(),
            x,
            f,
            slope,
            lr: self.lr,
            step: self.history.len() - 1,
            history: Vec::new(),
            diverged_at: self.diverged_at,
        }
    }

    /// Arrow keys move the point by 0.05 (0.5 with `coarse`); Enter or Space steps.
    pub fn key(&mut self, key: &str, coarse: bool) -> bool {
        let d = if coarse { 0.5 } else { 0.05 };
        match key {
            "ArrowLeft" => self.set_x(self.x() - d),
            "ArrowRight" => self.set_x(self.x() + d),
            "Enter" => {
                self.step();
            }
            _ => return false,
        }
        true
    }

    /// The canvas height for a width.
    #[must_use]
    pub fn height_for_width(width: u32, scale: f64) -> u32 {
        (f64::from(width) * 0.55).max(260.0 * scale).round() as u32
    }

    fn y_range(&self) -> (f64, f64) {
        let ys: Vec<f64> = (0..=120)
            .map(|i| {
                self.function
                    .value_and_slope(VIEW.0 + (VIEW.1 - VIEW.0) * f64::from(i) / 120.0)
                    .0
            })
            .collect();
        let lo = ys.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let pad = (hi - lo) * 0.12;
        (lo - pad, hi + pad)
    }

    /// Draws the curve, trail, tangent and step; returns the mapping.
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw<B: DrawingBackend>(&self, root: &Root<B>, scale: f64) -> Drawn<PlotArea> {
        self.draw_layer(root, super::Layer::All, scale)
    }

    /// Draws one layer: the background (axes and the curve, which depend only on the
    /// function) or the overlay (trail, tangent, step, point and title); returns the mapping.
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw_layer<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        layer: super::Layer,
        scale: f64,
    ) -> Result<PlotArea, DrawError> {
        let background = matches!(layer, super::Layer::Background | super::Layer::All);
        if background {
            root.fill(&WHITE)?;
        }
        let (ylo, yhi) = self.y_range();
        let font = style::font(12.5, scale);
        let mut chart = style::chart(
            root,
            scale,
            [12.0, 30.0, 0.0, 34.0, 44.0],
            (VIEW.0..VIEW.1, ylo..yhi),
        )?;
        let area = PlotArea::from_chart(root, &chart, VIEW, (ylo, yhi));
        if let super::Layer::Trail(from) = layer {
            return self.draw_trail(root, &area, from, scale).map(|()| area);
        }
        if !background {
            return self
                .draw_moving(root, &area, (ylo, yhi), scale)
                .map(|()| area);
        }
        style::grid(&mut chart.configure_mesh(), 0.1)
            .x_labels(7)
            .y_labels(5)
            .x_desc("x")
            .y_desc("f(x)")
            .x_label_formatter(&|v| num(*v, 2))
            .y_label_formatter(&|v| num(*v, 2))
            .label_style(font.clone())
            .axis_desc_style(font)
            .axis_style(ShapeStyle::from(&style::INK).stroke_width(px(1.0, scale)))
            .draw()?;
        let f = |x: f64| self.function.value_and_slope(x).0;
        let curve = ShapeStyle::from(&style::INK).stroke_width(px(2.2, scale));
        chart.draw_series(LineSeries::new(
            (0..=300).map(|i| {
                let x = VIEW.0 + (VIEW.1 - VIEW.0) * f64::from(i) / 300.0;
                (x, f(x))
            }),
            curve,
        ))?;
        if layer == super::Layer::All {
            self.draw_trail(root, &area, 0, scale)?;
            self.draw_moving(root, &area, (ylo, yhi), scale)?;
        }
        Ok(area)
    }

    /// The history's trail from step `from` on: for each step k ≥ 1, the faded segment from
    /// the point before it and then that earlier point's dot (the current point is the
    /// overlay's), each where it lies in the view. Drawn step by step, in the same order
    /// whether the whole history is drawn at once or a step at a time.
    fn draw_trail<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        area: &PlotArea,
        from: usize,
        scale: f64,
    ) -> Result<(), DrawError> {
        let f = |x: f64| self.function.value_and_slope(x).0;
        let inside = |x: f64| (VIEW.0..=VIEW.1).contains(&x);
        let at = |x: f64| {
            let p = area.to_pixel([x, f(x)]);
            (p.0 as i32, p.1 as i32)
        };
        let faded = ShapeStyle::from(&style::POINT.mix(0.35)).stroke_width(px(1.2, scale));
        let dot = ShapeStyle::from(&style::POINT.mix(0.4)).filled();
        for k in from.max(1)..self.history.len() {
            let (a, b) = (self.history[k - 1], self.history[k]);
            if inside(a) && inside(b) {
                root.draw(&PathElement::new(vec![at(a), at(b)], faded))?;
            }
            if inside(a) {
                root.draw(&Circle::new(at(a), px(3.5, scale), dot))?;
            }
        }
        Ok(())
    }

    /// The moving part: tangent, step arrow, point, title.
    fn draw_moving<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        area: &PlotArea,
        (ylo, yhi): (f64, f64),
        scale: f64,
    ) -> Result<(), DrawError> {
        let f = |x: f64| self.function.value_and_slope(x).0;
        let inside = |x: f64| (VIEW.0..=VIEW.1).contains(&x);
        let to = |x: f64, y: f64| area.to_pixel([x, y]);
        let x = self.x();
        let (fx, slope) = self.function.value_and_slope(x);
        // The title, in the longest form that fits the canvas's width (a phone's is a third
        // of a desktop's, and small numbers take exponents); the shortest is shrunk to fit.
        let (next, (xs, fs, ss)) = (
            num(x - self.lr * slope, 3),
            (num(x, 3), num(fx, 3), num(slope, 3)),
        );
        let titles = if let Some(k) = self.diverged_at {
            [
                format!("The run diverged at step {k}: x − η·f′(x) ran off beyond 10¹². Lower η or reset."),
                format!("Diverged at step {k}: |x| passed 10¹². Lower η or reset."),
                format!("Diverged at step {k}"),
            ]
        } else {
            [
                format!("x = {xs}, f(x) = {fs}, f′(x) = {ss}; next x = x − η·f′(x) = {next}"),
                format!("x = {xs}, f(x) = {fs}, f′(x) = {ss}; next x = {next}"),
                format!("x = {xs}, f′(x) = {ss}, next x = {next}"),
            ]
        };
        let room = f64::from(root.dim_in_pixel().0) - 20.0 * scale;
        let (title, size) = fit_title(
            titles,
            13.0,
            |t, size| draw::measure(root, t, size, scale),
            room,
        );
        let tcolor = if self.diverged_at.is_some() {
            style::ALERT
        } else {
            style::INK
        };
        root.draw(&Text::new(
            title,
            ((10.0 * scale) as i32, (8.0 * scale) as i32),
            (style::FONT, px(size, scale)).into_font().color(&tcolor),
        ))?;
        if inside(x) {
            // The tangent, dashed, over ±0.9 in x (clipped to the plot's y range).
            let tangent = ShapeStyle::from(&style::TANGENT).stroke_width(px(1.8, scale));
            let (t0, t1) = (x - 0.9, x + 0.9);
            let clampy = |y: f64| y.clamp(ylo, yhi);
            draw::dashed(
                root,
                to(t0, clampy(fx - 0.9 * slope)),
                to(t1, clampy(fx + 0.9 * slope)),
                tangent,
                7.0 * scale,
                5.0 * scale,
            )?;
            // The step along x, drawn at the point's height.
            let next = x - self.lr * slope;
            let end = next.clamp(VIEW.0, VIEW.1);
            if (end - x).abs() > 1e-12 {
                draw::arrow(root, to(x, fx), to(end, fx), style::GRADIENT, 2.5, scale)?;
                if inside(next) {
                    let drop =
                        ShapeStyle::from(&style::GRADIENT.mix(0.5)).stroke_width(px(1.2, scale));
                    draw::dashed(
                        root,
                        to(next, fx),
                        to(next, f(next)),
                        drop,
                        3.0 * scale,
                        3.0 * scale,
                    )?;
                }
            }
            let p = to(x, fx);
            draw::dot(
                root,
                (p.0 as i32, p.1 as i32),
                8.0,
                6.5,
                style::POINT,
                scale,
            )?;
        } else {
            // Off the plot: an arrow at the edge saying where the point went.
            let edge = if x > VIEW.1 { VIEW.1 } else { VIEW.0 };
            let y = (ylo + yhi) / 2.0;
            let inward = if x > VIEW.1 { -0.4 } else { 0.4 };
            draw::arrow(
                root,
                to(edge + inward, y),
                to(edge, y),
                style::ALERT,
                2.5,
                scale,
            )?;
            // Beside the arrow, inside the plot: the longest form that fits its width,
            // pulled in from the edge as far as its measured width needs.
            let xs = num(x, 2);
            let room = area.right - area.left - 10.0 * scale;
            let (text, size) = fit_title(
                [
                    format!("x = {xs} (off the plot)"),
                    format!("x = {xs} (off plot)"),
                    format!("x = {xs}"),
                ],
                12.5,
                |t, size| draw::measure(root, t, size, scale),
                room,
            );
            let w = draw::measure(root, &text, size, scale);
            let half = w / 2.0 + 5.0 * scale;
            let (cx, cy) = to(edge + inward * 2.6, y - (yhi - ylo) * 0.06);
            let cx = if area.right - area.left > 2.0 * half {
                cx.clamp(area.left + half, area.right - half)
            } else {
                (area.left + area.right) / 2.0
            };
            draw::label_sized(root, &text, w, (cx, cy), size, style::ALERT, scale)?;
        }
        Ok(())
    }
}

/// The `descent-1d` widget: the curve, Step and Reset, a learning-rate field, and the point
/// the reader drags along the curve (or moves with the arrow keys).
#[derive(Clone, Debug)]
pub struct Descent1dWidget {
    model: Descent1d,
    /// Why the last learning rate typed was refused.
    alert: Option<String>,
    /// Play: a step every [`STEP_MS`].
    player: Player,
    /// Steps taken since Play was pressed.
    played: usize,
    /// What the live region last had to say about Play.
    said: Option<String>,
}

/// Play takes a step this often, milliseconds.
pub const STEP_MS: f64 = 250.0;
/// Play stops when a step moves x by less than this: converged.
pub const CONVERGED: f64 = 1e-9;
/// Play stops after this many steps, converged or not (a tiny η would crawl forever).
pub const PLAY_LIMIT: usize = 1000;

impl Descent1dWidget {
    /// Reads the options (see [`Descent1d::from_options`]).
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        Descent1d::from_options(opts).map(Self::new)
    }

    /// The widget showing `model`.
    #[must_use]
    pub fn new(model: Descent1d) -> Self {
        Self {
            model,
            alert: None,
            player: Player::default(),
            played: 0,
            said: None,
        }
    }

    /// True while Play runs.
    #[must_use]
    pub fn playing(&self) -> bool {
        self.player.playing()
    }

    /// One step of Play; `Some` with why the run stops, if it does.
    fn play_step(&mut self) -> Option<Stop> {
        let before = self.model.x();
        if !self.model.step() {
            return Some(Stop::Diverged);
        }
        self.played += 1;
        if (self.model.x() - before).abs() < CONVERGED {
            Some(Stop::Done)
        } else if self.played >= PLAY_LIMIT {
            Some(Stop::Limit)
        } else {
            None
        }
    }

    /// Stops Play and says why, once.
    fn stop(&mut self, why: Stop) {
        self.player.pause();
        let s = self.model.state();
        self.said = Some(match why {
            Stop::Paused => format!("Paused at step {}: x = {}.", s.step, num(s.x, 6)),
            Stop::Done => format!(
                "Converged at step {}: the last step moved x by less than 10⁻⁹; x = {}, f(x) = {}.",
                s.step,
                num(s.x, 9),
                num(s.f, 9)
            ),
            Stop::Limit => format!(
                "Stopped after {PLAY_LIMIT} steps without converging: x = {}.",
                num(s.x, 6)
            ),
            Stop::Diverged => format!(
                "The run diverged at step {}: x left every sensible range. Lower η or press Reset.",
                s.diverged_at.unwrap_or(s.step)
            ),
        });
    }

    /// Play or Pause; under reduced motion Play takes every step at once.
    fn toggle(&mut self, env: &Env<'_>) {
        if self.player.playing() {
            self.stop(Stop::Paused);
            return;
        }
        if self.model.diverged_at().is_some() {
            self.model.reset();
        }
        self.played = 0;
        if (env.reduced_motion)() {
            let why = loop {
                if let Some(why) = self.play_step() {
                    break why;
                }
            };
            self.stop(why);
        } else {
            self.player.play();
            self.said = Some(format!(
                "Playing: a step every {STEP_MS} milliseconds until x settles."
            ));
        }
    }

    /// The still picture: two steps down the parabola from x = 2, so it shows the trail.
    #[must_use]
    pub fn article() -> Self {
        let mut d = Descent1d::new(Function1d::Parabola, 2.0, 0.3);
        d.step();
        d.step();
        Self::new(d)
    }

    /// The run.
    #[must_use]
    pub fn model(&self) -> &Descent1d {
        &self.model
    }
}

impl Widget for Descent1dWidget {
    fn layout(&self) -> Vec<Part> {
        vec![
            Part::Canvas(widget::canvas(
                "plot",
                "Gradient descent in one dimension",
                Paint::Layered,
            )),
            widget::toolbar(vec![
                widget::button("play", "Play", false),
                widget::button("step", "Step", true),
                widget::button("reset", "Reset", false),
                Part::Field {
                    id: "lr",
                    caption: "learning rate η",
                    inline: true,
                },
            ]),
            Part::Alert { id: "alert" },
            Part::Live,
        ]
    }

    fn height(&self, _canvas: usize, width: u32, ratio: f64) -> u32 {
        Descent1d::height_for_width(width, ratio)
    }

    /// The history is kept on its own layer: a step draws one segment and one dot.
    fn trail(&self, _canvas: usize) -> Option<Trail> {
        Some(self.model.trail())
    }

    fn draw<B: DrawingBackend>(&self, root: &Root<B>, pass: Pass<'_>) -> Drawn<Option<PlotArea>> {
        let Pass { layer, ratio, .. } = pass;
        self.model.draw_layer(root, layer, ratio).map(Some)
    }

    /// A step every [`STEP_MS`] while playing.
    fn tick(&mut self, env: &Env<'_>) -> Outcome {
        if !self.player.playing() {
            return Outcome::Ignored;
        }
        if self.player.due((env.now)(), STEP_MS) > 0 {
            if let Some(why) = self.play_step() {
                self.stop(why);
            }
            Outcome::Changed
        } else {
            Outcome::Waiting
        }
    }

    fn input(&mut self, input: &Input<'_>, env: &Env<'_>) -> Outcome {
        if self.player.playing() && !matches!(input, Input::Click("play")) {
            // Anything else the reader does takes over from Play.
            let used = matches!(input, Input::Click(_) | Input::Change(..))
                || matches!(input, Input::Press(p) if widget::on_area(p, 6.0).is_some())
                || matches!(input, Input::Key { key, .. } if key.starts_with("Arrow") || *key == "Enter");
            if used {
                self.stop(Stop::Paused);
            }
        }
        match *input {
            Input::Click("play") => self.toggle(env),
            Input::Click("step") => {
                self.model.step();
            }
            Input::Click("reset") => {
                self.model.reset();
                self.alert = None;
            }
            Input::Change("lr", raw) => {
                let key = "the η field";
                match options::parse_number(key, raw)
                    .and_then(|v| super::training::check_lr(key, raw, v))
                {
                    Ok(v) => {
                        self.model.set_lr(v);
                        self.alert = None;
                    }
                    Err(e) => self.alert = Some(format!("Not applied: {e}.")),
                }
            }
            Input::Press(p) => match widget::on_area(&p, 6.0) {
                Some(area) => self.model.set_x(area.to_data(p.x, p.y)[0]),
                None => return Outcome::Ignored,
            },
            Input::Drag(p) => match p.area {
                Some(area) => self.model.set_x(area.to_data(p.x, p.y)[0]),
                None => return Outcome::Ignored,
            },
            Input::Key { key, shift, .. } => return Outcome::from(self.model.key(key, shift)),
            _ => return Outcome::Ignored,
        }
        Outcome::Changed
    }

    fn ui(&self, ui: &mut Ui) {
        let s = self.model.now();
        let playing = self.player.playing();
        ui.playing("play", "Play", playing);
        if let Some(said) = &self.said {
            ui.live(said.clone());
        }
        ui.disabled("step", self.model.diverged_at().is_some())
            .invalid("lr", self.alert.is_some())
            .value("lr", super::format::sig(self.model.lr(), 15))
            .text("alert", self.alert.clone().unwrap_or_default())
            .hidden("alert", self.alert.is_none());
        ui.label("plot", match s.diverged_at {
            Some(k) => format!("The run diverged at step {k}; lower the learning rate or reset."),
            None => format!(
                "Step {}: x = {}, f(x) = {}, slope f′(x) = {}; the next step moves x by −η·f′(x) = {}.",
                s.step, num(s.x, 3), num(s.f, 3), num(s.slope, 3), num(-s.lr * s.slope, 3)
            ),
        });
        // The history, gathered only for a frame that writes it.
        if ui.wants_state() {
            ui.state(&WithPlaying {
                state: &self.model.state(),
                playing,
            });
        }
    }

    fn url_options(&self) -> Vec<(&'static str, String)> {
        self.model.url_options()
    }
}

/// The first of `titles` (longest first) whose width at `size` CSS px, as `width` measures it in
/// device pixels, is within `room`; else the last, at the size that fits (at least 9 px).
pub(super) fn fit_title<const N: usize>(
    titles: [String; N],
    size: f64,
    width: impl Fn(&str, f64) -> f64,
    room: f64,
) -> (String, f64) {
    let mut last = (String::new(), size);
    for t in titles {
        let w = width(&t, size);
        if w <= room {
            return (t, size);
        }
        last = (t, (size * room / w).clamp(9.0, size));
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::SVGBackend;

    /// The SVG of one layer of `d`, 600 × 400.
    fn layer_svg(d: &Descent1d, layer: crate::figures::Layer) -> String {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (600, 400)).into_drawing_area();
            d.draw_layer(&root, layer, 1.0).unwrap();
        }
        svg
    }

    #[test]
    fn the_title_takes_the_longest_form_that_fits() {
        let titles = || {
            [
                "a long title".to_owned(),
                "short".to_owned(),
                "s".to_owned(),
            ]
        };
        // Widths of 10 px a character at size 13.
        let width = |t: &str, size: f64| t.len() as f64 * 10.0 * size / 13.0;
        assert_eq!(
            fit_title(titles(), 13.0, width, 200.0),
            ("a long title".to_owned(), 13.0)
        );
        assert_eq!(
            fit_title(titles(), 13.0, width, 60.0),
            ("short".to_owned(), 13.0)
        );
        assert_eq!(
            fit_title(titles(), 13.0, width, 10.0),
            ("s".to_owned(), 13.0)
        );
        // Not even the shortest fits: it shrinks to fit, but not below 9 px.
        let (t, size) = fit_title(titles(), 13.0, |t, s| width(t, s) * 20.0, 100.0);
        assert_eq!(t, "s");
        assert!((size - 9.0).abs() < 1e-12, "{size}");
        let (_, size) = fit_title(titles(), 13.0, |t, s| width(t, s) * 11.0, 100.0);
        assert!((size - 13.0 * 100.0 / 110.0).abs() < 1e-9, "{size}");
    }

    #[test]
    fn the_history_is_a_trail_drawn_a_step_at_a_time() {
        use crate::figures::Layer;
        // x ← 0.4x from 2: 2, 0.8, 0.32, 0.128, 0.0512, all in view.
        let mut d = Descent1d::new(Function1d::Parabola, 2.0, 0.3);
        let generation = d.trail().revision;
        assert_eq!(d.trail().len, 1);
        // No step yet: nothing on the trail.
        assert_eq!(layer_svg(&d, Layer::Trail(0)).matches("<circle").count(), 0);
        d.step();
        d.step();
        let first = layer_svg(&d, Layer::Trail(0));
        d.step();
        d.step();
        // Steps keep the generation; the trail grows by one item per step.
        assert_eq!(
            d.trail(),
            Trail {
                revision: generation,
                len: 5
            }
        );
        let rest = layer_svg(&d, Layer::Trail(3));
        let whole = layer_svg(&d, Layer::Trail(0));
        let count = |svg: &str, tag: &str| svg.matches(tag).count();
        // Four steps: four segments, and the four points left behind (the fifth is the
        // overlay's current point).
        assert_eq!(
            (count(&whole, "<polyline"), count(&whole, "<circle")),
            (4, 4)
        );
        assert_eq!(count(&first, "<circle") + count(&rest, "<circle"), 4);
        assert_eq!(count(&first, "<polyline") + count(&rest, "<polyline"), 4);
        // The overlay no longer draws the history; the whole picture draws it once.
        let overlay = layer_svg(&d, Layer::Overlay);
        let fresh = layer_svg(
            &Descent1d::new(Function1d::Parabola, d.x(), 0.3),
            Layer::Overlay,
        );
        for tag in ["<polyline", "<circle"] {
            assert_eq!(count(&overlay, tag), count(&fresh, tag), "{tag}");
        }
        let all = layer_svg(&d, Layer::All);
        assert!(count(&all, "<circle") >= 4);
        // A new start or a new rate starts a new history.
        d.set_x(1.0);
        assert_ne!(d.trail().revision, generation);
        let g = d.trail().revision;
        d.set_lr(0.1);
        assert_ne!(d.trail().revision, g);
        assert_eq!(d.trail().len, 1);
    }

    #[test]
    fn steps_by_hand_on_the_parabola() {
        // f = x², f′ = 2x, x ← x − 0.3·2x = 0.4x: 2 → 0.8 → 0.32.
        let mut d = Descent1d::new(Function1d::Parabola, 2.0, 0.3);
        assert!(d.step() && d.step());
        let s = d.state();
        assert!((s.history[1] - 0.8).abs() < 1e-15 && (s.history[2] - 0.32).abs() < 1e-15);
        assert!((s.f - 0.1024).abs() < 1e-15 && (s.slope - 0.64).abs() < 1e-15);
        assert_eq!(s.step, 2);
        d.reset();
        assert_eq!(d.state().history, vec![2.0]);
    }

    #[test]
    fn a_rate_above_one_overshoots_and_then_diverges() {
        // x ← (1 − 2η)x = −1.2x for η = 1.1: the sign flips every step and |x| grows.
        let mut d = Descent1d::new(Function1d::Parabola, 2.0, 1.1);
        d.step();
        assert!((d.x() + 2.4).abs() < 1e-12);
        let mut k = 1;
        while d.step() {
            k += 1;
            assert!(k < 1000);
        }
        let s = d.state();
        assert_eq!(s.diverged_at, Some(k + 1));
        assert!(s.history.iter().all(|x| x.is_finite() && x.abs() <= 1e12));
        let svg = super::super::render_svg(
            600,
            |w| Descent1d::height_for_width(w, 1.0),
            |root| d.draw(root, 1.0).map(|_| ()),
        )
        .unwrap();
        assert!(svg.contains("diverged at step") && svg.contains("off the plot"));
        d.set_lr(0.1);
        assert!(d.step(), "a smaller rate lets the run go on");
        assert_eq!(d.state().step, 1, "from the point where the rate changed");
    }

    #[test]
    fn url_options_reopen_the_same_view() {
        let mut d = Descent1d::new(Function1d::DoubleWell, -2.0, 0.05);
        for _ in 0..7 {
            d.step();
        }
        let map: std::collections::HashMap<String, String> = d
            .url_options()
            .into_iter()
            .map(|(k, v)| (format!("data-{k}"), v))
            .collect();
        assert_eq!(Descent1d::from_options(&map).unwrap().state(), d.state());
    }

    #[test]
    fn options_and_keys() {
        let d = Descent1d::from_options(
            &[
                ("data-fn", "double-well"),
                ("data-x", "-2"),
                ("data-lr", "0.05"),
            ][..],
        )
        .unwrap();
        assert_eq!(
            (d.state().function, d.x(), d.lr()),
            ("double-well", -2.0, 0.05)
        );
        assert!(Descent1d::from_options(&[("data-x", "7")][..]).is_err());
        assert!(Descent1d::from_options(&[("data-fn", "cubic")][..]).is_err());
        let mut d = Descent1d::new(Function1d::Parabola, 1.0, 0.3);
        assert!(d.key("ArrowLeft", false));
        assert!((d.x() - 0.95).abs() < 1e-12);
        assert!(d.key("Enter", false));
        assert_eq!(d.state().step, 1);
    }
}
