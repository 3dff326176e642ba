//! The `momentum-map` figure: how fast heavy-ball momentum converges on the quadratic
//! ½(x² + κy²), as a heat map of its rate over the learning rate η and the momentum β, with
//! the region where it diverges, the best pair (η*, β*), the reader's pair, and below it the
//! error ‖xₖ‖ of an actual run against the rate's prediction. The numbers come from
//! [`crate::math::momentum`].

use super::contour_plot::Fill;
use super::draw;
use super::format::{num, sci, sig};
use super::json::{Fields, Object};
use super::model::Shared;
use super::options::{self, OptionError, OptionErrorKind, Options};
use super::plot_area::PlotArea;
use super::race::quadratic;
use super::style::{self, px};
use super::widget::{self, Env, Input, Outcome, Paint, Part, Pass, Ui, Widget};
use super::{Drawn, Layer, Root};
use crate::math::momentum::{self, Setting};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::cell::Cell;

/// The condition numbers the figure takes.
pub const KAPPA: (f64, f64) = (1.0, 1000.0);
/// The map shows η from 0 to this over κ: past the divergence edge 2(1 + β)/κ for every β.
pub const LR_SPAN: f64 = 4.2;
/// The largest β the pointer and keys reach (β = 1 never converges).
pub const BETA_MAX: f64 = 0.999;
/// The error shrinks this many times in the "steps" readout.
pub const SHRINK: f64 = 1000.0;
/// Where the run under the map starts.
pub const START: [f64; 2] = [1.0, 1.0];

/// The fill of the region where momentum diverges.
const DIVERGES: RGBColor = RGBColor(0xd4, 0xd4, 0xd4);
/// The star's outer radius and the reader's point's radius (with its halo), CSS pixels.
const STAR: f64 = 9.0;
const DOT: f64 = 7.5;
/// The rates marked on the colour bar (evenly spaced on its scale, −log₁₀(1 − ρ)).
const TICKS: [f64; 5] = [0.0, 0.5, 0.9, 0.99, 0.999];

/// Where a rate sits on the colour scale, in [0, 1]: −log₁₀(1 − ρ)/3, so 0.9, 0.99 and
/// 0.999 (10, 100 and 1000 steps per e-fold, roughly) are evenly spaced and the slow
/// corner is not one flat colour.
#[must_use]
pub fn position(rate: f64) -> f64 {
    if rate >= 1.0 {
        1.0
    } else {
        (-(1.0 - rate.max(0.0)).log10() / 3.0).clamp(0.0, 1.0)
    }
}

/// The heat map's colour for a rate; the divergence region's grey for a rate of 1 or more.
#[must_use]
pub fn color(rate: f64) -> RGBColor {
    if rate < 1.0 {
        let [r, g, b] = style::heat(position(rate));
        RGBColor(r, g, b)
    } else {
        DIVERGES
    }
}

/// A 1-2-5 step at least `x` (x > 0).
fn nice_step(x: f64) -> f64 {
    let e = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * e)
        .find(|&s| s >= x * (1.0 - 1e-12))
        .unwrap_or(10.0 * e)
}

/// The optimum's numbers in `data-state`.
#[derive(Clone, Debug, PartialEq)]
pub struct Optimum {
    /// η* = 4/(√κ + 1)².
    pub lr: f64,
    /// β* = ((√κ − 1)/(√κ + 1))².
    pub beta: f64,
    /// Its rate, (√κ − 1)/(√κ + 1).
    pub rate: f64,
}

impl Fields for Optimum {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("lr", &self.lr)
            .field("beta", &self.beta)
            .field("rate", &self.rate);
    }
}

/// What `data-state` reports.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Always `"momentum-map"`.
    pub kind: &'static str,
    /// The condition number κ.
    pub kappa: f64,
    /// The learning rate η.
    pub lr: f64,
    /// The momentum β.
    pub beta: f64,
    /// The convergence rate: the error shrinks by this factor per step in the long run.
    pub rate: f64,
    /// Steps to shrink the error 1000 times, ln 1000/(−ln rate); absent if it diverges.
    pub steps: Option<f64>,
    /// The best η and β for κ, and their rate.
    pub optimum: Optimum,
    /// True if the rate is 1 or more.
    pub diverges: bool,
}

impl Fields for State {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("kind", &self.kind)
            .field("kappa", &self.kappa)
            .field("lr", &self.lr)
            .field("beta", &self.beta)
            .field("rate", &self.rate)
            .some("steps", &self.steps)
            .field("optimum", &self.optimum)
            .field("diverges", &self.diverges);
    }
}

/// The `momentum-map` widget: the map (press, drag or arrow keys set η and β), a log-scale κ
/// slider, *Go to optimum*, the readouts, and the run's error per step below.
#[derive(Clone, Debug)]
pub struct MomentumMapWidget {
    setting: Setting,
    /// Bumped when κ changes (the map's static layer).
    revision: u64,
    /// While the map is dragged: the run chart's axes, which then only widen (see
    /// [`run_axes`](Self::run_axes)).
    held: Cell<Option<RunAxes>>,
}

/// The run chart's axes: steps 0 to `last`, and log₁₀‖xₖ‖ from `lo` to `hi` (whole decades).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunAxes {
    /// The last step on the axis.
    pub last: f64,
    /// The lowest decade.
    pub lo: f64,
    /// The highest decade.
    pub hi: f64,
}

/// The run's length on a held axis: the next of 20, 50, 100, 200 and 400 steps (its most).
fn held_last(last: f64) -> f64 {
    [20.0, 50.0, 100.0, 200.0, 400.0]
        .into_iter()
        .find(|&m| m >= last)
        .unwrap_or(last)
}

/// The readouts' ids, in order.
const READOUTS: [&str; 5] = ["lr", "beta", "rate", "steps", "best"];
/// The slider moves log₁₀ κ.
const SLIDER: &str = "kappa";

impl Default for MomentumMapWidget {
    /// κ = 10 with PyTorch's usual β = 0.9 and η = 0.1: a common choice that converges, but
    /// in the oscillating (complex) regime at rate √0.9 ≈ 0.949, 132 steps per 1000×,
    /// while the optimum nearby needs 11: the gap the map is about.
    fn default() -> Self {
        Self::new(Setting {
            kappa: 10.0,
            lr: 0.1,
            beta: 0.9,
        })
    }
}

impl MomentumMapWidget {
    /// The widget at `setting` (taken as it is: see [`from_options`](Self::from_options) for
    /// the checks).
    #[must_use]
    pub fn new(setting: Setting) -> Self {
        Self {
            setting,
            revision: 0,
            held: Cell::new(None),
        }
    }

    /// Reads `data-kappa` (1 to 1000), `data-lr` (above 0, at most 4.2/κ: the map's range)
    /// and `data-beta` (from 0, below 1).
    ///
    /// # Errors
    /// The first unusable option: not a number, or [`OptionErrorKind::OutOfRange`].
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        let d = Self::default().setting;
        let out_of_range = |key: &str, why: String| {
            OptionError::new(
                key,
                &opts.get(key).unwrap_or_default(),
                OptionErrorKind::OutOfRange(why),
            )
        };
        let kappa = options::number(opts, "data-kappa", d.kappa)?;
        if !(KAPPA.0..=KAPPA.1).contains(&kappa) {
            return Err(out_of_range(
                "data-kappa",
                "a condition number from 1 to 1000".into(),
            ));
        }
        // η = 1/κ unless given (0.1 at the default κ = 10): on the map for every κ.
        let lr = options::number(opts, "data-lr", d.lr * d.kappa / kappa)?;
        let lr_max = LR_SPAN / kappa;
        if !(lr > 0.0 && lr <= lr_max) {
            return Err(out_of_range(
                "data-lr",
                format!(
                    "a learning rate above 0, at most 4.2/κ = {} (the map's range for κ = {})",
                    sig(lr_max, 4),
                    sig(kappa, 4)
                ),
            ));
        }
        let beta = options::number(opts, "data-beta", d.beta)?;
        if !(0.0..1.0).contains(&beta) {
            return Err(out_of_range(
                "data-beta",
                "a momentum from 0, below 1".into(),
            ));
        }
        Ok(Self::new(Setting { kappa, lr, beta }))
    }

    /// The still picture: the default setting.
    #[must_use]
    pub fn article() -> Self {
        Self::default()
    }

    /// The setting shown.
    #[must_use]
    pub fn setting(&self) -> Setting {
        self.setting
    }

    /// The largest η on the map, 4.2/κ.
    #[must_use]
    pub fn lr_max(&self) -> f64 {
        LR_SPAN / self.setting.kappa
    }

    /// Moves to `s`, brought onto the map (κ in 1…1000, η in 0.001…1 of the map's width, β in
    /// 0…0.999); non-finite values are refused. True if anything changed.
    pub fn set(&mut self, s: Setting) -> bool {
        if !(s.kappa.is_finite() && s.lr.is_finite() && s.beta.is_finite()) {
            return false;
        }
        let kappa = s.kappa.clamp(KAPPA.0, KAPPA.1);
        let lr_max = LR_SPAN / kappa;
        let s = Setting {
            kappa,
            lr: s.lr.clamp(lr_max * 1e-3, lr_max),
            beta: s.beta.clamp(0.0, BETA_MAX),
        };
        if s == self.setting {
            return false;
        }
        if s.kappa != self.setting.kappa {
            self.revision += 1;
        }
        self.setting = s;
        true
    }

    /// A point of the map, rounded for readouts and links (η to 3 significant digits, β to
    /// 0.001: finer than a pixel).
    fn set_at(&mut self, [lr, beta]: [f64; 2]) -> bool {
        let lr = round_sig(lr.max(self.lr_max() * 1e-3), 3);
        let beta = (beta * 1000.0).round() / 1000.0;
        self.set(Setting {
            lr,
            beta,
            ..self.setting
        })
    }

    /// A new κ, keeping ηκ (the point's place on the map, whose η axis is in units of 1/κ)
    /// and β.
    fn set_kappa(&mut self, kappa: f64) -> bool {
        let kappa = kappa.clamp(KAPPA.0, KAPPA.1);
        let lr = self.setting.lr * self.setting.kappa / kappa;
        let lr = round_sig(lr, 3);
        self.set(Setting {
            kappa,
            lr,
            ..self.setting
        })
    }

    /// An arrow key: η by a 1-2-5 step near 1% of the map's width (10% with Shift), β by
    /// 0.01 (0.1), on the step's grid.
    fn key(&mut self, key: &str, coarse: bool) -> Option<bool> {
        let f = if coarse { 0.1 } else { 0.01 };
        let (dl, db) = (nice_step(self.lr_max() * f), f);
        let on = |v: f64, d: f64, by: f64| ((v / d).round() + by) * d;
        let Setting { lr, beta, .. } = self.setting;
        let (lr, beta) = match key {
            "ArrowLeft" => (on(lr, dl, -1.0), beta),
            "ArrowRight" => (on(lr, dl, 1.0), beta),
            "ArrowUp" => (lr, on(beta, db, 1.0)),
            "ArrowDown" => (lr, on(beta, db, -1.0)),
            _ => return None,
        };
        // Rounded to 10 decimals: ten steps of 0.01 from 0.9 land on 1.0, not 0.99999….
        let snap = |v: f64| (v * 1e10).round() / 1e10;
        Some(self.set(Setting {
            lr: snap(lr),
            beta: snap(beta),
            ..self.setting
        }))
    }

    /// The state for `data-state`.
    #[must_use]
    pub fn state(&self) -> State {
        let s = self.setting;
        let rate = s.rate();
        let o = momentum::optimum(s.kappa);
        State {
            kind: "momentum-map",
            kappa: s.kappa,
            lr: s.lr,
            beta: s.beta,
            rate,
            steps: momentum::steps_to_shrink(rate, SHRINK),
            optimum: Optimum {
                lr: o.lr,
                beta: o.beta,
                rate: o.rate(),
            },
            diverges: s.diverges(),
        }
    }

    /// Layout in CSS pixels: margin, the colour bar's band above the plot, right margin,
    /// x-label band, y-label band.
    const FRAME: [f64; 5] = [10.0, 72.0, 18.0, 40.0, 52.0];

    /// The map's canvas height for a backing `width`.
    #[must_use]
    pub fn map_height(width: u32, scale: f64) -> u32 {
        let [m, top, right, xl, yl] = Self::FRAME;
        let plot_w = (f64::from(width) - (m + right + yl) * scale).max(1.0);
        let plot_h = (plot_w * 0.72).clamp(150.0 * scale, 420.0 * scale);
        (plot_h + (top + xl + m) * scale).round() as u32
    }

    /// The chart's canvas height.
    #[must_use]
    pub fn chart_height(_width: u32, scale: f64) -> u32 {
        px(210.0, scale)
    }

    /// Draws the map: `layer` picks the static part (fill, divergence region, optimum, axes,
    /// colour bar), the moving part (the reader's point and its mark on the colour bar), or
    /// both. Returns the plot's pixel↔data mapping.
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw_map<B: DrawingBackend>(
        &self,
        root: &Root<B>,
        layer: Layer,
        fill: Fill<'_>,
        scale: f64,
    ) -> Drawn<PlotArea> {
        let [m, top, right, xl, yl] = Self::FRAME;
        let lr_max = self.lr_max();
        let background = matches!(layer, Layer::Background | Layer::All);
        if background {
            root.fill(&WHITE)?;
        }
        let mut chart = style::chart(
            root,
            scale,
            [m, top, right, xl, yl],
            (0f64..lr_max, 0f64..1f64),
        )?;
        let area = PlotArea::from_chart(root, &chart, (0.0, lr_max), (0.0, 1.0));
        if !background {
            // Only the fill, when one is asked for ([`Layer::Fill`]).
            if let Fill::External(paint) = fill {
                paint(&area.offset(root.get_base_pixel()));
            }
        } else {
            let kappa = self.setting.kappa;
            match fill {
                Fill::Cells(n) => {
                    let nx = n.max(1);
                    let ny = ((nx as f64) * (area.bottom - area.top) / (area.right - area.left))
                        .round()
                        .max(1.0) as usize;
                    let grid = momentum::rate_grid(kappa, (0.0, lr_max), (0.0, 1.0), nx, ny);
                    let (w, h) = (lr_max / nx as f64, 1.0 / ny as f64);
                    // A cell whose centre diverges but which the edge crosses takes the
                    // colour half a cell inside the edge; the exact grey region is drawn
                    // over its diverging part.
                    let cells = grid.iter().enumerate().map(|(k, &r)| {
                        let (x, y) = ((k % nx) as f64 * w, (k / nx) as f64 * h);
                        let r = if r < 1.0 {
                            r
                        } else {
                            let inside = momentum::divergence_lr(y + h / 2.0, kappa) - w / 2.0;
                            momentum::rate(inside.max(0.0), y + h / 2.0, kappa)
                        };
                        Rectangle::new([(x, y), (x + w, y + h)], color(r).filled())
                    });
                    chart.draw_series(cells)?;
                }
                Fill::External(paint) => paint(&area.offset(root.get_base_pixel())),
                Fill::None => {}
            }
            let font = style::font(12.0, scale);
            let narrow = area.right - area.left < 380.0 * scale;
            let decimals = (2.0 - lr_max.log10().floor()).max(0.0) as usize;
            chart
                .configure_mesh()
                .disable_mesh()
                .x_labels(if narrow { 5 } else { 9 })
                .y_labels(6)
                .x_desc("learning rate η")
                .y_desc("momentum β")
                .x_label_formatter(&|v| num(*v, decimals))
                .y_label_formatter(&|v| num(*v, 2))
                .label_style(font.clone())
                .axis_desc_style(font)
                .axis_style(ShapeStyle::from(&style::INK).stroke_width(px(1.0, scale)))
                .set_all_tick_mark_size(px(4.0, scale))
                .draw()?;
            self.draw_static(root, &area, scale)?;
        }
        if matches!(layer, Layer::Overlay | Layer::All) {
            self.draw_moving(root, &area, scale)?;
        }
        Ok(area)
    }

    /// The divergence region, the optimum and the colour bar.
    fn draw_static<B: DrawingBackend>(&self, root: &Root<B>, area: &PlotArea, scale: f64) -> Drawn {
        let kappa = self.setting.kappa;
        let lr_max = self.lr_max();
        let to = |p: [f64; 2]| area.to_pixel(p);
        // Diverges where η ≥ 2(1 + β)/κ: right of the line from (2/κ, 0) to (4/κ, 1).
        let region = [
            to([momentum::divergence_lr(0.0, kappa), 0.0]),
            to([lr_max, 0.0]),
            to([lr_max, 1.0]),
            to([momentum::divergence_lr(1.0, kappa), 1.0]),
        ];
        hatched(root, &region, scale)?;
        let edge = ShapeStyle::from(&style::INK).stroke_width(px(1.5, scale));
        root.draw(&PathElement::new(
            vec![ipt(region[0]), ipt(region[3])],
            edge,
        ))?;
        // The optimum: a white star.
        let o = momentum::optimum(kappa);
        star(root, to([o.lr, o.beta]), STAR * scale)?;
        for l in self.fixed_labels(root, area, scale) {
            draw::label(root, &l.text, l.at, 12.0, style::INK, scale)?;
        }
        self.draw_bar(root, area, scale)
    }

    /// The static layer's labels: "diverges" in its region, and the optimum's rate above and
    /// right of its star; both inside the plot.
    fn fixed_labels<B: DrawingBackend>(
        &self,
        root: &Root<B>,
        area: &PlotArea,
        scale: f64,
    ) -> [Label; 2] {
        let kappa = self.setting.kappa;
        let diverges = Label::new(
            root,
            "diverges".to_owned(),
            area.to_pixel([
                (momentum::divergence_lr(0.15, kappa) + self.lr_max()) / 2.0,
                0.15,
            ]),
            scale,
        );
        let o = momentum::optimum(kappa);
        let text = format!("optimum ρ = {}", rate_text(o.rate(), 3));
        let star = area.to_pixel([o.lr, o.beta]);
        let optimum = Label::new(root, text, star, scale).beside(
            star,
            STAR * scale,
            std::slice::from_ref(&diverges),
            area,
            scale,
        );
        [diverges, optimum]
    }

    /// The colour bar above the plot: the rate's colours with the rates of [`TICKS`], and a
    /// grey hatched swatch for "diverges".
    fn draw_bar<B: DrawingBackend>(&self, root: &Root<B>, area: &PlotArea, scale: f64) -> Drawn {
        let (y0, y1, x0, x1, sw) = bar(root, area, scale);
        let steps = ((x1 - x0) / scale).max(1.0).round() as usize;
        for i in 0..steps {
            let t = (i as f64 + 0.5) / steps as f64;
            let [r, g, b] = style::heat(t);
            let a = x0 + (x1 - x0) * i as f64 / steps as f64;
            let b2 = x0 + (x1 - x0) * (i + 1) as f64 / steps as f64;
            root.draw(&Rectangle::new(
                [ipt((a, y0)), ipt((b2 + 1.0, y1))],
                RGBColor(r, g, b).filled(),
            ))?;
        }
        let swatch = [(sw.0, y0), (sw.1, y0), (sw.1, y1), (sw.0, y1)];
        hatched(root, &swatch, scale)?;
        let frame = ShapeStyle::from(&style::INK.mix(0.6)).stroke_width(px(1.0, scale));
        for (a, b) in [(x0, x1), sw] {
            root.draw(&Rectangle::new([ipt((a, y0)), ipt((b, y1))], frame))?;
        }
        let font = |h: HPos| style::font(11.0, scale).pos(Pos::new(h, VPos::Top));
        let ty = y1 + 3.0 * scale;
        // Each tick's label spans [from, to] as measured; a label that would come within
        // `gap` of one already drawn (or of the last, always drawn) is left out, so on a
        // narrow bar 0 and 0.5 do not touch.
        let gap = 8.0 * scale;
        let spans: Vec<(f64, f64, HPos)> = TICKS
            .into_iter()
            .enumerate()
            .map(|(k, r)| {
                let x = x0 + (x1 - x0) * position(r);
                let w = draw::measure(root, &num(r, 3), 11.0, scale);
                match k {
                    0 => (x, x + w, HPos::Left),
                    k if k + 1 == TICKS.len() => (x - w, x, HPos::Right),
                    _ => (x - w / 2.0, x + w / 2.0, HPos::Center),
                }
            })
            .collect();
        let last = spans[spans.len() - 1].0;
        let mut drawn_to = f64::NEG_INFINITY;
        for (k, (r, &(from, to, h))) in TICKS.iter().zip(&spans).enumerate() {
            let x = x0 + (x1 - x0) * position(*r);
            root.draw(&PathElement::new(
                vec![ipt((x, y1)), ipt((x, y1 + 2.0 * scale))],
                frame,
            ))?;
            let is_last = k + 1 == TICKS.len();
            if !is_last && (from < drawn_to + gap || to + gap > last) {
                continue;
            }
            root.draw(&Text::new(num(*r, 3), ipt((x, ty)), font(h)))?;
            drawn_to = to;
        }
        root.draw(&Text::new(
            "diverges",
            ipt(((sw.0 + sw.1) / 2.0, ty)),
            font(HPos::Center),
        ))?;
        let caption = style::font(12.0, scale).pos(Pos::new(HPos::Left, VPos::Bottom));
        root.draw(&Text::new(
            "rate ρ: the error × ρ each step",
            ipt((x0, y0 - 11.0 * scale)),
            caption,
        ))?;
        Ok(())
    }

    /// The reader's point, its rate beside it, and its mark on the colour bar.
    fn draw_moving<B: DrawingBackend>(&self, root: &Root<B>, area: &PlotArea, scale: f64) -> Drawn {
        let s = self.setting;
        let rate = s.rate();
        let p = area.to_pixel([s.lr, s.beta]);
        let text = if rate < 1.0 {
            format!("ρ = {}", rate_text(rate, 3))
        } else {
            format!("diverges: ρ = {}", sig(rate, 3))
        };
        // Beside the point where it covers neither the other labels nor the star.
        let [diverges, optimum] = self.fixed_labels(root, area, scale);
        let o = momentum::optimum(s.kappa);
        let star = Label::disc(area.to_pixel([o.lr, o.beta]), STAR * scale);
        let chosen = Label::new(root, text, p, scale).beside(
            p,
            DOT * scale,
            &[diverges, optimum, star],
            area,
            scale,
        );
        let (text, at) = (&chosen.text, chosen.at);
        draw::label(root, text, at, 12.0, style::INK, scale)?;
        draw::dot(root, ipt(p), DOT, 5.5, style::POINT, scale)?;
        // Its rate on the colour bar: a triangle pointing down at it.
        let (y0, _, x0, x1, sw) = bar(root, area, scale);
        let x = if rate < 1.0 {
            x0 + (x1 - x0) * position(rate)
        } else {
            (sw.0 + sw.1) / 2.0
        };
        let r = 6.0 * scale;
        let tri = vec![
            ipt((x, y0 + 1.0 * scale)),
            ipt((x - r, y0 - r * 1.3)),
            ipt((x + r, y0 - r * 1.3)),
        ];
        root.draw(&Polygon::new(tri.clone(), style::POINT.filled()))?;
        let mut outline = tri;
        outline.push(outline[0]);
        root.draw(&PathElement::new(
            outline,
            ShapeStyle::from(&WHITE).stroke_width(px(1.0, scale)),
        ))?;
        Ok(())
    }

    /// The error of a run from [`START`] per step, log₁₀‖xₖ‖ for k = 0, 1, … (up to where it
    /// lands on the minimum), and the steps it is run for.
    fn run(&self) -> (Vec<(f64, f64)>, usize) {
        let s = self.setting;
        let steps = match momentum::steps_to_shrink(s.rate(), 1e8) {
            Some(k) => (k.min(399.0).ceil() as usize + 1).clamp(20, 400),
            None => 60,
        };
        let run = momentum::norms(s, START, steps, 1e8);
        // A run that lands on the minimum (κ = 1, η = 1) ends there, at the bottom edge.
        let end = run
            .iter()
            .position(|&n| n == 0.0)
            .map_or(run.len(), |k| k + 1);
        let logs = run[..end]
            .iter()
            .enumerate()
            .map(|(k, &n)| (k as f64, n.log10()))
            .collect();
        (logs, run.len())
    }

    /// The run chart's axes: fitted to the run, or while the map is dragged, every run's
    /// since the press, the steps rounded up to 20, 50, 100, 200 or 400. Each move of a drag
    /// gives a new run, whose fitted axes (the chart's static layer) would change in frame
    /// after frame; held, they change a few times in a drag.
    fn run_axes(&self) -> RunAxes {
        let (logs, len) = self.run();
        self.axes_of(&logs, len)
    }

    /// [`run_axes`](Self::run_axes) for a run already computed ([`run`](Self::run)).
    fn axes_of(&self, logs: &[(f64, f64)], len: usize) -> RunAxes {
        let finite = logs.iter().map(|p| p.1).filter(|v| v.is_finite());
        let hi = finite
            .clone()
            .fold(f64::NEG_INFINITY, f64::max)
            .max(0.5)
            .ceil();
        let lo = finite
            .fold(f64::INFINITY, f64::min)
            .clamp(-8.0, -1.0)
            .floor();
        let fitted = RunAxes {
            last: (len - 1).max(1) as f64,
            lo,
            hi,
        };
        match self.held.get() {
            None => fitted,
            Some(h) => {
                let held = RunAxes {
                    last: held_last(h.last.max(fitted.last)),
                    lo: h.lo.min(fitted.lo),
                    hi: h.hi.max(fitted.hi),
                };
                self.held.set(Some(held));
                held
            }
        }
    }

    /// Holds the run chart's axes while the map is dragged (`on`), or lets them fit the run
    /// again; true if that changed them.
    fn hold_run_axes(&self, on: bool) -> bool {
        let before = self.run_axes();
        self.held.set(None);
        if on {
            self.held.set(Some(before));
        }
        self.run_axes() != before
    }

    /// The error of a run from [`START`] per step, on a log scale, against ‖x₀‖ρᵏ: `layer`
    /// picks the axes, the lines and the legend over them, or both.
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw_run<B: DrawingBackend>(&self, root: &Root<B>, layer: Layer, scale: f64) -> Drawn {
        let rate = self.setting.rate();
        let (logs, len) = self.run();
        let RunAxes { last, lo, hi } = self.axes_of(&logs, len);
        let background = matches!(layer, Layer::Background | Layer::All);
        if background {
            root.fill(&WHITE)?;
        }
        let font = style::font(12.0, scale);
        let mut chart = style::chart(
            root,
            scale,
            [10.0, 0.0, 18.0, 38.0, 52.0],
            (0f64..last, lo..hi),
        )?;
        let y_label = |v: &f64| {
            if (v - v.round()).abs() < 1e-9 {
                sci(10f64.powf(v.round()), 1)
            } else {
                String::new()
            }
        };
        if background {
            style::grid(&mut chart.configure_mesh(), 0.1)
                .x_desc("step k")
                .y_desc("‖xₖ‖ (log scale)")
                .x_label_formatter(&|v| num(*v, 0))
                .y_label_formatter(&y_label)
                .y_labels(((hi - lo) as usize + 1).min(7))
                .x_labels(6)
                .label_style(font.clone())
                .axis_desc_style(font)
                .draw()?;
        }
        if !matches!(layer, Layer::Overlay | Layer::All) {
            return Ok(());
        }
        let area = PlotArea::from_chart(root, &chart, (0.0, last), (lo, hi));
        // The prediction ‖x₀‖ρᵏ: a straight line of slope log₁₀ρ on this scale, up to where
        // it leaves the plot through its top or bottom.
        let l0 = START[0].hypot(START[1]).log10();
        let slope = rate.log10();
        if slope.is_finite() {
            let edge = if slope < 0.0 { lo } else { hi };
            let k_out = if slope == 0.0 {
                last
            } else {
                ((edge - l0) / slope).clamp(0.0, last)
            };
            let at = |k: f64| area.to_pixel([k, (l0 + k * slope).clamp(lo, hi)]);
            let dash = ShapeStyle::from(&style::INK).stroke_width(px(1.5, scale));
            draw::dashed(root, at(0.0), at(k_out), dash, 6.0 * scale, 4.0 * scale)?;
        }
        let line = ShapeStyle::from(&style::POINT).stroke_width(px(2.0, scale));
        chart.draw_series(LineSeries::new(
            logs.iter().map(|&(k, l)| (k, l.clamp(lo, hi))),
            line,
        ))?;
        let ours = "‖xₖ‖ from (1, 1)";
        let predicted = format!("‖x₀‖·ρᵏ, ρ = {}", rate_text(rate, 3));
        let corner = if rate < 1.0 {
            draw::Corner::UpperRight
        } else {
            draw::Corner::LowerRight
        };
        draw::legend(
            root,
            &area,
            &[
                (ours, style::POINT, draw::Mark::Line),
                (&predicted, style::INK, draw::Mark::Dashed),
            ],
            corner,
            scale,
        )
    }

    /// The sentence the summary, the live region and the canvas's label share.
    fn sentence(&self) -> String {
        let s = self.state();
        let head = format!(
            "κ = {}, η = {}, β = {}: ",
            sig(s.kappa, 4),
            sig(s.lr, 3),
            num(s.beta, 3)
        );
        let body = match s.steps {
            Some(_) if s.rate == 0.0 => "the first step lands on the minimum (ρ = 0).".to_owned(),
            Some(k) => format!(
                "the error shrinks by ρ = {} per step, 1000× in {} steps.",
                rate_text(s.rate, 3),
                steps_text(k)
            ),
            None => format!(
                "it diverges: ρ = {} ≥ 1, η is past 2(1 + β)/κ = {}.",
                sig(s.rate, 3),
                sig(momentum::divergence_lr(s.beta, s.kappa), 3)
            ),
        };
        format!("{head}{body}")
    }

    /// What the best choices give, for the summary.
    fn comparison(&self) -> String {
        let kappa = self.setting.kappa;
        let o = self.state().optimum;
        let gd = (kappa - 1.0) / (kappa + 1.0);
        let steps = |r: f64| {
            momentum::steps_to_shrink(r, SHRINK).map_or_else(|| "—".to_owned(), steps_text)
        };
        format!(
            "Best with momentum: η* = {}, β* = {}, ρ = {} ({} steps); best without (β = 0, η = 2/(1 + κ)): ρ = {} ({} steps).",
            sig(o.lr, 3),
            sig(o.beta, 3),
            rate_text(o.rate, 3),
            steps(o.rate),
            rate_text(gd, 3),
            steps(gd)
        )
    }
}

/// Steps as the readouts show them: whole steps, rounded up ("≤ 1" below one).
fn steps_text(k: f64) -> String {
    if k <= 1.0 {
        "≤ 1".to_owned()
    } else {
        num(k.ceil(), 0)
    }
}

/// A boxed label as [`draw::label`] draws it: its text, centre, width and height in pixels.
#[derive(Clone, Debug)]
struct Label {
    text: String,
    at: (f64, f64),
    w: f64,
    h: f64,
}

impl Label {
    fn new<B: DrawingBackend>(root: &Root<B>, text: String, at: (f64, f64), scale: f64) -> Self {
        let w = draw::measure(root, &text, 12.0, scale) + 6.0 * scale;
        Self {
            text,
            at,
            w,
            h: 15.0 * scale,
        }
    }

    /// Moved (the least) to lie inside the plot.
    fn inside(&mut self, area: &PlotArea, scale: f64) {
        let (mx, my) = (self.w / 2.0 + 2.0 * scale, self.h / 2.0 + 2.0 * scale);
        self.at = (
            self.at
                .0
                .clamp(area.left + mx, (area.right - mx).max(area.left + mx)),
            self.at
                .1
                .clamp(area.top + my, (area.bottom - my).max(area.top + my)),
        );
    }

    /// The box around a disc of radius `r` (an obstacle for labels).
    fn disc(c: (f64, f64), r: f64) -> Self {
        Self {
            text: String::new(),
            at: c,
            w: 2.0 * r,
            h: 2.0 * r,
        }
    }

    /// This label moved beside a marker of radius `r` at `p`: above it, else below, right,
    /// left, at the four diagonals, then farther right or left: the first place inside the
    /// plot that covers neither the marker nor `others`; where none is free, the one that
    /// covers the least of them.
    fn beside(self, p: (f64, f64), r: f64, others: &[Label], area: &PlotArea, scale: f64) -> Self {
        let marker = Self::disc(p, r);
        let (dy, dx) = (
            r + self.h / 2.0 + 3.0 * scale,
            r + self.w / 2.0 + 4.0 * scale,
        );
        let far = dx + self.w / 2.0 + 40.0 * scale;
        let offsets = [
            (0.0, -dy),
            (0.0, dy),
            (dx, 0.0),
            (-dx, 0.0),
            (dx, -dy),
            (-dx, -dy),
            (dx, dy),
            (-dx, dy),
            (far, 0.0),
            (-far, 0.0),
        ];
        let covered = |l: &Label| -> f64 {
            std::iter::once(&marker)
                .chain(others)
                .map(|o| l.overlap(o))
                .sum()
        };
        let mut best: Option<(f64, Label)> = None;
        for (x, y) in offsets {
            let mut l = self.clone();
            l.at = (p.0 + x, p.1 + y);
            l.inside(area, scale);
            let c = covered(&l);
            if c == 0.0 {
                return l;
            }
            if !matches!(&best, Some((b, _)) if *b <= c) {
                best = Some((c, l));
            }
        }
        best.map_or(self, |(_, l)| l)
    }

    /// The area the two boxes share, with a pixel to spare around each (0 if apart).
    fn overlap(&self, other: &Label) -> f64 {
        let w = (self.w + other.w) / 2.0 + 1.0 - (self.at.0 - other.at.0).abs();
        let h = (self.h + other.h) / 2.0 + 1.0 - (self.at.1 - other.at.1).abs();
        w.max(0.0) * h.max(0.0)
    }
}

/// A rate below 1 with enough digits to show it is below 1 (0.9995, not "1"); 3 significant
/// digits otherwise.
fn rate_text(rate: f64, digits: usize) -> String {
    (digits..=15)
        .map(|d| sig(rate, d))
        .find(|t| rate >= 1.0 || t.parse::<f64>().is_ok_and(|v| v < 1.0))
        .unwrap_or_else(|| sig(rate, 15))
}

/// `v` rounded to `digits` significant digits, as the readouts show it.
fn round_sig(v: f64, digits: usize) -> f64 {
    sig(v, digits).parse().unwrap_or(v)
}

fn ipt(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// The colour bar's geometry in device pixels: top and bottom, the colours' left and right
/// ends, and the "diverges" swatch's left and right.
fn bar<B: DrawingBackend>(
    root: &Root<B>,
    area: &PlotArea,
    scale: f64,
) -> (f64, f64, f64, f64, (f64, f64)) {
    let y1 = area.top - 22.0 * scale;
    let y0 = y1 - 10.0 * scale;
    let sw_w = draw::measure(root, "diverges", 11.0, scale) + 8.0 * scale;
    let sw = (area.right - sw_w, area.right);
    (y0, y1, area.left, sw.0 - 10.0 * scale, sw)
}

/// A five-pointed white star with an ink outline, centred on `c`, of outer radius `r` pixels.
fn star<B: DrawingBackend>(root: &Root<B>, c: (f64, f64), r: f64) -> Drawn {
    let pts: Vec<(i32, i32)> = (0..10)
        .map(|k| {
            let a = std::f64::consts::PI * (k as f64 / 5.0 - 0.5);
            let rr = if k % 2 == 0 { r } else { r * 0.45 };
            ipt((c.0 + rr * a.cos(), c.1 + rr * a.sin()))
        })
        .collect();
    root.draw(&Polygon::new(pts.clone(), WHITE.filled()))?;
    let mut outline = pts;
    outline.push(outline[0]);
    let w = (r / 6.0).max(1.0).round() as u32;
    root.draw(&PathElement::new(
        outline,
        ShapeStyle::from(&style::INK).stroke_width(w),
    ))?;
    Ok(())
}

/// Fills the convex polygon `poly` (device pixels) grey and hatches it with diagonal lines.
fn hatched<B: DrawingBackend>(root: &Root<B>, poly: &[(f64, f64)], scale: f64) -> Drawn {
    root.draw(&Polygon::new(
        poly.iter().copied().map(ipt).collect::<Vec<_>>(),
        DIVERGES.filled(),
    ))?;
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    let (mut xmin, mut xmax) = (f64::INFINITY, f64::NEG_INFINITY);
    for &(x, y) in poly {
        lo = lo.min(x + y);
        hi = hi.max(x + y);
        xmin = xmin.min(x);
        xmax = xmax.max(x);
    }
    let gap = 7.0 * scale;
    let line = ShapeStyle::from(&style::MUTED.mix(0.55)).stroke_width(px(1.0, scale));
    // Lines x + y = c (rising to the right on screen), every `gap` along c.
    let mut c = (lo / gap).ceil() * gap;
    while c <= hi {
        let (a, b) = ((xmin - 1.0, c - xmin + 1.0), (xmax + 1.0, c - xmax - 1.0));
        if let Some((p, q)) = clip(a, b, poly) {
            root.draw(&PathElement::new(vec![ipt(p), ipt(q)], line))?;
        }
        c += gap;
    }
    Ok(())
}

/// The part of the segment `a`–`b` inside the convex polygon `poly` (Cyrus–Beck).
fn clip(a: (f64, f64), b: (f64, f64), poly: &[(f64, f64)]) -> Option<((f64, f64), (f64, f64))> {
    let n = poly.len() as f64;
    let centre = poly
        .iter()
        .fold((0.0, 0.0), |s, p| (s.0 + p.0 / n, s.1 + p.1 / n));
    let d = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (i, &p) in poly.iter().enumerate() {
        let q = poly[(i + 1) % poly.len()];
        let mut normal = (-(q.1 - p.1), q.0 - p.0);
        if (centre.0 - p.0) * normal.0 + (centre.1 - p.1) * normal.1 < 0.0 {
            normal = (-normal.0, -normal.1);
        }
        let start = (a.0 - p.0) * normal.0 + (a.1 - p.1) * normal.1;
        let along = d.0 * normal.0 + d.1 * normal.1;
        if along == 0.0 {
            if start < 0.0 {
                return None;
            }
        } else {
            let t = -start / along;
            if along > 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 < t1).then_some((
        (a.0 + d.0 * t0, a.1 + d.1 * t0),
        (a.0 + d.0 * t1, a.1 + d.1 * t1),
    ))
}

impl Widget for MomentumMapWidget {
    fn layout(&self) -> Vec<Part> {
        vec![
            Part::Canvas(widget::canvas(
                "map",
                "Heat map of momentum's convergence rate over learning rate and momentum",
                Paint::Filled,
            )),
            widget::toolbar(vec![
                widget::button("optimum", "Go to optimum", true),
                Part::Slider {
                    id: SLIDER,
                    caption: "κ",
                    range: (KAPPA.0.log10(), KAPPA.1.log10(), 0.01),
                    label: Some("condition number κ, log scale"),
                },
            ]),
            Part::Readouts(vec![
                (READOUTS[0], "learning rate η", None),
                (READOUTS[1], "momentum β", None),
                (
                    READOUTS[2],
                    "rate ρ",
                    Some("the spectral radius of the iteration matrix, worse of the two directions"),
                ),
                (READOUTS[3], "steps per 1000×", Some("steps to shrink the error 1000×: ln 1000 / (−ln ρ)")),
                (READOUTS[4], "optimum (η*, β*)", None),
            ]),
            widget::text("summary", "gdviz-summary", ""),
            Part::Canvas(widget::chart(
                "run",
                "The error per step of a run from (1, 1), log scale",
                Paint::Layered,
            )),
            widget::text(
                "hint",
                "gdviz-hint",
                "Press or drag on the map to choose η and β (or focus it and use the arrow keys; Shift for bigger steps). The star is the best pair for this κ.",
            ),
            Part::Live,
        ]
    }

    fn height(&self, canvas: usize, width: u32, ratio: f64) -> u32 {
        if canvas == 0 {
            Self::map_height(width, ratio)
        } else {
            Self::chart_height(width, ratio)
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
            self.draw_map(root, layer, fill, ratio).map(Some)
        } else {
            self.draw_run(root, layer, ratio).map(|()| None)
        }
    }

    /// The map's pixels: each coloured by the rate at its centre.
    fn fill(&self, _canvas: usize, area: &PlotArea, width: usize, height: usize) -> Vec<u8> {
        let kappa = self.setting.kappa;
        let lrs: Vec<f64> = (0..width)
            .map(|i| area.to_data(area.left + i as f64 + 0.5, area.top)[0])
            .collect();
        let mut out = vec![0; width * height * 4];
        if width == 0 {
            return out;
        }
        for (j, row) in out.chunks_exact_mut(width * 4).enumerate() {
            let beta = area.to_data(area.left, area.top + j as f64 + 0.5)[1];
            for (pixel, &lr) in row.chunks_exact_mut(4).zip(&lrs) {
                let RGBColor(r, g, b) = color(momentum::rate(lr, beta, kappa));
                pixel.copy_from_slice(&[r, g, b, 255]);
            }
        }
        out
    }

    fn revision(&self, canvas: usize) -> u64 {
        if canvas == 0 {
            self.revision
        } else {
            // The run chart's static layer: its axes.
            let a = self.run_axes();
            a.last.to_bits() ^ a.lo.to_bits().rotate_left(21) ^ a.hi.to_bits().rotate_left(42)
        }
    }

    fn input(&mut self, input: &Input<'_>, _env: &Env<'_>) -> Outcome {
        let changed = match *input {
            Input::Press(p) if p.canvas == 0 => match widget::on_area(&p, 6.0) {
                Some(a) => {
                    self.hold_run_axes(true);
                    self.set_at(a.to_data(p.x, p.y));
                    // A press on the map starts a drag even where the value stays.
                    return Outcome::Shared;
                }
                None => return Outcome::Ignored,
            },
            Input::Drag(p) if p.canvas == 0 => match p.area {
                Some(a) => self.set_at(a.to_data(p.x, p.y)),
                None => false,
            },
            Input::Key {
                canvas: 0,
                key,
                shift,
            } => match self.key(key, shift) {
                Some(changed) => {
                    // A key the map uses is taken (no scrolling) even at an edge.
                    return if changed {
                        Outcome::Shared
                    } else {
                        Outcome::Changed
                    };
                }
                None => false,
            },
            // The drag on the map ended: the run chart's axes fit the run again.
            Input::Release(0) => return Outcome::from(self.hold_run_axes(false)),
            Input::Click("optimum") => self.set(momentum::optimum(self.setting.kappa)),
            Input::Change(SLIDER, raw) => match raw.trim().parse::<f64>() {
                Ok(v) if v.is_finite() => {
                    let kappa = 10f64.powf(v.clamp(KAPPA.0.log10(), KAPPA.1.log10()));
                    self.set_kappa(round_sig(kappa, 3))
                }
                _ => false,
            },
            _ => false,
        };
        Outcome::from(changed).shared()
    }

    fn ui(&self, ui: &mut Ui) {
        let s = self.state();
        let kappa = sig(s.kappa, 4);
        ui.text(SLIDER, kappa.clone())
            .value(SLIDER, s.kappa.log10().to_string())
            .value_text(SLIDER, format!("κ = {kappa}"));
        let rate = if s.diverges {
            format!("{} (≥ 1: diverges)", sig(s.rate, 4))
        } else {
            rate_text(s.rate, 4)
        };
        let steps = s
            .steps
            .map_or_else(|| "never: it diverges".to_owned(), steps_text);
        let optimum = format!(
            "({}, {}): ρ = {}",
            sig(s.optimum.lr, 3),
            sig(s.optimum.beta, 3),
            rate_text(s.optimum.rate, 3)
        );
        let texts = [sig(s.lr, 4), num(s.beta, 3), rate, steps, optimum];
        for (id, t) in READOUTS.into_iter().zip(texts) {
            ui.text(id, t);
        }
        let sentence = self.sentence();
        ui.label(
            "map",
            format!(
                "Heat map of the convergence rate of momentum on f = ½(x² + κy²) over learning rate η (across) and momentum β (up); grey where it diverges, a star at the optimum. {sentence}"
            ),
        )
        .label(
            "run",
            format!(
                "The error ‖xₖ‖ of a run from (1, 1) per step on a log scale, with the line ‖x₀‖·ρᵏ; {}",
                if s.diverges { "it grows." } else { "it falls with the line's slope." }
            ),
        )
        .text("summary", format!("{sentence} {}", self.comparison()))
        .live(sentence)
        .state(&s);
    }

    fn url_options(&self) -> Vec<(&'static str, String)> {
        let s = self.setting;
        vec![
            ("kappa", s.kappa.to_string()),
            ("lr", s.lr.to_string()),
            ("beta", s.beta.to_string()),
        ]
    }

    fn shared(&self) -> Option<Shared> {
        Some(Shared::Momentum(self.setting))
    }

    fn receive(&mut self, shared: &Shared) -> bool {
        match shared {
            Shared::Momentum(s) => {
                self.set(*s);
                false
            }
            // A grouped trajectory on this map's quadratic: its η and β. Taken exactly (not
            // clamped onto the map), they are this map's setting, which the group then takes;
            // a run off the map is shown at the map's edge and not sent back, so the run keeps
            // its own values.
            Shared::Race(c) if quadratic(self.setting.kappa) == Some(c.function) => {
                let changed = self.set(Setting {
                    lr: c.lr,
                    beta: c.hyper.beta,
                    ..self.setting
                });
                changed && self.setting.lr == c.lr && self.setting.beta == c.hyper.beta
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::widget::Pointer;
    use plotters::prelude::SVGBackend;

    fn opts(o: &[(&'static str, &'static str)]) -> Result<MomentumMapWidget, OptionError> {
        MomentumMapWidget::from_options(o)
    }

    fn ui(w: &MomentumMapWidget) -> Ui {
        let mut ui = Ui::default();
        w.ui(&mut ui);
        ui
    }

    fn state(w: &MomentumMapWidget) -> serde_json::Value {
        serde_json::from_str(&ui(w).state).unwrap()
    }

    fn input(w: &mut MomentumMapWidget, i: Input<'_>) -> Outcome {
        w.input(&i, &Env::still())
    }

    /// The map's plot area at `width`, ratio 1.
    fn area(w: &MomentumMapWidget, width: u32) -> PlotArea {
        let mut svg = String::new();
        let root =
            SVGBackend::with_string(&mut svg, (width, MomentumMapWidget::map_height(width, 1.0)))
                .into_drawing_area();
        w.draw_map(&root, Layer::Overlay, Fill::None, 1.0).unwrap()
    }

    fn at(x: f64, y: f64, a: PlotArea) -> Pointer {
        Pointer {
            canvas: 0,
            x,
            y,
            ratio: 1.0,
            width: 480,
            area: Some(a),
        }
    }

    fn key(key: &'static str, shift: bool) -> Input<'static> {
        Input::Key {
            canvas: 0,
            key,
            shift,
        }
    }

    #[test]
    fn options_default_and_their_named_errors() {
        let w = opts(&[]).unwrap();
        assert_eq!(
            w.setting(),
            Setting {
                kappa: 10.0,
                lr: 0.1,
                beta: 0.9
            }
        );
        let w = opts(&[
            ("data-kappa", "100"),
            ("data-lr", "0.02"),
            ("data-beta", "0"),
        ])
        .unwrap();
        assert_eq!(
            w.setting(),
            Setting {
                kappa: 100.0,
                lr: 0.02,
                beta: 0.0
            }
        );
        let e = |o: &[(&'static str, &'static str)]| opts(o).unwrap_err();
        for bad in ["0.5", "1001", "-3"] {
            let err = e(&[("data-kappa", bad)]);
            assert_eq!(err.key, "data-kappa");
            assert!(matches!(err.kind, OptionErrorKind::OutOfRange(_)), "{bad}");
            assert_eq!(
                err.to_string(),
                format!("data-kappa=\"{bad}\" is out of range: a condition number from 1 to 1000")
            );
        }
        assert_eq!(
            e(&[("data-kappa", "ten")]).kind,
            OptionErrorKind::NotANumber
        );
        assert_eq!(e(&[("data-beta", "nan")]).kind, OptionErrorKind::NotFinite);
        // η must lie on the map: above 0, at most 4.2/κ (0.42 for the default κ = 10).
        for bad in ["0", "-0.1", "0.43"] {
            let err = e(&[("data-lr", bad)]);
            assert_eq!(err.key, "data-lr");
            assert!(
                err.to_string().ends_with(
                    "is out of range: a learning rate above 0, at most 4.2/κ = 0.42 (the map's range for κ = 10)"
                ),
                "{err}"
            );
        }
        assert!(opts(&[("data-lr", "0.42")]).is_ok());
        let err = e(&[("data-kappa", "100"), ("data-lr", "0.1")]);
        assert!(err.to_string().contains("at most 4.2/κ = 0.042"), "{err}");
        for bad in ["1", "-0.01", "1.5"] {
            let err = e(&[("data-beta", bad)]);
            assert_eq!(
                err.to_string(),
                format!("data-beta=\"{bad}\" is out of range: a momentum from 0, below 1")
            );
        }
    }

    #[test]
    fn the_state_at_the_default_by_hand() {
        let w = MomentumMapWidget::article();
        let s = state(&w);
        assert_eq!(s["kind"], "momentum-map");
        assert_eq!(
            (s["kappa"].as_f64(), s["lr"].as_f64(), s["beta"].as_f64()),
            (Some(10.0), Some(0.1), Some(0.9))
        );
        // Both directions are complex (t = 1.8 and 0.9, both below 2√0.9): rate √0.9, and
        // ln 1000/(−ln √0.9) = 2 ln 1000/(−ln 0.9) steps.
        let rate = s["rate"].as_f64().unwrap();
        assert!((rate - 0.9f64.sqrt()).abs() < 1e-15);
        let steps = s["steps"].as_f64().unwrap();
        assert!((steps - 2.0 * 1000f64.ln() / -(0.9f64.ln())).abs() < 1e-9);
        // κ = 10: η* = 4/(√10 + 1)², β* = ((√10 − 1)/(√10 + 1))².
        let r = 10f64.sqrt();
        let o = &s["optimum"];
        assert!((o["lr"].as_f64().unwrap() - 4.0 / (r + 1.0).powi(2)).abs() < 1e-15);
        assert!((o["beta"].as_f64().unwrap() - ((r - 1.0) / (r + 1.0)).powi(2)).abs() < 1e-15);
        assert!((o["rate"].as_f64().unwrap() - (r - 1.0) / (r + 1.0)).abs() < 1e-12);
        assert_eq!(s["diverges"], false);
        let json = &ui(&w).state;
        assert!(
            json.starts_with(
                r#"{"kind":"momentum-map","kappa":10.0,"lr":0.1,"beta":0.9,"rate":0.9486832980505"#
            ),
            "{json}"
        );
        // Past 2(1 + β)/κ = 0.22: diverges, no step count, and the readouts say so.
        let w = opts(&[("data-lr", "0.3"), ("data-beta", "0.1")]).unwrap();
        let s = state(&w);
        assert_eq!(s["diverges"], true);
        assert!(s.get("steps").is_none(), "no step count: {s}");
        let u = ui(&w);
        assert_eq!(u.text_of("steps"), Some("never: it diverges"));
        assert!(u.text_of("rate").unwrap().ends_with("(≥ 1: diverges)"));
        assert!(u.live.as_deref().unwrap().contains("it diverges"));
    }

    /// A drag on the map holds the run chart's axes: they hold every run drawn since the
    /// press (its steps rounded up to 20, 50, 100, 200 or 400) and change far less often
    /// than fitted ones; released, they fit the run again. At rest they are fitted.
    #[test]
    fn a_drag_holds_the_run_charts_axes_until_release() {
        let mut w = MomentumMapWidget::default();
        let fitted_at = |lr: f64, beta: f64| {
            let mut f = MomentumMapWidget::default();
            f.set(Setting {
                lr,
                beta,
                ..f.setting
            });
            f.run_axes()
        };
        let a = area(&w, 480);
        let (x, y) = a.to_pixel([0.1, 0.9]);
        assert_eq!(input(&mut w, Input::Press(at(x, y, a))), Outcome::Shared);
        let (mut held_changes, mut fitted_changes) = (0, 0);
        let (mut last_held, mut last_fit) = (None, None);
        let mut seen: Vec<RunAxes> = Vec::new();
        // Across the map and back: runs of a few steps to hundreds.
        for i in 0..=60 {
            let u = f64::from(if i <= 30 { i } else { 60 - i }) / 30.0;
            let (lr, beta) = (0.02 + 0.3 * u, 0.95 - 0.9 * u);
            let (x, y) = a.to_pixel([lr, beta]);
            input(&mut w, Input::Drag(at(x, y, a)));
            let s = w.setting;
            let fit = fitted_at(s.lr, s.beta);
            let held = w.run_axes();
            seen.push(fit);
            for f in &seen {
                assert!(
                    held.last >= f.last && held.lo <= f.lo && held.hi >= f.hi,
                    "held {held:?} narrower than the run's {f:?}"
                );
            }
            assert!([20.0, 50.0, 100.0, 200.0, 400.0].contains(&held.last) || held == seen[0]);
            held_changes += usize::from(last_held.is_some_and(|l| l != held));
            fitted_changes += usize::from(last_fit.is_some_and(|l| l != fit));
            (last_held, last_fit) = (Some(held), Some(fit));
        }
        assert!(
            held_changes * 4 < fitted_changes,
            "held axes changed {held_changes} times, fitted ones {fitted_changes}"
        );
        let before = w.run_axes();
        assert_eq!(input(&mut w, Input::Release(0)), Outcome::Changed);
        assert_ne!(w.run_axes(), before);
        let s = w.setting;
        assert_eq!(w.run_axes(), fitted_at(s.lr, s.beta));
        assert_eq!(input(&mut w, Input::Release(0)), Outcome::Ignored);
    }

    #[test]
    fn press_drag_and_keys_set_eta_and_beta() {
        let mut w = MomentumMapWidget::default();
        let a = area(&w, 480);
        let (x, y) = a.to_pixel([0.2, 0.5]);
        assert_eq!(input(&mut w, Input::Press(at(x, y, a))), Outcome::Shared);
        let s = w.setting();
        assert_eq!((s.lr, s.beta), (0.2, 0.5));
        // Off the map: not taken; on the chart below: not taken.
        assert_eq!(
            input(&mut w, Input::Press(at(a.right + 40.0, y, a))),
            Outcome::Ignored
        );
        let mut chart = at(x, y, a);
        chart.canvas = 1;
        assert_eq!(input(&mut w, Input::Press(chart)), Outcome::Ignored);
        // A drag past the corner stays on the map: η at its right edge, β at 0.999.
        assert_eq!(
            input(&mut w, Input::Drag(at(a.right + 90.0, a.top - 90.0, a))),
            Outcome::Shared
        );
        let s = w.setting();
        assert_eq!((s.lr, s.beta), (LR_SPAN / 10.0, BETA_MAX));
        // Keys for κ = 10: η by 0.005 (1% of 0.42, to a 1-2-5 step), 0.05 with Shift;
        // β by 0.01, 0.1 with Shift; on the steps' grid.
        let mut w = MomentumMapWidget::default();
        assert_eq!(input(&mut w, key("ArrowRight", false)), Outcome::Shared);
        assert_eq!(w.setting().lr, 0.105);
        input(&mut w, key("ArrowRight", true));
        assert_eq!(w.setting().lr, 0.15);
        input(&mut w, key("ArrowLeft", false));
        assert_eq!(w.setting().lr, 0.145);
        input(&mut w, key("ArrowUp", false));
        assert_eq!(w.setting().beta, 0.91);
        input(&mut w, key("ArrowDown", true));
        assert_eq!(w.setting().beta, 0.8, "0.91 − 0.1 on the 0.1 grid");
        for _ in 0..20 {
            input(&mut w, key("ArrowUp", false));
        }
        assert_eq!(w.setting().beta, BETA_MAX, "β stops below 1");
        // At the edge the key is still the map's (no scrolling), but nothing changes.
        assert_eq!(input(&mut w, key("ArrowUp", false)), Outcome::Changed);
        assert_eq!(input(&mut w, key("a", false)), Outcome::Ignored);
    }

    #[test]
    fn the_slider_keeps_the_point_on_the_map_and_the_button_goes_to_the_optimum() {
        let mut w = MomentumMapWidget::default();
        let r0 = w.revision(0);
        // log₁₀ κ = 2: κ = 100; η·κ stays 1, so η = 0.01.
        assert_eq!(input(&mut w, Input::Change(SLIDER, "2")), Outcome::Shared);
        let s = w.setting();
        assert_eq!((s.kappa, s.lr, s.beta), (100.0, 0.01, 0.9));
        assert_ne!(w.revision(0), r0, "a new κ redraws the map");
        assert_eq!(input(&mut w, Input::Change(SLIDER, "x")), Outcome::Ignored);
        assert_eq!(input(&mut w, Input::Change(SLIDER, "9")), Outcome::Shared);
        assert_eq!(w.setting().kappa, 1000.0);
        input(&mut w, Input::Change(SLIDER, "0.60206"));
        assert_eq!(w.setting().kappa, 4.0);
        let r1 = w.revision(0);
        assert_eq!(input(&mut w, Input::Click("optimum")), Outcome::Shared);
        // κ = 4 by hand: η* = 4/9, β* = 1/9, rate 1/3.
        let s = state(&w);
        assert!((s["lr"].as_f64().unwrap() - 4.0 / 9.0).abs() < 1e-15);
        assert!((s["beta"].as_f64().unwrap() - 1.0 / 9.0).abs() < 1e-15);
        assert!((s["rate"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-15);
        assert_eq!(w.revision(0), r1, "the same κ keeps the map");
        assert_eq!(input(&mut w, Input::Click("optimum")), Outcome::Ignored);
        assert_eq!(ui(&w).text_of("best"), Some("(0.444, 0.111): ρ = 0.333"));
    }

    #[test]
    fn the_group_shares_the_setting() {
        let mut w = MomentumMapWidget::default();
        let s = Setting {
            kappa: 4.0,
            lr: 0.5,
            beta: 0.2,
        };
        w.receive(&Shared::Momentum(s));
        assert_eq!(w.setting(), s);
        assert!(matches!(w.shared(), Some(Shared::Momentum(t)) if t == s));
        assert_eq!(w.revision(0), 1);
        // Another kind's value is not ours; a setting off the map is brought onto it.
        w.receive(&Shared::Point(crate::figures::model::Config::default()));
        assert_eq!(w.setting(), s);
        w.receive(&Shared::Momentum(Setting {
            kappa: 5000.0,
            lr: 1.0,
            beta: 1.0,
        }));
        assert_eq!(
            w.setting(),
            Setting {
                kappa: 1000.0,
                lr: LR_SPAN / 1000.0,
                beta: BETA_MAX
            }
        );
        w.receive(&Shared::Momentum(Setting { lr: f64::NAN, ..s }));
        assert_eq!(w.setting().kappa, 1000.0, "NaN refused");
    }

    #[test]
    fn url_options_reopen_the_same_view() {
        let mut w = MomentumMapWidget::default();
        input(&mut w, Input::Change(SLIDER, "1.5"));
        input(&mut w, key("ArrowDown", true));
        let map: std::collections::HashMap<String, String> = w
            .url_options()
            .into_iter()
            .map(|(k, v)| (format!("data-{k}"), v))
            .collect();
        assert_eq!(map.len(), 3);
        let again = MomentumMapWidget::from_options(&map).unwrap();
        assert_eq!(again.setting(), w.setting());
        assert_eq!(again.state(), w.state());
    }

    #[test]
    fn the_fill_colours_each_pixel_by_the_rate_at_its_centre() {
        let w = MomentumMapWidget::default();
        let a = PlotArea {
            left: 0.0,
            right: 42.0,
            top: 0.0,
            bottom: 20.0,
            x: (0.0, 0.42),
            y: (0.0, 1.0),
        };
        let rgba = w.fill(0, &a, 42, 20);
        assert_eq!(rgba.len(), 42 * 20 * 4);
        for (i, j) in [(0, 0), (10, 19), (30, 5), (41, 19)] {
            let [lr, beta] = a.to_data(i as f64 + 0.5, j as f64 + 0.5);
            let RGBColor(r, g, b) = color(momentum::rate(lr, beta, 10.0));
            let k = (j * 42 + i) * 4;
            assert_eq!(rgba[k..k + 4], [r, g, b, 255], "pixel ({i}, {j})");
        }
        // Bottom right (η = 0.415, β = 0.025) diverges: grey.
        let k = (19 * 42 + 41) * 4;
        assert_eq!(rgba[k..k + 3], [DIVERGES.0, DIVERGES.1, DIVERGES.2]);
        assert!(w.fill(0, &a, 0, 5).is_empty());
        // The colour scale: 0.9, 0.99 and 0.999 a third of the bar apart.
        for (k, r) in [0.0, 0.9, 0.99, 0.999].into_iter().enumerate() {
            assert!((position(r) - k as f64 / 3.0).abs() < 1e-12, "{r}");
        }
        assert_eq!(position(1.5), 1.0);
    }

    #[test]
    fn every_id_in_the_layout_is_used_once() {
        fn ids(parts: &[Part], out: &mut Vec<&'static str>) {
            for p in parts {
                match p {
                    Part::Canvas(c) => out.push(c.id),
                    Part::Button { id, .. } | Part::Slider { id, .. } | Part::Text { id, .. } => {
                        out.push(id);
                    }
                    Part::Readouts(r) => out.extend(r.iter().map(|(id, _, _)| *id)),
                    Part::Row { items, .. } => ids(items, out),
                    _ => {}
                }
            }
        }
        let mut all = Vec::new();
        ids(&MomentumMapWidget::default().layout(), &mut all);
        for (i, id) in all.iter().enumerate() {
            assert!(!all[..i].contains(id), "{id} twice");
        }
        assert_eq!(
            widget::actions(&MomentumMapWidget::default().layout()),
            ["optimum"]
        );
    }

    #[test]
    fn a_label_goes_where_it_covers_nothing() {
        let a = PlotArea {
            left: 0.0,
            right: 300.0,
            top: 0.0,
            bottom: 200.0,
            x: (0.0, 1.0),
            y: (0.0, 1.0),
        };
        let label = |w: f64| Label {
            text: String::new(),
            at: (0.0, 0.0),
            w,
            h: 15.0,
        };
        let p = (150.0, 100.0);
        // Free above: above, clear of the marker.
        let l = label(60.0).beside(p, 7.5, &[], &a, 1.0);
        assert_eq!(l.at.0, 150.0);
        assert!(l.at.1 < 100.0 && l.overlap(&Label::disc(p, 7.5)) == 0.0);
        // Something above: below.
        let mut above = label(100.0);
        above.at = (150.0, 80.0);
        let l = label(60.0).beside(p, 7.5, std::slice::from_ref(&above), &a, 1.0);
        assert!(l.at.1 > 100.0 && l.overlap(&above) == 0.0);
        // At the top edge the label cannot go above: it goes below, inside the plot.
        let l = label(60.0).beside((150.0, 2.0), 7.5, &[], &a, 1.0);
        assert!(l.at.1 > 2.0 + 7.5 && l.at.1 + 7.5 <= 200.0);
        // Near the right edge it stays inside.
        let l = label(80.0).beside((299.0, 100.0), 7.5, &[], &a, 1.0);
        assert!(l.at.0 + 40.0 <= 300.0);
    }

    #[test]
    fn numbers_near_one_keep_their_digits() {
        assert_eq!(rate_text(0.5, 3), "0.5");
        assert_eq!(rate_text(0.99951, 3), "0.9995");
        assert_eq!(rate_text(1.234, 3), "1.23");
        assert_eq!(nice_step(0.0042), 0.005);
        assert_eq!(nice_step(0.042), 0.05);
        assert_eq!(nice_step(0.01), 0.01);
        assert_eq!(nice_step(0.15), 0.2);
    }

    #[test]
    fn it_draws_at_desktop_and_phone_widths() {
        for (options, width) in [
            (&[][..], 480),
            (&[][..], 390),
            (
                &[("data-kappa", "1"), ("data-lr", "1"), ("data-beta", "0")][..],
                390,
            ),
            (
                &[
                    ("data-kappa", "1000"),
                    ("data-lr", "0.004"),
                    ("data-beta", "0.2"),
                ][..],
                390,
            ),
        ] {
            let w = opts(options).unwrap();
            let svg = w.svg(width).unwrap();
            assert!(svg.starts_with("<svg"), "{options:?}");
            for word in [
                "diverges",
                "optimum ρ = ",
                "learning rate η",
                "momentum β",
                "step k",
            ] {
                assert!(svg.contains(word), "{options:?} {width}: {word}");
            }
            assert!(svg.contains("#E06C00"), "the reader's point");
            assert!(!svg.contains("NaN") && !svg.contains("inf"), "{options:?}");
        }
        let svg = MomentumMapWidget::default().svg(480).unwrap();
        // (√10 − 1)/(√10 + 1) = 0.5195…, by hand.
        assert!(svg.contains("optimum ρ = 0.519"));
        assert!(svg.contains("ρ = 0.949"));
    }
}
