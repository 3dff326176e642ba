//! Norm-constrained least squares in two weights: minimise the quadratic loss
//! L(w) = ½ (w − c)ᵀ A (w − c) (A symmetric positive definite, c the unconstrained optimum)
//! over the L1 ball ‖w‖₁ ≤ t (a diamond) or the L2 ball ‖w‖₂ ≤ t (a circle). Both optima are
//! exact, not searched for:
//!
//! - **L2**: the optimum solves (A + λI) w = A c for the multiplier λ ≥ 0 that puts it on the
//!   circle, ‖w‖₂ = t. ‖w(λ)‖₂ falls monotonically from ‖c‖₂ at λ = 0 towards 0, so λ is the
//!   root of a monotone function of one variable: bracketed, then found by Newton's method on
//!   1/‖w(λ)‖ − 1/t (nearly linear in λ) with bisection as the safeguard, to the last bit.
//!   When ‖c‖₂ ≤ t the constraint does not bind: w = c, λ = 0.
//! - **L1**: the loss is strictly convex, so the optimum is unique: c itself when
//!   ‖c‖₁ ≤ t; otherwise on the diamond's boundary, on one of its four edges (a quadratic in
//!   one variable each, minimised in closed form and clamped to the edge) or at one of its
//!   four corners. Corners are built from ±t and an exact 0.0, so a sparse optimum reports a
//!   weight that is exactly zero, never 1e-17.
//!
//! The L1 optimum is piecewise linear in t: [`Quadratic::l1_kinks`] gives, in closed form,
//! every t where it can bend (where an edge's minimiser reaches a corner), so a path sampled
//! there and joined by straight lines is exact.

/// Why a problem is refused.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Invalid {
    /// An entry of A or c is NaN or infinite.
    NotFinite,
    /// a ≤ 0: A is not positive definite (its first pivot).
    FirstPivot,
    /// d ≤ 0: A is not positive definite (its last diagonal entry).
    LastPivot,
    /// a·d − b² ≤ 0 (or so close to 0 against a·d that A is numerically singular).
    Determinant,
    /// The radius t is not a positive finite number.
    Radius,
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Invalid::NotFinite => "every entry must be a finite number",
            Invalid::FirstPivot => "a must be positive for A to be positive definite",
            Invalid::LastPivot => "d must be positive for A to be positive definite",
            Invalid::Determinant => {
                "A is positive definite only when a·d − b² > 0, that is |b| < √(a·d)"
            }
            Invalid::Radius => "the radius t must be a positive number",
        })
    }
}

/// The smallest a·d − b² accepted, relative to a·d: below it A is numerically singular (its
/// level curves are so long that nothing on screen would be an ellipse).
pub const MIN_DET_RATIO: f64 = 1e-9;

/// L(w) = ½ (w − c)ᵀ A (w − c) with A = [[a, b], [b, d]] positive definite.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quadratic {
    a: f64,
    b: f64,
    d: f64,
    c: [f64; 2],
}

/// A constrained optimum.
#[derive(Clone, Debug, PartialEq)]
pub struct Constrained {
    /// The optimal weights.
    pub w: [f64; 2],
    /// L(w).
    pub loss: f64,
    /// True when the constraint binds (the unconstrained optimum c lies outside the ball).
    pub active: bool,
    /// The Lagrange multiplier: λ for L2 (∇L + λ w = 0), μ for L1 (∇L + μ s = 0 with s a
    /// subgradient of ‖·‖₁ at w); 0 when the constraint does not bind.
    pub multiplier: f64,
    /// The indices (0 for w₁, 1 for w₂) of the weights that are exactly 0.0.
    pub zero: Vec<usize>,
}

impl Constrained {
    fn new(q: &Quadratic, w: [f64; 2], active: bool, multiplier: f64) -> Self {
        Self {
            w,
            loss: q.loss(w),
            active,
            multiplier,
            zero: (0..2).filter(|&i| w[i] == 0.0).collect(),
        }
    }
}

/// Which ball constrains the weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ball {
    /// ‖w‖₁ ≤ t, the diamond.
    L1,
    /// ‖w‖₂ ≤ t, the circle.
    L2,
}

impl Ball {
    /// ‖w‖ in this ball's norm.
    #[must_use]
    pub fn norm(self, w: [f64; 2]) -> f64 {
        match self {
            Ball::L1 => w[0].abs() + w[1].abs(),
            Ball::L2 => w[0].hypot(w[1]),
        }
    }
}

/// The four edges of the diamond as the signs (s₁, s₂) of the quadrant they lie in.
const QUADRANTS: [(f64, f64); 4] = [(1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0), (1.0, -1.0)];

impl Quadratic {
    /// The loss with A = [[a, b], [b, d]] and unconstrained optimum `c`.
    ///
    /// # Errors
    /// A non-finite entry, or an A that is not (numerically) positive definite.
    pub fn new(a: f64, b: f64, d: f64, c: [f64; 2]) -> Result<Self, Invalid> {
        if ![a, b, d, c[0], c[1]].iter().all(|v| v.is_finite()) {
            return Err(Invalid::NotFinite);
        }
        if a <= 0.0 {
            return Err(Invalid::FirstPivot);
        }
        if d <= 0.0 {
            return Err(Invalid::LastPivot);
        }
        let det = a * d - b * b;
        // NaN when a·d and b² both overflow.
        if det.is_nan() || det <= MIN_DET_RATIO * a * d || !det.is_finite() {
            return Err(Invalid::Determinant);
        }
        Ok(Self { a, b, d, c })
    }

    /// The matrix as [[a, b], [b, d]].
    #[must_use]
    pub fn matrix(&self) -> [[f64; 2]; 2] {
        [[self.a, self.b], [self.b, self.d]]
    }

    /// The unconstrained optimum c.
    #[must_use]
    pub fn center(&self) -> [f64; 2] {
        self.c
    }

    /// The same matrix with another centre (refused unless finite).
    ///
    /// # Errors
    /// [`Invalid::NotFinite`].
    pub fn with_center(&self, c: [f64; 2]) -> Result<Self, Invalid> {
        Self::new(self.a, self.b, self.d, c)
    }

    /// A v.
    #[must_use]
    pub fn apply(&self, v: [f64; 2]) -> [f64; 2] {
        [self.a * v[0] + self.b * v[1], self.b * v[0] + self.d * v[1]]
    }

    /// uᵀ A v.
    fn form(&self, u: [f64; 2], v: [f64; 2]) -> f64 {
        let av = self.apply(v);
        u[0] * av[0] + u[1] * av[1]
    }

    /// L(w) = ½ (w − c)ᵀ A (w − c).
    #[must_use]
    pub fn loss(&self, w: [f64; 2]) -> f64 {
        let e = [w[0] - self.c[0], w[1] - self.c[1]];
        0.5 * self.form(e, e)
    }

    /// ∇L(w) = A (w − c).
    #[must_use]
    pub fn gradient(&self, w: [f64; 2]) -> [f64; 2] {
        self.apply([w[0] - self.c[0], w[1] - self.c[1]])
    }

    /// The eigenvalues of A, smallest first.
    #[must_use]
    pub fn eigenvalues(&self) -> [f64; 2] {
        let mean = 0.5 * (self.a + self.d);
        let half = (0.5 * (self.a - self.d)).hypot(self.b);
        // The small one from the determinant: no cancellation when A is ill-conditioned.
        let big = mean + half;
        [(self.a * self.d - self.b * self.b) / big, big]
    }

    /// (A + λI)⁻¹ v (λ ≥ 0, so the matrix is positive definite).
    fn shifted_solve(&self, lambda: f64, v: [f64; 2]) -> [f64; 2] {
        let (p, s) = (self.a + lambda, self.d + lambda);
        let det = p * s - self.b * self.b;
        [
            (s * v[0] - self.b * v[1]) / det,
            (p * v[1] - self.b * v[0]) / det,
        ]
    }

    /// The optimum over the L2 ball of radius `t`.
    ///
    /// # Errors
    /// [`Invalid::Radius`] unless t is positive and finite.
    pub fn l2(&self, t: f64) -> Result<Constrained, Invalid> {
        check_radius(t)?;
        if self.c[0].hypot(self.c[1]) <= t {
            return Ok(Constrained::new(self, self.c, false, 0.0));
        }
        let lambda = self.l2_multiplier(t);
        let w = self.shifted_solve(lambda, self.apply(self.c));
        Ok(Constrained::new(self, w, true, lambda))
    }

    /// The λ > 0 with ‖(A + λI)⁻¹ A c‖₂ = t, for t < ‖c‖₂.
    fn l2_multiplier(&self, t: f64) -> f64 {
        let ac = self.apply(self.c);
        let w = |lambda: f64| self.shifted_solve(lambda, ac);
        // ψ(λ) = 1/‖w(λ)‖ − 1/t rises with λ: negative at 0 (‖c‖ > t), and at
        // λ = (a + d)‖c‖/t, where ‖w‖ ≤ λ_max ‖c‖/(λ_min + λ) < t, positive.
        let psi = |lambda: f64| {
            let v = w(lambda);
            1.0 / v[0].hypot(v[1]) - 1.0 / t
        };
        let (mut lo, mut hi) = (0.0f64, (self.a + self.d) * self.c[0].hypot(self.c[1]) / t);
        while psi(hi) < 0.0 && hi.is_finite() {
            hi *= 2.0;
        }
        let mut lambda = 0.0;
        for _ in 0..200 {
            let v = w(lambda);
            let n = v[0].hypot(v[1]);
            let value = 1.0 / n - 1.0 / t;
            if value == 0.0 {
                return lambda;
            }
            if value < 0.0 {
                lo = lambda;
            } else {
                hi = lambda;
            }
            let mid = 0.5 * (lo + hi);
            if mid <= lo || mid >= hi {
                // The bracket holds two neighbouring numbers: the root lies between them.
                return if -psi(lo) <= psi(hi) { lo } else { hi };
            }
            // ψ'(λ) = wᵀ(A + λI)⁻¹w / ‖w‖³ > 0.
            let mw = self.shifted_solve(lambda, v);
            let slope = (v[0] * mw[0] + v[1] * mw[1]) / (n * n * n);
            let newton = lambda - value / slope;
            let next = if newton > lo && newton < hi {
                newton
            } else {
                mid
            };
            if (next - lambda).abs() <= f64::EPSILON * lambda.abs() {
                return next;
            }
            lambda = next;
        }
        lambda
    }

    /// The optimum over the L1 ball of radius `t`.
    ///
    /// # Errors
    /// [`Invalid::Radius`] unless t is positive and finite.
    pub fn l1(&self, t: f64) -> Result<Constrained, Invalid> {
        check_radius(t)?;
        if self.c[0].abs() + self.c[1].abs() <= t {
            return Ok(Constrained::new(self, self.c, false, 0.0));
        }
        // One candidate per edge: the edge's minimiser, clamped to its ends (the corners).
        let mut best: Option<[f64; 2]> = None;
        for (s1, s2) in QUADRANTS {
            let w = self.edge_minimiser(s1, s2, t);
            best = Some(match best {
                Some(b) if !self.better(w, b) => b,
                _ => w,
            });
        }
        let w = best.unwrap_or(self.c);
        let g = self.gradient(w);
        // ∇L + μ s = 0: on a corner from the nonzero weight (the other's subgradient is
        // −g/μ, inside [−1, 1]); on an edge from both (s = signs of w), averaged.
        let mu = match (w[0] == 0.0, w[1] == 0.0) {
            (true, false) => -g[1] * w[1].signum(),
            (false, true) => -g[0] * w[0].signum(),
            _ => -0.5 * (g[0] * w[0].signum() + g[1] * w[1].signum()),
        };
        Ok(Constrained::new(self, w, true, mu))
    }

    /// The minimiser of L on the diamond's edge in quadrant (s₁, s₂), from the corner
    /// (0, s₂t) to the corner (s₁t, 0): w(u) = (s₁u, s₂(t − u)), u ∈ [0, t]. Corners exactly.
    fn edge_minimiser(&self, s1: f64, s2: f64, t: f64) -> [f64; 2] {
        let dir = [s1, -s2];
        let start = [0.0, s2 * t];
        // dL/du = dirᵀA(w(u) − c) = 0 at u* = dirᵀA(c − start) / dirᵀA dir.
        let u = self.form(dir, [self.c[0] - start[0], self.c[1] - start[1]]) / self.form(dir, dir);
        if u <= 0.0 {
            start
        } else if u >= t {
            [s1 * t, 0.0]
        } else {
            [s1 * u, s2 * (t - u)]
        }
    }

    /// True if L(w) < L(best), decided from the difference
    /// L(w) − L(best) = ∇L(best)·δ + ½ δᵀAδ with δ = w − best, which keeps its accuracy when
    /// the two losses agree in all but their last bits (a minimiser a hair from a corner).
    fn better(&self, w: [f64; 2], best: [f64; 2]) -> bool {
        let delta = [w[0] - best[0], w[1] - best[1]];
        let g = self.gradient(best);
        g[0] * delta[0] + g[1] * delta[1] + 0.5 * self.form(delta, delta) < 0.0
    }

    /// Every t in (0, ‖c‖₁] where the L1 optimum's path may bend, sorted: where an edge's
    /// minimiser reaches one of the edge's corners, and ‖c‖₁, where the constraint stops
    /// binding. Between two consecutive ones the optimum is linear in t.
    ///
    /// On the edge of quadrant (s₁, s₂) the minimiser is u*(t) = (dirᵀAc − t·dirᵀA(0, s₂))
    /// / dirᵀA dir with dir = (s₁, −s₂): it reaches the corner (0, s₂t) (u* = 0) at
    /// t = dirᵀAc / dirᵀA(0, s₂) and the corner (s₁t, 0) (u* = t) at
    /// t = dirᵀAc / dirᵀA(s₁, 0).
    #[must_use]
    pub fn l1_kinks(&self) -> Vec<f64> {
        let end = self.c[0].abs() + self.c[1].abs();
        let mut out = vec![end];
        for (s1, s2) in QUADRANTS {
            let dir = [s1, -s2];
            let n = self.form(dir, self.c);
            for other in [[0.0, s2], [s1, 0.0]] {
                let t = n / self.form(dir, other);
                if t.is_finite() && t > 0.0 && t < end {
                    out.push(t);
                }
            }
        }
        out.sort_by(f64::total_cmp);
        out.dedup();
        out
    }

    /// The optimum at radius `t` in `ball` (at t = 0 the ball is the origin: w = 0).
    ///
    /// # Errors
    /// [`Invalid::Radius`] for a negative or non-finite t.
    pub fn optimum(&self, ball: Ball, t: f64) -> Result<Constrained, Invalid> {
        if t == 0.0 {
            let active = self.c != [0.0, 0.0];
            return Ok(Constrained::new(self, [0.0, 0.0], active, 0.0));
        }
        match ball {
            Ball::L1 => self.l1(t),
            Ball::L2 => self.l2(t),
        }
    }

    /// The regularisation path in `ball` for t from 0 to `t_max`: (t, optimal w) at t = 0,
    /// on a logarithmic grid of `n` radii from t_max/1000 and a linear grid of `n`, and (for
    /// L1) at every kink of [`l1_kinks`](Self::l1_kinks) and (for both) where the constraint
    /// stops binding; sorted by t. For L1, straight lines between the samples are exact.
    #[must_use]
    pub fn path(&self, ball: Ball, t_max: f64, n: usize) -> Vec<(f64, [f64; 2])> {
        if !(t_max > 0.0 && t_max.is_finite()) {
            return vec![(0.0, [0.0, 0.0])];
        }
        let n = n.max(2);
        let mut ts: Vec<f64> = vec![0.0, t_max];
        let steps = (n - 1) as f64;
        for k in 0..n {
            let f = k as f64 / steps;
            ts.push(t_max * 1e-3f64.powf(1.0 - f));
            ts.push(t_max * f);
        }
        ts.push(ball.norm(self.c));
        if ball == Ball::L1 {
            ts.extend(self.l1_kinks());
        }
        ts.retain(|&t| (0.0..=t_max).contains(&t));
        ts.sort_by(f64::total_cmp);
        ts.dedup();
        ts.into_iter()
            .filter_map(|t| self.optimum(ball, t).ok().map(|o| (t, o.w)))
            .collect()
    }

    /// The level curve L(w) = `level` (≥ 0): the ellipse (w − c)ᵀA(w − c) = 2·level, as
    /// `n` + 1 points (the first repeated at the end). With A = R Rᵀ (Cholesky, R lower
    /// triangular), w = c + r R⁻ᵀ(cos θ, sin θ), r = √(2·level).
    #[must_use]
    pub fn level_curve(&self, level: f64, n: usize) -> Vec<[f64; 2]> {
        let r = (2.0 * level.max(0.0)).sqrt();
        // Rᵀ = [[p, q], [0, s]].
        let p = self.a.sqrt();
        let q = self.b / p;
        let s = ((self.a * self.d - self.b * self.b) / self.a).sqrt();
        let n = n.max(3);
        (0..=n)
            .map(|k| {
                let theta = std::f64::consts::TAU * (k % n) as f64 / n as f64;
                let (u1, u2) = (theta.cos(), theta.sin());
                [
                    self.c[0] + r * (u1 / p - q * u2 / (p * s)),
                    self.c[1] + r * u2 / s,
                ]
            })
            .collect()
    }
}

fn check_radius(t: f64) -> Result<(), Invalid> {
    if t > 0.0 && t.is_finite() {
        Ok(())
    } else {
        Err(Invalid::Radius)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SplitMix64: a small deterministic generator, so every run checks the same problems.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> f64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            (z >> 11) as f64 / (1u64 << 53) as f64
        }
        fn range(&mut self, lo: f64, hi: f64) -> f64 {
            lo + (hi - lo) * self.next()
        }
    }

    /// A random problem: eigenvalues spread over two decades, any tilt, c in [−3, 3]², and a
    /// radius from 2% to 130% of ‖c‖₁ (so some constraints do not bind).
    fn problem(rng: &mut Rng) -> (Quadratic, f64) {
        let a = rng.range(-2.0, 2.0).exp();
        let d = rng.range(-2.0, 2.0).exp();
        let b = rng.range(-0.95, 0.95) * (a * d).sqrt();
        let c = [rng.range(-3.0, 3.0), rng.range(-3.0, 3.0)];
        let q = Quadratic::new(a, b, d, c).unwrap();
        let t = rng.range(0.02, 1.3) * (c[0].abs() + c[1].abs());
        (q, t)
    }

    fn near(a: [f64; 2], b: [f64; 2], tol: f64) -> bool {
        (a[0] - b[0]).abs() <= tol && (a[1] - b[1]).abs() <= tol
    }

    #[test]
    fn refuses_what_is_not_a_positive_definite_problem() {
        let c = [1.0, 1.0];
        assert_eq!(Quadratic::new(0.0, 0.0, 1.0, c), Err(Invalid::FirstPivot));
        assert_eq!(Quadratic::new(-1.0, 0.0, 1.0, c), Err(Invalid::FirstPivot));
        assert_eq!(Quadratic::new(1.0, 0.0, 0.0, c), Err(Invalid::LastPivot));
        // a·d − b² = 1·4 − 2² = 0: singular; 1·4 − 3² < 0: indefinite.
        assert_eq!(Quadratic::new(1.0, 2.0, 4.0, c), Err(Invalid::Determinant));
        assert_eq!(Quadratic::new(1.0, -3.0, 4.0, c), Err(Invalid::Determinant));
        assert_eq!(
            Quadratic::new(1.0, f64::NAN, 4.0, c),
            Err(Invalid::NotFinite)
        );
        assert_eq!(
            Quadratic::new(1.0, 0.0, 1.0, [f64::INFINITY, 0.0]),
            Err(Invalid::NotFinite)
        );
        let q = Quadratic::new(1.0, 1.9, 4.0, c).unwrap();
        for t in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(q.l1(t), Err(Invalid::Radius), "{t}");
            assert_eq!(q.l2(t), Err(Invalid::Radius), "{t}");
        }
        assert_eq!(q.with_center([f64::NAN, 0.0]), Err(Invalid::NotFinite));
    }

    /// A = I, c = (2, 1): the L1 solution soft-thresholds both weights by a common θ,
    /// wᵢ = sign(cᵢ)·max(|cᵢ| − θ, 0), with θ set by ‖w‖₁ = t. While only w₁ survives,
    /// 2 − θ = t needs θ = 2 − t ≥ 1, so w = (t, 0) for t ≤ 1; then
    /// (2 − θ) + (1 − θ) = t gives θ = (3 − t)/2 and w = ((1 + t)/2, (t − 1)/2) up to
    /// t = ‖c‖₁ = 3, where w = c. Kinks at t = 1 and t = 3.
    fn by_hand_identity(t: f64) -> [f64; 2] {
        if t <= 1.0 {
            [t, 0.0]
        } else if t <= 3.0 {
            [(1.0 + t) / 2.0, (t - 1.0) / 2.0]
        } else {
            [2.0, 1.0]
        }
    }

    #[test]
    fn l1_soft_thresholding_on_the_identity_by_hand() {
        let q = Quadratic::new(1.0, 0.0, 1.0, [2.0, 1.0]).unwrap();
        assert_eq!(q.l1_kinks(), vec![1.0, 3.0]);
        // Corners are exact: w₂ is 0.0 itself.
        for t in [0.25, 0.5, 1.0] {
            let o = q.l1(t).unwrap();
            assert_eq!(o.w, [t, 0.0]);
            assert_eq!(o.zero, vec![1]);
            assert!(o.active);
            // ∇L = w − c = (t − 2, −1): μ = 2 − t, and w₂'s subgradient −g₂/μ = 1/(2 − t).
            assert!((o.multiplier - (2.0 - t)).abs() < 1e-15);
        }
        // A hair past the kink w₂ is a hair above zero, and not reported as zero.
        let o = q.l1(1.0 + 1e-12).unwrap();
        assert!(o.w[1] > 0.0 && o.zero.is_empty(), "{:?}", o.w);
        assert!((o.w[1] - 0.5e-12).abs() < 1e-16);
        let o = q.l1(1.0 - 1e-12).unwrap();
        assert_eq!(o.zero, vec![1]);
        let o = q.l1(2.0).unwrap();
        assert!(near(o.w, [1.5, 0.5], 1e-15) && o.zero.is_empty());
        // μ = θ = (3 − 2)/2.
        assert!((o.multiplier - 0.5).abs() < 1e-15);
        let o = q.l1(3.5).unwrap();
        assert_eq!(
            (o.w, o.active, o.multiplier, o.loss),
            ([2.0, 1.0], false, 0.0, 0.0)
        );
        // The path: every sample on the hand-derived lines, the kinks among the samples.
        let path = q.path(Ball::L1, 4.0, 50);
        assert!(path.iter().any(|&(t, w)| t == 1.0 && w == [1.0, 0.0]));
        assert!(path.iter().any(|&(t, w)| t == 3.0 && w == [2.0, 1.0]));
        assert_eq!(path[0], (0.0, [0.0, 0.0]));
        for &(t, w) in &path {
            assert!(near(w, by_hand_identity(t), 1e-14), "t = {t}: {w:?}");
        }
    }

    /// A = diag(4, 1), c = (1, 2). With a diagonal A the L1 optimum thresholds each weight
    /// by μ/aᵢ: wᵢ = sign(cᵢ)·max(|cᵢ| − μ/aᵢ, 0). w₂ = 2 − μ lives for μ < 2, w₁ = 1 − μ/4 for
    /// μ < 4. For 2 ≤ μ < 4 only w₁: t = 1 − μ/4 ∈ (0, ½]. Below, t = 3 − 5μ/4, so
    /// μ = 4(3 − t)/5, w = ((2 + t)/5, (4t − 2)/5). So the larger target weight, c₂ = 2, is the
    /// one held at zero (until t = ½): the loss is steeper along w₁ (a₁c₁ = 4 > a₂c₂ = 2).
    #[test]
    fn l1_on_a_diagonal_matrix_by_hand() {
        let q = Quadratic::new(4.0, 0.0, 1.0, [1.0, 2.0]).unwrap();
        let kinks = q.l1_kinks();
        assert!(kinks.contains(&0.5) && kinks.contains(&3.0), "{kinks:?}");
        let o = q.l1(0.25).unwrap();
        assert_eq!((o.w, o.zero.clone()), ([0.25, 0.0], vec![1]));
        assert_eq!(q.l1(0.5).unwrap().w, [0.5, 0.0]);
        for (t, want) in [(1.0, [0.6, 0.4]), (2.0, [0.8, 1.2]), (2.5, [0.9, 1.6])] {
            let o = q.l1(t).unwrap();
            assert!(near(o.w, want, 1e-15), "t = {t}: {:?}", o.w);
            assert!((o.multiplier - 4.0 * (3.0 - t) / 5.0).abs() < 1e-14);
        }
        // The L2 optimum never zeroes a weight: wᵢ = aᵢcᵢ/(aᵢ + λ). At λ = 1,
        // w = (4/5, 2/2) = (0.8, 1), so t = √(0.64 + 1).
        let o = q.l2(1.64f64.sqrt()).unwrap();
        assert!((o.multiplier - 1.0).abs() < 1e-13, "{}", o.multiplier);
        assert!(near(o.w, [0.8, 1.0], 1e-14) && o.zero.is_empty());
    }

    /// A = [[2, 1], [1, 2]], c = (1, 0): Ac = (2, 1); at λ = 1, (A + I) w = Ac is
    /// [[3, 1], [1, 3]] w = (2, 1), so w = (5, 1)/8 and t = ‖w‖ = √26/8.
    #[test]
    fn l2_on_a_tilted_matrix_by_hand() {
        let q = Quadratic::new(2.0, 1.0, 2.0, [1.0, 0.0]).unwrap();
        let o = q.l2(26f64.sqrt() / 8.0).unwrap();
        assert!((o.multiplier - 1.0).abs() < 1e-13, "{}", o.multiplier);
        assert!(near(o.w, [0.625, 0.125], 1e-15));
        assert!(o.active && o.zero.is_empty());
        // ‖c‖ = 1 ≤ t: the constraint does not bind.
        let o = q.l2(1.0).unwrap();
        assert_eq!((o.w, o.active, o.multiplier), ([1.0, 0.0], false, 0.0));
        assert_eq!(o.zero, vec![1], "c₂ is zero itself");
    }

    /// KKT at both optima on random problems. L2: ∇L + λw = 0, λ ≥ 0, ‖w‖₂ = t when λ > 0.
    /// L1: ∇L + μs = 0 with s ∈ ∂‖w‖₁ (sᵢ = sign wᵢ, or any value in [−1, 1] where wᵢ = 0),
    /// μ ≥ 0, and μ(t − ‖w‖₁) = 0; inactive: w = c, multiplier 0.
    #[test]
    fn kkt_conditions_hold_on_random_problems() {
        let mut rng = Rng(19);
        let (mut corners, mut inactive) = (0, 0);
        for case in 0..4000 {
            let (q, t) = problem(&mut rng);
            let scale = 1.0 + q.apply(q.center())[0].abs() + q.apply(q.center())[1].abs();
            let tol = 1e-11 * scale;

            let o = q.l2(t).unwrap();
            let g = q.gradient(o.w);
            let lam = o.multiplier;
            assert!(lam >= 0.0, "case {case}");
            assert!(
                (g[0] + lam * o.w[0]).abs() <= tol && (g[1] + lam * o.w[1]).abs() <= tol,
                "case {case}: L2 stationarity {g:?} λ = {lam}"
            );
            if o.active {
                assert!(lam > 0.0);
                assert!((Ball::L2.norm(o.w) - t).abs() <= 1e-13 * t, "case {case}");
            } else {
                assert!(Ball::L2.norm(q.center()) <= t && o.w == q.center() && lam == 0.0);
            }

            let o = q.l1(t).unwrap();
            let g = q.gradient(o.w);
            let mu = o.multiplier;
            assert!(mu >= -tol, "case {case}: μ = {mu}");
            if o.active {
                assert!((Ball::L1.norm(o.w) - t).abs() <= 1e-13 * t, "case {case}");
                for i in 0..2 {
                    if o.w[i] == 0.0 {
                        assert!(g[i].abs() <= mu + tol, "case {case}: s{i} outside [−1, 1]");
                    } else {
                        let s = o.w[i].signum();
                        assert!(
                            (g[i] + mu * s).abs() <= tol,
                            "case {case}: w{i} {g:?} μ {mu}"
                        );
                    }
                }
                corners += usize::from(!o.zero.is_empty());
            } else {
                inactive += 1;
                assert!(Ball::L1.norm(q.center()) <= t && o.w == q.center() && mu == 0.0);
            }
        }
        // The sample covers corners, edges and unconstrained cases alike.
        assert!(
            corners > 400 && inactive > 400,
            "{corners} corners, {inactive} inactive"
        );
    }

    /// Against a brute-force scan of each ball's boundary: no boundary point does better,
    /// and the best scanned point is next to the solver's.
    #[test]
    fn agrees_with_a_scan_of_the_boundary() {
        let mut rng = Rng(7);
        let n = 40_000;
        for case in 0..120 {
            let (q, t) = problem(&mut rng);
            for ball in [Ball::L1, Ball::L2] {
                let o = q.optimum(ball, t).unwrap();
                let boundary = (0..n).map(|k| {
                    let f = k as f64 / n as f64;
                    match ball {
                        Ball::L2 => {
                            let th = std::f64::consts::TAU * f;
                            [t * th.cos(), t * th.sin()]
                        }
                        Ball::L1 => {
                            let (s1, s2) = QUADRANTS[(4.0 * f) as usize];
                            let u = t * (4.0 * f).fract();
                            [s1 * u, s2 * (t - u)]
                        }
                    }
                });
                let (best, at) =
                    boundary
                        .map(|w| (q.loss(w), w))
                        .fold(
                            (f64::INFINITY, [0.0; 2]),
                            |a, b| if b.0 < a.0 { b } else { a },
                        );
                let slack = 1e-12 * (1.0 + best);
                assert!(
                    o.loss <= best + slack,
                    "case {case} {ball:?}: {} > {best}",
                    o.loss
                );
                if o.active {
                    // The scan's step along the boundary is 4t/n (L1) or 2πt/n (L2).
                    let step = 8.0 * t / n as f64;
                    assert!(
                        near(at, o.w, 2.0 * step),
                        "case {case} {ball:?}: {at:?} vs {:?}",
                        o.w
                    );
                } else {
                    assert_eq!(o.loss, 0.0);
                }
            }
        }
    }

    /// The L1 path bends only at the listed kinks: halfway between two consecutive samples
    /// of the path (which include every kink) the optimum is the average of the two.
    #[test]
    fn the_l1_path_is_straight_between_its_samples() {
        let mut rng = Rng(3);
        for case in 0..300 {
            let (q, _) = problem(&mut rng);
            let t_max = 1.2 * Ball::L1.norm(q.center());
            let path = q.path(Ball::L1, t_max, 12);
            for pair in path.windows(2) {
                let ((t0, w0), (t1, w1)) = (pair[0], pair[1]);
                let mid = q.optimum(Ball::L1, 0.5 * (t0 + t1)).unwrap().w;
                let avg = [0.5 * (w0[0] + w1[0]), 0.5 * (w0[1] + w1[1])];
                assert!(
                    near(mid, avg, 1e-10 * (1.0 + t_max)),
                    "case {case} at {t0}..{t1}"
                );
            }
        }
    }

    #[test]
    fn level_curves_lie_on_their_level() {
        let q = Quadratic::new(1.3, -0.8, 0.7, [0.5, -1.0]).unwrap();
        for level in [0.0, 0.1, 2.0] {
            for w in q.level_curve(level, 64) {
                assert!((q.loss(w) - level).abs() < 1e-13 * (1.0 + level));
            }
        }
        // Eigenvalues: trace 2 and determinant 0.27.
        let [lo, hi] = q.eigenvalues();
        assert!((lo + hi - 2.0).abs() < 1e-14 && (lo * hi - 0.27).abs() < 1e-14);
    }
}
