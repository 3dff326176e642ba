//! The static part of every contour-style figure: a sampled surface's colour bands, level
//! lines and labelled axes with equal x and y scales. `contour` draws a named function on it,
//! `loss-slice` the network's loss over two weights; each adds its own moving overlay.

use super::plot_area::PlotArea;
use super::style::{self, px};
use super::{DrawError, Layer};
use super::{Drawn, Root};
use crate::math::contour::{auto_levels, Grid, LevelLine, Tracer};
use crate::math::functions::Domain;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::cell::{OnceCell, RefCell};

/// How the background's colour fill is painted.
pub enum Fill<'a> {
    /// Drawn through plotters as an `n × n` grid of rectangles (SVG export).
    Cells(usize),
    /// Painted by the caller once the plot area is known (the browser puts an RGBA buffer
    /// from [`ContourPlot::fill_rgba`] straight into the canvas).
    External(&'a mut dyn FnMut(&PlotArea)),
    /// No fill.
    None,
}

/// Grid samples per side for the level lines.
const GRID: usize = 121;

/// The fill where the function has no value.
const UNDEFINED_RGBA: [u8; 4] = [214, 214, 214, 255];

/// A surface sampled over a region, with its levels and level lines computed once: the
/// levels at once, the lines when first asked for ([`lines`](Self::lines)), so a figure's
/// start can trace them in a task of their own (see [`Widget::warm`](super::widget::Widget::warm)).
#[derive(Clone, Debug)]
pub struct ContourPlot {
    domain: Domain,
    levels: Vec<f64>,
    /// The samples, until the lines are traced from them.
    grid: RefCell<Option<Grid>>,
    lines: OnceCell<Vec<LevelLine>>,
    axes: (&'static str, &'static str),
}

impl ContourPlot {
    /// Samples `f` over `domain` and picks about `count` levels (their lines are traced when
    /// first asked for); `axes` names the axes.
    #[must_use]
    pub fn new(
        f: &dyn Fn(f64, f64) -> f64,
        domain: Domain,
        count: usize,
        axes: (&'static str, &'static str),
    ) -> Self {
        let grid = Grid::sample(f, domain, GRID, GRID);
        let levels = auto_levels(&grid, count);
        Self {
            domain,
            levels,
            grid: RefCell::new(Some(grid)),
            lines: OnceCell::new(),
            axes,
        }
    }

    /// The region shown.
    #[must_use]
    pub fn domain(&self) -> Domain {
        self.domain
    }

    /// The levels whose lines are drawn.
    #[must_use]
    pub fn levels(&self) -> &[f64] {
        &self.levels
    }

    /// The level lines, traced the first time they are asked for.
    #[must_use]
    pub fn lines(&self) -> &[LevelLine] {
        self.lines.get_or_init(|| {
            let Some(grid) = self.grid.borrow_mut().take() else {
                return Vec::new();
            };
            let mut tracer = Tracer::new(&grid);
            self.levels.iter().flat_map(|&l| tracer.lines(l)).collect()
        })
    }

    /// Layout in device pixels: (margin, x-label band, y-label band).
    fn layout(scale: f64) -> (u32, u32, u32) {
        (px(12.0, scale), px(36.0, scale), px(48.0, scale))
    }

    /// The canvas height that makes the plot's x and y scales equal (so right angles look
    /// right) for a canvas `width` device pixels wide.
    #[must_use]
    pub fn height_for_width(&self, width: u32, scale: f64) -> u32 {
        let (m, xl, yl) = Self::layout(scale);
        let plot_w = f64::from(width.saturating_sub(2 * m + yl).max(1));
        let ratio = (self.domain.y.1 - self.domain.y.0) / (self.domain.x.1 - self.domain.x.0);
        (plot_w * ratio).round() as u32 + 2 * m + xl
    }

    /// Where `t` ∈ [0, 1] a value sits among the levels: its band index over the band count.
    #[must_use]
    pub fn band(&self, v: f64) -> f64 {
        let k = self.levels.partition_point(|&l| l <= v);
        k as f64 / self.levels.len().max(1) as f64
    }

    /// The colour fill of the plot area as RGBA rows, `width × height` pixels, top row first:
    /// each pixel coloured by the band its centre's value falls in.
    #[must_use]
    pub fn fill_rgba(
        &self,
        f: impl Fn(f64, f64) -> f64,
        area: &PlotArea,
        width: usize,
        height: usize,
    ) -> Vec<u8> {
        // One colour per band, computed once; the data x of each column once.
        let palette: Vec<[u8; 4]> = (0..=self.levels.len())
            .map(|k| {
                let [r, g, b] = style::ramp(k as f64 / self.levels.len().max(1) as f64);
                [r, g, b, 255]
            })
            .collect();
        let xs: Vec<f64> = (0..width)
            .map(|i| area.to_data(area.left + i as f64 + 0.5, area.top)[0])
            .collect();
        let mut out = vec![0; width * height * 4];
        if width == 0 {
            return out;
        }
        for (j, row) in out.chunks_exact_mut(width * 4).enumerate() {
            let y = area.to_data(area.left, area.top + j as f64 + 0.5)[1];
            fill_row(row, &xs, y, &f, &self.levels, &palette);
        }
        out
    }

    /// Lays the chart out on `root` and returns the pixel↔data mapping; draws the background
    /// (white, fill, axes, level lines) only if `background` is true, so the moving overlay
    /// can reuse the same mapping without redrawing anything. Without the background, a
    /// [`Fill::External`] is still painted (nothing else is): [`Layer::Fill`](super::Layer::Fill).
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        f: &dyn Fn(f64, f64) -> f64,
        background: bool,
        fill: Fill<'_>,
        scale: f64,
    ) -> Result<PlotArea, DrawError> {
        let (m, xl, yl) = Self::layout(scale);
        let d = self.domain;
        if background {
            root.fill(&WHITE)?;
        }
        let mut chart = ChartBuilder::on(root)
            .margin(m)
            .x_label_area_size(xl)
            .y_label_area_size(yl)
            .build_cartesian_2d(d.x.0..d.x.1, d.y.0..d.y.1)?;
        let area = PlotArea::from_chart(root, &chart, d.x, d.y);
        if !background {
            // Only the fill, when one is asked for ([`Layer::Fill`](super::Layer::Fill)).
            if let Fill::External(paint) = fill {
                paint(&area.offset(root.get_base_pixel()));
            }
            return Ok(area);
        }
        match fill {
            Fill::Cells(n) => {
                let n = n.max(1);
                let (w, h) = ((d.x.1 - d.x.0) / n as f64, (d.y.1 - d.y.0) / n as f64);
                let cells = (0..n * n).map(|k| {
                    let (x, y) = (d.x.0 + (k % n) as f64 * w, d.y.0 + (k / n) as f64 * h);
                    let [r, g, b] = style::ramp(self.band(f(x + w / 2.0, y + h / 2.0)));
                    Rectangle::new([(x, y), (x + w, y + h)], RGBColor(r, g, b).filled())
                });
                chart.draw_series(cells)?;
            }
            Fill::External(paint) => paint(&area.offset(root.get_base_pixel())),
            Fill::None => {}
        }
        let font = style::font(13.0, scale);
        // A tick at what should be 0 can come out as floating-point noise (1e-16): snap it.
        let (xr, yr) = ((d.x.1 - d.x.0).abs(), (d.y.1 - d.y.0).abs());
        let snap = |v: f64, range: f64| if v.abs() < 1e-9 * range { 0.0 } else { v };
        let x_fmt = |v: &f64| super::format::num(snap(*v, xr), 2);
        let y_fmt = |v: &f64| super::format::num(snap(*v, yr), 2);
        // Narrow plots get fewer x labels (about one per 45 CSS px), so they do not run together.
        let x_labels = (((area.right - area.left) / scale / 45.0).floor() as usize).clamp(3, 7);
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(x_labels)
            .y_labels(7)
            .x_desc(self.axes.0)
            .y_desc(self.axes.1)
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .label_style(font.clone())
            .axis_desc_style(font)
            .axis_style(ShapeStyle::from(&style::INK).stroke_width(px(1.0, scale)))
            .set_all_tick_mark_size(px(4.0, scale))
            .draw()?;
        let line_style = ShapeStyle::from(&style::LEVEL.mix(0.75)).stroke_width(px(1.2, scale));
        for line in self.lines() {
            let mut pts: Vec<(f64, f64)> = line.points.iter().map(|p| (p[0], p[1])).collect();
            if line.closed {
                pts.push(pts[0]);
            }
            chart.draw_series(std::iter::once(PathElement::new(pts, line_style)))?;
        }
        Ok(area)
    }
}

/// One row of [`ContourPlot::fill_rgba`]: the pixels at `xs` on the line `y`.
///
/// A function of its own, called row by row: the browser runs a first page load in its
/// baseline compiler and swaps in optimised code only between calls, so one call for the
/// whole fill would run all of it unoptimised. Generic over `f` (not a `dyn Fn`), so each
/// figure's function is compiled into the loop instead of called per pixel.
#[inline(never)]
fn fill_row(
    row: &mut [u8],
    xs: &[f64],
    y: f64,
    f: &impl Fn(f64, f64) -> f64,
    levels: &[f64],
    palette: &[[u8; 4]],
) {
    // The count of levels ≤ v, as `partition_point` gives it; `k` is the neighbour's band,
    // which is usually this pixel's too (two comparisons instead of a search).
    let band = |v: f64, k: usize| {
        if (k == 0 || levels[k - 1] <= v) && (k == levels.len() || v < levels[k]) {
            k
        } else {
            levels.partition_point(|&l| l <= v)
        }
    };
    let mut k = 0;
    for (pixel, &x) in row.chunks_exact_mut(4).zip(xs) {
        let v = f(x, y);
        if v.is_nan() {
            // Where a typed function is undefined: neutral grey, not a band.
            pixel.copy_from_slice(&UNDEFINED_RGBA);
            continue;
        }
        k = band(v, k);
        pixel.copy_from_slice(&palette[k]);
    }
}

/// A figure drawn over a [`ContourPlot`] (contour, trajectory, minibatch, loss-slice, the
/// sinusoid's dial): it names its plot and its surface and draws what goes over them; the
/// layers, the fill and the pixel↔data mapping come from here.
pub trait OnContours {
    /// The plot.
    fn plot(&self) -> &ContourPlot;

    /// The surface at (x, y).
    fn value(&self, x: f64, y: f64) -> f64;

    /// What the static layer adds over the plot (nothing by default).
    ///
    /// # Errors
    /// If the backend fails.
    fn draw_static<DB: DrawingBackend>(
        &self,
        _root: &DrawingArea<DB, Shift>,
        _area: &PlotArea,
        _scale: f64,
    ) -> Result<(), DrawError> {
        Ok(())
    }

    /// The moving layer.
    ///
    /// # Errors
    /// If the backend fails.
    fn draw_moving<B: DrawingBackend>(&self, root: &Root<B>, area: &PlotArea, scale: f64) -> Drawn;

    /// What a run has accumulated, from item `from` on (nothing by default; see
    /// [`Layer::Trail`]).
    ///
    /// # Errors
    /// If the backend fails.
    fn draw_trail<B: DrawingBackend>(
        &self,
        _root: &Root<B>,
        _area: &PlotArea,
        _from: usize,
        _scale: f64,
    ) -> Drawn {
        Ok(())
    }

    /// The colour fill of the plot area as RGBA rows (see [`ContourPlot::fill_rgba`]).
    fn fill_rgba(&self, area: &PlotArea, width: usize, height: usize) -> Vec<u8> {
        self.plot()
            .fill_rgba(|x, y| self.value(x, y), area, width, height)
    }

    /// Draws the figure on `root` at device-pixel `scale` and returns the plot's pixel↔data
    /// mapping. `layer` picks the static background (fill, axes, level lines and
    /// [`draw_static`](Self::draw_static)), the trail ([`draw_trail`](Self::draw_trail)), the
    /// moving overlay, or all three; on the trail and the overlay the chart is only laid out
    /// (nothing is drawn), so the mapping is the same.
    ///
    /// # Errors
    /// If the backend fails.
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        layer: Layer,
        fill: Fill<'_>,
        scale: f64,
    ) -> Result<PlotArea, DrawError> {
        let background = matches!(layer, Layer::Background | Layer::All);
        let area = self
            .plot()
            .draw(root, &|x, y| self.value(x, y), background, fill, scale)?;
        if background {
            self.draw_static(root, &area, scale)?;
        }
        if let Some(from) = layer.trail_from() {
            self.draw_trail(root, &area, from, scale)?;
        }
        if matches!(layer, Layer::Overlay | Layer::All) {
            self.draw_moving(root, &area, scale)?;
        }
        Ok(area)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::functions::Function;

    /// Each pixel coloured by the band of the value at its centre, computed pixel by pixel
    /// with [`ContourPlot::band`] (a search over the levels every time).
    #[test]
    fn the_fill_colours_each_pixel_by_the_band_at_its_centre() {
        let f = Function::Himmelblau;
        let value = |x: f64, y: f64| {
            if x > 3.0 && y > 3.0 {
                f64::NAN
            } else {
                f.value(x, y)
            }
        };
        let plot = ContourPlot::new(&value, f.domain(), 20, ("x", "y"));
        assert!(plot.levels().len() > 5);
        let area = PlotArea {
            left: 10.0,
            right: 110.0,
            top: 5.0,
            bottom: 85.0,
            x: f.domain().x,
            y: f.domain().y,
        };
        let (w, h) = (100, 80);
        let rgba = plot.fill_rgba(value, &area, w, h);
        assert_eq!(rgba.len(), w * h * 4);
        let (mut grey, mut bands) = (0, std::collections::BTreeSet::new());
        for j in 0..h {
            for i in 0..w {
                let [x, y] = area.to_data(area.left + i as f64 + 0.5, area.top + j as f64 + 0.5);
                let v = value(x, y);
                let want = if v.is_nan() {
                    grey += 1;
                    UNDEFINED_RGBA
                } else {
                    let t = plot.band(v);
                    bands.insert((t * 1000.0) as u32);
                    let [r, g, b] = style::ramp(t);
                    [r, g, b, 255]
                };
                let k = (j * w + i) * 4;
                assert_eq!(rgba[k..k + 4], want, "pixel ({i}, {j}), value {v}");
            }
        }
        assert!(
            grey > 0 && bands.len() > 5,
            "{grey} grey, {} bands",
            bands.len()
        );
        assert!(plot.fill_rgba(value, &area, 0, 7).is_empty());
    }
}
