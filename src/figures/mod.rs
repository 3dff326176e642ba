//! Figures: one file per widget. Each holds the widget's state, says what an input event
//! means (pure functions of pixel positions and keys, testable natively) and draws itself
//! through plotters, generic over the `DrawingBackend` — an HTML canvas in the browser, SVG
//! in the native snapshot tests and static exports.

// A kind's own module compiles with its cargo feature (Cargo.toml, `[features]`); the
// modules they share (plots, state shared by a data-group, formatting) always do.
#[cfg(feature = "contour")]
pub mod contour;
pub mod contour_plot;
#[cfg(feature = "cost")]
pub mod cost;
pub mod damage;
#[cfg(feature = "descent-1d")]
pub mod descent1d;
pub mod draw;
pub mod format;
pub mod json;
#[cfg(feature = "landscape")]
pub mod landscape;
pub mod loss_chart;
#[cfg(feature = "loss-slice")]
pub mod loss_slice;
#[cfg(feature = "minibatch")]
pub mod minibatch;
#[cfg(feature = "mlp")]
pub mod mlp;
pub mod model;
#[cfg(feature = "momentum-map")]
pub mod momentum_map;
pub mod motion;
#[cfg(feature = "norms")]
pub mod norms;
pub mod options;
pub mod placeholder;
pub mod plot_area;
pub mod point;
pub mod race;
#[cfg(feature = "regularization")]
pub mod regularization;
pub mod rhythm;
#[cfg(feature = "sinusoid")]
pub mod sinusoid;
pub mod style;
#[cfg(any(feature = "bowl", feature = "input-plane", feature = "landscape"))]
pub mod surface;
pub mod target;
pub mod training;
#[cfg(feature = "trajectory")]
pub mod trajectory;
pub mod widget;

pub use options::{OptionError, OptionErrorKind, Options};
pub use plot_area::PlotArea;
pub use target::{Plain, Target};
pub use widget::{Figure, Widget};

use plotters::coord::Shift;
use plotters::prelude::*;

/// The registry: one line per widget kind — its `Kind` variant, the name authors write in
/// `data-gdviz="…"` (and `data-state`'s `kind`), its [`Widget`] type, the constructor from
/// options, and the state its still picture (the `<noscript>` SVG) shows. Mounting, the URL
/// layer, `render-figures`, the fuzz target and the snapshot test all go through it. A kind
/// is there only with its cargo feature, named as the kind.
macro_rules! kinds {
    ($( $(#[$doc:meta])* $variant:ident $name:literal $ty:ty = $new:expr, $article:expr; )*) => {
        /// Every widget kind, by the name authors write in `data-gdviz="…"`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Kind {
            $( $(#[$doc])* #[cfg(feature = $name)] $variant, )*
        }

        /// Every kind's name, whether or not this build has it (a module built with some
        /// families only leaves the others' figures to another module: see [`Kind::foreign`]).
        pub const KIND_NAMES: &[&str] = &[$( $name, )*];

        impl Kind {
            /// Every kind, in the article's order.
            pub const ALL: [Kind; {
                #[allow(unused_mut)] // a build without any kind (the web layer alone)
                let mut n = 0;
                $( #[cfg(feature = $name)] { n += 1; } )*
                n
            }] = [$( #[cfg(feature = $name)] Kind::$variant, )*];

            /// The name used in `data-gdviz` and in `data-state`'s `kind`.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $( #[cfg(feature = $name)] Kind::$variant => $name, )*
                }
            }

            /// The widget of this kind built from `opts` (`data-*` names), seen through the
            /// screen backend `S`.
            ///
            /// # Errors
            /// The first unusable option.
            pub fn build<S: DrawingBackend + 'static>(
                self,
                opts: &dyn Options,
            ) -> Result<Box<dyn Figure<S>>, OptionError> {
                let _ = opts; // unused in a build without any kind
                match self {
                    $( #[cfg(feature = $name)] Kind::$variant => {
                        let widget: $ty = $new(opts)?;
                        Ok(Box::new(widget))
                    } )*
                }
            }

            /// The widget of this kind in the state its still picture shows.
            #[must_use]
            pub fn article<S: DrawingBackend + 'static>(self) -> Box<dyn Figure<S>> {
                match self {
                    $( #[cfg(feature = $name)] Kind::$variant => {
                        let article: fn() -> $ty = $article;
                        Box::new(article())
                    } )*
                }
            }
        }
    };
}

kinds! {
    /// Gradient descent on a curve: tangent, step, trail.
    Descent1d "descent-1d" descent1d::Descent1dWidget = descent1d::Descent1dWidget::from_options, descent1d::Descent1dWidget::article;
    /// The bowl x² + y² in 3-D with its two slice curves through a point.
    Bowl "bowl" surface::SurfaceWidget = surface::SurfaceWidget::slices, || surface::SurfaceWidget::new(surface::Mode::Slices);
    /// The contour plot with a draggable point and its gradient.
    Contour "contour" contour::ContourWidget = contour::ContourWidget::from_options, contour::ContourWidget::default;
    /// The directional derivative as the direction turns, with a direction dial.
    Sinusoid "sinusoid" sinusoid::SinusoidWidget = sinusoid::SinusoidWidget::from_options, sinusoid::SinusoidWidget::article;
    /// The steepest unit step under L2, L1 and L∞.
    Norms "norms" norms::NormsWidget = norms::NormsWidget::from_options, norms::NormsWidget::default;
    /// L1 against L2 regularization: the diamond's corner gives a weight exactly zero.
    Regularization "regularization" regularization::RegularizationWidget = regularization::RegularizationWidget::from_options, regularization::RegularizationWidget::article;
    /// The gradient drawn in the input plane, against the "uphill on the surface" picture.
    InputPlane "input-plane" surface::SurfaceWidget = surface::SurfaceWidget::input_plane, || surface::SurfaceWidget::new(surface::Mode::InputPlane);
    /// The tiny 1→3→1 network of the worked example, stepped by SGD.
    Mlp "mlp" mlp::MlpWidget = mlp::MlpWidget::from_options, mlp::MlpWidget::default;
    /// The loss over two output weights, with the last SGD step drawn on it.
    LossSlice "loss-slice" loss_slice::LossSliceWidget = loss_slice::LossSliceWidget::from_options, loss_slice::LossSliceWidget::article;
    /// Finite differences against backpropagation: counts, timings, error against h.
    Cost "cost" cost::CostWidget = cost::CostWidget::from_options, cost::CostWidget::default;
    /// Four optimizers' paths down a surface from one start, with their losses.
    Trajectory "trajectory" trajectory::TrajectoryWidget = trajectory::TrajectoryWidget::from_options, trajectory::TrajectoryWidget::article;
    /// The optimizer race on the 3-D surface, turned by dragging.
    Landscape "landscape" landscape::LandscapeWidget = landscape::LandscapeWidget::from_options, landscape::LandscapeWidget::article;
    /// Heavy-ball momentum's convergence rate over (η, β) on ½(x² + κy²), with the optimum.
    MomentumMap "momentum-map" momentum_map::MomentumMapWidget = momentum_map::MomentumMapWidget::from_options, momentum_map::MomentumMapWidget::article;
    /// Mini-batch gradients against the full batch on a line fit.
    Minibatch "minibatch" minibatch::MinibatchWidget = minibatch::MinibatchWidget::from_options, minibatch::MinibatchWidget::article;
}

impl Kind {
    /// Looks a kind up by name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// True if `name` is a gdviz kind this build does not have: a module of some families
    /// only (cargo features) leaves such a figure alone, for the module the loader fetches
    /// for its family. A name that is no kind at all is not foreign: every build says so in
    /// the figure.
    #[must_use]
    pub fn foreign(name: &str) -> bool {
        KIND_NAMES.contains(&name) && Self::from_name(name).is_none()
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
    /// Both, in one pass (static exports), with the whole trail between them.
    All,
    /// What a run has accumulated (paths, loss lines, resample tips), from item `from` on:
    /// drawn over the static layer onto a layer of its own as the run grows, so a frame draws
    /// only what is new (see [`widget::Trail`]). A figure is asked for it only on canvases
    /// whose [`Widget::trail`](widget::Widget::trail) says they have one.
    Trail(usize),
    /// Only the heat map of a [`Paint::Filled`](widget::Paint::Filled) canvas, through its
    /// [`Fill::External`](contour_plot::Fill::External): the chart is laid out and nothing
    /// else is drawn. The web host computes a figure's first fill this way in a task of its
    /// own, ahead of the static layer that shows it (issue 18: no long tasks). Asked for only
    /// on [`Paint::Filled`](widget::Paint::Filled) canvases: on others a figure may draw what
    /// it draws for any layer but the overlay.
    Fill,
}

/// A number no run on the page has had: a growing run (optimizer paths, a training history)
/// takes a new one whenever it starts again, so what is drawn of it can be kept and added to
/// while its number holds (see [`widget::Trail`]).
pub fn new_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Layer {
    /// The trail's first item to draw in this pass: 0 for [`Layer::All`], `from` for
    /// [`Layer::Trail`], none for the static layer and the overlay.
    #[must_use]
    pub fn trail_from(self) -> Option<usize> {
        match self {
            Self::All => Some(0),
            Self::Trail(from) => Some(from),
            Self::Background | Self::Overlay | Self::Fill => None,
        }
    }
}

/// A drawing area: a whole canvas (or SVG document), or a part of one.
pub type Root<DB> = DrawingArea<DB, Shift>;

/// What a drawing function returns: `T` (nothing, or the plot's pixel↔data mapping) or why
/// plotters failed.
pub type Drawn<T = ()> = Result<T, DrawError>;

/// A failure to draw, with the backend's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawError(pub String);

impl std::fmt::Display for DrawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "drawing failed: {}", self.0)
    }
}

impl std::error::Error for DrawError {}

/// plotters' errors become a [`DrawError`] with their message (their `Display`: a `Debug`
/// form would print the backend's message through `str`'s escaping, and its code, into every
/// module), so `?` converts them.
impl<E: std::error::Error + Send + Sync> From<plotters::drawing::DrawingAreaErrorKind<E>>
    for DrawError
{
    fn from(e: plotters::drawing::DrawingAreaErrorKind<E>) -> Self {
        DrawError(e.to_string())
    }
}

/// Renders a figure of `kind` at its default state as an SVG document `width` px wide.
///
/// # Errors
/// If plotters fails to draw.
pub fn render_default_svg(kind: Kind, width: u32) -> Result<String, DrawError> {
    kind.article::<Plain>().svg(width)
}

/// Renders a figure of `kind` as its widget opens with the options `opts` (`data-*` names,
/// as on the element or in a shared link), built by the same constructors the widget uses;
/// an SVG document `width` px wide. `linked` draws the widget as a member of a `data-group`
/// whose shared point is given by `opts` (`data-fn`, `data-x`, `data-y`), as the demo page
/// links `norms` to the contour plot.
///
/// # Errors
/// The first unusable option, or a failure to draw.
pub fn render_svg_from_options(
    kind: Kind,
    opts: &dyn Options,
    linked: bool,
    width: u32,
) -> Result<String, String> {
    let opt = |e: OptionError| e.to_string();
    options::theme(opts).map_err(opt)?;
    let mut figure = kind.build::<Plain>(opts).map_err(opt)?;
    if linked {
        let point = model::Config::from_options(opts).map_err(opt)?;
        figure.join(&[model::Shared::Point(point)]);
    }
    figure.svg(width).map_err(|e| e.to_string())
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
        root.present()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::target::TargetError;
    use super::DrawError;
    use plotters::drawing::DrawingAreaErrorKind;
    use plotters_backend::DrawingErrorKind;

    #[test]
    fn a_drawing_error_reads_as_the_backends_message() {
        let e: DrawError = DrawingAreaErrorKind::BackendError(DrawingErrorKind::DrawingError(
            TargetError("the canvas has no 2-D context".into()),
        ))
        .into();
        // plotters-0.3.7/src/drawing/area.rs and plotters-backend's lib.rs word the two layers.
        assert_eq!(
            e.0,
            "backend error: Drawing backend error: the canvas has no 2-D context"
        );
    }
}
