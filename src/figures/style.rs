//! Colours, fonts and line widths shared by the figures. Sizes are in CSS pixels and scaled
//! by the device pixel ratio, so figures stay crisp and equally legible on any screen.

use super::DrawError;
use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::AsRangedCoord;
use plotters::coord::ranged1d::Ranged;
use plotters::coord::Shift;
use plotters::prelude::{
    Cartesian2d, ChartBuilder, ChartContext, DrawingArea, DrawingBackend, IntoFont, TextStyle,
};
use plotters::style::{Color, RGBColor, WHITE};

/// Text and axes.
pub const INK: RGBColor = RGBColor(0x22, 0x26, 0x2e);
/// Secondary text.
pub const MUTED: RGBColor = RGBColor(0x5b, 0x63, 0x70);
/// Level lines.
pub const LEVEL: RGBColor = RGBColor(0x3d, 0x4a, 0x6b);
/// The gradient arrow (green, as in the article's figures).
pub const GRADIENT: RGBColor = RGBColor(0x0f, 0x8a, 0x3c);
/// The draggable point (orange).
pub const POINT: RGBColor = RGBColor(0xe0, 0x6c, 0x00);
/// The level curve's tangent.
pub const TANGENT: RGBColor = RGBColor(0x1f, 0x5f, 0xbf);
/// Critical-point marker.
pub const ALERT: RGBColor = RGBColor(0xc0, 0x1c, 0x28);
/// Orange for f_x cos θ, as in the article (the sinusoid and the bowl's slices).
pub const X_PART: RGBColor = RGBColor(0xe0, 0x6c, 0x00);
/// Blue for f_y sin θ.
pub const Y_PART: RGBColor = RGBColor(0x1f, 0x5f, 0xbf);

/// Font family for every label.
pub const FONT: &str = "sans-serif";

/// A size in CSS pixels scaled to device pixels (at least 1).
#[must_use]
pub fn px(css: f64, scale: f64) -> u32 {
    (css * scale).round().max(1.0) as u32
}

/// A 2-D chart over the ranges of types `X` and `Y`.
pub type Chart<'a, DB, X, Y> = ChartContext<
    'a,
    DB,
    Cartesian2d<<X as AsRangedCoord>::CoordDescType, <Y as AsRangedCoord>::CoordDescType>,
>;

/// The charts' grid on `mesh`: lines at the labelled values only, in [`LEVEL`] at `alpha`.
/// No minor grid: plotters draws one by default (up to ten lines per division), which these
/// charts had drawn white on their white background, a hundred invisible strokes each time the
/// axes were drawn and as many `<line>`s in an SVG. The minor lines stay white for the one
/// that plotters' log coordinates still give when asked for none.
pub fn grid<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    alpha: f64,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.light_line_style(WHITE)
        .max_light_lines(0)
        .bold_line_style(LEVEL.mix(alpha))
}

/// The labels' font: `size` CSS pixels, in ink.
#[must_use]
pub fn font(size: f64, scale: f64) -> TextStyle<'static> {
    (FONT, px(size, scale)).into_font().color(&INK)
}

/// A 2-D chart on `root` over the ranges `x` and `y`. `frame` is, in CSS pixels: the margin
/// on every side, the top and right margins where they differ (0: the same), and the bands
/// for the x and y labels.
///
/// # Errors
/// If plotters cannot lay the chart out.
pub fn chart<'a, DB: DrawingBackend, X: AsRangedCoord, Y: AsRangedCoord>(
    root: &'a DrawingArea<DB, Shift>,
    scale: f64,
    [margin, top, right, x_labels, y_labels]: [f64; 5],
    (x, y): (X, Y),
) -> Result<Chart<'a, DB, X, Y>, DrawError> {
    let mut b = ChartBuilder::on(root);
    b.margin(px(margin, scale));
    if top > 0.0 {
        b.margin_top(px(top, scale));
    }
    if right > 0.0 {
        b.margin_right(px(right, scale));
    }
    b.x_label_area_size(px(x_labels, scale))
        .y_label_area_size(px(y_labels, scale));
    b.build_cartesian_2d(x, y).map_err(DrawError::from)
}

/// Fill colour for a position `t` ∈ [0, 1] along the levels (low → high): a pale
/// blue-to-sand ramp, light enough for dark lines and labels on top.
#[must_use]
pub fn ramp(t: f64) -> [u8; 3] {
    const STOPS: [[f64; 3]; 5] = [
        [205.0, 226.0, 244.0],
        [216.0, 236.0, 231.0],
        [236.0, 242.0, 214.0],
        [248.0, 232.0, 200.0],
        [246.0, 214.0, 196.0],
    ];
    between(&STOPS, t)
}

/// Heat-map colour for `t` ∈ [0, 1] (low → high): viridis, sampled at five stops, from deep
/// violet through teal to yellow. Perceptually even and readable without colour vision, for
/// maps where the colour is the quantity (not a light backdrop under level lines, as
/// [`ramp`]); markers drawn on it use white halos or outlines.
#[must_use]
pub fn heat(t: f64) -> [u8; 3] {
    const STOPS: [[f64; 3]; 5] = [
        [68.0, 1.0, 84.0],
        [59.0, 82.0, 139.0],
        [33.0, 145.0, 140.0],
        [94.0, 201.0, 98.0],
        [253.0, 231.0, 37.0],
    ];
    between(&STOPS, t)
}

/// The colour at `t` ∈ [0, 1] (clamped; NaN is 0) along evenly spaced `stops`, interpolated
/// linearly.
fn between(stops: &[[f64; 3]], t: f64) -> [u8; 3] {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let pos = t * (stops.len() - 1) as f64;
    let i = (pos.floor() as usize).min(stops.len() - 2);
    let f = pos - i as f64;
    let mut out = [0u8; 3];
    for (k, o) in out.iter_mut().enumerate() {
        *o = (stops[i][k] + (stops[i + 1][k] - stops[i][k]) * f).round() as u8;
    }
    out
}
