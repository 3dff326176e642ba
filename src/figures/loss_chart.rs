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
    let (min, max) = losses
        .into_iter()
        .filter(|l| l.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), l| {
            (a.min(l), b.max(l))
        });
    min > 0.0 && max >= 10.0 * min
}

/// Draws `series` over steps 0 to `x_max`, the x axis titled `x_desc` and the y axis `y_name`
/// (with "(log scale)" when it is).
///
/// # Errors
/// If the backend fails.
pub fn draw<B: DrawingBackend>(
    root: &Root<B>,
    series: &[Series<'_>],
    x_max: f64,
    (x_desc, y_name): (&str, &str),
    scale: f64,
) -> Drawn {
    root.fill(&WHITE)?;
    let all = || {
        series
            .iter()
            .flat_map(|s| s.losses.iter().copied())
            .filter(|l| l.is_finite())
    };
    let log = log_scale(all());
    let y = |l: f64| if log { l.log10() } else { l };
    let (lo, hi) = all()
        .map(y)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    let (lo, hi) = if lo.is_finite() && hi > lo {
        (lo, hi)
    } else if lo > 0.0 && !log {
        // One loss (or all equal): from 0 to twice it, never a negative loss on the axis.
        (0.0, 2.0 * lo)
    } else if lo.is_finite() {
        (lo - 1.0, lo + 1.0)
    } else {
        (0.0, 1.0)
    };
    let pad = (hi - lo) * 0.05;
    let font = style::font(12.0, scale);
    // The x band holds the tick labels and, below them, the axis title.
    let mut chart = style::chart(
        root,
        scale,
        [10.0, 0.0, 16.0, 42.0, 64.0],
        (0f64..x_max.max(1.0), (lo - pad)..(hi + pad)),
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
    let y_desc = if log {
        format!("{y_name} (log scale)")
    } else {
        y_name.to_owned()
    };
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(style::LEVEL.mix(0.1))
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
    for s in series {
        let points = s
            .losses
            .iter()
            .enumerate()
            .filter(|(_, l)| l.is_finite())
            .map(|(i, &l)| (i as f64, y(l)));
        let line = ShapeStyle::from(&s.color).stroke_width(px(2.0, scale));
        chart.draw_series(LineSeries::new(points.clone(), line))?;
        if s.losses.len() <= DOTS_UP_TO {
            chart.draw_series(
                points.map(|c| Circle::new(c, px(3.0, scale), ShapeStyle::from(&s.color).filled())),
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
