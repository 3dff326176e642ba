//! The `landscape` figure: the optimizer race of `trajectory` drawn on the 3-D surface of its
//! function, turned by dragging. Linked through `data-group` to a `trajectory`, it shows the
//! same run (function, start, η, paths, iteration) as the reader plays it there.

use super::draw;
use super::format::{num, sig};
use super::json::{Fields, Object};
use super::loss_chart::Fnv;
use super::model::Shared;
use super::options::{OptionError, Options};
use super::plot_area::PlotArea;
use super::race::{
    label, legend_entries, path_index, path_toggles, summary, Config, Race, RacePlayer, State,
    COLORS, COUNT, NAMES,
};
use super::style::{self, px};
use super::surface::Camera;
use super::widget::{self, Env, Input, Outcome, Paint, Part, Pass, Trail, Ui, Widget};
use super::{Drawn, Layer, Root};
use crate::math::functions::Function;
use crate::math::optimizers::Path;
use plotters::prelude::*;

/// Facets along each side of the surface.
const FACETS: usize = 16;

/// How heights are drawn: f from `lo` to `hi` (values above `hi` are cut flat) mapped to
/// [0, 1], on a log scale when most of the surface would otherwise be squashed flat (e.g.
/// Rosenbrock, whose walls rise to thousands around a valley near 0).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Heights {
    /// f at height 0.
    pub lo: f64,
    /// f at height 1.
    pub hi: f64,
    /// True for the log scale: height ln(1 + 99t)/ln 100 with t = (f − lo)/(hi − lo).
    pub log: bool,
}

impl Heights {
    /// The scale for `f` over its domain: from its smallest sampled value to the 95th
    /// percentile, log when the median lies in the bottom fifth of that range.
    #[must_use]
    pub fn of(f: Function) -> Self {
        let d = f.domain();
        let n = 40;
        let mut values: Vec<f64> = (0..=n)
            .flat_map(|i| {
                (0..=n).map(move |j| {
                    let x = d.x.0 + (d.x.1 - d.x.0) * f64::from(i) / f64::from(n);
                    let y = d.y.0 + (d.y.1 - d.y.0) * f64::from(j) / f64::from(n);
                    (x, y)
                })
            })
            .map(|(x, y)| f.value(x, y))
            .filter(|v| v.is_finite())
            .collect();
        values.sort_by(f64::total_cmp);
        let at = |q: f64| {
            values
                .get(((values.len() as f64 - 1.0) * q).round() as usize)
                .copied()
        };
        let (Some(lo), Some(hi), Some(mid)) = (at(0.0), at(0.95), at(0.5)) else {
            return Self {
                lo: 0.0,
                hi: 1.0,
                log: false,
            };
        };
        // A flat surface (or one whose range overflows) is drawn linearly over a unit range.
        if !(hi > lo && (hi - lo).is_finite()) {
            return Self {
                lo,
                hi: lo + 1.0,
                log: false,
            };
        }
        Self {
            lo,
            hi,
            log: (mid - lo) / (hi - lo) < 0.2,
        }
    }

    /// The height of value `v`, in [0, 1] (NaN stays NaN).
    #[must_use]
    pub fn height(&self, v: f64) -> f64 {
        let t = ((v - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0);
        if self.log {
            (99.0 * t).ln_1p() / 100f64.ln()
        } else {
            t
        }
    }

    /// The value drawn at height `h` (the inverse of [`Heights::height`]).
    #[must_use]
    pub fn value(&self, h: f64) -> f64 {
        let t = if self.log {
            (h * 100f64.ln()).exp_m1() / 99.0
        } else {
            h
        };
        self.lo + t * (self.hi - self.lo)
    }
}

/// What `data-state` reports: the run, as `trajectory` reports it, and the view.
#[derive(Clone, Debug, PartialEq)]
pub struct LandscapeState {
    /// The run (`kind` is `"landscape"`).
    pub race: State,
    /// View angle around the vertical axis, radians.
    pub yaw: f64,
    /// View angle above the horizon, radians.
    pub pitch: f64,
    /// True when heights are drawn on a log scale.
    pub log_heights: bool,
}

impl Fields for LandscapeState {
    fn fields(&self, o: &mut Object<'_>) {
        self.race.fields(o);
        o.field("yaw", &self.yaw)
            .field("pitch", &self.pitch)
            .field("log_heights", &self.log_heights);
    }
}

/// The widget: the surface, the paths on it, Play/Step/Reset and a toggle per path.
pub struct LandscapeWidget {
    race: Race,
    heights: Heights,
    camera: Camera,
    player: RacePlayer,
    /// The last drag position, CSS pixels.
    drag: (f64, f64),
    /// The camera is turning: the surface is drawn with a quarter of its facets.
    turning: bool,
}

/// The default view: turned 35° and 30° above the floor, high enough to see into valleys.
const VIEW: (f64, f64) = (35.0, 30.0);

impl LandscapeWidget {
    /// The widget showing `race` from `camera`.
    #[must_use]
    pub fn new(race: Race, camera: Camera) -> Self {
        Self {
            heights: Heights::of(race.config().function),
            race,
            camera,
            player: RacePlayer::default(),
            drag: (0.0, 0.0),
            turning: false,
        }
    }

    /// Reads `trajectory`'s options and `data-yaw`, `data-pitch` (degrees).
    ///
    /// # Errors
    /// The first unusable option.
    pub fn from_options(opts: &(impl Options + ?Sized)) -> Result<Self, OptionError> {
        let config = Config::from_options(opts)?;
        let camera = Camera::degrees(VIEW.0, VIEW.1).from_options(opts)?;
        Ok(Self::new(Race::new(config), camera))
    }

    /// The still picture: the default race on the narrow valley, 40 iterations in.
    #[must_use]
    pub fn article() -> Self {
        let config = Config {
            iter: 40,
            ..Config::default()
        };
        Self::new(Race::new(config), Camera::degrees(VIEW.0, VIEW.1))
    }

    /// The run.
    #[must_use]
    pub fn race(&self) -> &Race {
        &self.race
    }

    /// The view.
    #[must_use]
    pub fn camera(&self) -> Camera {
        self.camera
    }

    /// The state for `data-state`.
    #[must_use]
    pub fn state(&self) -> LandscapeState {
        LandscapeState {
            race: self.race.state("landscape"),
            yaw: self.camera.yaw,
            pitch: self.camera.pitch,
            log_heights: self.heights.log,
        }
    }

    /// The band under the surface for the legend (its rows estimated from the text's length,
    /// so the canvas's height is known before drawing) and the log-scale note.
    fn band(&self, width: u32, scale: f64) -> f64 {
        let entries = legend_entries(&self.race);
        let marks: Vec<(&str, RGBColor, draw::Mark)> = entries
            .iter()
            .map(|(t, c, k)| (t.as_str(), *c, draw::Mark::Shape(*k)))
            .collect();
        let (_, rows) = draw::flow(&marks, f64::from(width) - 16.0 * scale, scale, |t| {
            draw::text_width(t, 12.0 * scale)
        });
        let note = if self.heights.log { 16.0 } else { 0.0 };
        rows as f64 * draw::legend_row_height(scale) + (10.0 + note) * scale
    }

    /// The canvas height for a width: the surface and the legend's band.
    #[must_use]
    pub fn height_for_width(&self, width: u32, scale: f64) -> u32 {
        let surface = (f64::from(width) * 0.7).clamp(280.0 * scale, 640.0 * scale);
        (surface + self.band(width, scale)).round() as u32
    }

    /// Draws the surface, the paths on it and the legend.
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw_surface<B: DrawingBackend>(&self, root: &Root<B>, scale: f64) -> Drawn {
        self.draw_layer(root, Layer::All, scale)
    }

    /// Draws one layer: the static one (the surface, its axes and the legend), the paths
    /// from an iteration on (the trail), the start's dot (the overlay), or all of them.
    ///
    /// # Errors
    /// If the backend fails.
    pub fn draw_layer<B: DrawingBackend>(&self, root: &Root<B>, layer: Layer, scale: f64) -> Drawn {
        let background = matches!(layer, Layer::Background | Layer::All);
        if background {
            root.fill(&WHITE)?;
        }
        let c = self.race.config();
        let f = c.function;
        let d = f.domain();
        let hs = self.heights;
        let (w, h) = root.dim_in_pixel();
        let band = self.band(w, scale);
        let (plot, key) = root.split_vertically((f64::from(h) - band).max(0.0).round() as u32);
        // On a narrow card the far axis's end label reaches over the box's top corner: a
        // wider top margin keeps it on the canvas.
        let narrow = f64::from(w) < 560.0 * scale;
        let mut chart = ChartBuilder::on(&plot)
            .margin(px(8.0, scale))
            .margin_top(px(if narrow { 16.0 } else { 8.0 }, scale))
            .build_cartesian_3d(d.x.0..d.x.1, 0.0..1.0, d.y.0..d.y.1)?;
        let camera = self.camera;
        // Plotters fits the box to the plot's shorter side, so on a wide card it filled the
        // middle only: stretched across (about the centre) to use the width, at most 1.6×.
        let (pw, ph) = plot.dim_in_pixel();
        let stretch = (0.85 * f64::from(pw) / (0.93 * f64::from(ph).max(1.0))).clamp(1.0, 1.6);
        let cx = f64::from(pw) / 2.0;
        chart.with_projection(|mut p| {
            p.yaw = camera.yaw;
            p.pitch = camera.pitch;
            p.scale = 0.76;
            let mut m = p.into_matrix();
            let rows = m.as_mut();
            for v in &mut rows[0][..3] {
                *v *= stretch;
            }
            rows[0][3] = stretch * rows[0][3] + (1.0 - stretch) * cx;
            m
        });
        let (bx, by) = root.get_base_pixel();
        let coord = chart.as_coord_spec().clone();
        if background {
            let height_label = |v: &f64| {
                let value = hs.value(*v);
                if hs.log || value.abs() >= 1e4 {
                    sig(value, 2)
                } else {
                    num(value, 1)
                }
            };
            chart
                .configure_axes()
                .light_grid_style(style::LEVEL.mix(0.08))
                .bold_grid_style(style::LEVEL.mix(0.18))
                .max_light_lines(1)
                .tick_size(px(TICK, scale) as i32)
                .label_style(
                    (style::FONT, px(11.0, scale))
                        .into_font()
                        .color(&style::MUTED),
                )
                .x_formatter(&|v| num(*v, 1))
                .y_formatter(&height_label)
                .z_formatter(&|v| num(*v, 1))
                .draw()?;
            // Plotters' y is up: the input plane is its (x, z) plane.
            let along = |r: (f64, f64), n: usize| -> Vec<f64> {
                (0..=n)
                    .map(|i| r.0 + (r.1 - r.0) * i as f64 / n as f64)
                    .collect()
            };
            // While the camera turns, a quarter of the facets (see `SurfaceFigure::set_turning`).
            let facets = if self.turning { FACETS / 2 } else { FACETS };
            let (xs, ys) = (along(d.x, facets), along(d.y, facets));
            let height = |x: f64, y: f64| {
                let v = hs.height(f.value(x, y));
                if v.is_finite() {
                    v
                } else {
                    0.0
                }
            };
            let shade = |z: &f64| {
                // 48 shades: neighbouring facets share a colour, so the canvas sets it once for a
                // run of them.
                let [r, g, b] = style::ramp((z * 48.0).round() / 48.0);
                RGBColor(r, g, b).mix(0.85).filled()
            };
            chart.draw_series(
                SurfaceSeries::xoz(xs.iter().copied(), ys.iter().copied(), height)
                    .style_func(&shade),
            )?;
            // Mesh lines every quarter of the domain (every fourth facet at rest, every second
            // while turning), on a grid twice as fine as the whole surface's so they follow it.
            let mesh = ShapeStyle::from(&style::LEVEL.mix(0.3)).stroke_width(1);
            let (fine_x, fine_y) = (along(d.x, 2 * FACETS), along(d.y, 2 * FACETS));
            for &x in xs.iter().step_by(facets / 4) {
                chart.draw_series(LineSeries::new(
                    fine_y.iter().map(|&y| (x, height(x, y), y)),
                    mesh,
                ))?;
            }
            for &y in ys.iter().step_by(facets / 4) {
                chart.draw_series(LineSeries::new(
                    fine_x.iter().map(|&x| (x, height(x, y), y)),
                    mesh,
                ))?;
            }
            let ends = [[d.x.0, 0.0, d.y.0], [d.x.1, 1.0, d.y.1]];
            let longest = |a: String, b: String| {
                draw::measure(root, &a, 11.0, scale).max(draw::measure(root, &b, 11.0, scale))
            };
            let label_w = [
                longest(num(d.x.0, 1), num(d.x.1, 1)),
                longest(height_label(&0.0), height_label(&1.0)),
                longest(num(d.y.0, 1), num(d.y.1, 1)),
            ];
            for (idx, name) in ["x", "f", "y"].into_iter().enumerate() {
                let at = axis_title_at(&coord, (bx, by), ends, idx, label_w[idx], (pw, ph), scale);
                // Inside the plot's part of the canvas (on a narrow card the title past the
                // height labels would fall off the left edge).
                let half = (
                    draw::measure(root, name, 13.0, scale) / 2.0 + scale,
                    9.0 * scale,
                );
                let at = (
                    at.0.clamp(half.0, (f64::from(pw) - half.0).max(half.0)),
                    at.1.clamp(half.1, (f64::from(ph) - half.1).max(half.1)),
                );
                draw::centered(root, name, at, 13.0, style::INK, scale)?;
            }
            let entries = legend_entries(&self.race);
            let marks: Vec<(&str, RGBColor, draw::Mark)> = entries
                .iter()
                .map(|(t, c, k)| (t.as_str(), *c, draw::Mark::Shape(*k)))
                .collect();
            let left = 8.0 * scale;
            draw::legend_rows(
                &key,
                &marks,
                (left, 2.0 * scale),
                f64::from(w) - 2.0 * left,
                scale,
            )?;
            if hs.log {
                let font = (style::FONT, px(11.0, scale))
                    .into_font()
                    .color(&style::MUTED);
                let (_, kh) = key.dim_in_pixel();
                key.draw(&Text::new(
                    "Heights on a log scale, so the valley floor shows.".to_owned(),
                    (
                        left.round() as i32,
                        (f64::from(kh) - 16.0 * scale).round() as i32,
                    ),
                    font,
                ))?;
            }
        }
        let inside =
            |p: &[f64; 2]| p[0] >= d.x.0 && p[0] <= d.x.1 && p[1] >= d.y.0 && p[1] <= d.y.1;
        // Each point sits a little above the surface, so the path reads over the facets.
        let to = |p: &[f64; 2], loss: f64| {
            let (x, y) = coord.translate(&(p[0], hs.height(loss) + 0.01, p[1]));
            (x - bx, y - by)
        };
        if let Some(from) = layer.trail_from() {
            self.draw_paths(root, from, inside, to, scale)?;
        }
        if matches!(layer, Layer::Overlay | Layer::All) {
            let [sx, sy] = c.start;
            draw::dot(
                root,
                to(&c.start, f.value(sx, sy)),
                7.0,
                5.5,
                style::POINT,
                scale,
            )?;
        }
        Ok(())
    }

    /// The shown paths from iteration `from` on, iteration by iteration: each path's segment
    /// to its new point, then that point's marker (the order a run drawn a frame at a time
    /// has, so one drawn whole shows the same crossings). A point off the plot or with no
    /// finite loss breaks its path.
    fn draw_paths<B: DrawingBackend>(
        &self,
        root: &Root<B>,
        from: usize,
        inside: impl Fn(&[f64; 2]) -> bool,
        to: impl Fn(&[f64; 2], f64) -> (i32, i32),
        scale: f64,
    ) -> Drawn {
        let c = self.race.config();
        let shown: Vec<(usize, &Path)> = (0..COUNT)
            .filter(|&k| c.enabled[k])
            .map(|k| (k, &self.race.paths()[k]))
            .collect();
        let ok = |path: &Path, i: usize| -> Option<([f64; 2], f64)> {
            let (p, l) = (*path.points.get(i)?, *path.losses.get(i)?);
            (inside(&p) && l.is_finite()).then_some((p, l))
        };
        let longest = shown.iter().map(|(_, p)| p.points.len()).max().unwrap_or(0);
        for i in from.max(1)..longest {
            for &(k, path) in &shown {
                let Some((p, loss)) = ok(path, i) else {
                    continue;
                };
                let b = to(&p, loss);
                if let Some((q, l)) = ok(path, i - 1) {
                    let line = ShapeStyle::from(&COLORS[k]).stroke_width(px(2.0, scale));
                    root.draw(&PathElement::new(vec![to(&q, l), b], line))?;
                }
                draw::marker(root, k, b, 3.0, COLORS[k], scale)?;
            }
        }
        Ok(())
    }
}

/// The 3-D axes' tick length in CSS pixels (plotters sets their labels two ticks out).
const TICK: f64 = 5.0;

/// Where axis `idx`'s title goes (plotters' order: x, height, y), in `root`'s pixels: beside
/// the middle of the edge plotters labels that axis on, beyond its tick labels (`label_w`
/// pixels at the widest). The edge and the side are chosen as plotters chooses them: the
/// nearest edge of the back panels, the labels off the edge horizontally or vertically,
/// whichever is more across it, away from the plot's centre.
fn axis_title_at<X, Y, Z>(
    coord: &plotters::coord::ranged3d::Cartesian3d<X, Y, Z>,
    (bx, by): (i32, i32),
    ends: [[f64; 3]; 2],
    idx: usize,
    label_w: f64,
    (pw, ph): (u32, u32),
    scale: f64,
) -> (f64, f64)
where
    X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Z: plotters::coord::ranged1d::Ranged<ValueType = f64>,
{
    let depth = |p: [f64; 3]| coord.projected_depth(&p[0], &p[1], &p[2]);
    let pixel = |p: [f64; 3]| {
        let (x, y) = coord.translate(&(p[0], p[1], p[2]));
        (x - bx, y - by)
    };
    // Each axis's back panel: the end whose corner lies deeper.
    let back: Vec<f64> = (0..3)
        .map(|i| {
            let mut far = ends[0];
            far[i] = ends[1][i];
            if depth(ends[0]) >= depth(far) {
                ends[0][i]
            } else {
                ends[1][i]
            }
        })
        .collect();
    // The candidate edges: on each other axis's back panel, at either end of the third.
    let edges = (0..3).filter(|&i| i != idx).flat_map(|i| {
        let j = 3 - i - idx;
        ends.map(|end| {
            let mut a = ends[0];
            a[i] = back[i];
            a[j] = end[j];
            let mut b = a;
            b[idx] = ends[1][idx];
            [a, b]
        })
    });
    let Some([a, b]) = edges.min_by_key(|&[a, b]| (depth(a) + depth(b), pixel(a).1 + pixel(b).1))
    else {
        return (0.0, 0.0);
    };
    let (pa, pb) = (pixel(a), pixel(b));
    let along = (f64::from(pb.0 - pa.0), f64::from(pb.1 - pa.1));
    let sx = if f64::from(pa.0) < f64::from(pw) / 2.0 {
        -1.0
    } else {
        1.0
    };
    let sy = if f64::from(pa.1) < f64::from(ph) / 2.0 {
        -1.0
    } else {
        1.0
    };
    let mid = (f64::from(pa.0 + pb.0) / 2.0, f64::from(pa.1 + pb.1) / 2.0);
    let out = 2.0 * TICK * scale;
    if along.0.abs() < along.1.abs() {
        // Labels to the side: the title past the widest.
        (mid.0 + sx * (out + label_w + 12.0 * scale), mid.1)
    } else {
        // Labels above or below: the title past their line.
        (mid.0, mid.1 + sy * (out + 22.0 * scale))
    }
}

impl Widget for LandscapeWidget {
    fn layout(&self) -> Vec<Part> {
        vec![
            Part::Canvas(widget::canvas(
                "plot",
                "Optimizer paths on the surface",
                Paint::Layered,
            )),
            widget::toolbar(vec![
                widget::button("play", "Play", true),
                widget::button("step", "Step", false),
                widget::button("reset", "Reset", false),
            ]),
            path_toggles(),
            widget::text("summary", "gdviz-summary", ""),
            widget::text(
                "hint",
                "gdviz-hint",
                "Drag the surface to turn it (or focus it: A, D and the left and right arrows turn; W, S, up and down tilt).",
            ),
            Part::Live,
        ]
    }

    fn height(&self, _canvas: usize, width: u32, ratio: f64) -> u32 {
        self.height_for_width(width, ratio)
    }

    fn draw<B: DrawingBackend>(&self, root: &Root<B>, pass: Pass<'_>) -> Drawn<Option<PlotArea>> {
        self.draw_layer(root, pass.layer, pass.ratio).map(|()| None)
    }

    /// The surface, its axes and the legend hold while the view, the heights and the
    /// legend's texts do (a turn redraws them every frame; Play does not).
    fn revision(&self, _canvas: usize) -> u64 {
        let mut h = Fnv::default();
        for v in [
            self.camera.yaw,
            self.camera.pitch,
            self.heights.lo,
            self.heights.hi,
        ] {
            h.add(v.to_bits());
        }
        h.add(u64::from(self.turning) | u64::from(self.heights.log) << 1);
        for (text, _, k) in legend_entries(&self.race) {
            h.add(k as u64);
            for b in text.bytes() {
                h.add(u64::from(b));
            }
        }
        h.0
    }

    /// The paths are kept on their own layer over the surface: a step draws one segment
    /// and one marker per path.
    fn trail(&self, _canvas: usize) -> Option<Trail> {
        Some(Trail {
            revision: self.race.generation(),
            len: self.race.iter() + 1,
        })
    }

    /// One iteration per frame while playing.
    fn tick(&mut self, _env: &Env<'_>) -> Outcome {
        self.player.tick(&mut self.race)
    }

    fn input(&mut self, input: &Input<'_>, env: &Env<'_>) -> Outcome {
        match *input {
            Input::Press(p) => {
                self.drag = (p.x / p.ratio, p.y / p.ratio);
                self.turning = true;
                Outcome::Changed
            }
            // The turn ends: the surface whole again.
            Input::Release(_) if self.turning => {
                self.turning = false;
                Outcome::Changed
            }
            Input::Drag(p) => {
                let (x, y) = (p.x / p.ratio, p.y / p.ratio);
                self.camera.rotate(x - self.drag.0, y - self.drag.1);
                self.drag = (x, y);
                Outcome::Changed
            }
            Input::Key { key, shift, .. } => {
                let key = match key {
                    "ArrowLeft" => "a",
                    "ArrowRight" => "d",
                    "ArrowUp" => "w",
                    "ArrowDown" => "s",
                    k => k,
                };
                Outcome::from(self.camera.key(key, shift))
            }
            Input::Click(id) if self.player.click(id, &mut self.race, env) => Outcome::Shared,
            Input::Click(id) => match path_index(id) {
                Some(k) => {
                    self.race.toggle(k);
                    Outcome::Shared
                }
                None => Outcome::Ignored,
            },
            Input::Change(..) | Input::Release(_) => Outcome::Ignored,
        }
    }

    fn ui(&self, ui: &mut Ui) {
        let c = self.race.config();
        ui.playing("play", "Play", self.player.playing())
            .disabled("step", self.race.finished());
        for (k, name) in NAMES.iter().enumerate() {
            ui.pressed(name, c.enabled[k])
                .text(name, label(k, &c.hyper));
        }
        let text = summary(&self.race);
        ui.label(
            "plot",
            format!(
                "The surface f(x, y) = {} in 3-D, seen from {}° around and {}° above, with the optimizer paths on it{}. {text}",
                c.function.formula(),
                num(self.camera.yaw.to_degrees(), 0),
                num(self.camera.pitch.to_degrees(), 0),
                if self.heights.log { " (heights on a log scale)" } else { "" }
            ),
        );
        if !self.player.playing() {
            ui.live(text.clone());
        }
        ui.text("summary", text);
        // The paths and losses, gathered only for a frame that writes them.
        if ui.wants_state() {
            ui.state(&self.state());
        }
    }

    /// Each path's `data-paths` key toggles it, like its button.
    fn action_aliases(&self) -> Vec<&'static str> {
        super::race::path_keys()
    }

    fn url_options(&self) -> Vec<(&'static str, String)> {
        let mut v = self.race.url_options();
        v.extend(self.camera.url_options());
        v
    }

    fn shared(&self) -> Option<Shared> {
        Some(Shared::Race(Box::new(self.race.now())))
    }

    fn receive(&mut self, shared: &Shared) -> bool {
        let function = self.race.config().function;
        let taken = match shared {
            Shared::Race(c) => {
                self.race.sync(c);
                false
            }
            // A momentum map's setting, as `trajectory` takes it.
            Shared::Momentum(s) => self.race.take_momentum(s),
            _ => false,
        };
        if self.race.config().function != function {
            self.heights = Heights::of(self.race.config().function);
        }
        if self.race.finished() || taken {
            self.player.stop();
        }
        taken
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_are_linear_for_bowls_and_log_for_rosenbrock() {
        let bowl = Heights::of(Function::Bowl);
        assert!(!bowl.log);
        assert_eq!(bowl.lo, 0.0);
        let r = Heights::of(Function::Rosenbrock);
        assert!(r.log, "{r:?}");
        for v in [0.0f64, 1.0, 37.5, 400.0] {
            for hs in [bowl, r] {
                let back = hs.value(hs.height(v.min(hs.hi)));
                assert!(
                    (back - v.min(hs.hi)).abs() < 1e-9 * (1.0 + v),
                    "{v}: {back}"
                );
            }
        }
        // A flat typed function: linear, over a unit range, every height finite.
        let flat = Heights::of(Function::parse("1").unwrap());
        assert!(!flat.log && flat.hi == flat.lo + 1.0, "{flat:?}");
        assert_eq!(flat.height(1.0), 0.0);
        // Above the 95th percentile the surface is cut flat.
        assert_eq!(r.height(1e9), 1.0);
        assert_eq!(r.height(-1.0), 0.0);
    }

    #[test]
    fn options_state_and_turning() {
        let mut w = LandscapeWidget::from_options(
            &[
                ("data-fn", "bowl"),
                ("data-paths", "adam,gd"),
                ("data-iter", "3"),
                ("data-yaw", "90"),
                ("data-pitch", "30"),
            ][..],
        )
        .unwrap();
        let s = w.state();
        assert_eq!(s.race.kind, "landscape");
        assert_eq!(s.race.iter, 3);
        assert_eq!(
            s.race.paths.keys().copied().collect::<Vec<_>>(),
            ["adam", "gd"]
        );
        // Bowl from (3, 4) with η = 0.1: gradient descent multiplies by 0.8 each step.
        let gd = s.race.paths["gd"][3];
        assert!((gd[0] - 3.0 * 0.512).abs() < 1e-12 && (gd[1] - 4.0 * 0.512).abs() < 1e-12);
        assert!((s.yaw - 90f64.to_radians()).abs() < 1e-4);
        let json = crate::figures::json::to_string(&s);
        assert!(
            json.starts_with(r#"{"kind":"landscape","fn":"bowl""#),
            "{json}"
        );
        assert!(json.contains(r#""log_heights":false"#));
        let key = |k| Input::Key {
            canvas: 0,
            key: k,
            shift: false,
        };
        assert_eq!(w.input(&key("ArrowRight"), &Env::still()), Outcome::Changed);
        assert!((w.camera().yaw - 95f64.to_radians()).abs() < 1e-4);
        // Dragging turns it: 10 CSS pixels left (20 backing pixels at ratio 2) is 0.1 radian.
        let at = |x: f64| crate::figures::widget::Pointer {
            canvas: 0,
            x,
            y: 100.0,
            ratio: 2.0,
            width: 800,
            area: None,
        };
        let yaw = w.camera().yaw;
        assert_eq!(
            w.input(&Input::Press(at(400.0)), &Env::still()),
            Outcome::Changed
        );
        assert_eq!(
            w.input(&Input::Drag(at(380.0)), &Env::still()),
            Outcome::Changed
        );
        assert!(
            (w.camera().yaw - (yaw + 0.1)).abs() < 1e-4,
            "{}",
            w.camera().yaw
        );
        assert_eq!(w.input(&key("q"), &Env::still()), Outcome::Ignored);
        assert!(LandscapeWidget::from_options(&[("data-paths", "sgd")][..]).is_err());
        assert!(w.svg(390).unwrap().starts_with("<svg"));
    }

    /// A turn draws the surface with a quarter of its facets; the release draws it whole.
    #[test]
    fn a_turn_draws_a_coarse_surface_until_released() {
        let mut w = LandscapeWidget::article();
        let facets = |w: &LandscapeWidget| w.svg(640).unwrap().matches("<polygon").count();
        let whole = facets(&w);
        let at = |x: f64| crate::figures::widget::Pointer {
            canvas: 0,
            x,
            y: 200.0,
            ratio: 1.0,
            width: 640,
            area: None,
        };
        assert_eq!(
            w.input(&Input::Press(at(300.0)), &Env::still()),
            Outcome::Changed
        );
        let turning = facets(&w);
        // 256 facets against 64, with the same markers and arrowheads.
        assert!(
            whole >= 256 && whole - turning >= 180,
            "{whole} / {turning}"
        );
        assert_eq!(w.input(&Input::Release(0), &Env::still()), Outcome::Changed);
        assert_eq!(facets(&w), whole);
        assert_eq!(w.input(&Input::Release(0), &Env::still()), Outcome::Ignored);
    }

    #[test]
    fn it_follows_a_grouped_trajectory() {
        let mut w = LandscapeWidget::article();
        let mut lead = Race::new(Config {
            function: Function::Rosenbrock,
            start: [-1.5, 2.5],
            lr: 0.0015,
            ..Config::default()
        });
        for _ in 0..12 {
            lead.step();
        }
        w.receive(&Shared::Race(Box::new(lead.now())));
        assert!(w.heights.log);
        assert_eq!(w.state().race, lead.state("landscape"));
        // Play here is shared back.
        assert_eq!(
            w.input(&Input::Click("step"), &Env::still()),
            Outcome::Shared
        );
        match w.shared() {
            Some(Shared::Race(c)) => assert_eq!(c.iter, 13),
            other => panic!("{other:?}"),
        }
    }
}
