//! `sinusoid`: the directional derivative D_θ f = f_x cos θ + f_y sin θ as the direction
//! rotates — the solid sum, its two dashed components, a star at the peak (θ*, ‖∇f‖) — and a
//! companion contour plot with a direction dial around the point.

use super::contour_plot::{ContourPlot, Fill, OnContours};
use super::draw;
use super::format::{link_angle, num};
use super::json::{Fields, Object};
use super::model::{self, Config, ExprInput, Shared};
use super::motion::{Player, WithPlaying};
use super::options::{self, OptionError, OptionErrorKind, Options};
use super::plot_area::PlotArea;
use super::style::{self, px};
use super::widget::{self, Env, Input, Outcome, Paint, Part, Pass, Pointer, Ui, Widget};
use super::{DrawError, Layer};
use super::{Drawn, Root};
use crate::math::directional::{components, directional_derivative, try_peak};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::f64::consts::{PI, TAU};

pub use super::style::{X_PART, Y_PART};

/// What `data-state` reports.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Always `"sinusoid"`.
    pub kind: &'static str,
    /// The function's name.
    pub function: String,
    /// The point.
    pub x: f64,
    /// The point.
    pub y: f64,
    /// ∇f at the point.
    pub grad: [f64; 2],
    /// The current direction, radians in [0, 2π).
    pub theta: f64,
    /// D_θ f at the current direction.
    pub d_theta: f64,
    /// The steepest direction θ*, radians; `null` at a critical point.
    pub theta_star: Option<f64>,
    /// ‖∇f‖, the peak; `null` at a critical point.
    pub amplitude: Option<f64>,
}

impl Fields for State {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("kind", &self.kind)
            .field("fn", &self.function)
            .field("x", &self.x)
            .field("y", &self.y)
            .field("grad", &self.grad)
            .field("theta", &self.theta)
            .field("d_theta", &self.d_theta)
            .field("theta_star", &self.theta_star)
            .field("amplitude", &self.amplitude);
    }
}

/// The widget's model: a function, a point and a direction.
#[derive(Clone, Debug)]
pub struct SinusoidFigure {
    config: Config,
    theta: f64,
    plot: ContourPlot,
}

impl SinusoidFigure {
    /// Reads `data-fn`, `data-x`, `data-y`, `data-theta` (degrees).
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        let config = Config::from_options(opts)?;
        let [x, y] = config.point;
        if let Some(why) = config.function.check(x, y) {
            return Err(OptionError::new(
                "data-fn",
                &opts.get("data-fn").unwrap_or_default(),
                OptionErrorKind::OutOfRange(format!(
                    "at ({x}, {y}) {why}; choose data-x and data-y where it is defined"
                )),
            ));
        }
        let theta = options::degrees(opts, "data-theta")?.unwrap_or(0.0);
        Ok(Self::new(config, theta.to_radians()))
    }

    /// A figure at `config`'s point with direction `theta` (radians).
    #[must_use]
    pub fn new(config: Config, theta: f64) -> Self {
        let f = config.function;
        let plot = ContourPlot::new(&|x, y| f.value(x, y), f.domain(), 9, ("x", "y"));
        Self {
            config,
            theta: link_angle(theta.rem_euclid(TAU)),
            plot,
        }
    }

    /// The article's example: the bowl at (3, 4), looking along x.
    #[must_use]
    pub fn article() -> Self {
        Self::new(Config::default(), 0.0)
    }

    /// The function and point.
    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Moves the point (and changes the function, recomputing the contour plot if needed).
    /// A point where a typed function is undefined is not taken.
    pub fn set_config(&mut self, config: Config) {
        let p = config.function.domain().clamp(config.point);
        if config.function.check(p[0], p[1]).is_some() {
            return;
        }
        if config.function != self.config.function {
            *self = Self::new(config, self.theta);
        } else {
            self.config.point = p;
        }
    }

    /// The direction, radians in [0, 2π).
    #[must_use]
    pub fn theta(&self) -> f64 {
        self.theta
    }

    /// Sets the direction (any angle; kept in [0, 2π)). Non-finite angles are ignored.
    pub fn set_theta(&mut self, theta: f64) {
        if theta.is_finite() {
            self.theta = link_angle(theta.rem_euclid(TAU));
        }
    }

    /// ∇f at the point.
    #[must_use]
    pub fn gradient(&self) -> [f64; 2] {
        let [x, y] = self.config.point;
        self.config.function.gradient(x, y)
    }

    /// The options that reopen this view (`data-*` names without the prefix).
    #[must_use]
    pub fn url_options(&self) -> Vec<(&'static str, String)> {
        let c = &self.config;
        vec![
            ("fn", c.function.name().to_owned()),
            ("x", c.point[0].to_string()),
            ("y", c.point[1].to_string()),
            ("theta", self.theta.to_degrees().to_string()),
        ]
    }

    /// The state for `data-state`.
    #[must_use]
    pub fn state(&self) -> State {
        let [x, y] = self.config.point;
        let grad = self.gradient();
        let peak = try_peak(grad);
        State {
            kind: "sinusoid",
            function: self.config.function.name(),
            x,
            y,
            grad,
            theta: self.theta,
            d_theta: directional_derivative(grad, self.theta),
            theta_star: peak.map(|p| p.theta),
            amplitude: peak.map(|p| p.amplitude),
        }
    }

    /// Arrow keys turn the direction by 1° (10° with `coarse`); Home jumps to θ*.
    pub fn key(&mut self, key: &str, coarse: bool) -> bool {
        let step = if coarse { 10f64 } else { 1f64 }.to_radians();
        match key {
            "ArrowRight" | "ArrowUp" => self.set_theta(self.theta + step),
            "ArrowLeft" | "ArrowDown" => self.set_theta(self.theta - step),
            "Home" => {
                if let Some(p) = try_peak(self.gradient()) {
                    self.set_theta(p.theta);
                }
            }
            _ => return false,
        }
        true
    }

    // ----- the sinusoid panel -----

    /// The sinusoid panel's height for a width.
    #[must_use]
    pub fn curve_height_for_width(width: u32, scale: f64) -> u32 {
        (f64::from(width) * 0.72).max(240.0 * scale).round() as u32
    }

    /// The θ (radians) under pixel x of the sinusoid panel, clamped to [0, 2π].
    #[must_use]
    pub fn theta_at(area: &PlotArea, px: f64) -> f64 {
        area.to_data(px, area.top)[0].clamp(0.0, 360.0).to_radians()
    }

    /// Draws D_θ f over θ ∈ [0°, 360°] with its components, the peak, the trough and the
    /// current direction. Returns the mapping (x in degrees).
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw_curve<B: DrawingBackend>(&self, root: &Root<B>, scale: f64) -> Drawn<PlotArea> {
        self.draw_curve_layer(root, Layer::All, scale)
    }

    /// One layer of the sinusoid panel: the background (axes, the three curves, legend, peak
    /// and trough, which change only with the point) or the overlay (the current direction
    /// and the title). Returns the mapping (x in degrees).
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw_curve_layer<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        layer: Layer,
        scale: f64,
    ) -> Result<PlotArea, DrawError> {
        let background = matches!(layer, Layer::Background | Layer::All);
        if background {
            root.fill(&WHITE)?;
        }
        let grad = self.gradient();
        let peak = try_peak(grad);
        let amp = peak.map_or(1.0, |p| p.amplitude);
        let top = amp * 1.25;
        let font = style::font(12.5, scale);
        // The top band holds the readout line and, under it, the legend: over the plot's
        // width where it fits in a row, else over the canvas's, in as many rows as it takes;
        // the right margin leaves room for the "360°" tick.
        let legend = [
            ("f_x cos θ", X_PART, draw::Mark::Dashed),
            ("f_y sin θ", Y_PART, draw::Mark::Dashed),
            ("D_θ f", style::GRADIENT, draw::Mark::Line),
        ];
        let (legend_x, legend_w, rows) =
            legend_band(&legend, f64::from(root.dim_in_pixel().0), scale, |t| {
                draw::measure(root, t, 12.0, scale)
            });
        let mut chart = style::chart(
            root,
            scale,
            [12.0, 30.0 + 18.0 * rows as f64, 26.0, 36.0, 52.0],
            (0.0..360.0, -top..top),
        )?;
        let area = PlotArea::from_chart(root, &chart, (0.0, 360.0), (-top, top));
        if background {
            style::grid(&mut chart.configure_mesh(), 0.12)
                .x_labels(0)
                .y_labels(5)
                .x_desc("θ (degrees)")
                .y_desc("rate of change")
                .y_label_formatter(&|v| num(*v, 2))
                .label_style(font.clone())
                .axis_desc_style(font)
                .axis_style(ShapeStyle::from(&style::INK).stroke_width(px(1.0, scale)))
                .draw()?;
            // Ticks every quarter turn (plotters would pick 0, 100, 200, …).
            let tick_style = ShapeStyle::from(&style::INK).stroke_width(px(1.0, scale));
            for d in [0.0, 90.0, 180.0, 270.0, 360.0] {
                let (x, y) = area.to_pixel([d, -top]);
                root.draw(&PathElement::new(
                    vec![(x as i32, y as i32), (x as i32, (y + 4.0 * scale) as i32)],
                    tick_style,
                ))?;
                draw::centered(
                    root,
                    &format!("{}°", num(d, 0)),
                    (x, y + 14.0 * scale),
                    12.5,
                    style::INK,
                    scale,
                )?;
            }
            let grid = ShapeStyle::from(&style::LEVEL.mix(0.12)).stroke_width(px(1.0, scale));
            for d in [90.0, 180.0, 270.0] {
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(d, -top), (d, top)],
                    grid,
                )))?;
            }
            let zero = ShapeStyle::from(&style::INK.mix(0.5)).stroke_width(px(1.0, scale));
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (360.0, 0.0)],
                zero,
            )))?;
            let samples: Vec<f64> = (0..=360).map(f64::from).collect();
            let comp = |k: usize| {
                samples
                    .iter()
                    .map(move |&d| (d, components(grad, d.to_radians())[k]))
            };
            let dash = |c: RGBColor| ShapeStyle::from(&c).stroke_width(px(2.0, scale));
            chart.draw_series(DashedLineSeries::new(
                comp(0),
                px(7.0, scale),
                px(5.0, scale),
                dash(X_PART),
            ))?;
            chart.draw_series(DashedLineSeries::new(
                comp(1),
                px(7.0, scale),
                px(5.0, scale),
                dash(Y_PART),
            ))?;
            let sum = ShapeStyle::from(&style::GRADIENT).stroke_width(px(3.0, scale));
            chart.draw_series(LineSeries::new(
                samples
                    .iter()
                    .map(|&d| (d, directional_derivative(grad, d.to_radians()))),
                sum,
            ))?;

            // The legend in a row above the plot, never over the curves.
            draw::legend_rows(
                root,
                &legend,
                (legend_x.unwrap_or(area.left), 24.0 * scale),
                legend_w.unwrap_or(area.right - area.left),
                scale,
            )?;
            if let Some(pk) = peak {
                let s = area.to_pixel([pk.theta.to_degrees(), pk.amplitude]);
                draw_star(root, s, 9.0 * scale, style::GRADIENT)?;
                // The peak's numbers beside its star, in the band above the curve, inside the plot.
                let text = format!(
                    "‖∇f‖ = {} at θ* = {}°",
                    num(pk.amplitude, 3),
                    num(pk.theta.to_degrees(), 2)
                );
                // Right of the star (left where the plot ends first), just above the curve.
                // Never over the star: below it where neither side has room above.
                let half = draw::measure(root, &text, 12.0, scale) / 2.0 + 4.0 * scale;
                let gap = 12.0 * scale;
                let h = 12.0 * 1.25 * scale;
                let y = (s.1 - 12.0 * scale).max(area.top + 9.0 * scale);
                let below = s.1 + 12.0 * scale + h / 2.0;
                let mut spots = vec![
                    (s.0 + gap + half, y),
                    (s.0 - gap - half, y),
                    (s.0 + gap + half, below),
                    (s.0 - gap - half, below),
                ];
                spots.extend(draw::around(s, 2.0 * half, PI / 2.0));
                let at = draw::place_label(
                    &spots,
                    (2.0 * half, h),
                    [area.left, area.top + 1.0, area.right, area.bottom],
                    &[(s, 10.0 * scale)],
                );
                draw::label(root, &text, at, 12.0, style::GRADIENT, scale)?;
                let trough = (pk.theta + PI).rem_euclid(TAU).to_degrees();
                let t = area.to_pixel([trough, -pk.amplitude]);
                let ring = ShapeStyle::from(&style::GRADIENT).stroke_width(px(2.0, scale));
                root.draw(&Circle::new((t.0 as i32, t.1 as i32), px(6.0, scale), ring))?;
            }
        }
        if matches!(layer, Layer::Overlay | Layer::All) {
            let to_px = |d: f64, v: f64| area.to_pixel([d, v]);
            // The current direction: a vertical guide and a dot on the curve.
            let deg = self.theta.to_degrees();
            let here = directional_derivative(grad, self.theta);
            let guide = ShapeStyle::from(&style::INK.mix(0.6)).stroke_width(px(1.2, scale));
            draw::dashed(
                root,
                to_px(deg, -top),
                to_px(deg, top),
                guide,
                4.0 * scale,
                4.0 * scale,
            )?;
            let p = to_px(deg, here);
            draw::dot(root, (p.0 as i32, p.1 as i32), 6.5, 5.0, style::INK, scale)?;
            let title = match peak {
                Some(_) => format!("θ = {}°: D_θ f = {}", num(deg, 1), num(here, 3)),
                None => "∇f = 0: rate 0 in every direction".to_owned(),
            };
            let color = if peak.is_some() {
                style::INK
            } else {
                style::ALERT
            };
            let tfont = (style::FONT, px(13.0, scale)).into_font().color(&color);
            root.draw(&Text::new(
                title,
                ((10.0 * scale) as i32, (8.0 * scale) as i32),
                tfont,
            ))?;
        }
        Ok(area)
    }

    /// Both panels side by side as an SVG document `width` pixels wide.
    ///
    /// # Errors
    /// If plotters fails.
    pub fn svg(&self, width: u32) -> Result<String, DrawError> {
        self.svg_for::<super::target::Plain>(width)
    }

    /// [`svg`](Self::svg), drawn through a [`Target`](super::target::Target) whose screen
    /// backend is `S` (the browser passes its canvas backend: one copy of the drawing code).
    ///
    /// # Errors
    /// If plotters fails.
    pub fn svg_for<S: DrawingBackend>(&self, width: u32) -> Result<String, DrawError> {
        let half = width / 2;
        let h = Self::curve_height_for_width(half, 1.0).max(self.dial_height_for_width(half, 1.0));
        super::render_svg_for::<S>(
            width,
            |_| h,
            |root| {
                let (left, right) = root.split_horizontally(half);
                self.draw_curve(&left, 1.0)?;
                self.draw(&right, Layer::All, Fill::Cells(48), 1.0)
                    .map(|_| ())
            },
        )
    }

    // ----- the companion contour panel with a direction dial -----

    /// The companion panel's height for a width.
    #[must_use]
    pub fn dial_height_for_width(&self, width: u32, scale: f64) -> u32 {
        self.plot.height_for_width(width, scale)
    }

    /// The dial's radius in device pixels: a sixth of the plot, less near its edges so the
    /// dial stays inside, never under 22 CSS pixels.
    fn dial_radius(area: &PlotArea, c: (f64, f64), scale: f64) -> f64 {
        let room = (c.0 - area.left)
            .min(area.right - c.0)
            .min(c.1 - area.top)
            .min(area.bottom - c.1)
            - 30.0 * scale;
        (0.16 * (area.right - area.left))
            .clamp(28.0 * scale, 70.0 * scale)
            .min(room)
            .max(22.0 * scale)
    }

    /// The direction θ pointed at by pixel (px, py) on the companion panel, measured from the
    /// point (equal axis scales, so pixel angles are data angles). `None` at the point itself.
    #[must_use]
    pub fn dial_theta(&self, area: &PlotArea, px: f64, py: f64) -> Option<f64> {
        let (cx, cy) = area.to_pixel(self.config.point);
        let (dx, dy) = (px - cx, cy - py);
        (dx.hypot(dy) > 2.0).then(|| dy.atan2(dx).rem_euclid(TAU))
    }

    /// True if pixel (px, py) on the companion panel is on the point itself (within `slack`).
    #[must_use]
    pub fn on_point(&self, area: &PlotArea, px: f64, py: f64, slack: f64) -> bool {
        let (cx, cy) = area.to_pixel(self.config.point);
        (px - cx).hypot(py - cy) <= slack
    }

    /// Moves the point to pixel (px, py) of the companion panel (clamped to the region).
    pub fn move_point(&mut self, area: &PlotArea, px: f64, py: f64) {
        let f = self.config.function;
        let p = f.domain().clamp(area.to_data(px, py));
        // A typed function's point stays where the function and its gradient are defined.
        if p[0].is_finite() && p[1].is_finite() && f.check(p[0], p[1]).is_none() {
            self.config.point = p;
        }
    }
}

impl OnContours for SinusoidFigure {
    fn plot(&self) -> &ContourPlot {
        &self.plot
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        self.config.function.value(x, y)
    }

    /// The dial's moving part: the ring, u(θ), the gradient's direction and the tangent.
    fn draw_moving<B: DrawingBackend>(&self, root: &Root<B>, area: &PlotArea, scale: f64) -> Drawn {
        let c = area.to_pixel(self.config.point);
        let r = Self::dial_radius(area, c, scale);
        let grad = self.gradient();
        let ring = ShapeStyle::from(&style::INK.mix(0.55)).stroke_width(px(1.5, scale));
        root.draw(&Circle::new((c.0 as i32, c.1 as i32), r as i32, ring))?;
        let at = |theta: f64, len: f64| (c.0 + theta.cos() * len, c.1 - theta.sin() * len);
        // The labels keep off the point, the handle and each other.
        let handle = (at(self.theta, r), 9.0 * scale);
        let point = (c, 9.0 * scale);
        let first = if let Some(pk) = try_peak(grad) {
            // The level curve's tangent (perpendicular to ∇f) and the gradient direction.
            let tangent = ShapeStyle::from(&Y_PART.mix(0.8)).stroke_width(px(1.5, scale));
            draw::dashed(
                root,
                at(pk.theta + PI / 2.0, r * 1.25),
                at(pk.theta - PI / 2.0, r * 1.25),
                tangent,
                6.0 * scale,
                4.0 * scale,
            )?;
            draw::arrow(root, c, at(pk.theta, r * 1.35), style::GRADIENT, 2.5, scale)?;
            let w = draw::measure(root, "∇f", 13.0, scale) + 6.0 * scale;
            let spot = label_spot(
                area,
                c,
                pk.theta,
                r * 1.35 + 14.0 * scale,
                (w, 13.0 * 1.25 * scale),
                &[point, handle],
            );
            draw::label_sized(
                root,
                "∇f",
                w - 6.0 * scale,
                spot,
                13.0,
                style::GRADIENT,
                scale,
            )?;
            (spot, w / 2.0 + 2.0 * scale)
        } else {
            // Above the ring, else below, beside it, anywhere around; inside the plot.
            let w = draw::measure(root, "∇f = 0", 13.0, scale) + 6.0 * scale;
            let h = 13.0 * 1.25 * scale;
            let d = r + 14.0 * scale;
            let mut spots = vec![(c.0, c.1 - d), (c.0, c.1 + d)];
            spots.extend(draw::around(c, d + w / 2.0, PI));
            let at = draw::place_label(&spots, (w, h), area.inset(2.0), &[point, handle]);
            draw::label_sized(
                root,
                "∇f = 0",
                w - 6.0 * scale,
                at,
                13.0,
                style::ALERT,
                scale,
            )?;
            (at, w / 2.0 + 2.0 * scale)
        };
        draw::arrow(root, c, at(self.theta, r), style::INK, 2.2, scale)?;
        let h = at(self.theta, r);
        draw::dot(root, (h.0 as i32, h.1 as i32), 8.0, 6.0, style::INK, scale)?;
        let w = draw::measure(root, "u(θ)", 12.5, scale) + 6.0 * scale;
        let spot = label_spot(
            area,
            c,
            self.theta,
            r + 20.0 * scale,
            (w, 12.5 * 1.25 * scale),
            &[point, handle, first],
        );
        draw::label_sized(root, "u(θ)", w - 6.0 * scale, spot, 12.5, style::INK, scale)?;
        root.draw(&Circle::new(
            (c.0 as i32, c.1 as i32),
            px(5.0, scale),
            ShapeStyle::from(&style::POINT).filled(),
        ))?;
        Ok(())
    }
}

/// Where the legend goes in the band over the plot of a canvas `width` pixels wide: `None`
/// for over the plot's width (where it fits in one row), else from the canvas's margin
/// across its width; and the number of rows.
fn legend_band(
    entries: &[(&str, RGBColor, draw::Mark)],
    width: f64,
    scale: f64,
    measure: impl Fn(&str) -> f64,
) -> (Option<f64>, Option<f64>, usize) {
    // The plot's width: the canvas less the 12 px margin, the 52 px of y labels and the
    // 26 px right margin.
    let plot_w = width - 90.0 * scale;
    let (_, rows) = draw::flow(entries, plot_w, scale, &measure);
    if rows <= 1 {
        return (None, None, 1);
    }
    let full = width - 24.0 * scale;
    let (_, rows) = draw::flow(entries, full, scale, &measure);
    (Some(12.0 * scale), Some(full), rows.max(1))
}

/// Where a label `size` (w × h) for the arrow from `c` along `theta` goes: `dist` pixels out
/// along it, or, where that is not inside the plot (a point near an edge), beside the
/// arrow's middle, on whichever side has room, else around the tip or the point; clear of
/// the disks in `avoid`, inside the plot.
fn label_spot(
    area: &PlotArea,
    c: (f64, f64),
    theta: f64,
    dist: f64,
    size: (f64, f64),
    avoid: &[((f64, f64), f64)],
) -> (f64, f64) {
    let at = |t: f64, len: f64, from: (f64, f64)| (from.0 + t.cos() * len, from.1 - t.sin() * len);
    let side = size.0.max(size.1) * 0.8;
    let mid = at(theta, dist * 0.55, c);
    let mut spots = vec![
        at(theta, dist, c),
        at(theta + PI / 2.0, side, mid),
        at(theta - PI / 2.0, side, mid),
    ];
    spots.extend(draw::around(c, dist, theta));
    spots.extend(draw::around(c, dist * 0.6, theta + PI / 2.0));
    draw::place_label(&spots, size, area.inset(2.0), avoid)
}

/// A five-pointed star centred on `c` with outer radius `r`.
fn draw_star<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: (f64, f64),
    r: f64,
    color: RGBColor,
) -> Result<(), DrawError> {
    let pts: Vec<(i32, i32)> = (0..10)
        .map(|k| {
            let a = -PI / 2.0 + PI * f64::from(k) / 5.0;
            let rr = if k % 2 == 0 { r } else { r * 0.45 };
            (
                (c.0 + rr * a.cos()).round() as i32,
                (c.1 + rr * a.sin()).round() as i32,
            )
        })
        .collect();
    root.draw(&Polygon::new(pts.clone(), color.filled()))?;
    let mut outline = pts;
    outline.push(outline[0]);
    root.draw(&PathElement::new(
        outline,
        ShapeStyle::from(&WHITE).stroke_width(1),
    ))
    .map_err(DrawError::from)
}

/// The `sinusoid` widget: the directional derivative as θ turns (drag along θ or use the
/// arrow keys), beside the contour plot with a direction dial (drag the dial's handle, or
/// the point itself), and a field for one's own function.
#[derive(Clone, Debug)]
pub struct SinusoidWidget {
    figure: SinusoidFigure,
    expr: ExprInput,
    /// True while the drag on the dial moves the point rather than the direction.
    moving_point: bool,
    /// Bumped when the point or function changes (the curves), and when the function does
    /// (the dial's contour plot).
    revisions: [u64; 2],
    /// The θ sweep.
    player: Player,
    /// What the live region last had to say about the sweep.
    said: Option<String>,
    /// True once the reader (or the sweep) has turned θ: only then does a grouped contour
    /// draw u(θ), so its first view shows the gradient alone.
    turned: bool,
}

/// One full turn of the sweep takes this long, milliseconds.
pub const SWEEP_MS: f64 = 4000.0;

impl SinusoidWidget {
    /// The widget showing `figure`.
    #[must_use]
    pub fn new(figure: SinusoidFigure) -> Self {
        Self {
            expr: ExprInput::new(figure.config().function),
            figure,
            moving_point: false,
            revisions: [0; 2],
            player: Player::default(),
            said: None,
            turned: false,
        }
    }

    /// Reads the options (see [`SinusoidFigure::from_options`]).
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        SinusoidFigure::from_options(opts).map(Self::new)
    }

    /// The article's example.
    #[must_use]
    pub fn article() -> Self {
        Self::new(SinusoidFigure::article())
    }

    /// The figure.
    #[must_use]
    pub fn figure(&self) -> &SinusoidFigure {
        &self.figure
    }

    /// Moves to `config`, marking what must be drawn again.
    fn set_config(&mut self, config: Config) {
        let old = self.figure.config().clone();
        self.figure.set_config(config);
        let new = self.figure.config();
        if *new != old {
            self.revisions[0] += 1;
        }
        if new.function != old.function {
            self.revisions[1] += 1;
        }
    }

    /// A press (`press`) or drag on canvas `p.canvas`: turns θ to the pointer, or on the dial
    /// moves the point (shared with the group) when the press landed on it.
    fn pointer(&mut self, p: &Pointer, press: bool) -> Outcome {
        let Some(area) = p.area else {
            return Outcome::Ignored;
        };
        if press && !area.contains(p.x, p.y, 6.0 * p.ratio) {
            return Outcome::Ignored;
        }
        if p.canvas == 0 {
            self.figure.set_theta(Self::theta_at(&area, p.x));
            return Outcome::Changed;
        }
        if press {
            self.moving_point = self.figure.on_point(&area, p.x, p.y, 12.0 * p.ratio);
        }
        if self.moving_point {
            let old = self.figure.config().point;
            self.figure.move_point(&area, p.x, p.y);
            if self.figure.config().point != old {
                self.revisions[0] += 1;
            }
            return Outcome::Shared;
        }
        match self.figure.dial_theta(&area, p.x, p.y) {
            Some(t) => {
                self.figure.set_theta(t);
                Outcome::Changed
            }
            None => Outcome::Ignored,
        }
    }

    fn theta_at(area: &PlotArea, px: f64) -> f64 {
        SinusoidFigure::theta_at(area, px)
    }

    /// What an input does (see [`Widget::input`]).
    fn handle(&mut self, input: &Input<'_>, env: &Env<'_>) -> Outcome {
        match *input {
            // θ is shared with the group (a contour there draws u(θ)).
            Input::Click("play") => {
                self.toggle(env);
                Outcome::Shared
            }
            // Taking θ in hand stops the sweep.
            Input::Press(p) => {
                let out = self.pointer(&p, true);
                if out.changed() {
                    self.pause();
                }
                out.shared()
            }
            Input::Drag(p) => self.pointer(&p, false).shared(),
            Input::Key { key, shift, .. } => {
                let moved = self.figure.key(key, shift);
                if moved {
                    self.pause();
                }
                Outcome::from(moved).shared()
            }
            Input::Change(model::EXPR, raw) => {
                let current = self.figure.config().function;
                match self.expr.read_new(raw, current, model::default_point) {
                    Some((function, point)) => {
                        self.set_config(Config { function, point });
                        Outcome::Shared
                    }
                    None => Outcome::Changed,
                }
            }
            _ => Outcome::Ignored,
        }
    }

    /// True while θ sweeps.
    #[must_use]
    pub fn playing(&self) -> bool {
        self.player.playing()
    }

    /// Play or Pause. Under reduced motion, Play goes straight to where the sweep is headed,
    /// the steepest direction θ* (at a critical point, where every direction is level, θ
    /// stays).
    fn toggle(&mut self, env: &Env<'_>) {
        if self.player.playing() {
            self.pause();
        } else if (env.reduced_motion)() {
            if let Some(p) = try_peak(self.figure.gradient()) {
                self.figure.set_theta(p.theta);
            }
            self.said = Some(format!(
                "θ set to {}°, the steepest direction (motion is reduced).",
                num(self.figure.theta().to_degrees(), 1)
            ));
        } else {
            self.player.play();
            self.said = Some(format!(
                "Sweeping θ through a full turn every {} seconds.",
                SWEEP_MS / 1000.0
            ));
        }
    }

    /// Stops the sweep where it is.
    fn pause(&mut self) {
        if self.player.playing() {
            self.player.pause();
            let s = self.figure.state();
            self.said = Some(format!(
                "Paused at θ = {}°: the rate of change is {}.",
                num(s.theta.to_degrees(), 1),
                num(s.d_theta, 3)
            ));
        }
    }
}

impl Widget for SinusoidWidget {
    fn layout(&self) -> Vec<Part> {
        vec![
            Part::Panels(vec![
                widget::canvas("curve", "Directional derivative", Paint::Layered),
                widget::canvas("dial", "Direction dial", Paint::Filled),
            ]),
            widget::toolbar(vec![widget::button("play", "Play", true)]),
            widget::text("hint", "gdviz-hint", "Play turns θ through a full circle (Space on a figure too). Drag along the curve or turn the dial's handle, or use the arrow keys (Shift: 10°, Home: the steepest direction). Drag the orange point to move it."),
            Part::Row {
                class: "gdviz-controls",
                group: None,
                items: vec![ExprInput::part()],
            },
            Part::Live,
        ]
    }

    /// Side by side when there is room for two panels.
    fn width(&self, _canvas: usize, total: f64) -> f64 {
        if total >= 640.0 {
            (total - 16.0) / 2.0
        } else {
            total
        }
    }

    fn height(&self, canvas: usize, width: u32, ratio: f64) -> u32 {
        if canvas == 0 {
            SinusoidFigure::curve_height_for_width(width, ratio)
        } else {
            self.figure.dial_height_for_width(width, ratio)
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
            self.figure.draw_curve_layer(root, layer, ratio).map(Some)
        } else {
            self.figure.draw(root, layer, fill, ratio).map(Some)
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
        self.revisions[canvas.min(1)]
    }

    /// θ turns with the clock while the sweep plays.
    fn tick(&mut self, env: &Env<'_>) -> Outcome {
        match self.player.elapsed((env.now)()) {
            Some(dt) => {
                if dt > 0.0 {
                    self.figure
                        .set_theta(self.figure.theta() + TAU * dt / SWEEP_MS);
                }
                Outcome::Shared
            }
            None => Outcome::Ignored,
        }
    }

    fn input(&mut self, input: &Input<'_>, env: &Env<'_>) -> Outcome {
        let before = self.figure.theta();
        let out = self.handle(input, env);
        self.turned |= self.figure.theta() != before || self.player.playing();
        out
    }

    fn ui(&self, ui: &mut Ui) {
        let s = self.figure.state();
        self.expr.ui(ui);
        let words = match (s.theta_star, s.amplitude) {
            (Some(t), Some(a)) => format!(
                "Directional derivative of f at ({}, {}) as the direction turns: a sinusoid peaking at θ* = {}° with value ‖∇f‖ = {}. At θ = {}° the rate is {}.",
                num(s.x, 2), num(s.y, 2), num(t.to_degrees(), 2), num(a, 3), num(s.theta.to_degrees(), 1), num(s.d_theta, 3)
            ),
            _ => format!(
                "At ({}, {}) the gradient is zero: the directional derivative is 0 in every direction, so there is no steepest direction.",
                num(s.x, 2), num(s.y, 2)
            ),
        };
        ui.label("curve", words).label(
            "dial",
            format!(
                "Contour plot with a direction dial at ({}, {}); u(θ) points at {}°.",
                num(s.x, 2),
                num(s.y, 2),
                num(s.theta.to_degrees(), 1)
            ),
        );
        let playing = self.player.playing();
        ui.playing("play", "Play", playing)
            .state(&WithPlaying { state: &s, playing });
        if let Some(said) = &self.said {
            ui.live(said.clone());
        }
    }

    fn url_options(&self) -> Vec<(&'static str, String)> {
        self.figure.url_options()
    }

    fn svg_for<S: DrawingBackend>(&self, width: u32) -> Result<String, DrawError> {
        self.figure.svg_for::<S>(width)
    }

    fn shared(&self) -> Option<Shared> {
        Some(Shared::Point(self.figure.config().clone()))
    }

    fn also_shared(&self) -> Option<Shared> {
        self.turned.then(|| Shared::Direction(self.figure.theta()))
    }

    fn receive(&mut self, shared: &Shared) -> bool {
        match shared {
            Shared::Point(c) => {
                if c.function != self.figure.config().function {
                    self.expr.show(c.function);
                }
                self.set_config(c.clone());
            }
            // Another sinusoid of the group turned θ: it leads, this one follows.
            Shared::Direction(t) => {
                self.pause();
                self.figure.set_theta(*t);
            }
            _ => {}
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_options_reopen_the_same_direction() {
        let mut fig = SinusoidFigure::article();
        // 0.05 rad is one of the angles whose degrees, read back, give another number of radians.
        for theta in [0.05, 0.1, 0.21, 1.0, 5.9] {
            fig.set_theta(theta);
            let map: std::collections::HashMap<String, String> = fig
                .url_options()
                .into_iter()
                .map(|(k, v)| (format!("data-{k}"), v))
                .collect();
            let again = SinusoidFigure::from_options(&map).unwrap();
            assert_eq!(again.state(), fig.state(), "{theta}");
            assert!((fig.theta() - theta).abs() < 1e-15);
        }
    }
    use crate::math::functions::Function;

    #[test]
    fn the_articles_sinusoid() {
        let mut fig = SinusoidFigure::article();
        let s = fig.state();
        assert_eq!((s.grad, s.theta, s.d_theta), ([6.0, 8.0], 0.0, 6.0));
        assert!((s.theta_star.unwrap().to_degrees() - 53.130_102_354_155_98).abs() < 1e-9);
        assert_eq!(s.amplitude, Some(10.0));
        fig.set_theta(std::f64::consts::FRAC_PI_2);
        assert!((fig.state().d_theta - 8.0).abs() < 1e-12);
        assert!(fig.key("Home", false));
        assert!((fig.state().d_theta - 10.0).abs() < 1e-12);
        fig.set_theta(-0.5);
        assert!((fig.theta() - (TAU - 0.5)).abs() < 1e-12);
    }

    #[test]
    fn critical_point_reports_null_peak() {
        let fig = SinusoidFigure::new(
            Config {
                function: Function::Bowl,
                point: [0.0, 0.0],
            },
            1.0,
        );
        let s = fig.state();
        assert_eq!((s.theta_star, s.amplitude, s.d_theta), (None, None, 0.0));
        let json = crate::figures::json::to_string(&s);
        assert!(json.contains("\"theta_star\":null") && json.contains("\"amplitude\":null"));
        let svg = super::super::render_svg(
            600,
            |w| SinusoidFigure::curve_height_for_width(w, 1.0),
            |root| fig.draw_curve(root, 1.0).map(|_| ()),
        )
        .unwrap();
        assert!(svg.contains("rate 0 in every direction"));
    }

    #[test]
    fn dial_and_curve_map_pixels_to_angles() {
        let fig = SinusoidFigure::article();
        let area = PlotArea {
            left: 50.0,
            right: 450.0,
            top: 10.0,
            bottom: 410.0,
            x: (-5.0, 5.0),
            y: (-5.0, 5.0),
        };
        let (cx, cy) = area.to_pixel([3.0, 4.0]);
        let t = fig.dial_theta(&area, cx + 10.0, cy - 10.0).unwrap();
        assert!((t - std::f64::consts::FRAC_PI_4).abs() < 1e-12);
        assert_eq!(fig.dial_theta(&area, cx, cy), None);
        let curve = PlotArea {
            left: 0.0,
            right: 360.0,
            top: 0.0,
            bottom: 100.0,
            x: (0.0, 360.0),
            y: (-1.0, 1.0),
        };
        assert!(
            (SinusoidFigure::theta_at(&curve, 90.0) - std::f64::consts::FRAC_PI_2).abs() < 1e-12
        );
        assert_eq!(SinusoidFigure::theta_at(&curve, 500.0), TAU);
    }

    #[test]
    fn options() {
        let f = SinusoidFigure::from_options(&[("data-theta", "90")][..]).unwrap();
        assert!((f.theta() - std::f64::consts::FRAC_PI_2).abs() < 1e-12);
        assert!(SinusoidFigure::from_options(&[("data-theta", "north")][..]).is_err());
        assert!(SinusoidFigure::from_options(&[("data-x", "0"), ("data-y", "0")][..]).is_ok());
    }

    #[test]
    fn the_legend_keeps_to_one_row_where_the_canvas_allows() {
        let entries = [
            ("f_x cos θ", X_PART, draw::Mark::Dashed),
            ("f_y sin θ", Y_PART, draw::Mark::Dashed),
            ("D_θ f", style::GRADIENT, draw::Mark::Line),
        ];
        // Widths as a browser measures them at 12 px (about 6.6 px a character).
        let measure = |t: &str| t.chars().count() as f64 * 6.6 * 2.0;
        // 900 px: over the plot, one row (the band as before).
        assert_eq!(legend_band(&entries, 1800.0, 2.0, measure), (None, None, 1));
        // 320 px: the plot's width would wrap it; the canvas's holds it in one row.
        let (x, w, rows) = legend_band(&entries, 640.0, 2.0, measure);
        assert_eq!((x, rows), (Some(24.0), 1));
        assert!(w.is_some_and(|w| w <= 640.0 - 24.0));
        // Narrower still: more rows, and the band grows with them.
        assert!(legend_band(&entries, 400.0, 2.0, measure).2 >= 2);
    }
}
