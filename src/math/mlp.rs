//! The tiny network of the worked example: 1 input → H hidden ReLU neurons → 1 linear output,
//! no biases, squared-error loss, trained by stochastic gradient descent on one example.
//!
//! Each layer's local chain rule sits beside its forward code, and the step records every
//! intermediate the article's tables show, so a widget displays these numbers and never
//! retypes them.
//!
//! ```
//! use gdviz::math::mlp::Network;
//! let net = Network::article();
//! let step = net.sgd_step(2.0, 1.0, 0.1);
//! assert!((step.forward.loss - 0.0784).abs() < 1e-12);
//! assert!(step.loss_after < 0.00073);
//! ```

/// The weights: `w1[j]` from the input to hidden neuron j, `w2[j]` from neuron j to the output.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    /// Input → hidden weights w⁽¹⁾.
    pub w1: Vec<f64>,
    /// Hidden → output weights w⁽²⁾.
    pub w2: Vec<f64>,
}

/// Everything the forward pass computes.
#[derive(Clone, Debug, PartialEq)]
pub struct Forward {
    /// Pre-activations zⱼ = w⁽¹⁾ⱼ·x.
    pub z: Vec<f64>,
    /// Activations hⱼ = ReLU(zⱼ) = max(0, zⱼ).
    pub h: Vec<f64>,
    /// Prediction ŷ = Σⱼ w⁽²⁾ⱼ hⱼ.
    pub yhat: f64,
    /// Loss L = (ŷ − y*)².
    pub loss: f64,
}

impl Forward {
    /// True for neuron j when zⱼ ≤ 0: its ReLU outputs 0 and passes no gradient back.
    #[must_use]
    pub fn dead(&self, j: usize) -> bool {
        self.z[j] <= 0.0
    }
}

/// Everything the backward pass computes, output to input.
#[derive(Clone, Debug, PartialEq)]
pub struct Backward {
    /// ∂L/∂ŷ = 2(ŷ − y*).
    pub dl_dyhat: f64,
    /// ∂L/∂w⁽²⁾ⱼ = ∂L/∂ŷ · hⱼ.
    pub dl_dw2: Vec<f64>,
    /// ∂L/∂hⱼ = ∂L/∂ŷ · w⁽²⁾ⱼ.
    pub dl_dh: Vec<f64>,
    /// ReLU′(zⱼ): 1 if zⱼ > 0, else 0 (the gate).
    pub relu_grad: Vec<f64>,
    /// ∂L/∂zⱼ = ∂L/∂hⱼ · ReLU′(zⱼ).
    pub dl_dz: Vec<f64>,
    /// ∂L/∂w⁽¹⁾ⱼ = ∂L/∂zⱼ · x.
    pub dl_dw1: Vec<f64>,
}

impl Backward {
    /// The full gradient in the article's order: w⁽¹⁾₁…w⁽¹⁾ₕ, then w⁽²⁾₁…w⁽²⁾ₕ.
    #[must_use]
    pub fn gradient(&self) -> Vec<f64> {
        self.dl_dw1.iter().chain(&self.dl_dw2).copied().collect()
    }
}

/// One SGD step, recorded: the passes at the old weights, the update, and the result.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Weights before the step.
    pub before: Network,
    /// Forward pass at `before`.
    pub forward: Forward,
    /// Backward pass at `before`.
    pub backward: Backward,
    /// −η × gradient for each weight, in the article's order.
    pub update: Vec<f64>,
    /// Weights after the step.
    pub after: Network,
    /// Forward pass at `after` (same example).
    pub forward_after: Forward,
    /// Loss at `after`.
    pub loss_after: f64,
}

impl Step {
    /// True if any number the step produced is NaN or infinite: the run diverged.
    #[must_use]
    pub fn diverged(&self) -> bool {
        let finite = |v: &[f64]| v.iter().all(|x| x.is_finite());
        !(finite(&self.after.w1)
            && finite(&self.after.w2)
            && finite(&self.backward.gradient())
            && self.forward.loss.is_finite()
            && self.loss_after.is_finite())
    }
}

impl Network {
    /// The worked example's starting weights: w⁽¹⁾ = (0.5, −0.3, 0.8), w⁽²⁾ = (0.4, −0.6, 0.2).
    #[must_use]
    pub fn article() -> Self {
        Self {
            w1: vec![0.5, -0.3, 0.8],
            w2: vec![0.4, -0.6, 0.2],
        }
    }

    /// Builds a network from the weights in the article's order (w⁽¹⁾ then w⁽²⁾); `None`
    /// unless there is an even, non-zero number of them.
    #[must_use]
    pub fn from_flat(weights: &[f64]) -> Option<Self> {
        if weights.is_empty() || weights.len() % 2 != 0 {
            return None;
        }
        let (w1, w2) = weights.split_at(weights.len() / 2);
        Some(Self {
            w1: w1.to_vec(),
            w2: w2.to_vec(),
        })
    }

    /// The weights in the article's order.
    #[must_use]
    pub fn flat(&self) -> Vec<f64> {
        self.w1.iter().chain(&self.w2).copied().collect()
    }

    /// Number of hidden neurons.
    #[must_use]
    pub fn hidden(&self) -> usize {
        self.w1.len()
    }

    /// The forward pass for input `x` and target `target`.
    #[must_use]
    pub fn forward(&self, x: f64, target: f64) -> Forward {
        let z: Vec<f64> = self.w1.iter().map(|w| w * x).collect();
        let h: Vec<f64> = z.iter().map(|&z| z.max(0.0)).collect();
        let yhat = self.w2.iter().zip(&h).map(|(w, h)| w * h).sum::<f64>();
        let loss = (yhat - target).powi(2);
        Forward { z, h, yhat, loss }
    }

    /// The backward pass, from the forward pass `fwd` for input `x` and target `target`.
    #[must_use]
    pub fn backward(&self, fwd: &Forward, x: f64, target: f64) -> Backward {
        let dl_dyhat = 2.0 * (fwd.yhat - target);
        let dl_dw2 = fwd.h.iter().map(|h| dl_dyhat * h).collect();
        let dl_dh: Vec<f64> = self.w2.iter().map(|w| dl_dyhat * w).collect();
        let relu_grad: Vec<f64> = fwd
            .z
            .iter()
            .map(|&z| if z > 0.0 { 1.0 } else { 0.0 })
            .collect();
        let dl_dz: Vec<f64> = dl_dh.iter().zip(&relu_grad).map(|(d, g)| d * g).collect();
        let dl_dw1 = dl_dz.iter().map(|d| d * x).collect();
        Backward {
            dl_dyhat,
            dl_dw2,
            dl_dh,
            relu_grad,
            dl_dz,
            dl_dw1,
        }
    }

    /// The loss at these weights.
    #[must_use]
    pub fn loss(&self, x: f64, target: f64) -> f64 {
        self.forward(x, target).loss
    }

    /// One step of SGD with learning rate `lr` on the example (x, target), fully recorded.
    #[must_use]
    pub fn sgd_step(&self, x: f64, target: f64, lr: f64) -> Step {
        let forward = self.forward(x, target);
        let backward = self.backward(&forward, x, target);
        let update: Vec<f64> = backward.gradient().iter().map(|g| -lr * g).collect();
        let h = self.hidden();
        let add = |w: &[f64], u: &[f64]| w.iter().zip(u).map(|(w, u)| w + u).collect::<Vec<f64>>();
        let after = Self {
            w1: add(&self.w1, &update[..h]),
            w2: add(&self.w2, &update[h..]),
        };
        let forward_after = after.forward(x, target);
        let loss_after = forward_after.loss;
        Step {
            before: self.clone(),
            forward,
            backward,
            update,
            after,
            forward_after,
            loss_after,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < 1e-12, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn the_worked_example_number_by_number() {
        let net = Network::article();
        let s = net.sgd_step(2.0, 1.0, 0.1);
        close(&s.forward.z, &[1.0, -0.6, 1.6]);
        close(&s.forward.h, &[1.0, 0.0, 1.6]);
        assert!(s.forward.dead(1) && !s.forward.dead(0) && !s.forward.dead(2));
        close(&[s.forward.yhat, s.forward.loss], &[0.72, 0.0784]);
        close(&[s.backward.dl_dyhat], &[-0.56]);
        close(&s.backward.dl_dw2, &[-0.56, 0.0, -0.896]);
        close(&s.backward.dl_dh, &[-0.224, 0.336, -0.112]);
        close(&s.backward.relu_grad, &[1.0, 0.0, 1.0]);
        close(&s.backward.dl_dz, &[-0.224, 0.0, -0.112]);
        close(&s.backward.dl_dw1, &[-0.448, 0.0, -0.224]);
        close(
            &s.backward.gradient(),
            &[-0.448, 0.0, -0.224, -0.56, 0.0, -0.896],
        );
        close(&s.update, &[0.0448, 0.0, 0.0224, 0.056, 0.0, 0.0896]);
        close(
            &s.after.flat(),
            &[0.5448, -0.3, 0.8224, 0.456, -0.6, 0.2896],
        );
        // By hand, unrounded: z₁ = 1.0896, z₃ = 1.6448;
        // ŷ = 0.456·1.0896 + 0.2896·1.6448 = 0.4968576 + 0.47633408 = 0.97319168;
        // L = (0.97319168 − 1)² = 0.02680832² = 0.0007186860212224.
        close(&s.forward_after.z, &[1.0896, -0.6, 1.6448]);
        close(&[s.forward_after.yhat], &[0.97319168]);
        assert!((s.loss_after - 0.000_718_686_021_222_4).abs() < 1e-15);
        assert!(!s.diverged());
    }

    #[test]
    fn overflow_is_reported_as_divergence() {
        // x = 1e300: ŷ = 0.72e300 is finite but L = ŷ² overflows to +∞.
        let s = Network::article().sgd_step(1e300, 1.0, 0.1);
        assert!(s.forward.yhat.is_finite() && s.forward.loss.is_infinite());
        assert!(s.diverged());
    }

    #[test]
    fn a_large_learning_rate_kills_every_neuron_instead_of_diverging() {
        // With η = 0.6 the first steps overshoot, every zⱼ turns negative, ŷ sticks at 0 and
        // the loss at (0 − 1)² = 1: a dead network, finite and not diverged.
        let mut net = Network::article();
        for _ in 0..200 {
            let s = net.sgd_step(2.0, 1.0, 0.6);
            assert!(!s.diverged());
            net = s.after;
        }
        assert_eq!(net.loss(2.0, 1.0), 1.0);
    }

    #[test]
    fn flat_round_trip_and_bad_lengths() {
        let n = Network::article();
        assert_eq!(Network::from_flat(&n.flat()), Some(n));
        assert_eq!(Network::from_flat(&[1.0, 2.0, 3.0]), None);
        assert_eq!(Network::from_flat(&[]), None);
    }
}
