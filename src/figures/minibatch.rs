//! The `minibatch` figure: the loss of a line fit over (w, b) depends on the data, and a
//! mini-batch sees only some of it. On the full-batch contours, as steps (−∇, so they point
//! into the plot): every example's own gradient (faint), a random batch's and the full
//! batch's (bold), the batch gradients of every resample so far with their mean, and the
//! paths of full-batch descent and SGD. Below,
//! the data with the batch marked and the current line.

use super::contour_plot::{ContourPlot, Fill, OnContours};
use super::draw;
use super::format::{num, pair};
use super::json::{Fields, Object};
use super::options::{self, OptionError, OptionErrorKind, Options};
use super::plot_area::PlotArea;
use super::point::MovablePoint;
use super::style::{self, px};
use super::widget::{self, Env, Input, Outcome, Paint, Part, Pass, Trail, Ui, Widget};
use super::{DrawError, Drawn, Layer, Root};
use crate::math::functions::Domain;
use crate::math::minibatch::{path, sample_batch, Dataset, LossSurface, Rng};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Examples in the data set.
pub const EXAMPLES: usize = 50;
/// The batch gradient's colour (the full gradient is [`style::GRADIENT`]).
pub const BATCH: RGBColor = RGBColor(0xd4, 0x6a, 0x00);
/// Steps of each path.
pub const PATH_STEPS: usize = 30;

/// What the figure shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The data set's seed.
    pub seed: u64,
    /// Examples per batch, 1 to [`EXAMPLES`].
    pub batch_size: usize,
    /// The model's slope and intercept; `None` for the default start.
    pub point: Option<[f64; 2]>,
    /// The paths' learning rate.
    pub lr: f64,
    /// Batches drawn at the point when the figure opens, at least 1 (`data-resamples`, to
    /// reopen a shared view).
    pub resamples: usize,
}

/// Largest number of batches `data-resamples` may ask for.
pub const MAX_RESAMPLES: usize = 100_000;

impl Default for Config {
    fn default() -> Self {
        Self {
            seed: 1,
            batch_size: 5,
            point: None,
            lr: 0.1,
            resamples: 1,
        }
    }
}

impl Config {
    /// Reads `data-seed`, `data-batch`, `data-w`, `data-b`, `data-lr`, `data-resamples`.
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        let whole = |key: &str, default: f64, range: (f64, f64)| -> Result<f64, OptionError> {
            let v = options::number(opts, key, default)?;
            if v.fract() != 0.0 || v < range.0 || v > range.1 {
                return Err(OptionError::new(
                    key,
                    &opts.get(key).unwrap_or_default(),
                    OptionErrorKind::OutOfRange(format!(
                        "a whole number from {} to {}",
                        range.0, range.1
                    )),
                ));
            }
            Ok(v)
        };
        let seed = whole("data-seed", 1.0, (0.0, 1e9))? as u64;
        let batch_size = whole("data-batch", 5.0, (1.0, EXAMPLES as f64))? as usize;
        let resamples = whole("data-resamples", 1.0, (1.0, MAX_RESAMPLES as f64))? as usize;
        let lr = options::number(opts, "data-lr", 0.1)?;
        if !(lr > 0.0 && lr <= 1.0) {
            return Err(OptionError::new(
                "data-lr",
                &opts.get("data-lr").unwrap_or_default(),
                OptionErrorKind::OutOfRange("a learning rate above 0, at most 1".into()),
            ));
        }
        let domain = MinibatchFigure::domain_for(&Dataset::synthetic(seed, EXAMPLES));
        let point = match (opts.get("data-w"), opts.get("data-b")) {
            (None, None) => None,
            _ => {
                let start = MinibatchFigure::default_point(&domain);
                let w = options::number(opts, "data-w", start[0])?;
                let b = options::number(opts, "data-b", start[1])?;
                for (key, v, r) in [("data-w", w, domain.x), ("data-b", b, domain.y)] {
                    if v < r.0 || v > r.1 {
                        return Err(OptionError::new(
                            key,
                            &opts.get(key).unwrap_or_default(),
                            OptionErrorKind::OutOfRange(format!(
                                "the plot shows {} to {} for this data",
                                num(r.0, 3),
                                num(r.1, 3)
                            )),
                        ));
                    }
                }
                Some([w, b])
            }
        };
        Ok(Self {
            seed,
            batch_size,
            point,
            lr,
            resamples,
        })
    }
}

/// What `data-state` reports.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Always `"minibatch"`.
    pub kind: &'static str,
    /// Examples per batch.
    pub batch_size: usize,
    /// Slope.
    pub w: f64,
    /// Intercept.
    pub b: f64,
    /// The current batch's mean gradient.
    pub batch_grad: [f64; 2],
    /// The full batch's mean gradient.
    pub full_grad: [f64; 2],
    /// The full-batch loss at (w, b).
    pub loss: f64,
    /// The current batch's example indices.
    pub batch: Vec<usize>,
    /// How many batches have been drawn at this point and size.
    pub resamples: usize,
    /// The mean of their gradients: tends to `full_grad`.
    pub mean_batch_grad: [f64; 2],
    /// The data set's seed and size.
    pub seed: u64,
    /// Number of examples.
    pub examples: usize,
    /// The least-squares (w, b).
    pub optimum: [f64; 2],
    /// The paths' learning rate.
    pub lr: f64,
    /// Full-batch descent from (w, b).
    pub gd_path: Vec<[f64; 2]>,
    /// SGD from (w, b) with a fresh batch of `batch_size` each step.
    pub sgd_path: Vec<[f64; 2]>,
}

impl Fields for State {
    fn fields(&self, o: &mut Object<'_>) {
        o.field("kind", &self.kind)
            .field("batch_size", &self.batch_size)
            .field("w", &self.w)
            .field("b", &self.b)
            .field("batch_grad", &self.batch_grad)
            .field("full_grad", &self.full_grad)
            .field("loss", &self.loss)
            .field("batch", &self.batch)
            .field("resamples", &self.resamples)
            .field("mean_batch_grad", &self.mean_batch_grad)
            .field("seed", &self.seed)
            .field("examples", &self.examples)
            .field("optimum", &self.optimum)
            .field("lr", &self.lr)
            .field("gd_path", &self.gd_path)
            .field("sgd_path", &self.sgd_path);
    }
}

/// The figure.
pub struct MinibatchFigure {
    data: Dataset,
    /// The full-batch loss as a quadratic, for the plot.
    surface: LossSurface,
    config: Config,
    point: [f64; 2],
    rng: Rng,
    batch: Vec<usize>,
    samples: Vec<[f64; 2]>,
    /// The samples' sum (their mean without reading them all each frame).
    sum: [f64; 2],
    /// Changes whenever the resamples start over (see [`super::new_generation`]).
    generation: u64,
    domain: Domain,
    plot: ContourPlot,
    optimum: [f64; 2],
}

/// The point the reader moves is the line's (w, b).
impl MovablePoint for MinibatchFigure {
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

impl MinibatchFigure {
    /// The figure for `config`, with its first `config.resamples` batches drawn.
    #[must_use]
    pub fn new(config: Config) -> Self {
        let data = Dataset::synthetic(config.seed, EXAMPLES);
        let domain = Self::domain_for(&data);
        let optimum = data.optimum();
        let surface = data.surface();
        let plot = ContourPlot::new(
            &|w, b| surface.at(w, b),
            domain,
            10,
            ("w (slope)", "b (intercept)"),
        );
        let point = config.point.unwrap_or_else(|| Self::default_point(&domain));
        let rng = Self::batch_rng(config.seed);
        let mut fig = Self {
            surface,
            data,
            config,
            point,
            rng,
            batch: Vec::new(),
            samples: Vec::new(),
            sum: [0.0; 2],
            generation: super::new_generation(),
            domain,
            plot,
            optimum,
        };
        fig.resample();
        for _ in 1..fig.config.resamples {
            fig.resample();
        }
        fig
    }

    /// The generator of the batches drawn at one point and batch size: started afresh from
    /// the seed whenever the resamples start over, so a state is fixed by the seed, the point,
    /// the batch size and the number of resamples (and a link can reopen it).
    fn batch_rng(seed: u64) -> Rng {
        Rng::new(seed.wrapping_mul(0x2545_f491_4f6c_dd1d).wrapping_add(1))
    }

    /// Clears the resamples and draws a first batch, from a fresh generator.
    fn start_over(&mut self) {
        self.rng = Self::batch_rng(self.config.seed);
        self.samples.clear();
        self.sum = [0.0; 2];
        self.generation = super::new_generation();
        self.resample();
    }

    /// The region shown: the least-squares point ± 3 on each axis.
    #[must_use]
    pub fn domain_for(data: &Dataset) -> Domain {
        let [w, b] = data.optimum();
        Domain {
            x: (w - 3.0, w + 3.0),
            y: (b - 3.0, b + 3.0),
        }
    }

    /// The default start: up and to the left of the optimum.
    #[must_use]
    pub fn default_point(d: &Domain) -> [f64; 2] {
        let (cw, cb) = ((d.x.0 + d.x.1) / 2.0, (d.y.0 + d.y.1) / 2.0);
        [cw - 1.6, cb + 1.5]
    }

    /// The data.
    #[must_use]
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// (w, b).
    #[must_use]
    pub fn point(&self) -> [f64; 2] {
        self.point
    }

    /// Draws a new batch; its gradient joins the resamples at this point.
    pub fn resample(&mut self) {
        self.batch = sample_batch(&mut self.rng, self.data.len(), self.config.batch_size);
        let [w, b] = self.point;
        let g = self.data.grad_over(&self.batch, w, b);
        self.sum = [self.sum[0] + g[0], self.sum[1] + g[1]];
        self.samples.push(g);
    }

    /// The resamples' trail: a new one whenever they start over, as long as their count.
    #[must_use]
    pub fn trail(&self) -> Trail {
        Trail {
            revision: self.generation,
            len: self.samples.len(),
        }
    }

    /// A new batch size (the resamples start over).
    pub fn set_batch_size(&mut self, size: usize) {
        let size = size.clamp(1, self.data.len());
        if size != self.config.batch_size {
            self.config.batch_size = size;
            self.start_over();
        }
    }

    /// Moves (w, b), clamped to the plot; the resamples start over. Returns true if it moved.
    pub fn set_point(&mut self, p: [f64; 2]) -> bool {
        let p = self.domain.clamp(p);
        if p == self.point || !(p[0].is_finite() && p[1].is_finite()) {
            return false;
        }
        self.point = p;
        self.start_over();
        true
    }

    /// Back to the default point, batch size kept, resamples cleared.
    pub fn reset(&mut self) {
        let start = self
            .config
            .point
            .unwrap_or_else(|| Self::default_point(&self.domain));
        self.point = start;
        self.start_over();
    }

    /// The state for `data-state`.
    #[must_use]
    pub fn state(&self) -> State {
        let [w, b] = self.point;
        let k = self.samples.len().max(1) as f64;
        let mean = [self.sum[0] / k, self.sum[1] / k];
        State {
            kind: "minibatch",
            batch_size: self.config.batch_size,
            w,
            b,
            batch_grad: self.data.grad_over(&self.batch, w, b),
            full_grad: self.data.full_grad(w, b),
            loss: self.data.loss(w, b),
            batch: self.batch.clone(),
            resamples: self.samples.len(),
            mean_batch_grad: mean,
            seed: self.config.seed,
            examples: self.data.len(),
            optimum: self.optimum,
            lr: self.config.lr,
            gd_path: self.gd_path(),
            sgd_path: self.sgd_path(),
        }
    }

    fn gd_path(&self) -> Vec<[f64; 2]> {
        path(&self.data, self.point, self.config.lr, PATH_STEPS, None)
    }

    /// SGD's batches come from a generator seeded by the resample count, so the path is
    /// fixed for a given state and changes with each resample.
    fn sgd_path(&self) -> Vec<[f64; 2]> {
        let mut rng =
            Rng::new(self.config.seed ^ (self.samples.len() as u64).wrapping_mul(0x9e37_79b9));
        path(
            &self.data,
            self.point,
            self.config.lr,
            PATH_STEPS,
            Some((self.config.batch_size, &mut rng)),
        )
    }

    /// The options that reopen this view.
    #[must_use]
    pub fn url_options(&self) -> Vec<(&'static str, String)> {
        vec![
            ("seed", self.config.seed.to_string()),
            ("batch", self.config.batch_size.to_string()),
            ("w", self.point[0].to_string()),
            ("b", self.point[1].to_string()),
            ("lr", self.config.lr.to_string()),
            ("resamples", self.samples.len().to_string()),
        ]
    }

    /// Height of the contour panel: the plot and the legend's band under it.
    #[must_use]
    pub fn height_for_width(&self, width: u32, scale: f64) -> u32 {
        self.plot.height_for_width(width, scale) + Self::key_height(width, scale)
    }

    /// The height in device pixels of the band under the contours for their legend: its
    /// rows estimated from the text's length (with the mean's entry for the most batches),
    /// so the canvas's height is known before drawing and never changes with the resamples.
    fn key_height(width: u32, scale: f64) -> u32 {
        let most = format!("mean of {MAX_RESAMPLES} batches");
        let (_, rows) = draw::flow(
            &plot_legend(&most, true),
            f64::from(width) - 2.0 * KEY_LEFT * scale,
            scale,
            |t| draw::text_width(t, 12.0 * scale),
        );
        (rows as f64 * draw::legend_row_height(scale) + 8.0 * scale).round() as u32
    }

    /// The data panel's height: the plot and the legend's band over it.
    #[must_use]
    pub fn data_height_for_width(width: u32, scale: f64) -> u32 {
        let plot = (f64::from(width) * 0.42).clamp(160.0 * scale, 300.0 * scale);
        (plot + (Self::data_key_top(width, scale) - 10.0) * scale).round() as u32
    }

    /// The data chart's top margin in CSS pixels: the legend's rows (estimated from the
    /// text's length) over the plot.
    fn data_key_top(width: u32, scale: f64) -> f64 {
        let (_, rows) = draw::flow(
            &DATA_LEGEND,
            f64::from(width) / scale - 2.0 * KEY_LEFT,
            1.0,
            |t| draw::text_width(t, 12.0),
        );
        6.0 + rows as f64 * draw::legend_row_height(1.0) + 10.0
    }

    /// The data: every example (the batch's filled and larger), the current line and the
    /// least-squares line. The static layer ([`Layer::Background`]) is the axes, the examples
    /// and the least-squares line; the overlay is the batch and the current line: a resample or
    /// a drag of (w, b) draws five dots and a line over the cached rest.
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw_data<B: DrawingBackend>(&self, root: &Root<B>, layer: Layer, scale: f64) -> Drawn {
        let (ylo, yhi) = self
            .data
            .y
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        let (width, _) = root.dim_in_pixel();
        let mut chart = style::chart(
            root,
            scale,
            [10.0, Self::data_key_top(width, scale), 16.0, 30.0, 44.0],
            (-2.1f64..2.1f64, (ylo - 0.5)..(yhi + 0.5)),
        )?;
        if layer != Layer::Overlay {
            root.fill(&WHITE)?;
            let font = style::font(12.0, scale);
            style::grid(&mut chart.configure_mesh(), 0.1)
                .x_desc("x")
                .y_desc("y")
                .x_label_formatter(&|v| num(*v, 1))
                .y_label_formatter(&|v| num(*v, 1))
                .label_style(font.clone())
                .axis_desc_style(font)
                .draw()?;
            let [ow, ob] = self.optimum;
            chart.draw_series(LineSeries::new(
                [-2.1, 2.1].map(|x| (x, ow * x + ob)),
                ShapeStyle::from(&style::GRADIENT.mix(0.6)).stroke_width(px(1.5, scale)),
            ))?;
            // Every example hollow; the batch's are filled over them in the overlay.
            chart.draw_series((0..self.data.len()).map(|i| {
                Circle::new(
                    (self.data.x[i], self.data.y[i]),
                    px(3.0, scale),
                    ShapeStyle::from(&style::MUTED).stroke_width(px(1.0, scale)),
                )
            }))?;
            // The legend in rows over the plot, off the data.
            draw::legend_rows(
                root,
                &DATA_LEGEND,
                (KEY_LEFT * scale, 6.0 * scale),
                f64::from(width) - 2.0 * KEY_LEFT * scale,
                scale,
            )?;
        }
        if layer != Layer::Background {
            // The batch's examples, filled (over their hollow circles), then the current line
            // over them.
            chart.draw_series(self.batch.iter().map(|&i| {
                Circle::new(
                    (self.data.x[i], self.data.y[i]),
                    px(5.0, scale),
                    ShapeStyle::from(&BATCH).filled(),
                )
            }))?;
            let [w, b] = self.point;
            chart.draw_series(LineSeries::new(
                [-2.1, 2.1].map(|x| (x, w * x + b)),
                ShapeStyle::from(&style::INK).stroke_width(px(2.0, scale)),
            ))?;
        }
        Ok(())
    }
}

/// Left (and right) margin of the legends' rows, CSS pixels.
const KEY_LEFT: f64 = 8.0;

/// The data chart's legend.
const DATA_LEGEND: [(&str, RGBColor, draw::Mark); 3] = [
    ("ŷ = w·x + b", style::INK, draw::Mark::Line),
    ("least squares", style::GRADIENT, draw::Mark::Line),
    ("this batch", BATCH, draw::Mark::Dot),
];

/// The contour plot's legend; the mean's entry (labelled `mean`) once there are several
/// batches.
fn plot_legend(mean: &str, several: bool) -> Vec<(&str, RGBColor, draw::Mark)> {
    let mut entries = vec![
        ("−∇L, full batch", style::GRADIENT, draw::Mark::Line),
        ("−∇L, this batch", BATCH, draw::Mark::Line),
        ("−∇ of each example", style::MUTED, draw::Mark::Line),
        ("−∇ of earlier batches (tips)", BATCH, draw::Mark::Dot),
    ];
    if several {
        entries.push((mean, style::INK, draw::Mark::Dot));
    }
    entries
}

impl OnContours for MinibatchFigure {
    fn plot(&self) -> &ContourPlot {
        &self.plot
    }

    /// The loss as a quadratic (the heat map's and level lines' values); data-state's
    /// losses are summed example by example.
    fn value(&self, x: f64, y: f64) -> f64 {
        self.surface.at(x, y)
    }

    /// Every resample's batch gradient tip from resample `from` on.
    fn draw_trail<B: DrawingBackend>(
        &self,
        root: &Root<B>,
        area: &PlotArea,
        from: usize,
        scale: f64,
    ) -> Drawn {
        let (tip, clip) = self.tips(area);
        let dot = ShapeStyle::from(&BATCH.mix(0.45)).filled();
        for g in self.samples.iter().skip(from) {
            let t = clip(tip(*g));
            root.draw(&Circle::new(
                (t.0.round() as i32, t.1.round() as i32),
                px(2.5, scale),
                dot,
            ))?;
        }
        Ok(())
    }

    fn draw_moving<B: DrawingBackend>(&self, root: &Root<B>, area: &PlotArea, scale: f64) -> Drawn {
        let [w, b] = self.point;
        let origin = area.to_pixel(self.point);
        let (tip, clip) = self.tips(area);
        let faint = ShapeStyle::from(&style::MUTED.mix(0.35)).stroke_width(px(1.0, scale));
        for i in 0..self.data.len() {
            let t = clip(tip(self.data.example_grad(i, w, b)));
            root.draw(&PathElement::new(
                vec![
                    (origin.0.round() as i32, origin.1.round() as i32),
                    (t.0.round() as i32, t.1.round() as i32),
                ],
                faint,
            ))?;
        }
        // Paths: full batch (green) and SGD (orange), both from the point.
        let inside = |p: &[f64; 2]| self.domain.clamp(*p) == *p;
        for (pts, color) in [(self.gd_path(), style::GRADIENT), (self.sgd_path(), BATCH)] {
            let line = ShapeStyle::from(&color.mix(0.9)).stroke_width(px(1.6, scale));
            let pixels: Vec<(i32, i32)> = pts
                .iter()
                .take_while(|p| inside(p))
                .map(|p| {
                    let (x, y) = area.to_pixel(*p);
                    (x.round() as i32, y.round() as i32)
                })
                .collect();
            root.draw(&PathElement::new(pixels.clone(), line))?;
            for q in pixels.iter().skip(1) {
                root.draw(&Circle::new(
                    *q,
                    px(2.2, scale),
                    ShapeStyle::from(&color).filled(),
                ))?;
            }
        }
        // The resamples' mean (their tips are the trail, under this layer).
        let state = self.state();
        if self.samples.len() > 1 {
            let m = clip(tip(state.mean_batch_grad));
            let r = px(6.0, scale) as i32;
            let (mx, my) = (m.0.round() as i32, m.1.round() as i32);
            let cross = ShapeStyle::from(&style::INK).stroke_width(px(2.0, scale));
            root.draw(&PathElement::new(
                vec![(mx - r, my - r), (mx + r, my + r)],
                cross,
            ))?;
            root.draw(&PathElement::new(
                vec![(mx - r, my + r), (mx + r, my - r)],
                cross,
            ))?;
        }
        draw::arrow(
            root,
            origin,
            clip(tip(state.full_grad)),
            style::GRADIENT,
            3.0,
            scale,
        )?;
        draw::arrow(root, origin, clip(tip(state.batch_grad)), BATCH, 3.0, scale)?;
        draw::dot(
            root,
            (origin.0.round() as i32, origin.1.round() as i32),
            7.0,
            5.5,
            style::POINT,
            scale,
        )?;
        // The legend in rows in the band under the plot (see `draw`), off the paths.
        let n = self.samples.len();
        let mean_label = format!("mean of {n} batch{}", if n == 1 { "" } else { "es" });
        let entries = plot_legend(&mean_label, self.samples.len() > 1);
        let (w, h) = root.dim_in_pixel();
        let key = Self::key_height(w, scale);
        draw::legend_rows(
            root,
            &entries,
            (
                KEY_LEFT * scale,
                f64::from(h.saturating_sub(key)) + 2.0 * scale,
            ),
            f64::from(w) - 2.0 * KEY_LEFT * scale,
            scale,
        )
    }

    /// The contours on the canvas less the legend's band at its foot (the plot keeps its
    /// equal scales), the moving layer over the whole canvas.
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        layer: Layer,
        fill: Fill<'_>,
        scale: f64,
    ) -> Result<PlotArea, DrawError> {
        let background = matches!(layer, Layer::Background | Layer::All);
        if background {
            root.fill(&WHITE)?;
        }
        let (w, h) = root.dim_in_pixel();
        let (plot, _) = root.split_vertically(h.saturating_sub(Self::key_height(w, scale)));
        // The plot's panel starts at the canvas's corner: its pixels are the canvas's.
        let area = self
            .plot()
            .draw(&plot, &|x, y| self.value(x, y), background, fill, scale)?;
        if let Some(from) = layer.trail_from() {
            self.draw_trail(root, &area, from, scale)?;
        }
        if matches!(layer, Layer::Overlay | Layer::All) {
            self.draw_moving(root, &area, scale)?;
        }
        Ok(area)
    }
}

impl MinibatchFigure {
    /// Where a gradient's arrow ends on the plot (arrows show −∇, where each gradient would
    /// step, so they point into the plot, all at one scale so lengths compare: the
    /// 90th-percentile example gradient spans 35% of it), and the clamp to the plot's edge.
    #[allow(clippy::type_complexity)]
    fn tips<'a>(
        &'a self,
        area: &'a PlotArea,
    ) -> (
        impl Fn([f64; 2]) -> (f64, f64) + 'a,
        impl Fn((f64, f64)) -> (f64, f64) + 'a,
    ) {
        let [w, b] = self.point;
        let mut norms: Vec<f64> = (0..self.data.len())
            .map(|i| {
                let g = self.data.example_grad(i, w, b);
                g[0].hypot(g[1])
            })
            .collect();
        norms.sort_by(f64::total_cmp);
        let p90 = norms[(norms.len() * 9 / 10).min(norms.len() - 1)];
        let span = self.domain.x.1 - self.domain.x.0;
        let s = if p90 > 0.0 { -0.35 * span / p90 } else { 0.0 };
        let tip = move |g: [f64; 2]| area.to_pixel([w + s * g[0], b + s * g[1]]);
        let clip = move |p: (f64, f64)| {
            (
                p.0.clamp(area.left - 4.0, area.right + 4.0),
                p.1.clamp(area.top - 4.0, area.bottom + 4.0),
            )
        };
        (tip, clip)
    }
}

/// The `minibatch` widget: the contours with the gradients as steps, a batch-size slider,
/// Resample (once and a hundred times), Reset, the data below with the batch marked.
pub struct MinibatchWidget {
    figure: MinibatchFigure,
}

impl MinibatchWidget {
    /// Reads the options (see [`Config::from_options`]).
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        Config::from_options(opts).map(|c| Self {
            figure: MinibatchFigure::new(c),
        })
    }

    /// The still picture: the default data and batch, resampled 40 times (the cloud
    /// around ∇L).
    #[must_use]
    pub fn article() -> Self {
        let mut figure = MinibatchFigure::new(Config::default());
        for _ in 0..40 {
            figure.resample();
        }
        Self { figure }
    }

    /// The figure.
    #[must_use]
    pub fn figure(&self) -> &MinibatchFigure {
        &self.figure
    }
}

impl Widget for MinibatchWidget {
    fn layout(&self) -> Vec<Part> {
        vec![
            Part::Canvas(widget::canvas(
                "plot",
                "Loss contours of a line fit over slope and intercept",
                Paint::Filled,
            )),
            widget::toolbar(vec![
                widget::button("resample", "Resample", true),
                widget::button("resample-100", "Resample ×100", false),
                widget::button("reset", "Reset", false),
                Part::Slider {
                    id: "batch",
                    caption: "batch size",
                    range: (1.0, EXAMPLES as f64, 1.0),
                    label: None,
                },
            ]),
            widget::text("summary", "gdviz-summary", ""),
            Part::Canvas(widget::chart(
                "data",
                "The data and the current line",
                Paint::Layered,
            )),
            widget::text("hint", "gdviz-hint", "Drag on the contours (or use the arrow keys) to move (w, b). Resample draws another batch: its step scatters around the full batch's, and the mean of many lands on it."),
            Part::Live,
        ]
    }

    fn height(&self, canvas: usize, width: u32, ratio: f64) -> u32 {
        if canvas == 0 {
            self.figure.height_for_width(width, ratio)
        } else {
            MinibatchFigure::data_height_for_width(width, ratio)
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
            self.figure.draw(root, layer, fill, ratio).map(Some)
        } else {
            self.figure.draw_data(root, layer, ratio).map(|()| None)
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

    /// The plot keeps every resample's tip drawn: a frame adds the new ones.
    fn trail(&self, canvas: usize) -> Option<Trail> {
        (canvas == 0).then(|| self.figure.trail())
    }

    fn input(&mut self, input: &Input<'_>, _env: &Env<'_>) -> Outcome {
        match *input {
            Input::Click("resample") => self.figure.resample(),
            Input::Click("resample-100") => {
                for _ in 0..100 {
                    self.figure.resample();
                }
            }
            Input::Click("reset") => self.figure.reset(),
            Input::Change("batch", raw) => match raw.parse::<usize>() {
                Ok(n) => self.figure.set_batch_size(n),
                Err(_) => return Outcome::Ignored,
            },
            _ => return self.figure.point_input(input).unwrap_or(Outcome::Ignored),
        }
        Outcome::Changed
    }

    fn ui(&self, ui: &mut Ui) {
        let s = self.figure.state();
        let off =
            (s.mean_batch_grad[0] - s.full_grad[0]).hypot(s.mean_batch_grad[1] - s.full_grad[1]);
        let text = format!(
            "At (w, b) = {}, loss {}: the full batch's gradient is {}; this batch of {} gives {}. Mean of {} batch{}: {}, off by {}.",
            pair([s.w, s.b], 3),
            num(s.loss, 4),
            pair(s.full_grad, 3),
            s.batch_size,
            pair(s.batch_grad, 3),
            s.resamples,
            if s.resamples == 1 { "" } else { "es" },
            pair(s.mean_batch_grad, 3),
            num(off, 3)
        );
        ui.text("batch", s.batch_size.to_string())
            .value("batch", s.batch_size.to_string())
            .label(
                "plot",
                format!(
                    "Loss contours over slope w and intercept b, with gradients as steps. {text}"
                ),
            )
            .text("summary", text.clone())
            .live(text)
            .state(&s);
    }

    fn url_options(&self) -> Vec<(&'static str, String)> {
        self.figure.url_options()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_options_reopen_the_same_batches() {
        let mut fig = MinibatchFigure::new(Config::default());
        fig.resample();
        let p = fig.point();
        assert!(fig.set_point([p[0] + 0.4, p[1] - 0.3]));
        fig.resample();
        fig.resample();
        fig.set_batch_size(7);
        for _ in 0..4 {
            fig.resample();
        }
        let map: std::collections::HashMap<String, String> = fig
            .url_options()
            .into_iter()
            .map(|(k, v)| (format!("data-{k}"), v))
            .collect();
        assert_eq!(map["data-resamples"], "5");
        let again = MinibatchFigure::new(Config::from_options(&map).unwrap());
        assert_eq!(again.state(), fig.state());
        assert_eq!(again.samples, fig.samples);
        for bad in ["0", "1.5", "100001"] {
            assert!(
                Config::from_options(&[("data-resamples", bad)][..]).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn state_gradients_match_the_data_by_hand_formulas() {
        let fig = MinibatchFigure::new(Config::default());
        let s = fig.state();
        let d = fig.data();
        let (w, b) = (s.w, s.b);
        // Full gradient: mean of 2(w·xᵢ + b − yᵢ)(xᵢ, 1).
        let n = d.len() as f64;
        let gw: f64 = (0..d.len())
            .map(|i| 2.0 * (w * d.x[i] + b - d.y[i]) * d.x[i])
            .sum::<f64>()
            / n;
        let gb: f64 = (0..d.len())
            .map(|i| 2.0 * (w * d.x[i] + b - d.y[i]))
            .sum::<f64>()
            / n;
        assert!((s.full_grad[0] - gw).abs() < 1e-12 && (s.full_grad[1] - gb).abs() < 1e-12);
        assert_eq!(s.batch.len(), 5);
        assert_eq!(s.resamples, 1);
        assert_eq!(s.mean_batch_grad, s.batch_grad);
        assert_eq!(s.gd_path.len(), PATH_STEPS + 1);
        let json = crate::figures::json::to_string(&s);
        assert!(
            json.starts_with(r#"{"kind":"minibatch","batch_size":5,"w":"#),
            "{json}"
        );
    }

    #[test]
    fn resampling_many_times_converges_to_the_full_gradient() {
        let mut fig = MinibatchFigure::new(Config::default());
        let first = fig.state();
        for _ in 0..3000 {
            fig.resample();
        }
        let s = fig.state();
        assert_eq!(s.resamples, 3001);
        let err = |m: [f64; 2]| (m[0] - s.full_grad[0]).hypot(m[1] - s.full_grad[1]);
        let norm = s.full_grad[0].hypot(s.full_grad[1]);
        assert!(
            err(s.mean_batch_grad) < 0.05 * norm,
            "{} of {norm}",
            err(s.mean_batch_grad)
        );
        assert!(err(first.batch_grad) > err(s.mean_batch_grad));
        fig.set_batch_size(50);
        let s = fig.state();
        assert_eq!(
            s.batch_grad, s.full_grad,
            "a batch of everything is the full batch"
        );
        assert_eq!(s.resamples, 1);
    }

    #[test]
    fn options_are_checked() {
        let e = |o: &[(&str, &str)]| Config::from_options(o).unwrap_err().to_string();
        assert!(e(&[("data-batch", "0")]).contains("whole number from 1 to 50"));
        assert!(e(&[("data-batch", "2.5")]).contains("whole number"));
        assert!(e(&[("data-lr", "2")]).contains("at most 1"));
        assert!(e(&[("data-w", "100")]).contains("the plot shows"));
        let c = Config::from_options(&[("data-batch", "10"), ("data-seed", "3")][..]).unwrap();
        assert_eq!((c.batch_size, c.seed, c.point), (10, 3, None));
        assert!(
            MinibatchWidget::from_options(&[("data-batch", "10"), ("data-seed", "3")][..])
                .unwrap()
                .svg(480)
                .unwrap()
                .starts_with("<svg")
        );
    }
}
