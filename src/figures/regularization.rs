//! `regularization`: why an L1 constraint gives sparse weights and an L2 one does not. The
//! same quadratic loss L(w) = ½ (w − c)ᵀ A (w − c) in two panels, one constrained to the L1
//! ball ‖w‖₁ ≤ t (a diamond), the other to the L2 ball ‖w‖₂ ≤ t (a circle); each marks its
//! constrained optimum and the level curve through it, which touches the ball there. The
//! diamond's corners sit on the axes, so its optimum often lands on one, with a weight exactly
//! zero. Under the panels, the regularisation paths: each weight against t for both balls.
//!
//! The reader drags c (either panel, or the arrow keys), sets t with a log-scale slider or by
//! dragging along the paths chart, and *Play* sweeps t upward until the constraint no
//! longer binds.

use super::draw;
use super::format::num;
use super::json::{Fields, Object};
use super::motion::{Player, WithPlaying};
use super::options::{self, OptionError, OptionErrorKind, Options};
use super::plot_area::PlotArea;
use super::point::MovablePoint;
use super::style::{self, px};
use super::widget::{self, Env, Input, Outcome, Paint, Part, Pass, Pointer, Ui, Widget};
use super::{DrawError, Layer};
use super::{Drawn, Root};
use crate::math::functions::Domain;
use crate::math::regularization::{Ball, Constrained, Invalid, Quadratic};
use plotters::prelude::*;
use std::rc::Rc;

/// The constrained optima, their level curves and their readouts (purple, as in `norms`).
pub const OPTIMUM: RGBColor = RGBColor(0x7b, 0x2d, 0xbf);
/// w₁'s path.
pub const W1: RGBColor = RGBColor(0x1f, 0x5f, 0xbf);
/// w₂'s path.
pub const W2: RGBColor = RGBColor(0x0f, 0x8a, 0x3c);

/// The defaults: elongated, tilted level curves (eigenvalues ≈ 0.19 and 1.31) around
/// c = (2, 1), where at t = 1.2 the diamond's optimum is its corner (1.2, 0) and the
/// circle's keeps both weights.
const DEFAULT_A: [f64; 3] = [1.0, 0.5, 0.5];
const DEFAULT_C: [f64; 2] = [2.0, 1.0];
const DEFAULT_T: f64 = 1.2;

/// The largest |cᵢ| and diagonal entry accepted.
const MAX_CENTER: f64 = 100.0;
const MAX_DIAGONAL: f64 = 1000.0;

/// The slider's range is t from VIEW/100 to 2·VIEW: past ‖c‖₁ for any c in the view.
const T_MIN_FRACTION: f64 = 0.01;
const T_MAX_FACTOR: f64 = 2.0;

/// One sweep of *Play*, from the slider's low end to its end, takes this long (ms).
pub const SWEEP_MS: f64 = 6000.0;

/// The slider's id.
const SLIDER: &str = "t";

/// The slider's step in log₁₀ t.
const SLIDER_STEP: f64 = 0.005;

/// The two balls, in panel order.
const BALLS: [Ball; 2] = [Ball::L1, Ball::L2];

/// One optimum in `data-state`.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimumState {
    /// The optimal weights.
    pub w: [f64; 2],
    /// L(w).
    pub loss: f64,
    /// True when the constraint binds.
    pub active: bool,
    /// Indices of the weights that are exactly 0.
    pub zero: Vec<usize>,
}

impl Fields for OptimumState {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("w", &self.w)
            .field("loss", &self.loss)
            .field("active", &self.active)
            .field("zero", &self.zero);
    }
}

impl From<&Constrained> for OptimumState {
    fn from(c: &Constrained) -> Self {
        Self {
            w: c.w,
            loss: c.loss,
            active: c.active,
            zero: c.zero.clone(),
        }
    }
}

/// What `data-state` reports.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Always `"regularization"`.
    pub kind: &'static str,
    /// A as [[a, b], [b, d]].
    pub a: [[f64; 2]; 2],
    /// c, the unconstrained optimum.
    pub center: [f64; 2],
    /// The radius t.
    pub t: f64,
    /// The optimum over the L1 ball.
    pub l1: OptimumState,
    /// The optimum over the L2 ball.
    pub l2: OptimumState,
}

impl Fields for State {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("kind", &self.kind)
            .field("a", &self.a)
            .field("center", &self.center)
            .field("t", &self.t)
            .field("l1", &self.l1)
            .field("l2", &self.l2);
    }
}

/// The `regularization` widget.
#[derive(Clone, Debug)]
pub struct RegularizationWidget {
    q: Quadratic,
    t: f64,
    /// Half the side of the square the panels show, [−view, view]².
    view: f64,
    player: Player,
    /// True when Pause stopped a sweep midway: Play goes on from there (else it starts over).
    resume: bool,
    /// What the live region says about the sweep.
    said: Option<String>,
    /// The last [`chart_frame`](Self::chart_frame), for the loss and view it was made for:
    /// a frame asks for it more than once (the chart's revision, its layers), and the L2
    /// path is a root find per sample.
    frame_cache: std::cell::RefCell<Option<(ChartKey, Rc<ChartFrame>)>>,
    /// Both optima and their coordinates as text, for the loss and t they were found for
    /// (see [`optimum`](Self::optimum) and [`coordinates`](Self::coordinates)).
    optima: std::cell::RefCell<Option<Optima>>,
    /// The panel a drag of c started on (it follows that panel's mapping until released).
    dragging: Option<usize>,
    /// While c is dragged, the paths chart's t range and weight range only grow (to hold
    /// the paths), so its axes, a cached layer, stay put instead of following every step of
    /// the pointer; the release fits them to c again.
    held: Option<(f64, f64, f64)>,
    /// The legend's rows above the paths chart as its static layer last measured them, for
    /// that canvas width and scale (measuring its four entries is text work every frame
    /// would repeat).
    legend_rows: std::cell::Cell<Option<(u32, u64, usize)>>,
    /// The level curve's offsets from c (r = 1) on each number of points asked for, for
    /// the matrix A (its bits) they were made for: they do not depend on c, so a drag of c
    /// reuses them.
    shapes: std::cell::RefCell<Option<([u64; 3], Shapes)>>,
    /// Both balls' outlines and clipped fills in a panel's pixels, for the t (its bits) and
    /// plot area they were made for: a drag of c changes neither.
    balls: std::cell::RefCell<Option<Balls>>,
    /// Widths of the overlay's labels ("c", "t = …") as the canvas measured them, by text,
    /// size and scale (bits): a drag repeats the same few, and each measure is text work.
    widths: std::cell::RefCell<Vec<(String, u64, u64, f64)>>,
}

/// The level curve r = √(2L) = 1 less its centre (its points for c = 0), by its number
/// of points, made once for A (each point a cosine and a sine).
type Shapes = Vec<(usize, Rc<Vec<[f64; 2]>>)>;

/// Largest distance, in device pixels, between a level line's polygon and its ellipse.
const LINE_TOLERANCE: f64 = 0.5;

/// The most points a level line takes (its polygon then strays up to 0.8 px from a ring
/// whose long half-axis is 1,500 px: thin and translucent, it shows no corners).
const LINE_POINTS: usize = 96;

/// The same tolerance for the curves through the optima (drawn thicker, and bounding the
/// tint).
const CURVE_TOLERANCE: f64 = 0.25;

/// The most points a curve through an optimum takes.
const CURVE_POINTS: usize = 240;

/// The points a level curve's polygon needs so that no chord strays more than `tolerance`
/// device pixels from its ellipse, whose semi-major axis is `radius` device pixels (a chord
/// over the parametric angle 2π/n strays at most radius·π²/(2n²)); rounded up to a
/// multiple of 8 (few distinct shapes to keep), at least 16 and at most `most`.
fn points_for(radius: f64, tolerance: f64, most: usize) -> usize {
    let n = std::f64::consts::PI * (radius / (2.0 * tolerance)).sqrt();
    if n.is_finite() && n >= 0.0 {
        // Capped before the conversion: a ring 10²⁰ px across must not wrap around.
        ((n.min(most as f64) / 8.0).ceil() as usize * 8).clamp(16, most)
    } else {
        most
    }
}

/// [`points_for`] when `fit`, else `most` (see [`RegularizationWidget::common`]).
fn fitted(fit: bool, radius: f64, tolerance: f64, most: usize) -> usize {
    if fit {
        points_for(radius, tolerance, most)
    } else {
        most
    }
}

/// A ball's outline in a panel's pixels and its fill, clipped to the plot.
type BallPixels = (Pixels, Vec<(i32, i32)>);

/// Both balls' [`BallPixels`] and the t (its bits) and plot area they were made for.
type Balls = (u64, PlotArea, Rc<[BallPixels; 2]>);

/// Both optima, their coordinates as text ("(w₁, w₂)": a frame shows each three times, in
/// the readout, the summary and the panels' label), and the loss and t (its bits) they were
/// found for.
type Optima = ((Quadratic, u64), [Constrained; 2], [String; 2]);

/// What a [`ChartFrame`] is computed from: the loss, the view and the held ranges.
type ChartKey = (Quadratic, u64, Option<[u64; 3]>);

/// The paths chart's t range, both paths and its weight range (see
/// [`RegularizationWidget::chart_frame`]).
type ChartFrame = (f64, Vec<Path>, (f64, f64));

impl Default for RegularizationWidget {
    fn default() -> Self {
        Self::article()
    }
}

/// The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ᵏ at least `v` (> 0).
fn nice_ceil(v: f64) -> f64 {
    let p = 10f64.powf(v.log10().floor());
    [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&x| x >= v * (1.0 - 1e-12))
        .unwrap_or(10.0 * p)
}

/// `v` rounded to `digits` significant digits.
fn round_sig(v: f64, digits: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let p = 10f64.powi(digits - 1 - v.abs().log10().floor() as i32);
    (v * p).round() / p
}

/// The view's half-width for a centre: 3, or more so that c sits well inside.
fn view_for(c: [f64; 2]) -> f64 {
    nice_ceil((1.25 * c[0].abs().max(c[1].abs())).max(3.0))
}

impl RegularizationWidget {
    /// The widget for loss `q` at radius `t` (clamped into the slider's range).
    #[must_use]
    pub fn new(q: Quadratic, t: f64) -> Self {
        let view = view_for(q.center());
        let mut w = Self {
            q,
            t: 1.0,
            view,
            player: Player::default(),
            resume: false,
            said: None,
            frame_cache: std::cell::RefCell::new(None),
            optima: std::cell::RefCell::new(None),
            dragging: None,
            held: None,
            legend_rows: std::cell::Cell::new(None),
            shapes: std::cell::RefCell::new(None),
            balls: std::cell::RefCell::new(None),
            widths: std::cell::RefCell::new(Vec::new()),
        };
        w.set_t(t);
        w
    }

    /// The defaults.
    #[must_use]
    pub fn article() -> Self {
        let [a, b, d] = DEFAULT_A;
        match Quadratic::new(a, b, d, DEFAULT_C) {
            Ok(q) => Self::new(q, DEFAULT_T),
            Err(_) => unreachable!("the default matrix is positive definite"),
        }
    }

    /// Reads `data-x`, `data-y` (c), `data-t`, `data-a`, `data-b`, `data-d` (A).
    ///
    /// # Errors
    /// The first unusable option; a matrix that is not positive definite names `data-b` when
    /// it is given (else whichever of `data-a`, `data-d` is).
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        let raw = |key: &str, default: f64| opts.get(key).unwrap_or_else(|| default.to_string());
        let range = |key: &str, v: f64, ok: bool, what: &str| {
            if ok {
                Ok(v)
            } else {
                Err(OptionError::new(
                    key,
                    &raw(key, v),
                    OptionErrorKind::OutOfRange(what.to_owned()),
                ))
            }
        };
        let x = options::number(opts, "data-x", DEFAULT_C[0])?;
        let x = range(
            "data-x",
            x,
            x.abs() <= MAX_CENTER,
            "a coordinate from −100 to 100",
        )?;
        let y = options::number(opts, "data-y", DEFAULT_C[1])?;
        let y = range(
            "data-y",
            y,
            y.abs() <= MAX_CENTER,
            "a coordinate from −100 to 100",
        )?;
        let a = options::number(opts, "data-a", DEFAULT_A[0])?;
        let b = options::number(opts, "data-b", DEFAULT_A[1])?;
        let d = options::number(opts, "data-d", DEFAULT_A[2])?;
        for (key, v) in [("data-a", a), ("data-d", d)] {
            range(
                key,
                v,
                v <= MAX_DIAGONAL,
                "at most 1000 (A = [[a, b], [b, d]] must be positive definite: a > 0, d > 0, a·d − b² > 0)",
            )?;
        }
        let q = Quadratic::new(a, b, d, [x, y]).map_err(|e| {
            let key = match e {
                Invalid::FirstPivot => "data-a",
                Invalid::LastPivot => "data-d",
                _ if opts.get("data-b").is_some() => "data-b",
                _ if opts.get("data-a").is_some() => "data-a",
                _ => "data-d",
            };
            let why = match e {
                Invalid::FirstPivot | Invalid::LastPivot => format!(
                    "a positive number: A = [[a, b], [b, d]] must be positive definite ({e})"
                ),
                _ => format!(
                    "A = [[{}, {}], [{}, {}]] is not positive definite: it needs a·d − b² > 0, that is |b| < √(a·d) = {}",
                    num(a, 4),
                    num(b, 4),
                    num(b, 4),
                    num(d, 4),
                    num((a * d).sqrt(), 4)
                ),
            };
            let default = match key {
                "data-a" => DEFAULT_A[0],
                "data-b" => DEFAULT_A[1],
                _ => DEFAULT_A[2],
            };
            OptionError::new(key, &raw(key, default), OptionErrorKind::OutOfRange(why))
        })?;
        let view = view_for([x, y]);
        let t = options::number(opts, "data-t", DEFAULT_T)?;
        let t_max = T_MAX_FACTOR * view;
        range(
            "data-t",
            t,
            t > 0.0 && t <= t_max,
            &format!("a radius above 0, at most {}", num(t_max, 3)),
        )?;
        let mut w = Self::new(q, t);
        w.t = t;
        Ok(w)
    }

    /// The loss.
    #[must_use]
    pub fn quadratic(&self) -> &Quadratic {
        &self.q
    }

    /// The radius t.
    #[must_use]
    pub fn t(&self) -> f64 {
        self.t
    }

    /// The slider's range of t: (lowest, highest).
    #[must_use]
    pub fn t_range(&self) -> (f64, f64) {
        (T_MIN_FRACTION * self.view, T_MAX_FACTOR * self.view)
    }

    /// Sets t, clamped into the slider's range (non-finite values are ignored).
    pub fn set_t(&mut self, t: f64) {
        if t.is_finite() {
            let (lo, hi) = self.t_range();
            self.t = t.clamp(lo, hi);
        }
    }

    /// Moves c (clamped to the view); true if it moved.
    pub fn set_center(&mut self, c: [f64; 2]) -> bool {
        let c = Domain::square(self.view).clamp(c);
        if c == self.q.center() {
            return false;
        }
        match self.q.with_center(c) {
            Ok(q) => {
                self.q = q;
                true
            }
            Err(_) => false,
        }
    }

    /// The optimum over `ball` at the current t (kept for the loss and t it was found for:
    /// a frame asks for each several times, for the panels, the chart, the readouts and
    /// `data-state`, and the L2 one is a root find).
    fn optimum(&self, ball: Ball) -> Constrained {
        self.solved(ball, |o, _| o.clone())
    }

    /// The optimum over `ball` at the current t as text, "(w₁, w₂)" to 3 decimals (kept
    /// with it).
    fn coordinates(&self, ball: Ball) -> String {
        self.solved(ball, |_, text| text.to_owned())
    }

    /// `f` of the optimum over `ball` at the current t and its coordinates as text, found
    /// (both balls at once) unless kept for this loss and t.
    fn solved<R>(&self, ball: Ball, f: impl FnOnce(&Constrained, &str) -> R) -> R {
        let key = (self.q, self.t.to_bits());
        let mut cache = self.optima.borrow_mut();
        let (_, optima, texts) = match cache.take() {
            Some(kept) if kept.0 == key => cache.insert(kept),
            _ => {
                let optima = BALLS.map(|ball| {
                    self.q
                        .optimum(ball, self.t)
                        .unwrap_or_else(|_| Constrained {
                            w: [0.0, 0.0],
                            loss: self.q.loss([0.0, 0.0]),
                            active: true,
                            multiplier: 0.0,
                            zero: vec![0, 1],
                        })
                });
                let texts = optima
                    .each_ref()
                    .map(|o| format!("({}, {})", num(o.w[0], 3), num(o.w[1], 3)));
                cache.insert((key, optima, texts))
            }
        };
        let k = usize::from(ball != Ball::L1);
        f(&optima[k], &texts[k])
    }

    /// The state for `data-state`.
    #[must_use]
    pub fn state(&self) -> State {
        State {
            kind: "regularization",
            a: self.q.matrix(),
            center: self.q.center(),
            t: self.t,
            l1: OptimumState::from(&self.optimum(Ball::L1)),
            l2: OptimumState::from(&self.optimum(Ball::L2)),
        }
    }

    /// Where *Play* stops: a little past ‖c‖₁, where neither constraint binds any more
    /// (within the slider's range).
    #[must_use]
    pub fn sweep_end(&self) -> f64 {
        let (lo, hi) = self.t_range();
        (1.1 * Ball::L1.norm(self.q.center())).clamp(lo, hi)
    }

    /// True while t sweeps.
    #[must_use]
    pub fn playing(&self) -> bool {
        self.player.playing()
    }

    /// Play or Pause. Play starts from the slider's low end, or goes on from where Pause
    /// stopped it; under reduced motion it goes straight to where the sweep ends.
    fn toggle(&mut self, env: &Env<'_>) {
        if self.player.playing() {
            self.player.pause();
            self.resume = true;
            self.said = Some(format!("Paused at t = {}.", num(self.t, 3)));
            return;
        }
        let end = self.sweep_end();
        if (env.reduced_motion)() {
            self.t = end;
            self.said = Some(format!(
                "t set to {}, the end of the sweep (motion is reduced): neither ball constrains c any more.",
                num(end, 3)
            ));
            return;
        }
        if !self.resume || self.t >= end {
            self.t = self.t_range().0;
        }
        self.resume = false;
        self.player.play();
        self.said = Some(format!(
            "Sweeping t up to {}: watch the diamond's optimum stay on an axis while the circle's leaves it.",
            num(end, 3)
        ));
    }

    /// The panel canvas's height for a backing `width` (a square plot under a two-line band).
    #[must_use]
    pub fn panel_height(width: u32, scale: f64) -> u32 {
        let [m, top, right, xl, yl] = PANEL_FRAME;
        let plot = width.saturating_sub(px(m, scale) + px(yl, scale) + px(right, scale));
        plot + px(top, scale) + px(m, scale) + px(xl, scale)
    }

    /// The paths chart's height for a backing `width`.
    #[must_use]
    pub fn chart_height(width: u32, scale: f64) -> u32 {
        (f64::from(width) * 0.4)
            .clamp(230.0 * scale, 300.0 * scale)
            .round() as u32
    }

    /// The t axis of the paths chart: 0 to a little past ‖c‖₁ (where both paths are flat).
    fn chart_t_max(&self) -> f64 {
        nice_ceil((1.15 * Ball::L1.norm(self.q.center())).max(self.t_range().0 * 10.0))
    }

    /// The panels' canvas height for a backing `width`: both panels side by side from
    /// [`SIDE_BY_SIDE`] CSS px on, else one above the other.
    #[must_use]
    pub fn panels_height(width: u32, scale: f64) -> u32 {
        let (_, y, _, h) = Self::panel_rect(width, scale, 1);
        y + h
    }

    /// Where panel `k` sits on the panels' canvas, `width` backing pixels wide: (x, y,
    /// width, height). Side by side the two share the width less a gap (as
    /// `.gdviz-panels` lays out canvases); narrower, each is as wide as the canvas and the
    /// second is under the first, a gap between them.
    fn panel_rect(width: u32, scale: f64, k: usize) -> (u32, u32, u32, u32) {
        let gap = px(PANEL_GAP, scale);
        let k = u32::from(k > 0);
        if f64::from(width) / scale >= SIDE_BY_SIDE {
            let side = width.saturating_sub(gap) / 2;
            (k * (side + gap), 0, side, Self::panel_height(side, scale))
        } else {
            let h = Self::panel_height(width, scale);
            (0, k * (h + gap), width, h)
        }
    }

    /// The plot area of a panel `w` × `h` backing pixels, in the panel's own pixels: where
    /// [`style::chart`] puts it with [`PANEL_FRAME`] (plotters maps the ranges' ends to the
    /// last pixel inside the plot, one short of its edge).
    fn plot_area(&self, w: u32, h: u32, scale: f64) -> PlotArea {
        let [m, top, right, xl, yl] = PANEL_FRAME;
        let v = self.view;
        PlotArea {
            left: f64::from(px(m, scale) + px(yl, scale)),
            right: f64::from(w.saturating_sub(px(right, scale) + 1)),
            top: f64::from(px(top, scale)),
            bottom: f64::from(h.saturating_sub(px(m, scale) + px(xl, scale) + 1)),
            x: (-v, v),
            y: (-v, v),
        }
    }

    /// The plot area of panel `k` (0: L1, 1: L2) on the panels' canvas `width` backing
    /// pixels wide, in the canvas's pixels.
    #[must_use]
    pub fn panel_area(&self, width: u32, scale: f64, k: usize) -> PlotArea {
        let (x, y, w, h) = Self::panel_rect(width, scale, k);
        self.plot_area(w, h, scale).offset((x as i32, y as i32))
    }

    /// The panel under a pointer on the panels' canvas (within `slack_css` of its plot) and
    /// its plot area.
    fn panel_at(&self, p: &Pointer, slack_css: f64) -> Option<(usize, PlotArea)> {
        (0..BALLS.len()).find_map(|k| {
            let a = self.panel_area(p.width, p.ratio, k);
            a.contains(p.x, p.y, slack_css * p.ratio).then_some((k, a))
        })
    }

    /// Draws both panels on one canvas ([`panel_rect`](Self::panel_rect)): one static layer
    /// to copy under each frame, one overlay, and what the two panels draw alike (the level
    /// lines, the axes, c) computed once.
    fn draw_panels<B: DrawingBackend>(&self, root: &Root<B>, layer: Layer, scale: f64) -> Drawn {
        let (width, _) = root.dim_in_pixel();
        let panels = [0, 1].map(|k| {
            let (x, y, w, h) = Self::panel_rect(width, scale, k);
            (root.clone().shrink((x, y), (w, h)), w, h)
        });
        if layer != Layer::Overlay {
            root.fill(&WHITE)?;
            for (k, (panel, _, _)) in panels.iter().enumerate() {
                self.draw_panel_background(panel, k, scale)?;
            }
        }
        if layer != Layer::Background {
            let (_, w, h) = panels[0];
            let area = self.plot_area(w, h, scale);
            let cached = layer == Layer::Overlay;
            let common = self.common(&area, scale, cached);
            let [(l1, _, _), (l2, _, _)] = &panels;
            self.draw_overlays(&[(l1, Ball::L1), (l2, Ball::L2)], &common, scale, cached)?;
        }
        Ok(())
    }

    /// Draws panel `k` (0: L1, 1: L2) alone on `root` (the SVG export's panels).
    fn draw_panel<B: DrawingBackend>(
        &self,
        root: &Root<B>,
        k: usize,
        layer: Layer,
        scale: f64,
    ) -> Drawn<PlotArea> {
        let (w, h) = root.dim_in_pixel();
        let area = self.plot_area(w, h, scale);
        if layer != Layer::Overlay {
            root.fill(&WHITE)?;
            self.draw_panel_background(root, k, scale)?;
        }
        if layer != Layer::Background {
            let common = self.common(&area, scale, layer == Layer::Overlay);
            self.draw_overlays(&[(root, BALLS[k])], &common, scale, false)?;
        }
        Ok(area)
    }

    /// A panel's static part: its axes, ticks and title.
    fn draw_panel_background<B: DrawingBackend>(
        &self,
        root: &Root<B>,
        k: usize,
        scale: f64,
    ) -> Drawn {
        let v = self.view;
        let mut chart = style::chart(root, scale, PANEL_FRAME, (-v..v, -v..v))?;
        let area = PlotArea::from_chart(root, &chart, (-v, v), (-v, v));
        let font = style::font(12.0, scale);
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(7)
            .y_labels(7)
            .x_desc("w₁")
            .y_desc("w₂")
            .x_label_formatter(&|x| num(*x, 2))
            .y_label_formatter(&|y| num(*y, 2))
            .label_style(font.clone())
            .axis_desc_style(font)
            .axis_style(ShapeStyle::from(&style::INK).stroke_width(px(1.0, scale)))
            .set_all_tick_mark_size(px(4.0, scale))
            .draw()?;
        let title = match BALLS[k] {
            Ball::L1 => "L1 ball: |w₁| + |w₂| ≤ t",
            Ball::L2 => "L2 ball: w₁² + w₂² ≤ t²",
        };
        draw_text(
            root,
            title,
            (area.left, 15.0 * scale),
            13.5,
            style::INK,
            scale,
        )
    }

    /// What both panels draw alike over a plot `area` (in a panel's own pixels): the loss's
    /// level lines and the axes through the origin, clipped to the plot, and c.
    ///
    /// `fit`: each level curve on as few points as its size needs (see [`points_for`]), for
    /// the screen's frames; else on the most, for a picture that may be enlarged (the SVG
    /// export).
    fn common(&self, area: &PlotArea, scale: f64, fit: bool) -> Common {
        let rect = Rect::of(area);
        let to = |p: [f64; 2]| area.to_pixel(p);
        let c = self.q.center();
        // Every level curve is the same ellipse around c scaled by its r = √(2L): its shape
        // (r = 1) is computed once per number of points, each curve taking as few as keep it
        // within a tolerance of its ellipse (a small ring needs fewer than a large one).
        let unit = self.unit_radius(area);
        // Level lines evenly spaced in r.
        let (spacing, rings) = self.rings(area);
        let mut lines = Vec::new();
        let mut curve = Vec::new();
        let mut shapes: Vec<(usize, Vec<[f64; 2]>)> = Vec::new();
        for i in 1..=rings {
            let r = spacing * i as f64;
            let n = fitted(fit, r * unit, LINE_TOLERANCE, LINE_POINTS);
            let k = match shapes.iter().position(|(m, _)| *m == n) {
                Some(k) => k,
                None => {
                    shapes.push((n, self.shape_around(c, n)));
                    shapes.len() - 1
                }
            };
            let shape = &shapes[k].1;
            curve.clear();
            curve.extend(shape.iter().map(|u| to([c[0] + r * u[0], c[1] + r * u[1]])));
            rect.runs(&curve, &mut lines);
        }
        // The axes through the origin: the diamond's corners sit on them.
        let v = self.view;
        let mut axes = Vec::new();
        rect.runs(&[to([-v, 0.0]), to([v, 0.0])], &mut axes);
        rect.runs(&[to([0.0, -v]), to([0.0, v])], &mut axes);
        let cp = to(c);
        let side = if c[0] >= 0.0 { 1.0 } else { -1.0 };
        let label_at = (
            (cp.0 + side * 13.0 * scale).clamp(rect.x0 + 8.0 * scale, rect.x1 - 8.0 * scale),
            (cp.1 - 13.0 * scale).clamp(rect.y0 + 8.0 * scale, rect.y1 - 8.0 * scale),
        );
        Common {
            area: *area,
            rect,
            unit,
            fit,
            lines,
            axes,
            c: ipt(cp),
            label_at,
        }
    }

    /// The panels' moving parts, each step for every panel before the next (the panels do
    /// not overlap, so each keeps its order, and shapes of one style go to the canvas in one
    /// batch, colours and fonts set once): the region below the optimum's loss, the ball,
    /// the loss's level lines and the axes, the ball's outline, the level curve through the
    /// optimum, c and its label, the optimum, its readout.
    ///
    /// `cached`: the canvas's overlay, which may reuse the widths of labels it measured in
    /// earlier frames.
    fn draw_overlays<B: DrawingBackend>(
        &self,
        panels: &[(&Root<B>, Ball)],
        common: &Common,
        scale: f64,
        cached: bool,
    ) -> Drawn {
        let Common {
            area,
            rect,
            unit,
            fit,
            ..
        } = common;
        let to = |p: [f64; 2]| area.to_pixel(p);
        let c = self.q.center();
        let balls = self.ball_pixels(area);
        // Each panel's own: its optimum, the level curve through it, its ball (outline and
        // fill).
        let own: Vec<(Constrained, Pixels, &BallPixels)> = panels
            .iter()
            .map(|&(_, ball)| {
                let o = self.optimum(ball);
                let touching: Vec<(f64, f64)> = if o.active && o.loss > 0.0 {
                    let r = (2.0 * o.loss).sqrt();
                    let n = fitted(*fit, r * unit, CURVE_TOLERANCE, CURVE_POINTS);
                    self.shape_around(c, n)
                        .iter()
                        .map(|u| to([c[0] + r * u[0], c[1] + r * u[1]]))
                        .collect()
                } else {
                    Vec::new()
                };
                (o, touching, &balls[usize::from(ball != Ball::L1)])
            })
            .collect();
        // The region where the loss beats the constrained optimum, {L < L(w*)}, tinted: it
        // touches the ball only at w*. (Level lines alone elsewhere: filling every band
        // would repaint the whole plot many times over in every frame of a drag.)
        for ((root, _), (_, touching, _)) in panels.iter().zip(&own) {
            let better = rect.clip_polygon(touching);
            if better.len() >= 3 {
                root.draw(&Polygon::new(better, BETTER.filled()))?;
            }
        }
        for ((root, _), (_, _, (_, fill))) in panels.iter().zip(&own) {
            if fill.len() >= 3 {
                root.draw(&Polygon::new(fill.clone(), BALL_FILL.filled()))?;
            }
        }
        let level = ShapeStyle::from(&style::LEVEL.mix(0.55)).stroke_width(px(1.0, scale));
        for (root, _) in panels {
            for run in &common.lines {
                root.draw(&Run(run, level))?;
            }
        }
        // The axes through the origin: the diamond's corners sit on them.
        let axis = ShapeStyle::from(&style::INK.mix(0.45)).stroke_width(px(1.0, scale));
        for (root, _) in panels {
            for run in &common.axes {
                root.draw(&Run(run, axis))?;
            }
        }
        let ink = ShapeStyle::from(&style::INK).stroke_width(px(2.0, scale));
        for ((root, _), (_, _, (outline, _))) in panels.iter().zip(&own) {
            rect.polyline(root, outline, ink)?;
        }
        // The level curve through the optimum: it touches the ball there.
        let touch = ShapeStyle::from(&OPTIMUM).stroke_width(px(2.0, scale));
        for ((root, _), (_, touching, _)) in panels.iter().zip(&own) {
            rect.polyline(root, touching, touch)?;
        }
        // c with its label, then the optimum over them (they coincide when the constraint
        // does not bind).
        for (root, _) in panels {
            draw::dot(root, common.c, 6.5, 5.0, style::POINT, scale)?;
        }
        if let Some((first, _)) = panels.first() {
            let width = self.width_of(first, "c", 13.0, scale, cached);
            for (root, _) in panels {
                draw::label_sized(root, "c", width, common.label_at, 13.0, style::POINT, scale)?;
            }
        }
        for ((root, _), (o, _, _)) in panels.iter().zip(&own) {
            let op = to(o.w);
            if rect.contains(op) {
                draw::dot(root, ipt(op), 7.0, 5.0, OPTIMUM, scale)?;
            }
        }
        for ((root, ball), (o, _, _)) in panels.iter().zip(&own) {
            // The longest form that fits the panel (a narrow card drops the words first).
            let room = f64::from(root.dim_in_pixel().0) - area.left - 4.0 * scale;
            let (text, size) = super::descent1d::fit_title(
                readout(o, &self.coordinates(*ball)),
                12.5,
                |t, size| draw::measure(root, t, size, scale),
                room,
            );
            draw_text(root, &text, (area.left, 35.0 * scale), size, OPTIMUM, scale)?;
        }
        Ok(())
    }

    /// The level curve r = 1 around c on `n` points, as offsets from c (c + u − c: exactly
    /// the points the level curve around c would give).
    fn shape_around(&self, c: [f64; 2], n: usize) -> Vec<[f64; 2]> {
        self.offsets(n)
            .iter()
            .map(|u| [(c[0] + u[0]) - c[0], (c[1] + u[1]) - c[1]])
            .collect()
    }

    /// The level curve's offsets from c on `n` points (see [`Shapes`]), kept for the
    /// matrix A.
    fn offsets(&self, n: usize) -> Rc<Vec<[f64; 2]>> {
        let m = self.q.matrix();
        let key = [m[0][0].to_bits(), m[0][1].to_bits(), m[1][1].to_bits()];
        let mut kept = self.shapes.borrow_mut();
        let shapes = match &mut *kept {
            Some((k, shapes)) if *k == key => shapes,
            other => &mut other.insert((key, Vec::new())).1,
        };
        if let Some((_, shape)) = shapes.iter().find(|(k, _)| *k == n) {
            return Rc::clone(shape);
        }
        // The curve around the origin for the same A: its points are the offsets themselves.
        let shape = Rc::new(match self.q.with_center([0.0, 0.0]) {
            Ok(around) => around.level_curve(0.5, n),
            Err(_) => {
                let c = self.q.center();
                let curve = self.q.level_curve(0.5, n);
                curve.iter().map(|p| [p[0] - c[0], p[1] - c[1]]).collect()
            }
        });
        shapes.push((n, Rc::clone(&shape)));
        shape
    }

    /// The semi-major axis of the level curve r = 1 in device pixels of `area`: its longest
    /// offset from c over 64 points (within 0.2 % of the ellipse's).
    fn unit_radius(&self, area: &PlotArea) -> f64 {
        let (x0, y0) = area.to_pixel([0.0, 0.0]);
        self.offsets(64)
            .iter()
            .map(|u| {
                let (x, y) = area.to_pixel(*u);
                (x - x0).hypot(y - y0)
            })
            .fold(0.0, f64::max)
    }

    /// Both balls' outlines and fills over a plot `area` (see [`BallPixels`]), in
    /// [`BALLS`]' order, kept for t and the area.
    fn ball_pixels(&self, area: &PlotArea) -> Rc<[BallPixels; 2]> {
        let key = self.t.to_bits();
        if let Some((k, at, balls)) = &*self.balls.borrow() {
            if *k == key && at == area {
                return Rc::clone(balls);
            }
        }
        let to = |p: [f64; 2]| area.to_pixel(p);
        let t = self.t;
        let rect = Rect::of(area);
        let balls = Rc::new(BALLS.map(|ball| {
            let outline: Pixels = match ball {
                Ball::L1 => [[t, 0.0], [0.0, t], [-t, 0.0], [0.0, -t], [t, 0.0]]
                    .into_iter()
                    .map(to)
                    .collect(),
                Ball::L2 => (0..=180)
                    .map(|i| {
                        let th = std::f64::consts::TAU * f64::from(i) / 180.0;
                        to([t * th.cos(), t * th.sin()])
                    })
                    .collect(),
            };
            let fill = rect.clip_polygon(&outline);
            (outline, fill)
        }));
        *self.balls.borrow_mut() = Some((key, *area, Rc::clone(&balls)));
        balls
    }

    /// The width of `text` at `size_css` as `root` measures it ([`draw::measure`]); when
    /// `cached` (the canvas's overlay), a width it measured before for the same text, size
    /// and scale.
    fn width_of<B: DrawingBackend>(
        &self,
        root: &Root<B>,
        text: &str,
        size_css: f64,
        scale: f64,
        cached: bool,
    ) -> f64 {
        if !cached {
            return draw::measure(root, text, size_css, scale);
        }
        let (s, z) = (scale.to_bits(), size_css.to_bits());
        let known = self
            .widths
            .borrow()
            .iter()
            .find(|(t, ks, kz, _)| t == text && *ks == s && *kz == z)
            .map(|e| e.3);
        known.unwrap_or_else(|| {
            let w = draw::measure(root, text, size_css, scale);
            let mut widths = self.widths.borrow_mut();
            // A few labels a drag repeats; t's label while t moves is new each frame.
            if widths.len() >= 8 {
                widths.clear();
            }
            widths.push((text.to_owned(), s, z, w));
            w
        })
    }

    /// The spacing in r = √(2L) of the drawn level curves and how many cover the view from
    /// c: spaced about a sixth of the view apart (geometric mean of the two axes), at most
    /// [`MAX_RINGS`] of them.
    fn rings(&self, area: &PlotArea) -> (f64, usize) {
        let [lo, hi] = self.q.eigenvalues();
        // Never closer than a tenth of the view across the narrow axis (a very elongated bowl
        // would otherwise pack its curves into a grey band).
        let spacing = (self.view / 3.0 * (lo * hi).powf(0.25)).max(self.view / 10.0 * hi.sqrt());
        let c = self.q.center();
        // The farthest corner of the view from c, in r: at most ‖corner − c‖·√λ_max.
        let far = [area.x.0, area.x.1]
            .into_iter()
            .flat_map(|x| [area.y.0, area.y.1].map(|y| (x - c[0]).hypot(y - c[1])))
            .fold(0.0, f64::max);
        let needed = (far * hi.sqrt() / spacing).ceil();
        let rings = if needed.is_finite() {
            (needed as usize).clamp(1, MAX_RINGS)
        } else {
            MAX_RINGS
        };
        (spacing, rings)
    }

    /// The paths chart: each weight against t, L1 solid (straight between its kinks), L2
    /// dashed; the overlay marks the current t.
    fn draw_chart<B: DrawingBackend>(
        &self,
        root: &Root<B>,
        layer: Layer,
        scale: f64,
    ) -> Drawn<PlotArea> {
        let frame = self.chart_frame();
        let (t_max, ref paths, (lo, hi)) = *frame;
        let legend = [
            ("w₁, L1", W1, draw::Mark::Line),
            ("w₂, L1", W2, draw::Mark::Line),
            ("w₁, L2", W1, draw::Mark::Dashed),
            ("w₂, L2", W2, draw::Mark::Dashed),
        ];
        // The legend's band above the plot: as many rows as its entries need across the plot.
        let (width, _) = root.dim_in_pixel();
        // Measured with the static layer, which the overlay must line up with: the overlay
        // takes the rows from there (the SVG export, drawn whole by another backend, measures
        // its own and keeps none).
        let rows = match (layer, self.legend_rows.get()) {
            (Layer::Overlay, Some((w, s, rows))) if w == width && s == scale.to_bits() => rows,
            _ => {
                let plot_width = f64::from(width) - (10.0 + 18.0 + 52.0) * scale;
                let (_, rows) = draw::flow(&legend, plot_width, scale, |t| {
                    draw::measure(root, t, 12.0, scale)
                });
                if layer == Layer::Background {
                    self.legend_rows.set(Some((width, scale.to_bits(), rows)));
                }
                rows
            }
        };
        let top = 8.0 + draw::legend_row_height(1.0) * rows as f64 + 8.0;
        let background = layer != Layer::Overlay;
        if background {
            root.fill(&WHITE)?;
        }
        let mut chart = style::chart(
            root,
            scale,
            [10.0, top, 18.0, 40.0, 52.0],
            (0.0..t_max, lo..hi),
        )?;
        let area = PlotArea::from_chart(root, &chart, (0.0, t_max), (lo, hi));
        if background {
            let font = style::font(12.0, scale);
            style::grid(&mut chart.configure_mesh(), 0.1)
                .x_desc("radius t")
                .y_desc("optimal weight")
                .x_labels(7)
                .y_labels(6)
                .x_label_formatter(&|x| num(*x, 2))
                .y_label_formatter(&|y| num(*y, 2))
                .label_style(font.clone())
                .axis_desc_style(font)
                .axis_style(ShapeStyle::from(&style::INK).stroke_width(px(1.0, scale)))
                .draw()?;
            let zero = ShapeStyle::from(&style::INK.mix(0.5)).stroke_width(px(1.0, scale));
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (t_max, 0.0)],
                zero,
            )))?;
            draw::legend_rows(
                root,
                &legend,
                (area.left, 8.0 * scale),
                area.right - area.left,
                scale,
            )?;
        }
        if layer != Layer::Background {
            // The paths follow c: drawn over the cached axes, which change only when the
            // rounded ranges do.
            for (k, path) in paths.iter().enumerate() {
                for (i, color) in [W1, W2].into_iter().enumerate() {
                    let pts = path.iter().map(|&(t, w)| (t, w[i]));
                    let line = ShapeStyle::from(&color).stroke_width(px(2.2, scale));
                    if k == 0 {
                        chart.draw_series(LineSeries::new(pts, line))?;
                    } else {
                        chart.draw_series(DashedLineSeries::new(
                            pts,
                            px(7.0, scale),
                            px(5.0, scale),
                            line,
                        ))?;
                    }
                }
            }
            let s = self.state();
            let shown = self.t.min(t_max);
            let guide = ShapeStyle::from(&style::INK.mix(0.7)).stroke_width(px(1.2, scale));
            draw::dashed(
                root,
                area.to_pixel([shown, lo]),
                area.to_pixel([shown, hi]),
                guide,
                4.0 * scale,
                4.0 * scale,
            )?;
            for (o, ring) in [(&s.l1, false), (&s.l2, true)] {
                for (i, color) in [W1, W2].into_iter().enumerate() {
                    let p = ipt(area.to_pixel([shown, o.w[i]]));
                    if ring {
                        root.draw(&Circle::new(
                            p,
                            px(5.0, scale),
                            ShapeStyle::from(&color).stroke_width(px(2.0, scale)),
                        ))?;
                    } else {
                        draw::dot(root, p, 6.0, 4.5, color, scale)?;
                    }
                }
            }
            let text = if self.t > t_max {
                format!("t = {} →", num(self.t, 3))
            } else {
                format!("t = {}", num(self.t, 3))
            };
            let (x, _) = area.to_pixel([shown, hi]);
            let width = self.width_of(root, &text, 12.0, scale, layer == Layer::Overlay);
            let half = width / 2.0 + 4.0 * scale;
            let x = x.clamp(area.left + half, area.right - half);
            draw::label_sized(
                root,
                &text,
                width,
                (x, area.top + 10.0 * scale),
                12.0,
                style::INK,
                scale,
            )?;
        }
        Ok(area)
    }

    /// The chart's revision: its static layer (the axes) changes with the ranges alone.
    fn chart_revision(&self) -> u64 {
        let (t_max, _, (lo, hi)) = *self.chart_frame();
        t_max.to_bits().rotate_left(41) ^ lo.to_bits().rotate_left(17) ^ hi.to_bits()
    }

    /// The paths chart's t range (0 to this), both paths, and its weight range: rounded out
    /// to steps, and while c is dragged never narrower than what is [`held`](Self::held), so
    /// that the axes (the cached layer) rarely change.
    fn chart_frame(&self) -> Rc<ChartFrame> {
        let key = (
            self.q,
            self.view.to_bits(),
            self.held
                .map(|(t, lo, hi)| [t.to_bits(), lo.to_bits(), hi.to_bits()]),
        );
        if let Some((k, frame)) = &*self.frame_cache.borrow() {
            if *k == key {
                return Rc::clone(frame);
            }
        }
        let frame = Rc::new(self.make_chart_frame());
        *self.frame_cache.borrow_mut() = Some((key, Rc::clone(&frame)));
        frame
    }

    /// [`chart_frame`](Self::chart_frame), computed.
    fn make_chart_frame(&self) -> ChartFrame {
        let t_max = match self.held {
            Some((held, _, _)) => self.chart_t_max().max(held),
            None => self.chart_t_max(),
        };
        // L1: its kinks and ends alone (straight lines between them are exact, and drawn
        // straight); L2: a fine grid.
        let paths: Vec<Path> = BALLS
            .iter()
            .map(|&b| self.q.path(b, t_max, if b == Ball::L1 { 2 } else { 48 }))
            .collect();
        let (mut lo, mut hi) = (0.0f64, 0.0f64);
        for p in &paths {
            for (_, w) in p {
                lo = lo.min(w[0]).min(w[1]);
                hi = hi.max(w[0]).max(w[1]);
            }
        }
        // Rounded out to half a power of ten below the span (at least a twentieth of the
        // view, so all-zero paths when c = 0 still get an axis).
        let span = (hi - lo).max(0.05 * self.view);
        let step = 10f64.powf(span.log10().floor()) / 2.0;
        let (lo, hi) = ((lo / step).floor() * step, (hi / step).ceil() * step);
        let pad = 0.06 * (hi - lo);
        let (lo, hi) = (lo - pad, hi + pad);
        match self.held {
            Some((_, held_lo, held_hi)) => (t_max, paths, (lo.min(held_lo), hi.max(held_hi))),
            None => (t_max, paths, (lo, hi)),
        }
    }

    /// The chart's ranges now: (t_max, lo, hi).
    fn chart_ranges(&self) -> (f64, f64, f64) {
        let (t_max, _, (lo, hi)) = *self.chart_frame();
        (t_max, lo, hi)
    }

    /// While c is dragged: holds the chart's ranges, grown to the paths for the new c.
    fn hold_chart(&mut self) {
        if self.held.is_some() {
            self.held = Some(self.chart_ranges());
        }
    }

    /// One sentence on both optima, for the summary and the live region.
    #[must_use]
    pub fn sentence(&self) -> String {
        let c = self.q.center();
        let t = num(self.t, 3);
        let clause = |ball: Ball| {
            let o = self.optimum(ball);
            let (name, shape) = match ball {
                Ball::L1 => ("L1", "diamond"),
                Ball::L2 => ("L2", "circle"),
            };
            if !o.active {
                return format!(
                    "the {shape} holds c (‖c‖ = {} ≤ t), so the {name} optimum is c itself",
                    num(ball.norm(c), 3)
                );
            }
            let at = self.coordinates(ball);
            match (ball, o.zero.as_slice()) {
                (Ball::L1, [i]) => format!(
                    "the {name} optimum {at} sits on a corner of the diamond, so w{} is exactly 0",
                    sub(*i)
                ),
                (_, [i]) => format!("the {name} optimum is {at}, with w{} = 0", sub(*i)),
                (Ball::L1, _) => format!(
                    "the {name} optimum {at} lies on an edge of the diamond: both weights nonzero"
                ),
                (Ball::L2, _) => {
                    format!("the {name} optimum {at} shrinks both weights and zeroes neither")
                }
            }
        };
        format!("At t = {t}, {}; {}.", clause(Ball::L1), clause(Ball::L2))
    }
}

/// A regularization path: (t, optimal w) by increasing t.
type Path = Vec<(f64, [f64; 2])>;

/// The gap between the panels in CSS px (as `.gdviz-panels` has between canvases).
const PANEL_GAP: f64 = 16.0;

/// The panels sit side by side on a canvas at least this many CSS px wide.
pub const SIDE_BY_SIDE: f64 = 640.0;

/// The panels' frame in CSS px: margin, top band (title and readout), right margin, x-label
/// band, y-label band.
const PANEL_FRAME: [f64; 5] = [8.0, 50.0, 14.0, 36.0, 42.0];

/// The tint of the region where the loss is below its constrained optimum's.
const BETTER: RGBColor = RGBColor(0xe6, 0xda, 0xf5);

/// The most level curves drawn in a panel.
const MAX_RINGS: usize = 40;

/// The balls' fill.
const BALL_FILL: RGBColor = RGBColor(0xdf, 0xea, 0xf7);

/// A weight's subscript: ₁ or ₂.
fn sub(i: usize) -> &'static str {
    if i == 0 {
        "₁"
    } else {
        "₂"
    }
}

/// A panel's readout in three forms, longest first: the optimum's coordinates, and the
/// zero weight when there is one (or that the ball holds c), then fewer words.
fn readout(o: &Constrained, at: &str) -> [String; 3] {
    if !o.active {
        return [
            format!("w* = c = {at}: the ball holds c"),
            format!("w* = c = {at}: inside"),
            format!("w* = c = {at}"),
        ];
    }
    match o.zero.as_slice() {
        [i] => [
            format!("w* = {at} · w{} = 0: sparse", sub(*i)),
            format!("w* = {at} · w{} = 0", sub(*i)),
            format!("w* = {at}"),
        ],
        _ => [
            format!("w* = {at}"),
            format!("w* = {at}"),
            format!("w* = {at}"),
        ],
    }
}

fn ipt(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// Text with its left end at `at` (vertically centred there).
fn draw_text<B: DrawingBackend>(
    root: &Root<B>,
    text: &str,
    at: (f64, f64),
    size: f64,
    color: RGBColor,
    scale: f64,
) -> Drawn {
    let font = (style::FONT, px(size, scale)).into_font().color(&color);
    let st = font.pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Left,
        plotters::style::text_anchor::VPos::Center,
    ));
    root.draw(&Text::new(text.to_owned(), ipt(at), st))?;
    Ok(())
}

/// The plot's rectangle in pixels, for clipping what is drawn over it.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn of(a: &PlotArea) -> Self {
        Self {
            x0: a.left,
            y0: a.top,
            x1: a.right,
            y1: a.bottom,
        }
    }

    fn contains(&self, p: (f64, f64)) -> bool {
        p.0 >= self.x0 && p.0 <= self.x1 && p.1 >= self.y0 && p.1 <= self.y1
    }

    /// The polygon `poly` clipped to the rectangle (Sutherland–Hodgman), in whole pixels.
    fn clip_polygon(&self, poly: &[(f64, f64)]) -> Vec<(i32, i32)> {
        let mut pts: Vec<(f64, f64)> = poly.to_vec();
        // Each edge: inside test and intersection with the line.
        let edges: [(usize, f64, bool); 4] = [
            (0, self.x0, true),
            (0, self.x1, false),
            (1, self.y0, true),
            (1, self.y1, false),
        ];
        for (axis, at, low) in edges {
            if pts.is_empty() {
                break;
            }
            let coord = |p: (f64, f64)| if axis == 0 { p.0 } else { p.1 };
            let inside = |p: (f64, f64)| if low { coord(p) >= at } else { coord(p) <= at };
            let cut = |p: (f64, f64), q: (f64, f64)| {
                let f = (at - coord(p)) / (coord(q) - coord(p));
                (p.0 + f * (q.0 - p.0), p.1 + f * (q.1 - p.1))
            };
            let mut out = Vec::with_capacity(pts.len() + 4);
            for i in 0..pts.len() {
                let (p, q) = (pts[i], pts[(i + 1) % pts.len()]);
                match (inside(p), inside(q)) {
                    (true, true) => out.push(q),
                    (true, false) => out.push(cut(p, q)),
                    (false, true) => {
                        out.push(cut(p, q));
                        out.push(q);
                    }
                    (false, false) => {}
                }
            }
            pts = out;
        }
        pts.into_iter().map(ipt).collect()
    }

    /// The segment p–q clipped to the rectangle (Liang–Barsky), or `None`.
    fn clip_segment(&self, p: (f64, f64), q: (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let (t0, t1) = draw::clip_interval(p, q, [self.x0, self.y0, self.x1, self.y1])?;
        (t0 <= t1).then_some((
            (p.0 + t0 * dx, p.1 + t0 * dy),
            (p.0 + t1 * dx, p.1 + t1 * dy),
        ))
    }

    /// The runs of a polyline inside the rectangle, in whole pixels, appended to `out`.
    fn runs(&self, pts: &[(f64, f64)], out: &mut Vec<Vec<(i32, i32)>>) {
        let mut run: Vec<(i32, i32)> = Vec::new();
        for pair in pts.windows(2) {
            let (p, q) = (pair[0], pair[1]);
            // Both ends inside (most of a level line): the segment is its own clip, the
            // same points `clip_segment` gives (t0 = 0, t1 = 1) without its four divisions.
            let clipped = if self.contains(p) && self.contains(q) {
                Some((p, (p.0 + (q.0 - p.0), p.1 + (q.1 - p.1))))
            } else {
                self.clip_segment(p, q)
            };
            match clipped {
                Some((a, b)) => {
                    let (a, b) = (ipt(a), ipt(b));
                    if run.last() != Some(&a) {
                        if run.len() >= 2 {
                            out.push(std::mem::take(&mut run));
                        }
                        run.clear();
                        run.push(a);
                    }
                    run.push(b);
                }
                None => {
                    if run.len() >= 2 {
                        out.push(std::mem::take(&mut run));
                    }
                    run.clear();
                }
            }
        }
        if run.len() >= 2 {
            out.push(run);
        }
    }

    /// A polyline clipped to the rectangle: its runs inside drawn as paths.
    fn polyline<B: DrawingBackend>(
        &self,
        root: &Root<B>,
        pts: &[(f64, f64)],
        style: ShapeStyle,
    ) -> Drawn {
        let mut runs = Vec::new();
        self.runs(pts, &mut runs);
        for run in runs {
            root.draw(&PathElement::new(run, style))?;
        }
        Ok(())
    }
}

/// A polyline in pixels.
type Pixels = Vec<(f64, f64)>;

/// A path through whole pixels, drawn from a borrowed slice (plotters' `PathElement` owns
/// its points: the level lines, computed once a frame, would be copied for each panel).
struct Run<'a>(&'a [(i32, i32)], ShapeStyle);

impl<'b> plotters::element::PointCollection<'b, (i32, i32)> for &'b Run<'_> {
    type Point = &'b (i32, i32);
    type IntoIter = std::slice::Iter<'b, (i32, i32)>;
    fn point_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<DB: DrawingBackend> plotters::element::Drawable<DB> for Run<'_> {
    fn draw<I: Iterator<Item = plotters_backend::BackendCoord>>(
        &self,
        points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), plotters_backend::DrawingErrorKind<DB::ErrorType>> {
        backend.draw_path(points, &self.1)
    }
}

/// What both panels draw alike, in a panel's own pixels (see
/// [`RegularizationWidget::common`]).
struct Common {
    /// The plot area.
    area: PlotArea,
    /// Its rectangle, for clipping.
    rect: Rect,
    /// The semi-major axis, in device pixels, of the level curve r = √(2L) = 1.
    unit: f64,
    /// Each curve on as few points as its size needs (see [`RegularizationWidget::common`]).
    fit: bool,
    /// The level lines' runs inside the plot.
    lines: Vec<Vec<(i32, i32)>>,
    /// The axes through the origin, inside the plot.
    axes: Vec<Vec<(i32, i32)>>,
    /// c.
    c: (i32, i32),
    /// Where c's label goes.
    label_at: (f64, f64),
}

impl MovablePoint for RegularizationWidget {
    fn region(&self) -> Domain {
        Domain::square(self.view)
    }
    fn current(&self) -> [f64; 2] {
        self.q.center()
    }
    fn move_to(&mut self, p: [f64; 2]) -> bool {
        self.set_center(p)
    }
}

impl Widget for RegularizationWidget {
    fn layout(&self) -> Vec<Part> {
        // The slider moves log₁₀ t in steps of SLIDER_STEP, its ends on that grid.
        let (lo, hi) = self.t_range();
        let (lo, hi) = (
            (lo.log10() / SLIDER_STEP).floor() * SLIDER_STEP,
            (hi.log10() / SLIDER_STEP).ceil() * SLIDER_STEP,
        );
        vec![
            Part::Canvas(widget::canvas(
                "panels",
                "Loss contours with the L1 ball and with the L2 ball, each with its constrained optimum",
                Paint::Layered,
            )),
            widget::toolbar(vec![
                widget::button("play", "Play", true),
                Part::Slider {
                    id: SLIDER,
                    caption: "radius t",
                    range: (lo, hi, SLIDER_STEP),
                    label: Some("radius t of both balls, log scale"),
                },
            ]),
            widget::text("summary", "gdviz-summary", ""),
            Part::Canvas(widget::chart(
                "paths",
                "Regularization paths: each optimal weight against t",
                Paint::Layered,
            )),
            widget::text(
                "hint",
                "gdviz-hint",
                "The purple region is where the loss is lower than at the constrained optimum: it meets the ball only there. Drag in either panel to move c, the loss's unconstrained minimum (or focus a panel and use the arrow keys; Shift for bigger steps). Set t with the slider or by dragging along the paths; Play sweeps t upward.",
            ),
            Part::Live,
        ]
    }

    fn height(&self, canvas: usize, width: u32, ratio: f64) -> u32 {
        if canvas == 0 {
            Self::panels_height(width, ratio)
        } else {
            Self::chart_height(width, ratio)
        }
    }

    fn draw<B: DrawingBackend>(&self, root: &Root<B>, pass: Pass<'_>) -> Drawn<Option<PlotArea>> {
        let Pass {
            canvas,
            layer,
            ratio,
            ..
        } = pass;
        if canvas == 0 {
            // Two plot areas: a pointer finds its panel by [`panel_at`](Self::panel_at).
            self.draw_panels(root, layer, ratio).map(|()| None)
        } else {
            self.draw_chart(root, layer, ratio).map(Some)
        }
    }

    fn revision(&self, canvas: usize) -> u64 {
        if canvas == 0 {
            0
        } else {
            self.chart_revision()
        }
    }

    /// t grows geometrically with the clock while the sweep plays, from the slider's low end
    /// to [`sweep_end`](Self::sweep_end) in [`SWEEP_MS`].
    fn tick(&mut self, env: &Env<'_>) -> Outcome {
        let Some(dt) = self.player.elapsed((env.now)()) else {
            return Outcome::Ignored;
        };
        let (lo, _) = self.t_range();
        let end = self.sweep_end();
        let rate = (end / lo).ln() / SWEEP_MS;
        let next = self.t * (rate * dt).exp();
        if next >= end || rate.is_nan() || rate <= 0.0 {
            self.t = end;
            self.player.pause();
            self.said = Some(format!(
                "Sweep done at t = {}: neither ball constrains c any more.",
                num(end, 3)
            ));
        } else {
            self.t = next;
        }
        Outcome::Changed
    }

    fn input(&mut self, input: &Input<'_>, env: &Env<'_>) -> Outcome {
        match *input {
            Input::Click("play") => {
                self.toggle(env);
                Outcome::Changed
            }
            Input::Change(SLIDER, raw) => match raw.trim().parse::<f64>() {
                Ok(v) if v.is_finite() => {
                    self.player.pause();
                    self.resume = false;
                    let before = self.t;
                    self.set_t(round_sig(10f64.powf(v), 3));
                    Outcome::from(self.t != before)
                }
                _ => Outcome::Ignored,
            },
            // The paths chart: t under the pointer.
            Input::Press(p) | Input::Drag(p) if p.canvas == 1 => {
                let area = match (input, p.area) {
                    (Input::Press(_), _) => widget::on_area(&p, 6.0),
                    (_, a) => a,
                };
                match area {
                    Some(a) => {
                        self.player.pause();
                        self.resume = false;
                        let t = a.to_data(p.x, p.y)[0].clamp(0.0, a.x.1);
                        self.set_t(round_sig(t, 3));
                        Outcome::Changed
                    }
                    None => Outcome::Ignored,
                }
            }
            // A panel: c goes where it is pressed and follows the drag on that panel.
            Input::Press(p) => {
                let Some((k, area)) = self.panel_at(&p, 6.0) else {
                    return Outcome::Ignored;
                };
                self.dragging = Some(k);
                self.held = Some(self.chart_ranges());
                let outcome = self
                    .point_input(&Input::Press(Pointer {
                        area: Some(area),
                        ..p
                    }))
                    .unwrap_or(Outcome::Ignored);
                self.hold_chart();
                outcome
            }
            Input::Drag(p) => {
                let Some(k) = self.dragging else {
                    return Outcome::Ignored;
                };
                let area = self.panel_area(p.width, p.ratio, k);
                let moved = self.drag(&area, p.x, p.y);
                self.hold_chart();
                Outcome::from(moved)
            }
            Input::Release(0) => {
                self.dragging = None;
                // The chart's ranges fit c again.
                let held = self.chart_ranges();
                self.held = None;
                Outcome::from(self.chart_ranges() != held)
            }
            Input::Key { canvas, .. } if canvas >= 1 => Outcome::Ignored,
            _ => self.point_input(input).unwrap_or(Outcome::Ignored),
        }
    }

    fn ui(&self, ui: &mut Ui) {
        let s = self.state();
        let playing = self.player.playing();
        let t = num(s.t, 3);
        ui.text(SLIDER, t.clone())
            .value(SLIDER, s.t.log10().to_string())
            .value_text(SLIDER, format!("t = {t}"))
            .playing("play", "Play", playing);
        let c = format!("({}, {})", num(s.center[0], 3), num(s.center[1], 3));
        let panel = |ball: Ball, o: &OptimumState| {
            let shape = if ball == Ball::L1 {
                "the diamond |w₁| + |w₂| ≤"
            } else {
                "the circle w₁² + w₂² ≤ t², t ="
            };
            let at = self.coordinates(ball);
            let how = if !o.active {
                "c lies inside the ball, so the optimum is c itself".to_owned()
            } else {
                match o.zero.as_slice() {
                    [i] => format!("the constrained optimum {at} is where the level curve touches the ball; w{} is exactly 0", sub(*i)),
                    _ => format!("the constrained optimum {at} is where the level curve touches the ball; both weights are nonzero"),
                }
            };
            format!("With {shape} {t}: {how}.")
        };
        ui.label(
            "panels",
            format!(
                "Two panels of the loss's elliptical level curves around c = {c}. {} {}",
                panel(Ball::L1, &s.l1),
                panel(Ball::L2, &s.l2)
            ),
        );
        ui.label(
            "paths",
            "Each optimal weight against the radius t: the L1 paths are straight pieces and reach zero at a finite t; the L2 paths curve and are zero only at t = 0.",
        );
        let sentence = self.sentence();
        ui.text("summary", sentence.clone());
        match (&self.said, playing) {
            (Some(said), true) => ui.live(said.clone()),
            (Some(said), false) if said.starts_with("t set") => {
                ui.live(format!("{said} {sentence}"))
            }
            _ => ui.live(sentence),
        };
        ui.state(&WithPlaying { state: &s, playing });
    }

    fn url_options(&self) -> Vec<(&'static str, String)> {
        let c = self.q.center();
        let [[a, b], [_, d]] = self.q.matrix();
        vec![
            ("x", c[0].to_string()),
            ("y", c[1].to_string()),
            ("t", self.t.to_string()),
            ("a", a.to_string()),
            ("b", b.to_string()),
            ("d", d.to_string()),
        ]
    }

    /// The two panels side by side, the paths chart under them.
    fn svg_for<S: DrawingBackend>(&self, width: u32) -> Result<String, DrawError> {
        let half = width / 2;
        let top = Self::panel_height(half, 1.0);
        let chart = Self::chart_height(width, 1.0);
        super::render_svg_for::<S>(
            width,
            |_| top + chart,
            |root| {
                let (panels, below) = root.split_vertically(top);
                let (left, right) = panels.split_horizontally(half);
                self.draw_panel(&left, 0, Layer::All, 1.0)?;
                self.draw_panel(&right, 1, Layer::All, 1.0)?;
                self.draw_chart(&below, Layer::All, 1.0).map(|_| ())
            },
        )
    }

    fn stop(&mut self) -> bool {
        self.player.pause();
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::widget::Pointer;

    fn state(w: &RegularizationWidget) -> State {
        w.state()
    }

    #[test]
    fn the_default_is_sparse_under_l1_and_not_under_l2() {
        let w = RegularizationWidget::article();
        let s = state(&w);
        // A = [[1, ½], [½, ½]], c = (2, 1), t = 1.2. On the corner (1.2, 0),
        // ∇L = A(w − c) = A(−0.8, −1) = (−1.3, −0.9): μ = 1.3 and w₂'s subgradient
        // 0.9/1.3 lies in [−1, 1], so the corner is optimal.
        assert_eq!(s.l1.w, [1.2, 0.0]);
        assert_eq!(s.l1.zero, vec![1]);
        assert!(s.l1.active && s.l2.active);
        assert!(s.l2.zero.is_empty() && s.l2.w[0] > 0.0 && s.l2.w[1] > 0.0);
        // L(1.2, 0) = ½(−0.8, −1)·(−1.3, −0.9) = ½(1.04 + 0.9).
        assert!((s.l1.loss - 0.97).abs() < 1e-15);
    }

    #[test]
    fn options_and_their_named_errors() {
        let w = RegularizationWidget::from_options(
            &[
                ("data-x", "-1"),
                ("data-y", "0.5"),
                ("data-t", "0.4"),
                ("data-b", "-0.2"),
            ][..],
        )
        .unwrap();
        let s = w.state();
        assert_eq!(
            (s.center, s.t, s.a),
            ([-1.0, 0.5], 0.4, [[1.0, -0.2], [-0.2, 0.5]])
        );
        let err = |o: &[(&str, &str)]| RegularizationWidget::from_options(o).unwrap_err();
        // |b| must stay below √(a·d) = √0.5 ≈ 0.7071.
        let e = err(&[("data-b", "0.8")]);
        assert_eq!(e.key, "data-b");
        assert!(
            e.to_string().contains("not positive definite") && e.to_string().contains("0.7071"),
            "{e}"
        );
        assert_eq!(err(&[("data-a", "0")]).key, "data-a");
        assert_eq!(err(&[("data-d", "-1")]).key, "data-d");
        // b absent: the matrix a = 0.1, b = ½, d = ½ fails; the message names data-a.
        assert_eq!(err(&[("data-a", "0.1")]).key, "data-a");
        assert_eq!(err(&[("data-t", "0")]).key, "data-t");
        assert_eq!(err(&[("data-t", "7")]).key, "data-t");
        assert_eq!(err(&[("data-x", "nope")]).kind, OptionErrorKind::NotANumber);
        assert_eq!(err(&[("data-y", "1e3")]).key, "data-y");
    }

    #[test]
    fn url_options_reopen_the_same_view() {
        let mut w = RegularizationWidget::article();
        w.set_center([-0.7, 2.3]);
        w.set_t(0.77);
        let map: std::collections::HashMap<String, String> = w
            .url_options()
            .into_iter()
            .map(|(k, v)| (format!("data-{k}"), v))
            .collect();
        let again = RegularizationWidget::from_options(&map).unwrap();
        assert_eq!(again.state(), w.state());
    }

    #[test]
    fn the_sweep_ends_past_the_l1_norm_and_reduced_motion_jumps_there() {
        let mut w = RegularizationWidget::article();
        let reduced = Env {
            now: &|| 0.0,
            reduced_motion: &|| true,
        };
        w.input(&Input::Click("play"), &reduced);
        assert!(!w.playing());
        let s = w.state();
        assert!((s.t - 3.3).abs() < 1e-12, "1.1·‖(2, 1)‖₁");
        assert!(!s.l1.active && !s.l2.active && s.l1.w == [2.0, 1.0]);
        // With motion: it plays, reaches the end and stops there.
        let mut w = RegularizationWidget::article();
        w.input(&Input::Click("play"), &Env::still());
        assert!(w.playing());
        assert_eq!(w.t(), w.t_range().0, "starts from the low end");
        let mut now = 0.0;
        for _ in 0..200 {
            let clock = move || now;
            w.tick(&Env {
                now: &clock,
                reduced_motion: &|| false,
            });
            now += 50.0;
        }
        assert!(!w.playing() && (w.t() - 3.3).abs() < 1e-12);
    }

    #[test]
    fn clipping() {
        let r = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 10.0,
            y1: 10.0,
        };
        let square = [(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)];
        let mut got = r.clip_polygon(&square);
        got.sort_unstable();
        assert_eq!(got, vec![(0, 0), (0, 5), (5, 0), (5, 5)]);
        assert_eq!(
            r.clip_segment((-5.0, 5.0), (15.0, 5.0)),
            Some(((0.0, 5.0), (10.0, 5.0)))
        );
        assert_eq!(r.clip_segment((-5.0, -1.0), (15.0, -1.0)), None);
    }

    /// The panels' plot areas as computed for hit-testing are where plotters draws them.
    #[test]
    fn panel_areas_match_the_drawn_charts() {
        let w = RegularizationWidget::article();
        for (width, scale) in [(400, 1.0), (780, 2.0), (900, 1.0), (1768, 2.0), (1000, 1.5)] {
            let height = RegularizationWidget::panels_height(width, scale);
            let mut svg = String::new();
            let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
            for k in 0..2 {
                let (x, y, pw, ph) = RegularizationWidget::panel_rect(width, scale, k);
                assert!(x + pw <= width && y + ph <= height);
                let panel = root.clone().shrink((x, y), (pw, ph));
                let v = w.view;
                let chart = style::chart(&panel, scale, PANEL_FRAME, (-v..v, -v..v)).unwrap();
                let drawn = PlotArea::from_chart(&panel, &chart, (-v, v), (-v, v))
                    .offset((x as i32, y as i32));
                assert_eq!(
                    drawn,
                    w.panel_area(width, scale, k),
                    "{width} × {scale}, {k}"
                );
            }
        }
        // Side by side from 640 CSS px, else stacked.
        let wide = |width, scale| RegularizationWidget::panel_rect(width, scale, 1).1 == 0;
        assert!(wide(1280, 2.0) && !wide(1278, 2.0) && wide(640, 1.0) && !wide(639, 1.0));
    }

    #[test]
    fn a_press_moves_c_on_either_panel_and_the_chart_sets_t() {
        let width = 400;
        for k in 0..2 {
            let mut w = RegularizationWidget::article();
            let area = w.panel_area(width, 1.0, k);
            let (x, y) = area.to_pixel([-1.5, 0.5]);
            let p = Pointer {
                canvas: 0,
                x,
                y,
                ratio: 1.0,
                width,
                area: None,
            };
            assert_eq!(w.input(&Input::Press(p), &Env::still()), Outcome::Changed);
            let c = w.state().center;
            assert!(
                (c[0] + 1.5).abs() < 1e-9 && (c[1] - 0.5).abs() < 1e-9,
                "{k}"
            );
            // The drag follows the panel it started on, even past it (clamped to the view).
            let (x, y) = area.to_pixel([1.0, -2.0]);
            let drag = Input::Drag(Pointer { x, y, ..p });
            assert_eq!(w.input(&drag, &Env::still()), Outcome::Changed);
            let c = w.state().center;
            assert!(
                (c[0] - 1.0).abs() < 1e-9 && (c[1] + 2.0).abs() < 1e-9,
                "{k}"
            );
            w.input(&Input::Release(0), &Env::still());
        }
        // Between the stacked panels: nothing.
        let mut w = RegularizationWidget::article();
        let (_, y, _, _) = RegularizationWidget::panel_rect(width, 1.0, 1);
        let p = Pointer {
            canvas: 0,
            x: 200.0,
            y: f64::from(y) - 30.0,
            ratio: 1.0,
            width,
            area: None,
        };
        assert_eq!(w.input(&Input::Press(p), &Env::still()), Outcome::Ignored);
        let mut svg = String::new();
        let root = SVGBackend::with_string(&mut svg, (width, 260)).into_drawing_area();
        let chart = w.draw_chart(&root, Layer::All, 1.0).unwrap();
        let (x, y) = chart.to_pixel([1.0, 0.0]);
        let p = Pointer {
            canvas: 1,
            x,
            y,
            ratio: 1.0,
            width,
            area: Some(chart),
        };
        assert_eq!(w.input(&Input::Press(p), &Env::still()), Outcome::Changed);
        assert!((w.t() - 1.0).abs() < 0.01, "{}", w.t());
    }

    /// The overlay lines up with the static layer's legend band; a whole drawing (the SVG
    /// export) measures its own.
    #[test]
    fn what_the_overlay_keeps_between_frames_follows_c_t_and_the_size() {
        // The level curves' offsets, the balls' pixels and the labels' widths are kept from
        // frame to frame: after moves of c and t and a resize, the overlays are what a fresh
        // widget draws.
        let overlay = |w: &RegularizationWidget, width: u32| {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (width, 700)).into_drawing_area();
                w.draw_panels(&root, Layer::Overlay, 1.0).unwrap();
                // The chart's static layer first: it measures the legend's rows.
                let mut axes = String::new();
                let root = SVGBackend::with_string(&mut axes, (width, 260)).into_drawing_area();
                w.draw_chart(&root, Layer::Background, 1.0).unwrap();
            }
            let mut chart = String::new();
            {
                let root = SVGBackend::with_string(&mut chart, (width, 260)).into_drawing_area();
                w.draw_chart(&root, Layer::Overlay, 1.0).unwrap();
            }
            svg + &chart
        };
        let mut kept = RegularizationWidget::article();
        for (c, t, width) in [
            ([2.0, 1.0], 1.2, 700),
            ([-0.5, 1.5], 1.2, 700),
            ([-0.5, 1.5], 0.4, 700),
            ([1.0, -2.0], 0.4, 500),
        ] {
            kept.set_center(c);
            assert_eq!(kept.quadratic().center(), c);
            kept.set_t(t);
            let drawn = overlay(&kept, width);
            let mut fresh = RegularizationWidget::article();
            fresh.set_center(c);
            fresh.set_t(t);
            assert_eq!(
                drawn,
                overlay(&fresh, width),
                "c = {c:?}, t = {t}, {width} px"
            );
        }
    }

    #[test]
    fn the_legend_rows_kept_for_the_overlay_come_from_the_static_layer() {
        let w = RegularizationWidget::article();
        let draw = |layer| {
            let mut svg = String::new();
            let root = SVGBackend::with_string(&mut svg, (600, 260)).into_drawing_area();
            w.draw_chart(&root, layer, 1.0).unwrap()
        };
        let whole = draw(Layer::All);
        w.legend_rows.set(Some((600, 1f64.to_bits(), 3)));
        assert_eq!(draw(Layer::All), whole);
        assert_ne!(
            draw(Layer::Overlay),
            whole,
            "the overlay takes the kept rows"
        );
        assert_eq!(draw(Layer::Background), whole);
        assert_eq!(
            draw(Layer::Overlay),
            whole,
            "as the static layer measured them"
        );
    }

    /// While c is dragged the chart's ranges only grow; the release fits them to c again.
    #[test]
    fn the_chart_holds_its_axes_while_c_is_dragged() {
        let mut w = RegularizationWidget::article();
        let tight = |w: &RegularizationWidget| {
            let mut free = w.clone();
            free.held = None;
            free.chart_ranges()
        };
        let width = 900;
        let area = w.panel_area(width, 1.0, 0);
        let at = |d: [f64; 2]| {
            let (x, y) = area.to_pixel(d);
            Pointer {
                canvas: 0,
                x,
                y,
                ratio: 1.0,
                width,
                area: None,
            }
        };
        w.input(&Input::Press(at([2.5, 2.0])), &Env::still());
        let wide = w.chart_ranges();
        assert_eq!(wide, tight(&w));
        // Towards the origin the tight ranges shrink; the held ones stay.
        let mut revisions = std::collections::HashSet::new();
        for i in 1..=50 {
            let f = 1.0 - f64::from(i) / 50.0;
            w.input(&Input::Drag(at([2.5 * f, 2.0 * f])), &Env::still());
            assert_eq!(w.chart_ranges(), wide);
            revisions.insert(w.chart_revision());
        }
        assert_eq!(revisions.len(), 1);
        assert_ne!(tight(&w), wide);
        // Out past the start they grow.
        w.input(&Input::Drag(at([-3.0, -3.0])), &Env::still());
        let (t, lo, hi) = w.chart_ranges();
        assert!(
            t >= wide.0 && lo < wide.1 && hi >= wide.2,
            "{:?}",
            (t, lo, hi)
        );
        // The release fits them again (and asks for that frame).
        assert_eq!(w.input(&Input::Release(0), &Env::still()), Outcome::Changed);
        assert_eq!(w.chart_ranges(), tight(&w));
        // Every weight drawn stays inside the held ranges.
        let frame = w.chart_frame();
        for path in &frame.1 {
            for (t, wt) in path {
                assert!(*t <= frame.0 + 1e-12 && wt[0] >= frame.2 .0 && wt[1] <= frame.2 .1);
            }
        }
    }
}

#[cfg(test)]
mod level_curve_points {
    use super::*;

    #[test]
    fn by_hand() {
        // π·√(R / (2·tolerance)), rounded up to a multiple of 8, within [16, most].
        assert_eq!(points_for(100.0, 0.5, 96), 32); // π·10 = 31.4
        assert_eq!(points_for(400.0, 0.5, 96), 64); // π·20 = 62.8
        assert_eq!(points_for(1000.0, 0.5, 96), 96); // 99.3: the most
        assert_eq!(points_for(450.0, 0.25, 240), 96); // π·30 = 94.2
        assert_eq!(points_for(1.0, 0.25, 240), 16); // 4.4: the least
        assert_eq!(points_for(f64::NAN, 0.25, 240), 240);
        assert_eq!(points_for(f64::INFINITY, 0.25, 240), 240);
        // Rings far larger than any canvas (a nearly singular A): the most, not a wrap.
        assert_eq!(points_for(1e30, 0.5, 96), 96);
        assert_eq!(points_for(1e300, 0.25, 240), 240);
    }

    /// The farthest a polygon of `pts` strays from the dense polygon `dense` (both in
    /// pixels): the largest distance from a chord's midpoint to the nearest dense chord.
    fn strays(pts: &[(f64, f64)], dense: &[(f64, f64)]) -> f64 {
        let to_chord = |m: (f64, f64), a: (f64, f64), b: (f64, f64)| {
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let k = (((m.0 - a.0) * dx + (m.1 - a.1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
            (a.0 + k * dx - m.0).hypot(a.1 + k * dy - m.1)
        };
        pts.windows(2)
            .map(|p| {
                let m = ((p[0].0 + p[1].0) / 2.0, (p[0].1 + p[1].1) / 2.0);
                dense
                    .windows(2)
                    .map(|d| to_chord(m, d[0], d[1]))
                    .fold(f64::INFINITY, f64::min)
            })
            .fold(0.0, f64::max)
    }

    #[test]
    fn a_curve_strays_from_its_ellipse_by_at_most_the_tolerance() {
        // The article's A (elongated and tilted) and a rounder one, on a 600 px plot, from
        // rings a few pixels across to rings far larger than the plot.
        for (a, b, d) in [(1.0, 0.0, 1.0), (3.0, 1.2, 1.0)] {
            let mut w = RegularizationWidget::article();
            w.q = Quadratic::new(a, b, d, [0.5, -0.25]).unwrap();
            let area = w.plot_area(700, 700, 1.0);
            let unit = w.unit_radius(&area);
            let c = w.q.center();
            let to = |u: &[f64; 2], r: f64| area.to_pixel([c[0] + r * u[0], c[1] + r * u[1]]);
            let dense = w.shape_around(c, 8_000);
            for r in [0.05, 0.2, 0.7, 2.0, 6.0] {
                for (tolerance, most) in [
                    (LINE_TOLERANCE, LINE_POINTS),
                    (CURVE_TOLERANCE, CURVE_POINTS),
                ] {
                    let n = points_for(r * unit, tolerance, most);
                    let pts: Vec<_> = w.shape_around(c, n).iter().map(|u| to(u, r)).collect();
                    let fine: Vec<_> = dense.iter().map(|u| to(u, r)).collect();
                    let off = strays(&pts, &fine);
                    // The dense curve's own chords stray under 1e-4 px at these sizes.
                    let bound = if n == most {
                        r * unit * std::f64::consts::PI.powi(2) / (2.0 * (n * n) as f64)
                    } else {
                        tolerance
                    };
                    assert!(
                        off <= bound * 1.01 + 1e-3,
                        "A = [[{a}, {b}], [{b}, {d}]], r = {r} ({:.0} px): {n} points stray {off:.3} px, more than {bound:.3}",
                        r * unit
                    );
                }
            }
        }
    }
}
