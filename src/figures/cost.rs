//! `cost`: finite differences against backpropagation on a chain of n one-parameter layers.
//! The operation counts n² and 2n (counted by instrumented code), the two strategies drawn as
//! diagrams for small n, the time each takes measured in the reader's own browser, and the
//! finite-difference estimate's error against the step h.

use super::draw;
use super::format::{num, sci, sig};
use super::json::{Fields, Object};
use super::options::{self, OptionError, OptionErrorKind, Options};
use super::plot_area::PlotArea;
use super::style::{self, px};
use super::widget::{self, Env, Input, Outcome, Paint, Part, Pass, Table, Ui, Widget};
use super::{DrawError, Layer};
use super::{Drawn, Root};
use crate::math::cost::{backprop_ops, fd_ops, ratio, Chain};
use crate::math::finite_diff::{derivative, Scheme};
use plotters::coord::combinators::LogCoord;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The chain lengths of the article's table.
pub const TABLE_N: [u64; 4] = [2, 5, 10, 100];
/// The largest chain the slider offers.
pub const MAX_N: u64 = 100;
/// The largest chain drawn as a diagram of cells (a longer one is a bar per pass).
pub const MAX_DIAGRAM: u64 = 10;
/// The finite-difference passes' room, in rows of [`CELL`]: a longer chain's rows share it.
const ROOM: u64 = 5;

/// Width in CSS pixels from which the two strategies sit side by side.
const WIDE: f64 = 560.0;
/// A diagram cell: its corners in device pixels and its colour.
type Cell = ((i32, i32), (i32, i32), RGBColor);
/// Height of a diagram row in CSS pixels.
const CELL: f64 = 32.0;
/// Height of a line of title text in CSS pixels.
const LINE: f64 = 17.0;
/// A finite-difference pass's cell, and its nudged parameter's.
const FD_CELL: RGBColor = RGBColor(0xfd, 0xe8, 0xe8);
const FD_NUDGED: RGBColor = RGBColor(0xf6, 0xc9, 0xa0);

/// One strategy's panel in the diagram, in CSS pixels.
struct Panel {
    /// Its title.
    title: String,
    /// Lines reserved for the title.
    lines: usize,
    /// Where the rows start.
    top: f64,
    /// The panel's height.
    height: f64,
}

/// `text` broken at spaces into lines no wider than `max` by `width` (a single word wider
/// than `max` gets a line of its own).
fn wrap(text: &str, max: f64, width: impl Fn(&str) -> f64) -> Vec<String> {
    // Most titles fit on one line: one measurement instead of one per word.
    if width(text) <= max {
        return vec![text.to_owned()];
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || width(&candidate) <= max {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        }
    }
    lines.push(line);
    lines
}

/// Gradient timings measured in the page: nanoseconds per gradient for each chain length.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timings {
    /// Chain lengths measured.
    pub n: Vec<u64>,
    /// Finite differences, ns per gradient.
    pub fd_ns: Vec<f64>,
    /// Backpropagation, ns per gradient.
    pub backprop_ns: Vec<f64>,
}

impl Fields for Timings {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("n", &self.n)
            .field("fd_ns", &self.fd_ns)
            .field("backprop_ns", &self.backprop_ns);
    }
}

/// What `data-state` reports.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Always `"cost"`.
    pub kind: &'static str,
    /// The chain length.
    pub n: u64,
    /// Layer operations for the gradient by finite differences (counted).
    pub fd_ops: u64,
    /// Layer operations for the gradient by backpropagation (counted).
    pub backprop_ops: u64,
    /// fd_ops / backprop_ops = n/2.
    pub ratio: f64,
    /// Timings measured in this browser, once available.
    pub timings: Option<Timings>,
    /// True while timings are being measured (a part per frame); `timings` holds the last
    /// complete set until the new one is.
    pub measuring: bool,
}

impl State {
    /// The state with `measuring` set.
    #[must_use]
    pub fn measuring(self, measuring: bool) -> Self {
        Self { measuring, ..self }
    }
}

impl Fields for State {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("kind", &self.kind)
            .field("n", &self.n)
            .field("fd_ops", &self.fd_ops)
            .field("backprop_ops", &self.backprop_ops)
            .field("ratio", &self.ratio)
            .some("timings", &self.timings)
            .field("measuring", &self.measuring);
    }
}

/// One row of the article's table, counted by running the instrumented chain.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Chain length.
    pub n: u64,
    /// Counted finite-difference operations.
    pub fd: u64,
    /// Counted backprop operations.
    pub backprop: u64,
    /// Their ratio.
    pub ratio: f64,
}

/// Counts both strategies on a chain of `n` by running them (n² layer evaluations for the
/// finite differences), once per n: a slider that sweeps n back and forth counts each chain
/// length once.
#[must_use]
pub fn count(n: u64) -> Row {
    thread_local! {
        static COUNTED: std::cell::RefCell<Vec<Option<Row>>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let slot = usize::try_from(n).unwrap_or(usize::MAX);
    if slot > MAX_N as usize {
        return run_count(n);
    }
    COUNTED.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() <= slot {
            c.resize(slot + 1, None);
        }
        c[slot].get_or_insert_with(|| run_count(n)).clone()
    })
}

/// Counts both strategies on a chain of `n` by running them.
fn run_count(n: u64) -> Row {
    let chain = Chain::new(n as usize);
    let fd = chain.finite_difference(0.5, 0.2, 1e-6).ops;
    let backprop = chain.backprop(0.5, 0.2).ops;
    debug_assert_eq!((fd, backprop), (fd_ops(n), backprop_ops(n)));
    Row {
        n,
        fd,
        backprop,
        ratio: fd as f64 / backprop as f64,
    }
}

/// The article's table, n = 2, 5, 10, 100.
#[must_use]
pub fn table() -> Vec<Row> {
    TABLE_N.iter().map(|&n| count(n)).collect()
}

/// The widget's model.
#[derive(Clone, Debug, PartialEq)]
pub struct CostFigure {
    n: u64,
    /// Both strategies counted on the chain of n, once per n (counting runs them: n² layer
    /// evaluations, too many to repeat for every title, height and state of a frame).
    row: Row,
    timings: Option<Timings>,
}

impl CostFigure {
    /// Reads `data-n` (1 to 100, default 5).
    ///
    /// # Errors
    /// An unusable or out-of-range `data-n`.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        let n = options::number(opts, "data-n", 5.0)?;
        if n.fract() != 0.0 || !(1.0..=MAX_N as f64).contains(&n) {
            return Err(OptionError::new(
                "data-n",
                &opts.get("data-n").unwrap_or_default(),
                OptionErrorKind::OutOfRange("a whole number from 1 to 100".into()),
            ));
        }
        Ok(Self::new(n as u64))
    }

    /// A figure at chain length `n` (clamped to 1…100).
    #[must_use]
    pub fn new(n: u64) -> Self {
        let n = n.clamp(1, MAX_N);
        Self {
            n,
            row: count(n),
            timings: None,
        }
    }

    /// The chain length.
    #[must_use]
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Sets the chain length (clamped to 1…100).
    pub fn set_n(&mut self, n: u64) {
        let n = n.clamp(1, MAX_N);
        if n != self.n {
            self.n = n;
            self.row = count(n);
        }
    }

    /// Stores timings measured by the page.
    pub fn set_timings(&mut self, t: Timings) {
        self.timings = Some(t);
    }

    /// The options that reopen this view (`data-*` names without the prefix).
    #[must_use]
    pub fn url_options(&self) -> Vec<(&'static str, String)> {
        vec![("n", self.n.to_string())]
    }

    /// The state for `data-state`.
    #[must_use]
    pub fn state(&self) -> State {
        let row = &self.row;
        State {
            kind: "cost",
            n: self.n,
            fd_ops: row.fd,
            backprop_ops: row.backprop,
            ratio: ratio(self.n),
            timings: self.timings.clone(),
            measuring: false,
        }
    }

    /// The diagram's height for a width: room for [`ROOM`] rows of finite-difference passes
    /// (side by side with backprop on a wide screen, above it on a narrow one) under the
    /// longest titles, whatever n is. A longer chain is drawn whole in the room of [`ROOM`] rows
    /// (its rows thinner; from 11 on, a bar per pass); a shorter one leaves the room's foot
    /// empty. The canvas keeps its height as n changes,
    /// so the page under it does not move while the reader slides n (and the canvas is not
    /// reallocated: that took 4–8 ms of a redraw).
    #[must_use]
    pub fn diagram_height_for_width(&self, width: u32, scale: f64) -> u32 {
        // The room: n = 100 fills it and has the widest numbers in its titles.
        let room = Self::new(MAX_N);
        let css_w = f64::from(width) / scale;
        let css = if css_w >= WIDE {
            let pw = css_w / 2.0;
            room.panel(true, pw)
                .height
                .max(room.panel(false, pw).height)
        } else {
            room.panel(true, css_w).height + room.panel(false, css_w).height
        };
        (css * scale).round() as u32
    }

    /// One strategy's panel `pw` CSS pixels wide: its title (wrapped to the width), where
    /// its rows start and its height, in CSS pixels.
    fn panel(&self, fd: bool, pw: f64) -> Panel {
        let n = self.n;
        let row = &self.row;
        let title = if fd {
            format!(
                "Finite differences: {n} passes × {n} = {} operations",
                row.fd
            )
        } else {
            format!(
                "Backprop: {n} forward + {n} backward = {} operations",
                row.backprop
            )
        };
        // Lines reserved by an estimate of the text's width, so the height is known before
        // drawing; the drawing wraps by the width the backend measures.
        let lines = wrap(&title, pw - 16.0, |t| draw::text_width(t, 13.0)).len();
        let top = 40.0 + LINE * (lines as f64 - 1.0);
        let rows = if fd {
            n.min(ROOM) as f64 * CELL
        } else {
            2.0 * CELL
        };
        // Finite differences: a margin under the rows; backprop: its caption under them.
        let height = top + rows + if fd { 14.0 } else { 34.0 };
        Panel {
            title,
            lines,
            top,
            height,
        }
    }

    /// Draws the two strategies on a chain of n: one perturbed pass per parameter for finite
    /// differences, one forward and one backward pass for backpropagation. Chains longer than
    /// 10 are drawn whole, each pass a thin bar, in the room of [`ROOM`] rows (the default n = 5
    /// fills it: no empty band under the rows at first).
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw_diagram<B: DrawingBackend>(&self, root: &Root<B>, scale: f64) -> Drawn {
        root.fill(&WHITE)?;
        let (w, h) = root.dim_in_pixel();
        let (w, h) = (f64::from(w), f64::from(h));
        let n = self.n;
        let wide = w / scale >= WIDE;
        let split_v = (self.panel(true, w / scale).height * scale).min(h).round() as u32;
        let (left, right) = if wide {
            root.split_horizontally((w * 0.5) as u32)
        } else {
            root.split_vertically(split_v)
        };
        let many = n > MAX_DIAGRAM;
        for (panel, fd) in [(&left, true), (&right, false)] {
            let (pw, _) = panel.dim_in_pixel();
            let pw = f64::from(pw);
            let lay = self.panel(fd, pw / scale);
            let title = wrap(&lay.title, pw / scale - 16.0, |t| {
                draw::measure(panel, t, 13.0, scale) / scale
            });
            // Centred in the lines reserved for it.
            let shift = LINE * (lay.lines as f64 - title.len() as f64).max(0.0) / 2.0;
            for (i, line) in title.iter().enumerate() {
                draw::centered(
                    panel,
                    line,
                    (pw / 2.0, (14.0 + shift + LINE * i as f64) * scale),
                    13.0,
                    if fd { style::ALERT } else { style::GRADIENT },
                    scale,
                )?;
            }
            let rows = if fd { n as usize } else { 2 };
            // Up to ROOM passes a row each; a longer chain's n passes share the room of ROOM rows.
            let cell_h = if fd && n > ROOM {
                CELL * ROOM as f64 / n as f64 * scale
            } else {
                CELL * scale
            };
            let top = lay.top * scale;
            let cell_w = ((pw - 40.0 * scale) / n as f64).min(46.0 * scale);
            let x0 = (pw - cell_w * n as f64) / 2.0;
            // Cells inset so neighbours read apart, less when they are small.
            let inset = (2.0 * scale).min(cell_w * 0.12).min(cell_h * 0.12);
            let outline = cell_w > 12.0 * scale && cell_h > 12.0 * scale;
            // Cells first (grouped by colour, so each colour is one canvas fill), then their
            // outlines (one stroke), then the labels: the cells do not overlap (only a long
            // chain's nudged cell lies over its pass's bar, and it is drawn after the bars), so
            // this order shows the same as drawing cell by cell.
            let mut cells: Vec<Cell> = Vec::new();
            let mut labels: Vec<(String, (f64, f64))> = Vec::new();
            for r in 0..rows {
                let y = top + r as f64 * cell_h;
                let mut cell = |x: f64, cw: f64, color: RGBColor| {
                    let (a, b) = ((x + inset) as i32, (y + inset) as i32);
                    let (c, d) = ((x + cw - inset) as i32, (y + cell_h - inset) as i32);
                    cells.push(((a, b), (c, d), color));
                };
                if fd && many {
                    // One bar for the pass, the nudged parameter's cell over it.
                    cell(x0, cell_w * n as f64, FD_CELL);
                    cell(x0 + r as f64 * cell_w, cell_w, FD_NUDGED);
                    continue;
                }
                for k in 0..n as usize {
                    let x = x0 + k as f64 * cell_w;
                    let color = if fd {
                        if k == r {
                            FD_NUDGED
                        } else {
                            FD_CELL
                        }
                    } else if r == 0 {
                        RGBColor(0xee, 0xf3, 0xfb)
                    } else {
                        RGBColor(0xe2, 0xf3, 0xe8)
                    };
                    cell(x, cell_w, color);
                    if cell_w > 22.0 * scale && cell_h > 14.0 * scale {
                        let text = if fd || r == 0 {
                            format!("f{}", k + 1)
                        } else {
                            format!("∂{}", k + 1)
                        };
                        labels.push((text, (x + cell_w / 2.0, y + cell_h / 2.0)));
                    }
                }
            }
            let nudged = |c: &&Cell| c.2 == FD_NUDGED;
            let (over, under): (Vec<_>, Vec<_>) = cells.iter().partition(nudged);
            for &((a, b), (c, d), color) in under.into_iter().chain(over) {
                panel.draw(&Rectangle::new(
                    [(a, b), (c.max(a + 1), d.max(b + 1))],
                    ShapeStyle::from(&color).filled(),
                ))?;
            }
            if outline {
                let edge = ShapeStyle::from(&style::LEVEL.mix(0.5)).stroke_width(1);
                for &(ul, br, _) in &cells {
                    panel.draw(&Rectangle::new([ul, br], edge))?;
                }
            }
            for (text, at) in &labels {
                draw::centered(panel, text, *at, 11.0, style::INK, scale)?;
            }
            if !fd {
                // Under the backward row.
                draw::centered(
                    panel,
                    "forward →, then ← backward, reusing ∂L/∂aₖ",
                    (pw / 2.0, top + 2.0 * cell_h + 12.0 * scale),
                    11.5,
                    style::MUTED,
                    scale,
                )?;
            }
            if fd && n > 1 {
                draw::centered(
                    panel,
                    "each row: one pass with one parameter nudged",
                    (pw / 2.0, top - 9.0 * scale),
                    11.0,
                    style::MUTED,
                    scale,
                )?;
            }
        }
        Ok(())
    }

    /// The timing chart's height for a width: the plot and the band over it for the title
    /// and the legend.
    #[must_use]
    pub fn chart_height_for_width(width: u32, scale: f64) -> u32 {
        let band = Band::new(&chart_title(MAX_N), &chart_legend(true), width, scale);
        ((f64::from(width) * 0.42).max(230.0 * scale) + (band.plot_top - 26.0) * scale).round()
            as u32
    }

    /// Operation counts n² and 2n for n = 1…100 (lines) and, once measured, the time per
    /// gradient in this browser (dots), on log axes; the current n is marked.
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw_chart<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        layer: Layer,
        scale: f64,
    ) -> Result<(), DrawError> {
        let font = style::font(12.0, scale);
        // The title's lines reserved for the longest title (n = 100) and the legend's rows
        // for the measured dots too, so neither n nor the timings move the plot.
        let band = Band::new(
            &chart_title(MAX_N),
            &chart_legend(true),
            root.dim_in_pixel().0,
            scale,
        );
        // Building the chart draws nothing: each layer builds the same one for its mapping.
        let mut chart = style::chart(
            root,
            scale,
            [12.0, band.plot_top, RIGHT, 34.0, 56.0],
            ((1f64..100f64).log_scale(), (1f64..1e7f64).log_scale()),
        )?;
        if layer != Layer::Overlay {
            self.draw_chart_static(root, &mut chart, font, &band, scale)?;
        }
        if layer == Layer::Background {
            return Ok(());
        }
        self.draw_chart_moving(root, &mut chart, scale)
    }

    /// The chart's static layer: axes, both cost curves, measured timings, legend.
    fn draw_chart_static<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        chart: &mut ChartContext<'_, DB, Cartesian2d<LogCoord<f64>, LogCoord<f64>>>,
        font: plotters::style::TextStyle<'_>,
        band: &Band,
        scale: f64,
    ) -> Result<(), DrawError> {
        root.fill(&WHITE)?;
        style::grid(&mut chart.configure_mesh(), 0.1)
            .x_desc("chain length n")
            .y_desc("operations; ns")
            .x_label_formatter(&|v| num(*v, 0))
            .y_labels(8)
            .y_label_formatter(&|v| sci(*v, 2))
            .label_style(font.clone())
            .axis_desc_style(font)
            .draw()?;
        let ns: Vec<f64> = (1..=100).map(f64::from).collect();
        let fd_style = ShapeStyle::from(&style::ALERT).stroke_width(px(2.0, scale));
        let bp_style = ShapeStyle::from(&style::GRADIENT).stroke_width(px(2.0, scale));
        chart.draw_series(LineSeries::new(ns.iter().map(|&n| (n, n * n)), fd_style))?;
        chart.draw_series(LineSeries::new(ns.iter().map(|&n| (n, 2.0 * n)), bp_style))?;
        if let Some(t) = &self.timings {
            let dots = |v: &[f64], c: RGBColor| -> Vec<Circle<(f64, f64), u32>> {
                t.n.iter()
                    .zip(v)
                    .filter(|(_, &y)| y > 0.0 && y.is_finite())
                    .map(|(&n, &y)| {
                        Circle::new(
                            (n as f64, y.clamp(1.0, 1e7)),
                            px(4.0, scale),
                            ShapeStyle::from(&c).filled(),
                        )
                    })
                    .collect()
            };
            chart.draw_series(dots(&t.fd_ns, style::ALERT))?;
            chart.draw_series(dots(&t.backprop_ns, style::GRADIENT))?;
        }
        // The legend in the band over the plot, clear of the measured dots.
        band.legend(root, &chart_legend(self.timings.is_some()), scale)
    }

    /// The chart's moving layer: the guide at n and the title with n's numbers.
    fn draw_chart_moving<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        chart: &mut ChartContext<'_, DB, Cartesian2d<LogCoord<f64>, LogCoord<f64>>>,
        scale: f64,
    ) -> Result<(), DrawError> {
        let n = self.n as f64;
        let guide = ShapeStyle::from(&style::INK.mix(0.5)).stroke_width(px(1.2, scale));
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(n, 1.0), (n, 1e7)],
            guide,
        )))?;
        draw_title(root, &chart_title(self.n), scale)
    }

    /// The error panel's height for a width.
    #[must_use]
    pub fn error_height_for_width(width: u32, scale: f64) -> u32 {
        let band = Band::new(&error_title(), &ERROR_LEGEND, width, scale);
        ((f64::from(width) * 0.42).max(230.0 * scale) + (band.plot_top - 26.0) * scale).round()
            as u32
    }

    /// |estimate − cos 1| for f = sin at x = 1, forward and central differences, against h on
    /// log–log axes: truncation error falls with h until round-off takes over.
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw_error<B: DrawingBackend>(&self, root: &Root<B>, scale: f64) -> Drawn {
        root.fill(&WHITE)?;
        let font = style::font(12.0, scale);
        let title = error_title();
        let band = Band::new(&title, &ERROR_LEGEND, root.dim_in_pixel().0, scale);
        let mut chart = style::chart(
            root,
            scale,
            [12.0, band.plot_top, RIGHT, 34.0, 56.0],
            ((1e-16f64..1f64).log_scale(), (1e-17f64..1f64).log_scale()),
        )?;
        style::grid(&mut chart.configure_mesh(), 0.1)
            .x_desc("step h")
            .y_desc("error of the estimate")
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&|v| sci(*v, 1))
            .y_label_formatter(&|v| sci(*v, 1))
            .label_style(font.clone())
            .axis_desc_style(font)
            .draw()?;
        for (scheme, color) in [
            (Scheme::Forward, style::ALERT),
            (Scheme::Central, style::TANGENT),
        ] {
            let pts: Vec<(f64, f64)> = error_curve(scheme)
                .into_iter()
                .filter(|&(_, e)| e > 0.0)
                .map(|(h, e)| (h, e.max(1e-17)))
                .collect();
            let st = ShapeStyle::from(&color).stroke_width(px(2.0, scale));
            chart.draw_series(LineSeries::new(pts, st))?;
        }
        // The legend in the band over the plot: in the plot it would hide the minima.
        band.legend(root, &ERROR_LEGEND, scale)?;
        draw_title(root, &title, scale)
    }
}

/// Right margin of the charts in CSS pixels: room for half the last x tick and the dots at
/// n = 100.
const RIGHT: f64 = 22.0;

/// The error chart's legend.
const ERROR_LEGEND: [(&str, RGBColor, draw::Mark); 2] = [
    ("forward (f(x+h) − f(x))/h", style::ALERT, draw::Mark::Line),
    (
        "central (f(x+h) − f(x−h))/2h",
        style::TANGENT,
        draw::Mark::Line,
    ),
];

/// The error chart's title: the forward difference's best step and its error.
fn error_title() -> String {
    let best = error_curve(Scheme::Forward)
        .into_iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((0.0, 0.0));
    format!(
        "sin′(1) by forward differences: best h ≈ {}, error {}",
        sci(best.0, 2),
        sci(best.1, 2)
    )
}

/// The timing chart's title at chain length `n`.
fn chart_title(n: u64) -> String {
    format!(
        "n = {n}: {} against {} operations ({}×)",
        fd_ops(n),
        backprop_ops(n),
        sig(ratio(n), 4)
    )
}

/// The timing chart's legend, with the measured dots' entry once there are timings.
fn chart_legend(measured: bool) -> Vec<(&'static str, RGBColor, draw::Mark)> {
    let mut entries = vec![
        ("finite differences: n²", style::ALERT, draw::Mark::Line),
        ("backprop: 2n", style::GRADIENT, draw::Mark::Line),
    ];
    if measured {
        entries.push((
            "measured here, ns per gradient",
            style::INK,
            draw::Mark::Dot,
        ));
    }
    entries
}

/// The band over a chart for its title and its legend, in CSS pixels: lines and rows are
/// reserved by an estimate of the text's width, so the canvas's height is known before
/// drawing.
struct Band {
    /// Rows reserved for the legend.
    rows: usize,
    /// The plot's top margin.
    plot_top: f64,
    /// The legend's top.
    legend_top: f64,
}

impl Band {
    fn new(title: &str, legend: &[(&str, RGBColor, draw::Mark)], width: u32, scale: f64) -> Self {
        let room = f64::from(width) / scale - 20.0;
        let lines = wrap(title, room, |t| draw::text_width(t, 13.0)).len();
        let legend_top = 8.0 + LINE * lines as f64 + 2.0;
        let (_, rows) = draw::flow(legend, room, 1.0, |t| draw::text_width(t, 12.0));
        let plot_top = legend_top + draw::legend_row_height(1.0) * rows as f64 + 14.0;
        Self {
            rows,
            plot_top,
            legend_top,
        }
    }

    /// Draws `entries` in rows in the band.
    fn legend<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        entries: &[(&str, RGBColor, draw::Mark)],
        scale: f64,
    ) -> Result<(), DrawError> {
        let (w, _) = root.dim_in_pixel();
        let width = f64::from(w) - 20.0 * scale;
        // Centred in the rows reserved, if the text measures shorter than estimated.
        let (_, rows) = draw::flow(entries, width, scale, |t| {
            draw::measure(root, t, 12.0, scale)
        });
        let spare = self.rows.saturating_sub(rows) as f64 * draw::legend_row_height(scale) / 2.0;
        draw::legend_rows(
            root,
            entries,
            (10.0 * scale, self.legend_top * scale + spare),
            width,
            scale,
        )
    }
}

/// A chart's title from its top left, wrapped to the canvas's width.
fn draw_title<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    scale: f64,
) -> Result<(), DrawError> {
    let (w, _) = root.dim_in_pixel();
    let lines = wrap(text, f64::from(w) / scale - 20.0, |t| {
        draw::measure(root, t, 13.0, scale) / scale
    });
    for (i, line) in lines.into_iter().enumerate() {
        root.draw(&Text::new(
            line,
            (
                (10.0 * scale) as i32,
                ((8.0 + LINE * i as f64) * scale) as i32,
            ),
            style::font(13.0, scale),
        ))?;
    }
    Ok(())
}

/// (h, |estimate − cos 1|) for h = 10⁰, 10^−0.25, …, 10⁻¹⁶.
#[must_use]
pub fn error_curve(scheme: Scheme) -> Vec<(f64, f64)> {
    (0..=64)
        .map(|k| {
            let h = 10f64.powf(-f64::from(k) / 4.0);
            (h, (derivative(f64::sin, 1.0, h, scheme) - 1f64.cos()).abs())
        })
        .collect()
}

/// Chain lengths timed.
const TIMED: [u64; 7] = [1, 2, 5, 10, 20, 50, 100];

/// Nanoseconds per call of `f`, repeating it until at least 1.5 ms of `now` (milliseconds)
/// have passed.
fn time_per_call(now: &dyn Fn() -> f64, mut f: impl FnMut() -> f64) -> f64 {
    let mut reps: u32 = 1;
    loop {
        let start = now();
        let mut acc = 0.0;
        for _ in 0..reps {
            acc += std::hint::black_box(f());
        }
        std::hint::black_box(acc);
        let elapsed = now() - start;
        if elapsed >= 1.5 || reps >= 1 << 16 {
            return elapsed * 1e6 / f64::from(reps);
        }
        reps *= 4;
    }
}

/// Times both gradients for each chain length in [`TIMED`], a part at a time: the warm-up,
/// then each length (a few milliseconds each), one per frame, so the page never waits on all
/// of it at once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measuring {
    /// Parts done: 0 before the warm-up, then 1 + the lengths timed.
    done: usize,
    timings: Option<Timings>,
}

impl Measuring {
    /// Takes the next part with the clock `now`; the timings once the last is done.
    pub fn step(&mut self, now: &dyn Fn() -> f64) -> Option<Timings> {
        let t = self.timings.get_or_insert_with(Timings::default);
        if self.done == 0 {
            // Warm up first (the engine optimises hot code after a few calls).
            let warm = Chain::new(20);
            time_per_call(now, || warm.finite_difference(0.5, 0.2, 1e-6).gradient[0]);
            time_per_call(now, || warm.backprop(0.5, 0.2).gradient[0]);
        } else {
            let n = TIMED[self.done - 1];
            let chain = Chain::new(n as usize);
            t.n.push(n);
            t.fd_ns.push(time_per_call(now, || {
                chain.finite_difference(0.5, 0.2, 1e-6).gradient[0]
            }));
            t.backprop_ns
                .push(time_per_call(now, || chain.backprop(0.5, 0.2).gradient[0]));
        }
        self.done += 1;
        if self.done > TIMED.len() {
            self.done = 0;
            self.timings.take()
        } else {
            None
        }
    }
}

/// The `cost` widget: a chain-length slider, the two strategies drawn, counts and timings
/// measured in this browser ("Measure again"), the finite-difference error against h, and
/// the article's table, counted by running the instrumented chain.
#[derive(Clone, Debug, PartialEq)]
pub struct CostWidget {
    figure: CostFigure,
    /// Bumped by new timings (the chart's static layer).
    revision: u64,
    /// A measurement under way, a part per frame (see [`Measuring`]).
    measuring: Option<Measuring>,
}

impl Default for CostWidget {
    fn default() -> Self {
        Self {
            figure: CostFigure::new(5),
            revision: 0,
            measuring: None,
        }
    }
}

impl CostWidget {
    /// Reads `data-n`.
    ///
    /// # Errors
    /// An unusable `data-n`.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        Ok(Self {
            figure: CostFigure::from_options(opts)?,
            revision: 0,
            measuring: None,
        })
    }

    /// The figure.
    #[must_use]
    pub fn figure(&self) -> &CostFigure {
        &self.figure
    }
}

impl Widget for CostWidget {
    fn layout(&self) -> Vec<Part> {
        let rows: Vec<Vec<String>> = table()
            .into_iter()
            .map(|r| {
                vec![
                    r.n.to_string(),
                    r.fd.to_string(),
                    r.backprop.to_string(),
                    format!("{}×", sig(r.ratio, 4)),
                ]
            })
            .collect();
        vec![
            widget::toolbar(vec![
                Part::Slider {
                    id: "n",
                    caption: "chain length n",
                    range: (1.0, MAX_N as f64, 1.0),
                    label: None,
                },
                widget::button("measure", "Measure again", false),
            ]),
            Part::Canvas(widget::chart(
                "diagram",
                "The two strategies",
                Paint::Direct,
            )),
            Part::Canvas(widget::chart(
                "chart",
                "Operations and measured time against n",
                Paint::Layered,
            )),
            Part::Canvas(widget::chart(
                "error",
                "Error of the finite-difference estimate against h",
                Paint::Layered,
            )),
            Part::Table(Table {
                id: "cost",
                caption: "Operations for one gradient, counted".to_owned(),
                headers: vec!["n", "finite diff.", "backprop", "ratio"],
                dead: vec![false; rows.len()],
                rows,
            }),
        ]
    }

    fn height(&self, canvas: usize, width: u32, ratio: f64) -> u32 {
        match canvas {
            0 => self.figure.diagram_height_for_width(width, ratio),
            1 => CostFigure::chart_height_for_width(width, ratio),
            _ => CostFigure::error_height_for_width(width, ratio),
        }
    }

    /// The diagram changes whole with n; the chart's axes and curves change only with the
    /// timings (its guide and title are the overlay); the error against h never.
    fn draw<B: DrawingBackend>(&self, root: &Root<B>, pass: Pass<'_>) -> Drawn<Option<PlotArea>> {
        let Pass {
            canvas,
            layer,
            ratio,
            ..
        } = pass;
        match (canvas, layer) {
            (0, _) => self.figure.draw_diagram(root, ratio)?,
            (1, _) => self.figure.draw_chart(root, layer, ratio)?,
            (_, Layer::Overlay) => {}
            _ => self.figure.draw_error(root, ratio)?,
        }
        Ok(None)
    }

    fn revision(&self, canvas: usize) -> u64 {
        if canvas == 1 {
            self.revision
        } else {
            0
        }
    }

    /// The next part of a measurement under way: the chart shows the new timings once the
    /// last part is done.
    fn tick(&mut self, env: &Env<'_>) -> Outcome {
        let Some(m) = &mut self.measuring else {
            return Outcome::Ignored;
        };
        if !(env.now)().is_finite() {
            self.measuring = None;
            return Outcome::Changed;
        }
        match m.step(env.now) {
            Some(t) => {
                self.figure.set_timings(t);
                self.measuring = None;
                self.revision += 1;
                Outcome::Changed
            }
            None => Outcome::Waiting,
        }
    }

    fn input(&mut self, input: &Input<'_>, env: &Env<'_>) -> Outcome {
        match *input {
            Input::Change("n", raw) => match raw.parse::<u64>() {
                Ok(n) => self.figure.set_n(n),
                Err(_) => return Outcome::Ignored,
            },
            // Without a clock (a page with no `performance`) there is nothing to measure.
            // The timings are taken a part per frame (`tick`), while the figure is in view.
            Input::Click("measure") if (env.now)().is_finite() => {
                self.measuring = Some(Measuring::default());
            }
            _ => return Outcome::Ignored,
        }
        Outcome::Changed
    }

    fn ui(&self, ui: &mut Ui) {
        let s = self.figure.state();
        ui.text("n", s.n.to_string())
            .value("n", s.n.to_string())
            .value_text(
                "n",
                format!("n = {}: {} against {} operations", s.n, s.fd_ops, s.backprop_ops),
            )
            .label(
                "diagram",
                format!("A chain of {} layers: finite differences take {} layer operations, backprop {}, {} times fewer.", s.n, s.fd_ops, s.backprop_ops, sig(s.ratio, 4)),
            );
        if let Some(t) = &s.timings {
            let last = t.n.len().saturating_sub(1);
            ui.label(
                "chart",
                format!(
                    "Measured in this browser: at n = {}, finite differences took {} ns per gradient and backprop {} ns.",
                    t.n.get(last).copied().unwrap_or(0),
                    sig(t.fd_ns.get(last).copied().unwrap_or(0.0), 3),
                    sig(t.backprop_ns.get(last).copied().unwrap_or(0.0), 3)
                ),
            );
        }
        let busy = self.measuring.is_some();
        ui.busy(busy)
            .text(
                "measure",
                if busy {
                    "Measuring…"
                } else {
                    "Measure again"
                },
            )
            .state(&s.measuring(busy));
    }

    fn url_options(&self) -> Vec<(&'static str, String)> {
        self.figure.url_options()
    }

    /// Timed once the page shows the figure.
    fn first_action(&self) -> Option<(&'static str, i32)> {
        Some(("measure", 50))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measurement_takes_a_part_per_frame_and_shows_at_its_end() {
        // A clock 2 ms further on at each reading: every timing loop ends after one call.
        let clock = std::cell::Cell::new(0.0);
        let now = || {
            clock.set(clock.get() + 2.0);
            clock.get()
        };
        let env = Env {
            now: &now,
            reduced_motion: &|| false,
        };
        let look = |w: &CostWidget| {
            let mut ui = Ui::default();
            Widget::ui(w, &mut ui);
            (ui.moving(), ui.state.contains("\"measuring\":true"))
        };
        let mut w = CostWidget::default();
        assert_eq!(w.tick(&env), Outcome::Ignored);
        assert_eq!(w.input(&Input::Click("measure"), &env), Outcome::Changed);
        assert_eq!(look(&w), (true, true));
        // The warm-up and each length but the last: nothing to show yet.
        for part in 0..TIMED.len() {
            assert_eq!(w.tick(&env), Outcome::Waiting, "part {part}");
            assert!(w.figure.state().timings.is_none());
        }
        assert_eq!(w.tick(&env), Outcome::Changed);
        assert_eq!(look(&w), (false, false));
        assert_eq!(w.revision, 1);
        let t = w.figure.state().timings.expect("timings");
        assert_eq!(t.n, TIMED.to_vec());
        // 2 ms for one call: 2·10⁶ ns per gradient.
        assert!(t.fd_ns.iter().chain(&t.backprop_ns).all(|&ns| ns == 2e6));
        assert_eq!(w.tick(&env), Outcome::Ignored);
    }

    #[test]
    fn the_articles_table_counted() {
        let t = table();
        let got: Vec<(u64, u64, u64, f64)> =
            t.iter().map(|r| (r.n, r.fd, r.backprop, r.ratio)).collect();
        assert_eq!(
            got,
            vec![
                (2, 4, 4, 1.0),
                (5, 25, 10, 2.5),
                (10, 100, 20, 5.0),
                (100, 10_000, 200, 50.0)
            ]
        );
        let s = CostFigure::new(5).state();
        assert_eq!((s.n, s.fd_ops, s.backprop_ops, s.ratio), (5, 25, 10, 2.5));
    }

    #[test]
    fn error_curve_falls_then_rises() {
        let c = error_curve(Scheme::Forward);
        let at = |h: f64| {
            c.iter()
                .find(|(x, _)| (x.log10() - h.log10()).abs() < 1e-9)
                .unwrap()
                .1
        };
        // Truncation: error ≈ h·|sin 1|/2.
        assert!((at(1e-2) / (1e-2 * 1f64.sin() / 2.0) - 1.0).abs() < 0.01);
        // Round-off dominates at tiny h.
        assert!(at(1e-14) > 100.0 * at(1e-8));
    }

    #[test]
    fn options_and_drawing() {
        assert_eq!(
            CostFigure::from_options(&[("data-n", "10")][..])
                .unwrap()
                .n(),
            10
        );
        for bad in ["0", "101", "2.5", "many"] {
            assert!(
                CostFigure::from_options(&[("data-n", bad)][..]).is_err(),
                "{bad}"
            );
        }
        let fig = CostFigure::new(100);
        let svg = super::super::render_svg(
            800,
            |w| fig.diagram_height_for_width(w, 1.0),
            |root| fig.draw_diagram(root, 1.0),
        )
        .unwrap();
        assert!(svg.contains("10000 operations") && svg.contains("200 operations"));
    }

    #[test]
    fn the_diagram_keeps_its_height_as_n_changes() {
        // Narrow (stacked panels, titles wrapping) to wide (side by side), at two ratios.
        for (width, scale) in [(300, 1.0), (390, 1.0), (700, 1.0), (900, 2.0), (1800, 2.0)] {
            let heights: Vec<u32> = (1..=MAX_N)
                .map(|n| CostFigure::new(n).diagram_height_for_width(width, scale))
                .collect();
            assert!(
                heights.iter().all(|&h| h == heights[0]),
                "width {width}: {heights:?}"
            );
            // Room for five rows of 32 CSS px at least.
            assert!(f64::from(heights[0]) / scale > 5.0 * CELL, "{width}");
        }
    }
}
