//! The cost of a gradient: finite differences against backpropagation, on a chain of n
//! one-parameter functions x → f₁(θ₁) → f₂(θ₂) → … → fₙ(θₙ) → loss.
//!
//! Counting one operation per layer applied (forward) and one per layer differentiated
//! (backward), as the article does: finite differences re-run the whole chain once per
//! parameter, n passes × n layers = n² operations; backpropagation runs it forward once and
//! backward once, 2n operations, reusing the running product ∂L/∂aₖ at every layer.
//! The counts below are counted by instrumented code, not computed from the formulas.

/// Operations for finite differences on a chain of `n`: n².
#[must_use]
pub const fn fd_ops(n: u64) -> u64 {
    n * n
}

/// Operations for backpropagation on a chain of `n`: 2n.
#[must_use]
pub const fn backprop_ops(n: u64) -> u64 {
    2 * n
}

/// How many times cheaper backpropagation is: n² / 2n = n/2.
#[must_use]
pub fn ratio(n: u64) -> f64 {
    fd_ops(n) as f64 / backprop_ops(n) as f64
}

/// A chain of layers aₖ = tanh(θₖ · aₖ₋₁) with loss L = ½(aₙ − y*)².
#[derive(Clone, Debug, PartialEq)]
pub struct Chain {
    /// One parameter per layer.
    pub thetas: Vec<f64>,
}

/// A gradient and the number of layer operations spent computing it.
#[derive(Clone, Debug, PartialEq)]
pub struct Counted {
    /// ∂L/∂θₖ for every layer.
    pub gradient: Vec<f64>,
    /// Layer operations performed.
    pub ops: u64,
}

impl Chain {
    /// A chain of `n` layers with parameters spread over [0.6, 1.4] (deterministic).
    #[must_use]
    pub fn new(n: usize) -> Self {
        Self {
            thetas: (0..n)
                .map(|k| 0.6 + 0.8 * ((k * 7 % 11) as f64 / 10.0))
                .collect(),
        }
    }

    fn layer(theta: f64, a: f64, ops: &mut u64) -> f64 {
        *ops += 1;
        (theta * a).tanh()
    }

    fn run(thetas: &[f64], x: f64, ops: &mut u64) -> f64 {
        thetas.iter().fold(x, |a, &t| Self::layer(t, a, ops))
    }

    /// The loss for input `x` and target `target`.
    #[must_use]
    pub fn loss(&self, x: f64, target: f64) -> f64 {
        let mut ops = 0;
        0.5 * (Self::run(&self.thetas, x, &mut ops) - target).powi(2)
    }

    /// The gradient by forward differences with step `h`: one perturbed pass per parameter
    /// (the unperturbed loss is counted separately in `base_ops`, as the article leaves it out).
    #[must_use]
    pub fn finite_difference(&self, x: f64, target: f64, h: f64) -> Counted {
        let base = self.loss(x, target);
        let mut ops = 0;
        let mut thetas = self.thetas.clone();
        let gradient = (0..thetas.len())
            .map(|k| {
                thetas[k] += h;
                let out = Self::run(&thetas, x, &mut ops);
                thetas[k] = self.thetas[k];
                (0.5 * (out - target).powi(2) - base) / h
            })
            .collect();
        Counted { gradient, ops }
    }

    /// The exact gradient by one forward and one backward pass.
    #[must_use]
    pub fn backprop(&self, x: f64, target: f64) -> Counted {
        let mut ops = 0;
        let mut activations = Vec::with_capacity(self.thetas.len() + 1);
        activations.push(x);
        for &t in &self.thetas {
            let a = Self::layer(t, activations[activations.len() - 1], &mut ops);
            activations.push(a);
        }
        let n = self.thetas.len();
        let mut gradient = vec![0.0; n];
        // Running product ∂L/∂aₖ, extended one layer at a time from the output back.
        let mut dl_da = activations[n] - target;
        for k in (0..n).rev() {
            ops += 1;
            let (a_in, a_out) = (activations[k], activations[k + 1]);
            let dl_dpre = dl_da * (1.0 - a_out * a_out); // tanh′ = 1 − tanh²
            gradient[k] = dl_dpre * a_in; // ∂pre/∂θₖ = aₖ₋₁
            dl_da = dl_dpre * self.thetas[k]; // ∂pre/∂aₖ₋₁ = θₖ
        }
        Counted { gradient, ops }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_articles_table() {
        for (n, fd, bp, r) in [
            (2, 4, 4, 1.0),
            (5, 25, 10, 2.5),
            (10, 100, 20, 5.0),
            (100, 10_000, 200, 50.0),
        ] {
            assert_eq!((fd_ops(n), backprop_ops(n), ratio(n)), (fd, bp, r));
        }
    }

    #[test]
    fn instrumented_counts_match_n_squared_and_two_n() {
        for n in [1usize, 2, 5, 10, 100] {
            let chain = Chain::new(n);
            assert_eq!(
                chain.finite_difference(0.5, 0.2, 1e-6).ops,
                fd_ops(n as u64)
            );
            assert_eq!(chain.backprop(0.5, 0.2).ops, backprop_ops(n as u64));
        }
    }

    #[test]
    fn one_layer_gradient_by_hand() {
        // a = tanh(θx), L = ½(a − y)², ∂L/∂θ = (a − y)(1 − a²)x.
        let chain = Chain { thetas: vec![0.8] };
        let a = (0.8f64 * 0.5).tanh();
        let want = (a - 0.2) * (1.0 - a * a) * 0.5;
        assert!((chain.backprop(0.5, 0.2).gradient[0] - want).abs() < 1e-15);
    }

    #[test]
    fn backprop_agrees_with_finite_differences() {
        let chain = Chain::new(12);
        let exact = chain.backprop(0.9, -0.3).gradient;
        let est = chain.finite_difference(0.9, -0.3, 1e-7).gradient;
        for (e, f) in exact.iter().zip(&est) {
            assert!((e - f).abs() < 1e-6, "{e} vs {f}");
        }
    }
}
