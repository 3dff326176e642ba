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
//! Where d3 keeps fragments in objects and grows rings with `concat`/`unshift`, this keeps
//! every point in one arena with `next` links (joining two fragments is O(1)), indexes
//! fragment ends in flat arrays reused across thresholds, and tests a hole against an
//! exterior's bounding box before the exact point-in-ring test.
//!
//! Non-finite values follow d3: NaN counts as below every threshold and as −∞ when
//! interpolating.

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
/// the edge-point keys at its two ends.
#[derive(Clone, Copy)]
struct Fragment {
    head: u32,
    tail: u32,
    start: u32,
    end: u32,
}

/// Reusable scratch space for [`Contours::contour`]: extracting many thresholds of one grid
/// allocates once.
pub struct Contours<'a> {
    values: &'a [f64],
    dx: usize,
    dy: usize,
    by_start: Vec<u32>,
    by_end: Vec<u32>,
    fragments: Vec<Fragment>,
    /// Point arena: half-unit coordinates and the next point of the same fragment.
    points: Vec<(u32, u32, u32)>,
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
        let keys = (width + 1)
            .checked_mul(4)
            .and_then(|w| w.checked_mul(height + 1))
            .filter(|&k| k < NONE as usize)
            .ok_or("the grid is too large")?;
        Ok(Self {
            values,
            dx: width,
            dy: height,
            by_start: vec![NONE; keys],
            by_end: vec![NONE; keys],
            fragments: Vec::new(),
            points: Vec::new(),
        })
    }

    /// The MultiPolygon enclosing the values ≥ `value`.
    pub fn contour(&mut self, value: f64) -> MultiPolygon {
        let mut rings: Vec<Vec<[f64; 2]>> = Vec::new();
        self.isorings(value, |ring| rings.push(ring));
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
        for hole in holes {
            let first = hole[0];
            let target = polygons.iter().zip(&boxes).position(|(polygon, b)| {
                // A first point outside the box makes d3's test answer "outside" at once.
                let outside =
                    first[0] < b[0] || first[0] > b[2] || first[1] < b[1] || first[1] > b[3];
                !outside && contains(&polygon[0], &hole) != -1
            });
            if let Some(i) = target {
                polygons[i].push(hole);
            }
        }
        MultiPolygon { value, polygons }
    }

    fn isorings(&mut self, value: f64, mut emit: impl FnMut(Vec<[f64; 2]>)) {
        let (dx, dy) = (self.dx, self.dy);
        let v = self.values;
        let above = |i: usize| u8::from(v[i] >= value);
        self.fragments.clear();
        self.points.clear();
        if dx == 0 || dy == 0 {
            return;
        }
        // First row (y = -1): only the samples of row 0 below it.
        let mut t1 = above(0);
        self.cell(t1 << 1, -1, -1, value, &mut emit);
        for x in 0..dx - 1 {
            let t0 = t1;
            t1 = above(x + 1);
            self.cell(t0 | t1 << 1, x as i64, -1, value, &mut emit);
        }
        self.cell(t1, dx as i64 - 1, -1, value, &mut emit);
        // Intermediate rows: the hot loop. Cells whose four corners agree (case 0 or 15) emit
        // nothing and are skipped without a call.
        let mut t2;
        let mut y: i64 = 0;
        while y < dy as i64 - 1 {
            let row = y as usize * dx;
            let (top, bottom) = (&v[row..row + dx], &v[row + dx..row + 2 * dx]);
            t1 = u8::from(bottom[0] >= value);
            t2 = u8::from(top[0] >= value);
            self.cell(t1 << 1 | t2 << 2, -1, y, value, &mut emit);
            for (x, (&b, &t)) in bottom[1..].iter().zip(&top[1..]).enumerate() {
                let (t0, t3) = (t1, t2);
                t1 = u8::from(b >= value);
                t2 = u8::from(t >= value);
                let case = t0 | t1 << 1 | t2 << 2 | t3 << 3;
                if case != 0 && case != 15 {
                    self.cell(case, x as i64, y, value, &mut emit);
                }
            }
            self.cell(t1 | t2 << 3, dx as i64 - 1, y, value, &mut emit);
            y += 1;
        }
        // Last row (y = dy - 1).
        let row = y as usize * dx;
        t2 = above(row);
        self.cell(t2 << 2, -1, y, value, &mut emit);
        for x in 0..dx - 1 {
            let t3 = t2;
            t2 = above(row + x + 1);
            self.cell(t2 << 2 | t3 << 3, x as i64, y, value, &mut emit);
        }
        self.cell(t2 << 3, dx as i64 - 1, y, value, &mut emit);
    }

    fn cell(&mut self, case: u8, x: i64, y: i64, value: f64, emit: &mut impl FnMut(Vec<[f64; 2]>)) {
        for line in CASES[case as usize] {
            // Half-unit coordinates. Cells at x = -1 or y = -1 only have cases whose points
            // lie at offset ≥ 1 on that axis, so no coordinate is negative.
            let sx = (2 * x + i64::from(line[0][0])) as u32;
            let sy = (2 * y + i64::from(line[0][1])) as u32;
            let ex = (2 * x + i64::from(line[1][0])) as u32;
            let ey = (2 * y + i64::from(line[1][1])) as u32;
            self.stitch((sx, sy), (ex, ey), value, emit);
        }
    }

    /// d3's `index(point)`: x*2 + y*(dx+1)*4 with x, y in units, i.e. hx + hy*(dx+1)*2.
    fn key(&self, (hx, hy): (u32, u32)) -> u32 {
        hx + hy * (self.dx as u32 + 1) * 2
    }

    fn point(&mut self, (hx, hy): (u32, u32)) -> u32 {
        self.points.push((hx, hy, NONE));
        (self.points.len() - 1) as u32
    }

    fn stitch(
        &mut self,
        start: (u32, u32),
        end: (u32, u32),
        value: f64,
        emit: &mut impl FnMut(Vec<[f64; 2]>),
    ) {
        let si = self.key(start);
        let ei = self.key(end);
        let f = self.by_end[si as usize];
        if f != NONE {
            let g = self.by_start[ei as usize];
            if g != NONE {
                let (fr, gr) = (self.fragments[f as usize], self.fragments[g as usize]);
                self.by_end[fr.end as usize] = NONE;
                self.by_start[gr.start as usize] = NONE;
                if f == g {
                    let p = self.point(end);
                    self.points[fr.tail as usize].2 = p;
                    let ring = self.ring(fr.head, value);
                    emit(ring);
                } else {
                    self.points[fr.tail as usize].2 = gr.head;
                    let joined = Fragment {
                        head: fr.head,
                        tail: gr.tail,
                        start: fr.start,
                        end: gr.end,
                    };
                    self.fragments.push(joined);
                    let id = (self.fragments.len() - 1) as u32;
                    self.by_start[fr.start as usize] = id;
                    self.by_end[gr.end as usize] = id;
                }
            } else {
                let mut fr = self.fragments[f as usize];
                self.by_end[fr.end as usize] = NONE;
                let p = self.point(end);
                self.points[fr.tail as usize].2 = p;
                fr.tail = p;
                fr.end = ei;
                self.fragments[f as usize] = fr;
                self.by_end[ei as usize] = f;
            }
            return;
        }
        let f = self.by_start[ei as usize];
        if f != NONE {
            let g = self.by_end[si as usize];
            if g != NONE {
                // Unreachable in practice (by_end[si] was NONE above), kept to mirror d3.
                let (fr, gr) = (self.fragments[f as usize], self.fragments[g as usize]);
                self.by_start[fr.start as usize] = NONE;
                self.by_end[gr.end as usize] = NONE;
                if f == g {
                    let p = self.point(end);
                    self.points[fr.tail as usize].2 = p;
                    let ring = self.ring(fr.head, value);
                    emit(ring);
                } else {
                    self.points[gr.tail as usize].2 = fr.head;
                    self.fragments.push(Fragment {
                        head: gr.head,
                        tail: fr.tail,
                        start: gr.start,
                        end: fr.end,
                    });
                    let id = (self.fragments.len() - 1) as u32;
                    self.by_start[gr.start as usize] = id;
                    self.by_end[fr.end as usize] = id;
                }
            } else {
                let mut fr = self.fragments[f as usize];
                self.by_start[fr.start as usize] = NONE;
                let p = self.point(start);
                self.points[p as usize].2 = fr.head;
                fr.head = p;
                fr.start = si;
                self.fragments[f as usize] = fr;
                self.by_start[si as usize] = f;
            }
            return;
        }
        let a = self.point(start);
        let b = self.point(end);
        self.points[a as usize].2 = b;
        self.fragments.push(Fragment {
            head: a,
            tail: b,
            start: si,
            end: ei,
        });
        let id = (self.fragments.len() - 1) as u32;
        self.by_start[si as usize] = id;
        self.by_end[ei as usize] = id;
    }

    /// Walks a closed fragment from `head`, smoothing each point as d3's `smoothLinear` does.
    fn ring(&self, head: u32, value: f64) -> Vec<[f64; 2]> {
        let (dx, dy) = (self.dx, self.dy);
        let mut ring = Vec::new();
        let mut i = head;
        while i != NONE {
            let (hx, hy, next) = self.points[i as usize];
            let (mut x, mut y) = (f64::from(hx) / 2.0, f64::from(hy) / 2.0);
            let (xt, yt) = ((hx / 2) as usize, (hy / 2) as usize);
            if hx % 2 == 0 && hx > 0 && (xt) < dx {
                // A point on a vertical edge between samples (xt-1, yt) and (xt, yt).
                let v1 = valid(self.values[yt * dx + xt]);
                x = smooth1(x, valid(self.values[yt * dx + xt - 1]), v1, value);
            }
            if hy % 2 == 0 && hy > 0 && (yt) < dy {
                let v1 = valid(self.values[yt * dx + xt]);
                y = smooth1(y, valid(self.values[(yt - 1) * dx + xt]), v1, value);
            }
            ring.push([x, y]);
            i = next;
        }
        ring
    }
}

/// Every threshold's MultiPolygon, in the order given (d3 sorts an array of thresholds
/// ascending first; see [`contours`]).
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
    let mut sorted = thresholds.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut c = Contours::new(values, width, height)?;
    Ok(sorted.into_iter().map(|t| c.contour(t)).collect())
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
    ring.iter().fold(
        [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ],
        |b, p| {
            [
                b[0].min(p[0]),
                b[1].min(p[1]),
                b[2].max(p[0]),
                b[3].max(p[1]),
            ]
        },
    )
}

/// d3's `contains(ring, hole)`: the first non-zero answer of the hole's points.
fn contains(ring: &[[f64; 2]], hole: &[[f64; 2]]) -> i32 {
    for p in hole {
        let c = ring_contains(ring, *p);
        if c != 0 {
            return c;
        }
    }
    0
}

/// 1 inside, -1 outside, 0 on the ring.
fn ring_contains(ring: &[[f64; 2]], point: [f64; 2]) -> i32 {
    let [x, y] = point;
    let mut inside = -1;
    let n = ring.len();
    let mut j = n - 1;
    for i in 0..n {
        let (pi, pj) = (ring[i], ring[j]);
        if segment_contains(pi, pj, point) {
            return 0;
        }
        let (xi, yi, xj, yj) = (pi[0], pi[1], pj[0], pj[1]);
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = -inside;
        }
        j = i;
    }
    inside
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
