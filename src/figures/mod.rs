//! Figures: one file per widget. Each holds the widget's state, says what an input event
//! means (pure functions of pixel positions and keys, testable natively) and draws itself
//! through plotters, generic over the `DrawingBackend` — an HTML canvas in the browser, SVG
//! in the native snapshot tests and static exports.

pub mod contour;
pub mod contour_plot;
pub mod cost;
pub mod descent1d;
pub mod draw;
pub mod format;
pub mod loss_slice;
pub mod minibatch;
pub mod mlp;
pub mod norms;
pub mod options;
pub mod plot_area;
pub mod point;
pub mod sinusoid;
pub mod style;
pub mod surface;
pub mod target;
pub mod training;
pub mod trajectory;

pub use options::{OptionError, OptionErrorKind, Options};
pub use plot_area::PlotArea;
pub use target::{Plain, Target};

use plotters::coord::Shift;
use plotters::prelude::*;

/// Every widget kind, by the name authors write in `data-gdviz="…"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Gradient descent on a curve: tangent, step, trail.
    Descent1d,
    /// The bowl x² + y² in 3-D with its two slice curves through a point.
    Bowl,
    /// The gradient drawn in the input plane, against the "uphill on the surface" picture.
    InputPlane,
    /// The contour plot with a draggable point and its gradient.
    Contour,
    /// The directional derivative as the direction turns, with a direction dial.
    Sinusoid,
    /// The steepest unit step under L2, L1 and L∞.
    Norms,
    /// The tiny 1→3→1 network of the worked example, stepped by SGD.
    Mlp,
    /// The loss over two output weights, with the last SGD step drawn on it.
    LossSlice,
    /// Finite differences against backpropagation: counts, timings, error against h.
    Cost,
    /// Four optimizers' paths down a surface from one start, with their losses.
    Trajectory,
    /// Mini-batch gradients against the full batch on a line fit.
    Minibatch,
}

impl Kind {
    /// Every kind, in the article's order.
    pub const ALL: [Kind; 11] = [
        Kind::Descent1d,
        Kind::Bowl,
        Kind::Contour,
        Kind::Sinusoid,
        Kind::Norms,
        Kind::InputPlane,
        Kind::Mlp,
        Kind::LossSlice,
        Kind::Cost,
        Kind::Trajectory,
        Kind::Minibatch,
    ];

    /// The name used in `data-gdviz` and in `data-state`'s `kind`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Descent1d => "descent-1d",
            Kind::Bowl => "bowl",
            Kind::InputPlane => "input-plane",
            Kind::Contour => "contour",
            Kind::Sinusoid => "sinusoid",
            Kind::Norms => "norms",
            Kind::Mlp => "mlp",
            Kind::LossSlice => "loss-slice",
            Kind::Cost => "cost",
            Kind::Trajectory => "trajectory",
            Kind::Minibatch => "minibatch",
        }
    }

    /// Looks a kind up by name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// Which part of a figure to draw: the static layer is drawn once per size and function and
/// reused while the reader drags; the overlay is what moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// Axes, heat-map fill and level lines.
    Background,
    /// The point, its gradient, the tangent.
    Overlay,
    /// Both, in one pass (static exports).
    All,
}

/// A failure to draw, with the backend's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawError(pub String);

impl std::fmt::Display for DrawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "drawing failed: {}", self.0)
    }
}

impl std::error::Error for DrawError {}

pub(crate) fn draw_err<E: std::fmt::Debug>(e: E) -> DrawError {
    DrawError(format!("{e:?}"))
}

/// Renders a figure of `kind` at its default state as an SVG document `width` px wide.
///
/// # Errors
/// If plotters fails to draw.
pub fn render_default_svg(kind: Kind, width: u32) -> Result<String, DrawError> {
    match kind {
        Kind::Contour => contour::ContourFigure::new(contour::Config::default()).svg(width),
        Kind::Sinusoid => sinusoid::SinusoidFigure::article().svg(width),
        Kind::Descent1d => {
            // Two steps in, so the still picture shows the trail.
            let mut d =
                descent1d::Descent1d::new(crate::math::functions::Function1d::Parabola, 2.0, 0.3);
            d.step();
            d.step();
            d.svg(width)
        }
        Kind::Bowl => surface::SurfaceFigure::new(surface::Mode::Slices).svg(width),
        Kind::InputPlane => surface::SurfaceFigure::new(surface::Mode::InputPlane).svg(width),
        Kind::Norms => norms::NormsFigure::default().svg(width),
        Kind::Mlp => mlp::svg(
            &training::TrainingRun::new(training::RunConfig::default()),
            mlp::View::Forward,
            width,
        ),
        Kind::LossSlice => {
            // The article's picture: the slice after the worked example's one step.
            let mut run = training::TrainingRun::new(training::RunConfig::default());
            run.step();
            loss_slice::LossSlice::new(&run).svg(width)
        }
        Kind::Cost => cost::CostFigure::new(5).svg(width),
        Kind::Trajectory => {
            // The default race on the narrow valley, 40 iterations in.
            let mut t = trajectory::TrajectoryFigure::new(trajectory::Config::default());
            for _ in 0..40 {
                t.step();
            }
            t.svg(width)
        }
        Kind::Minibatch => {
            // The default data and batch, resampled 40 times: the cloud around ∇L.
            let mut m = minibatch::MinibatchFigure::new(minibatch::Config::default());
            for _ in 0..40 {
                m.resample();
            }
            m.svg(width)
        }
    }
}

/// Renders a figure of `kind` as its widget opens with the options `opts` (`data-*` names,
/// as on the element or in a shared link), built by the same constructors the widget uses;
/// an SVG document `width` px wide. `linked` draws `norms` as a member of a `data-group`
/// whose shared point is given by `opts` (`data-fn`, `data-x`, `data-y`), as the demo page
/// links it to the contour plot.
///
/// # Errors
/// The first unusable option, or a failure to draw.
pub fn render_svg_from_options(
    kind: Kind,
    opts: &(impl Options + ?Sized),
    linked: bool,
    width: u32,
) -> Result<String, String> {
    let drawn = |r: Result<String, DrawError>| r.map_err(|e| e.to_string());
    let opt = |e: OptionError| e.to_string();
    options::theme(opts).map_err(opt)?;
    match kind {
        Kind::Contour => drawn(
            contour::ContourFigure::new(contour::Config::from_options(opts).map_err(opt)?)
                .svg(width),
        ),
        Kind::Sinusoid => drawn(
            sinusoid::SinusoidFigure::from_options(opts)
                .map_err(opt)?
                .svg(width),
        ),
        Kind::Descent1d => drawn(
            descent1d::Descent1d::from_options(opts)
                .map_err(opt)?
                .svg(width),
        ),
        Kind::Bowl | Kind::InputPlane => {
            let mode = if kind == Kind::Bowl {
                surface::Mode::Slices
            } else {
                surface::Mode::InputPlane
            };
            drawn(
                surface::SurfaceFigure::from_options(mode, opts)
                    .map_err(opt)?
                    .svg(width),
            )
        }
        Kind::Norms if linked => {
            let point = contour::Config::from_options(opts).map_err(opt)?;
            let mut fig = norms::NormsFigure::default();
            let [x, y] = point.point;
            if point.function.check(x, y).is_none() {
                fig.set_grad(point.function.gradient(x, y));
            }
            drawn(fig.svg(width))
        }
        Kind::Norms => drawn(
            norms::NormsFigure::from_options(opts)
                .map_err(opt)?
                .svg(width),
        ),
        Kind::Mlp => {
            let run =
                training::TrainingRun::new(training::RunConfig::from_options(opts).map_err(opt)?);
            let view = mlp::view_option(opts).map_err(opt)?;
            drawn(mlp::svg(&run, view, width))
        }
        Kind::LossSlice => {
            let mut run =
                training::TrainingRun::new(training::RunConfig::from_options(opts).map_err(opt)?);
            if let Some(held) = loss_slice::held_option(opts).map_err(opt)? {
                run.slice_at = held;
            }
            drawn(loss_slice::LossSlice::new(&run).svg(width))
        }
        Kind::Cost => drawn(
            cost::CostFigure::from_options(opts)
                .map_err(opt)?
                .svg(width),
        ),
        Kind::Trajectory => drawn(
            trajectory::TrajectoryFigure::new(trajectory::Config::from_options(opts).map_err(opt)?)
                .svg(width),
        ),
        Kind::Minibatch => drawn(
            minibatch::MinibatchFigure::new(minibatch::Config::from_options(opts).map_err(opt)?)
                .svg(width),
        ),
    }
}

/// An SVG of two panels stacked, `top` and `bottom` pixels tall, each drawn by its closure,
/// through a [`Target`] whose screen backend is `S`.
///
/// # Errors
/// If a panel fails to draw.
pub fn render_svg_stacked<S: DrawingBackend>(
    width: u32,
    (top, bottom): (u32, u32),
    draw_top: impl FnOnce(&DrawingArea<Target<'_, S>, Shift>) -> Result<(), DrawError>,
    draw_bottom: impl FnOnce(&DrawingArea<Target<'_, S>, Shift>) -> Result<(), DrawError>,
) -> Result<String, DrawError> {
    render_svg_for::<S>(
        width,
        |_| top + bottom,
        |root| {
            let (a, b) = root.split_vertically(top);
            draw_top(&a)?;
            draw_bottom(&b)
        },
    )
}

/// Draws into an SVG string of the given width, the height chosen by `height_for_width`.
///
/// # Errors
/// If `draw` fails.
pub fn render_svg(
    width: u32,
    height_for_width: impl Fn(u32) -> u32,
    draw: impl FnOnce(&DrawingArea<Target<'_, Plain>, Shift>) -> Result<(), DrawError>,
) -> Result<String, DrawError> {
    render_svg_for::<Plain>(width, height_for_width, draw)
}

/// [`render_svg`] through a [`Target`] whose screen backend is `S`: the browser passes its
/// canvas backend, so a figure's drawing code serves the screen and the SVG export alike.
///
/// # Errors
/// If `draw` fails.
pub fn render_svg_for<S: DrawingBackend>(
    width: u32,
    height_for_width: impl Fn(u32) -> u32,
    draw: impl FnOnce(&DrawingArea<Target<'_, S>, Shift>) -> Result<(), DrawError>,
) -> Result<String, DrawError> {
    let mut out = String::new();
    {
        let svg = SVGBackend::with_string(&mut out, (width, height_for_width(width)));
        let root = Target::<S>::Svg(svg).into_drawing_area();
        draw(&root)?;
        root.present().map_err(draw_err)?;
    }
    Ok(out)
}
