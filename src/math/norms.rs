//! Steepest ascent under different norms: maximise the linear objective u ↦ ∇f·u over the
//! unit ball of L2 (a circle), L1 (a diamond) or L∞ (a square).
//!
//! | norm | unit ball | optimal u | value |
//! |------|-----------|-----------|-------|
//! | L2 | circle | ∇f/‖∇f‖₂ | ‖∇f‖₂ |
//! | L1 | diamond | sign(f_k)·e_k, k = argmax |f_k| | ‖∇f‖∞ |
//! | L∞ | square | sign(∇f) componentwise | ‖∇f‖₁ |
//!
//! Each optimum's value is the dual norm of the gradient. A linear objective over a
//! polytope is maximised at a vertex, which is why L1 and L∞ give corners.

/// The norm that measures the size of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Norm {
    /// Euclidean: the unit ball is a circle.
    L2,
    /// Manhattan: the unit ball is a diamond with vertices on the axes.
    L1,
    /// Max-norm: the unit ball is a square with vertices on the diagonals.
    LInf,
}

/// An optimal unit step and the directional derivative it achieves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Steepest {
    /// The optimal direction, of unit size in its norm.
    pub direction: [f64; 2],
    /// ∇f · direction, the largest rate of increase among unit steps.
    pub value: f64,
    /// True when the optimum is not unique. L1: |f_x| = |f_y|, so the whole edge between
    /// the two vertices is optimal (the vertex on the x-axis is returned). L∞: a zero
    /// component, so the whole edge where that coordinate varies is optimal (its
    /// coordinate is returned as 0, the edge's midpoint).
    pub tie: bool,
}

/// The sign of `v`: −1, 0 or 1 (0 at 0 and NaN).
pub(crate) fn sign(v: f64) -> f64 {
    if v > 0.0 {
        1.0
    } else if v < 0.0 {
        -1.0
    } else {
        0.0
    }
}

/// The steepest-ascent direction of `grad` under `norm`, or `None` when the gradient is zero
/// (every unit step has rate 0, so no direction is steepest) or not finite.
#[must_use]
pub fn try_steepest(grad: [f64; 2], norm: Norm) -> Option<Steepest> {
    let [gx, gy] = grad;
    if !(gx.is_finite() && gy.is_finite()) || (gx == 0.0 && gy == 0.0) {
        return None;
    }
    Some(match norm {
        Norm::L2 => {
            let n = gx.hypot(gy);
            Steepest {
                direction: [gx / n, gy / n],
                value: n,
                tie: false,
            }
        }
        Norm::L1 => {
            let (ax, ay) = (gx.abs(), gy.abs());
            if ax >= ay {
                Steepest {
                    direction: [sign(gx), 0.0],
                    value: ax,
                    tie: ax == ay,
                }
            } else {
                Steepest {
                    direction: [0.0, sign(gy)],
                    value: ay,
                    tie: false,
                }
            }
        }
        Norm::LInf => Steepest {
            direction: [sign(gx), sign(gy)],
            value: gx.abs() + gy.abs(),
            tie: gx == 0.0 || gy == 0.0,
        },
    })
}

/// The objective ∇f·u.
#[must_use]
pub fn objective(grad: [f64; 2], u: [f64; 2]) -> f64 {
    grad[0] * u[0] + grad[1] * u[1]
}

/// Size of `u` in `norm`.
#[must_use]
pub fn size(u: [f64; 2], norm: Norm) -> f64 {
    match norm {
        Norm::L2 => u[0].hypot(u[1]),
        Norm::L1 => u[0].abs() + u[1].abs(),
        Norm::LInf => u[0].abs().max(u[1].abs()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_articles_example_six_eight() {
        let g = [6.0, 8.0];
        let l2 = try_steepest(g, Norm::L2).unwrap();
        assert!((l2.direction[0] - 0.6).abs() < 1e-15 && (l2.direction[1] - 0.8).abs() < 1e-15);
        assert_eq!(l2.value, 10.0);
        let l1 = try_steepest(g, Norm::L1).unwrap();
        assert_eq!(
            l1,
            Steepest {
                direction: [0.0, 1.0],
                value: 8.0,
                tie: false
            }
        );
        let linf = try_steepest(g, Norm::LInf).unwrap();
        assert_eq!(
            linf,
            Steepest {
                direction: [1.0, 1.0],
                value: 14.0,
                tie: false
            }
        );
        // Walking along the diamond's edge towards the y-vertex: 7, 7.4, 7.8, 8.
        let walk: Vec<f64> = [[0.5, 0.5], [0.3, 0.7], [0.1, 0.9], [0.0, 1.0]]
            .iter()
            .map(|&u| objective(g, u))
            .collect();
        for (got, want) in walk.iter().zip([7.0, 7.4, 7.8, 8.0]) {
            assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        }
    }

    #[test]
    fn zero_gradient_has_no_steepest_direction_under_any_norm() {
        for n in [Norm::L2, Norm::L1, Norm::LInf] {
            assert_eq!(try_steepest([0.0, 0.0], n), None);
            assert_eq!(try_steepest([f64::NAN, 1.0], n), None);
        }
    }

    #[test]
    fn ties_are_flagged() {
        let t = try_steepest([-3.0, 3.0], Norm::L1).unwrap();
        assert_eq!(
            t,
            Steepest {
                direction: [-1.0, 0.0],
                value: 3.0,
                tie: true
            }
        );
        let t = try_steepest([0.0, -2.0], Norm::LInf).unwrap();
        assert_eq!(
            t,
            Steepest {
                direction: [0.0, -1.0],
                value: 2.0,
                tie: true
            }
        );
        assert_eq!(size([0.0, -1.0], Norm::LInf), 1.0);
    }
}
