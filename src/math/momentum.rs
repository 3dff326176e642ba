//! Heavy-ball momentum on a quadratic: its iteration matrix, its convergence rate and the best
//! learning rate and momentum (the foundation of the `momentum-map` figure).
//!
//! The quadratic is f(x, y) = ½(x² + κy²), whose Hessian has the eigenvalues μ = 1 and L = κ.
//! Momentum runs in PyTorch's form (`torch.optim.SGD(momentum=β, dampening=0,
//! nesterov=False)`), from a zero buffer b₀ = 0:
//!
//! ```text
//! b ← βb + ∇f(x),    x ← x − ηb.
//! ```
//!
//! Along an eigen-direction with eigenvalue λ, ∇f = λx, so with the state (xₖ, bₖ):
//!
//! ```text
//! bₖ₊₁ = βbₖ + λxₖ
//! xₖ₊₁ = xₖ − ηbₖ₊₁ = (1 − ηλ)xₖ − ηβbₖ
//! ```
//!
//! that is, (xₖ₊₁, bₖ₊₁) = M(λ)(xₖ, bₖ) with the iteration matrix
//!
//! ```text
//! M(λ) = | 1 − ηλ   −ηβ |
//!        |   λ        β |
//! ```
//!
//! Its trace is t = 1 − ηλ + β and its determinant (1 − ηλ)β + ηβλ = β, so its eigenvalues
//! solve z² − tz + β = 0. When t² < 4β they are complex conjugates of modulus √β (their
//! product is β); otherwise they are real and the larger in modulus is (|t| + √(t² − 4β))/2.
//! The error shrinks like ρ(M)ᵏ, so the rate of the whole method is the worse of the two
//! directions: rate(η, β, κ) = max over λ ∈ {1, κ} of ρ(M(λ)). It is at least √β everywhere
//! (the eigenvalues' product is β), and below 1 exactly when 0 < ηλ < 2(1 + β) for both λ
//! (with 0 ≤ β < 1): on this map, when η < 2(1 + β)/κ.
//!
//! The best pair makes both directions critically damped at once (t² = 4β for λ = 1 and
//! λ = κ): η* = (2/(√L + √μ))², β* = ((√κ − 1)/(√κ + 1))², with the rate
//! √β* = (√κ − 1)/(√κ + 1) — against (κ − 1)/(κ + 1) for the best plain gradient descent.

/// One run of momentum on ½(x² + κy²): the quadratic and the two hyper-parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Setting {
    /// The condition number κ = L/μ (the eigenvalues are 1 and κ).
    pub kappa: f64,
    /// The learning rate η.
    pub lr: f64,
    /// The momentum β.
    pub beta: f64,
}

impl Setting {
    /// The rate of this setting (see [`rate`]).
    #[must_use]
    pub fn rate(&self) -> f64 {
        rate(self.lr, self.beta, self.kappa)
    }

    /// True if the error does not shrink (rate ≥ 1).
    #[must_use]
    pub fn diverges(&self) -> bool {
        let r = self.rate();
        r >= 1.0 || r.is_nan()
    }
}

/// The iteration matrix M(λ) of momentum with learning rate `lr` and momentum `beta` along an
/// eigen-direction of eigenvalue `lambda`, acting on the state (x, b), row by row.
#[must_use]
pub fn matrix(lr: f64, beta: f64, lambda: f64) -> [[f64; 2]; 2] {
    [[1.0 - lr * lambda, -lr * beta], [lambda, beta]]
}

/// The spectral radius of M(λ): the largest modulus of the roots of z² − (1 − ηλ + β)z + β.
///
/// Near critical damping (t² = 4β) the roots are a double root √β that splits like the square
/// root of any perturbation, so the discriminant is computed as (|t| − 2√β)(|t| + 2√β) (no
/// cancellation in t² − 4β), and a gap |t| − 2√β within the rounding error of t itself is
/// taken as zero: the radius is then √β exactly, as at the optimum.
#[must_use]
pub fn spectral_radius(lr: f64, beta: f64, lambda: f64) -> f64 {
    let t = (1.0 - lr * lambda + beta).abs();
    let s = beta.max(0.0).sqrt();
    let gap = t - 2.0 * s;
    // The rounding error of t = 1 − ηλ + β: a few ulps of its largest term.
    let tolerance = 4.0 * f64::EPSILON * (1.0 + (lr * lambda).abs() + beta.abs());
    if gap <= tolerance {
        // Complex conjugates (or a double root): both of modulus √β.
        s
    } else {
        (t + (gap * (t + 2.0 * s)).sqrt()) / 2.0
    }
}

/// The convergence rate of momentum on ½(x² + κy²): the spectral radius, worst over the two
/// eigen-directions λ = 1 and λ = κ. The error shrinks by this factor per step in the long
/// run; 1 or more means it does not shrink.
#[must_use]
pub fn rate(lr: f64, beta: f64, kappa: f64) -> f64 {
    spectral_radius(lr, beta, 1.0).max(spectral_radius(lr, beta, kappa))
}

/// The best learning rate and momentum for condition number `kappa`, with their rate:
/// η* = 4/(√κ + 1)², β* = ((√κ − 1)/(√κ + 1))², rate (√κ − 1)/(√κ + 1).
#[must_use]
pub fn optimum(kappa: f64) -> Setting {
    let r = kappa.sqrt();
    let lr = (2.0 / (r + 1.0)).powi(2);
    let beta = ((r - 1.0) / (r + 1.0)).powi(2);
    Setting { kappa, lr, beta }
}

/// The rate of the optimum, (√κ − 1)/(√κ + 1).
#[must_use]
pub fn optimal_rate(kappa: f64) -> f64 {
    let r = kappa.sqrt();
    (r - 1.0) / (r + 1.0)
}

/// The learning rate beyond which momentum diverges: 2(1 + β)/κ.
#[must_use]
pub fn divergence_lr(beta: f64, kappa: f64) -> f64 {
    2.0 * (1.0 + beta) / kappa
}

/// Steps to shrink the error `factor` times at `rate`: ln(factor)/(−ln rate); `None` if the
/// rate is not below 1. A rate of 0 gives 0 (the error vanishes at once).
#[must_use]
pub fn steps_to_shrink(rate: f64, factor: f64) -> Option<f64> {
    if (0.0..1.0).contains(&rate) {
        Some(factor.ln() / -rate.ln())
    } else {
        None
    }
}

/// The rate at the centres of an `nx` × `ny` grid of cells over `lr` × `beta`: row `j`
/// (from `beta.0` upwards) then column `i` (from `lr.0` rightwards), `nx · ny` values.
#[must_use]
pub fn rate_grid(kappa: f64, lr: (f64, f64), beta: (f64, f64), nx: usize, ny: usize) -> Vec<f64> {
    let (dx, dy) = (
        (lr.1 - lr.0) / nx.max(1) as f64,
        (beta.1 - beta.0) / ny.max(1) as f64,
    );
    let mut out = Vec::with_capacity(nx * ny);
    for j in 0..ny {
        let b = beta.0 + (j as f64 + 0.5) * dy;
        for i in 0..nx {
            out.push(rate(lr.0 + (i as f64 + 0.5) * dx, b, kappa));
        }
    }
    out
}

/// ‖xₖ‖ for k = 0…`steps` of momentum (b ← βb + ∇f, x ← x − ηb, b₀ = 0) on ½(x² + κy²) from
/// `start`, stopping early once the norm passes `limit` or stops being finite (the last value
/// is then the first beyond it).
#[must_use]
pub fn norms(setting: Setting, start: [f64; 2], steps: usize, limit: f64) -> Vec<f64> {
    let Setting { kappa, lr, beta } = setting;
    let lambda = [1.0, kappa];
    let (mut x, mut b) = (start, [0.0; 2]);
    let mut out = vec![x[0].hypot(x[1])];
    for _ in 0..steps {
        for k in 0..2 {
            b[k] = beta * b[k] + lambda[k] * x[k];
            x[k] -= lr * b[k];
        }
        let n = x[0].hypot(x[1]);
        out.push(n);
        if n > limit || n.is_nan() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The growth per step of the state (x, b) measured from 2,000 iterations of the
    /// recurrence itself (not the matrix): (‖s₂₀₀₀‖/‖s₁₀₀₀‖)^(1/1000), renormalising as it goes
    /// so nothing under- or overflows.
    fn measured(lr: f64, beta: f64, kappa: f64) -> f64 {
        let lambda = [1.0, kappa];
        let (mut x, mut b) = ([1.0, 1.0], [0.0f64; 2]);
        let mut log = 0.0;
        let mut at_1000 = 0.0;
        for k in 1..=2000 {
            for d in 0..2 {
                b[d] = beta * b[d] + lambda[d] * x[d];
                x[d] -= lr * b[d];
            }
            let n = (x[0] * x[0] + x[1] * x[1] + b[0] * b[0] + b[1] * b[1]).sqrt();
            log += n.ln();
            for v in x.iter_mut().chain(b.iter_mut()) {
                *v /= n;
            }
            if k == 1000 {
                at_1000 = log;
            }
        }
        ((log - at_1000) / 1000.0).exp()
    }

    #[test]
    fn the_matrix_is_one_step_of_the_recurrence() {
        let (lr, beta, lambda) = (0.3, 0.7, 4.0);
        let m = matrix(lr, beta, lambda);
        let (x, b) = (1.5, -0.25);
        let b1 = beta * b + lambda * x;
        let x1 = x - lr * b1;
        assert!((m[0][0] * x + m[0][1] * b - x1).abs() < 1e-15);
        assert!((m[1][0] * x + m[1][1] * b - b1).abs() < 1e-15);
    }

    #[test]
    fn the_rate_is_the_measured_contraction_of_the_recurrence() {
        // (η, β, κ) away from critical damping, and what each case exercises.
        let cases = [
            // Both directions complex: t = 1.8 and 0.9 against 2√0.9 = 1.897: rate √0.9.
            (0.1, 0.9, 10.0),
            // λ = 1 real and dominant (t = 1.25, t² − 4β = 0.3625), λ = κ complex.
            (0.05, 0.3, 10.0),
            // λ = κ real with a negative trace (t = −1.1): the error flips sign each step.
            (0.23, 0.2, 10.0),
            // Plain gradient descent (β = 0) on a badly conditioned quadratic.
            (0.015, 0.0, 100.0),
            // Beyond 2(1 + β)/κ = 0.24: growth, measured the same way.
            (0.25, 0.2, 10.0),
            // Strong momentum on κ = 1000, both directions real.
            (0.0005, 0.6, 1000.0),
        ];
        for (lr, beta, kappa) in cases {
            let want = measured(lr, beta, kappa);
            let got = rate(lr, beta, kappa);
            assert!(
                (got - want).abs() < 2e-3 * want.max(1.0),
                "η {lr} β {beta} κ {kappa}: rate {got}, measured {want}"
            );
        }
        // The all-complex case by hand: √0.9.
        assert!((rate(0.1, 0.9, 10.0) - 0.9f64.sqrt()).abs() < 1e-15);
        assert!(rate(0.25, 0.2, 10.0) > 1.0);
    }

    #[test]
    fn the_optimum_is_the_closed_form_and_nothing_on_a_fine_grid_beats_it() {
        // κ = 4: √κ = 2, η* = (2/3)² = 4/9, β* = (1/3)² = 1/9, rate 1/3.
        let o = optimum(4.0);
        assert!((o.lr - 4.0 / 9.0).abs() < 1e-15 && (o.beta - 1.0 / 9.0).abs() < 1e-15);
        assert!((o.rate() - 1.0 / 3.0).abs() < 1e-15, "{}", o.rate());
        // κ = 1: one step of size 1 lands on the minimum; no momentum needed.
        let o = optimum(1.0);
        assert_eq!((o.lr, o.beta, o.rate()), (1.0, 0.0, 0.0));
        for kappa in [2.0, 4.0, 10.0, 100.0, 1000.0] {
            let o = optimum(kappa);
            let best = (kappa.sqrt() - 1.0) / (kappa.sqrt() + 1.0);
            assert!((o.rate() - best).abs() < 1e-12, "κ {kappa}: {}", o.rate());
            assert!((optimal_rate(kappa) - best).abs() < 1e-15);
            // Better than the best gradient descent, (κ − 1)/(κ + 1) at η = 2/(1 + κ).
            let gd = rate(2.0 / (1.0 + kappa), 0.0, kappa);
            assert!((gd - (kappa - 1.0) / (kappa + 1.0)).abs() < 1e-12);
            assert!(o.rate() < gd);
            // A 400 × 400 grid over the whole stable region finds nothing better; its best
            // point is close to the optimum (the rate has a kink there, so "close" is loose).
            let (n, lr_max) = (400, divergence_lr(1.0, kappa));
            let grid = rate_grid(kappa, (0.0, lr_max), (0.0, 1.0), n, n);
            let (k, min) =
                grid.iter().enumerate().fold(
                    (0, f64::INFINITY),
                    |a, (k, &r)| if r < a.1 { (k, r) } else { a },
                );
            assert!(min >= best - 1e-12, "κ {kappa}: {min} < {best}");
            assert!(
                min - best < 0.02,
                "κ {kappa}: grid best {min}, optimum {best}"
            );
            let (lr, beta) = (
                (k % n) as f64 * lr_max / n as f64,
                (k / n) as f64 / n as f64,
            );
            assert!((lr - o.lr).abs() < 0.05 * lr_max && (beta - o.beta).abs() < 0.05);
        }
    }

    #[test]
    fn without_momentum_it_is_gradient_descent() {
        for kappa in [1.0, 3.0, 10.0, 250.0] {
            for k in 1..40 {
                let lr = f64::from(k) * 0.06 / kappa;
                let gd = (1.0 - lr).abs().max((1.0 - lr * kappa).abs());
                assert!(
                    (rate(lr, 0.0, kappa) - gd).abs() < 1e-15,
                    "κ {kappa} η {lr}"
                );
            }
        }
    }

    #[test]
    fn it_diverges_past_two_one_plus_beta_over_l() {
        for kappa in [1.0, 10.0, 1000.0] {
            for beta in [0.0, 0.3, 0.9, 0.99] {
                let edge = divergence_lr(beta, kappa);
                assert!(rate(edge * (1.0 + 1e-6), beta, kappa) > 1.0);
                assert!(rate(edge * (1.0 - 1e-6), beta, kappa) < 1.0);
                let s = Setting {
                    kappa,
                    lr: edge * 1.1,
                    beta,
                };
                assert!(s.diverges());
                // The recurrence itself blows up.
                let n = norms(s, [1.0, 1.0], 5000, 1e6);
                assert!(*n.last().unwrap() > 1e6, "κ {kappa} β {beta}");
            }
        }
        // β → 1 never converges: the complex pair sits on the unit circle.
        assert_eq!(rate(0.01, 1.0, 10.0), 1.0);
    }

    #[test]
    fn norms_follow_the_recurrence_and_steps_to_shrink() {
        // κ = 1, η = 1, β = 0: one step lands on the minimum.
        let s = Setting {
            kappa: 1.0,
            lr: 1.0,
            beta: 0.0,
        };
        assert_eq!(norms(s, [1.0, 1.0], 3, 1e9), [2f64.sqrt(), 0.0, 0.0, 0.0]);
        // By hand, κ = 2, η = 0.5, β = 0.5 from (1, 1): b = (1, 2), x = (0.5, 0);
        // b = (1, 1), x = (0, −0.5).
        let s = Setting {
            kappa: 2.0,
            lr: 0.5,
            beta: 0.5,
        };
        let n = norms(s, [1.0, 1.0], 2, 1e9);
        assert_eq!(n, [2f64.sqrt(), 0.5, 0.5]);
        // ln 1000 / ln 10 = 3 steps at rate 0.1.
        assert!((steps_to_shrink(0.1, 1000.0).unwrap() - 3.0).abs() < 1e-12);
        assert_eq!(steps_to_shrink(0.0, 1000.0), Some(0.0));
        assert_eq!(steps_to_shrink(1.0, 1000.0), None);
    }

    #[test]
    fn the_grid_is_cell_centred_rows_upward() {
        let g = rate_grid(10.0, (0.0, 0.4), (0.0, 1.0), 4, 2);
        assert_eq!(g.len(), 8);
        assert!((g[0] - rate(0.05, 0.25, 10.0)).abs() < 1e-12);
        assert!((g[3] - rate(0.35, 0.25, 10.0)).abs() < 1e-12);
        assert!((g[7] - rate(0.35, 0.75, 10.0)).abs() < 1e-12);
    }
}
