//! Where a drawing went: a few rectangles that hold everything a backend drew in one pass.
//!
//! A layered canvas copies its kept layer under each frame's overlay. Copying it whole costs a
//! full-canvas copy per frame, most of it over pixels the last overlay never touched; with
//! the last frame's damage it restores only the rectangles that overlay drew on (and those a
//! growing trail drew on), then draws the new overlay. The rectangles are generous (line
//! widths, miter joins, anti-aliasing, glyphs past their em box), never too small: a pixel an
//! overlay drew on outside them would stay on screen.

/// At most this many rectangles: more are merged (a copy per rectangle has a fixed cost).
const MOST: usize = 4;

/// Pixels of anti-aliasing and rounding added around every shape.
const FRINGE: f64 = 2.0;

/// A rectangle `[left, top, right, bottom]` in canvas pixels.
pub type Rect = [f64; 4];

/// The rectangles a pass drew on, or "everywhere" (something drew that is not tracked, or it
/// was never cleared).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Damage {
    rects: Vec<Rect>,
    everywhere: bool,
}

fn area(r: &Rect) -> f64 {
    (r[2] - r[0]).max(0.0) * (r[3] - r[1]).max(0.0)
}

fn union(a: &Rect, b: &Rect) -> Rect {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

impl Damage {
    /// Nothing drawn yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Something drew that cannot be bounded: the whole canvas.
    pub fn everywhere(&mut self) {
        self.everywhere = true;
        self.rects.clear();
    }

    /// Adds the box `left..right × top..bottom` grown by `margin` (half a stroke, a join) and
    /// the anti-aliasing fringe. Non-finite coordinates make it everywhere.
    pub fn add(&mut self, left: f64, top: f64, right: f64, bottom: f64, margin: f64) {
        let m = margin.max(0.0) + FRINGE;
        self.put([left - m, top - m, right + m, bottom + m]);
    }

    /// Adds the rectangle `r` as it is.
    fn put(&mut self, r: Rect) {
        if self.everywhere {
            return;
        }
        if !r.iter().all(|v| v.is_finite()) {
            self.everywhere();
            return;
        }
        // Merge into the rectangle it grows least, if that wastes little (they overlap or
        // nearly touch) or there is no room for another one.
        let best = self
            .rects
            .iter()
            .enumerate()
            .map(|(i, e)| (i, area(&union(e, &r)) - area(e) - area(&r)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((i, waste)) if waste <= 1024.0 || self.rects.len() >= MOST => {
                self.rects[i] = union(&self.rects[i], &r);
                // A grown rectangle may now overlap another: fold those in too.
                self.settle(i);
            }
            _ => self.rects.push(r),
        }
    }

    /// Folds into rectangle `i` every other rectangle it now overlaps.
    fn settle(&mut self, mut i: usize) {
        loop {
            let a = self.rects[i];
            let Some(j) = (0..self.rects.len()).find(|&j| {
                j != i
                    && a[0] < self.rects[j][2]
                    && self.rects[j][0] < a[2]
                    && a[1] < self.rects[j][3]
                    && self.rects[j][1] < a[3]
            }) else {
                return;
            };
            let merged = union(&a, &self.rects[j]);
            self.rects[i] = merged;
            self.rects.swap_remove(j);
            if i == self.rects.len() {
                i = j;
            }
        }
    }

    /// Adds every rectangle of `other`.
    pub fn extend(&mut self, other: &Damage) {
        if other.everywhere {
            self.everywhere();
            return;
        }
        for r in &other.rects {
            self.put(*r);
        }
    }

    /// The rectangles in whole pixels within a `width` × `height` canvas, as
    /// `(x, y, w, h)`, empty ones left out; `None` when it is everywhere.
    #[must_use]
    pub fn pixels(&self, width: f64, height: f64) -> Option<Vec<(f64, f64, f64, f64)>> {
        if self.everywhere {
            return None;
        }
        Some(
            self.rects
                .iter()
                .filter_map(|r| {
                    let (l, t) = (r[0].floor().max(0.0), r[1].floor().max(0.0));
                    let (rr, b) = (r[2].ceil().min(width), r[3].ceil().min(height));
                    (rr > l && b > t).then_some((l, t, rr - l, b - t))
                })
                .collect(),
        )
    }

    /// The share of a `width` × `height` canvas the rectangles cover (at most their sum):
    /// 1 when it is everywhere.
    #[must_use]
    pub fn share(&self, width: f64, height: f64) -> f64 {
        match self.pixels(width, height) {
            None => 1.0,
            Some(rs) => rs.iter().map(|r| r.2 * r.3).sum::<f64>() / (width * height).max(1.0),
        }
    }

    /// True if the point `(x, y)` is inside one of the rectangles (or it is everywhere).
    #[must_use]
    pub fn covers(&self, x: f64, y: f64) -> bool {
        self.everywhere
            || self
                .rects
                .iter()
                .any(|r| r[0] <= x && x <= r[2] && r[1] <= y && y <= r[3])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shape_is_held_with_its_margin_and_fringe() {
        let mut d = Damage::new();
        d.add(10.0, 20.0, 30.0, 40.0, 1.5);
        assert_eq!(d.pixels(100.0, 100.0), Some(vec![(6.0, 16.0, 28.0, 28.0)]));
        assert!(d.covers(6.5, 16.5) && d.covers(33.4, 43.4));
        assert!(!d.covers(5.0, 30.0) && !d.covers(20.0, 44.0));
    }

    #[test]
    fn far_apart_shapes_keep_their_own_rectangles_and_near_ones_merge() {
        let mut d = Damage::new();
        // A label in one corner and a point in the other: two small rectangles, not the
        // whole canvas between them.
        d.add(0.0, 0.0, 40.0, 10.0, 0.0);
        d.add(900.0, 500.0, 910.0, 510.0, 0.0);
        let share = d.share(1000.0, 600.0);
        assert_eq!(d.pixels(1000.0, 600.0).unwrap().len(), 2);
        assert!(share < 0.002, "{share}");
        // A segment overlapping the point's box joins it.
        d.add(905.0, 505.0, 930.0, 520.0, 0.0);
        assert_eq!(d.pixels(1000.0, 600.0).unwrap().len(), 2);
        assert!(d.covers(931.0, 521.0) && d.covers(899.0, 499.0));
    }

    #[test]
    fn no_more_than_four_rectangles_and_every_shape_stays_covered() {
        let mut d = Damage::new();
        let mut shapes = Vec::new();
        // Shapes spread over a canvas, far from each other (a pseudo-random walk).
        let mut s = 7_u64;
        for _ in 0..40 {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let x = (s >> 33) as f64 % 1800.0;
            let y = (s >> 13) as f64 % 1000.0;
            shapes.push((x, y));
            d.add(x, y, x + 12.0, y + 8.0, 1.0);
            assert!(d.pixels(1800.0, 1000.0).unwrap().len() <= MOST);
        }
        for (x, y) in shapes {
            for (px, py) in [(x, y), (x + 12.0, y + 8.0), (x - 3.0, y - 3.0)] {
                assert!(d.covers(px, py), "({px}, {py}) left out");
            }
        }
    }

    #[test]
    fn merged_rectangles_do_not_overlap_each_other() {
        let mut d = Damage::new();
        d.add(0.0, 0.0, 10.0, 10.0, 0.0);
        d.add(100.0, 0.0, 110.0, 10.0, 0.0);
        // A long line from one to the other overlaps both: one rectangle.
        d.add(5.0, 5.0, 105.0, 6.0, 0.0);
        assert_eq!(
            d.pixels(200.0, 200.0),
            Some(vec![(0.0, 0.0, 112.0, 12.0)]),
            "{d:?}"
        );
    }

    #[test]
    fn untracked_drawing_or_bad_numbers_mean_everywhere() {
        let mut d = Damage::new();
        d.add(0.0, 0.0, 1.0, 1.0, 0.0);
        d.everywhere();
        assert_eq!(d.pixels(10.0, 10.0), None);
        assert!((d.share(10.0, 10.0) - 1.0).abs() < 1e-12);
        let mut e = Damage::new();
        e.add(f64::NAN, 0.0, 1.0, 1.0, 0.0);
        assert_eq!(e.pixels(10.0, 10.0), None);
        let mut f = Damage::new();
        f.extend(&d);
        assert_eq!(f.pixels(10.0, 10.0), None);
    }

    #[test]
    fn rectangles_are_clipped_to_the_canvas_and_empty_ones_dropped() {
        let mut d = Damage::new();
        d.add(-50.0, -50.0, -10.0, -10.0, 0.0);
        d.add(95.0, 95.0, 130.0, 130.0, 0.0);
        assert_eq!(d.pixels(100.0, 100.0), Some(vec![(93.0, 93.0, 7.0, 7.0)]));
        let mut e = Damage::new();
        e.extend(&d);
        assert_eq!(e.pixels(100.0, 100.0), d.pixels(100.0, 100.0));
    }
}
