//! Drawing helpers in device pixels shared by the figures: arrows, dashed lines, labels.

use super::style::{self, px};
use super::DrawError;
use plotters::coord::Shift;
use plotters::prelude::*;

fn ipt(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// An arrow from pixel `a` to pixel `b` with a filled head.
///
/// # Errors
/// If the backend fails.
pub fn arrow<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    a: (f64, f64),
    b: (f64, f64),
    color: RGBColor,
    width: f64,
    scale: f64,
) -> Result<(), DrawError> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = dx.hypot(dy);
    if len.is_nan() || len < 1.0 {
        return Ok(());
    }
    let (ux, uy) = (dx / len, dy / len);
    let head = (11.0 * scale).min(len * 0.6);
    let base = (b.0 - ux * head, b.1 - uy * head);
    let w = head * 0.45;
    let shaft = ShapeStyle::from(&color).stroke_width(px(width, scale));
    root.draw(&PathElement::new(vec![ipt(a), ipt(base)], shaft))?;
    let tip = vec![
        ipt(b),
        ipt((base.0 - uy * w, base.1 + ux * w)),
        ipt((base.0 + uy * w, base.1 - ux * w)),
    ];
    root.draw(&Polygon::new(tip, color.filled()))?;
    Ok(())
}

/// A filled dot of radius `radius` CSS pixels on a white halo of radius `halo`, so the
/// marker reads over lines and fills.
///
/// # Errors
/// If the backend fails.
pub fn dot<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    center: (i32, i32),
    halo: f64,
    radius: f64,
    color: RGBColor,
    scale: f64,
) -> Result<(), DrawError> {
    root.draw(&Circle::new(
        center,
        px(halo, scale),
        ShapeStyle::from(&WHITE).filled(),
    ))?;
    root.draw(&Circle::new(
        center,
        px(radius, scale),
        ShapeStyle::from(&color).filled(),
    ))
    .map_err(DrawError::from)
}

/// A dashed line from `a` to `b`: dashes of `dash` and gaps of `gap` device pixels.
///
/// # Errors
/// If the backend fails.
pub fn dashed<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    a: (f64, f64),
    b: (f64, f64),
    style: ShapeStyle,
    dash: f64,
    gap: f64,
) -> Result<(), DrawError> {
    let len = (b.0 - a.0).hypot(b.1 - a.1);
    if len.is_nan() || len <= 0.0 || dash <= 0.0 {
        return Ok(());
    }
    let at = |t: f64| (a.0 + (b.0 - a.0) * t / len, a.1 + (b.1 - a.1) * t / len);
    let mut t = 0.0;
    while t < len {
        let end = (t + dash).min(len);
        root.draw(&PathElement::new(vec![ipt(at(t)), ipt(at(end))], style))?;
        t = end + gap;
    }
    Ok(())
}

/// Rough width of `text` at `size` device pixels (plotters measures only on some backends).
#[must_use]
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.6
}

/// Text centred on `at`, without a box.
///
/// # Errors
/// If the backend fails.
pub fn centered<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    at: (f64, f64),
    size_css: f64,
    color: RGBColor,
    scale: f64,
) -> Result<(), DrawError> {
    let font = (style::FONT, px(size_css, scale)).into_font().color(&color);
    let style = font.pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Center,
    ));
    root.draw(&Text::new(text.to_owned(), ipt(at), style))
        .map_err(DrawError::from)
}

/// The width in device pixels of `text` at `size_css`, as the backend measures it (the
/// canvas asks the browser), falling back to an estimate.
pub fn measure<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    size_css: f64,
    scale: f64,
) -> f64 {
    let font = (style::FONT, px(size_css, scale)).into_font();
    root.estimate_text_size(text, &font.into()).map_or_else(
        |_| text_width(text, size_css * scale),
        |(w, _)| f64::from(w),
    )
}

/// A label centred on `at`, on a translucent white box so it reads over lines and fills.
///
/// # Errors
/// If the backend fails.
pub fn label<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    at: (f64, f64),
    size_css: f64,
    color: RGBColor,
    scale: f64,
) -> Result<(), DrawError> {
    let w = measure(root, text, size_css, scale);
    label_sized(root, text, w, at, size_css, color, scale)
}

/// [`label`] for a `text` already measured `w` device pixels wide (a label drawn more than
/// once a frame is measured once).
///
/// # Errors
/// If the backend fails.
pub fn label_sized<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    w: f64,
    at: (f64, f64),
    size_css: f64,
    color: RGBColor,
    scale: f64,
) -> Result<(), DrawError> {
    let size = size_css * scale;
    let h = size * 1.25;
    let (x0, y0) = (at.0 - w / 2.0 - 3.0 * scale, at.1 - h / 2.0);
    root.draw(&Rectangle::new(
        [ipt((x0, y0)), ipt((x0 + w + 6.0 * scale, y0 + h))],
        ShapeStyle::from(&WHITE.mix(0.9)).filled(),
    ))?;
    centered(root, text, at, size_css, color, scale)
}

/// Marker `shape` (0 to 7: circle, square, triangle, diamond, triangle down, plus, ring,
/// cross) of radius `radius` CSS pixels at `c`: eight paths told apart without colour.
///
/// # Errors
/// If the backend fails.
pub fn marker<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    shape: usize,
    c: (i32, i32),
    radius: f64,
    color: RGBColor,
    scale: f64,
) -> Result<(), DrawError> {
    let r = px(radius, scale) as i32;
    let (x, y) = c;
    let fill = ShapeStyle::from(&color).filled();
    let line = ShapeStyle::from(&color).stroke_width(px(1.8, scale));
    match shape % 8 {
        0 => root.draw(&Circle::new(c, r as u32, fill))?,
        1 => root.draw(&Rectangle::new([(x - r, y - r), (x + r, y + r)], fill))?,
        2 => root.draw(&Polygon::new(
            vec![(x, y - r - 1), (x - r - 1, y + r), (x + r + 1, y + r)],
            fill,
        ))?,
        3 => root.draw(&Polygon::new(
            vec![
                (x, y - r - 1),
                (x + r + 1, y),
                (x, y + r + 1),
                (x - r - 1, y),
            ],
            fill,
        ))?,
        4 => root.draw(&Polygon::new(
            vec![(x, y + r + 1), (x - r - 1, y - r), (x + r + 1, y - r)],
            fill,
        ))?,
        5 => {
            root.draw(&PathElement::new(
                vec![(x - r - 1, y), (x + r + 1, y)],
                line,
            ))?;
            root.draw(&PathElement::new(
                vec![(x, y - r - 1), (x, y + r + 1)],
                line,
            ))?;
        }
        6 => root.draw(&Circle::new(c, r as u32, line))?,
        _ => {
            root.draw(&PathElement::new(
                vec![(x - r, y - r), (x + r, y + r)],
                line,
            ))?;
            root.draw(&PathElement::new(
                vec![(x - r, y + r), (x + r, y - r)],
                line,
            ))?;
        }
    }
    Ok(())
}

/// How a legend entry is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// A solid line.
    Line,
    /// A dashed line.
    Dashed,
    /// A dot.
    Dot,
    /// A dotted line.
    Dotted,
    /// A line with marker shape `k` of [`marker`] on it.
    Shape(usize),
}

/// Where a legend sits inside a plot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corner {
    /// Top left.
    UpperLeft,
    /// Top right.
    UpperRight,
    /// Bottom right.
    LowerRight,
}

/// A legend box in a corner of `area`: one row per entry, a mark then its label. Drawn here
/// (not by plotters) so that text is measured by the backend, never by inserting page elements.
///
/// # Errors
/// If the backend fails.
pub fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &super::PlotArea,
    entries: &[(&str, RGBColor, Mark)],
    corner: Corner,
    scale: f64,
) -> Result<(), DrawError> {
    let size = 12.0;
    let row = 17.0 * scale;
    let mark_w = 20.0 * scale;
    let pad = 6.0 * scale;
    let text_w = entries
        .iter()
        .map(|(t, _, _)| measure(root, t, size, scale))
        .fold(0.0, f64::max);
    let (w, h) = (
        pad * 3.0 + mark_w + text_w,
        pad * 2.0 + row * entries.len() as f64,
    );
    let margin = 8.0 * scale;
    let (x0, y0) = match corner {
        Corner::UpperLeft => (area.left + margin, area.top + margin),
        Corner::UpperRight => (area.right - margin - w, area.top + margin),
        Corner::LowerRight => (area.right - margin - w, area.bottom - margin - h),
    };
    root.draw(&Rectangle::new(
        [ipt((x0, y0)), ipt((x0 + w, y0 + h))],
        ShapeStyle::from(&WHITE.mix(0.92)).filled(),
    ))?;
    root.draw(&Rectangle::new(
        [ipt((x0, y0)), ipt((x0 + w, y0 + h))],
        ShapeStyle::from(&style::LEVEL.mix(0.3)).stroke_width(1),
    ))?;
    for (i, (text, color, mark)) in entries.iter().enumerate() {
        let cy = y0 + pad + row * (i as f64 + 0.5);
        entry(root, (text, *color, *mark), (x0 + pad, cy), scale)?;
    }
    Ok(())
}

/// Where each legend entry goes when the entries flow left to right in rows `width` pixels
/// wide, text `measure`d in pixels: each entry's (x offset, row), and the number of rows.
pub fn flow(
    entries: &[(&str, RGBColor, Mark)],
    width: f64,
    scale: f64,
    measure: impl Fn(&str) -> f64,
) -> (Vec<(f64, usize)>, usize) {
    let (mark_w, pad, gap) = (20.0 * scale, 5.0 * scale, 14.0 * scale);
    let mut out = Vec::with_capacity(entries.len());
    let (mut x, mut row) = (0.0, 0);
    for (text, _, _) in entries {
        let w = mark_w + pad + measure(text);
        if x > 0.0 && x + w > width {
            x = 0.0;
            row += 1;
        }
        out.push((x, row));
        x += w + gap;
    }
    let rows = if entries.is_empty() { 0 } else { row + 1 };
    (out, rows)
}

/// The height of one row of [`legend_rows`].
#[must_use]
pub fn legend_row_height(scale: f64) -> f64 {
    18.0 * scale
}

/// A legend whose entries flow in rows from `at` across `width` pixels (see [`flow`]), for
/// a band of its own under or over a figure.
///
/// # Errors
/// If the backend fails.
pub fn legend_rows<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[(&str, RGBColor, Mark)],
    at: (f64, f64),
    width: f64,
    scale: f64,
) -> Result<(), DrawError> {
    let (places, _) = flow(entries, width, scale, |t| measure(root, t, 12.0, scale));
    let row_h = legend_row_height(scale);
    for ((text, color, mark), (dx, row)) in entries.iter().zip(places) {
        let cy = at.1 + row_h * (row as f64 + 0.5);
        entry(root, (text, *color, *mark), (at.0 + dx, cy), scale)?;
    }
    Ok(())
}

/// One legend entry: its mark, 20 px wide from `at` (centred vertically on it), then its
/// text.
fn entry<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (text, color, mark): (&str, RGBColor, Mark),
    at: (f64, f64),
    scale: f64,
) -> Result<(), DrawError> {
    let (a, b) = (at, (at.0 + 20.0 * scale, at.1));
    let stroke = ShapeStyle::from(&color).stroke_width(px(2.0, scale));
    match mark {
        Mark::Line => root.draw(&PathElement::new(vec![ipt(a), ipt(b)], stroke))?,
        Mark::Dashed => dashed(root, a, b, stroke, 5.0 * scale, 3.0 * scale)?,
        Mark::Dotted => dashed(root, a, b, stroke, 2.0 * scale, 3.0 * scale)?,
        Mark::Dot => root.draw(&Circle::new(
            ipt(((a.0 + b.0) / 2.0, at.1)),
            px(4.0, scale),
            ShapeStyle::from(&color).filled(),
        ))?,
        Mark::Shape(k) => {
            root.draw(&PathElement::new(vec![ipt(a), ipt(b)], stroke))?;
            marker(root, k, ipt(((a.0 + b.0) / 2.0, at.1)), 3.5, color, scale)?;
        }
    }
    let font = (style::FONT, px(12.0, scale)).into_font().color(&color);
    let st = font.pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Left,
        plotters::style::text_anchor::VPos::Center,
    ));
    root.draw(&Text::new(
        text.to_owned(),
        ipt((b.0 + 6.0 * scale, at.1)),
        st,
    ))?;
    Ok(())
}

/// The part of the segment a–b inside the box `[left, top, right, bottom]` as the interval
/// `(t0, t1)` of a + t·(b − a) (Liang–Barsky); `t0 > t1` when the segment misses the box,
/// `None` when it runs parallel to an edge outside it.
#[must_use]
pub fn clip_interval(a: (f64, f64), b: (f64, f64), bounds: [f64; 4]) -> Option<(f64, f64)> {
    let [left, top, right, bottom] = bounds;
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (num, den) in [
        (a.0 - left, -dx),
        (right - a.0, dx),
        (a.1 - top, -dy),
        (bottom - a.1, dy),
    ] {
        if den == 0.0 {
            if num < 0.0 {
                return None;
            }
        } else {
            let t = num / den;
            if den < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    Some((t0, t1))
}

/// Where a label box `w` × `h` device pixels goes: the centre of the first of `candidates`
/// (centres, best first) whose box lies inside `bounds` (left, top, right, bottom) and clears
/// every disk in `avoid` (centre, radius: a point, a marker); failing that, the first such
/// candidate clamped inside `bounds`; failing that, the first clamped. A box wider than the
/// bounds is centred on them.
#[must_use]
pub fn place_label(
    candidates: &[(f64, f64)],
    (w, h): (f64, f64),
    bounds: [f64; 4],
    avoid: &[((f64, f64), f64)],
) -> (f64, f64) {
    let [left, top, right, bottom] = bounds;
    let clamp = |p: (f64, f64)| {
        let (hw, hh) = (w / 2.0, h / 2.0);
        let x = if right - left < w {
            (left + right) / 2.0
        } else {
            p.0.clamp(left + hw, right - hw)
        };
        let y = if bottom - top < h {
            (top + bottom) / 2.0
        } else {
            p.1.clamp(top + hh, bottom - hh)
        };
        (x, y)
    };
    let clear = |p: (f64, f64)| {
        avoid.iter().all(|&(c, r)| {
            let nx = c.0.clamp(p.0 - w / 2.0, p.0 + w / 2.0);
            let ny = c.1.clamp(p.1 - h / 2.0, p.1 + h / 2.0);
            (c.0 - nx).hypot(c.1 - ny) >= r
        })
    };
    let inside = |p: (f64, f64)| {
        let q = clamp(p);
        (q.0 - p.0).abs() < 0.5 && (q.1 - p.1).abs() < 0.5
    };
    candidates
        .iter()
        .copied()
        .find(|&p| inside(p) && clear(p))
        .or_else(|| candidates.iter().map(|&p| clamp(p)).find(|&p| clear(p)))
        .unwrap_or_else(|| clamp(candidates.first().copied().unwrap_or_default()))
}

/// Label centres around `c` at `dist` pixels, in sixteen directions starting at `from`
/// radians (screen y down, angles counter-clockwise as drawn), nearest `from` first: fallback
/// candidates for [`place_label`].
#[must_use]
pub fn around(c: (f64, f64), dist: f64, from: f64) -> Vec<(f64, f64)> {
    let step = std::f64::consts::TAU / 16.0;
    let mut out = vec![(c.0 + from.cos() * dist, c.1 - from.sin() * dist)];
    for k in 1..=8 {
        for s in [1.0, -1.0] {
            if k == 8 && s < 0.0 {
                continue;
            }
            let t = from + s * f64::from(k) * step;
            out.push((c.0 + t.cos() * dist, c.1 - t.sin() * dist));
        }
    }
    out
}

#[cfg(test)]
mod place_tests {
    use super::*;

    #[test]
    fn a_placed_label_stays_inside_and_off_the_point() {
        let bounds = [0.0, 0.0, 200.0, 100.0];
        let (w, h) = (60.0, 16.0);
        for c in [
            (1.0, 1.0),
            (199.0, 1.0),
            (199.0, 99.0),
            (1.0, 99.0),
            (100.0, 50.0),
        ] {
            let mut cands = vec![(c.0 + 40.0, c.1)];
            cands.extend(around(c, 30.0, 0.0));
            let p = place_label(&cands, (w, h), bounds, &[(c, 8.0)]);
            assert!(
                p.0 - w / 2.0 >= -1e-9 && p.0 + w / 2.0 <= 200.0 + 1e-9,
                "{c:?} {p:?}"
            );
            assert!(
                p.1 - h / 2.0 >= -1e-9 && p.1 + h / 2.0 <= 100.0 + 1e-9,
                "{c:?} {p:?}"
            );
            let nx = c.0.clamp(p.0 - w / 2.0, p.0 + w / 2.0);
            let ny = c.1.clamp(p.1 - h / 2.0, p.1 + h / 2.0);
            assert!((c.0 - nx).hypot(c.1 - ny) >= 8.0, "{c:?} {p:?}");
        }
    }

    #[test]
    fn around_gives_sixteen_directions() {
        let v = around((0.0, 0.0), 1.0, 0.0);
        assert_eq!(v.len(), 16);
        assert!((v[0].0 - 1.0).abs() < 1e-12);
    }
}
