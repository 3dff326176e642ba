//! `loss-slice`: the network's loss over two weights, w₁⁽²⁾ and w₃⁽²⁾, with the other four
//! held; the valley where ŷ = y*; and the last SGD step drawn from a red dot to a green one.
//!
//! The slice is honest about what it holds: by default the four other weights stay where the
//! last step started (as in the article), so the green dot's height on this slice is not the
//! true loss after the step — the first-layer weights moved too. Both numbers are reported.

use super::contour_plot::{ContourPlot, OnContours};
use super::draw;
use super::format::sig;
use super::json::{Fields, Object};
use super::model::Shared;
use super::motion::WithPlaying;
use super::options::{OptionError, OptionErrorKind, Options};
use super::plot_area::PlotArea;
use super::style::{self, px};
use super::training::{RunConfig, SliceAt, Trainer, TrainingRun, WEIGHTS};
use super::widget::{self, Env, Input, Outcome, Paint, Part, Pass, Ui, Widget};
use super::{Drawn, Root};
use crate::math::functions::Domain;
use crate::math::mlp::Network;
use plotters::prelude::*;

/// Indices of the two weights on the axes: w₁⁽²⁾ and w₃⁽²⁾.
pub const AXES: [usize; 2] = [3, 5];

/// What `data-state` reports for `loss-slice`.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Always `"loss-slice"`.
    pub kind: &'static str,
    /// Steps taken in the run.
    pub step: usize,
    /// The current weights.
    pub weights: Vec<f64>,
    /// The true loss at the current weights.
    pub loss: f64,
    /// The axes: `["w1_2", "w3_2"]`.
    pub axes: [&'static str; 2],
    /// (w₁⁽²⁾, w₃⁽²⁾) where the last step started (the current pair before any step).
    pub start: [f64; 2],
    /// (w₁⁽²⁾, w₃⁽²⁾) where it ended (the current pair).
    pub end: [f64; 2],
    /// Where the other four weights are held: `"step-start"` or `"current"`.
    pub held: &'static str,
    /// The six weights the slice is taken through (its two axes vary).
    pub base: Vec<f64>,
    /// The loss the slice shows at `end` (equal to `loss` when held at the current weights).
    pub slice_loss_at_end: f64,
}

impl Fields for State {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("kind", &self.kind)
            .field("step", &self.step)
            .field("weights", &self.weights)
            .field("loss", &self.loss)
            .field("axes", &self.axes)
            .field("start", &self.start)
            .field("end", &self.end)
            .field("held", &self.held)
            .field("base", &self.base)
            .field("slice_loss_at_end", &self.slice_loss_at_end);
    }
}

/// Reads `data-held`: `step-start` or `current` (which weights the slice holds).
///
/// # Errors
/// Any other value, named.
pub fn held_option(opts: &(impl Options + ?Sized)) -> Result<Option<SliceAt>, OptionError> {
    match opts.get("data-held").as_deref().map(str::trim) {
        None => Ok(None),
        Some("step-start") => Ok(Some(SliceAt::StepStart)),
        Some("current") => Ok(Some(SliceAt::Current)),
        Some(other) => Err(OptionError::new(
            "data-held",
            other,
            OptionErrorKind::OutOfRange("either step-start or current".to_owned()),
        )),
    }
}

/// The options that reopen the slice of `run` (`data-*` names without the prefix).
#[must_use]
pub fn url_options(run: &TrainingRun) -> Vec<(&'static str, String)> {
    let mut v = run.url_options();
    v.push((
        "held",
        if run.slice_at == SliceAt::Current {
            "current"
        } else {
            "step-start"
        }
        .to_owned(),
    ));
    v
}

/// The slice for one state of a run: its surface is fixed by the held weights and the example.
#[derive(Clone, Debug)]
pub struct LossSlice {
    base: [f64; WEIGHTS],
    x: f64,
    target: f64,
    start: [f64; 2],
    end: [f64; 2],
    held: SliceAt,
    plot: ContourPlot,
}

fn pair(w: &[f64]) -> [f64; 2] {
    [w[AXES[0]], w[AXES[1]]]
}

/// The loss at (u, v) = (w⁽²⁾₁, w⁽²⁾₃) from [`LossSlice::coefficients`].
#[must_use]
pub fn slice_loss(c: [f64; 3], target: f64, u: f64, v: f64) -> f64 {
    let yhat = u * c[0] + c[1] + v * c[2];
    (yhat - target).powi(2)
}

/// The held weights only: the two axis weights zeroed.
fn masked(w: &[f64; WEIGHTS]) -> [f64; WEIGHTS] {
    let mut m = *w;
    m[AXES[0]] = 0.0;
    m[AXES[1]] = 0.0;
    m
}

impl LossSlice {
    /// The slice for `run`'s current state.
    #[must_use]
    pub fn new(run: &TrainingRun) -> Self {
        let base = run.slice_base();
        let held = if run.last_step().is_some() {
            run.slice_at
        } else {
            SliceAt::Current
        };
        let end = pair(&run.weights());
        let start = run.last_step().map_or(end, |s| pair(&s.before.flat()));
        let (x, target) = (run.x, run.target);
        let mut slice = Self {
            base,
            x,
            target,
            start,
            end,
            held,
            plot: ContourPlot::new(&|_, _| 0.0, Domain::square(1.0), 1, ("", "")),
        };
        let domain = slice.fit_domain();
        slice.plot = ContourPlot::new(
            &|u, v| slice.loss_at([u, v]),
            domain,
            10,
            ("w₁⁽²⁾", "w₃⁽²⁾"),
        );
        slice
    }

    /// Brings the slice up to date with `run`. The surface is recomputed (and `true`
    /// returned) only if it changed — other held weights or another example — or a point left
    /// the region; moving the two axis weights, as a drag does, keeps it.
    pub fn refresh(&mut self, run: &TrainingRun) -> bool {
        let end = pair(&run.weights());
        let start = run.last_step().map_or(end, |s| pair(&s.before.flat()));
        let held = if run.last_step().is_some() {
            run.slice_at
        } else {
            SliceAt::Current
        };
        let base = run.slice_base();
        let same_surface =
            masked(&base) == masked(&self.base) && run.x == self.x && run.target == self.target;
        let d = self.domain();
        let inside = |p: [f64; 2]| p[0] >= d.x.0 && p[0] <= d.x.1 && p[1] >= d.y.0 && p[1] <= d.y.1;
        if same_surface && inside(start) && inside(end) {
            self.base = base;
            self.start = start;
            self.end = end;
            self.held = held;
            return false;
        }
        *self = Self::new(run);
        true
    }

    /// While `run` trains: moves the step's points along, keeping the surface where the
    /// training began (recomputing it every step would cost a whole frame, ~60 ms), unless a
    /// point left the region. True if the surface was recomputed.
    pub fn follow(&mut self, run: &TrainingRun) -> bool {
        let end = pair(&run.weights());
        let start = run.last_step().map_or(end, |s| pair(&s.before.flat()));
        let d = self.domain();
        let inside = |p: [f64; 2]| p[0] >= d.x.0 && p[0] <= d.x.1 && p[1] >= d.y.0 && p[1] <= d.y.1;
        if inside(start) && inside(end) {
            self.start = start;
            self.end = end;
            return false;
        }
        *self = Self::new(run);
        true
    }

    /// The loss on the slice at (w₁⁽²⁾, w₃⁽²⁾) = `p`.
    #[must_use]
    pub fn loss_at(&self, p: [f64; 2]) -> f64 {
        let mut w = self.base;
        w[AXES[0]] = p[0];
        w[AXES[1]] = p[1];
        Network::from_flat(&w).map_or(f64::NAN, |n| n.loss(self.x, self.target))
    }

    /// The valley a·u + b·v = c where ŷ = y* on the slice (u = w₁⁽²⁾, v = w₃⁽²⁾), or `None`
    /// when both hidden activations on the axes are zero and the slice is flat.
    #[must_use]
    pub fn valley(&self) -> Option<[f64; 3]> {
        let net = Network::from_flat(&self.base)?;
        let f = net.forward(self.x, self.target);
        let (a, b) = (f.h[0], f.h[2]);
        if a == 0.0 && b == 0.0 {
            return None;
        }
        Some([a, b, self.target - net.w2[1] * f.h[1]])
    }

    /// A square region around the step's two ends and the nearest point of the valley, at
    /// least 1.2 wide.
    fn fit_domain(&self) -> Domain {
        let mut pts = vec![self.start, self.end];
        if let Some([a, b, c]) = self.valley() {
            let r = (a * self.start[0] + b * self.start[1] - c) / (a * a + b * b);
            pts.push([self.start[0] - r * a, self.start[1] - r * b]);
        }
        let finite: Vec<[f64; 2]> = pts
            .into_iter()
            .filter(|p| p[0].is_finite() && p[1].is_finite())
            .collect();
        let lo = |k: usize| finite.iter().map(|p| p[k]).fold(f64::INFINITY, f64::min);
        let hi = |k: usize| {
            finite
                .iter()
                .map(|p| p[k])
                .fold(f64::NEG_INFINITY, f64::max)
        };
        let (cx, cy) = ((lo(0) + hi(0)) / 2.0, (lo(1) + hi(1)) / 2.0);
        let side = ((hi(0) - lo(0)).max(hi(1) - lo(1)) * 1.5).max(1.2);
        let half = side / 2.0;
        if !(cx.is_finite() && cy.is_finite() && half.is_finite()) {
            return Domain::square(1.0);
        }
        Domain {
            x: (cx - half, cx + half),
            y: (cy - half, cy + half),
        }
    }

    /// The region shown.
    #[must_use]
    pub fn domain(&self) -> Domain {
        self.plot.domain()
    }

    /// Where the other four weights are held.
    #[must_use]
    pub fn held(&self) -> SliceAt {
        self.held
    }

    /// The state for `data-state`.
    #[must_use]
    pub fn state(&self, run: &TrainingRun) -> State {
        State {
            kind: "loss-slice",
            step: run.step_count(),
            weights: run.weights().to_vec(),
            loss: run.network().loss(run.x, run.target),
            axes: ["w1_2", "w3_2"],
            start: self.start,
            end: self.end,
            held: match self.held {
                SliceAt::StepStart => "step-start",
                SliceAt::Current => "current",
            },
            base: self.base.to_vec(),
            slice_loss_at_end: self.loss_at(self.end),
        }
    }

    /// The canvas height for a canvas `width` device pixels wide (equal axis scales).
    #[must_use]
    pub fn height_for_width(&self, width: u32, scale: f64) -> u32 {
        self.plot.height_for_width(width, scale)
    }

    /// The colour fill of the plot area as RGBA rows.
    #[must_use]
    pub fn fill_rgba(&self, area: &PlotArea, width: usize, height: usize) -> Vec<u8> {
        match self.coefficients() {
            Some(c) => {
                self.plot
                    .fill_rgba(|u, v| slice_loss(c, self.target, u, v), area, width, height)
            }
            None => self
                .plot
                .fill_rgba(|u, v| self.loss_at([u, v]), area, width, height),
        }
    }

    /// The slice's loss as a function of its two axis weights, which are output weights:
    /// ŷ = (u·h₁ + w₂⁽²⁾h₂) + v·h₃ with the hidden activations fixed. Returns [h₁, w₂⁽²⁾h₂, h₃]
    /// (the network's own products, summed in its order, so [`slice_loss`] equals
    /// [`Self::loss_at`] to the bit) — one forward pass for a whole heat map.
    #[must_use]
    pub fn coefficients(&self) -> Option<[f64; 3]> {
        let net = Network::from_flat(&self.base)?;
        let f = net.forward(self.x, self.target);
        // AXES are w⁽²⁾₁ and w⁽²⁾₃: flat indices 3 and 5.
        (f.h.len() == 3 && AXES == [3, 5]).then(|| [f.h[0], net.w2[1] * f.h[1], f.h[2]])
    }

    /// The point of the slice under a pixel, clamped into the region, or `None` if the pixel
    /// is more than `slack` pixels off the plot.
    #[must_use]
    pub fn point_at(&self, area: &PlotArea, px: f64, py: f64, slack: f64) -> Option<[f64; 2]> {
        area.contains(px, py, slack)
            .then(|| self.domain().clamp(area.to_data(px, py)))
    }
}

impl OnContours for LossSlice {
    fn plot(&self) -> &ContourPlot {
        &self.plot
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        self.loss_at([x, y])
    }

    fn draw_static<B: DrawingBackend>(&self, root: &Root<B>, area: &PlotArea, scale: f64) -> Drawn {
        let Some([a, b, c]) = self.valley() else {
            return Ok(());
        };
        let d = self.domain();
        // Clip a·u + b·v = c to the region: intersect with the four edges.
        let mut pts = Vec::new();
        for u in [d.x.0, d.x.1] {
            if b != 0.0 {
                let v = (c - a * u) / b;
                if v >= d.y.0 && v <= d.y.1 {
                    pts.push([u, v]);
                }
            }
        }
        for v in [d.y.0, d.y.1] {
            if a != 0.0 {
                let u = (c - b * v) / a;
                if u >= d.x.0 && u <= d.x.1 {
                    pts.push([u, v]);
                }
            }
        }
        if pts.len() < 2 {
            return Ok(());
        }
        let (p, q) = (area.to_pixel(pts[0]), area.to_pixel(pts[1]));
        let style = ShapeStyle::from(&style::INK.mix(0.8)).stroke_width(px(1.8, scale));
        draw::dashed(root, p, q, style, 9.0 * scale, 6.0 * scale)?;
        // Label the valley near its upper end, inside the plot, below the caption in its
        // top-left corner (two lines on a narrow plot).
        let top = if p.1 < q.1 { p } else { q };
        let other = if p.1 < q.1 { q } else { p };
        let lines = [HELD_AT_START, HELD_AT_CURRENT]
            .iter()
            .map(|(head, tail)| {
                held_lines(
                    head,
                    tail,
                    |t| draw::measure(root, t, 12.0, scale),
                    held_room(area, scale),
                )
                .len()
            })
            .max()
            .unwrap_or(1);
        let caption_bottom = area.top + 10.0 * scale + 16.0 * scale * lines as f64;
        let want = caption_bottom + 4.0 * scale + 12.0 * scale * 0.625;
        let t = if other.1 > top.1 + 1.0 {
            ((want - top.1) / (other.1 - top.1)).clamp(0.12, 0.5)
        } else {
            0.12
        };
        let at = (top.0 + (other.0 - top.0) * t, top.1 + (other.1 - top.1) * t);
        draw::label(
            root,
            "valley: ŷ = y*",
            (at.0 + 50.0 * scale, at.1),
            12.0,
            style::INK,
            scale,
        )?;
        Ok(())
    }

    fn draw_moving<B: DrawingBackend>(&self, root: &Root<B>, area: &PlotArea, scale: f64) -> Drawn {
        let (head, tail) = match self.held {
            SliceAt::StepStart => HELD_AT_START,
            SliceAt::Current => HELD_AT_CURRENT,
        };
        let font = style::font(12.0, scale);
        let (x0, y0) = (area.left + 6.0 * scale, area.top + 6.0 * scale);
        // On one line where the plot is wide enough, else on two.
        let lines = held_lines(
            head,
            tail,
            |t| draw::measure(root, t, 12.0, scale),
            held_room(area, scale),
        );
        let tw = lines
            .iter()
            .map(|t| draw::measure(root, t, 12.0, scale))
            .fold(0.0, f64::max);
        let line_h = 16.0 * scale;
        root.draw(&Rectangle::new(
            [
                (x0 as i32, y0 as i32),
                (
                    (x0 + tw + 10.0 * scale) as i32,
                    (y0 + 4.0 * scale + line_h * lines.len() as f64) as i32,
                ),
            ],
            ShapeStyle::from(&WHITE.mix(0.85)).filled(),
        ))?;
        for (i, line) in lines.iter().enumerate() {
            root.draw(&Text::new(
                line.clone(),
                (
                    (x0 + 5.0 * scale) as i32,
                    (y0 + 4.0 * scale + line_h * i as f64) as i32,
                ),
                font.clone(),
            ))?;
        }

        let (s, e) = (area.to_pixel(self.start), area.to_pixel(self.end));
        let dot = |c: (f64, f64), color: RGBColor| {
            draw::dot(
                root,
                (c.0.round() as i32, c.1.round() as i32),
                7.0,
                5.5,
                color,
                scale,
            )
        };
        if self.start == self.end {
            dot(e, style::POINT)?;
        } else {
            draw::arrow(root, s, e, style::INK, 2.2, scale)?;
            dot(s, RGBColor(0xd0, 0x21, 0x2f))?;
            dot(e, style::GRADIENT)?;
        }
        Ok(())
    }
}

/// The `loss-slice` widget: the slice with the last step drawn on it; dragging on it (or the
/// arrow keys) sets the two axis weights; its own buttons step, reset and re-slice.
#[derive(Clone, Debug)]
pub struct LossSliceWidget {
    run: TrainingRun,
    slice: LossSlice,
    /// `data-held`, applied to the group's run when joining one.
    held: Option<SliceAt>,
    /// Bumped when the surface is recomputed (the static layer).
    revision: u64,
    /// *Train*.
    trainer: Trainer,
}

impl LossSliceWidget {
    /// The widget showing `run`.
    #[must_use]
    pub fn new(run: TrainingRun, held: Option<SliceAt>) -> Self {
        Self {
            slice: LossSlice::new(&run),
            run,
            held,
            revision: 0,
            trainer: Trainer::default(),
        }
    }

    /// Reads the run's options and `data-held`.
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        let mut run = TrainingRun::new(RunConfig::from_options(opts)?);
        let held = held_option(opts)?;
        if let Some(h) = held {
            run.slice_at = h;
        }
        Ok(Self::new(run, held))
    }

    /// The article's picture: the slice after the worked example's one step.
    #[must_use]
    pub fn article() -> Self {
        let mut run = TrainingRun::new(RunConfig::default());
        run.step();
        Self::new(run, None)
    }

    /// The slice.
    #[must_use]
    pub fn slice(&self) -> &LossSlice {
        &self.slice
    }

    /// The run.
    #[must_use]
    pub fn run(&self) -> &TrainingRun {
        &self.run
    }

    /// Brings the slice up to date with the run (while it trains, only its points: the
    /// surface is sliced again when training stops).
    fn refresh(&mut self) {
        let recomputed = if self.run.training {
            self.slice.follow(&self.run)
        } else {
            self.slice.refresh(&self.run)
        };
        if recomputed {
            self.revision += 1;
        }
    }

    /// Sets w₁⁽²⁾ and w₃⁽²⁾ to the slice point `p` (a new start for the run).
    fn set_axes(&mut self, p: [f64; 2]) {
        let mut w = self.run.weights();
        w[AXES[0]] = p[0];
        w[AXES[1]] = p[1];
        self.run.set_weights(&w);
    }
}

impl Widget for LossSliceWidget {
    fn layout(&self) -> Vec<Part> {
        vec![
            Part::Canvas(widget::canvas("plot", "Loss slice", Paint::Filled)),
            widget::toolbar(vec![
                widget::button("train", "Train", false),
                widget::button("step", "Step SGD", true),
                widget::button("reset", "Reset", false),
                widget::button("reslice", "Slice at the current weights", false),
            ]),
            widget::text("summary", "gdviz-summary", ""),
            Part::Live,
        ]
    }

    fn height(&self, _canvas: usize, width: u32, ratio: f64) -> u32 {
        self.slice.height_for_width(width, ratio)
    }

    fn draw<B: DrawingBackend>(&self, root: &Root<B>, pass: Pass<'_>) -> Drawn<Option<PlotArea>> {
        let Pass {
            layer, fill, ratio, ..
        } = pass;
        self.slice.draw(root, layer, fill, ratio).map(Some)
    }

    fn fill(&self, _canvas: usize, area: &PlotArea, width: usize, height: usize) -> Vec<u8> {
        self.slice.fill_rgba(area, width, height)
    }

    /// The level lines, traced ahead.
    fn warm(&self) {
        let _ = OnContours::plot(&self.slice).lines();
    }

    fn warms(&self) -> bool {
        true
    }

    fn revision(&self, _canvas: usize) -> u64 {
        self.revision
    }

    /// SGD steps while training.
    fn tick(&mut self, env: &Env<'_>) -> Outcome {
        let out = self.trainer.tick(&mut self.run, env);
        if out == Outcome::Shared {
            self.refresh();
        }
        out
    }

    fn input(&mut self, input: &Input<'_>, env: &Env<'_>) -> Outcome {
        let acts = match *input {
            Input::Click("step" | "reset") => true,
            Input::Press(p) => p.area.is_some(),
            Input::Drag(_) => true,
            Input::Key { key, .. } => key.starts_with("Arrow"),
            _ => false,
        };
        if acts {
            self.trainer.take_over(&mut self.run);
        }
        match *input {
            Input::Click("train") => self.trainer.toggle(&mut self.run, env),
            Input::Click("step") => {
                self.run.step();
            }
            Input::Click("reset") => self.run.reset(),
            Input::Click("reslice") => {
                self.run.slice_at = match self.run.slice_at {
                    SliceAt::StepStart => SliceAt::Current,
                    SliceAt::Current => SliceAt::StepStart,
                };
            }
            Input::Press(p) => {
                let Some(point) = p
                    .area
                    .and_then(|a| self.slice.point_at(&a, p.x, p.y, 6.0 * p.ratio))
                else {
                    return Outcome::Ignored;
                };
                self.set_axes(point);
            }
            Input::Drag(p) => {
                let Some(a) = p.area else {
                    return Outcome::Ignored;
                };
                self.set_axes(self.slice.domain().clamp(a.to_data(p.x, p.y)));
            }
            // Arrows move the point by 1% of the slice's width (Shift: 10%).
            Input::Key { key, shift, .. } => {
                let d = self.slice.domain();
                let step = (d.x.1 - d.x.0) * if shift { 0.1 } else { 0.01 };
                let w = self.run.weights();
                let here = [w[AXES[0]], w[AXES[1]]];
                let p = match key {
                    "ArrowLeft" => [here[0] - step, here[1]],
                    "ArrowRight" => [here[0] + step, here[1]],
                    "ArrowUp" => [here[0], here[1] + step],
                    "ArrowDown" => [here[0], here[1] - step],
                    _ => return Outcome::Ignored,
                };
                self.set_axes(d.clamp(p));
            }
            _ => return Outcome::Ignored,
        }
        self.refresh();
        Outcome::Shared
    }

    fn ui(&self, ui: &mut Ui) {
        let run = &self.run;
        let state = self.slice.state(run);
        let text = match run.last_step() {
            None => format!(
                "Step {}. The point is (w₁⁽²⁾, w₃⁽²⁾) = ({}, {}) with loss {}; drag it to move those two weights, or take a step.",
                state.step,
                sig(state.end[0], 6),
                sig(state.end[1], 6),
                sig(state.loss, 10)
            ),
            Some(_) if run.training => format!(
                "Step {}, training. While it trains the slice stays where training began (the other four weights as they were then) and the dots move on it; it is sliced again when training stops. The true loss now is {}.",
                state.step,
                sig(state.loss, 10)
            ),
            Some(_) if state.held == "step-start" => format!(
                "Step {}. The step went from the red dot ({}, {}) to the green dot ({}, {}). This slice holds the other four weights where the step started, so it shows the loss at the green dot as {}; the true loss after the step is {}, because the first-layer weights moved too.",
                state.step,
                sig(state.start[0], 6),
                sig(state.start[1], 6),
                sig(state.end[0], 6),
                sig(state.end[1], 6),
                sig(state.slice_loss_at_end, 10),
                sig(state.loss, 10)
            ),
            Some(_) => format!(
                "Step {}. Sliced at the current weights: the green dot's loss on this slice, {}, is the true loss. The red dot is where the step started, on a slice that has since moved.",
                state.step,
                sig(state.loss, 10)
            ),
        };
        ui.text(
            "reslice",
            match run.slice_at {
                SliceAt::StepStart => "Slice at the current weights",
                SliceAt::Current => "Slice where the step started",
            },
        )
        .disabled("reslice", run.last_step().is_none())
        .disabled("step", run.diverged_at().is_some())
        .label("plot", format!("Loss over w₁⁽²⁾ and w₃⁽²⁾ with a dashed valley where the prediction equals the target. {text}"))
        .text("summary", text.clone());
        let training = self.trainer.training(run);
        ui.playing("train", "Train", training).state(&WithPlaying {
            state: &state,
            playing: training,
        });
        // While training (here or in the group), only its start and end are spoken.
        match self.trainer.said(run) {
            Some(said) => {
                ui.live(said);
            }
            None if !training => {
                ui.live(text);
            }
            None => {}
        }
    }

    fn url_options(&self) -> Vec<(&'static str, String)> {
        url_options(&self.run)
    }

    fn shared(&self) -> Option<Shared> {
        Some(Shared::Run(Box::new(self.run.clone())))
    }

    fn stop(&mut self) -> bool {
        self.trainer.stop_here(&mut self.run)
    }

    fn receive(&mut self, shared: &Shared) -> bool {
        if let Shared::Run(r) = shared {
            self.run = (**r).clone();
            self.trainer.received(&self.run);
            self.refresh();
        }
        false
    }

    /// Takes the group's run, then applies its own `data-held` to it.
    fn join(&mut self, existing: &[Shared]) -> bool {
        for s in existing {
            if let Shared::Run(r) = s {
                self.run = (**r).clone();
            }
        }
        if let Some(h) = self.held {
            self.run.slice_at = h;
        }
        self.slice = LossSlice::new(&self.run);
        self.revision += 1;
        self.held.is_some()
    }
}

/// The caption when the slice is held where the step started, in two halves.
const HELD_AT_START: (&str, &str) = ("other 4 weights held", "where the step started");
/// The caption when the slice is held at the current weights, in two halves.
const HELD_AT_CURRENT: (&str, &str) = ("other 4 weights held", "at their current values");

/// The width the caption's text may take in the plot's top-left corner.
fn held_room(area: &PlotArea, scale: f64) -> f64 {
    area.right - area.left - 18.0 * scale
}

/// The caption saying where the other weights are held: `head` and `tail` on one line if it
/// is at most `room` pixels wide (text measured by `width`), else on two.
fn held_lines(head: &str, tail: &str, width: impl Fn(&str) -> f64, room: f64) -> Vec<String> {
    let one = format!("{head} {tail}");
    if width(&one) <= room {
        vec![one]
    } else {
        vec![head.to_owned(), tail.to_owned()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_held_caption_wraps_where_the_plot_is_narrow() {
        let width = |t: &str| crate::figures::draw::text_width(t, 12.0);
        let (head, tail) = ("other 4 weights held", "at their current values");
        assert_eq!(held_lines(head, tail, width, 600.0).len(), 1);
        let lines = held_lines(head, tail, width, 250.0);
        assert_eq!(lines, vec![head.to_owned(), tail.to_owned()]);
        assert!(lines.iter().all(|l| width(l) <= 250.0));
    }
    use crate::figures::training::RunConfig;

    #[test]
    fn the_heat_maps_closed_form_is_the_networks_loss_to_the_bit() {
        let mut run = TrainingRun::new(RunConfig::default());
        run.step();
        let slice = LossSlice::new(&run);
        let c = slice.coefficients().unwrap();
        // Hand: the slice holds the step's start, first layer (0.5, −0.3, 0.8) and x = 2, so
        // h = (1.0, 0, 1.6) and w₂⁽²⁾h₂ = 0.
        assert!((c[0] - 1.0).abs() < 1e-15 && c[1] == 0.0 && (c[2] - 1.6).abs() < 1e-15);
        for k in 0..200 {
            let (u, v) = (f64::from(k) * 0.037 - 3.0, 2.5 - f64::from(k) * 0.021);
            assert_eq!(
                slice_loss(c, slice.target, u, v),
                slice.loss_at([u, v]),
                "({u}, {v})"
            );
        }
    }

    #[test]
    fn the_articles_slice_and_step() {
        let mut run = TrainingRun::new(RunConfig::default());
        let before = LossSlice::new(&run);
        assert_eq!(before.state(&run).start, before.state(&run).end);
        // Valley: 1.0·w₁⁽²⁾ + 1.6·w₃⁽²⁾ = 1 (h₂ = 0, so w₂⁽²⁾ drops out).
        let [a, b, c] = before.valley().unwrap();
        assert!((a - 1.0).abs() < 1e-12 && (b - 1.6).abs() < 1e-12 && (c - 1.0).abs() < 1e-12);
        run.step();
        let slice = LossSlice::new(&run);
        let s = slice.state(&run);
        assert_eq!(s.start, [0.4, 0.2]);
        assert!((s.end[0] - 0.456).abs() < 1e-12 && (s.end[1] - 0.2896).abs() < 1e-12);
        assert_eq!(s.held, "step-start");
        // On the slice the first-layer weights are still (0.5, −0.3, 0.8): ŷ = 0.456 + 0.2896·1.6.
        let slice_yhat = 0.456 + 0.2896 * 1.6;
        assert!((s.slice_loss_at_end - (slice_yhat - 1.0f64).powi(2)).abs() < 1e-15);
        // The true loss after the step differs: the first layer moved too.
        assert!((s.loss - 0.000_718_686_021_222_4).abs() < 1e-15);
        assert!(
            (s.slice_loss_at_end - 0.080_64f64.powi(2)).abs() < 1e-15,
            "{}",
            s.slice_loss_at_end
        );
        assert!(s.slice_loss_at_end > 5.0 * s.loss);
        // Both ends inside the region shown.
        let d = slice.domain();
        for p in [s.start, s.end] {
            assert!(p[0] > d.x.0 && p[0] < d.x.1 && p[1] > d.y.0 && p[1] < d.y.1);
        }
        let mut slice = slice;
        assert!(!slice.refresh(&run), "nothing changed");
        // Setting a weight restarts the run, so the slice moves to the current weights…
        run.set_weight(3, 0.5);
        assert!(slice.refresh(&run));
        assert_eq!(slice.state(&run).held, "current");
        // …after which moving the two axis weights inside the region (a drag) keeps the surface.
        run.set_weight(5, 0.3);
        assert!(!slice.refresh(&run));
        assert_eq!(slice.state(&run).end, [0.5, 0.3]);
        // Changing a held weight changes the surface.
        run.set_weight(0, 0.7);
        assert!(slice.refresh(&run));
        run.step();
        run.slice_at = SliceAt::Current;
        assert!(
            slice.refresh(&run),
            "re-slicing at the current weights changes the held weights"
        );
        let resliced = LossSlice::new(&run);
        assert_eq!(
            resliced.state(&run).slice_loss_at_end,
            resliced.state(&run).loss
        );
    }
}
