//! `bowl` and `input-plane`: the surface f(x, y) = x² + y² in 3-D, viewed from an angle the
//! reader turns by dragging, with a top-view inset where the point is moved.
//!
//! `bowl` draws the two slice curves through the point — y held (orange) and x held (blue) —
//! with their tangent lines, whose slopes are the partial derivatives. `input-plane` draws the
//! gradient flat in the (x, y) plane under the point, where it lives, beside the arrow people
//! often imagine instead: one climbing the surface.

use super::draw;
use super::format::{link_angle, num};
use super::json::{Fields, Object};
use super::options::{self, OptionError, OptionErrorKind, Options};
use super::plot_area::PlotArea;
use super::style::{self, px};
use super::style::{X_PART, Y_PART};
use super::widget::{self, Env, Input, Outcome, Paint, Part, Pass, Ui, Widget};
use super::DrawError;
use super::{Drawn, Root};
use crate::math::functions::Function;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Half-width of the square of inputs shown.
pub const R: f64 = 2.5;
const F: Function = Function::Bowl;
/// The input-plane figure's default yaw, degrees.
const INPUT_YAW: f64 = 125.0;

/// Which picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The two slice curves and their tangents.
    Slices,
    /// The gradient in the input plane against the "uphill on the surface" arrow.
    InputPlane,
}

/// What `data-state` reports for `bowl`.
#[derive(Clone, Debug, PartialEq)]
pub struct BowlState {
    /// Always `"bowl"`.
    pub kind: &'static str,
    /// The point.
    pub x: f64,
    /// The point.
    pub y: f64,
    /// f(x, y).
    pub f: f64,
    /// ∂f/∂x: the slope of the y-held slice.
    pub fx: f64,
    /// ∂f/∂y: the slope of the x-held slice.
    pub fy: f64,
    /// View angle around the vertical axis, radians.
    pub yaw: f64,
    /// View angle above the horizon, radians.
    pub pitch: f64,
}

impl Fields for BowlState {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("kind", &self.kind)
            .field("x", &self.x)
            .field("y", &self.y)
            .field("f", &self.f)
            .field("fx", &self.fx)
            .field("fy", &self.fy)
            .field("yaw", &self.yaw)
            .field("pitch", &self.pitch);
    }
}

/// What `data-state` reports for `input-plane`.
#[derive(Clone, Debug, PartialEq)]
pub struct InputPlaneState {
    /// Always `"input-plane"`.
    pub kind: &'static str,
    /// The point.
    pub x: f64,
    /// The point.
    pub y: f64,
    /// f(x, y).
    pub f: f64,
    /// ∇f, a vector in the (x, y) plane.
    pub grad: [f64; 2],
    /// The misconceived arrow's 3-D direction along the surface, (x, y, z), unit length.
    pub uphill_3d: Option<[f64; 3]>,
    /// View angles, radians.
    pub yaw: f64,
    /// View angles, radians.
    pub pitch: f64,
}

impl Fields for InputPlaneState {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("kind", &self.kind)
            .field("x", &self.x)
            .field("y", &self.y)
            .field("f", &self.f)
            .field("grad", &self.grad)
            .field("uphill_3d", &self.uphill_3d)
            .field("yaw", &self.yaw)
            .field("pitch", &self.pitch);
    }
}

/// A 3-D view's angles, turned by drags and keys (`bowl`, `input-plane`, `landscape`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Angle around the vertical axis, radians, in [0, 2π).
    pub yaw: f64,
    /// Angle above the horizon, radians, 5° to 85°.
    pub pitch: f64,
}

impl Camera {
    /// A view at `yaw`, `pitch` degrees.
    #[must_use]
    pub fn degrees(yaw: f64, pitch: f64) -> Self {
        let mut c = Self {
            yaw: 0.0,
            pitch: 0.0,
        };
        c.set(yaw.to_radians(), pitch.to_radians());
        c
    }

    /// Reads `data-yaw` and `data-pitch` (degrees), `self` where absent.
    ///
    /// # Errors
    /// A value that is not a number.
    pub fn from_options(self, opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        let yaw = options::number(opts, "data-yaw", self.yaw.to_degrees())?;
        let pitch = options::number(opts, "data-pitch", self.pitch.to_degrees())?;
        Ok(Self::degrees(yaw, pitch))
    }

    /// Sets the view: any yaw (kept in [0, 2π)), pitch within 5°…85°.
    pub fn set(&mut self, yaw: f64, pitch: f64) {
        if yaw.is_finite() && pitch.is_finite() {
            self.yaw = link_angle(yaw.rem_euclid(std::f64::consts::TAU));
            self.pitch = link_angle(pitch.clamp(5f64.to_radians(), 85f64.to_radians()));
        }
    }

    /// Turns the view by a drag of (dx, dy) CSS pixels.
    pub fn rotate(&mut self, dx: f64, dy: f64) {
        self.set(self.yaw - dx * 0.01, self.pitch + dy * 0.01);
    }

    /// A, D turn the view and W, S tilt it (5°, `coarse`: 15°): what a drag does. True if
    /// `key` is one of them.
    pub fn key(&mut self, key: &str, coarse: bool) -> bool {
        let turn = if coarse { 15f64 } else { 5f64 }.to_radians();
        let (yaw, pitch) = match key.to_ascii_lowercase().as_str() {
            "a" => (self.yaw - turn, self.pitch),
            "d" => (self.yaw + turn, self.pitch),
            "w" => (self.yaw, self.pitch + turn),
            "s" => (self.yaw, self.pitch - turn),
            _ => return false,
        };
        self.set(yaw, pitch);
        true
    }

    /// The options that reopen this view.
    #[must_use]
    pub fn url_options(&self) -> [(&'static str, String); 2] {
        [
            ("yaw", self.yaw.to_degrees().to_string()),
            ("pitch", self.pitch.to_degrees().to_string()),
        ]
    }
}

/// The model: point and view.
#[derive(Clone, Debug, PartialEq)]
pub struct SurfaceFigure {
    mode: Mode,
    point: [f64; 2],
    yaw: f64,
    pitch: f64,
    /// The camera is turning: the surface is drawn with a quarter of its facets (8 × 8),
    /// and whole again when the turn ends.
    turning: bool,
}

impl SurfaceFigure {
    /// Reads `data-x`, `data-y` (default (1.5, 2)), `data-yaw`, `data-pitch` (degrees).
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(mode: Mode, opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        let mut out = [0.0; 2];
        let start = Self::new(mode);
        for (k, (key, default)) in [("data-x", start.point[0]), ("data-y", start.point[1])]
            .into_iter()
            .enumerate()
        {
            let v = options::number(opts, key, default)?;
            if v.abs() > R {
                return Err(OptionError::new(
                    key,
                    &opts.get(key).unwrap_or_default(),
                    OptionErrorKind::OutOfRange(format!(
                        "the surface is drawn for values from -{R} to {R}"
                    )),
                ));
            }
            out[k] = v;
        }
        let view = Camera {
            yaw: start.yaw,
            pitch: start.pitch,
        }
        .from_options(opts)?;
        let f = Self {
            mode,
            point: out,
            yaw: view.yaw,
            pitch: view.pitch,
            turning: false,
        };
        Ok(f)
    }

    /// The default view: the article's point (1.5, 2) for the slices; for the input plane a
    /// point with room around it for the gradient's arrow, seen from the side.
    #[must_use]
    pub fn new(mode: Mode) -> Self {
        match mode {
            Mode::Slices => Self {
                mode,
                point: [1.5, 2.0],
                yaw: 35f64.to_radians(),
                pitch: 28f64.to_radians(),
                turning: false,
            },
            Mode::InputPlane => Self {
                mode,
                point: [1.2, 0.9],
                yaw: INPUT_YAW.to_radians(),
                pitch: 24f64.to_radians(),
                turning: false,
            },
        }
    }

    /// The point.
    #[must_use]
    pub fn point(&self) -> [f64; 2] {
        self.point
    }

    /// Moves the point, clamped to the square shown.
    pub fn set_point(&mut self, p: [f64; 2]) {
        if p[0].is_finite() && p[1].is_finite() {
            self.point = [p[0].clamp(-R, R), p[1].clamp(-R, R)];
        }
    }

    /// Sets the view: any yaw (kept in [0, 2π)), pitch within 5°…85°.
    pub fn set_view(&mut self, yaw: f64, pitch: f64) {
        let mut c = self.camera();
        c.set(yaw, pitch);
        self.yaw = c.yaw;
        self.pitch = c.pitch;
    }

    fn camera(&self) -> Camera {
        Camera {
            yaw: self.yaw,
            pitch: self.pitch,
        }
    }

    /// Draws the surface coarsely while the camera turns (`true`), whole when it stops.
    pub fn set_turning(&mut self, turning: bool) {
        self.turning = turning;
    }

    /// True while the camera turns (see [`Self::set_turning`]).
    #[must_use]
    pub fn turning(&self) -> bool {
        self.turning
    }

    /// Turns the view by a drag of (dx, dy) CSS pixels.
    pub fn rotate(&mut self, dx: f64, dy: f64) {
        self.set_view(self.yaw - dx * 0.01, self.pitch + dy * 0.01);
    }

    /// Arrow keys move the point by 0.1 (0.5 with `coarse`); A, D, W, S turn the view.
    pub fn key(&mut self, key: &str, coarse: bool) -> bool {
        let d = if coarse { 0.5 } else { 0.1 };
        let [x, y] = self.point;
        let p = match key {
            "ArrowLeft" => [x - d, y],
            "ArrowRight" => [x + d, y],
            "ArrowUp" => [x, y + d],
            "ArrowDown" => [x, y - d],
            _ => {
                let mut c = self.camera();
                let turned = c.key(key, coarse);
                self.yaw = c.yaw;
                self.pitch = c.pitch;
                return turned;
            }
        };
        self.set_point(p);
        true
    }

    /// The options that reopen this view (`data-*` names without the prefix).
    #[must_use]
    pub fn url_options(&self) -> Vec<(&'static str, String)> {
        let mut v = vec![
            ("x", self.point[0].to_string()),
            ("y", self.point[1].to_string()),
        ];
        v.extend(self.camera().url_options());
        v
    }

    /// The `bowl` state.
    #[must_use]
    pub fn bowl_state(&self) -> BowlState {
        let [x, y] = self.point;
        let (f, [fx, fy]) = F.value_and_gradient(x, y);
        BowlState {
            kind: "bowl",
            x,
            y,
            f,
            fx,
            fy,
            yaw: self.yaw,
            pitch: self.pitch,
        }
    }

    /// The `input-plane` state.
    #[must_use]
    pub fn input_plane_state(&self) -> InputPlaneState {
        let [x, y] = self.point;
        let (f, grad) = F.value_and_gradient(x, y);
        InputPlaneState {
            kind: "input-plane",
            x,
            y,
            f,
            grad,
            uphill_3d: uphill(grad),
            yaw: self.yaw,
            pitch: self.pitch,
        }
    }

    /// The canvas height for a width.
    #[must_use]
    pub fn height_for_width(width: u32, scale: f64) -> u32 {
        (f64::from(width) * 0.7).max(300.0 * scale).round() as u32
    }

    /// The top-view inset's mapping (a square in the upper-left corner).
    #[must_use]
    pub fn inset(width: u32, scale: f64) -> PlotArea {
        let side = (f64::from(width) * 0.2).clamp(64.0 * scale, 150.0 * scale);
        let pad = 12.0 * scale;
        PlotArea {
            left: pad,
            right: pad + side,
            top: pad + 22.0 * scale,
            bottom: pad + 22.0 * scale + side,
            x: (-R, R),
            y: (-R, R),
        }
    }

    /// Draws the surface, the mode's curves and arrows, and the inset.
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw<B: DrawingBackend>(&self, root: &Root<B>, scale: f64) -> Drawn {
        root.fill(&WHITE)?;
        let (w, h) = root.dim_in_pixel();
        let (plot, captions) = root.split_vertically(h.saturating_sub(px(44.0, scale)));
        let top = 2.0 * R * R;
        // The 3-D plot right of the inset's column, so the inset covers none of its axes'
        // labels (the projection fits the shorter side, so on most widths it only moves).
        let beside = (Self::inset(w, scale).right + 4.0 * scale).round() as u32;
        let mut chart = ChartBuilder::on(&plot)
            .margin(px(8.0, scale))
            .margin_left(beside)
            .build_cartesian_3d(-R..R, 0.0..top, -R..R)?;
        let (yaw, pitch) = (self.yaw, self.pitch);
        chart.with_projection(|mut p| {
            p.yaw = yaw;
            p.pitch = pitch;
            p.scale = 0.78;
            p.into_matrix()
        });
        chart
            .configure_axes()
            .light_grid_style(style::LEVEL.mix(0.08))
            .bold_grid_style(style::LEVEL.mix(0.18))
            .max_light_lines(2)
            .label_style(
                (style::FONT, px(11.0, scale))
                    .into_font()
                    .color(&style::MUTED),
            )
            .x_formatter(&|v| num(*v, 1))
            .y_formatter(&|v| num(*v, 0))
            // The depth axis's outermost ticks (±2) unlabelled: one of them sits at the front
            // corner beside the x axis's outermost label (the same ±2), which stands for both.
            .z_formatter(&|v| {
                if v.abs() > R - 1.0 {
                    String::new()
                } else {
                    num(*v, 1)
                }
            })
            .draw()?;
        // Plotters' y is up: our input plane is its (x, z) plane.
        // Curves on a 20-step grid; 16 × 16 facets: smooth enough at any size (their edges
        // include the mesh lines every quarter). While the camera turns, 8 × 8: a quarter of
        // the canvas fills, each a call into the browser, and the eye follows the motion,
        // not the shading's steps.
        let grid: Vec<f64> = (0..=20)
            .map(|i| -R + 2.0 * R * f64::from(i) / 20.0)
            .collect();
        let n = if self.turning { 8 } else { 16 };
        let facets: Vec<f64> = (0..=n)
            .map(|i| -R + 2.0 * R * f64::from(i) / f64::from(n))
            .collect();
        let shade = |h: &f64| {
            // 48 shades: neighbouring facets share a colour, so the canvas sets it once
            // for a run of them (the steps are below what the eye separates on this ramp).
            let [r, g, b] = style::ramp((h / top * 48.0).round() / 48.0);
            RGBColor(r, g, b)
                .mix(if self.mode == Mode::InputPlane {
                    0.55
                } else {
                    0.75
                })
                .filled()
        };
        chart.draw_series(
            SurfaceSeries::xoz(facets.iter().copied(), facets.iter().copied(), |x, z| {
                F.value(x, z)
            })
            .style_func(&shade),
        )?;
        let mesh = ShapeStyle::from(&style::LEVEL.mix(0.25)).stroke_width(1);
        for &g in grid.iter().step_by(5) {
            chart.draw_series(LineSeries::new(
                grid.iter().map(|&t| (g, F.value(g, t), t)),
                mesh,
            ))?;
            chart.draw_series(LineSeries::new(
                grid.iter().map(|&t| (t, F.value(t, g), g)),
                mesh,
            ))?;
        }
        let (bx, by) = root.get_base_pixel();
        let coord = chart.as_coord_spec().clone();
        let to = move |p: (f64, f64, f64)| {
            let (x, y) = coord.translate(&p);
            (f64::from(x - bx), f64::from(y - by))
        };
        let [px0, py0] = self.point;
        let (f0, [fx, fy]) = F.value_and_gradient(px0, py0);
        match self.mode {
            Mode::Slices => {
                let thick = |c: RGBColor| ShapeStyle::from(&c).stroke_width(px(3.0, scale));
                // y held: x varies (orange); x held: y varies (blue).
                chart.draw_series(LineSeries::new(
                    grid.iter().map(|&t| (t, F.value(t, py0), py0)),
                    thick(X_PART),
                ))?;
                chart.draw_series(LineSeries::new(
                    grid.iter().map(|&t| (px0, F.value(px0, t), t)),
                    thick(Y_PART),
                ))?;
                let dashed = |c: RGBColor| ShapeStyle::from(&c).stroke_width(px(2.0, scale));
                let s = 0.9;
                draw::dashed(
                    root,
                    to((px0 - s, f0 - s * fx, py0)),
                    to((px0 + s, f0 + s * fx, py0)),
                    dashed(X_PART),
                    7.0 * scale,
                    5.0 * scale,
                )?;
                draw::dashed(
                    root,
                    to((px0, f0 - s * fy, py0 - s)),
                    to((px0, f0 + s * fy, py0 + s)),
                    dashed(Y_PART),
                    7.0 * scale,
                    5.0 * scale,
                )?;
                let text = [
                    (
                        format!(
                            "y = {} held: slope ∂f/∂x = 2x = {}",
                            num(py0, 2),
                            num(fx, 3)
                        ),
                        X_PART,
                    ),
                    (
                        format!(
                            "x = {} held: slope ∂f/∂y = 2y = {}",
                            num(px0, 2),
                            num(fy, 3)
                        ),
                        Y_PART,
                    ),
                ];
                caption(&captions, &text, scale)?;
            }
            Mode::InputPlane => {
                // The point on the surface, its shadow on the floor and the drop between them.
                let drop = ShapeStyle::from(&style::INK.mix(0.5)).stroke_width(px(1.2, scale));
                draw::dashed(
                    root,
                    to((px0, 0.0, py0)),
                    to((px0, f0, py0)),
                    drop,
                    4.0 * scale,
                    4.0 * scale,
                )?;
                let g = fx.hypot(fy);
                if g > 0.0 {
                    // The gradient, flat in the input plane (length ∝ ‖∇f‖, scaled to fit and
                    // kept inside the square).
                    let mut k = 1.6 / g.max(1.0);
                    for (p, d) in [(px0, fx), (py0, fy)] {
                        if d * k + p > R {
                            k = (R - p) / d;
                        } else if d * k + p < -R {
                            k = (-R - p) / d;
                        }
                    }
                    draw::arrow(
                        root,
                        to((px0, 0.0, py0)),
                        to((px0 + fx * k, 0.0, py0 + fy * k)),
                        style::GRADIENT,
                        3.0,
                        scale,
                    )?;
                    // The misconception: an arrow climbing the surface.
                    // The misconception: an arrow climbing the surface along the same direction.
                    let (dx, dy) = (fx / g, fy / g);
                    let steps: Vec<(f64, f64)> = (0..=12)
                        .map(|i| {
                            let t = 1.2 * f64::from(i) / 12.0;
                            let (x, y) = (px0 + dx * t, py0 + dy * t);
                            to((x, F.value(x, y), y))
                        })
                        .collect();
                    let wrong = ShapeStyle::from(&style::ALERT).stroke_width(px(2.4, scale));
                    for pair in steps.windows(2).step_by(2) {
                        root.draw(&PathElement::new(vec![ipt(pair[0]), ipt(pair[1])], wrong))?;
                    }
                    draw::arrow(root, steps[10], steps[12], style::ALERT, 2.4, scale)?;
                }
                let text = [
                    (
                        format!(
                            "∇f = ({}, {}): a vector in the (x, y) plane, where the step is taken",
                            num(fx, 2),
                            num(fy, 2)
                        ),
                        style::GRADIENT,
                    ),
                    (
                        "not an arrow climbing the surface (dashed red)".to_owned(),
                        style::ALERT,
                    ),
                ];
                caption(&captions, &text, scale)?;
            }
        }
        let p = to((px0, f0, py0));
        draw::dot(root, ipt(p), 7.5, 6.0, RGBColor(0xf2, 0xc0, 0x1d), scale)?;
        root.draw(&Circle::new(
            ipt(p),
            px(6.0, scale),
            ShapeStyle::from(&style::INK).stroke_width(px(1.2, scale)),
        ))?;
        self.draw_inset(root, &Self::inset(w, scale), scale)
    }

    fn draw_inset<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        a: &PlotArea,
        scale: f64,
    ) -> Result<(), DrawError> {
        let r = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
        root.draw(&Rectangle::new(
            [r(a.left, a.top), r(a.right, a.bottom)],
            ShapeStyle::from(&RGBColor(0xf6, 0xf7, 0xf9)).filled(),
        ))?;
        root.draw(&Rectangle::new(
            [r(a.left, a.top), r(a.right, a.bottom)],
            ShapeStyle::from(&style::LEVEL.mix(0.6)).stroke_width(px(1.0, scale)),
        ))?;
        // Centred over the inset, but kept inside the canvas (at phone width the inset sits
        // at the left edge and its caption is wider than it).
        let caption = "top view: drag the point";
        let half = draw::measure(root, caption, 11.0, scale) / 2.0 + 2.0 * scale;
        let width = f64::from(root.dim_in_pixel().0);
        let x = ((a.left + a.right) / 2.0).min(width - half).max(half);
        draw::centered(
            root,
            caption,
            (x, a.top - 10.0 * scale),
            11.0,
            style::MUTED,
            scale,
        )?;
        let ring = ShapeStyle::from(&style::LEVEL.mix(0.35)).stroke_width(1);
        let c = a.to_pixel([0.0, 0.0]);
        for k in 1..=3 {
            let rad = f64::from(k) * (a.right - a.left) / 2.0 / 3.0;
            root.draw(&Circle::new(r(c.0, c.1), rad as i32, ring))?;
        }
        let [x, y] = self.point;
        let (p0, p1) = (a.to_pixel([-R, y]), a.to_pixel([R, y]));
        let (q0, q1) = (a.to_pixel([x, -R]), a.to_pixel([x, R]));
        if self.mode == Mode::Slices {
            root.draw(&PathElement::new(
                vec![r(p0.0, p0.1), r(p1.0, p1.1)],
                ShapeStyle::from(&X_PART).stroke_width(px(1.5, scale)),
            ))?;
            root.draw(&PathElement::new(
                vec![r(q0.0, q0.1), r(q1.0, q1.1)],
                ShapeStyle::from(&Y_PART).stroke_width(px(1.5, scale)),
            ))?;
        }
        let p = a.to_pixel(self.point);
        root.draw(&Circle::new(
            r(p.0, p.1),
            px(5.0, scale),
            ShapeStyle::from(&RGBColor(0xf2, 0xc0, 0x1d)).filled(),
        ))?;
        root.draw(&Circle::new(
            r(p.0, p.1),
            px(5.0, scale),
            ShapeStyle::from(&style::INK).stroke_width(1),
        ))
        .map_err(DrawError::from)
    }
}

/// Two lines of coloured text centred in the caption band under the plot.
fn caption<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[(String, RGBColor)],
    scale: f64,
) -> Result<(), DrawError> {
    let (w, _) = area.dim_in_pixel();
    let room = f64::from(w) - 8.0 * scale;
    for (i, (t, c)) in lines.iter().enumerate() {
        // 13 px, or smaller (down to 9 px) for a line wider than the figure (a phone).
        let wide = draw::measure(area, t, 13.0, scale);
        let size = if wide > room {
            (13.0 * room / wide).max(9.0)
        } else {
            13.0
        };
        draw::centered(
            area,
            t,
            (f64::from(w) / 2.0, (11.0 + 19.0 * i as f64) * scale),
            size,
            *c,
            scale,
        )?;
    }
    Ok(())
}

fn ipt(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// The unit 3-D direction (x, y, z = height) of steepest climb along the surface: the
/// gradient's direction in the plane, lifted by the slope ‖∇f‖. `None` where ∇f = 0.
#[must_use]
pub fn uphill(grad: [f64; 2]) -> Option<[f64; 3]> {
    let g = grad[0].hypot(grad[1]);
    if g == 0.0 || !g.is_finite() {
        return None;
    }
    // Moving one unit along ∇f/‖∇f‖ raises f by ‖∇f‖.
    let v = [grad[0] / g, grad[1] / g, g];
    let n = (1.0 + g * g).sqrt();
    Some([v[0] / n, v[1] / n, v[2] / n])
}

/// What the current (or last) drag on a surface does: move the point, or turn the view from
/// the last position in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Drag {
    Point,
    Turn(f64, f64),
}

/// The `bowl` and `input-plane` widgets: the 3-D view turned by dragging, the top-view inset
/// where the point is dragged, keys for both.
#[derive(Clone, Debug)]
pub struct SurfaceWidget {
    figure: SurfaceFigure,
    drag: Drag,
}

impl SurfaceWidget {
    /// The widget in its default view.
    #[must_use]
    pub fn new(mode: Mode) -> Self {
        Self::of(SurfaceFigure::new(mode))
    }

    fn of(figure: SurfaceFigure) -> Self {
        Self {
            figure,
            drag: Drag::Point,
        }
    }

    /// `bowl` from its options.
    ///
    /// # Errors
    /// The first unusable option.
    pub fn slices(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        SurfaceFigure::from_options(Mode::Slices, opts).map(Self::of)
    }

    /// `input-plane` from its options.
    ///
    /// # Errors
    /// The first unusable option.
    pub fn input_plane(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        SurfaceFigure::from_options(Mode::InputPlane, opts).map(Self::of)
    }

    /// The figure.
    #[must_use]
    pub fn figure(&self) -> &SurfaceFigure {
        &self.figure
    }
}

impl Widget for SurfaceWidget {
    fn layout(&self) -> Vec<Part> {
        vec![
            Part::Canvas(widget::canvas("plot", "Surface", Paint::Direct)),
            widget::text("hint", "gdviz-hint", "Drag the surface to turn it (keys A, D turn and W, S tilt); drag in the top view or use the arrow keys to move the point."),
        ]
    }

    fn height(&self, _canvas: usize, width: u32, ratio: f64) -> u32 {
        SurfaceFigure::height_for_width(width, ratio)
    }

    fn draw<B: DrawingBackend>(&self, root: &Root<B>, pass: Pass<'_>) -> Drawn<Option<PlotArea>> {
        let Pass { ratio, .. } = pass;
        self.figure.draw(root, ratio).map(|()| None)
    }

    fn input(&mut self, input: &Input<'_>, _env: &Env<'_>) -> Outcome {
        match *input {
            Input::Press(p) => {
                let inset = SurfaceFigure::inset(p.width, p.ratio);
                if inset.contains(p.x, p.y, 4.0 * p.ratio) {
                    self.figure.set_point(inset.to_data(p.x, p.y));
                    self.drag = Drag::Point;
                } else {
                    self.drag = Drag::Turn(p.x / p.ratio, p.y / p.ratio);
                    self.figure.set_turning(true);
                }
                Outcome::Changed
            }
            // The turn ends: the surface whole again.
            Input::Release(_) if self.figure.turning() => {
                self.figure.set_turning(false);
                Outcome::Changed
            }
            Input::Drag(p) => {
                match self.drag {
                    Drag::Point => {
                        let inset = SurfaceFigure::inset(p.width, p.ratio);
                        self.figure.set_point(inset.to_data(p.x, p.y));
                    }
                    Drag::Turn(x0, y0) => {
                        let (x, y) = (p.x / p.ratio, p.y / p.ratio);
                        self.figure.rotate(x - x0, y - y0);
                        self.drag = Drag::Turn(x, y);
                    }
                }
                Outcome::Changed
            }
            Input::Key { key, shift, .. } => Outcome::from(self.figure.key(key, shift)),
            _ => Outcome::Ignored,
        }
    }

    fn ui(&self, ui: &mut Ui) {
        if self.figure.mode == Mode::Slices {
            let b = self.figure.bowl_state();
            ui.label("plot", format!(
                "The bowl f = x² + y² with the point ({}, {}) at height {}. Holding y, the slice is a parabola with slope ∂f/∂x = {}; holding x, slope ∂f/∂y = {}.",
                num(b.x, 2), num(b.y, 2), num(b.f, 3), num(b.fx, 3), num(b.fy, 3)
            ))
            .state(&b);
        } else {
            let s = self.figure.input_plane_state();
            ui.label("plot", format!(
                "The bowl with the point ({}, {}). The gradient ({}, {}) is drawn flat in the input plane under the point; a dashed red arrow climbing the surface shows the common mistaken picture.",
                num(s.x, 2), num(s.y, 2), num(s.grad[0], 3), num(s.grad[1], 3)
            ))
            .state(&s);
        }
    }

    fn url_options(&self) -> Vec<(&'static str, String)> {
        self.figure.url_options()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn url_options_reopen_the_same_angles() {
        // Many angles' degrees, read back, give another number of radians (about one in
        // seven): the figure keeps its angles in a form that survives the link.
        for mode in [Mode::Slices, Mode::InputPlane] {
            let mut f = SurfaceFigure::new(mode);
            for k in 0..144 {
                let (yaw, pitch) = (f64::from(k) * 2.5, 5.0 + f64::from(k % 32) * 2.5);
                f.set_view(yaw.to_radians(), pitch.to_radians());
                if k % 2 == 1 {
                    f.rotate(3.7, -1.3);
                }
                f.key("ArrowLeft", false);
                let map: std::collections::HashMap<String, String> = f
                    .url_options()
                    .into_iter()
                    .map(|(k, v)| (format!("data-{k}"), v))
                    .collect();
                let again = SurfaceFigure::from_options(mode, &map).unwrap();
                assert_eq!(again.bowl_state(), f.bowl_state());
                assert_eq!(again.input_plane_state(), f.input_plane_state());
            }
        }
    }

    #[test]
    fn letter_keys_turn_and_tilt_the_view_like_a_drag() {
        let mut f = SurfaceFigure::new(Mode::Slices);
        let (yaw, pitch) = (f.yaw, f.pitch);
        assert!(f.key("d", false) && (f.yaw - (yaw + 5f64.to_radians())).abs() < 1e-12);
        assert!(f.key("A", true) && (f.yaw - (yaw - 10f64.to_radians())).abs() < 1e-12);
        assert!(f.key("w", false) && (f.pitch - (pitch + 5f64.to_radians())).abs() < 1e-12);
        for _ in 0..40 {
            f.key("s", true);
        }
        assert!(
            (f.pitch - 5f64.to_radians()).abs() < 1e-12,
            "tilt stops at 5°"
        );
        assert!(!f.key("q", false));
    }

    use super::*;

    #[test]
    fn the_articles_point_one_and_a_half_two() {
        let s = SurfaceFigure::new(Mode::Slices).bowl_state();
        assert_eq!((s.x, s.y, s.f, s.fx, s.fy), (1.5, 2.0, 6.25, 3.0, 4.0));
        let mut fig = SurfaceFigure::new(Mode::InputPlane);
        fig.set_point([1.5, 2.0]);
        let t = fig.input_plane_state();
        assert_eq!(t.grad, [3.0, 4.0]);
        // Along the surface: horizontal (0.6, 0.8) per unit, rising by 5; normalised by √26.
        let u = t.uphill_3d.unwrap();
        let n = 26f64.sqrt();
        assert!(
            (u[0] - 0.6 / n).abs() < 1e-15
                && (u[1] - 0.8 / n).abs() < 1e-15
                && (u[2] - 5.0 / n).abs() < 1e-15
        );
        assert_eq!(uphill([0.0, 0.0]), None);
    }

    #[test]
    fn view_and_point_limits() {
        let mut f = SurfaceFigure::new(Mode::Slices);
        f.set_view(-0.5, 2.0);
        assert!((f.bowl_state().pitch - 85f64.to_radians()).abs() < 1e-12);
        assert!(f.bowl_state().yaw > 0.0);
        f.set_point([9.0, -9.0]);
        assert_eq!(f.point(), [R, -R]);
        assert!(f.key("ArrowLeft", false));
        assert!((f.point()[0] - (R - 0.1)).abs() < 1e-12);
        assert!(SurfaceFigure::from_options(Mode::Slices, &[("data-x", "3")][..]).is_err());
        assert!(SurfaceFigure::from_options(Mode::Slices, &[("data-pitch", "x")][..]).is_err());
    }

    /// A turn draws the surface with a quarter of its facets; the release draws it whole.
    #[test]
    fn a_turn_draws_a_coarse_surface_until_released() {
        use crate::figures::widget::{Env, Input, Outcome, Pointer, Widget};
        for mode in [Mode::Slices, Mode::InputPlane] {
            let mut w = SurfaceWidget::new(mode);
            let facets = |w: &SurfaceWidget| w.svg(640).unwrap().matches("<polygon").count();
            let whole = facets(&w);
            let at = |x: f64| Pointer {
                canvas: 0,
                x,
                y: 300.0,
                ratio: 1.0,
                width: 640,
                area: None,
            };
            // The middle of the plot, away from the inset: a turn.
            assert_eq!(
                w.input(&Input::Press(at(400.0)), &Env::still()),
                Outcome::Changed
            );
            assert_eq!(
                w.input(&Input::Drag(at(390.0)), &Env::still()),
                Outcome::Changed
            );
            let turning = facets(&w);
            // 256 facets against 64 (a facet facing away can be left out by plotters: the
            // counts are compared, not pinned).
            assert!(
                whole >= 200 && (40..=70).contains(&turning),
                "{mode:?}: {whole} / {turning}"
            );
            assert_eq!(w.input(&Input::Release(0), &Env::still()), Outcome::Changed);
            assert_eq!(facets(&w), whole, "{mode:?}");
            // A second release changes nothing.
            assert_eq!(w.input(&Input::Release(0), &Env::still()), Outcome::Ignored);
            // Dragging the inset's point is no turn: the surface stays whole.
            let inset = SurfaceFigure::inset(640, 1.0);
            let p = Pointer {
                x: (inset.left + inset.right) / 2.0,
                y: (inset.top + inset.bottom) / 2.0,
                ..at(0.0)
            };
            assert_eq!(w.input(&Input::Press(p), &Env::still()), Outcome::Changed);
            // (The point moved, and with it the arrows' heads, polygons too.)
            assert!(facets(&w) >= 200, "{mode:?}");
        }
    }

    #[test]
    fn both_modes_render() {
        for (mode, want) in [
            (Mode::Slices, "∂f/∂x = 2x = 3"),
            (Mode::InputPlane, "∇f = (2.4, 1.8)"),
        ] {
            let fig = SurfaceFigure::new(mode);
            let svg = super::super::render_svg(
                640,
                |w| SurfaceFigure::height_for_width(w, 1.0),
                |root| fig.draw(root, 1.0),
            )
            .unwrap();
            assert!(svg.contains(want), "{mode:?}");
        }
    }

    /// At phone width the inset sits at the left edge and its caption is wider than it, and
    /// the input-plane captions are wider than the figure: every caption, as the backend
    /// measures it, stays inside the figure.
    #[test]
    fn captions_stay_inside_the_figure_at_phone_width() {
        let mut scratch = String::new();
        let probe = SVGBackend::with_string(&mut scratch, (10, 10)).into_drawing_area();
        let captions = [
            (Mode::Slices, "top view: drag the point"),
            (Mode::InputPlane, "top view: drag the point"),
            (
                Mode::InputPlane,
                "): a vector in the (x, y) plane, where the step is taken",
            ),
            (
                Mode::InputPlane,
                "not an arrow climbing the surface (dashed red)",
            ),
        ];
        for ((mode, needle), width) in captions
            .iter()
            .flat_map(|c| [300, 374, 480, 720].map(|w| (*c, w)))
        {
            let svg = SurfaceWidget::new(mode).svg(width).unwrap();
            let at = svg[..svg.find(needle).unwrap()].rfind('>').unwrap() + 1;
            let text = svg[at..].split('<').next().unwrap().trim();
            let tag = &svg[svg[..at].rfind("<text").unwrap()..at];
            let attr = |name: &str| -> f64 {
                let from = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                tag[from..from + tag[from..].find('"').unwrap()]
                    .parse()
                    .unwrap()
            };
            assert!(tag.contains("text-anchor=\"middle\""), "{tag}");
            // draw::measure at scale 1 and the size the SVG was written with.
            let half = draw::measure(&probe, text, attr("font-size"), 1.0) / 2.0;
            let x = attr("x");
            assert!(
                x - half >= 0.0 && x + half <= f64::from(width),
                "{width}: {tag}{text}"
            );
        }
    }
}
