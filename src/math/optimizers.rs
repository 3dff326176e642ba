//! Optimizer paths on a surface f(x, y): steepest descent under three norms, and the four
//! optimizers of `torch.optim` readers train networks with. The foundation of the
//! `trajectory` and `landscape` figures (issues 8 and 16).
//!
//! Steepest descent with respect to a norm ‖·‖ steps along the normalised steepest direction
//! scaled by the dual norm of the gradient (Boyd & Vandenberghe §9.4: Δx = ‖∇f‖_* Δx_nsd), so
//! each method's first-order decrease is η‖∇f‖_*²:
//!
//! - L2, gradient descent: Δ = −η ∇f;
//! - L1, coordinate descent: only the coordinate with the larger |∂f| moves, Δᵢ = −η ∂ᵢf
//!   (x on a tie);
//! - L∞, sign descent: Δ = −η ‖∇f‖₁ sign(∇f).
//!
//! The others follow PyTorch's documented update rules (and the order of operations of its
//! single-tensor implementations), from zero state, with g = ∇f and t the step number from 1:
//!
//! - momentum, `SGD(momentum=β, dampening=0)`: b ← βb + g (b = g on the first step),
//!   x ← x − η b. For a constant η this is the heavy ball v ← βv − η g, x ← x + v, with v = −ηb;
//! - Nesterov, `SGD(momentum=β, dampening=0, nesterov=True)`: b as above, x ← x − η (g + βb);
//! - `Adagrad(lr_decay=0, initial_accumulator_value=0, eps)`: s ← s + g²,
//!   x ← x − η g / (√s + ε), ε = 1e-10;
//! - `RMSprop(alpha=α, eps, momentum=0, centered=False)`: v ← αv + (1 − α) g²,
//!   x ← x − η g / (√v + ε), α = 0.99, ε = 1e-8;
//! - `Adam(betas=(β₁, β₂), eps, amsgrad=False)`: m ← m + (1 − β₁)(g − m) (PyTorch's `lerp`),
//!   v ← β₂v + (1 − β₂) g², x ← x − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε), β₁ = 0.9,
//!   β₂ = 0.999, ε = 1e-8 (bias-corrected; ε added after the square root).
//!
//! Checked against PyTorch 2.15 in float64 (issue 16's note): on the bowl, the valley,
//! Rosenbrock and a typed function, 100 steps of each rule agree to 4e-12 relative at worst
//! (Rosenbrock magnifies one rounding per step), most to 1e-14. What differs is rounding
//! only: PyTorch's AVX2 kernels fuse a + s·b into one multiply-add and its `sqrt` comes from
//! MKL; with its generic kernels the paths here match it bit for bit but for that `sqrt`.

use super::norms::sign;

/// One of the eight optimizers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Optimizer {
    /// Steepest descent under L2: plain gradient descent.
    GradientDescent,
    /// Steepest descent under L1: one coordinate per step.
    Coordinate,
    /// Steepest descent under L∞: every coordinate moves by the same amount.
    Sign,
    /// Gradient descent with heavy-ball momentum (`torch.optim.SGD(momentum=β)`).
    Momentum,
    /// Nesterov momentum (`torch.optim.SGD(momentum=β, nesterov=True)`).
    Nesterov,
    /// `torch.optim.Adagrad`.
    Adagrad,
    /// `torch.optim.RMSprop`.
    Rmsprop,
    /// `torch.optim.Adam`.
    Adam,
}

/// Momentum's default β (and PyTorch users' usual choice).
pub const BETA: f64 = 0.9;

/// A loss beyond this (or a non-finite number) ends a path as diverged.
pub const DIVERGED: f64 = 1e12;

impl Optimizer {
    /// All eight, in legend order.
    pub const ALL: [Optimizer; 8] = [
        Self::GradientDescent,
        Self::Coordinate,
        Self::Sign,
        Self::Momentum,
        Self::Nesterov,
        Self::Adagrad,
        Self::Rmsprop,
        Self::Adam,
    ];

    /// The key in `data-paths` and in `data-state`'s `paths`.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::GradientDescent => "gd",
            Self::Coordinate => "coordinate",
            Self::Sign => "sign",
            Self::Momentum => "momentum",
            Self::Nesterov => "nesterov",
            Self::Adagrad => "adagrad",
            Self::Rmsprop => "rmsprop",
            Self::Adam => "adam",
        }
    }

    /// True for the two that carry a velocity from step to step.
    #[must_use]
    pub const fn has_momentum(self) -> bool {
        matches!(self, Self::Momentum | Self::Nesterov)
    }
}

/// The optimizers' hyperparameters besides η (PyTorch's defaults unless changed).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hyper {
    /// Momentum's and Nesterov's β.
    pub beta: f64,
    /// RMSprop's α (the squared gradient's decay).
    pub alpha: f64,
    /// Adam's β₁ (the gradient's decay).
    pub beta1: f64,
    /// Adam's β₂ (the squared gradient's decay).
    pub beta2: f64,
    /// One ε for Adagrad, RMSprop and Adam, overriding each one's default.
    pub eps: Option<f64>,
}

impl Default for Hyper {
    fn default() -> Self {
        Self {
            beta: BETA,
            alpha: 0.99,
            beta1: 0.9,
            beta2: 0.999,
            eps: None,
        }
    }
}

impl Hyper {
    /// The ε `o` uses: the override, else PyTorch's default (Adagrad 1e-10, RMSprop and
    /// Adam 1e-8; 0 for the rest, which have none).
    #[must_use]
    pub fn eps(&self, o: Optimizer) -> f64 {
        match o {
            Optimizer::Adagrad => self.eps.unwrap_or(1e-10),
            Optimizer::Rmsprop | Optimizer::Adam => self.eps.unwrap_or(1e-8),
            _ => 0.0,
        }
    }
}

/// What an optimizer carries from step to step (all zero at the start).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Memory {
    /// Momentum's buffer b, Adagrad's sum s, RMSprop's average v, Adam's m.
    first: [f64; 2],
    /// Adam's v.
    second: [f64; 2],
    /// Steps taken.
    t: u32,
}

/// One step, before it is taken: where it goes and the gradient step it departs from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    /// The step Δ the optimizer takes (x ← x + Δ).
    pub delta: [f64; 2],
    /// Plain gradient descent's step from the same point, −η∇f.
    pub gradient: [f64; 2],
    /// What the optimizer carries over from earlier steps, Δ − (−η∇f), for the two with
    /// momentum (the velocity part); `None` for the rest, whose step rescales the gradient.
    pub carried: Option<[f64; 2]>,
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
    memory: Memory,
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
            memory: Memory::default(),
        }
    }

    /// The step the optimizer would take next, with learning rate `lr`, from the last point
    /// where the gradient is `g`; and the memory it would then hold.
    fn plan(&self, lr: f64, hyper: &Hyper, g: [f64; 2]) -> (Step, Memory) {
        let o = self.optimizer;
        let mut m = self.memory;
        m.t += 1;
        let eps = hyper.eps(o);
        let each = |f: &dyn Fn(usize) -> f64| [f(0), f(1)];
        let delta = match o {
            Optimizer::GradientDescent => each(&|i| -lr * g[i]),
            Optimizer::Coordinate => {
                if g[0].abs() >= g[1].abs() {
                    [-lr * g[0], 0.0]
                } else {
                    [0.0, -lr * g[1]]
                }
            }
            Optimizer::Sign => {
                let l1 = g[0].abs() + g[1].abs();
                each(&|i| -lr * l1 * sign(g[i]))
            }
            Optimizer::Momentum | Optimizer::Nesterov => {
                let b = if m.t == 1 {
                    g
                } else {
                    each(&|i| m.first[i] * hyper.beta + g[i])
                };
                m.first = b;
                if o == Optimizer::Nesterov {
                    each(&|i| -lr * (g[i] + hyper.beta * b[i]))
                } else {
                    each(&|i| -lr * b[i])
                }
            }
            Optimizer::Adagrad => {
                let s = each(&|i| m.first[i] + g[i] * g[i]);
                m.first = s;
                each(&|i| -lr * g[i] / (s[i].sqrt() + eps))
            }
            Optimizer::Rmsprop => {
                let a = hyper.alpha;
                let v = each(&|i| m.first[i] * a + (1.0 - a) * g[i] * g[i]);
                m.first = v;
                each(&|i| -lr * g[i] / (v[i].sqrt() + eps))
            }
            Optimizer::Adam => {
                let (b1, b2) = (hyper.beta1, hyper.beta2);
                let w = 1.0 - b1;
                // torch.lerp, as PyTorch computes it on either side of w = ½.
                let mm = each(&|i| {
                    if w < 0.5 {
                        m.first[i] + w * (g[i] - m.first[i])
                    } else {
                        g[i] - (g[i] - m.first[i]) * (1.0 - w)
                    }
                });
                let v = each(&|i| m.second[i] * b2 + (1.0 - b2) * g[i] * g[i]);
                m.first = mm;
                m.second = v;
                // Python's float ** float, as PyTorch writes 1 − β^t and (1 − β₂^t) ** 0.5: C's pow
                // (whose x^0.5 is not always √x).
                let t = f64::from(m.t);
                let bc1 = 1.0 - b1.powf(t);
                let bc2 = 1.0 - b2.powf(t);
                let step_size = lr / bc1;
                each(&|i| -step_size * mm[i] / (v[i].sqrt() / bc2.powf(0.5) + eps))
            }
        };
        let gradient = each(&|i| -lr * g[i]);
        let carried = o.has_momentum().then(|| each(&|i| delta[i] - gradient[i]));
        (
            Step {
                delta,
                gradient,
                carried,
            },
            m,
        )
    }

    /// The step the optimizer would take next (`None` once diverged or where the gradient is
    /// not finite).
    #[must_use]
    pub fn next_step(
        &self,
        lr: f64,
        hyper: &Hyper,
        value_and_gradient: impl Fn(f64, f64) -> (f64, [f64; 2]),
    ) -> Option<Step> {
        if self.diverged_at.is_some() {
            return None;
        }
        let &[x, y] = self.points.last()?;
        let (_, g) = value_and_gradient(x, y);
        let (step, _) = self.plan(lr, hyper, g);
        (step.delta[0].is_finite() && step.delta[1].is_finite()).then_some(step)
    }

    /// One step with learning rate `lr` on the function whose value and gradient
    /// `value_and_gradient` gives. Returns false (and takes no step) once diverged.
    pub fn step(
        &mut self,
        lr: f64,
        hyper: &Hyper,
        value_and_gradient: impl Fn(f64, f64) -> (f64, [f64; 2]),
    ) -> bool {
        if self.diverged_at.is_some() {
            return false;
        }
        let Some(&[x, y]) = self.points.last() else {
            return false;
        };
        let (_, g) = value_and_gradient(x, y);
        let (step, memory) = self.plan(lr, hyper, g);
        let next = [x + step.delta[0], y + step.delta[1]];
        let (loss, _) = value_and_gradient(next[0], next[1]);
        if !(next[0].is_finite()
            && next[1].is_finite()
            && loss.is_finite()
            && loss.abs() <= DIVERGED)
        {
            self.diverged_at = Some(self.points.len());
            return false;
        }
        self.memory = memory;
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
            p.step(lr, &Hyper::default(), |x, y| f.value_and_gradient(x, y));
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
            .step(0.2, &Hyper::default(), |x, y| Function::Valley
                .value_and_gradient(x, y)));
    }

    fn near_to(a: [f64; 2], b: [f64; 2], tol: f64) -> bool {
        (a[0] - b[0]).abs() <= tol && (a[1] - b[1]).abs() <= tol
    }

    #[test]
    fn nesterov_and_the_adaptive_rules_by_hand_on_the_bowl() {
        // Bowl f = x² + y² from (3, 4), η = 0.1: ∇f = 2(x, y).
        let two = |o| run(o, Function::Bowl, [3.0, 4.0], 0.1, 2).points;
        // Nesterov: b₁ = g₁ = (6, 8), step along g₁ + 0.9·b₁ = 1.9·(6, 8): (3, 4) − (1.14, 1.52).
        // Then g₂ = (3.72, 4.96), b₂ = 0.9·(6, 8) + g₂ = (9.12, 12.16),
        // g₂ + 0.9·b₂ = (11.928, 15.904): (1.86, 2.48) − (1.1928, 1.5904).
        let n = two(Optimizer::Nesterov);
        assert!(
            near(n[1], [1.86, 2.48]) && near(n[2], [0.6672, 0.8896]),
            "{n:?}"
        );
        // Adagrad: s₁ = g₁² so the first step is η·sign(g) = (0.1, 0.1) (up to ε = 1e-10).
        // Then g₂ = (5.8, 7.8), s₂ = (36 + 33.64, 64 + 60.84).
        let a = two(Optimizer::Adagrad);
        let x2 = 2.9 - 0.1 * 5.8 / 69.64f64.sqrt();
        let y2 = 3.9 - 0.1 * 7.8 / 124.84f64.sqrt();
        assert!(
            near_to(a[1], [2.9, 3.9], 1e-11) && near_to(a[2], [x2, y2], 1e-11),
            "{a:?}"
        );
        // RMSprop (α = 0.99): v₁ = 0.01·g₁² = (0.36, 0.64), √v₁ = (0.6, 0.8), so the step is
        // 0.1·(6/0.6, 8/0.8) = (1, 1). Then g₂ = (4, 6), v₂ = 0.99·v₁ + 0.01·(16, 36).
        let r = two(Optimizer::Rmsprop);
        let x2 = 2.0 - 0.1 * 4.0 / (0.99f64 * 0.36 + 0.16).sqrt();
        let y2 = 3.0 - 0.1 * 6.0 / (0.99f64 * 0.64 + 0.36).sqrt();
        assert!(
            near_to(r[1], [2.0, 3.0], 1e-7) && near_to(r[2], [x2, y2], 1e-7),
            "{r:?}"
        );
        // Adam: after bias correction the first step is η·g/|g| = η·sign(g): (2.9, 3.9).
        // Then g₂ = (5.8, 7.8): m₂ = 0.9·0.1·g₁ + 0.1·g₂, v₂ = 0.999·0.001·g₁² + 0.001·g₂²,
        // m̂ = m₂/(1 − 0.81), v̂ = v₂/(1 − 0.998001).
        let d = two(Optimizer::Adam);
        let adam = |g1: f64, g2: f64| {
            let m = 0.09 * g1 + 0.1 * g2;
            let v = 0.999 * 0.001 * g1 * g1 + 0.001 * g2 * g2;
            0.1 * (m / 0.19) / (v / 0.001999).sqrt()
        };
        let (x2, y2) = (2.9 - adam(6.0, 5.8), 3.9 - adam(8.0, 7.8));
        assert!(
            near_to(d[1], [2.9, 3.9], 1e-8) && near_to(d[2], [x2, y2], 1e-8),
            "{d:?}"
        );
    }

    #[test]
    fn epsilon_and_the_decay_rates_are_used() {
        // A huge ε swamps √s: Adagrad's first step becomes η·g/ε.
        let hyper = Hyper {
            eps: Some(1e3),
            ..Hyper::default()
        };
        let mut p = Path::new(Optimizer::Adagrad, [3.0, 4.0], 25.0);
        p.step(0.1, &hyper, |x, y| Function::Bowl.value_and_gradient(x, y));
        assert!(near_to(
            p.points[1],
            [3.0 - 0.6 / 1006.0, 4.0 - 0.8 / 1008.0],
            1e-15
        ));
        assert_eq!(hyper.eps(Optimizer::Momentum), 0.0);
        assert_eq!(Hyper::default().eps(Optimizer::Adagrad), 1e-10);
        // β = 0 makes momentum gradient descent.
        let flat = Hyper {
            beta: 0.0,
            ..Hyper::default()
        };
        let mut m = Path::new(Optimizer::Momentum, [3.0, 4.0], 25.0);
        let mut g = Path::new(Optimizer::GradientDescent, [3.0, 4.0], 25.0);
        for _ in 0..5 {
            m.step(0.1, &flat, |x, y| Function::Bowl.value_and_gradient(x, y));
            g.step(0.1, &flat, |x, y| Function::Bowl.value_and_gradient(x, y));
        }
        assert_eq!(m.points, g.points);
    }

    #[test]
    fn the_next_step_is_the_step_taken_and_splits_into_its_parts() {
        let vg = |x: f64, y: f64| Function::Rosenbrock.value_and_gradient(x, y);
        for o in Optimizer::ALL {
            let mut p = Path::new(o, [-1.5, 2.5], vg(-1.5, 2.5).0);
            for _ in 0..3 {
                let hyper = Hyper::default();
                let s = p.next_step(0.001, &hyper, vg).expect("finite");
                let from = *p.points.last().unwrap();
                let (_, g) = vg(from[0], from[1]);
                assert_eq!(s.gradient, [-0.001 * g[0], -0.001 * g[1]]);
                assert!(p.step(0.001, &hyper, vg));
                let to = *p.points.last().unwrap();
                assert_eq!(to, [from[0] + s.delta[0], from[1] + s.delta[1]], "{o:?}");
                match s.carried {
                    Some(c) => {
                        assert!(o.has_momentum());
                        let sum = [s.gradient[0] + c[0], s.gradient[1] + c[1]];
                        assert!(near_to(sum, s.delta, 1e-15));
                    }
                    None => assert!(!o.has_momentum()),
                }
            }
        }
    }
}
