//! The mapping between a plot's pixels and its data coordinates, returned by every `draw` so
//! that pointer events are hit-tested against exactly what was drawn.

/// A rectangle of pixels showing a rectangle of data, y pointing up in data and down in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotArea {
    /// Pixel x of data x = `x.0`.
    pub left: f64,
    /// Pixel x of data x = `x.1`.
    pub right: f64,
    /// Pixel y of data y = `y.1`.
    pub top: f64,
    /// Pixel y of data y = `y.0`.
    pub bottom: f64,
    /// Data x range shown.
    pub x: (f64, f64),
    /// Data y range shown.
    pub y: (f64, f64),
}

impl PlotArea {
    /// The plot's edges inset `by` pixels, as `[left, top, right, bottom]` (the bounds
    /// [`draw::place_label`](super::draw::place_label) keeps a label in).
    #[must_use]
    pub fn inset(&self, by: f64) -> [f64; 4] {
        [
            self.left + by,
            self.top + by,
            self.right - by,
            self.bottom - by,
        ]
    }

    /// The mapping of a chart built on `root`, in `root`'s own pixels (so overlays drawn on
    /// `root` line up even when `root` is a panel of a larger canvas).
    #[must_use]
    pub fn from_chart<DB: plotters::prelude::DrawingBackend, X, Y>(
        root: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
        chart: &plotters::prelude::ChartContext<'_, DB, plotters::prelude::Cartesian2d<X, Y>>,
        x: (f64, f64),
        y: (f64, f64),
    ) -> Self
    where
        X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
        Y: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    {
        let (bx, by) = root.get_base_pixel();
        let (x0, y0) = chart.backend_coord(&(x.0, y.0));
        let (x1, y1) = chart.backend_coord(&(x.1, y.1));
        Self {
            left: f64::from(x0 - bx),
            right: f64::from(x1 - bx),
            top: f64::from(y1 - by),
            bottom: f64::from(y0 - by),
            x,
            y,
        }
    }

    /// The same mapping shifted by `base` pixels (from a panel's pixels to its canvas's).
    #[must_use]
    pub fn offset(&self, base: (i32, i32)) -> Self {
        let (dx, dy) = (f64::from(base.0), f64::from(base.1));
        Self {
            left: self.left + dx,
            right: self.right + dx,
            top: self.top + dy,
            bottom: self.bottom + dy,
            ..*self
        }
    }

    /// Pixel position of a data point.
    #[must_use]
    pub fn to_pixel(&self, p: [f64; 2]) -> (f64, f64) {
        (
            self.left + (p[0] - self.x.0) / (self.x.1 - self.x.0) * (self.right - self.left),
            self.bottom - (p[1] - self.y.0) / (self.y.1 - self.y.0) * (self.bottom - self.top),
        )
    }

    /// Data point under a pixel position.
    #[must_use]
    pub fn to_data(&self, px: f64, py: f64) -> [f64; 2] {
        [
            self.x.0 + (px - self.left) / (self.right - self.left) * (self.x.1 - self.x.0),
            self.y.0 + (self.bottom - py) / (self.bottom - self.top) * (self.y.1 - self.y.0),
        ]
    }

    /// True if the pixel lies inside the plot (within `slack` pixels).
    #[must_use]
    pub fn contains(&self, px: f64, py: f64, slack: f64) -> bool {
        px >= self.left - slack
            && px <= self.right + slack
            && py >= self.top - slack
            && py <= self.bottom + slack
    }

    /// Pixels per data unit along x.
    #[must_use]
    pub fn x_scale(&self) -> f64 {
        (self.right - self.left) / (self.x.1 - self.x.0)
    }

    /// Pixels per data unit along y.
    #[must_use]
    pub fn y_scale(&self) -> f64 {
        (self.bottom - self.top) / (self.y.1 - self.y.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixel_and_data_round_trip() {
        let a = PlotArea {
            left: 40.0,
            right: 440.0,
            top: 10.0,
            bottom: 410.0,
            x: (-5.0, 5.0),
            y: (-5.0, 5.0),
        };
        assert_eq!(a.to_pixel([0.0, 0.0]), (240.0, 210.0));
        assert_eq!(a.to_pixel([-5.0, 5.0]), (40.0, 10.0));
        assert_eq!(a.to_data(440.0, 410.0), [5.0, -5.0]);
        let p = a.to_data(123.0, 321.0);
        let (px, py) = a.to_pixel(p);
        assert!((px - 123.0).abs() < 1e-12 && (py - 321.0).abs() < 1e-12);
        assert!(a.contains(40.0, 410.0, 0.0) && !a.contains(30.0, 200.0, 5.0));
        assert_eq!(a.x_scale(), 40.0);
    }
}
