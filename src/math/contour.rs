//! Level curves by marching squares over a sampled grid.
//!
//! plotters has no contour series, so the figures draw the polylines this module returns.
//! Each grid cell's four corners are classified as inside (value ≥ level) or outside; the
//! cell's case picks which edges the level line crosses, the crossing points are linearly
//! interpolated along the edges, and segments that share an edge point are joined into
//! polylines — closed loops where the line stays inside the grid, open lines where it
//! leaves it. Saddle cells (two opposite corners inside) are disambiguated by the mean of
//! the four corners, the value at the cell's centre.

use super::functions::Domain;

/// Values of a function sampled on a regular grid over a rectangle.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// Number of samples along x (≥ 2).
    pub nx: usize,
    /// Number of samples along y (≥ 2).
    pub ny: usize,
    /// The rectangle the samples span, corners included.
    pub domain: Domain,
    /// Row-major samples: `values[j * nx + i]` is f at (xᵢ, yⱼ).
    pub values: Vec<f64>,
}

impl Grid {
    /// Samples `f` at `nx × ny` evenly spaced points of `domain` (corners included).
    ///
    /// # Panics
    /// If `nx < 2` or `ny < 2`.
    #[must_use]
    pub fn sample(f: impl Fn(f64, f64) -> f64, domain: Domain, nx: usize, ny: usize) -> Self {
        assert!(nx >= 2 && ny >= 2, "a grid needs at least 2×2 samples");
        let mut values = Vec::with_capacity(nx * ny);
        for j in 0..ny {
            let y = lerp(domain.y, j as f64 / (ny - 1) as f64);
            for i in 0..nx {
                values.push(f(lerp(domain.x, i as f64 / (nx - 1) as f64), y));
            }
        }
        Self {
            nx,
            ny,
            domain,
            values,
        }
    }

    /// The sample at column `i`, row `j`.
    #[must_use]
    pub fn at(&self, i: usize, j: usize) -> f64 {
        self.values[j * self.nx + i]
    }

    /// The point of column `i`, row `j` (fractional indices allowed).
    #[must_use]
    pub fn point(&self, i: f64, j: f64) -> [f64; 2] {
        [
            lerp(self.domain.x, i / (self.nx - 1) as f64),
            lerp(self.domain.y, j / (self.ny - 1) as f64),
        ]
    }

    /// Smallest and largest finite sample, or `None` if there is none.
    #[must_use]
    pub fn range(&self) -> Option<(f64, f64)> {
        let mut it = self.values.iter().copied().filter(|v| v.is_finite());
        let first = it.next()?;
        Some(it.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
    }
}

fn lerp((a, b): (f64, f64), t: f64) -> f64 {
    a + (b - a) * t
}

/// One level line: a polyline in data coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelLine {
    /// The value of f along the line.
    pub level: f64,
    /// The points, in order. A closed line does not repeat its first point.
    pub points: Vec<[f64; 2]>,
    /// True for a loop that stays inside the grid.
    pub closed: bool,
}

/// Which cell edges each of the 16 cases joins. Bits: 1 = bottom-left corner (i, j),
/// 2 = bottom-right, 4 = top-right, 8 = top-left. Edges: B(ottom), R(ight), T(op), L(eft).
/// Saddles (5 and 10) are listed for a centre *outside*; `segments` swaps them otherwise.
#[derive(Clone, Copy)]
enum Side {
    B,
    R,
    T,
    L,
}
use Side::{B, L, R, T};
const CASES: [&[(Side, Side)]; 16] = [
    &[],
    &[(L, B)],
    &[(B, R)],
    &[(L, R)],
    &[(R, T)],
    &[(L, B), (R, T)],
    &[(B, T)],
    &[(L, T)],
    &[(L, T)],
    &[(B, T)],
    &[(B, R), (L, T)],
    &[(R, T)],
    &[(L, R)],
    &[(B, R)],
    &[(L, B)],
    &[],
];

/// The level lines of `grid` at `level`.
#[must_use]
pub fn level_lines(grid: &Grid, level: f64) -> Vec<LevelLine> {
    Tracer::new(grid).lines(level)
}

/// No segment (an empty slot of an edge).
const NONE: u32 = u32::MAX;

/// Traces level lines of one grid at many levels, reusing its tables.
///
/// Every grid edge has a number: horizontal edges (i, j)–(i+1, j) first, row by row, then
/// vertical edges (i, j)–(i, j+1). An edge point is shared by at most two segments (the two
/// cells on either side of the edge), so the segments at each edge fit in a two-slot table
/// indexed by edge number: no hashing. Each cell's value range is computed once, so a level
/// only visits the cells it crosses.
pub struct Tracer<'g> {
    grid: &'g Grid,
    /// Per cell (row-major, (nx−1) × (ny−1)): the smallest and largest corner, or (∞, −∞)
    /// for a cell with a non-finite corner (skipped).
    range: Vec<(f64, f64)>,
    /// Per edge: the segments ending on it, in the order they were found.
    slots: Vec<[u32; 2]>,
    /// The current level's segments, as pairs of edge numbers.
    segments: Vec<(u32, u32)>,
}

impl<'g> Tracer<'g> {
    /// Tables for `grid`.
    #[must_use]
    pub fn new(grid: &'g Grid) -> Self {
        let (nx, ny) = (grid.nx, grid.ny);
        let mut range = Vec::with_capacity((nx - 1) * (ny - 1));
        for rows in grid.values.chunks_exact(nx).collect::<Vec<_>>().windows(2) {
            let (below, above) = (rows[0], rows[1]);
            for i in 0..nx - 1 {
                let c = [below[i], below[i + 1], above[i + 1], above[i]];
                range.push(if c.iter().all(|v| v.is_finite()) {
                    (
                        c[0].min(c[1]).min(c[2].min(c[3])),
                        c[0].max(c[1]).max(c[2].max(c[3])),
                    )
                } else {
                    (f64::INFINITY, f64::NEG_INFINITY)
                });
            }
        }
        Self {
            grid,
            range,
            slots: vec![[NONE; 2]; (nx - 1) * ny + nx * (ny - 1)],
            segments: Vec::new(),
        }
    }

    /// The number of edge `side` of cell (i, j).
    fn edge(&self, i: usize, j: usize, side: Side) -> u32 {
        let (nx, ny) = (self.grid.nx, self.grid.ny);
        let horizontal = |i: usize, j: usize| j * (nx - 1) + i;
        let vertical = |i: usize, j: usize| (nx - 1) * ny + j * nx + i;
        (match side {
            B => horizontal(i, j),
            T => horizontal(i, j + 1),
            L => vertical(i, j),
            R => vertical(i + 1, j),
        }) as u32
    }

    /// The grid point where `level` crosses edge `e`, linearly interpolated.
    fn crossing(&self, level: f64, e: u32) -> [f64; 2] {
        let (nx, ny, g) = (self.grid.nx, self.grid.ny, self.grid);
        let e = e as usize;
        let horizontal = (nx - 1) * ny;
        let (i, j, di, dj) = if e < horizontal {
            (e % (nx - 1), e / (nx - 1), 1, 0)
        } else {
            ((e - horizontal) % nx, (e - horizontal) / nx, 0, 1)
        };
        let (a, b) = (g.at(i, j), g.at(i + di, j + dj));
        let t = ((level - a) / (b - a)).clamp(0.0, 1.0);
        g.point(i as f64 + t * di as f64, j as f64 + t * dj as f64)
    }

    /// The level lines at `level`: open lines (from one end) first, then closed loops.
    pub fn lines(&mut self, level: f64) -> Vec<LevelLine> {
        self.find_segments(level);
        let lines = self.join(level);
        for &(a, b) in &self.segments {
            self.slots[a as usize] = [NONE; 2];
            self.slots[b as usize] = [NONE; 2];
        }
        lines
    }

    /// Marching squares over the cells `level` crosses; fills `segments` and `slots`.
    fn find_segments(&mut self, level: f64) {
        self.segments.clear();
        let (nx, g) = (self.grid.nx, self.grid);
        for (c, &(lo, hi)) in self.range.iter().enumerate() {
            // Cases 0 and 15 (all corners on one side) have no segment.
            if !(lo < level && hi >= level) {
                continue;
            }
            let (i, j) = (c % (nx - 1), c / (nx - 1));
            let corners = [
                g.at(i, j),
                g.at(i + 1, j),
                g.at(i + 1, j + 1),
                g.at(i, j + 1),
            ];
            let case = corners
                .iter()
                .enumerate()
                .fold(0, |acc, (bit, &v)| acc | (usize::from(v >= level) << bit));
            let centre_inside = corners.iter().sum::<f64>() / 4.0 >= level;
            let pairs: &[(Side, Side)] = match (case, centre_inside) {
                (5, true) => &[(B, R), (L, T)],
                (10, true) => &[(L, B), (R, T)],
                _ => CASES[case],
            };
            for &(a, b) in pairs {
                let (a, b) = (self.edge(i, j, a), self.edge(i, j, b));
                let k = self.segments.len() as u32;
                for e in [a, b] {
                    let slot = &mut self.slots[e as usize];
                    let free = usize::from(slot[0] != NONE);
                    debug_assert!(slot[1] == NONE, "an edge point has at most two segments");
                    slot[free] = k;
                }
                self.segments.push((a, b));
            }
        }
    }

    /// Joins the segments that share an edge point into polylines.
    fn join(&self, level: f64) -> Vec<LevelLine> {
        let segments = &self.segments;
        let other = |edge: u32, from: u32| {
            self.slots[edge as usize]
                .into_iter()
                .find(|&k| k != NONE && k != from)
        };
        let lonely = |edge: u32| self.slots[edge as usize][1] == NONE;
        let mut used = vec![false; segments.len()];
        let mut lines = Vec::new();
        // Open lines first, starting from an end (an edge point with one segment), then loops.
        let ends = segments
            .iter()
            .enumerate()
            .flat_map(|(k, &(a, b))| [(k, a), (k, b)])
            .filter(|&(_, e)| lonely(e));
        let loops = segments.iter().enumerate().map(|(k, &(a, _))| (k, a));
        for (first, start_edge) in ends.chain(loops) {
            if used[first] {
                continue;
            }
            let mut edges = vec![start_edge];
            let (mut k, mut edge) = (first, start_edge);
            let closed = loop {
                used[k] = true;
                let (a, b) = segments[k];
                edge = if a == edge { b } else { a };
                if edge == start_edge {
                    break true;
                }
                edges.push(edge);
                match other(edge, k as u32) {
                    Some(next) if !used[next as usize] => k = next as usize,
                    _ => break false,
                }
            };
            let points = edges.into_iter().map(|e| self.crossing(level, e)).collect();
            lines.push(LevelLine {
                level,
                points,
                closed,
            });
        }
        lines
    }
}

/// Up to about `count` evenly spaced levels strictly inside (lo, hi), at multiples of a
/// step of 1, 2, 2.5 or 5 times a power of ten.
#[must_use]
pub fn nice_levels(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo || count == 0 {
        return Vec::new();
    }
    let raw = (hi - lo) / (count as f64 + 1.0);
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).floor() as i64 + 1;
    (first..)
        .map(|k| k as f64 * step)
        .take_while(|&v| v < hi)
        .filter(|&v| v > lo)
        .collect()
}

/// Levels 1, 2, 5 × 10ᵏ strictly inside (lo, hi), for a positive function whose values span
/// decades (Rosenbrock, Himmelblau): evenly spaced levels would all crowd the walls.
#[must_use]
pub fn log_levels(lo: f64, hi: f64) -> Vec<f64> {
    if !(hi.is_finite() && hi > 0.0) || hi <= lo {
        return Vec::new();
    }
    let floor = lo.max(hi * 1e-4);
    let mut levels = Vec::new();
    let mut decade = 10f64.powf(floor.log10().floor());
    while decade < hi {
        for m in [1.0, 2.0, 5.0] {
            let v = m * decade;
            if v > lo && v > floor && v < hi {
                levels.push(v);
            }
        }
        decade *= 10.0;
    }
    levels
}

/// Levels suited to the grid's values: logarithmic for a non-negative function whose median is
/// below a tenth of its maximum, evenly spaced (about `count`) otherwise.
#[must_use]
pub fn auto_levels(grid: &Grid, count: usize) -> Vec<f64> {
    let Some((lo, hi)) = grid.range() else {
        return Vec::new();
    };
    let mut finite: Vec<f64> = grid
        .values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    let mid = finite.len() / 2;
    let median = *finite.select_nth_unstable_by(mid, f64::total_cmp).1;
    if lo >= 0.0 && median < hi / 10.0 {
        log_levels(lo, hi)
    } else {
        nice_levels(lo, hi, count)
    }
}

#[cfg(test)]
mod reference {
    //! The first implementation: segments joined through a hash map of edge points.
    use super::{Grid, LevelLine, Side, CASES};
    use std::collections::HashMap;
    use Side::{B, L, R, T};

    /// An edge of the grid: horizontal from (i, j) to (i+1, j), or vertical from (i, j) to (i, j+1).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    enum Edge {
        H(usize, usize),
        V(usize, usize),
    }

    /// The level lines of `grid` at `level`.
    pub fn level_lines(grid: &Grid, level: f64) -> Vec<LevelLine> {
        let mut segments: Vec<(Edge, Edge)> = Vec::new();
        for j in 0..grid.ny - 1 {
            for i in 0..grid.nx - 1 {
                let corners = [
                    grid.at(i, j),
                    grid.at(i + 1, j),
                    grid.at(i + 1, j + 1),
                    grid.at(i, j + 1),
                ];
                if corners.iter().any(|v| !v.is_finite()) {
                    continue;
                }
                let case = corners
                    .iter()
                    .enumerate()
                    .fold(0, |acc, (bit, &v)| acc | (usize::from(v >= level) << bit));
                let edge = |side: Side| match side {
                    B => Edge::H(i, j),
                    T => Edge::H(i, j + 1),
                    L => Edge::V(i, j),
                    R => Edge::V(i + 1, j),
                };
                let centre_inside = corners.iter().sum::<f64>() / 4.0 >= level;
                let pairs: &[(Side, Side)] = match (case, centre_inside) {
                    (5, true) => &[(B, R), (L, T)],
                    (10, true) => &[(L, B), (R, T)],
                    _ => CASES[case],
                };
                segments.extend(pairs.iter().map(|&(a, b)| (edge(a), edge(b))));
            }
        }
        join(grid, level, &segments)
    }

    fn crossing(grid: &Grid, level: f64, edge: Edge) -> [f64; 2] {
        let (i, j, di, dj) = match edge {
            Edge::H(i, j) => (i, j, 1, 0),
            Edge::V(i, j) => (i, j, 0, 1),
        };
        let (a, b) = (grid.at(i, j), grid.at(i + di, j + dj));
        let t = ((level - a) / (b - a)).clamp(0.0, 1.0);
        grid.point(i as f64 + t * di as f64, j as f64 + t * dj as f64)
    }

    /// Joins segments that share an edge point into polylines.
    fn join(grid: &Grid, level: f64, segments: &[(Edge, Edge)]) -> Vec<LevelLine> {
        let mut at_edge: HashMap<Edge, Vec<usize>> = HashMap::with_capacity(segments.len() * 2);
        for (k, &(a, b)) in segments.iter().enumerate() {
            at_edge.entry(a).or_default().push(k);
            at_edge.entry(b).or_default().push(k);
        }
        let other = |edge: Edge, from: usize| at_edge[&edge].iter().copied().find(|&k| k != from);
        let mut used = vec![false; segments.len()];
        let mut lines = Vec::new();
        // Open lines first, starting from an end (an edge point with one segment), then loops.
        let ends = segments
            .iter()
            .enumerate()
            .flat_map(|(k, &(a, b))| [(k, a), (k, b)]);
        let starts: Vec<(usize, Edge)> = ends
            .filter(|(_, e)| at_edge[e].len() == 1)
            .chain(segments.iter().enumerate().map(|(k, &(a, _))| (k, a)))
            .collect();
        for (first, start_edge) in starts {
            if used[first] {
                continue;
            }
            let mut edges = vec![start_edge];
            let (mut k, mut edge) = (first, start_edge);
            let closed = loop {
                used[k] = true;
                let (a, b) = segments[k];
                edge = if a == edge { b } else { a };
                if edge == start_edge {
                    break true;
                }
                edges.push(edge);
                match other(edge, k) {
                    Some(next) if !used[next] => k = next,
                    _ => break false,
                }
            };
            let points = edges
                .into_iter()
                .map(|e| crossing(grid, level, e))
                .collect();
            lines.push(LevelLine {
                level,
                points,
                closed,
            });
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bowl_grid(n: usize) -> Grid {
        Grid::sample(|x, y| x * x + y * y, Domain::square(5.0), n, n)
    }

    #[test]
    fn a_circle_is_one_closed_loop_on_the_circle() {
        let g = bowl_grid(41);
        let lines = level_lines(&g, 9.0);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].closed);
        assert!(lines[0].points.len() > 20);
        for p in &lines[0].points {
            // Linear interpolation of x² on a 0.25 grid is off by at most h²/4 ≈ 0.016.
            assert!((p[0] * p[0] + p[1] * p[1] - 9.0).abs() < 0.02, "{p:?}");
        }
    }

    #[test]
    fn a_line_that_leaves_the_grid_is_open_and_ends_on_the_border() {
        // f = x: the level line x = 1.3 is a vertical line from the bottom to the top edge.
        let g = Grid::sample(|x, _| x, Domain::square(2.0), 9, 9);
        let lines = level_lines(&g, 1.3);
        assert_eq!(lines.len(), 1);
        let line = &lines[0];
        assert!(!line.closed);
        assert_eq!(line.points.len(), 9);
        assert!(line.points.iter().all(|p| (p[0] - 1.3).abs() < 1e-12));
        let ys: Vec<f64> = [line.points[0][1], line.points[8][1]].to_vec();
        assert!(ys.contains(&-2.0) && ys.contains(&2.0));
    }

    #[test]
    fn saddle_cells_follow_the_centre_value() {
        // One cell, corners (bl, br, tr, tl) = (1, 0, 1, 0): case 5, centre 0.5.
        let g = Grid {
            nx: 2,
            ny: 2,
            domain: Domain::square(1.0),
            values: vec![1.0, 0.0, 0.0, 1.0],
        };
        // values are row-major: (0,0)=1, (1,0)=0, (0,1)=0, (1,1)=1.
        // Level 0.4: centre 0.5 inside → the inside corners connect; the two segments cut off
        // the outside corners (1,0) and (0,1).
        let lines = level_lines(&g, 0.4);
        assert_eq!(lines.len(), 2);
        for l in &lines {
            let mid = [
                (l.points[0][0] + l.points[1][0]) / 2.0,
                (l.points[0][1] + l.points[1][1]) / 2.0,
            ];
            // Each segment sits near an outside corner: (1, −1) or (−1, 1).
            assert!(mid[0] * mid[1] < 0.0, "{mid:?}");
        }
        // Level 0.6: centre outside → the segments cut off the inside corners (−1,−1) and (1,1).
        for l in &level_lines(&g, 0.6) {
            let mid = [
                (l.points[0][0] + l.points[1][0]) / 2.0,
                (l.points[0][1] + l.points[1][1]) / 2.0,
            ];
            assert!(mid[0] * mid[1] > 0.0, "{mid:?}");
        }
    }

    #[test]
    fn non_finite_cells_are_skipped() {
        let g = Grid::sample(
            |x, y| if x > 0.0 { f64::NAN } else { x + y },
            Domain::square(1.0),
            5,
            5,
        );
        for l in level_lines(&g, 0.1) {
            assert!(l
                .points
                .iter()
                .all(|p| p[0].is_finite() && p[1].is_finite()));
        }
    }

    #[test]
    fn nice_and_log_levels() {
        assert_eq!(
            nice_levels(0.0, 50.0, 9),
            vec![5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0]
        );
        assert_eq!(
            nice_levels(-25.0, 25.0, 8),
            vec![-20.0, -10.0, 0.0, 10.0, 20.0]
        );
        assert_eq!(
            nice_levels(-25.0, 25.0, 9),
            vec![-20.0, -15.0, -10.0, -5.0, 0.0, 5.0, 10.0, 15.0, 20.0]
        );
        assert_eq!(nice_levels(0.0, 1.0, 3), vec![0.25, 0.5, 0.75]);
        assert!(nice_levels(1.0, 1.0, 5).is_empty());
        assert_eq!(
            log_levels(0.0, 60.0),
            vec![0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0]
        );
    }

    #[test]
    fn auto_levels_pick_log_spacing_for_rosenbrock_only() {
        let bowl = bowl_grid(21);
        assert_eq!(auto_levels(&bowl, 9), nice_levels(0.0, 50.0, 9));
        let rosen = Grid::sample(
            |x, y| (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
            Domain {
                x: (-2.0, 2.0),
                y: (-1.0, 3.0),
            },
            41,
            41,
        );
        let levels = auto_levels(&rosen, 9);
        assert!(levels.contains(&1.0) && levels.contains(&100.0));
    }
}

#[cfg(test)]
mod same_as_reference {
    use super::*;

    /// Deterministic noise in [0, 1) (SplitMix64).
    fn noise(seed: &mut u64) -> f64 {
        *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }

    fn assert_same(grid: &Grid, levels: &[f64]) {
        let mut tracer = Tracer::new(grid);
        for &l in levels {
            assert_eq!(
                tracer.lines(l),
                reference::level_lines(grid, l),
                "level {l}"
            );
        }
    }

    #[test]
    fn the_tracer_gives_the_hashing_implementations_lines_point_for_point() {
        let himmelblau = |x: f64, y: f64| (x * x + y - 11.0).powi(2) + (x + y * y - 7.0).powi(2);
        let g = Grid::sample(himmelblau, Domain::square(5.0), 121, 97);
        assert_same(&g, &auto_levels(&g, 20));
        // Noise: many saddles, tiny loops and lines ending on the border.
        let mut seed = 7;
        let values = (0..40 * 31).map(|_| noise(&mut seed)).collect();
        let g = Grid {
            nx: 40,
            ny: 31,
            domain: Domain::square(1.0),
            values,
        };
        assert_same(&g, &[0.1, 0.25, 0.5, 0.75, 0.9]);
        // Holes where the function is undefined, and levels at sample values exactly.
        let g = Grid::sample(
            |x, y| {
                if x * y > 1.0 {
                    f64::NAN
                } else {
                    (x * 2.0).round() + y
                }
            },
            Domain::square(2.0),
            33,
            33,
        );
        assert_same(&g, &[-1.0, 0.0, 0.5, 1.0, 2.0]);
    }
}
