//! `contour`: level curves of f(x, y) with a point the reader moves, the gradient arrow at the
//! point and a piece of the level curve's tangent, so the right angle between them shows.

pub use super::contour_plot::Fill;
use std::f64::consts::PI;

use super::contour_plot::{ContourPlot, OnContours};
use super::draw;
use super::format::{link_angle, num, pair, sci, sig};
use super::json::{Fields, Object};
use super::model::{self, ExprInput, Shared};
use super::options::{self, OptionError, Options};
use super::plot_area::PlotArea;
use super::point::MovablePoint;
use super::style::{self, px};
use super::widget::{self, Env, Input, Outcome, Paint, Part, Pass, Ui, Widget};
use super::{Drawn, Root};
use crate::math::contour::{Grid, LevelLine};
use crate::math::finite_diff;
use crate::math::functions::{Domain, Function};
use plotters::prelude::*;
use std::f64::consts::TAU;

pub use super::model::{default_point, function_option, Config};

/// The step of the finite-difference estimate shown beside the exact gradient: about the
/// cube root of machine epsilon, where the central difference's truncation and rounding
/// errors balance for a function of size ~1.
pub const FD_STEP: f64 = 1e-5;

/// What `data-state` reports: `{"kind":"contour","fn":…,"x":…,"y":…,"f":…,"grad":[…],"norm":…}`.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Always `"contour"`.
    pub kind: &'static str,
    /// The function's name.
    pub function: String,
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
    /// The central finite-difference estimate of ∇f with step [`FD_STEP`], shown beside
    /// the exact gradient.
    pub fd_grad: [f64; 2],
    /// The estimate's error: the larger of |estimate − exact| over the two components.
    pub fd_error: f64,
    /// Why f or ∇f has no value at the point (a typed function, e.g. ln(x) at x < 0); then
    /// `f`, `grad`, `norm` and the estimate are `null`.
    pub undefined: Option<String>,
    /// The direction u(θ) drawn from the point (radians), when a `sinusoid` of its group
    /// shares one or `data-theta` sets it; absent otherwise.
    pub theta: Option<f64>,
}

impl Fields for State {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("kind", &self.kind)
            .field("fn", &self.function)
            .field("x", &self.x)
            .field("y", &self.y)
            .field("f", &self.f)
            .field("grad", &self.grad)
            .field("norm", &self.norm)
            .field("fd_grad", &self.fd_grad)
            .field("fd_error", &self.fd_error)
            .some("undefined", &self.undefined)
            .some("theta", &self.theta);
    }
}

/// The figure: a function, its sampled grid and level lines (computed once), and the point.
#[derive(Clone, Debug)]
pub struct ContourFigure {
    function: Function,
    domain: Domain,
    point: [f64; 2],
    plot: ContourPlot,
    /// Median ‖∇f‖ over the grid: the arrow is half its longest at this gradient.
    gradient_reference: f64,
    /// The direction u(θ) drawn from the point, radians (a grouped `sinusoid`'s θ).
    pub direction: Option<f64>,
}

impl MovablePoint for ContourFigure {
    fn region(&self) -> Domain {
        self.domain
    }
    fn current(&self) -> [f64; 2] {
        self.point
    }
    fn move_to(&mut self, p: [f64; 2]) -> bool {
        self.set_point(p)
    }
}

impl ContourFigure {
    /// Samples the function and picks its levels (the lines are traced when first drawn).
    #[must_use]
    pub fn new(config: Config) -> Self {
        let function = config.function;
        let domain = function.domain();
        let plot = ContourPlot::new(&|x, y| function.value(x, y), domain, 9, ("x", "y"));
        let grid = Grid::sample(|x, y| function.value(x, y), domain, 41, 41);
        let mut norms: Vec<f64> = grid
            .values
            .iter()
            .enumerate()
            .map(|(k, _)| {
                let [x, y] = grid.point((k % 41) as f64, (k / 41) as f64);
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
            plot,
            gradient_reference,
            direction: None,
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
        self.plot.levels()
    }

    /// The level lines.
    #[must_use]
    pub fn lines(&self) -> &[LevelLine] {
        self.plot.lines()
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

    /// The options that reopen this view (`data-*` names without the prefix).
    #[must_use]
    pub fn url_options(&self) -> Vec<(&'static str, String)> {
        let mut v = vec![
            ("fn", self.function.name().to_owned()),
            ("x", self.point[0].to_string()),
            ("y", self.point[1].to_string()),
        ];
        if let Some(t) = self.direction {
            v.push(("theta", t.to_degrees().to_string()));
        }
        v
    }

    /// The state reported in `data-state`.
    #[must_use]
    pub fn state(&self) -> State {
        let [x, y] = self.point;
        let (f, grad) = self.function.value_and_gradient(x, y);
        let function = self.function;
        let fd_grad = finite_diff::gradient(
            |x, y| function.value(x, y),
            x,
            y,
            FD_STEP,
            finite_diff::Scheme::Central,
        );
        let undefined = self.function.check(x, y).or_else(|| {
            // A typed function defined at the point but not on both sides of it.
            (!(fd_grad[0].is_finite() && fd_grad[1].is_finite())).then(|| {
                format!(
                    "{} is undefined within {FD_STEP} of this point, so the finite-difference estimate has no value",
                    self.function.formula()
                )
            })
        });
        // Where f is undefined, no number stands in for it (not even a dual number's formal
        // derivative, like 1/x for ln at a negative x).
        let (f, grad, fd_grad) = if undefined.is_some() {
            (f64::NAN, [f64::NAN; 2], [f64::NAN; 2])
        } else {
            (f, grad, fd_grad)
        };
        State {
            kind: "contour",
            function: self.function.name(),
            x,
            y,
            f,
            grad,
            norm: grad[0].hypot(grad[1]),
            fd_grad,
            fd_error: (fd_grad[0] - grad[0])
                .abs()
                .max((fd_grad[1] - grad[1]).abs()),
            undefined,
            theta: self.direction,
        }
    }

    /// The gradient arrow in data coordinates, from the point: along ∇f, its length growing
    /// with ‖∇f‖ but saturating at 30% of the region (length = L·g/(g + g_ref), g_ref the
    /// median gradient norm), and shortened to end inside the region. `None` at a critical
    /// point, where there is no direction to draw.
    #[must_use]
    pub fn gradient_arrow(&self) -> Option<[[f64; 2]; 2]> {
        let p = self.point;
        if self.function.check(p[0], p[1]).is_some() {
            return None;
        }
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
        if self.function.check(p[0], p[1]).is_some() {
            return None;
        }
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

    /// The canvas height that makes the plot's x and y scales equal (so right angles look
    /// right) for a canvas `width` device pixels wide.
    #[must_use]
    pub fn height_for_width(&self, width: u32, scale: f64) -> u32 {
        self.plot.height_for_width(width, scale)
    }
}

impl OnContours for ContourFigure {
    fn plot(&self) -> &ContourPlot {
        &self.plot
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        self.function.value(x, y)
    }

    fn draw_moving<B: DrawingBackend>(&self, root: &Root<B>, area: &PlotArea, scale: f64) -> Drawn {
        let to_px = |p: [f64; 2]| {
            let (x, y) = area.to_pixel(p);
            (x.round() as i32, y.round() as i32)
        };
        let point = to_px(self.point);
        // Where the ∇f label went, for u(θ)'s label to keep off.
        let mut taken = None;
        match (self.gradient_arrow(), self.tangent()) {
            (Some([from, to]), Some([t0, t1])) => {
                let tangent = ShapeStyle::from(&style::TANGENT).stroke_width(px(2.0, scale));
                root.draw(&PathElement::new(vec![to_px(t0), to_px(t1)], tangent))?;
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
                ))?;
                draw::arrow(root, a, b, style::GRADIENT, 2.5, scale)?;
                let label = (style::FONT, px(14.0, scale))
                    .into_font()
                    .color(&style::GRADIENT);
                // The label sits just past the tip or, where the tip is near the plot's edge,
                // beside it (never on the arrowhead), else around the tip or the point; never
                // on the point.
                let off = 12.0 * scale;
                let (lw, lh) = (18.0 * scale, 16.0 * scale);
                let pt = area.to_pixel(self.point);
                let mut spots = vec![
                    (b.0 + g.0 * off, b.1 + g.1 * off),
                    (b.0 - g.1 * 1.4 * off, b.1 + g.0 * 1.4 * off),
                    (b.0 + g.1 * 1.4 * off, b.1 - g.0 * 1.4 * off),
                ];
                let towards = (-g.1).atan2(g.0);
                spots.extend(draw::around(b, 1.4 * off, towards));
                spots.extend(draw::around(pt, 2.2 * off, towards + PI / 2.0));
                let (cx, cy) = draw::place_label(
                    &spots,
                    (lw, lh),
                    [area.left + 2.0, area.top + 2.0, area.right, area.bottom],
                    &[(pt, 9.0 * scale), (b, 2.5 * scale)],
                );
                taken = Some(((cx, cy), 12.0 * scale));
                let (lx, ly) = (cx - lw / 2.0, cy - lh / 2.0);
                root.draw(&Text::new(
                    "∇f",
                    (lx.round() as i32, ly.round() as i32),
                    label,
                ))?;
            }
            _ => {
                let ring = ShapeStyle::from(&style::ALERT).stroke_width(px(2.0, scale));
                root.draw(&Circle::new(point, px(12.0, scale), ring))?;
                let label = (style::FONT, px(13.0, scale))
                    .into_font()
                    .color(&style::ALERT);
                let words = if self.function.check(self.point[0], self.point[1]).is_some() {
                    "f is undefined here"
                } else {
                    "∇f = 0: critical point"
                };
                // Up and right of the ring, or up and left where the text would run past the
                // plot's right edge (below where the top is near); inside the plot.
                let (w, h) = (draw::measure(root, words, 13.0, scale), 13.0 * scale);
                let p = (f64::from(point.0), f64::from(point.1));
                let (dx, dy) = (f64::from(px(16.0, scale)), f64::from(px(18.0, scale)));
                let spots = [
                    (p.0 + dx + w / 2.0, p.1 - dy + h / 2.0),
                    (p.0 - dx - w / 2.0, p.1 - dy + h / 2.0),
                    (p.0 + dx + w / 2.0, p.1 + dy - h / 2.0),
                    (p.0 - dx - w / 2.0, p.1 + dy - h / 2.0),
                ];
                let (cx, cy) =
                    draw::place_label(&spots, (w, h), area.inset(2.0), &[(p, 13.0 * scale)]);
                let at = ((cx - w / 2.0).round() as i32, (cy - h / 2.0).round() as i32);
                root.draw(&Text::new(words, at, label))?;
            }
        }
        if let Some(theta) = self.direction {
            // u(θ), a unit direction drawn at a fixed 22% of the plot's width: where the
            // linked sinusoid's dial points.
            let len = 0.22 * (area.right - area.left);
            let a = area.to_pixel(self.point);
            let b = (a.0 + theta.cos() * len, a.1 - theta.sin() * len);
            draw::arrow(root, a, b, style::INK, 2.0, scale)?;
            // Past the tip, else around it, else around the point; inside the plot and off
            // the point.
            let w = draw::measure(root, "u(θ)", 12.5, scale) + 6.0 * scale;
            let h = 12.5 * 1.25 * scale;
            let mut spots = vec![(
                b.0 + theta.cos() * 16.0 * scale,
                b.1 - theta.sin() * 16.0 * scale,
            )];
            spots.extend(draw::around(b, 16.0 * scale + w / 4.0, theta));
            spots.extend(draw::around(a, 28.0 * scale, theta + PI / 2.0));
            let at = draw::place_label(
                &spots,
                (w, h),
                area.inset(2.0),
                &[(a, 9.0 * scale), taken.unwrap_or((a, 0.0))],
            );
            draw::label(root, "u(θ)", at, 12.5, style::INK, scale)?;
        }
        draw::dot(root, point, 7.0, 5.5, style::POINT, scale)
    }
}

/// The `contour` widget: the plot, a menu of functions and a field for one's own, the
/// readouts (f, ∇f, ‖∇f‖ and the finite-difference check) and a note where f is undefined.
#[derive(Clone, Debug)]
pub struct ContourWidget {
    figure: ContourFigure,
    expr: ExprInput,
    /// Bumped when the function changes (the static layer's contents).
    revision: u64,
    /// The menu shows "your own" while the reader types a function.
    choosing_own: bool,
}

/// The menu entry standing for a typed function.
const CUSTOM: &str = "custom";
/// The readouts' ids, in order.
const READOUTS: [&str; 6] = ["xy", "f", "grad", "norm", "fd", "fd-error"];

impl Default for ContourWidget {
    fn default() -> Self {
        Self::new(Config::default())
    }
}

impl ContourWidget {
    /// The widget at `config`.
    #[must_use]
    pub fn new(config: Config) -> Self {
        Self {
            expr: ExprInput::new(config.function),
            figure: ContourFigure::new(config),
            revision: 0,
            choosing_own: false,
        }
    }

    /// Reads `data-fn`, `data-x`, `data-y`.
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        let mut w = Config::from_options(opts).map(Self::new)?;
        if let Some(theta) = options::degrees(opts, "data-theta")? {
            w.figure.direction = Some(link_angle(theta.to_radians().rem_euclid(TAU)));
        }
        Ok(w)
    }

    /// The figure.
    #[must_use]
    pub fn figure(&self) -> &ContourFigure {
        &self.figure
    }

    /// Shows `function` from its default point.
    fn use_function(&mut self, function: Function) {
        let preferred = function.domain().clamp(default_point(function));
        self.show(Config {
            function,
            point: function.defined_near(preferred).unwrap_or(preferred),
        });
    }

    fn show(&mut self, config: Config) {
        self.choosing_own = false;
        self.expr.show(config.function);
        let direction = self.figure.direction;
        self.figure = ContourFigure::new(config);
        self.figure.direction = direction;
        self.revision += 1;
    }
}

/// The menu's value for a function: its name, or "custom" for a typed one.
fn menu_value(f: Function) -> String {
    if f.is_custom() {
        CUSTOM.to_owned()
    } else {
        f.name()
    }
}

impl Widget for ContourWidget {
    fn layout(&self) -> Vec<Part> {
        let mut menu: Vec<(String, String)> = Function::ALL
            .iter()
            .map(|f| (f.name(), format!("{}  ({})", f.formula(), f.name())))
            .collect();
        menu.push((CUSTOM.to_owned(), "your own: type it below".to_owned()));
        vec![
            Part::Canvas(widget::canvas("plot", "Contour plot", Paint::Filled)),
            Part::Row {
                class: "gdviz-controls",
                group: None,
                items: vec![
                    Part::Select {
                        id: "fn",
                        caption: "f(x, y) = ",
                        options: menu,
                    },
                    ExprInput::part(),
                ],
            },
            Part::Readouts(vec![
                (READOUTS[0], "(x, y)", None),
                (READOUTS[1], "f(x, y)", None),
                (READOUTS[2], "∇f", Some("exact, by dual numbers")),
                (READOUTS[3], "‖∇f‖", None),
                (
                    READOUTS[4],
                    "finite difference",
                    Some("central finite difference with h = 1e-5: the check the article recommends for backprop"),
                ),
                (READOUTS[5], "its error", None),
            ]),
            widget::text("note", "gdviz-hint gdviz-undefined", ""),
            Part::Live,
        ]
    }

    fn height(&self, _canvas: usize, width: u32, ratio: f64) -> u32 {
        self.figure.height_for_width(width, ratio)
    }

    fn draw<B: DrawingBackend>(&self, root: &Root<B>, pass: Pass<'_>) -> Drawn<Option<PlotArea>> {
        let Pass {
            layer, fill, ratio, ..
        } = pass;
        self.figure.draw(root, layer, fill, ratio).map(Some)
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

    fn revision(&self, _canvas: usize) -> u64 {
        self.revision
    }

    fn input(&mut self, input: &Input<'_>, _env: &Env<'_>) -> Outcome {
        if let Some(moved) = self.figure.point_input(input) {
            return moved.shared();
        }
        match *input {
            Input::Change("fn", CUSTOM) => {
                self.choosing_own = true;
                Outcome::Focus(model::EXPR)
            }
            Input::Change("fn", name) => match Function::from_name(name) {
                Some(f) => {
                    self.use_function(f);
                    Outcome::Shared
                }
                None => Outcome::Ignored,
            },
            Input::Change(model::EXPR, raw) => match self.expr.read(raw) {
                Some(f) if f != self.figure.function() => {
                    self.use_function(f);
                    Outcome::Shared
                }
                // The message (or its clearing) is all that changed.
                _ => Outcome::Changed,
            },
            _ => Outcome::Ignored,
        }
    }

    fn ui(&self, ui: &mut Ui) {
        let s = self.figure.state();
        let menu = if self.choosing_own {
            CUSTOM.to_owned()
        } else {
            menu_value(self.figure.function())
        };
        ui.value("fn", menu);
        self.expr.ui(ui);
        let texts = if s.undefined.is_some() {
            let none = "undefined here".to_owned();
            [
                pair([s.x, s.y], 3),
                none.clone(),
                none.clone(),
                none,
                "—".to_owned(),
                "—".to_owned(),
            ]
        } else {
            [
                pair([s.x, s.y], 3),
                num(s.f, 4),
                pair(s.grad, 3),
                num(s.norm, 4),
                format!("({}, {})", sig(s.fd_grad[0], 7), sig(s.fd_grad[1], 7)),
                sci(s.fd_error, 2),
            ]
        };
        for (id, text) in READOUTS.into_iter().zip(texts) {
            ui.text(id, text);
        }
        ui.hidden("note", s.undefined.is_none()).text(
            "note",
            s.undefined.clone().map_or_else(String::new, |why| {
                format!("At this point {why}: drag to where it is defined.")
            }),
        );
        let formula = self.figure.function().formula();
        let at = pair([s.x, s.y], 2);
        ui.label(
            "plot",
            if let Some(why) = &s.undefined {
                format!("Level curves of f(x, y) = {formula}; at the point {at} {why}.")
            } else if s.norm == 0.0 {
                format!("Level curves of f(x, y) = {formula} with the point {at} at a critical point: the gradient is zero, so no direction is steepest.")
            } else {
                format!(
                    "Level curves of f(x, y) = {formula} with the point {at}; f = {}; the gradient {} points at {}° and is perpendicular to the level curve.{}",
                    num(s.f, 3),
                    pair(s.grad, 2),
                    num(s.grad[1].atan2(s.grad[0]).to_degrees(), 1),
                    s.theta.map_or_else(String::new, |t| format!(" The direction u(θ) points at {}°.", num(t.to_degrees(), 1)))
                )
            },
        );
        ui.live(match &s.undefined {
            Some(why) => format!("Point {at}: {why}."),
            None => format!(
                "Point {at}, f {}, gradient {}, norm {}.",
                num(s.f, 3),
                pair(s.grad, 2),
                num(s.norm, 3)
            ),
        });
        ui.state(&s);
    }

    fn url_options(&self) -> Vec<(&'static str, String)> {
        self.figure.url_options()
    }

    fn shared(&self) -> Option<Shared> {
        Some(Shared::Point(Config {
            function: self.figure.function(),
            point: self.figure.point(),
        }))
    }

    fn receive(&mut self, shared: &Shared) -> bool {
        match shared {
            Shared::Point(c) if c.function != self.figure.function() => self.show(c.clone()),
            Shared::Point(c) => {
                self.figure.set_point(c.point);
            }
            Shared::Direction(t) => self.figure.direction = Some(*t),
            _ => {}
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::options::OptionErrorKind;
    use crate::figures::Layer;

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
            (s.kind, s.function.as_str(), s.x, s.y, s.f, s.grad, s.norm),
            ("contour", "bowl", 3.0, 4.0, 25.0, [6.0, 8.0], 10.0)
        );
        // The central difference of a quadratic is exact but for rounding: ((3+h)² − (3−h)²)/2h = 6.
        assert!(s.fd_error < 1e-8, "{}", s.fd_error);
        assert!((s.fd_grad[0] - 6.0).abs() < 1e-8 && (s.fd_grad[1] - 8.0).abs() < 1e-8);
        assert_eq!(s.undefined, None);
        let json = crate::figures::json::to_string(&s);
        assert!(
            json.starts_with(r#"{"kind":"contour","fn":"bowl","x":3.0,"y":4.0,"f":25.0,"grad":[6.0,8.0],"norm":10.0,"fd_grad":["#),
            "{json}"
        );
        assert!(!json.contains("undefined"));
    }

    #[test]
    fn a_typed_function_has_exact_gradients_and_says_where_it_is_undefined() {
        let c = Config::from_options(
            &[
                ("data-fn", "x^2 * y + sin(y)"),
                ("data-x", "1.5"),
                ("data-y", "-2"),
            ][..],
        )
        .unwrap();
        let s = ContourFigure::new(c).state();
        assert_eq!(s.function, "x^2 * y + sin(y)");
        // By hand: f_x = 2xy = −6, f_y = x² + cos y = 2.25 + cos(−2).
        assert_eq!(s.grad[0], -6.0);
        assert!((s.grad[1] - (2.25 + (-2.0f64).cos())).abs() < 1e-15);
        assert!(s.fd_error > 0.0 && s.fd_error < 1e-8, "{}", s.fd_error);
        let c = Config::from_options(
            &[("data-fn", "ln(x) + y"), ("data-x", "-2"), ("data-y", "0")][..],
        )
        .unwrap();
        let s = ContourFigure::new(c).state();
        assert!(
            s.undefined
                .as_deref()
                .unwrap()
                .contains("the logarithm of -2"),
            "{:?}",
            s.undefined
        );
        let json = crate::figures::json::to_string(&s);
        assert!(
            json.contains(r#""f":null"#)
                && json.contains(r#""grad":[null,null]"#)
                && json.contains(r#""undefined":"ln(x) is undefined here: the logarithm of -2""#),
            "{json}"
        );
        // Bad text is explained with its position; a lone unknown word lists the names.
        let e = Config::from_options(&[("data-fn", "x^")][..])
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(r#"data-fn="x^" is not a function of x and y: at character 3"#),
            "{e}"
        );
        let e = Config::from_options(&[("data-fn", "banana")][..])
            .unwrap_err()
            .to_string();
        assert!(e.contains("is not a known function"), "{e}");
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
        fig.set_point([3.0, 4.0]);
        for _ in 0..10 {
            fig.key("ArrowDown", false);
        }
        assert_eq!(fig.point(), [3.0, 3.0], "key moves stay on the grid");
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
