//! The draggable point shared by the contour-style figures (contour, trajectory, minibatch):
//! a press on the plot moves it there, a drag follows the pointer, arrow keys step it.

use super::plot_area::PlotArea;
use super::widget::{Input, Outcome};
use crate::math::functions::Domain;

/// A figure with one point the reader moves over a region.
pub trait MovablePoint {
    /// The region the point stays in.
    fn region(&self) -> Domain;
    /// Where the point is.
    fn current(&self) -> [f64; 2];
    /// Moves the point (the figure clamps it and may refuse it); true if it moved.
    fn move_to(&mut self, p: [f64; 2]) -> bool;

    /// A press at pixel (px, py): the point moves there if the pixel is on the plot (or
    /// within `slack` pixels of it; the point is clamped to the edge). Returns true if the
    /// press lands on the plot.
    fn press(&mut self, area: &PlotArea, px: f64, py: f64, slack: f64) -> bool {
        if !area.contains(px, py, slack) {
            return false;
        }
        self.move_to(area.to_data(px, py));
        true
    }

    /// Continues a drag: the point follows the pointer, clamped to the plot, wherever it is.
    fn drag(&mut self, area: &PlotArea, px: f64, py: f64) -> bool {
        self.move_to(area.to_data(px, py))
    }

    /// An arrow key moves the point by 1% of the region's width (10% with `coarse`).
    /// Returns true if the key is one the figure uses.
    fn key(&mut self, key: &str, coarse: bool) -> bool {
        let d = self.region();
        let step = (d.x.1 - d.x.0) * if coarse { 0.1 } else { 0.01 };
        let [x, y] = self.current();
        let p = match key {
            "ArrowLeft" => [x - step, y],
            "ArrowRight" => [x + step, y],
            "ArrowUp" => [x, y + step],
            "ArrowDown" => [x, y - step],
            _ => return false,
        };
        // Keep key moves on the step's grid (to 10 decimals), so ten steps of 0.1 from 3 land
        // on 2 exactly, not 2.0000000000000004: points like the diagonal x = y stay reachable.
        let snap = |v: f64| (v * 1e10).round() / 1e10;
        self.move_to([snap(p[0]), snap(p[1])]);
        true
    }

    /// The usual point input: a press on the plot (within 6 CSS pixels of it) moves the point
    /// there and starts a drag, the drag follows the pointer, the arrow keys step it. `None`
    /// for any other input.
    fn point_input(&mut self, input: &Input<'_>) -> Option<Outcome> {
        let moved = match *input {
            Input::Press(p) => p
                .area
                .is_some_and(|a| self.press(&a, p.x, p.y, 6.0 * p.ratio)),
            Input::Drag(p) => p.area.is_some_and(|a| self.drag(&a, p.x, p.y)),
            Input::Key { key, shift, .. } => self.key(key, shift),
            _ => return None,
        };
        Some(Outcome::from(moved))
    }
}
