//! A loss against its step, for one or more runs (`trajectory`'s paths, `mlp`'s training): on
//! a log scale once the losses span a decade, so a loss falling from 10⁻¹ to 10⁻¹² stays
//! readable while it falls; linear otherwise (and when a loss is zero or negative).

use super::format::{num, sci};
use super::style::{self, px};
use super::{Drawn, Root};
use plotters::prelude::*;

/// One run's losses, from step 0, in its colour.
pub struct Series<'a> {
    /// The loss after each step (non-finite ones are left out).
    pub losses: &'a [f64],
    /// The line's colour.
    pub color: RGBColor,
}

/// A run is drawn with a dot at every loss while it has at most this many.
const DOTS_UP_TO: usize = 30;

/// True if `losses` are drawn on a log scale: every one positive, spanning a decade or more
/// (below that no power of ten but one would be labelled).
#[must_use]
pub fn log_scale(losses: impl IntoIterator<Item = f64>) -> bool {
    Extent::of(losses).log()
}

/// The least and greatest finite loss seen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    /// The least finite loss (∞ if none).
    pub min: f64,
    /// The greatest finite loss (−∞ if none).
    pub max: f64,
}

impl Default for Extent {
    fn default() -> Self {
        Self {
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }
}

impl Extent {
    /// The extent of `losses` (non-finite ones left out).
    #[must_use]
    pub fn of(losses: impl IntoIterator<Item = f64>) -> Self {
        let mut e = Self::default();
        for l in losses {
            e.add(l);
        }
        e
    }

    /// Takes one more loss into account.
    pub fn add(&mut self, l: f64) {
        if l.is_finite() {
            self.min = self.min.min(l);
            self.max = self.max.max(l);
        }
    }

    /// See [`log_scale`].
    #[must_use]
    pub fn log(&self) -> bool {
        self.min > 0.0 && self.max >= 10.0 * self.min
    }
}

/// The extent of one or more growing series, kept up to date by reading only what each has
/// added since the last look (a run's history is scanned once, not every frame).
#[derive(Clone, Debug, Default)]
pub struct Tracker {
    key: u64,
    seen: Vec<usize>,
    extent: Extent,
}

impl Tracker {
    /// The extent of `series` now. `key` names the run: a new key (or a series that got
    /// shorter, or a different number of series) starts the count again.
    pub fn update(&mut self, key: u64, series: &[&[f64]]) -> Extent {
        let same = key == self.key
            && self.seen.len() == series.len()
            && series.iter().zip(&self.seen).all(|(s, &n)| s.len() >= n);
        if !same {
            self.key = key;
            self.seen = vec![0; series.len()];
            self.extent = Extent::default();
        }
        for (s, n) in series.iter().zip(self.seen.iter_mut()) {
            for &l in &s[*n..] {
                self.extent.add(l);
            }
            *n = s.len();
        }
        self.extent
    }
}

/// A chart's axes: the x range, the y range in plotted units (log₁₀ of the loss on a log
/// scale) and whether losses get dots. They are rounded outward (to whole decades on a log
/// scale, to a step of the range's order on a linear one), so they hold while a run goes
/// on and the chart's static layer and trail are redrawn only when a loss leaves them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axes {
    /// Log scale.
    pub log: bool,
    /// Steps 0 to this.
    pub x_max: f64,
    /// The y range, padded, in plotted units.
    pub y: (f64, f64),
    /// A dot at every loss (a short run).
    pub dots: bool,
}

impl Axes {
    /// Axes for losses of `extent` over steps 0 to `x_max`, the longest series `count` long.
    #[must_use]
    pub fn new(extent: Extent, x_max: f64, count: usize) -> Self {
        let log = extent.log();
        let (lo, hi) = if log {
            let (lo, hi) = (extent.min.log10().floor(), extent.max.log10().ceil());
            let hi = hi.max(lo + 1.0);
            // Past a few decades the span grows in steps of a fifth to a third (5, 6, 8, 10,
            // 12, 15, 20, …), the room below the lowest loss: a loss falling a decade every
            // few steps (a fast run of a thousand iterations reaches 10⁻¹⁵⁰) rescales the
            // axes, and so redraws the whole chart, a few times over the run rather than at
            // every new decade.
            (hi - span_steps(hi - lo), hi)
        } else {
            (extent.min, extent.max)
        };
        let (lo, hi) = if log {
            (lo, hi)
        } else if lo.is_finite() && hi > lo {
            // Outward to a multiple of the range's order of magnitude.
            let unit = 10f64.powf((hi - lo).log10().floor());
            ((lo / unit).floor() * unit, (hi / unit).ceil() * unit)
        } else if lo.is_finite() && lo > 0.0 {
            // One loss (or all equal): from 0 to twice it, never a negative loss on the axis.
            (0.0, 2.0 * lo)
        } else if lo.is_finite() {
            (lo - 1.0, lo + 1.0)
        } else {
            (0.0, 1.0)
        };
        let pad = (hi - lo) * 0.05;
        Self {
            log,
            x_max: x_max.max(1.0),
            y: (lo - pad, hi + pad),
            dots: count <= DOTS_UP_TO,
        }
    }

    /// A number that changes when the axes do (for [`Widget::revision`](super::Widget)).
    #[must_use]
    pub fn key(&self) -> u64 {
        let mut h = Fnv::default();
        for v in [self.x_max, self.y.0, self.y.1] {
            h.add(v.to_bits());
        }
        h.add(u64::from(self.log) | u64::from(self.dots) << 1);
        h.0
    }

    /// A loss in plotted units.
    fn y(&self, l: f64) -> f64 {
        if self.log {
            l.log10()
        } else {
            l
        }
    }
}

/// FNV-1a over 64-bit words: a cheap key for a handful of numbers.
#[derive(Clone, Copy, Debug)]
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Mixes `v` in.
    pub fn add(&mut self, v: u64) {
        for b in v.to_le_bytes() {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A log axis's span in decades for losses spanning `decades` (a whole number): as it is up
/// to 4, else the smallest of 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, … at
/// least it.
fn span_steps(decades: f64) -> f64 {
    if decades.is_nan() || decades <= 4.0 || decades.is_infinite() {
        return decades;
    }
    let mut unit = 1.0;
    loop {
        for m in [5.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0, 30.0, 40.0] {
            if m * unit >= decades {
                return m * unit;
            }
        }
        unit *= 10.0;
    }
}

/// The smallest of 1, 2, 5, 10, 20, 50, … at least `n`: a growing run's x axis, which then
/// changes a handful of times over a long run, not at every step.
#[must_use]
pub fn nice_ceil(n: f64) -> f64 {
    let mut unit = 1.0;
    loop {
        for m in [1.0, 2.0, 5.0] {
            if m * unit >= n {
                return m * unit;
            }
        }
        unit *= 10.0;
    }
}

/// Widens `extent` outward to 1, 2 or 5 times a power of ten at each end away from zero
/// (the greatest loss up, a negative least one down): held axes then change a few times a
/// decade as a drag's losses grow, not at every new greatest loss.
#[must_use]
pub fn widen(extent: Extent) -> Extent {
    let up = |v: f64| {
        if !(v > 0.0 && v.is_finite()) {
            return v;
        }
        let unit = 10f64.powf(v.log10().floor());
        [1.0, 2.0, 5.0, 10.0, 20.0]
            .into_iter()
            .map(|m| m * unit)
            .find(|&c| c >= v && c.is_finite())
            .unwrap_or(v)
    };
    Extent {
        min: if extent.min < 0.0 {
            -up(-extent.min)
        } else {
            extent.min
        },
        max: up(extent.max),
    }
}

/// The chart's layout on `root` for `axes`.
fn chart<'a, B: DrawingBackend>(
    root: &'a Root<B>,
    axes: &Axes,
    scale: f64,
) -> Result<super::style::Chart<'a, B, std::ops::Range<f64>, std::ops::Range<f64>>, super::DrawError>
{
    // The x band holds the tick labels and, below them, the axis title.
    style::chart(
        root,
        scale,
        [10.0, 0.0, 16.0, 42.0, 64.0],
        (0f64..axes.x_max, axes.y.0..axes.y.1),
    )
}

/// Draws the static layer: the background and the axes, the x axis titled `x_desc` and the
/// y axis `y_name` (with "(log scale)" when it is).
///
/// # Errors
/// If the backend fails.
pub fn draw_axes<B: DrawingBackend>(
    root: &Root<B>,
    axes: &Axes,
    (x_desc, y_name): (&str, &str),
    scale: f64,
) -> Drawn {
    root.fill(&WHITE)?;
    let log = axes.log;
    let font = style::font(12.0, scale);
    let mut chart = chart(root, axes, scale)?;
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
    let y_desc = if log {
        format!("{y_name} (log scale)")
    } else {
        y_name.to_owned()
    };
    style::grid(&mut chart.configure_mesh(), 0.1)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_labels(6)
        .x_label_formatter(&|v| {
            if v.fract().abs() < 1e-9 {
                num(*v, 0)
            } else {
                String::new()
            }
        })
        .y_label_formatter(&y_label)
        .y_labels(6)
        .label_style(font.clone())
        .axis_desc_style(font)
        .draw()?;
    Ok(())
}

/// The points of `losses` from index `from` on that a polyline needs, as (step, plotted
/// value), non-finite losses left out. From 0, a series with more losses than twice the
/// `columns` of pixels it spans keeps, per column, its first, least, greatest and last loss in
/// step order: the same pixels as every point, the extremes exact (a spike or a divergence
/// still shows), at a cost bound by the width.
#[must_use]
pub fn points(losses: &[f64], from: usize, axes: &Axes, columns: f64) -> Vec<(f64, f64)> {
    let finite = |(i, &l): (usize, &f64)| l.is_finite().then(|| (i as f64, axes.y(l)));
    // From the last point already drawn, so the new segment joins it.
    let start = from.saturating_sub(1);
    if from > 0 || (losses.len() as f64) <= 2.0 * columns.max(1.0) {
        return losses
            .iter()
            .enumerate()
            .skip(start)
            .filter_map(finite)
            .collect();
    }
    let per = axes.x_max / columns.max(1.0);
    let mut out = Vec::with_capacity((4.0 * columns) as usize + 4);
    let mut column: Option<(i64, [(f64, f64); 4])> = None;
    let flush = |out: &mut Vec<(f64, f64)>, c: [(f64, f64); 4]| {
        let [first, lo, hi, last] = c;
        let (a, b) = if lo.0 <= hi.0 { (lo, hi) } else { (hi, lo) };
        for p in [first, a, b, last] {
            if out.last() != Some(&p) {
                out.push(p);
            }
        }
    };
    for p in losses.iter().enumerate().filter_map(finite) {
        let c = (p.0 / per).floor() as i64;
        match &mut column {
            Some((k, [_, lo, hi, last])) if *k == c => {
                if p.1 < lo.1 {
                    *lo = p;
                }
                if p.1 > hi.1 {
                    *hi = p;
                }
                *last = p;
            }
            _ => {
                if let Some((_, done)) = column.take() {
                    flush(&mut out, done);
                }
                column = Some((c, [p; 4]));
            }
        }
    }
    if let Some((_, done)) = column {
        flush(&mut out, done);
    }
    out
}

/// Draws `series` from loss `from` on over the axes (the trail: 0 draws them whole).
///
/// # Errors
/// If the backend fails.
pub fn draw_lines<B: DrawingBackend>(
    root: &Root<B>,
    axes: &Axes,
    series: &[Series<'_>],
    from: usize,
    scale: f64,
) -> Drawn {
    let mut chart = chart(root, axes, scale)?;
    let (px_range, _) = chart.plotting_area().get_pixel_range();
    let columns = f64::from(px_range.end - px_range.start);
    for s in series {
        if s.losses.len() <= from {
            continue;
        }
        let points = points(s.losses, from, axes, columns);
        let line = ShapeStyle::from(&s.color).stroke_width(px(2.0, scale));
        if points.len() > 1 {
            chart.draw_series(LineSeries::new(points.iter().copied(), line))?;
        }
        if axes.dots {
            let new = points.iter().filter(|p| p.0 >= from as f64);
            chart.draw_series(
                new.map(|&c| Circle::new(c, px(3.0, scale), ShapeStyle::from(&s.color).filled())),
            )?;
        }
    }
    Ok(())
}

/// Draws `series` over steps 0 to `x_max` whole (axes and lines, e.g. for a static export),
/// the x axis titled `x_desc` and the y axis `y_name`.
///
/// # Errors
/// If the backend fails.
pub fn draw<B: DrawingBackend>(
    root: &Root<B>,
    series: &[Series<'_>],
    x_max: f64,
    names: (&str, &str),
    scale: f64,
) -> Drawn {
    let axes = axes_of(series, x_max);
    draw_axes(root, &axes, names, scale)?;
    draw_lines(root, &axes, series, 0, scale)
}

/// The axes for `series` over steps 0 to `x_max`, read whole.
#[must_use]
pub fn axes_of(series: &[Series<'_>], x_max: f64) -> Axes {
    let extent = Extent::of(series.iter().flat_map(|s| s.losses.iter().copied()));
    let count = series.iter().map(|s| s.losses.len()).max().unwrap_or(0);
    Axes::new(extent, x_max, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widen_rounds_each_end_away_from_zero_to_1_2_5_steps() {
        let e = |min, max| Extent { min, max };
        assert_eq!(widen(e(0.3, 0.45)), e(0.3, 0.5));
        assert_eq!(widen(e(-0.07, 3.0)), e(-0.1, 5.0));
        assert_eq!(widen(e(1e-5, 1.0)), e(1e-5, 1.0));
        assert_eq!(widen(e(0.0, 0.0)), e(0.0, 0.0));
        assert_eq!(widen(e(-12.0, -3.0)), e(-20.0, -3.0));
        assert_eq!(widen(e(2.0, 2.01)), e(2.0, 5.0));
        // Nothing seen, or a loss that overflowed: left as they are.
        assert_eq!(widen(Extent::default()), Extent::default());
        assert_eq!(widen(e(1.0, f64::MAX)), e(1.0, f64::MAX));
    }

    #[test]
    fn log_scale_once_the_losses_span_a_decade() {
        assert!(log_scale([0.0784, 0.000_718_686]));
        assert!(!log_scale([2.0, 1.5, 1.0]), "under a decade");
        assert!(!log_scale([1.0, 0.0]), "a zero loss has no logarithm");
        assert!(
            log_scale([1.0, f64::INFINITY, 0.01]),
            "non-finite losses are left out"
        );
    }

    #[test]
    fn the_tracker_reads_only_what_is_new_and_starts_again_with_a_new_run() {
        let mut t = Tracker::default();
        let mut a = vec![3.0, 1.0];
        assert_eq!(t.update(1, &[&a]), Extent { min: 1.0, max: 3.0 });
        a.push(0.5);
        assert_eq!(t.update(1, &[&a]), Extent { min: 0.5, max: 3.0 });
        // Had it read everything again, it would see the changed first loss.
        a[0] = 9.0;
        a.push(2.0);
        assert_eq!(t.update(1, &[&a]), Extent { min: 0.5, max: 3.0 });
        // A new run, a shorter series, or another number of series: read whole.
        assert_eq!(t.update(2, &[&a]), Extent { min: 0.5, max: 9.0 });
        assert_eq!(t.update(2, &[&a[..2]]), Extent { min: 1.0, max: 9.0 });
        assert_eq!(
            t.update(2, &[&a[..2], &[0.25]]),
            Extent {
                min: 0.25,
                max: 9.0
            }
        );
    }

    #[test]
    fn axes_hold_while_the_losses_stay_inside_their_rounded_range() {
        // Log scale: whole decades, 10⁻³ … 10⁰ for losses 0.9 … 0.002, padded by 5 %.
        let a = Axes::new(
            Extent {
                min: 0.002,
                max: 0.9,
            },
            100.0,
            50,
        );
        assert!(a.log && !a.dots);
        assert!((a.y.0 - (-3.0 - 0.15)).abs() < 1e-12 && (a.y.1 - 0.15).abs() < 1e-12);
        assert_eq!(
            a.key(),
            Axes::new(
                Extent {
                    min: 0.0011,
                    max: 0.95
                },
                100.0,
                60
            )
            .key()
        );
        assert_ne!(
            a.key(),
            Axes::new(
                Extent {
                    min: 0.0009,
                    max: 0.9
                },
                100.0,
                60
            )
            .key()
        );
        // Linear: a range of 1.3 rounds outward to tenths' order: 1 … 2.3 → [1, 3] (unit 1).
        let b = Axes::new(Extent { min: 1.0, max: 2.3 }, 10.0, 5);
        assert!(!b.log && b.dots);
        assert!((b.y.0 - 0.9).abs() < 1e-12 && (b.y.1 - 3.1).abs() < 1e-12);
        // One loss: 0 to twice it; none: 0 to 1.
        let c = Axes::new(Extent::of([0.0784]), 1.0, 1);
        assert!(c.y.0 < 0.0 && c.y.0 > -0.01 && (c.y.1 - 0.1568 * 1.0 - 0.00784).abs() < 1e-12);
        assert_eq!(Axes::new(Extent::default(), 0.0, 0).y, (-0.05, 1.05));
        // Thirty losses get dots, thirty-one do not: the axes (and so the layers) change.
        assert_ne!(
            Axes::new(Extent::of([1.0, 2.0]), 50.0, 30).key(),
            Axes::new(Extent::of([1.0, 2.0]), 50.0, 31).key()
        );
    }

    #[test]
    fn a_log_axis_past_four_decades_grows_in_steps() {
        // 10⁻³ … 10⁰: three decades, as they are.
        let three = Axes::new(
            Extent {
                min: 2e-3,
                max: 0.9,
            },
            10.0,
            50,
        );
        assert!((three.y.0 + 3.15).abs() < 1e-12 && (three.y.1 - 0.15).abs() < 1e-12);
        // 10⁻⁷ … 10⁰ (7 decades) is drawn as 8: 10⁻⁸ … 10⁰, padded by 5 % of 8.
        let seven = Axes::new(
            Extent {
                min: 2e-7,
                max: 0.9,
            },
            10.0,
            50,
        );
        assert!((seven.y.0 + 8.4).abs() < 1e-12 && (seven.y.1 - 0.4).abs() < 1e-12);
        // A loss falling a decade a step to 10⁻¹⁵⁰ (spans of 2 … 151 decades) meets 20
        // different axes, not 150 (19 rescales): spans 2, 3, 4, then 5, 6, 8, 10, 12, 15, 20,
        // 25, 30, 40, 50, 60, 80, 100, 120, 150, 200.
        let keys: std::collections::BTreeSet<u64> = (1..=150)
            .map(|k| {
                Axes::new(
                    Extent {
                        min: 10f64.powi(-k) * 0.5,
                        max: 0.9,
                    },
                    10.0,
                    50,
                )
                .key()
            })
            .collect();
        assert_eq!(keys.len(), 20);
        // Every loss stays inside the axes.
        for k in 1..=300 {
            let min = 10f64.powi(-k) * 0.5;
            let a = Axes::new(Extent { min, max: 3.0 }, 10.0, 50);
            assert!(a.y.0 <= min.log10() && a.y.1 >= 3f64.log10(), "{k}");
        }
        assert_eq!(span_steps(4.0), 4.0);
        assert_eq!(span_steps(41.0), 50.0);
        assert_eq!(span_steps(120.0), 120.0);
        assert_eq!(span_steps(121.0), 150.0);
    }

    #[test]
    fn nice_ceil_steps_through_one_two_five() {
        let got: Vec<f64> = [0.0, 1.0, 1.5, 3.0, 7.0, 10.0, 11.0, 999.0, 10_001.0]
            .map(nice_ceil)
            .to_vec();
        assert_eq!(
            got,
            [1.0, 1.0, 2.0, 5.0, 10.0, 10.0, 20.0, 1000.0, 20_000.0]
        );
    }

    #[test]
    fn points_from_a_step_join_the_last_one_drawn() {
        let axes = Axes::new(Extent::of([1.0, 4.0]), 10.0, 5);
        let losses = [4.0, 3.0, f64::NAN, 2.0, 1.0];
        assert_eq!(
            points(&losses, 0, &axes, 100.0),
            [(0.0, 4.0), (1.0, 3.0), (3.0, 2.0), (4.0, 1.0)]
        );
        assert_eq!(points(&losses, 4, &axes, 100.0), [(3.0, 2.0), (4.0, 1.0)]);
    }

    #[test]
    fn a_long_series_keeps_each_columns_first_extremes_and_last() {
        // 10,000 losses over 100 columns: a sawtooth with one spike and one dip.
        let mut losses: Vec<f64> = (0..10_000).map(|i| 1.0 + f64::from(i % 7) / 10.0).collect();
        losses[4321] = 50.0;
        losses[8765] = 0.001;
        let axes = Axes::new(Extent::of(losses.iter().copied()), 10_000.0, losses.len());
        assert!(axes.log);
        let p = points(&losses, 0, &axes, 100.0);
        assert!(p.len() <= 400, "{} points", p.len());
        // In step order, the spike and the dip kept exactly, the ends kept.
        assert!(p.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(p.contains(&(4321.0, 50f64.log10())));
        assert!(p.contains(&(8765.0, 0.001f64.log10())));
        assert_eq!(p[0], (0.0, 0.0));
        assert_eq!(*p.last().unwrap(), (9999.0, losses[9999].log10()));
        // Every column's least and greatest loss is among the points.
        for c in 0..100 {
            let col = &losses[c * 100..(c + 1) * 100];
            let (lo, hi) = col
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &l| {
                    (a.min(l), b.max(l))
                });
            let ys: Vec<f64> = p
                .iter()
                .filter(|q| (q.0 / 100.0).floor() as usize == c)
                .map(|q| 10f64.powf(q.1))
                .collect();
            let near = |v: f64| ys.iter().any(|y| (y - v).abs() < 1e-9 * v.max(1.0));
            assert!(near(lo) && near(hi), "column {c}");
        }
        // Short series are drawn point for point.
        assert_eq!(points(&losses[..150], 0, &axes, 100.0).len(), 150);
    }
}
