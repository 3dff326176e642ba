//! Filled contours with d3-contour's semantics: for a threshold t, the MultiPolygon that
//! encloses every grid value ≥ t.
//!
//! This is the algorithm of `d3.contours()` (d3-contour 4), re-expressed for speed:
//!
//! - sample `(i, j)` is the unit pixel `[i, i+1] × [j, j+1]`; the grid is padded with values
//!   below every threshold, so every ring closes;
//! - marching squares over the padded grid, with d3's sixteen cases (saddles are not
//!   disambiguated), visiting cells in d3's order and stitching segments into rings exactly
//!   as d3 does, so rings come out in the same order with the same points;
//! - each point on an edge between two samples is moved by linear interpolation;
//! - rings with positive (d3-signed) area are exteriors; every other ring is a hole, given
//!   to the first exterior that contains it.
//!
//! Where d3 scans the whole grid once per threshold, this sorts the thresholds, gives each
//! sample its level (how many thresholds are ≤ it) and each cell the range of thresholds
//! that cross it, and files the cells under those thresholds in one pass: a threshold then
//! visits only the cells its rings pass through, still in d3's order. Where d3 keeps
//! fragments in objects and grows rings with `concat`/`unshift`, this keeps every point in
//! one arena with `next` links (joining two fragments is O(1)), indexes fragment ends in a
//! flat array reused across thresholds, and tests a hole against an exterior's bounding box
//! before the exact point-in-ring test.
//!
//! Non-finite values follow d3: NaN counts as below every threshold and as −∞ when
//! interpolating.

use std::ops::Range;

/// d3's marching-squares table: for each case (bit 0: sample (x, y+1), bit 1: (x+1, y+1),
/// bit 2: (x+1, y), bit 3: (x, y) at or above the threshold), the segments as
/// `[start, end]` in half-units relative to the cell's origin.
const CASES: [&[[[u8; 2]; 2]]; 16] = [
    &[],
    &[[[2, 3], [1, 2]]],
    &[[[3, 2], [2, 3]]],
    &[[[3, 2], [1, 2]]],
    &[[[2, 1], [3, 2]]],
    &[[[2, 3], [1, 2]], [[2, 1], [3, 2]]],
    &[[[2, 1], [2, 3]]],
    &[[[2, 1], [1, 2]]],
    &[[[1, 2], [2, 1]]],
    &[[[2, 3], [2, 1]]],
    &[[[1, 2], [2, 1]], [[3, 2], [2, 3]]],
    &[[[3, 2], [2, 1]]],
    &[[[1, 2], [3, 2]]],
    &[[[2, 3], [3, 2]]],
    &[[[1, 2], [2, 3]]],
    &[],
];

const NONE: u32 = u32::MAX;

/// One threshold's result: polygons, each a list of rings (the exterior first, then its
/// holes), each ring a closed list of `[x, y]` points (the first point repeated at the end).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MultiPolygon {
    /// The threshold.
    pub value: f64,
    /// Polygons → rings → points.
    pub polygons: Vec<Vec<Vec<[f64; 2]>>>,
}

impl MultiPolygon {
    /// The enclosed area: exteriors minus holes (d3's ring orientation, made positive).
    #[must_use]
    pub fn area(&self) -> f64 {
        self.polygons
            .iter()
            .flatten()
            .map(|ring| signed_area(ring))
            .sum::<f64>()
            / 2.0
    }
}

/// Twice the ring's area, signed as d3 signs it (positive for an exterior).
#[must_use]
pub fn signed_area(ring: &[[f64; 2]]) -> f64 {
    let n = ring.len();
    if n == 0 {
        return 0.0;
    }
    let mut area = ring[n - 1][1] * ring[0][0] - ring[n - 1][0] * ring[0][1];
    for i in 1..n {
        area += ring[i - 1][1] * ring[i][0] - ring[i - 1][0] * ring[i][1];
    }
    area
}

/// A fragment of a ring being stitched: the arena indices of its first and last points and
/// the keys of the edge points at its two ends.
#[derive(Clone, Copy, Default)]
struct Fragment {
    head: u32,
    tail: u32,
    start: u32,
    end: u32,
}

/// Reusable scratch space for [`Contours::contours`]: extracting many thresholds of one grid
/// allocates once.
pub struct Contours<'a> {
    values: &'a [f64],
    dx: usize,
    dy: usize,
    /// For each edge point (see [`Stitch::key`]): the fragment starting there and the one
    /// ending there.
    ends: Vec<[u32; 2]>,
    fragments: Vec<Fragment>,
    /// Point arena: half-unit coordinates and the next point of the same fragment.
    points: Vec<(u32, u32, u32)>,
    /// The grid padded by one sample on every side, each sample replaced by its level: how
    /// many of the (sorted) thresholds are ≤ it, 0 for NaN and the padding. A sample is at or
    /// above threshold `i` exactly when its level is > `i`.
    levels: Vec<u32>,
    /// Cells whose corners' levels differ: the index in `levels` of their top-left corner and
    /// the range `lo..hi` of thresholds that cross them.
    mixed: Vec<(u32, u32, u32)>,
    /// For each threshold in turn, the cells it crosses, in d3's order (row by row).
    crossed: Vec<u32>,
}

impl<'a> Contours<'a> {
    /// Prepares to contour `values` (row-major, `width × height`).
    ///
    /// # Errors
    /// If `values.len() != width * height` or the grid is too large to index.
    pub fn new(values: &'a [f64], width: usize, height: usize) -> Result<Self, String> {
        let cells = width.checked_mul(height).ok_or("the grid is too large")?;
        if values.len() != cells {
            return Err(format!(
                "{} values do not fill a {width} × {height} grid ({cells} values)",
                values.len()
            ));
        }
        let fits = |n: Option<usize>| n.filter(|&n| n < NONE as usize);
        let keys = fits(
            (width + 1)
                .checked_mul(2)
                .and_then(|w| w.checked_mul(height + 1)),
        );
        let padded = fits((width + 2).checked_mul(height + 2));
        let (Some(keys), Some(_)) = (keys, padded) else {
            return Err("the grid is too large".into());
        };
        Ok(Self {
            values,
            dx: width,
            dy: height,
            ends: vec![[NONE; 2]; keys],
            fragments: Vec::new(),
            points: Vec::new(),
            levels: Vec::new(),
            mixed: Vec::new(),
            crossed: Vec::new(),
        })
    }

    /// The MultiPolygon enclosing the values ≥ `value`.
    pub fn contour(&mut self, value: f64) -> MultiPolygon {
        self.contours(&[value]).pop().unwrap_or_default()
    }

    /// For each threshold, sorted ascending first (as d3 sorts them), the MultiPolygon
    /// enclosing the values ≥ it. A NaN threshold (d3 refuses them) sorts last and encloses
    /// nothing.
    pub fn contours(&mut self, thresholds: &[f64]) -> Vec<MultiPolygon> {
        let mut sorted = thresholds.to_vec();
        sorted.sort_by(f64::total_cmp);
        let starts = self.cross(&sorted);
        // A cell has at most two segments, and a segment adds at most one fragment and two
        // points: room for the threshold that crosses the most cells.
        let most = starts.windows(2).map(|s| s[1] - s[0]).max().unwrap_or(0);
        self.fragments.clear();
        self.fragments.resize(2 * most, Fragment::default());
        self.points.clear();
        self.points.resize(4 * most, (0, 0, NONE));
        let mut rings = Vec::new();
        sorted
            .iter()
            .enumerate()
            .map(|(i, &value)| {
                rings.clear();
                self.isorings(i as u32, value, starts[i]..starts[i + 1], &mut rings);
                multipolygon(value, rings.drain(..))
            })
            .collect()
    }

    /// Computes `levels` for the `sorted` thresholds and sorts the cells into `crossed` by
    /// the thresholds that cross them; returns where each threshold's cells start (and, last,
    /// where they all end). Threshold `i` crosses a cell when some corner is at or above it
    /// and some below: when the least of the corners' levels is ≤ `i` and the greatest > `i`.
    /// So each threshold visits only the cells its rings pass through, not the whole grid.
    fn cross(&mut self, sorted: &[f64]) -> Vec<usize> {
        let (dx, dy) = (self.dx, self.dy);
        let w = dx + 2;
        self.levels.clear();
        self.levels.resize(w * (dy + 2), 0);
        self.mixed.clear();
        self.crossed.clear();
        let mut starts = vec![0; sorted.len() + 1];
        if dx == 0 || dy == 0 {
            return starts;
        }
        // Plain loops over slices: the release profile optimises for size, which leaves
        // iterator adapters and `Vec` indexing as calls.
        let values = self.values;
        let levels: &mut [u32] = &mut self.levels;
        let (mut k, n) = (0, sorted.len());
        for y in 0..dy {
            let (row, padded) = (y * dx, (y + 1) * w + 1);
            let mut x = 0;
            while x < dx {
                // Neighbours mostly share a level: try the last one before searching.
                let v = values[row + x];
                if !((k == 0 || sorted[k - 1] <= v) && (k == n || sorted[k] > v)) {
                    k = level(sorted, v);
                }
                levels[padded + x] = k as u32;
                x += 1;
            }
        }
        // Cells (x, y) for x in -1..dx and y in -1..dy, row by row: the top-left corner of
        // cell (x, y) is padded sample (x + 1, y + 1).
        let levels: &[u32] = levels;
        let counts: &mut [usize] = &mut starts;
        for y in 0..=dy {
            let mut p = y * w;
            let (mut a, mut c) = (levels[p], levels[p + w]);
            while p < y * w + dx + 1 {
                let (b, d) = (levels[p + 1], levels[p + w + 1]);
                let (lo, hi) = (a.min(b).min(c.min(d)), a.max(b).max(c.max(d)));
                if lo != hi {
                    self.mixed.push((p as u32, lo, hi));
                    let mut t = lo as usize;
                    while t < hi as usize {
                        counts[t] += 1;
                        t += 1;
                    }
                }
                (a, c) = (b, d);
                p += 1;
            }
        }
        // Counts to starts; `next` is where each threshold's next cell goes.
        let mut total = 0;
        for n in &mut starts {
            (*n, total) = (total, total + *n);
        }
        self.crossed.resize(total, 0);
        let mut next = starts.clone();
        let (next, crossed, mixed): (&mut [usize], &mut [u32], &[_]) =
            (&mut next, &mut self.crossed, &self.mixed);
        let mut m = 0;
        while m < mixed.len() {
            let (p, lo, hi) = mixed[m];
            let mut t = lo as usize;
            while t < hi as usize {
                crossed[next[t]] = p;
                next[t] += 1;
                t += 1;
            }
            m += 1;
        }
        starts
    }

    /// Marching squares for threshold number `level` over its crossed `cells`: each ring in
    /// the order it closes.
    fn isorings(
        &mut self,
        level: u32,
        value: f64,
        cells: Range<usize>,
        rings: &mut Vec<Vec<[f64; 2]>>,
    ) {
        let w = self.dx + 2;
        let (values, dx, dy) = (self.values, self.dx, self.dy);
        let levels: &[u32] = &self.levels;
        let crossed: &[u32] = &self.crossed[cells];
        let mut s = Stitch {
            ends: &mut self.ends,
            fragments: &mut self.fragments,
            points: &mut self.points,
            fragment_count: 0,
            point_count: 0,
            dx1: dx as u32 + 1,
        };
        // The cells come row by row: `row` is the index of the current row's first corner.
        let (mut y, mut row) = (0, 0);
        let mut k = 0;
        while k < crossed.len() {
            let p = crossed[k] as usize;
            while p >= row + w {
                y += 1;
                row += w;
            }
            let case = u8::from(levels[p + w] > level)
                | u8::from(levels[p + w + 1] > level) << 1
                | u8::from(levels[p + 1] > level) << 2
                | u8::from(levels[p] > level) << 3;
            // Half-unit coordinates of cell (x - 1, y - 1)'s origin, plus 2. Cells at x = -1
            // or y = -1 only have cases whose points lie at offset ≥ 2 on that axis, so no
            // coordinate is negative.
            let (x2, y2) = (2 * (p - row) as u32, 2 * y);
            let lines = CASES[case as usize];
            let mut l = 0;
            while l < lines.len() {
                let [a, b] = lines[l];
                let start = (x2 + u32::from(a[0]) - 2, y2 + u32::from(a[1]) - 2);
                let end = (x2 + u32::from(b[0]) - 2, y2 + u32::from(b[1]) - 2);
                if let Some(head) = s.add(start, end) {
                    rings.push(ring(s.points, head, values, dx, dy, value));
                }
                l += 1;
            }
            k += 1;
        }
    }
}

/// d3's stitching of segments into rings, over `Contours`' scratch space.
struct Stitch<'s> {
    ends: &'s mut [[u32; 2]],
    fragments: &'s mut [Fragment],
    points: &'s mut [(u32, u32, u32)],
    fragment_count: usize,
    point_count: usize,
    /// dx + 1.
    dx1: u32,
}

impl Stitch<'_> {
    /// A point's key, unique as d3's `index(point)` is: of its half-unit coordinates one is
    /// odd and the other even (a point lies on an edge between two samples), so `hy` and
    /// `hx / 2` (≤ dx) tell points apart.
    #[inline(always)]
    fn key(&self, (hx, hy): (u32, u32)) -> usize {
        (hy * self.dx1 + hx / 2) as usize
    }

    #[inline(always)]
    fn point(&mut self, (hx, hy): (u32, u32), next: u32) -> u32 {
        let i = self.point_count;
        self.points[i] = (hx, hy, next);
        self.point_count += 1;
        i as u32
    }

    /// Adds segment `start → end` as d3 does: it extends the fragment ending at `start`
    /// (joining it to the one starting at `end`, or closing it into a ring), or else the one
    /// starting at `end`, or else starts a fragment. Returns the head of a ring it closes.
    #[inline(always)]
    fn add(&mut self, start: (u32, u32), end: (u32, u32)) -> Option<u32> {
        let (si, ei) = (self.key(start), self.key(end));
        let f = self.ends[si][1];
        if f != NONE {
            let mut fr = self.fragments[f as usize];
            self.ends[si][1] = NONE;
            let g = self.ends[ei][0];
            if g == f {
                self.ends[ei][0] = NONE;
                let p = self.point(end, NONE);
                self.points[fr.tail as usize].2 = p;
                return Some(fr.head);
            }
            if g == NONE {
                let p = self.point(end, NONE);
                self.points[fr.tail as usize].2 = p;
                (fr.tail, fr.end) = (p, ei as u32);
            } else {
                // Joined: fragment f takes over g's points and end.
                let gr = self.fragments[g as usize];
                self.ends[ei][0] = NONE;
                self.points[fr.tail as usize].2 = gr.head;
                (fr.tail, fr.end) = (gr.tail, gr.end);
            }
            self.fragments[f as usize] = fr;
            self.ends[fr.end as usize][1] = f;
            return None;
        }
        // (d3 then also looks for a fragment ending at `start`, found to be none above.)
        let f = self.ends[ei][0];
        if f != NONE {
            let mut fr = self.fragments[f as usize];
            self.ends[ei][0] = NONE;
            fr.head = self.point(start, fr.head);
            fr.start = si as u32;
            self.fragments[f as usize] = fr;
            self.ends[si][0] = f;
            return None;
        }
        let tail = self.point(end, NONE);
        let head = self.point(start, tail);
        let f = self.fragment_count;
        self.fragments[f] = Fragment {
            head,
            tail,
            start: si as u32,
            end: ei as u32,
        };
        self.fragment_count += 1;
        self.ends[si][0] = f as u32;
        self.ends[ei][1] = f as u32;
        None
    }
}

/// Walks a closed fragment from `head`, smoothing each point as d3's `smoothLinear` does.
fn ring(
    points: &[(u32, u32, u32)],
    head: u32,
    values: &[f64],
    dx: usize,
    dy: usize,
    value: f64,
) -> Vec<[f64; 2]> {
    let mut ring = Vec::new();
    let mut i = head;
    while i != NONE {
        let (hx, hy, next) = points[i as usize];
        let (mut x, mut y) = (f64::from(hx) / 2.0, f64::from(hy) / 2.0);
        let (xt, yt) = ((hx / 2) as usize, (hy / 2) as usize);
        if hx % 2 == 0 && hx > 0 && xt < dx {
            // A point on a vertical edge between samples (xt-1, yt) and (xt, yt).
            let v1 = valid(values[yt * dx + xt]);
            x = smooth1(x, valid(values[yt * dx + xt - 1]), v1, value);
        }
        if hy % 2 == 0 && hy > 0 && yt < dy {
            let v1 = valid(values[yt * dx + xt]);
            y = smooth1(y, valid(values[(yt - 1) * dx + xt]), v1, value);
        }
        ring.push([x, y]);
        i = next;
    }
    ring
}

/// Sorts `rings` into polygons as d3 does: rings with positive area are exteriors, each
/// other ring a hole of the first exterior that contains it.
fn multipolygon(value: f64, rings: impl Iterator<Item = Vec<[f64; 2]>>) -> MultiPolygon {
    let mut polygons: Vec<Vec<Vec<[f64; 2]>>> = Vec::new();
    let mut boxes: Vec<[f64; 4]> = Vec::new();
    let mut holes = Vec::new();
    for ring in rings {
        if signed_area(&ring) > 0.0 {
            boxes.push(bounding_box(&ring));
            polygons.push(vec![ring]);
        } else {
            holes.push(ring);
        }
    }
    let mut rows: Vec<(bool, Option<Rows>)> = Vec::new();
    rows.resize_with(polygons.len(), || (false, None));
    for hole in holes {
        let first = hole[0];
        let mut target = None;
        for (i, b) in boxes.iter().enumerate() {
            // A first point outside the box makes d3's test answer "outside" at once.
            if first[0] < b[0] || first[0] > b[2] || first[1] < b[1] || first[1] > b[3] {
                continue;
            }
            // An exterior's edges are filed by row once it is tested a second time.
            let exterior = &polygons[i][0];
            let (tested, index) = &mut rows[i];
            if *tested && index.is_none() && exterior.len() > 32 {
                *index = Rows::new(exterior);
            }
            *tested = true;
            if contains(exterior, index.as_ref(), &hole) != -1 {
                target = Some(i);
                break;
            }
        }
        if let Some(i) = target {
            polygons[i].push(hole);
        }
    }
    MultiPolygon { value, polygons }
}

/// Every threshold's MultiPolygon, the thresholds sorted ascending first as d3 sorts an
/// array of thresholds (see [`Contours::contours`]).
///
/// # Errors
/// If `values` does not fill the grid, or a threshold is NaN (d3 throws "invalid value").
pub fn contours(
    values: &[f64],
    width: usize,
    height: usize,
    thresholds: &[f64],
) -> Result<Vec<MultiPolygon>, String> {
    if let Some(t) = thresholds.iter().find(|t| t.is_nan()) {
        return Err(format!("invalid threshold: {t}"));
    }
    Ok(Contours::new(values, width, height)?.contours(thresholds))
}

/// How many of the `sorted` thresholds are ≤ `v` (0 for NaN): a binary search without
/// branches on the data.
fn level(sorted: &[f64], v: f64) -> usize {
    if sorted.is_empty() {
        return 0;
    }
    // `base` is the last index whose threshold is ≤ v, or 0 if there is none.
    let (mut base, mut size) = (0, sorted.len());
    while size > 1 {
        let half = size / 2;
        let mid = base + half;
        base = if sorted[mid] <= v { mid } else { base };
        size -= half;
    }
    base + usize::from(sorted[base] <= v)
}

fn valid(v: f64) -> f64 {
    if v.is_nan() {
        f64::NEG_INFINITY
    } else {
        v
    }
}

fn smooth1(x: f64, v0: f64, v1: f64, value: f64) -> f64 {
    let a = value - v0;
    let b = v1 - v0;
    let d = if a.is_finite() || b.is_finite() {
        a / b
    } else {
        js_sign(a) / js_sign(b)
    };
    if d.is_nan() {
        x
    } else {
        x + d - 0.5
    }
}

/// JavaScript's `Math.sign` (0 for ±0, NaN for NaN).
fn js_sign(v: f64) -> f64 {
    if v > 0.0 {
        1.0
    } else if v < 0.0 {
        -1.0
    } else {
        v
    }
}

fn bounding_box(ring: &[[f64; 2]]) -> [f64; 4] {
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    // Comparisons rather than `min`/`max` (calls in the size-optimised build); a NaN
    // coordinate is skipped either way.
    for &[x, y] in ring {
        if x < b[0] {
            b[0] = x;
        }
        if y < b[1] {
            b[1] = y;
        }
        if x > b[2] {
            b[2] = x;
        }
        if y > b[3] {
            b[3] = y;
        }
    }
    b
}

/// d3's `contains(ring, hole)`: the first non-zero answer of the hole's points.
fn contains(ring: &[[f64; 2]], rows: Option<&Rows>, hole: &[[f64; 2]]) -> i32 {
    for &p in hole {
        let c = match rows {
            Some(rows) => rows.ring_contains(ring, p),
            None => ring_contains(ring, p),
        };
        if c != 0 {
            return c;
        }
    }
    0
}

/// 1 inside, -1 outside, 0 on the ring.
fn ring_contains(ring: &[[f64; 2]], point: [f64; 2]) -> i32 {
    let mut inside = -1;
    for i in 0..ring.len() {
        match edge(ring, i, point) {
            None => return 0,
            Some(true) => inside = -inside,
            Some(false) => {}
        }
    }
    inside
}

/// d3's test of `point` against edge `i` of `ring` (from point `i - 1`, or the last, to point
/// `i`): `None` if the point lies on it, else whether it crosses the ray from the point
/// towards +x.
#[inline(always)]
fn edge(ring: &[[f64; 2]], i: usize, point: [f64; 2]) -> Option<bool> {
    let [x, y] = point;
    let j = if i == 0 { ring.len() - 1 } else { i - 1 };
    let (pi, pj) = (ring[i], ring[j]);
    if segment_contains(pi, pj, point) {
        return None;
    }
    let (xi, yi, xj, yj) = (pi[0], pi[1], pj[0], pj[1]);
    Some((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
}

/// A ring's edges filed by the unit rows of y they span, with a row of margin each way, for
/// testing many points against one long ring. A point on an edge, or whose ray crosses it,
/// has its y within the edge's (up to rounding in d3's collinearity test, far less than the
/// margin), so the edges filed under the point's row give the same answer as all of them.
struct Rows {
    /// The first row's y.
    top: f64,
    /// Row r's edges are `edges[starts[r]..starts[r + 1]]`.
    starts: Vec<usize>,
    edges: Vec<u32>,
}

impl Rows {
    /// `None` if a coordinate is not finite (the test against every edge then stays).
    fn new(ring: &[[f64; 2]]) -> Option<Self> {
        if ring.is_empty() || !ring.iter().all(|p| p[0].is_finite() && p[1].is_finite()) {
            return None;
        }
        let [_, top, _, bottom] = bounding_box(ring);
        let top = top.floor() - 1.0;
        let span = |i: usize| {
            let j = if i == 0 { ring.len() - 1 } else { i - 1 };
            let (a, b) = (ring[i][1].floor(), ring[j][1].floor());
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            ((lo - 1.0 - top) as usize, (hi + 1.0 - top) as usize)
        };
        let mut starts = vec![0; (bottom.floor() + 1.0 - top) as usize + 2];
        for i in 0..ring.len() {
            let (lo, hi) = span(i);
            for n in &mut starts[lo..=hi] {
                *n += 1;
            }
        }
        let mut total = 0;
        for n in &mut starts {
            (*n, total) = (total, total + *n);
        }
        let mut next = starts.clone();
        let mut edges = vec![0; total];
        for i in 0..ring.len() {
            let (lo, hi) = span(i);
            for at in &mut next[lo..=hi] {
                edges[*at] = i as u32;
                *at += 1;
            }
        }
        Some(Self { top, starts, edges })
    }

    /// [`ring_contains`], over the edges filed under the point's row.
    fn ring_contains(&self, ring: &[[f64; 2]], point: [f64; 2]) -> i32 {
        let r = point[1].floor() - self.top;
        // Outside every row (or NaN): no edge meets the point or its ray.
        if !(r >= 0.0 && r < (self.starts.len() - 1) as f64) {
            return -1;
        }
        let r = r as usize;
        let mut inside = -1;
        for &i in &self.edges[self.starts[r]..self.starts[r + 1]] {
            match edge(ring, i as usize, point) {
                None => return 0,
                Some(true) => inside = -inside,
                Some(false) => {}
            }
        }
        inside
    }
}

fn segment_contains(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> bool {
    let i = usize::from(a[0] == b[0]);
    collinear(a, b, c) && within(a[i], c[i], b[i])
}

#[allow(clippy::float_cmp)]
fn collinear(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> bool {
    (b[0] - a[0]) * (c[1] - a[1]) == (c[0] - a[0]) * (b[1] - a[1])
}

fn within(p: f64, q: f64, r: f64) -> bool {
    (p <= q && q <= r) || (r <= q && q <= p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(values: &[f64], w: usize, h: usize, t: f64) -> MultiPolygon {
        Contours::new(values, w, h).unwrap().contour(t)
    }

    #[test]
    fn a_single_sample_above_is_a_diamond_of_half_a_unit() {
        // Sample (1, 1) is the pixel [1, 2]²; its neighbours are 0, the threshold half-way, so
        // each crossing sits at the shared pixel edge: a diamond through the edge midpoints.
        let v = [0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
        let m = one(&v, 3, 3, 0.5);
        assert_eq!(m.polygons.len(), 1);
        assert_eq!(m.polygons[0].len(), 1);
        let ring = &m.polygons[0][0];
        assert_eq!(ring.first(), ring.last());
        let mut corners: Vec<[f64; 2]> = ring[1..].to_vec();
        corners.sort_by(|a, b| a.partial_cmp(b).unwrap());
        assert_eq!(
            corners,
            vec![[1.0, 1.5], [1.5, 1.0], [1.5, 2.0], [2.0, 1.5]]
        );
        assert!((m.area() - 0.5).abs() < 1e-15);
    }

    #[test]
    fn everything_above_is_the_whole_grid_with_unsmoothed_borders_and_cut_corners() {
        // The padding sits half a unit outside the pixel centres, so the border runs along the
        // grid's edge and each corner is cut by a diagonal from (0.5, 0) to (0, 0.5): four
        // triangles of 1/8 off the 3 × 2 rectangle.
        let m = one(&[1.0; 6], 3, 2, 0.5);
        assert_eq!(m.polygons.len(), 1);
        assert!((m.area() - (6.0 - 4.0 / 8.0)).abs() < 1e-15, "{}", m.area());
        for p in &m.polygons[0][0] {
            assert!(
                p[0] == 0.0 || p[0] == 3.0 || p[1] == 0.0 || p[1] == 2.0,
                "{p:?}"
            );
        }
    }

    #[test]
    fn a_low_centre_is_a_hole_in_the_polygon() {
        let mut v = [1.0; 25];
        v[12] = 0.0;
        let m = one(&v, 5, 5, 0.5);
        assert_eq!(m.polygons.len(), 1);
        assert_eq!(m.polygons[0].len(), 2, "exterior and one hole");
        assert!(signed_area(&m.polygons[0][0]) > 0.0 && signed_area(&m.polygons[0][1]) < 0.0);
        // 25 minus the four cut corners (1/8 each) minus the diamond hole (1/2).
        assert!(
            (m.area() - (25.0 - 0.5 - 0.5)).abs() < 1e-12,
            "{}",
            m.area()
        );
    }

    #[test]
    fn a_ramp_is_cut_where_linear_interpolation_puts_the_threshold() {
        // Sample i sits at pixel centre i + 0.5 with value i, so value t is at x = t + 0.5 and
        // the region ≥ t is [t + 0.5, 10] × [0, 4] less its corners: the two right corners
        // are cut by 1/8 each; at the top and bottom the line leaves the grid diagonally from
        // (t + 0.5, 0.5) to (⌊t⌋ + 1.5, 0), a triangle of ½ · ½ · (⌊t⌋ + 1 − t) each.
        let v: Vec<f64> = (0..40).map(|k| f64::from(k % 10)).collect();
        for t in [0.75_f64, 3.25, 6.5, 8.9] {
            let expected = (9.5 - t) * 4.0 - 0.25 - 0.5 * (t.floor() + 1.0 - t);
            let m = one(&v, 10, 4, t);
            assert!((m.area() - expected).abs() < 1e-12, "t = {t}: {}", m.area());
        }
        assert!(one(&v, 10, 4, 9.5).polygons.is_empty());
    }

    #[test]
    fn nan_counts_as_below_and_bad_input_is_refused() {
        let v = [0.0, 0.0, 0.0, 0.0, f64::NAN, 0.0, 0.0, 0.0, 0.0];
        assert!(
            one(&v, 3, 3, -1.0).polygons[0].len() == 2,
            "the NaN pixel is a hole"
        );
        assert!(Contours::new(&[1.0; 5], 2, 3).is_err());
        assert!(contours(&[1.0; 4], 2, 2, &[0.5, f64::NAN]).is_err());
        let sorted = contours(&[1.0, 2.0, 3.0, 4.0], 2, 2, &[3.5, 0.5, 2.5]).unwrap();
        let values: Vec<f64> = sorted.iter().map(|m| m.value).collect();
        assert_eq!(values, vec![0.5, 2.5, 3.5]);
        assert!(contours(&[], 0, 0, &[1.0]).unwrap()[0].polygons.is_empty());
    }

    #[test]
    fn many_holes_in_one_exterior_are_all_found() {
        // Low pixels on a lattice: one exterior (long enough to have its edges filed by row)
        // and a diamond hole around each low pixel.
        let (w, h) = (30, 21);
        let v: Vec<f64> = (0..w * h)
            .map(|k| f64::from(u8::from(k % w % 3 != 1 || k / w % 3 != 1)))
            .collect();
        let m = one(&v, w, h, 0.5);
        assert_eq!(m.polygons.len(), 1);
        assert_eq!(m.polygons[0].len(), 1 + 10 * 7);
        let expected = (w * h) as f64 - 0.5 - 70.0 * 0.5;
        assert!((m.area() - expected).abs() < 1e-9, "{}", m.area());
    }

    #[test]
    fn edges_filed_by_row_answer_as_every_edge_does() {
        let v: Vec<f64> = (0..24 * 16)
            .map(|k| {
                let (x, y) = (f64::from(k % 24) - 11.5, f64::from(k / 24) - 7.5);
                (x * 0.4).sin() * 3.0 - (y * y + x * x).sqrt() * 0.3 + (x * y).cos()
            })
            .collect();
        let m = one(&v, 24, 16, -0.7);
        for ring in m.polygons.iter().flatten() {
            let rows = Rows::new(ring).unwrap();
            // Vertices, edge midpoints and thirds, lattice points and the rows' margins.
            let mut probes: Vec<[f64; 2]> = ring.clone();
            for pair in ring.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                for t in [0.5, 1.0 / 3.0] {
                    probes.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
                }
            }
            for i in -4..=56 {
                for j in -4..=40 {
                    probes.push([f64::from(i) / 2.0, f64::from(j) / 2.0]);
                }
            }
            probes.extend([[f64::NAN, 3.0], [3.0, f64::NAN], [f64::INFINITY, 3.0]]);
            for p in probes {
                assert_eq!(rows.ring_contains(ring, p), ring_contains(ring, p), "{p:?}");
            }
        }
    }

    #[test]
    fn area_shrinks_as_the_threshold_rises() {
        let (w, h) = (40, 30);
        let v: Vec<f64> = (0..w * h)
            .map(|k| {
                let (x, y) = ((k % w) as f64 / 6.0, (k / w) as f64 / 5.0);
                x.sin() * y.cos() + 0.1 * x
            })
            .collect();
        let ts: Vec<f64> = (-10..=14).map(|k| f64::from(k) / 10.0).collect();
        let all = contours(&v, w, h, &ts).unwrap();
        for pair in all.windows(2) {
            assert!(pair[0].area() >= pair[1].area() - 1e-9);
        }
        let grid = (w * h) as f64 - 0.5;
        assert!(
            (all[0].area() - grid).abs() < 1e-9,
            "below the minimum: the grid, corners cut"
        );
    }
}
