//! Optimizer paths on a surface f(x, y): steepest descent under three norms, and momentum.
//! The foundation of the `trajectory` figure (issue 8).
//!
//! Steepest descent with respect to a norm ‖·‖ steps along the normalised steepest direction
//! scaled by the dual norm of the gradient (Boyd & Vandenberghe §9.4: Δx = ‖∇f‖_* Δx_nsd), so
//! each method's first-order decrease is η‖∇f‖_*²:
//!
//! - L2, gradient descent: Δ = −η ∇f;
//! - L1, coordinate descent: only the coordinate with the larger |∂f| moves, Δᵢ = −η ∂ᵢf
//!   (x on a tie);
//! - L∞, sign descent: Δ = −η ‖∇f‖₁ sign(∇f);
//! - momentum (heavy ball, β = 0.9): v ← βv − η∇f, x ← x + v.

use super::norms::sign;

/// One of the four optimizers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Optimizer {
    /// Steepest descent under L2: plain gradient descent.
    GradientDescent,
    /// Steepest descent under L1: one coordinate per step.
    Coordinate,
    /// Steepest descent under L∞: every coordinate moves by the same amount.
    Sign,
    /// Gradient descent with heavy-ball momentum.
    Momentum,
}

/// Momentum's β.
pub const BETA: f64 = 0.9;

/// A loss beyond this (or a non-finite number) ends a path as diverged.
pub const DIVERGED: f64 = 1e12;

impl Optimizer {
    /// All four, in legend order.
    pub const ALL: [Optimizer; 4] = [
        Self::GradientDescent,
        Self::Coordinate,
        Self::Sign,
        Self::Momentum,
    ];

    /// The key in `data-state`'s `paths`.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::GradientDescent => "gd",
            Self::Coordinate => "coordinate",
            Self::Sign => "sign",
            Self::Momentum => "momentum",
        }
    }
}

/// A path: the points visited (the start first), the loss at each, and where it diverged.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    /// Which optimizer.
    pub optimizer: Optimizer,
    /// Points visited, the start first.
    pub points: Vec<[f64; 2]>,
    /// f at each point.
    pub losses: Vec<f64>,
    /// The step at which a coordinate or the loss overflowed (that point is not kept).
    pub diverged_at: Option<usize>,
    velocity: [f64; 2],
}

impl Path {
    /// A path at `start`, where f is `loss`.
    #[must_use]
    pub fn new(optimizer: Optimizer, start: [f64; 2], loss: f64) -> Self {
        Self {
            optimizer,
            points: vec![start],
            losses: vec![loss],
            diverged_at: None,
            velocity: [0.0; 2],
        }
    }

    /// One step with learning rate `lr` on the function whose value and gradient
    /// `value_and_gradient` gives. Returns false (and takes no step) once diverged.
    pub fn step(
        &mut self,
        lr: f64,
        value_and_gradient: impl Fn(f64, f64) -> (f64, [f64; 2]),
    ) -> bool {
        if self.diverged_at.is_some() {
            return false;
        }
        let Some(&[x, y]) = self.points.last() else {
            return false;
        };
        let (_, g) = value_and_gradient(x, y);
        let delta = match self.optimizer {
            Optimizer::GradientDescent => [-lr * g[0], -lr * g[1]],
            Optimizer::Coordinate => {
                if g[0].abs() >= g[1].abs() {
                    [-lr * g[0], 0.0]
                } else {
                    [0.0, -lr * g[1]]
                }
            }
            Optimizer::Sign => {
                let l1 = g[0].abs() + g[1].abs();
                [-lr * l1 * sign(g[0]), -lr * l1 * sign(g[1])]
            }
            Optimizer::Momentum => {
                let v = [
                    BETA * self.velocity[0] - lr * g[0],
                    BETA * self.velocity[1] - lr * g[1],
                ];
                self.velocity = v;
                v
            }
        };
        let next = [x + delta[0], y + delta[1]];
        let (loss, _) = value_and_gradient(next[0], next[1]);
        if !(next[0].is_finite()
            && next[1].is_finite()
            && loss.is_finite()
            && loss.abs() <= DIVERGED)
        {
            self.diverged_at = Some(self.points.len());
            return false;
        }
        self.points.push(next);
        self.losses.push(loss);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::functions::Function;

    fn run(o: Optimizer, f: Function, start: [f64; 2], lr: f64, steps: usize) -> Path {
        let mut p = Path::new(o, start, f.value(start[0], start[1]));
        for _ in 0..steps {
            p.step(lr, |x, y| f.value_and_gradient(x, y));
        }
        p
    }

    fn near(a: [f64; 2], b: [f64; 2]) -> bool {
        (a[0] - b[0]).abs() < 1e-12 && (a[1] - b[1]).abs() < 1e-12
    }

    #[test]
    fn first_steps_on_the_bowl_by_hand() {
        // Bowl from (3, 4), η = 0.1, ∇f = (6, 8).
        let at = |o| run(o, Function::Bowl, [3.0, 4.0], 0.1, 1).points[1];
        // L2: (3, 4) − 0.1·(6, 8).
        assert!(near(at(Optimizer::GradientDescent), [2.4, 3.2]));
        // L1: only y (|8| > |6|) moves: 4 − 0.1·8.
        assert!(near(at(Optimizer::Coordinate), [3.0, 3.2]));
        // L∞: ‖∇f‖₁ = 14, both coordinates move by 0.1·14.
        assert!(near(at(Optimizer::Sign), [1.6, 2.6]));
        // Momentum: the first step is gradient descent; the second adds 0.9 of the first:
        // v = 0.9·(−0.6, −0.8) − 0.1·(4.8, 6.4) = (−1.02, −1.36), so (2.4, 3.2) + v.
        let m = run(Optimizer::Momentum, Function::Bowl, [3.0, 4.0], 0.1, 2);
        assert!(
            near(m.points[1], [2.4, 3.2]) && near(m.points[2], [1.38, 1.84]),
            "{:?}",
            m.points
        );
        // Losses are f at each point.
        assert!((m.losses[1] - (2.4f64.powi(2) + 3.2f64.powi(2))).abs() < 1e-12);
    }

    #[test]
    fn first_order_decrease_is_lr_times_the_dual_norm_squared() {
        // For a small step, f drops by about η‖∇f‖_*²: L2 → ‖g‖₂², L1 → ‖g‖∞², L∞ → ‖g‖₁².
        let f = Function::Himmelblau;
        let (p, lr) = ([0.7, -0.3], 1e-7);
        let (f0, g) = f.value_and_gradient(p[0], p[1]);
        for (o, dual) in [
            (Optimizer::GradientDescent, g[0].hypot(g[1])),
            (Optimizer::Coordinate, g[0].abs().max(g[1].abs())),
            (Optimizer::Sign, g[0].abs() + g[1].abs()),
        ] {
            let path = run(o, f, p, lr, 1);
            let drop = f0 - path.losses[1];
            assert!(
                (drop / (lr * dual * dual) - 1.0).abs() < 1e-3,
                "{o:?}: {drop}"
            );
        }
    }

    #[test]
    fn a_narrow_valley_zigzags_and_too_large_a_rate_diverges() {
        // Valley x² + 10y²: with η = 0.09, y is multiplied by 1 − 0.09·20 = −0.8 each step
        // (a zig-zag across the valley), x by 1 − 0.18 = 0.82.
        let p = run(
            Optimizer::GradientDescent,
            Function::Valley,
            [4.0, 1.0],
            0.09,
            3,
        );
        for k in 1..=3 {
            assert!((p.points[k][1] - (-0.8f64).powi(k as i32)).abs() < 1e-12);
            assert!((p.points[k][0] - 4.0 * 0.82f64.powi(k as i32)).abs() < 1e-12);
        }
        // η = 0.2: y is multiplied by −3 each step, so the loss passes 1e12 and the path stops.
        let d = run(
            Optimizer::GradientDescent,
            Function::Valley,
            [4.0, 1.0],
            0.2,
            100,
        );
        let k = d.diverged_at.expect("diverges");
        assert_eq!(d.points.len(), k);
        assert!(d.losses.iter().all(|l| l.is_finite() && *l <= DIVERGED));
        assert!(!d
            .clone()
            .step(0.2, |x, y| Function::Valley.value_and_gradient(x, y)));
    }
}
