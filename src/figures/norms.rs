//! `norms`: the steepest unit step under L2 (circle), L1 (diamond) and L∞ (square), side by
//! side. The dashed lines are the level lines of u ↦ ∇f·u, the same in every panel; only the
//! set of allowed unit steps differs, and with it the best one.

use super::draw;
use super::format::num;
use super::json::{Fields, Object};
use super::model::Shared;
use super::options::{self, OptionError, Options};
use super::plot_area::PlotArea;
use super::style::{self, px};
use super::widget::{self, Env, Input, Outcome, Paint, Part, Pass, Pointer, Ui, Widget};
use super::{DrawError, Layer};
use super::{Drawn, Root};
use crate::math::norms::{try_steepest, Norm, Steepest};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::f64::consts::{FRAC_PI_4, TAU};

/// The three norms in panel order.
pub const NORMS: [Norm; 3] = [Norm::L2, Norm::L1, Norm::LInf];

/// Colour of each norm's optimum.
const OPTIMUM: RGBColor = RGBColor(0x7b, 0x2d, 0xbf);

/// What `data-state` reports (directions and values are `null` when ∇f = 0).
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Always `"norms"`.
    pub kind: &'static str,
    /// The gradient.
    pub grad: [f64; 2],
    /// Steepest unit step under L2.
    pub l2: Option<[f64; 2]>,
    /// Steepest unit step under L1 (a vertex of the diamond).
    pub l1: Option<[f64; 2]>,
    /// Steepest unit step under L∞ (a corner of the square).
    pub linf: Option<[f64; 2]>,
    /// ∇f·u at the L2 optimum (= ‖∇f‖₂).
    pub l2_value: Option<f64>,
    /// ∇f·u at the L1 optimum (= ‖∇f‖∞).
    pub l1_value: Option<f64>,
    /// ∇f·u at the L∞ optimum (= ‖∇f‖₁).
    pub linf_value: Option<f64>,
    /// True when |f_x| = |f_y|: a whole edge of the diamond is optimal.
    pub l1_tie: bool,
    /// True when a component is zero: a whole edge of the square is optimal.
    pub linf_tie: bool,
}

impl Fields for State {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("kind", &self.kind)
            .field("grad", &self.grad)
            .field("l2", &self.l2)
            .field("l1", &self.l1)
            .field("linf", &self.linf)
            .field("l2_value", &self.l2_value)
            .field("l1_value", &self.l1_value)
            .field("linf_value", &self.linf_value)
            .field("l1_tie", &self.l1_tie)
            .field("linf_tie", &self.linf_tie);
    }
}

/// The widget's model: a gradient.
#[derive(Clone, Debug, PartialEq)]
pub struct NormsFigure {
    grad: [f64; 2],
}

impl Default for NormsFigure {
    /// The article's gradient (6, 8).
    fn default() -> Self {
        Self { grad: [6.0, 8.0] }
    }
}

impl NormsFigure {
    /// Reads `data-gx`, `data-gy`.
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        Ok(Self {
            grad: [
                options::number(opts, "data-gx", 6.0)?,
                options::number(opts, "data-gy", 8.0)?,
            ],
        })
    }

    /// The gradient.
    #[must_use]
    pub fn grad(&self) -> [f64; 2] {
        self.grad
    }

    /// Sets the gradient (ignored unless finite).
    pub fn set_grad(&mut self, g: [f64; 2]) {
        if g[0].is_finite() && g[1].is_finite() {
            self.grad = g;
        }
    }

    /// Turns the gradient to point at angle `theta`, keeping its length (1 if it was zero).
    /// Within 1.5° of a multiple of 45° it snaps exactly there, so the ties of L1 (diagonals)
    /// and L∞ (axes) can be reached by hand.
    pub fn aim(&mut self, theta: f64) {
        self.aim_within(theta, 1.5f64.to_radians());
    }

    /// Turns the gradient by `degrees` from its direction rounded to a whole degree, with no
    /// snapping (the arrow keys: each press moves, also off a diagonal it had snapped to).
    pub fn turn(&mut self, degrees: f64) {
        let now = self.grad[1].atan2(self.grad[0]).to_degrees().round();
        self.aim_within((now + degrees).to_radians(), 1e-9);
    }

    /// [`aim`](Self::aim), snapping to a multiple of 45° within `window` radians.
    fn aim_within(&mut self, theta: f64, window: f64) {
        if !theta.is_finite() {
            return;
        }
        let eighth = (theta / FRAC_PI_4).round();
        let theta = if (theta - eighth * FRAC_PI_4).abs() < window {
            eighth * FRAC_PI_4
        } else {
            theta
        };
        let n = self.grad[0].hypot(self.grad[1]);
        let n = if n > 0.0 { n } else { 1.0 };
        let k = (eighth as i64).rem_euclid(8);
        // Exact components on the axes and diagonals, where cos and sin are not.
        let (c, s) = if (theta - eighth * FRAC_PI_4).abs() < 1e-15 {
            let d = std::f64::consts::FRAC_1_SQRT_2;
            [
                (1.0, 0.0),
                (d, d),
                (0.0, 1.0),
                (-d, d),
                (-1.0, 0.0),
                (-d, -d),
                (0.0, -1.0),
                (d, -d),
            ][k as usize]
        } else {
            (theta.cos(), theta.sin())
        };
        self.grad = [n * c, n * s];
    }

    /// The options that reopen this view (`data-*` names without the prefix).
    #[must_use]
    pub fn url_options(&self) -> Vec<(&'static str, String)> {
        vec![
            ("gx", self.grad[0].to_string()),
            ("gy", self.grad[1].to_string()),
        ]
    }

    /// The state for `data-state`.
    #[must_use]
    pub fn state(&self) -> State {
        let [l2, l1, linf] = NORMS.map(|n| try_steepest(self.grad, n));
        State {
            kind: "norms",
            grad: self.grad,
            l2: l2.map(|s| s.direction),
            l1: l1.map(|s| s.direction),
            linf: linf.map(|s| s.direction),
            l2_value: l2.map(|s| s.value),
            l1_value: l1.map(|s| s.value),
            linf_value: linf.map(|s| s.value),
            l1_tie: l1.is_some_and(|s| s.tie),
            linf_tie: linf.is_some_and(|s| s.tie),
        }
    }

    /// True if the panels sit side by side at this CSS width (else one above the other).
    #[must_use]
    pub fn wide(css_width: f64) -> bool {
        css_width >= 600.0
    }

    /// The panel side in device pixels for a canvas `width` wide.
    fn panel(width: u32, scale: f64) -> f64 {
        let w = f64::from(width);
        if Self::wide(w / scale) {
            w / 3.0
        } else {
            w.min(340.0 * scale)
        }
    }

    /// The canvas height for a canvas `width` device pixels wide.
    #[must_use]
    pub fn height_for_width(width: u32, scale: f64) -> u32 {
        let p = Self::panel(width, scale);
        let rows = if Self::wide(f64::from(width) / scale) {
            1.0
        } else {
            3.0
        };
        (p * rows).round() as u32
    }

    /// The pixel mapping of panel `k` (data range [−1.6, 1.6]² around the origin).
    #[must_use]
    pub fn panel_area(width: u32, scale: f64, k: usize) -> PlotArea {
        let p = Self::panel(width, scale);
        let wide = Self::wide(f64::from(width) / scale);
        let (x0, y0) = if wide {
            (p * k as f64, 0.0)
        } else {
            ((f64::from(width) - p) / 2.0, p * k as f64)
        };
        let pad = 34.0 * scale;
        let side = p - 2.0 * pad;
        PlotArea {
            left: x0 + pad,
            right: x0 + pad + side,
            top: y0 + pad,
            bottom: y0 + pad + side,
            x: (-1.6, 1.6),
            y: (-1.6, 1.6),
        }
    }

    /// Which panel a pixel falls in and the direction from that panel's origin.
    #[must_use]
    pub fn aim_at(width: u32, scale: f64, px: f64, py: f64) -> Option<f64> {
        (0..3).find_map(|k| {
            let a = Self::panel_area(width, scale, k);
            if !a.contains(px, py, 30.0 * scale) {
                return None;
            }
            let [x, y] = a.to_data(px, py);
            (x.hypot(y) > 0.05).then(|| y.atan2(x).rem_euclid(TAU))
        })
    }

    /// Draws the three panels: `Layer::Background` the part that never moves (titles, axes,
    /// unit balls), `Layer::Overlay` what follows the gradient, `Layer::All` both.
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        layer: Layer,
        scale: f64,
    ) -> Result<(), DrawError> {
        let (width, _) = root.dim_in_pixel();
        if layer != Layer::Overlay {
            root.fill(&WHITE)?;
            for (k, norm) in NORMS.into_iter().enumerate() {
                Self::draw_ball(root, &Self::panel_area(width, scale, k), norm, scale)?;
            }
        }
        if layer != Layer::Background {
            for (k, norm) in NORMS.into_iter().enumerate() {
                self.draw_panel(root, &Self::panel_area(width, scale, k), norm, scale)?;
            }
        }
        Ok(())
    }

    /// A panel's static part: title, axes, the unit ball.
    fn draw_ball<DB: DrawingBackend>(
        root: &DrawingArea<DB, Shift>,
        a: &PlotArea,
        norm: Norm,
        scale: f64,
    ) -> Result<(), DrawError> {
        let to = |p: [f64; 2]| {
            let (x, y) = a.to_pixel(p);
            (x.round() as i32, y.round() as i32)
        };
        let title = match norm {
            Norm::L2 => "L2: the circle |u₁|² + |u₂|² = 1",
            Norm::L1 => "L1: the diamond |u₁| + |u₂| = 1",
            Norm::LInf => "L∞: the square max(|u₁|, |u₂|) = 1",
        };
        draw::centered(
            root,
            title,
            ((a.left + a.right) / 2.0, a.top - 16.0 * scale),
            12.5,
            style::INK,
            scale,
        )?;
        // Axes.
        let axis = ShapeStyle::from(&style::INK.mix(0.35)).stroke_width(px(1.0, scale));
        root.draw(&PathElement::new(
            vec![to([-1.6, 0.0]), to([1.6, 0.0])],
            axis,
        ))?;
        root.draw(&PathElement::new(
            vec![to([0.0, -1.6]), to([0.0, 1.6])],
            axis,
        ))?;
        // The unit ball.
        let ball: Vec<[f64; 2]> = match norm {
            // Fine enough that the rounded pixels read as a circle on a large panel.
            Norm::L2 => (0..=360)
                .map(|i| {
                    let t = TAU * f64::from(i) / 360.0;
                    [t.cos(), t.sin()]
                })
                .collect(),
            Norm::L1 => vec![[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0], [1.0, 0.0]],
            Norm::LInf => vec![
                [1.0, 1.0],
                [-1.0, 1.0],
                [-1.0, -1.0],
                [1.0, -1.0],
                [1.0, 1.0],
            ],
        };
        root.draw(&Polygon::new(
            ball.iter().map(|&p| to(p)).collect::<Vec<_>>(),
            ShapeStyle::from(&RGBColor(0xee, 0xf3, 0xfb)).filled(),
        ))?;
        root.draw(&PathElement::new(
            ball.iter().map(|&p| to(p)).collect::<Vec<_>>(),
            ShapeStyle::from(&style::INK).stroke_width(px(1.8, scale)),
        ))?;
        Ok(())
    }

    /// A panel's moving part: the level lines of u ↦ ∇f·u, the gradient, the optimum.
    fn draw_panel<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        a: &PlotArea,
        norm: Norm,
        scale: f64,
    ) -> Result<(), DrawError> {
        let to = |p: [f64; 2]| {
            let (x, y) = a.to_pixel(p);
            (x.round() as i32, y.round() as i32)
        };
        let g = self.grad;
        let gn = g[0].hypot(g[1]);
        let best = try_steepest(g, norm);
        if gn > 0.0 && gn.is_finite() {
            // Level lines of u ↦ ∇f·u: perpendicular to ∇f, evenly spaced, the optimum's bolder.
            let (ux, uy) = (g[0] / gn, g[1] / gn);
            let level = ShapeStyle::from(&style::LEVEL.mix(0.45)).stroke_width(px(1.0, scale));
            let best_value = best.map_or(0.0, |b| b.value);
            for k in -6..=6 {
                let d = f64::from(k) * 0.375; // distance from the origin along ∇f/‖∇f‖
                let c = [ux * d, uy * d];
                let (p, q) = (
                    [c[0] - uy * 3.0, c[1] + ux * 3.0],
                    [c[0] + uy * 3.0, c[1] - ux * 3.0],
                );
                dashed_line(root, a, p, q, level, scale)?;
            }
            let d = best_value / gn;
            let c = [ux * d, uy * d];
            let strong = ShapeStyle::from(&OPTIMUM.mix(0.8)).stroke_width(px(1.6, scale));
            dashed_line(
                root,
                a,
                [c[0] - uy * 3.0, c[1] + ux * 3.0],
                [c[0] + uy * 3.0, c[1] - ux * 3.0],
                strong,
                scale,
            )?;
            // The gradient's direction.
            draw::arrow(
                root,
                a.to_pixel([0.0, 0.0]),
                a.to_pixel([ux * 1.45, uy * 1.45]),
                style::GRADIENT,
                2.0,
                scale,
            )?;
        }
        let caption = match best {
            Some(Steepest {
                direction,
                value,
                tie,
            }) => {
                if tie {
                    // The whole optimal edge.
                    let edge = tie_edge(g, norm, direction);
                    let thick = ShapeStyle::from(&OPTIMUM).stroke_width(px(5.0, scale));
                    root.draw(&PathElement::new(vec![to(edge[0]), to(edge[1])], thick))?;
                }
                draw::arrow(
                    root,
                    a.to_pixel([0.0, 0.0]),
                    a.to_pixel(direction),
                    OPTIMUM,
                    2.6,
                    scale,
                )?;
                let c = to(direction);
                root.draw(&Circle::new(
                    c,
                    px(6.0, scale),
                    ShapeStyle::from(&OPTIMUM).filled(),
                ))?;
                let what = if tie {
                    "ties: the whole edge"
                } else {
                    "best u"
                };
                format!(
                    "{what} = ({}, {}), ∇f·u = {}",
                    num(direction[0], 3),
                    num(direction[1], 3),
                    num(value, 3)
                )
            }
            None => "∇f = 0: every unit step has rate 0".to_owned(),
        };
        if gn > 0.0 && gn.is_finite() {
            // The gradient's label beside its tip, on the side away from the optimum's arrow
            // (drawn last, so neither the arrow nor the dot covers it).
            let (ux, uy) = (g[0] / gn, g[1] / gn);
            let d = best.map_or([ux, uy], |b| b.direction);
            let side = if ux * d[1] - uy * d[0] > 1e-9 {
                -1.0
            } else {
                1.0
            };
            let off = 0.2 * side;
            draw::label(
                root,
                "∇f",
                a.to_pixel([ux * 1.4 - uy * off, uy * 1.4 + ux * off]),
                12.5,
                style::GRADIENT,
                scale,
            )?;
        }
        let color = if best.is_some() {
            OPTIMUM
        } else {
            style::ALERT
        };
        draw::centered(
            root,
            &caption,
            ((a.left + a.right) / 2.0, a.bottom + 18.0 * scale),
            12.5,
            color,
            scale,
        )?;
        Ok(())
    }
}

/// The optimal edge when the optimum is not unique.
fn tie_edge(g: [f64; 2], norm: Norm, d: [f64; 2]) -> [[f64; 2]; 2] {
    let s = |v: f64| if v < 0.0 { -1.0 } else { 1.0 };
    match norm {
        // |f_x| = |f_y|: from the x vertex to the y vertex on the gradient's side.
        Norm::L1 => [[s(g[0]), 0.0], [0.0, s(g[1])]],
        // A zero component: the edge where that coordinate varies.
        Norm::LInf if g[0] == 0.0 => [[-1.0, d[1]], [1.0, d[1]]],
        Norm::LInf => [[d[0], -1.0], [d[0], 1.0]],
        Norm::L2 => [d, d],
    }
}

/// The part of the segment p–q inside the box [−1.6, 1.6]² (Liang–Barsky), or `None`.
fn clip(p: [f64; 2], q: [f64; 2]) -> Option<([f64; 2], [f64; 2])> {
    let d = [q[0] - p[0], q[1] - p[1]];
    let (t0, t1) = draw::clip_interval((p[0], p[1]), (q[0], q[1]), [-1.6, -1.6, 1.6, 1.6])?;
    (t0 < t1).then(|| {
        (
            [p[0] + t0 * d[0], p[1] + t0 * d[1]],
            [p[0] + t1 * d[0], p[1] + t1 * d[1]],
        )
    })
}

/// A dashed line between data points, clipped to the panel.
fn dashed_line<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    a: &PlotArea,
    p: [f64; 2],
    q: [f64; 2],
    style: ShapeStyle,
    scale: f64,
) -> Result<(), DrawError> {
    match clip(p, q) {
        Some((p, q)) => draw::dashed(
            root,
            a.to_pixel(p),
            a.to_pixel(q),
            style,
            9.0 * scale,
            5.0 * scale,
        ),
        None => Ok(()),
    }
}

/// The `norms` widget. Alone, the reader aims the gradient by dragging in any panel (or with
/// the arrow keys); in a `data-group` it follows the group's point.
#[derive(Clone, Debug, Default)]
pub struct NormsWidget {
    figure: NormsFigure,
    linked: bool,
}

impl NormsWidget {
    /// Reads `data-gx`, `data-gy`, and whether `data-group` links it.
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        Ok(Self {
            figure: NormsFigure::from_options(opts)?,
            linked: opts.get("data-group").is_some_and(|n| !n.trim().is_empty()),
        })
    }

    /// The figure.
    #[must_use]
    pub fn figure(&self) -> &NormsFigure {
        &self.figure
    }

    fn aim_at(&mut self, p: &Pointer) -> bool {
        NormsFigure::aim_at(p.width, p.ratio, p.x, p.y)
            .map(|theta| self.figure.aim(theta))
            .is_some()
    }
}

impl Widget for NormsWidget {
    fn layout(&self) -> Vec<Part> {
        vec![
            Part::Canvas(widget::canvas(
                "plot",
                "Steepest steps under three norms",
                Paint::Layered,
            )),
            widget::text(
                "hint",
                "gdviz-hint",
                if self.linked {
                    "The gradient follows the point of the linked plots."
                } else {
                    "Drag in any panel to aim the gradient, or use the arrow keys (Shift: 15°). Aim along a diagonal to see the diamond tie."
                },
            ),
        ]
    }

    fn height(&self, _canvas: usize, width: u32, ratio: f64) -> u32 {
        NormsFigure::height_for_width(width, ratio)
    }

    fn draw<B: DrawingBackend>(&self, root: &Root<B>, pass: Pass<'_>) -> Drawn<Option<PlotArea>> {
        let Pass { layer, ratio, .. } = pass;
        self.figure.draw(root, layer, ratio).map(|()| None)
    }

    fn input(&mut self, input: &Input<'_>, _env: &Env<'_>) -> Outcome {
        match *input {
            Input::Press(p) => Outcome::from(!self.linked && self.aim_at(&p)),
            Input::Drag(p) => Outcome::from(self.aim_at(&p)),
            Input::Key { key, shift, .. } if !self.linked => {
                let step = if shift { 15.0 } else { 1.0 };
                let turn = match key {
                    "ArrowLeft" | "ArrowUp" => step,
                    "ArrowRight" | "ArrowDown" => -step,
                    _ => return Outcome::Ignored,
                };
                self.figure.turn(turn);
                Outcome::Changed
            }
            _ => Outcome::Ignored,
        }
    }

    fn ui(&self, ui: &mut Ui) {
        let s = self.figure.state();
        let words = match (s.l2, s.l1, s.linf) {
            (Some(a), Some(b), Some(c)) => format!(
                "For the gradient ({}, {}): under L2 the best unit step is ({}, {}) with rate {}; under L1 ({}, {}) with rate {}{}; under L-infinity ({}, {}) with rate {}.",
                num(s.grad[0], 3), num(s.grad[1], 3),
                num(a[0], 3), num(a[1], 3), num(s.l2_value.unwrap_or(0.0), 3),
                num(b[0], 3), num(b[1], 3), num(s.l1_value.unwrap_or(0.0), 3),
                if s.l1_tie { ", tied with the whole edge" } else { "" },
                num(c[0], 3), num(c[1], 3), num(s.linf_value.unwrap_or(0.0), 3)
            ),
            _ => "The gradient is zero: every unit step has rate 0 under every norm.".to_owned(),
        };
        ui.label("plot", words).state(&s);
    }

    fn url_options(&self) -> Vec<(&'static str, String)> {
        if self.linked {
            Vec::new()
        } else {
            self.figure.url_options()
        }
    }

    /// The gradient at the group's point (a typed function's undefined point has none: the
    /// last one stays).
    fn receive(&mut self, shared: &Shared) -> bool {
        if let Shared::Point(p) = shared {
            let [x, y] = p.point;
            if p.function.check(x, y).is_none() {
                self.figure.set_grad(p.function.gradient(x, y));
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_articles_gradient() {
        let s = NormsFigure::default().state();
        let l2 = s.l2.unwrap();
        assert!((l2[0] - 0.6).abs() < 1e-15 && (l2[1] - 0.8).abs() < 1e-15);
        assert_eq!((s.l1, s.linf), (Some([0.0, 1.0]), Some([1.0, 1.0])));
        assert_eq!(
            (s.l2_value, s.l1_value, s.linf_value),
            (Some(10.0), Some(8.0), Some(14.0))
        );
        assert!(!s.l1_tie && !s.linf_tie);
    }

    #[test]
    fn aiming_keeps_the_length_and_snaps_to_ties() {
        let mut f = NormsFigure::default();
        f.aim(45.5f64.to_radians());
        let g = f.grad();
        assert_eq!(g[0], g[1], "snapped to the diagonal exactly");
        assert!((g[0].hypot(g[1]) - 10.0).abs() < 1e-12);
        assert!(f.state().l1_tie);
        f.aim(90.7f64.to_radians());
        assert_eq!(f.grad()[0], 0.0);
        assert!(f.state().linf_tie);
        f.aim(30f64.to_radians());
        assert!((f.grad()[1] - 5.0).abs() < 1e-12);
    }

    #[test]
    fn zero_gradient_has_nulls_and_says_so() {
        let mut f = NormsFigure::default();
        f.set_grad([0.0, 0.0]);
        let s = f.state();
        assert_eq!((s.l2, s.l1, s.linf, s.l2_value), (None, None, None, None));
        let svg = super::super::render_svg(
            900,
            |w| NormsFigure::height_for_width(w, 1.0),
            |root| f.draw(root, Layer::All, 1.0),
        )
        .unwrap();
        assert_eq!(svg.matches("every unit step has rate 0").count(), 3);
    }

    #[test]
    fn clipping_to_the_panel() {
        let (p, q) = clip([-3.0, 0.0], [3.0, 0.0]).unwrap();
        assert!(
            (p[0] + 1.6).abs() < 1e-12 && (q[0] - 1.6).abs() < 1e-12 && p[1] == 0.0 && q[1] == 0.0
        );
        assert_eq!(clip([-3.0, 2.0], [3.0, 2.0]), None);
        let (p, q) = clip([-3.0, -3.0], [3.0, 3.0]).unwrap();
        assert!((p[0] + 1.6).abs() < 1e-12 && (q[1] - 1.6).abs() < 1e-12);
    }

    #[test]
    fn panels_and_hit_testing() {
        // Wide: three panels in a row; a press right of the first panel's centre aims along +x.
        let a = NormsFigure::panel_area(900, 1.0, 0);
        let (cx, cy) = a.to_pixel([0.0, 0.0]);
        assert_eq!(NormsFigure::aim_at(900, 1.0, cx + 40.0, cy), Some(0.0));
        // Narrow: one above the other.
        let b = NormsFigure::panel_area(360, 1.0, 1);
        assert!(b.top > NormsFigure::panel_area(360, 1.0, 0).bottom);
        assert_eq!(NormsFigure::height_for_width(360, 1.0), 3 * 340);
    }
}
