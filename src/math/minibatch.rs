//! Mini-batch gradients on a line fit: a seeded synthetic data set, the mean squared error of
//! ŷ = w·x + b, each example's gradient, a random batch's and the full batch's.
//!
//! The generator is SplitMix64 (a dozen lines) rather than the `rand` crate: the figure must
//! show the same data set for the same seed on every machine and in every future build, which
//! `rand`'s `StdRng` does not promise across versions, and the module stays small.

/// SplitMix64: a small, fast, well-mixed 64-bit generator (Steele, Lea & Flood 2014).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal, by Box–Muller.
    pub fn normal(&mut self) -> f64 {
        let u = 1.0 - self.uniform(); // (0, 1]
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// A uniform index below `n` (n ≥ 1).
    pub fn below(&mut self, n: usize) -> usize {
        // Multiply-shift: unbiased enough for n far below 2^32.
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }
}

/// Examples (xᵢ, yᵢ) for the line fit.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Inputs.
    pub x: Vec<f64>,
    /// Targets.
    pub y: Vec<f64>,
}

/// The mean squared error of a line over a dataset, from the data's means and centred
/// second moments: with residuals rᵢ = w·xᵢ + b − yᵢ,
/// mean(r²) = w²·Sxx − 2w·Sxy + Syy + (w·x̄ + b − ȳ)² (the cross terms vanish, the centred
/// deviations summing to zero). Centring keeps the terms small where the loss is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossSurface {
    /// (x̄, ȳ).
    mean: [f64; 2],
    /// Sxx, Sxy, Syy: the centred second moments, divided by n.
    moments: [f64; 3],
}

impl LossSurface {
    /// The mean squared error of the line y = w·x + b.
    #[must_use]
    pub fn at(&self, w: f64, b: f64) -> f64 {
        let [xx, xy, yy] = self.moments;
        let offset = w * self.mean[0] + b - self.mean[1];
        // A variance, never below 0 but for rounding.
        (w * w * xx - 2.0 * w * xy + yy).max(0.0) + offset * offset
    }
}

/// The line the synthetic data scatter around: y = 1.5x + 0.8, noise σ = 0.6.
pub const TRUE_LINE: (f64, f64) = (1.5, 0.8);
/// The noise's standard deviation.
pub const NOISE: f64 = 0.6;

impl Dataset {
    /// `n` examples with x uniform in [−2, 2] and y = 1.5x + 0.8 + N(0, 0.6²), from `seed`.
    #[must_use]
    pub fn synthetic(seed: u64, n: usize) -> Self {
        let mut rng = Rng::new(seed);
        let x: Vec<f64> = (0..n).map(|_| -2.0 + 4.0 * rng.uniform()).collect();
        let y = x
            .iter()
            .map(|&x| TRUE_LINE.0 * x + TRUE_LINE.1 + NOISE * rng.normal())
            .collect();
        Self { x, y }
    }

    /// Number of examples.
    #[must_use]
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// True without examples.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// Example i's loss (w·xᵢ + b − yᵢ)².
    #[must_use]
    pub fn example_loss(&self, i: usize, w: f64, b: f64) -> f64 {
        (w * self.x[i] + b - self.y[i]).powi(2)
    }

    /// Example i's gradient: 2(w·xᵢ + b − yᵢ)·(xᵢ, 1).
    #[must_use]
    pub fn example_grad(&self, i: usize, w: f64, b: f64) -> [f64; 2] {
        let r = 2.0 * (w * self.x[i] + b - self.y[i]);
        [r * self.x[i], r]
    }

    /// The mean loss over `indices`.
    #[must_use]
    pub fn loss_over(&self, indices: &[usize], w: f64, b: f64) -> f64 {
        indices
            .iter()
            .map(|&i| self.example_loss(i, w, b))
            .sum::<f64>()
            / indices.len().max(1) as f64
    }

    /// The mean gradient over `indices`.
    #[must_use]
    pub fn grad_over(&self, indices: &[usize], w: f64, b: f64) -> [f64; 2] {
        let n = indices.len().max(1) as f64;
        let s = indices.iter().fold([0.0, 0.0], |acc, &i| {
            let g = self.example_grad(i, w, b);
            [acc[0] + g[0], acc[1] + g[1]]
        });
        [s[0] / n, s[1] / n]
    }

    /// Every index.
    #[must_use]
    pub fn all(&self) -> Vec<usize> {
        (0..self.len()).collect()
    }

    /// The full-batch mean squared error.
    #[must_use]
    pub fn loss(&self, w: f64, b: f64) -> f64 {
        let n = self.len().max(1) as f64;
        (0..self.len())
            .map(|i| self.example_loss(i, w, b))
            .sum::<f64>()
            / n
    }

    /// The full-batch loss as the quadratic in (w, b) it is, for evaluating it at many
    /// points (a heat map, level lines): O(1) a point where [`loss`](Self::loss) sums every
    /// example.
    #[must_use]
    pub fn surface(&self) -> LossSurface {
        let n = self.len().max(1) as f64;
        let mx = self.x.iter().sum::<f64>() / n;
        let my = self.y.iter().sum::<f64>() / n;
        let (mut xx, mut xy, mut yy) = (0.0, 0.0, 0.0);
        for (x, y) in self.x.iter().zip(&self.y) {
            let (dx, dy) = (x - mx, y - my);
            xx += dx * dx;
            xy += dx * dy;
            yy += dy * dy;
        }
        LossSurface {
            mean: [mx, my],
            moments: [xx / n, xy / n, yy / n],
        }
    }

    /// The full-batch gradient.
    #[must_use]
    pub fn full_grad(&self, w: f64, b: f64) -> [f64; 2] {
        self.grad_over(&self.all(), w, b)
    }

    /// The least-squares line (w*, b*), where the full gradient is zero.
    #[must_use]
    pub fn optimum(&self) -> [f64; 2] {
        let n = self.len() as f64;
        let mx = self.x.iter().sum::<f64>() / n;
        let my = self.y.iter().sum::<f64>() / n;
        let sxy: f64 = self
            .x
            .iter()
            .zip(&self.y)
            .map(|(x, y)| (x - mx) * (y - my))
            .sum();
        let sxx: f64 = self.x.iter().map(|x| (x - mx).powi(2)).sum();
        let w = sxy / sxx;
        [w, my - w * mx]
    }
}

/// `size` distinct indices below `n`, uniformly (a partial Fisher–Yates shuffle), sorted.
pub fn sample_batch(rng: &mut Rng, n: usize, size: usize) -> Vec<usize> {
    let size = size.clamp(1, n.max(1));
    let mut pool: Vec<usize> = (0..n).collect();
    for k in 0..size.min(n) {
        let j = k + rng.below(n - k);
        pool.swap(k, j);
    }
    let mut batch = pool[..size.min(n)].to_vec();
    batch.sort_unstable();
    batch
}

/// `steps` steps of gradient descent from `start` with rate `lr`: with the full batch if
/// `batch` is `None`, else with a fresh random batch of that size each step (drawn from `rng`).
pub fn path(
    data: &Dataset,
    start: [f64; 2],
    lr: f64,
    steps: usize,
    batch: Option<(usize, &mut Rng)>,
) -> Vec<[f64; 2]> {
    let mut points = vec![start];
    let mut p = start;
    let mut batch = batch;
    for _ in 0..steps {
        let g = match &mut batch {
            None => data.full_grad(p[0], p[1]),
            Some((size, rng)) => {
                let idx = sample_batch(rng, data.len(), *size);
                data.grad_over(&idx, p[0], p[1])
            }
        };
        p = [p[0] - lr * g[0], p[1] - lr * g[1]];
        if !(p[0].is_finite() && p[1].is_finite()) {
            break;
        }
        points.push(p);
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loss_surface_is_the_summed_loss() {
        // Over datasets of several sizes and points near and far from the optimum, the
        // quadratic agrees with the example-by-example sum to rounding.
        for (seed, n) in [(1, 1), (2, 2), (7, 50), (11, 400)] {
            let data = Dataset::synthetic(seed, n);
            let surface = data.surface();
            let [w0, b0] = if n > 1 { data.optimum() } else { [0.0, 0.0] };
            for (dw, db) in [(0.0, 0.0), (0.3, -0.2), (-4.0, 3.5), (25.0, -40.0)] {
                let (w, b) = (w0 + dw, b0 + db);
                let exact = data.loss(w, b);
                let fast = surface.at(w, b);
                assert!(
                    (fast - exact).abs() <= 1e-12 * exact.max(1.0),
                    "seed {seed}, n {n}, ({w}, {b}): {fast} against {exact}"
                );
            }
        }
    }

    #[test]
    fn gradients_by_hand_and_by_finite_differences() {
        // Two examples by hand: (1, 2) and (−1, 0) at w = 0.5, b = 0.
        let d = Dataset {
            x: vec![1.0, -1.0],
            y: vec![2.0, 0.0],
        };
        // Residuals: 0.5 − 2 = −1.5 and −0.5 − 0 = −0.5.
        assert_eq!(d.example_grad(0, 0.5, 0.0), [-3.0, -3.0]);
        assert_eq!(d.example_grad(1, 0.5, 0.0), [1.0, -1.0]);
        assert_eq!(d.full_grad(0.5, 0.0), [-1.0, -2.0]);
        assert_eq!(d.loss(0.5, 0.0), (2.25 + 0.25) / 2.0);
        // The same as a quadratic: x̄ = 0, ȳ = 1, Sxx = Sxy = Syy = 1, so at (0.5, 0)
        // 0.25 − 1 + 1 + (0 + 0 − 1)² = 1.25.
        assert_eq!(d.surface().at(0.5, 0.0), 1.25);
        let data = Dataset::synthetic(7, 50);
        let (w, b, h) = (0.3, -1.1, 1e-6);
        let g = data.full_grad(w, b);
        let fd = [
            (data.loss(w + h, b) - data.loss(w - h, b)) / (2.0 * h),
            (data.loss(w, b + h) - data.loss(w, b - h)) / (2.0 * h),
        ];
        assert!(
            (g[0] - fd[0]).abs() < 1e-6 && (g[1] - fd[1]).abs() < 1e-6,
            "{g:?} {fd:?}"
        );
    }

    #[test]
    fn the_optimum_zeroes_the_full_gradient_and_is_near_the_true_line() {
        let data = Dataset::synthetic(1, 50);
        let [w, b] = data.optimum();
        let g = data.full_grad(w, b);
        assert!(g[0].abs() < 1e-12 && g[1].abs() < 1e-12, "{g:?}");
        assert!(
            (w - TRUE_LINE.0).abs() < 0.3 && (b - TRUE_LINE.1).abs() < 0.3,
            "{w} {b}"
        );
        assert_eq!(
            data,
            Dataset::synthetic(1, 50),
            "the same seed, the same data"
        );
        assert_ne!(data, Dataset::synthetic(2, 50));
    }

    #[test]
    fn batches_are_distinct_indices_and_their_gradient_is_unbiased() {
        let data = Dataset::synthetic(3, 50);
        let mut rng = Rng::new(11);
        let (w, b) = (-0.5, 2.5);
        let full = data.full_grad(w, b);
        let size = 5;
        let k = 20_000;
        let mut mean = [0.0, 0.0];
        let mut sq = [0.0, 0.0];
        for _ in 0..k {
            let idx = sample_batch(&mut rng, data.len(), size);
            assert_eq!(idx.len(), size);
            assert!(idx.windows(2).all(|p| p[0] < p[1]), "distinct, sorted");
            let g = data.grad_over(&idx, w, b);
            for c in 0..2 {
                mean[c] += g[c] / f64::from(k);
                sq[c] += (g[c] - full[c]).powi(2) / f64::from(k);
            }
        }
        // E[batch gradient] = full gradient: the mean of k draws is within 5 standard errors.
        for c in 0..2 {
            let se = (sq[c] / f64::from(k)).sqrt();
            assert!(
                (mean[c] - full[c]).abs() < 5.0 * se,
                "component {c}: {} vs {} (se {se})",
                mean[c],
                full[c]
            );
            assert!(sq[c] > 0.0, "a batch of 5 is noisy");
        }
        // A batch of everything is the full batch.
        let all = sample_batch(&mut rng, data.len(), 50);
        assert_eq!(data.grad_over(&all, w, b), full);
    }

    #[test]
    fn full_batch_descent_converges_to_the_optimum_and_sgd_wanders_near_it() {
        let data = Dataset::synthetic(1, 50);
        let opt = data.optimum();
        let gd = path(&data, [-0.5, 2.5], 0.1, 200, None);
        let end = gd[gd.len() - 1];
        assert!((end[0] - opt[0]).abs() < 1e-6 && (end[1] - opt[1]).abs() < 1e-6);
        let mut rng = Rng::new(5);
        let sgd = path(&data, [-0.5, 2.5], 0.1, 200, Some((5, &mut rng)));
        let end = sgd[sgd.len() - 1];
        let d = (end[0] - opt[0]).hypot(end[1] - opt[1]);
        assert!(
            d > 1e-6 && d < 0.5,
            "SGD ends near, not at, the optimum: {d}"
        );
    }
}
