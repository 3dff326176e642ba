//! How tall each kind's widget will be before its module arrives, so a page does not jump
//! when it mounts (no layout shift). The stylesheet (`www/gdviz.css`) sizes every unmounted
//! element from rules this module generates (`tests/placeholders.rs` checks the committed
//! rules match), before any script runs: the canvases' height comes from the figures' own
//! [`Widget::height`](super::Widget::height) at their default options, the rest (toolbars,
//! readouts, tables) from [`CHROME`], the stylesheet's rows measured at each width.

use super::{Kind, Plain};

/// The gap between side-by-side panels (`.gdviz-panels` in `gdviz.css`), in CSS px.
const PANEL_GAP: f64 = 16.0;

/// The widths the table covers, in CSS px: narrower or wider elements take the nearest end's
/// line.
pub const WIDTHS: (u32, u32) = (240, 1400);

/// Everything in a widget's card that is not a canvas, in CSS px, by the card's content width
/// in CSS px (from that width on), measured in Chromium at each kind's default options (the
/// stylesheet's rows: toolbars, sliders, readouts, tables, the padding). Text wraps at other
/// widths in other engines' fonts, so `tests/e2e/placeholder.test.mjs` checks the total in
/// each engine the suite runs.
#[rustfmt::skip]
pub const CHROME: &[(Kind, &[(u32, f64)])] = &[
    #[cfg(feature = "descent-1d")]
    (Kind::Descent1d, &[(0, 157.50), (440, 106.00)]),
    #[cfg(feature = "bowl")]
    (Kind::Bowl, &[(0, 138.97), (290, 118.67), (430, 98.38), (830, 78.08)]),
    #[cfg(feature = "contour")]
    (Kind::Contour, &[(0, 369.06), (405, 347.31), (410, 327.02)]),
    #[cfg(feature = "sinusoid")]
    (Kind::Sinusoid, &[(0, 355.14), (250, 334.84), (300, 314.55), (375, 294.25), (410, 273.95), (480, 253.66), (725, 233.36)]),
    #[cfg(feature = "norms")]
    (Kind::Norms, &[(0, 138.97), (285, 118.67), (425, 98.38), (835, 78.08)]),
    #[cfg(feature = "regularization")]
    (Kind::Regularization, &[(0, 513.00), (260, 492.70), (265, 470.95), (295, 450.66), (310, 428.91), (330, 408.61), (360, 357.11), (385, 336.81), (420, 315.06), (460, 294.77), (580, 274.47), (620, 252.72), (745, 232.42), (1145, 212.13), (1195, 190.38)]),
    #[cfg(feature = "input-plane")]
    (Kind::InputPlane, &[(0, 138.97), (290, 118.67), (430, 98.38), (830, 78.08)]),
    #[cfg(feature = "mlp")]
    (Kind::Mlp, &[(0, 3063.06), (250, 3042.77), (260, 2969.52), (265, 2673.95), (275, 2592.77), (285, 2531.88), (290, 2511.58), (295, 2491.28), (300, 2450.69), (315, 2410.09), (330, 2389.80), (340, 2369.50), (350, 2328.91), (355, 2308.61), (360, 2247.72), (365, 2207.12), (375, 2104.19), (390, 1956.41), (395, 1936.11), (400, 1895.52), (410, 1875.22), (435, 1854.92), (445, 1834.62), (450, 1773.73), (460, 1722.23), (495, 1701.94), (635, 1628.05), (730, 1606.30), (1130, 1532.41)]),
    #[cfg(feature = "loss-slice")]
    (Kind::LossSlice, &[(0, 303.50), (260, 252.00), (295, 230.25), (440, 208.50), (505, 157.00), (840, 135.25)]),
    #[cfg(feature = "cost")]
    (Kind::Cost, &[(0, 420.69), (275, 400.39), (300, 380.09), (480, 328.59)]),
    #[cfg(feature = "trajectory")]
    (Kind::Trajectory, &[(0, 1354.53), (265, 1175.55), (275, 1134.95), (310, 1092.91), (320, 1072.61), (345, 1021.11), (365, 969.61), (385, 949.31), (390, 895.72), (410, 875.42), (445, 823.92), (460, 772.42), (465, 750.67), (475, 730.38), (505, 710.08), (510, 730.38), (625, 710.08), (635, 604.98), (680, 553.48), (755, 533.19), (890, 511.44), (1195, 459.94)]),
    #[cfg(feature = "landscape")]
    (Kind::Landscape, &[(0, 647.38), (255, 627.08), (265, 575.58), (310, 553.83), (345, 502.33), (360, 482.03), (365, 430.53), (445, 379.03), (465, 357.28), (635, 305.78), (715, 285.48), (890, 263.73), (1195, 212.23)]),
    #[cfg(feature = "momentum-map")]
    (Kind::MomentumMap, &[(0, 623.77), (245, 602.02), (250, 581.72), (285, 538.22), (330, 516.47), (335, 496.17), (375, 474.42), (405, 422.92), (420, 401.17), (485, 380.88), (545, 359.12), (820, 337.38), (965, 317.08)]),
    #[cfg(feature = "minibatch")]
    (Kind::Minibatch, &[(0, 483.31), (260, 463.02), (275, 441.27), (320, 420.97), (330, 399.22), (350, 347.72), (410, 327.42), (435, 305.67), (610, 285.38), (660, 212.12), (1185, 191.83), (1295, 170.08)]),
];

/// A kind, an option, the options it is measured with, its rows: see [`VARIANTS`].
pub type Variant = (
    Kind,
    &'static str,
    &'static [(&'static str, &'static str)],
    Rows,
);

/// Rows by width: (from this content width in CSS px, the rows' height in CSS px).
pub type Rows = &'static [(u32, f64)];

/// Options that change a kind's rows, each with its own rows measured as [`CHROME`]'s: the
/// kind, the option (without `data-`; its presence selects the variant), the options it is
/// measured with, and the rows. A linked `norms` says in one line what the standalone one
/// says in two.
#[rustfmt::skip]
pub const VARIANTS: &[Variant] = &[
    #[cfg(feature = "norms")]
    (Kind::Norms, "group", &[("data-group", "g")], &[(0, 98.38), (345, 78.08)]),
];

/// What the skeleton says while the figure loads: the kind's caption.
#[must_use]
pub const fn caption(kind: Kind) -> &'static str {
    match kind {
        #[cfg(feature = "descent-1d")]
        Kind::Descent1d => "Gradient descent on a curve",
        #[cfg(feature = "bowl")]
        Kind::Bowl => "The bowl and its two slices",
        #[cfg(feature = "contour")]
        Kind::Contour => "Level curves and the gradient",
        #[cfg(feature = "sinusoid")]
        Kind::Sinusoid => "The directional derivative as the direction turns",
        #[cfg(feature = "norms")]
        Kind::Norms => "The steepest step under L2, L1 and L∞",
        #[cfg(feature = "regularization")]
        Kind::Regularization => "Why L1 regularization gives exact zeros",
        #[cfg(feature = "input-plane")]
        Kind::InputPlane => "The gradient lives in the input plane",
        #[cfg(feature = "mlp")]
        Kind::Mlp => "A 1→3→1 network trained by SGD",
        #[cfg(feature = "loss-slice")]
        Kind::LossSlice => "The loss over two weights, with the SGD step",
        #[cfg(feature = "cost")]
        Kind::Cost => "Finite differences against backpropagation",
        #[cfg(feature = "trajectory")]
        Kind::Trajectory => "Optimizers racing down a surface",
        #[cfg(feature = "landscape")]
        Kind::Landscape => "The optimizer race in 3-D",
        #[cfg(feature = "momentum-map")]
        Kind::MomentumMap => "Momentum's rate over η and β",
        #[cfg(feature = "minibatch")]
        Kind::Minibatch => "Mini-batch gradients against the full batch",
    }
}

/// The height in CSS px of `kind`'s canvases at its default options in a card whose content
/// is `css_width` wide, at pixel ratio 1: stacked canvases add up; side-by-side panels take
/// the tallest when they fit on one row.
#[must_use]
pub fn canvas_height(kind: Kind, css_width: f64) -> f64 {
    canvas_heights(kind, &[], &[css_width])[0]
}

/// [`canvas_height`] with the options `opts` at each of `widths`, the figure built once.
fn canvas_heights(kind: Kind, opts: &[(&str, &str)], widths: &[f64]) -> Vec<f64> {
    let Ok(figure) = kind.build::<Plain>(&opts) else {
        return vec![0.0; widths.len()];
    };
    let layout = figure.layout();
    widths
        .iter()
        .map(|&css_width| {
            let height = |i: usize| {
                let w = (figure.width(i, css_width) + 1e-6).floor().max(1.0);
                f64::from(figure.height(i, w as u32, 1.0))
            };
            let mut index = 0;
            layout
                .iter()
                .map(|part| block(part, css_width, &mut index, &height, &*figure))
                .sum()
        })
        .collect()
}

fn block(
    part: &super::widget::Part,
    css_width: f64,
    index: &mut usize,
    height: &dyn Fn(usize) -> f64,
    figure: &dyn super::Figure<Plain>,
) -> f64 {
    use super::widget::Part;
    match part {
        Part::Canvas(_) => {
            *index += 1;
            height(*index - 1)
        }
        Part::Panels(list) => {
            let ids: Vec<usize> = (*index..*index + list.len()).collect();
            *index += list.len();
            let widths: f64 = ids.iter().map(|&i| figure.width(i, css_width)).sum();
            let gaps = PANEL_GAP * (ids.len().saturating_sub(1)) as f64;
            if widths + gaps <= css_width + 1e-6 {
                ids.iter().map(|&i| height(i)).fold(0.0, f64::max)
            } else {
                ids.iter().map(|&i| height(i)).sum::<f64>() + gaps
            }
        }
        Part::Row { items, .. } | Part::Toggles { items, .. } | Part::Fieldset { items, .. } => {
            items
                .iter()
                .map(|p| block(p, css_width, index, height, figure))
                .sum()
        }
        _ => 0.0,
    }
}

/// The rest of the card at `css_width`: [`CHROME`]'s step for the width.
#[must_use]
pub fn chrome(kind: Kind, css_width: f64) -> f64 {
    CHROME
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(0.0, |(_, steps)| step(steps, css_width))
}

/// The step of `steps` for `css_width`.
fn step(steps: &[(u32, f64)], css_width: f64) -> f64 {
    steps
        .iter()
        .rev()
        .find(|(from, _)| f64::from(*from) <= css_width)
        .map_or(0.0, |&(_, px)| px)
}

/// The placeholder's height in CSS px (the card's border box) for a content width.
#[must_use]
pub fn height(kind: Kind, css_width: f64) -> f64 {
    canvas_height(kind, css_width) + chrome(kind, css_width)
}

/// How far a line of [`lines`] may be from the height at a whole width, in px.
pub const TOLERANCE: f64 = 2.0;

/// `kind`'s heights over [`WIDTHS`] as lines `[from width, height there, px per px]`, each
/// within [`TOLERANCE`] of the height at every whole width up to the next line's start.
#[must_use]
pub fn lines(kind: Kind) -> Vec<[f64; 3]> {
    let rows = CHROME
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&[][..], |c| c.1);
    lines_with(kind, &[], rows)
}

/// [`lines`] for the options `opts` with the rows `rows`.
#[must_use]
pub fn lines_with(kind: Kind, opts: &[(&str, &str)], rows: &[(u32, f64)]) -> Vec<[f64; 3]> {
    let (lo, hi) = WIDTHS;
    let widths: Vec<f64> = (lo..=hi).map(f64::from).collect();
    let h: Vec<f64> = canvas_heights(kind, opts, &widths)
        .iter()
        .zip(&widths)
        .map(|(c, &w)| c + step(rows, w))
        .collect();
    let mut out: Vec<[f64; 3]> = Vec::new();
    let mut i = 0;
    while i < h.len() {
        // The slopes through (i, h[i]) that keep every later point within the tolerance.
        let (mut low, mut high) = (f64::NEG_INFINITY, f64::INFINITY);
        let mut j = i + 1;
        while j < h.len() {
            let d = (j - i) as f64;
            let (l, u) = ((h[j] - h[i] - TOLERANCE) / d, (h[j] - h[i] + TOLERANCE) / d);
            if l.max(low) > u.min(high) {
                break;
            }
            (low, high) = (l.max(low), u.min(high));
            j += 1;
        }
        let slope = if j == i + 1 { 0.0 } else { (low + high) / 2.0 };
        out.push([widths[i], h[i], slope]);
        i = j;
    }
    out
}

/// The stylesheet rules `www/gdviz.css` carries between its generated markers: per kind,
/// the skeleton's caption and, per line of [`lines`], a container query that sets the line
/// (`--gdviz-h` at `--gdviz-w`, rising `--gdviz-s` px per px) from its width on. The
/// unmounted element is its own size container, so its `::before` takes the height the
/// widget will have before any script runs.
#[must_use]
pub fn stylesheet() -> String {
    let mut out = String::new();
    for kind in Kind::ALL {
        let name = kind.name();
        let selector = format!(
            ":is([data-gdviz=\"{name}\"], gdviz-figure[kind=\"{name}\"]):not(.gdviz)::before"
        );
        let content = format!("content: \"{}\"; ", css_string(caption(kind)));
        rules(&mut out, &selector, &content, &lines(kind));
        for (_, option, opts, rows) in VARIANTS.iter().filter(|v| v.0 == kind) {
            let selector = format!(
                ":is([data-gdviz=\"{name}\"][data-{option}]:not([data-{option}=\"\"]), gdviz-figure[kind=\"{name}\"][{option}]:not([{option}=\"\"])):not(.gdviz)::before"
            );
            rules(&mut out, &selector, "", &lines_with(kind, opts, rows));
        }
    }
    out
}

/// One rule per line: the first for every width, the others from their widths on.
fn rules(out: &mut String, selector: &str, first: &str, lines: &[[f64; 3]]) {
    for (n, [w, h, s]) in lines.iter().enumerate() {
        let vars = format!(
            "--gdviz-h: {}px; --gdviz-s: {}; --gdviz-w: {w}px;",
            round(*h),
            round(*s)
        );
        if n == 0 {
            out.push_str(&format!("{selector} {{ {first}{vars} }}\n"));
        } else {
            out.push_str(&format!(
                "@container (min-width: {w}px) {{ {selector} {{ {vars} }} }}\n"
            ));
        }
    }
}

/// `text` inside a CSS string: every character outside ASCII as an escape.
fn css_string(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii() && c != '"' && c != '\\' {
                c.to_string()
            } else {
                format!("\\{:x} ", u32::from(c))
            }
        })
        .collect()
}

/// Rounded to 1/10000 px: the table stays short, and no line drifts by a pixel.
fn round(v: f64) -> f64 {
    (v * 10000.0).round() / 10000.0
}
