//! `contour`: level curves of f(x, y) with a point the reader moves, the gradient arrow at the
//! point and a piece of the level curve's tangent, so the right angle between them shows.

use super::options::{self, OptionError, OptionErrorKind, Options};
use super::plot_area::PlotArea;
use super::style::{self, px};
use super::{draw_err, DrawError, Layer};
use crate::math::contour::{auto_levels, level_lines, Grid, LevelLine};
use crate::math::functions::{Domain, Function};
use plotters::coord::Shift;
use plotters::prelude::*;
use serde::Serialize;

/// How the background's colour fill is painted.
pub enum Fill<'a> {
    /// Drawn through plotters as an `n × n` grid of rectangles (SVG export).
    Cells(usize),
    /// Painted by the caller once the plot area is known (the browser puts an RGBA buffer
    /// from [`ContourFigure::fill_rgba`] straight into the canvas).
    External(&'a mut dyn FnMut(&PlotArea)),
    /// No fill.
    None,
}

/// The widget's options: `data-fn`, `data-x`, `data-y`.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The surface.
    pub function: Function,
    /// The starting point.
    pub point: [f64; 2],
}

impl Default for Config {
    /// The article's example: the bowl at (3, 4).
    fn default() -> Self {
        Self {
            function: Function::Bowl,
            point: default_point(Function::Bowl),
        }
    }
}

/// A point worth looking at first on each surface.
#[must_use]
pub fn default_point(f: Function) -> [f64; 2] {
    match f {
        Function::Bowl | Function::Valley => [3.0, 4.0],
        Function::Saddle => [2.0, 1.0],
        Function::Rosenbrock => [-1.0, 2.0],
        Function::Himmelblau => [-1.0, 1.0],
    }
}

/// Reads `data-fn` (a function name) from the options.
///
/// # Errors
/// [`OptionErrorKind::UnknownFunction`] listing the names that exist.
pub fn function_option(opts: &(impl Options + ?Sized)) -> Result<Function, OptionError> {
    match opts.get("data-fn") {
        None => Ok(Function::Bowl),
        Some(name) => Function::from_name(name.trim()).ok_or_else(|| {
            let known: Vec<&str> = Function::ALL.iter().map(|f| f.name()).collect();
            OptionError::new(
                "data-fn",
                &name,
                OptionErrorKind::UnknownFunction(known.join(", ")),
            )
        }),
    }
}

/// Reads a coordinate option and checks it lies in `range`.
fn coordinate(
    opts: &(impl Options + ?Sized),
    key: &str,
    default: f64,
    range: (f64, f64),
    f: Function,
) -> Result<f64, OptionError> {
    let v = options::number(opts, key, default)?;
    if v < range.0 || v > range.1 {
        let axis = key.trim_start_matches("data-");
        let msg = format!(
            "{} is shown for {axis} from {} to {}",
            f.name(),
            range.0,
            range.1
        );
        return Err(OptionError::new(
            key,
            &opts.get(key).unwrap_or_default(),
            OptionErrorKind::OutOfRange(msg),
        ));
    }
    Ok(v)
}

impl Config {
    /// Reads the options, falling back to the defaults for absent ones.
    ///
    /// # Errors
    /// The first option that is unusable, with the attribute and its value.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        let function = function_option(opts)?;
        let d = function.domain();
        let [x0, y0] = default_point(function);
        let x = coordinate(opts, "data-x", x0, d.x, function)?;
        let y = coordinate(opts, "data-y", y0, d.y, function)?;
        Ok(Self {
            function,
            point: [x, y],
        })
    }
}

/// What `data-state` reports: `{"kind":"contour","fn":…,"x":…,"y":…,"f":…,"grad":[…],"norm":…}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct State {
    /// Always `"contour"`.
    pub kind: &'static str,
    /// The function's name.
    #[serde(rename = "fn")]
    pub function: &'static str,
    /// The point.
    pub x: f64,
    /// The point.
    pub y: f64,
    /// f at the point.
    pub f: f64,
    /// ∇f at the point.
    pub grad: [f64; 2],
    /// ‖∇f‖.
    pub norm: f64,
}

/// The figure: a function, its sampled grid and level lines (computed once), and the point.
#[derive(Clone, Debug)]
pub struct ContourFigure {
    function: Function,
    domain: Domain,
    point: [f64; 2],
    levels: Vec<f64>,
    lines: Vec<LevelLine>,
    /// Median ‖∇f‖ over the grid: the arrow is half its longest at this gradient.
    gradient_reference: f64,
}

/// Grid samples per side for the level lines.
const GRID: usize = 121;

impl ContourFigure {
    /// Samples the function and extracts its level lines.
    #[must_use]
    pub fn new(config: Config) -> Self {
        let function = config.function;
        let domain = function.domain();
        let grid = Grid::sample(|x, y| function.value(x, y), domain, GRID, GRID);
        let levels = auto_levels(&grid, 9);
        let lines = levels.iter().flat_map(|&l| level_lines(&grid, l)).collect();
        let mut norms: Vec<f64> = (0..GRID * GRID)
            .step_by(7)
            .map(|k| {
                let [x, y] = grid.point((k % GRID) as f64, (k / GRID) as f64);
                let [gx, gy] = function.gradient(x, y);
                gx.hypot(gy)
            })
            .filter(|v| v.is_finite())
            .collect();
        norms.sort_by(f64::total_cmp);
        let gradient_reference = norms.get(norms.len() / 2).copied().unwrap_or(1.0).max(1e-9);
        let point = domain.clamp(config.point);
        Self {
            function,
            domain,
            point,
            levels,
            lines,
            gradient_reference,
        }
    }

    /// The function shown.
    #[must_use]
    pub fn function(&self) -> Function {
        self.function
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

    /// The level lines.
    #[must_use]
    pub fn lines(&self) -> &[LevelLine] {
        &self.lines
    }

    /// The point.
    #[must_use]
    pub fn point(&self) -> [f64; 2] {
        self.point
    }

    /// Moves the point, clamped into the region shown. Returns true if it moved.
    pub fn set_point(&mut self, p: [f64; 2]) -> bool {
        if !(p[0].is_finite() && p[1].is_finite()) {
            return false;
        }
        let p = self.domain.clamp(p);
        let moved = p != self.point;
        self.point = p;
        moved
    }

    /// The state reported in `data-state`.
    #[must_use]
    pub fn state(&self) -> State {
        let [x, y] = self.point;
        let (f, grad) = self.function.value_and_gradient(x, y);
        State {
            kind: "contour",
            function: self.function.name(),
            x,
            y,
            f,
            grad,
            norm: grad[0].hypot(grad[1]),
        }
    }

    /// A press or drag at pixel (px, py): the point moves there if the pixel is on the plot
    /// (or within `slack` pixels of it; the point is clamped to the edge). Returns true if
    /// the press lands on the plot.
    pub fn press(&mut self, area: &PlotArea, px: f64, py: f64, slack: f64) -> bool {
        if !area.contains(px, py, slack) {
            return false;
        }
        self.set_point(area.to_data(px, py));
        true
    }

    /// Continues a drag: the point follows the pointer, clamped to the plot, wherever it is.
    pub fn drag(&mut self, area: &PlotArea, px: f64, py: f64) -> bool {
        self.set_point(area.to_data(px, py))
    }

    /// An arrow key moves the point by 1% of the region's width (10% with `coarse`).
    /// Returns true if the key is one the figure uses.
    pub fn key(&mut self, key: &str, coarse: bool) -> bool {
        let step = (self.domain.x.1 - self.domain.x.0) * if coarse { 0.1 } else { 0.01 };
        let [x, y] = self.point;
        let p = match key {
            "ArrowLeft" => [x - step, y],
            "ArrowRight" => [x + step, y],
            "ArrowUp" => [x, y + step],
            "ArrowDown" => [x, y - step],
            _ => return false,
        };
        self.set_point(p);
        true
    }

    /// The gradient arrow in data coordinates, from the point: along ∇f, its length growing
    /// with ‖∇f‖ but saturating at 30% of the region (length = L·g/(g + g_ref), g_ref the
    /// median gradient norm), and shortened to end inside the region. `None` at a critical
    /// point, where there is no direction to draw.
    #[must_use]
    pub fn gradient_arrow(&self) -> Option<[[f64; 2]; 2]> {
        let p = self.point;
        let [gx, gy] = self.function.gradient(p[0], p[1]);
        let g = gx.hypot(gy);
        if g == 0.0 || !g.is_finite() {
            return None;
        }
        let longest = 0.3 * self.span();
        let len = longest * g / (g + self.gradient_reference);
        Some([p, self.clip(p, [gx / g * len, gy / g * len])])
    }

    /// A short piece of the level line's tangent through the point, perpendicular to ∇f.
    #[must_use]
    pub fn tangent(&self) -> Option<[[f64; 2]; 2]> {
        let p = self.point;
        let [gx, gy] = self.function.gradient(p[0], p[1]);
        let g = gx.hypot(gy);
        if g == 0.0 || !g.is_finite() {
            return None;
        }
        let half = 0.09 * self.span();
        let t = [-gy / g * half, gx / g * half];
        Some([self.clip(p, [-t[0], -t[1]]), self.clip(p, t)])
    }

    fn span(&self) -> f64 {
        (self.domain.x.1 - self.domain.x.0).min(self.domain.y.1 - self.domain.y.0)
    }

    /// p + s·v for the largest s ≤ 1 that stays inside the region.
    fn clip(&self, p: [f64; 2], v: [f64; 2]) -> [f64; 2] {
        let mut s: f64 = 1.0;
        for (k, (lo, hi)) in [self.domain.x, self.domain.y].into_iter().enumerate() {
            if v[k] > 0.0 {
                s = s.min((hi - p[k]) / v[k]);
            } else if v[k] < 0.0 {
                s = s.min((lo - p[k]) / v[k]);
            }
        }
        let s = s.max(0.0);
        [p[0] + s * v[0], p[1] + s * v[1]]
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

    /// Where `t` ∈ [0, 1] a value sits among the levels: the band index over the band count.
    fn band(&self, v: f64) -> f64 {
        let k = self.levels.partition_point(|&l| l <= v);
        k as f64 / self.levels.len().max(1) as f64
    }

    /// The colour fill of the plot area as RGBA rows, `width × height` pixels, top row first:
    /// each pixel coloured by the band between two levels its centre falls in.
    #[must_use]
    pub fn fill_rgba(&self, area: &PlotArea, width: usize, height: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(width * height * 4);
        for j in 0..height {
            for i in 0..width {
                let [x, y] = area.to_data(area.left + i as f64 + 0.5, area.top + j as f64 + 0.5);
                let [r, g, b] = style::ramp(self.band(self.function.value(x, y)));
                out.extend_from_slice(&[r, g, b, 255]);
            }
        }
        out
    }

    /// Draws the figure on `root` at device-pixel `scale` and returns the plot's pixel↔data
    /// mapping. `layer` picks the static background, the moving overlay, or both; on the
    /// overlay the chart is only laid out (nothing is drawn), so the mapping is the same.
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        layer: Layer,
        fill: Fill<'_>,
        scale: f64,
    ) -> Result<PlotArea, DrawError> {
        let (m, xl, yl) = Self::layout(scale);
        let d = self.domain;
        let background = matches!(layer, Layer::Background | Layer::All);
        if background {
            root.fill(&WHITE).map_err(draw_err)?;
        }
        let mut chart = ChartBuilder::on(root)
            .margin(m)
            .x_label_area_size(xl)
            .y_label_area_size(yl)
            .build_cartesian_2d(d.x.0..d.x.1, d.y.0..d.y.1)
            .map_err(draw_err)?;
        let (x0, y0) = chart.backend_coord(&(d.x.0, d.y.0));
        let (x1, y1) = chart.backend_coord(&(d.x.1, d.y.1));
        let area = PlotArea {
            left: f64::from(x0),
            right: f64::from(x1),
            top: f64::from(y1),
            bottom: f64::from(y0),
            x: d.x,
            y: d.y,
        };
        if background {
            match fill {
                Fill::Cells(n) => self.fill_cells(&mut chart, n)?,
                Fill::External(paint) => paint(&area),
                Fill::None => {}
            }
            let font = (style::FONT, px(13.0, scale))
                .into_font()
                .color(&style::INK);
            chart
                .configure_mesh()
                .disable_mesh()
                .x_labels(7)
                .y_labels(7)
                .x_desc("x")
                .y_desc("y")
                .x_label_formatter(&|v| super::format::num(*v, 2))
                .y_label_formatter(&|v| super::format::num(*v, 2))
                .label_style(font.clone())
                .axis_desc_style(font)
                .axis_style(ShapeStyle::from(&style::INK).stroke_width(px(1.0, scale)))
                .set_all_tick_mark_size(px(4.0, scale))
                .draw()
                .map_err(draw_err)?;
            let line_style = ShapeStyle::from(&style::LEVEL.mix(0.75)).stroke_width(px(1.2, scale));
            for line in &self.lines {
                let mut pts: Vec<(f64, f64)> = line.points.iter().map(|p| (p[0], p[1])).collect();
                if line.closed {
                    pts.push(pts[0]);
                }
                chart
                    .draw_series(std::iter::once(PathElement::new(pts, line_style)))
                    .map_err(draw_err)?;
            }
        }
        if matches!(layer, Layer::Overlay | Layer::All) {
            self.draw_overlay(root, &area, scale)?;
        }
        Ok(area)
    }

    fn fill_cells<DB: DrawingBackend>(
        &self,
        chart: &mut ChartContext<
            '_,
            DB,
            Cartesian2d<
                plotters::coord::types::RangedCoordf64,
                plotters::coord::types::RangedCoordf64,
            >,
        >,
        n: usize,
    ) -> Result<(), DrawError> {
        let n = n.max(1);
        let d = self.domain;
        let (w, h) = ((d.x.1 - d.x.0) / n as f64, (d.y.1 - d.y.0) / n as f64);
        let cells = (0..n * n).map(|k| {
            let (i, j) = ((k % n) as f64, (k / n) as f64);
            let (x, y) = (d.x.0 + i * w, d.y.0 + j * h);
            let [r, g, b] = style::ramp(self.band(self.function.value(x + w / 2.0, y + h / 2.0)));
            Rectangle::new([(x, y), (x + w, y + h)], RGBColor(r, g, b).filled())
        });
        chart.draw_series(cells).map_err(draw_err)?;
        Ok(())
    }

    fn draw_overlay<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        area: &PlotArea,
        scale: f64,
    ) -> Result<(), DrawError> {
        let to_px = |p: [f64; 2]| {
            let (x, y) = area.to_pixel(p);
            (x.round() as i32, y.round() as i32)
        };
        let point = to_px(self.point);
        match (self.gradient_arrow(), self.tangent()) {
            (Some([from, to]), Some([t0, t1])) => {
                let tangent = ShapeStyle::from(&style::TANGENT).stroke_width(px(2.0, scale));
                root.draw(&PathElement::new(vec![to_px(t0), to_px(t1)], tangent))
                    .map_err(draw_err)?;
                // Right-angle mark between the tangent and the arrow.
                let (a, b) = (area.to_pixel(from), area.to_pixel(to));
                let (t1x, t1y) = area.to_pixel(t1);
                let unit = |dx: f64, dy: f64| {
                    let n = dx.hypot(dy).max(1e-9);
                    (dx / n, dy / n)
                };
                let g = unit(b.0 - a.0, b.1 - a.1);
                let t = unit(t1x - a.0, t1y - a.1);
                let s = 9.0 * scale;
                let corner = |u: f64, v: f64| {
                    (
                        (a.0 + (g.0 * u + t.0 * v) * s).round() as i32,
                        (a.1 + (g.1 * u + t.1 * v) * s).round() as i32,
                    )
                };
                let mark = ShapeStyle::from(&style::INK).stroke_width(px(1.2, scale));
                root.draw(&PathElement::new(
                    vec![corner(1.0, 0.0), corner(1.0, 1.0), corner(0.0, 1.0)],
                    mark,
                ))
                .map_err(draw_err)?;
                draw_arrow(root, a, b, style::GRADIENT, scale)?;
                let label = (style::FONT, px(14.0, scale))
                    .into_font()
                    .color(&style::GRADIENT);
                // The label sits just past the tip, kept inside the plot.
                let off = 10.0 * scale;
                let (lw, lh) = (18.0 * scale, 16.0 * scale);
                let lx = (b.0 + g.0 * off - lw / 2.0).clamp(area.left + 2.0, area.right - lw);
                let ly = (b.1 + g.1 * off - lh / 2.0).clamp(area.top + 2.0, area.bottom - lh);
                root.draw(&Text::new(
                    "∇f",
                    (lx.round() as i32, ly.round() as i32),
                    label,
                ))
                .map_err(draw_err)?;
            }
            _ => {
                let ring = ShapeStyle::from(&style::ALERT).stroke_width(px(2.0, scale));
                root.draw(&Circle::new(point, px(12.0, scale), ring))
                    .map_err(draw_err)?;
                let label = (style::FONT, px(13.0, scale))
                    .into_font()
                    .color(&style::ALERT);
                let at = (
                    point.0 + px(16.0, scale) as i32,
                    point.1 - px(18.0, scale) as i32,
                );
                root.draw(&Text::new("∇f = 0: critical point", at, label))
                    .map_err(draw_err)?;
            }
        }
        root.draw(&Circle::new(
            point,
            px(7.0, scale),
            ShapeStyle::from(&WHITE).filled(),
        ))
        .map_err(draw_err)?;
        root.draw(&Circle::new(
            point,
            px(5.5, scale),
            ShapeStyle::from(&style::POINT).filled(),
        ))
        .map_err(draw_err)?;
        Ok(())
    }
}

/// An arrow from pixel `a` to pixel `b` with a filled head.
pub fn draw_arrow<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    a: (f64, f64),
    b: (f64, f64),
    color: RGBColor,
    scale: f64,
) -> Result<(), DrawError> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = dx.hypot(dy);
    if len < 1.0 {
        return Ok(());
    }
    let (ux, uy) = (dx / len, dy / len);
    let head = (11.0 * scale).min(len * 0.6);
    let base = (b.0 - ux * head, b.1 - uy * head);
    let w = head * 0.45;
    let r = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
    let shaft = ShapeStyle::from(&color).stroke_width(px(2.5, scale));
    root.draw(&PathElement::new(
        vec![r(a.0, a.1), r(base.0, base.1)],
        shaft,
    ))
    .map_err(draw_err)?;
    let tip = vec![
        r(b.0, b.1),
        r(base.0 - uy * w, base.1 + ux * w),
        r(base.0 + uy * w, base.1 - ux * w),
    ];
    root.draw(&Polygon::new(tip, color.filled()))
        .map_err(draw_err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dot(a: [f64; 2], b: [f64; 2]) -> f64 {
        a[0] * b[0] + a[1] * b[1]
    }

    #[test]
    fn options_parse_with_defaults_and_named_errors() {
        let none: &[(&str, &str)] = &[];
        assert_eq!(Config::from_options(none), Ok(Config::default()));
        let c =
            Config::from_options(&[("data-fn", "saddle"), ("data-x", "0"), ("data-y", "-1.5")][..])
                .unwrap();
        assert_eq!(
            c,
            Config {
                function: Function::Saddle,
                point: [0.0, -1.5]
            }
        );
        let e = Config::from_options(&[("data-fn", "banana")][..]).unwrap_err();
        assert_eq!(e.key, "data-fn");
        assert!(e.to_string().contains("\"banana\"") && e.to_string().contains("rosenbrock"));
        let e = Config::from_options(&[("data-x", "12")][..]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "data-x=\"12\" is out of range: bowl is shown for x from -5 to 5"
        );
        let e = Config::from_options(&[("data-y", "four")][..]).unwrap_err();
        assert_eq!(
            (e.key.as_str(), e.kind),
            ("data-y", OptionErrorKind::NotANumber)
        );
    }

    #[test]
    fn state_at_the_articles_point() {
        let fig = ContourFigure::new(Config::default());
        let s = fig.state();
        assert_eq!(
            s,
            State {
                kind: "contour",
                function: "bowl",
                x: 3.0,
                y: 4.0,
                f: 25.0,
                grad: [6.0, 8.0],
                norm: 10.0
            }
        );
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"contour","fn":"bowl","x":3.0,"y":4.0,"f":25.0,"grad":[6.0,8.0],"norm":10.0}"#
        );
    }

    #[test]
    fn arrow_follows_the_gradient_and_is_perpendicular_to_the_tangent() {
        for f in Function::ALL {
            let mut fig = ContourFigure::new(Config {
                function: f,
                point: default_point(f),
            });
            for p in [default_point(f), [0.3, -0.7], [1.9, 2.9]] {
                fig.set_point(p);
                let p = fig.point();
                let g = f.gradient(p[0], p[1]);
                let [a, b] = fig.gradient_arrow().unwrap();
                let [t0, t1] = fig.tangent().unwrap();
                let arrow = [b[0] - a[0], b[1] - a[1]];
                let tangent = [t1[0] - t0[0], t1[1] - t0[1]];
                let (na, nt) = (arrow[0].hypot(arrow[1]), tangent[0].hypot(tangent[1]));
                // Same direction as ∇f, at right angles to the tangent, inside the region.
                assert!(
                    (dot(arrow, g) / (na * g[0].hypot(g[1])) - 1.0).abs() < 1e-9,
                    "{f:?} {p:?}"
                );
                assert!(
                    dot(arrow, tangent).abs() < 1e-9 * na * nt.max(1.0),
                    "{f:?} {p:?}"
                );
                let d = f.domain();
                assert!(
                    b[0] >= d.x.0 - 1e-12
                        && b[0] <= d.x.1 + 1e-12
                        && b[1] >= d.y.0 - 1e-12
                        && b[1] <= d.y.1 + 1e-12
                );
                assert!(na <= 0.3 * 4.0_f64.max(0.0) * 10.0);
            }
        }
    }

    #[test]
    fn level_lines_of_the_bowl_are_circles_at_the_chosen_levels() {
        let fig = ContourFigure::new(Config::default());
        assert_eq!(
            fig.levels(),
            &[5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0]
        );
        // Levels up to 25 (radius 5) are full circles inside [−5, 5]²; beyond, arcs in the corners.
        for l in fig.lines() {
            if l.level < 25.0 {
                assert!(l.closed);
            }
            for p in &l.points {
                assert!((p[0] * p[0] + p[1] * p[1] - l.level).abs() < 0.01 * l.level.max(1.0));
            }
        }
    }

    #[test]
    fn critical_point_has_no_arrow() {
        let fig = ContourFigure::new(Config {
            function: Function::Bowl,
            point: [0.0, 0.0],
        });
        assert_eq!(fig.gradient_arrow(), None);
        assert_eq!(fig.tangent(), None);
        assert_eq!(fig.state().norm, 0.0);
    }

    #[test]
    fn presses_drags_and_keys_move_the_point() {
        let mut fig = ContourFigure::new(Config::default());
        let area = PlotArea {
            left: 50.0,
            right: 450.0,
            top: 10.0,
            bottom: 410.0,
            x: (-5.0, 5.0),
            y: (-5.0, 5.0),
        };
        assert!(fig.press(&area, 250.0, 210.0, 4.0));
        assert_eq!(fig.point(), [0.0, 0.0]);
        assert!(!fig.press(&area, 10.0, 210.0, 4.0));
        assert_eq!(fig.point(), [0.0, 0.0]);
        // Dragging past the edge clamps.
        fig.drag(&area, 900.0, -50.0);
        assert_eq!(fig.point(), [5.0, 5.0]);
        fig.set_point([1.0, 1.0]);
        assert!(fig.key("ArrowRight", false));
        assert!((fig.point()[0] - 1.1).abs() < 1e-12);
        assert!(fig.key("ArrowDown", true));
        assert!((fig.point()[1] - 0.0).abs() < 1e-12);
        assert!(!fig.key("a", false));
        assert!(!fig.set_point([f64::NAN, 0.0]));
    }

    #[test]
    fn height_keeps_equal_axis_scales() {
        let fig = ContourFigure::new(Config::default());
        for (w, s) in [(600u32, 1.0), (1200, 2.0), (390, 1.0)] {
            let h = fig.height_for_width(w, s);
            let mut svg = String::new();
            let area = {
                let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
                fig.draw(&root, Layer::Background, Fill::None, s).unwrap()
            };
            assert!(
                (area.x_scale() - area.y_scale()).abs() <= 1.0,
                "{w} {s}: {area:?}"
            );
        }
    }
}
